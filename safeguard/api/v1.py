"""The partner API, version 1: partner agencies' systems send contacts and read back
their outcome. Each system authenticates with its own key (``Authorization: Bearer``).
Every failure has one shape: ``{"errors": [{"field": ..., "message": ...}]}``.
The OpenAPI document is at /api/v1/openapi.json."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_lib
from typing import Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from safeguard.audit import services as audit
from safeguard.audit.models import EventType, Outcome
from safeguard.frontdoor import services as frontdoor
from safeguard.frontdoor.codes import Concern, Consent, PersonRole, ReferralSource
from safeguard.frontdoor.models import Contact
from safeguard.lib.errors import AccessDenied

from . import services
from .models import ApiClient


class PartnerKey(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiClient | None:
        client = services.api_client_authenticate(token)
        if client is not None:
            request.api_client = client  # type: ignore[attr-defined]
        return client


api = NinjaAPI(
    title="Safeguard partner API",
    version="1",
    description=__doc__,
    urls_namespace="api-v1",
    auth=PartnerKey(),
    docs_url=None,  # the interactive docs load scripts from a CDN; the JSON document is served
    openapi_url="/openapi.json",
)


# --- Errors: one shape for every failure --------------------------------------------


class ErrorItem(Schema):
    field: str | None = Field(None, description="The request field the message is about, dotted (child.date_of_birth).")
    message: str


class ErrorOut(Schema):
    errors: list[ErrorItem]


def _errors(request: HttpRequest, status: int, items: list[dict[str, Any]]) -> HttpResponse:
    return api.create_response(request, {"errors": items}, status=status)


# Service field names -> API field paths.
_FIELD_PATHS = {
    "narrative": "narrative",
    "concerns": "concerns",
    "consent": "consent",
    "consent_reason": "consent_reason",
    "source": "source",
    "Idempotency-Key": "Idempotency-Key",
    "referrer_agency": "authorization",
}


def _api_field(name: str) -> str:
    if name in _FIELD_PATHS:
        return _FIELD_PATHS[name]
    if name.startswith("child_"):
        return "child." + name.removeprefix("child_")
    return name


@api.exception_handler(NinjaValidationError)
def _validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    items = []
    for error in exc.errors:
        loc = [str(p) for p in error.get("loc", []) if p not in ("body", "payload", "query", "path", "header")]
        message = error.get("msg", "is not valid")
        if error.get("type") == "missing":
            message = "This field is required."
        items.append({"field": ".".join(loc) or None, "message": message})
    return _errors(request, 422, items)


@api.exception_handler(DjangoValidationError)
def _service_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    items: list[dict[str, Any]] = []
    if hasattr(exc, "error_dict"):
        for name, messages in exc.message_dict.items():
            items += [{"field": _api_field(name), "message": m} for m in messages]
    else:
        items = [{"field": None, "message": m} for m in exc.messages]
    status = 409 if any(i["field"] == "Idempotency-Key" for i in items) else 422
    return _errors(request, status, items)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    with transaction.atomic():
        audit.record(
            actor=None,
            event_type=EventType.API_REJECTED,
            outcome=Outcome.DENIED,
            data={"extra": {"path": request.path, "reason": "no valid key"}},
        )
    response = _errors(
        request,
        401,
        [
            {
                "field": "authorization",
                "message": (
                    "Send your system's key as 'Authorization: Bearer <key>'. "
                    "The key given is missing, wrong or revoked."
                ),
            }
        ],
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(AccessDenied)
def _denied(request: HttpRequest, exc: AccessDenied) -> HttpResponse:
    return _errors(request, 403, [{"field": None, "message": str(exc)}])


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _errors(request, exc.status_code, [{"field": None, "message": str(exc)}])


# --- Schemas -----------------------------------------------------------------------------


class ChildIn(Schema):
    given_name: str = Field("", max_length=100)
    family_name: str = Field("", max_length=100)
    date_of_birth: dt.date | None = None
    expected_date_of_birth: dt.date | None = Field(None, description="For an unborn child, instead of date_of_birth.")
    sex: Literal["M", "F", "U"] = "U"
    address: str = Field("", max_length=300)
    postcode: str = Field("", max_length=10)
    nhs_number: str = Field(
        "", max_length=14, description="10 digits; spaces allowed. Checked by its modulus-11 digit."
    )
    upn: str = Field("", max_length=15, description="Unique pupil number; checked by its check letter.")
    school: str = Field("", max_length=200)


class PersonIn(Schema):
    role: Literal["parent", "carer", "sibling", "household", "alleged", "other"]
    name: str = Field(..., min_length=1, max_length=200)
    date_of_birth: dt.date | None = None
    address: str = Field("", max_length=300)
    notes: str = Field("", max_length=500)


class ReferrerIn(Schema):
    name: str = Field(..., min_length=1, max_length=200, description="The practitioner raising the concern.")
    role: str = Field("", max_length=200)
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)


class ContactIn(Schema):
    child: ChildIn
    people: list[PersonIn] = []
    referrer: ReferrerIn
    source: str | None = Field(None, description="CIN census referral source; defaults from your agency (police: 6).")
    concerns: list[str] = Field(..., min_length=1, description="Any of: " + ", ".join(Concern.values))
    narrative: str = Field(..., min_length=1, description="What happened, in the referrer's words.")
    immediate_danger: bool
    consent: Literal["given", "refused", "not_sought"]
    consent_reason: str = ""


class OutcomeOut(Schema):
    decision: str
    decision_label: str
    decided_at: dt.datetime | None


class ContactOut(Schema):
    id: uuid_lib.UUID
    reference: str
    received_at: dt.datetime
    decision_due_at: dt.datetime
    status: str
    outcome: OutcomeOut | None


def _out(contact: Contact) -> dict[str, Any]:
    decided = contact.status == "decided"
    return {
        "id": contact.uuid,
        "reference": contact.reference,
        "received_at": contact.received_at,
        "decision_due_at": contact.decision_due_at,
        "status": contact.status,
        "outcome": {
            "decision": contact.decision,
            "decision_label": contact.get_decision_display(),
            "decided_at": contact.authorised_at,
        }
        if decided
        else None,
    }


# --- Endpoints ---------------------------------------------------------------------------


@api.post(
    "/contacts",
    response={201: ContactOut, 200: ContactOut, 401: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Send a contact to the MASH",
    description=(
        "Creates a contact about a child. Send an `Idempotency-Key` header (any unique string up to 100 "
        "characters) so that a retried request never makes a second contact: a retry with the same key and "
        "body answers 200 with the contact already made; the same key with a different body answers 409."
    ),
)
def contacts_create(request: HttpRequest, payload: ContactIn) -> Status[dict[str, Any]]:
    client: ApiClient = request.api_client  # type: ignore[attr-defined]
    key = (request.headers.get("Idempotency-Key") or "").strip()
    if len(key) > 100:
        raise DjangoValidationError({"Idempotency-Key": "An Idempotency-Key is at most 100 characters."})
    if payload.source and payload.source not in ReferralSource.values:
        raise DjangoValidationError({"source": "Use a CIN census referral source code, for example 6 for police."})
    data = frontdoor.ContactInput(
        narrative=payload.narrative,
        concerns=payload.concerns,
        consent=payload.consent if payload.consent in Consent.values else "",
        consent_reason=payload.consent_reason,
        immediate_danger=payload.immediate_danger,
        source=payload.source or "",
        referrer_name=payload.referrer.name,
        referrer_role=payload.referrer.role,
        referrer_phone=payload.referrer.phone,
        referrer_email=payload.referrer.email,
        child_given_name=payload.child.given_name,
        child_family_name=payload.child.family_name,
        child_date_of_birth=payload.child.date_of_birth,
        child_expected_date_of_birth=payload.child.expected_date_of_birth,
        child_sex=payload.child.sex,
        child_address=payload.child.address,
        child_postcode=payload.child.postcode,
        child_nhs_number=payload.child.nhs_number,
        child_upn=payload.child.upn,
        child_school=payload.child.school,
        people=[
            frontdoor.PersonAround(
                role=p.role, name=p.name, date_of_birth=p.date_of_birth, address=p.address, notes=p.notes
            )
            for p in payload.people
            if p.role in PersonRole.values
        ],
    )
    contact, created = frontdoor.contact_submit(
        actor=services.api_actor(client),
        data=data,
        channel="api",
        api_client=client,
        idempotency_key=key,
        match_now=False,  # the register is searched just after (frontdoor.services.suggest_pending)
    )
    return Status(201 if created else 200, _out(contact))


@api.get(
    "/contacts/{contact_id}",
    response={200: ContactOut, 401: ErrorOut, 404: ErrorOut},
    summary="Read a contact's status and outcome",
    description="Only contacts your agency sent can be read; any other answers 404.",
)
def contacts_read(request: HttpRequest, contact_id: uuid_lib.UUID) -> dict[str, Any]:
    client: ApiClient = request.api_client  # type: ignore[attr-defined]
    contact = Contact.objects.filter(uuid=contact_id).first()
    if contact is None or contact.referrer_agency_id != client.agency_id:
        if contact is not None:
            with transaction.atomic():
                audit.record(
                    actor=services.api_actor(client),
                    event_type=EventType.ACCESS_DENIED,
                    outcome=Outcome.DENIED,
                    subject=contact,
                    data={"extra": {"action": "api_read_contact", "basis": "other_agency"}},
                )
        raise HttpError(404, "No contact with that id was sent by your agency.")
    with transaction.atomic():
        audit.record(
            actor=services.api_actor(client),
            event_type=EventType.CONTACT_VIEWED,
            subject=contact,
            data={"extra": {"basis": "referrer", "channel": "api"}},
        )
    return _out(contact)
