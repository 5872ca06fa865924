"""POST /api/v1/contacts and GET /api/v1/contacts/{id}: each partner system with its own
key, idempotent retries, one error shape."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from safeguard.api import services as api_services
from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast
from safeguard.frontdoor.models import Contact

URL = "/api/v1/contacts"


def _body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "child": {
            "given_name": "Tylor",
            "family_name": "Brooks",
            "date_of_birth": "2014-05-17",
            "sex": "M",
            "postcode": "NB1 2AB",
        },
        "people": [{"role": "parent", "name": "Dawn Brookes"}],
        "referrer": {"name": "PC 4471 Lane", "role": "Public Protection Unit", "phone": "01632 960000"},
        "concerns": ["domestic_abuse"],
        "narrative": "Domestic incident overnight; the child was present.",
        "immediate_danger": False,
        "consent": "not_sought",
        "consent_reason": "Seeking consent could increase the risk.",
    }
    body.update(overrides)
    return body


@pytest.fixture
def police_key(cast: Cast) -> str:
    return api_services.api_client_create(actor=cast.admin, agency=cast.police_force, name="Police RMS")[1]


@pytest.fixture
def school_key(cast: Cast) -> str:
    return api_services.api_client_create(actor=cast.admin, agency=cast.school_agency, name="School MIS")[1]


def _post(key: str | None, body: dict[str, Any], idempotency_key: str | None = None):  # type: ignore[no-untyped-def]
    headers = {}
    if key:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    if idempotency_key:
        headers["HTTP_IDEMPOTENCY_KEY"] = idempotency_key
    return Client().post(URL, data=json.dumps(body), content_type="application/json", **headers)


def test_it_creates_a_contact_for_the_key_holders_agency(cast: Cast, police_key: str) -> None:
    response = _post(police_key, _body())
    assert response.status_code == 201, response.content
    data = response.json()
    contact = Contact.objects.get(uuid=data["id"])
    assert contact.referrer_agency == cast.police_force
    assert contact.channel == "api" and contact.source == "6"
    assert data["status"] == "received" and data["outcome"] is None
    assert AuditEvent.objects.filter(event_type=EventType.CONTACT_SUBMITTED, subject_id=str(contact.uuid)).exists()


def test_a_retry_with_the_same_idempotency_key_never_makes_two_contacts(cast: Cast, police_key: str) -> None:
    first = _post(police_key, _body(), "incident-2026-4471")
    again = _post(police_key, _body(), "incident-2026-4471")
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["id"] == again.json()["id"]
    assert Contact.objects.count() == 1


def test_reusing_an_idempotency_key_for_a_different_contact_is_refused(cast: Cast, police_key: str) -> None:
    _post(police_key, _body(), "incident-2026-4471")
    response = _post(police_key, _body(narrative="Something else entirely."), "incident-2026-4471")
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
    assert Contact.objects.count() == 1


def test_validation_errors_name_the_field_and_say_what_is_wrong(cast: Cast, police_key: str) -> None:
    response = _post(police_key, _body(child={"given_name": "A", "date_of_birth": "2014-02-30"}, concerns=[]))
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert "child.date_of_birth" in fields and "concerns" in fields
    response = _post(police_key, _body(child={"family_name": "Brooks", "nhs_number": "9434765918"}))
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "child.nhs_number",
            "message": "This NHS number's check digit is wrong: check it has been copied correctly.",
        }
    ]


def test_it_refuses_a_missing_or_revoked_key(cast: Cast, police_key: str) -> None:
    assert _post(None, _body()).status_code == 401
    assert _post("sg_deadbeef_nottherightkey", _body()).status_code == 401
    client = cast.police_force.api_clients.get()
    api_services.api_client_revoke(actor=cast.admin, client=client)
    response = _post(police_key, _body())
    assert response.status_code == 401
    assert response.json()["errors"][0]["field"] == "authorization"
    assert AuditEvent.objects.filter(event_type=EventType.API_REJECTED).count() == 3


def test_another_agencys_key_cannot_read_the_contact(cast: Cast, police_key: str, school_key: str) -> None:
    contact_id = _post(police_key, _body()).json()["id"]
    own = Client().get(f"{URL}/{contact_id}", HTTP_AUTHORIZATION=f"Bearer {police_key}")
    assert own.status_code == 200 and own.json()["reference"]
    other = Client().get(f"{URL}/{contact_id}", HTTP_AUTHORIZATION=f"Bearer {school_key}")
    assert other.status_code == 404
    assert other.json() == {"errors": [{"field": None, "message": "No contact with that id was sent by your agency."}]}
    assert AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED, subject_id=contact_id).exists()


def test_the_openapi_document_describes_the_contact_endpoint(db: None) -> None:
    document = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/contacts" in document["paths"]
    post = document["paths"]["/api/v1/contacts"]["post"]
    assert {"201", "200", "401", "409", "422"} <= set(post["responses"])
    assert any(s.get("type") == "http" for s in document["components"]["securitySchemes"].values())


def test_the_register_is_searched_just_after_a_partner_system_submits(cast: Cast, police_key: str) -> None:
    """A submission never waits for the register search; the worker (or the MASH queue
    opening) suggests the likely child soon after, and never links it."""
    from django.core.management import call_command

    from safeguard.conftest import client_for

    response = _post(police_key, _body())
    contact = Contact.objects.get(uuid=response.json()["id"])
    assert contact.suggestion_checked_at is None and contact.suggested_child is None
    version = contact.version
    call_command("match_contacts", verbosity=0)
    contact.refresh_from_db()
    assert contact.suggested_child == cast.child and contact.suggestion_checked_at is not None
    assert contact.child is None and contact.version == version  # a suggestion, not an edit

    second = Contact.objects.get(uuid=_post(police_key, _body()).json()["id"])
    page = client_for(cast.mash).get("/mash/")
    assert page.status_code == 200
    second.refresh_from_db()
    assert second.suggested_child == cast.child
    assert f"Likely {cast.child.full_name}" in page.content.decode()
