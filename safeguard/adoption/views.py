"""Pages of adoption: a child's adoption record (the decision that the child should be
placed for adoption and what followed), and the adopters: households, their journey
through approval, and each adopter. Each view parses the request, reads through one
selector (which asks the policy and records the view) and acts through one service."""

from __future__ import annotations

import uuid as uuid_lib
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.enforce import require
from safeguard.accounts.http import AuthedRequest
from safeguard.casework.selectors import CaseFile
from safeguard.casework.views import casework_page
from safeguard.lib.errors import InvalidTransition, NotVisible, StaleEdit

from . import selectors, services
from .forms import AdopterForm, DecisionForm, DecisionNewForm, HouseholdNewForm, JourneyForm
from .models import AdopterHousehold
from .policy import can_record_adopters

DECISION_LABELS = {
    "decided_on": "Decision that the child should be placed for adoption",
    "placement_order_on": "Placement order",
    "ffa_placed_on": "Fostering for adoption placement",
    "matched_on": "Matched with adopters",
    "household": "Adopters",
    "placed_on": "Placed for adoption",
    "placed_with_foster_carer": "Placed with the foster carers",
    "adoption_order_on": "Adoption order",
    "no_longer_on": "Should no longer be placed for adoption",
    "no_longer_reason": "Why no longer",
}
JOURNEY_LABELS = {
    "legal_status": "Single or couple",
    "enquiry_on": "Enquiry",
    "stage1_started_on": "Stage 1 started",
    "stage1_ended_on": "Stage 1 ended",
    "stage2_started_on": "Stage 2 started",
    "application_on": "Application submitted",
    "stage2_ended_on": "Stage 2 ended",
    "approved_on": "Approved",
    "matched_on": "Matched",
    "placed_on": "Children placed",
    "children_placed": "Number of children placed",
    "adoption_order_on": "Adoption order",
    "left_on": "Left the process",
    "left_reason": "Why they left",
}
ADOPTER_LABELS = {
    "given_name": "First name",
    "family_name": "Last name",
    "sex": "Sex",
    "ethnicity": "Ethnicity",
    "disability": "Disability",
    "fostering_for_adoption": "Fostering for adoption",
}


def _record_url(person: Any) -> str:
    return reverse("adoption:record", args=[person.uuid])


def _form_page(
    request: AuthedRequest,
    form: Any,
    title: str,
    *,
    back_url: str,
    back_text: str,
    case: CaseFile | None = None,
    caption: str = "",
    intro: str = "",
    conflict: StaleEdit | None = None,
    labels: dict[str, str] | None = None,
) -> HttpResponse:
    return render(
        request,
        "adoption/form.html",
        {
            "record": case,
            "person": case.person if case else None,
            "form": form,
            "title": title,
            "caption": caption or (case.person.full_name if case else ""),
            "intro": intro,
            "back_url": back_url,
            "back_text": back_text,
            "conflict": conflict,
            "labels": labels or {},
        },
    )


def _resubmitted(request: HttpRequest, version: int) -> Any:
    data = request.POST.copy()
    data["version"] = str(version)
    return data


def adopters_page(view: Any) -> Any:
    """Adopter pages: 404 for a household or adopter that does not exist; a refusal
    (AccessDenied) is rendered by the project's 403 page with the policy's reason."""

    @wraps(view)
    def wrapper(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotVisible:
            raise Http404("Page not found") from None

    return wrapper


# --- A child's adoption record --------------------------------------------------------------------


@casework_page
@require_GET
def record(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    case, adoption = selectors.record_for_view(user=request.user, child_uuid=child_uuid)
    return render(
        request,
        "adoption/record.html",
        {"record": case, "person": case.person, "a": adoption},
    )


@casework_page
@require_http_methods(["GET", "POST"])
def decision_new(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    case = selectors.open_for_work(user=request.user, child_uuid=child_uuid, purpose="adoption_decision_new")
    form = DecisionNewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.decision_record(
                actor=request.user,
                child=case.person,
                decided_on=d["decided_on"],
                placement_order_on=d.get("placement_order_on"),
                ffa_placed_on=d.get("ffa_placed_on"),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        except InvalidTransition as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The decision that the child should be placed for adoption is saved.")
            return redirect(_record_url(case.person))
    return _form_page(
        request,
        form,
        "Record a decision that the child should be placed for adoption",
        case=case,
        back_url=_record_url(case.person),
        back_text=f"Back to {case.person.full_name}'s adoption record",
        intro="The agency decision maker's decision, on the adoption panel's recommendation (Adoption Agencies "
        "Regulations 2005, regulation 19). Matching with adopters is expected within 6 months of it.",
    )


@casework_page
@require_http_methods(["GET", "POST"])
def decision_edit(request: AuthedRequest, child_uuid: uuid_lib.UUID, decision_uuid: uuid_lib.UUID) -> HttpResponse:
    case, decision = selectors.decision_for_work(user=request.user, child_uuid=child_uuid, decision_uuid=decision_uuid)
    households = selectors.households_to_match()
    if decision.household is not None and decision.household not in households:
        households.append(decision.household)
    initial: dict[str, Any] = {name: getattr(decision, name) for name in services.DECISION_FIELDS}
    initial["placed_with_foster_carer"] = {True: "yes", False: "no"}.get(decision.placed_with_foster_carer, "")  # type: ignore[arg-type]
    initial["version"] = decision.version
    form = DecisionForm(request.POST or None, initial=initial, households=households)
    conflict: StaleEdit | None = None
    if request.method == "POST" and form.is_valid():
        opened = form.cleaned_data["version"]
        try:
            services.decision_update(actor=request.user, decision=decision, expected_version=opened, **form.values())
        except StaleEdit:
            decision.refresh_from_db()
            conflict = selectors.changes_since(subject=decision, record=services.DECISION_RECORD, opened_version=opened)
            form = DecisionForm(_resubmitted(request, decision.version), households=households)
            form.is_valid()
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "The adoption record is saved.")
            return redirect(_record_url(case.person))
    return _form_page(
        request,
        form,
        "Update the adoption record",
        case=case,
        back_url=_record_url(case.person),
        back_text=f"Back to {case.person.full_name}'s adoption record",
        intro="Record what has happened since the decision. Leave blank what has not happened yet.",
        conflict=conflict,
        labels=DECISION_LABELS,
    )


# --- Adopters --------------------------------------------------------------------------------------


def _household_url(household: AdopterHousehold) -> str:
    return reverse("adoption:household", args=[household.uuid])


@adopters_page
@require_GET
def households(request: AuthedRequest) -> HttpResponse:
    rows, status = selectors.households_for(user=request.user, status=request.GET.get("status", "active"))
    return render(
        request,
        "adoption/households.html",
        {
            "rows": rows,
            "status": status,
            "statuses": selectors.STATUSES,
            "can_record": bool(can_record_adopters(request.user)),
        },
    )


@adopters_page
@require_http_methods(["GET", "POST"])
def household_new(request: AuthedRequest) -> HttpResponse:
    require(can_record_adopters(request.user), actor=request.user, action="adopter_household_new")
    form = HouseholdNewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        adopters = [
            services.AdopterInput(
                given_name=d["given_name"],
                family_name=d["family_name"],
                sex=d["sex"],
                ethnicity=d["ethnicity"],
                disability=d["disability"],
                fostering_for_adoption=d["fostering_for_adoption"],
            )
        ]
        if form.has_second():
            adopters.append(
                services.AdopterInput(
                    given_name=d.get("second_given_name") or "",
                    family_name=d.get("second_family_name") or "",
                    sex=d.get("second_sex") or "",
                    ethnicity=d.get("second_ethnicity") or "",
                    disability=d.get("second_disability") or "unknown",
                    fostering_for_adoption=bool(d.get("second_fostering_for_adoption")),
                )
            )
        try:
            household = services.household_create(
                actor=request.user, legal_status=d["legal_status"], enquiry_on=d["enquiry_on"], adopters=adopters
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"The household is saved as {household.reference}.")
            return redirect(_household_url(household))
    return _form_page(
        request,
        form,
        "Record an adopter enquiry",
        caption="Adopters",
        back_url=reverse("adoption:households"),
        back_text="Back to adopters",
        intro="Synthetic demo data only. One adopter, or a couple applying together.",
    )


@adopters_page
@require_GET
def household(request: AuthedRequest, household_uuid: uuid_lib.UUID) -> HttpResponse:
    page = selectors.household_for_view(user=request.user, household_uuid=household_uuid)
    return render(request, "adoption/household.html", {"page": page, "h": page.row.household})


@adopters_page
@require_http_methods(["GET", "POST"])
def household_edit(request: AuthedRequest, household_uuid: uuid_lib.UUID) -> HttpResponse:
    found = selectors.household_for_work(user=request.user, household_uuid=household_uuid, purpose="adopter_journey")
    initial: dict[str, Any] = {name: getattr(found, name) for name in services.JOURNEY_FIELDS}
    initial["version"] = found.version
    form = JourneyForm(request.POST or None, initial=initial)
    conflict: StaleEdit | None = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        opened = d["version"]
        values = {name: d.get(name) for name in services.JOURNEY_FIELDS}
        values["left_reason"] = values["left_reason"] or ""
        try:
            services.household_update(actor=request.user, household=found, expected_version=opened, **values)
        except StaleEdit:
            found.refresh_from_db()
            conflict = selectors.changes_since(subject=found, record=services.HOUSEHOLD_RECORD, opened_version=opened)
            form = JourneyForm(_resubmitted(request, found.version))
            form.is_valid()
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"The journey of {found.reference} is saved.")
            return redirect(_household_url(found))
    return _form_page(
        request,
        form,
        f"The journey of {found.reference}",
        caption="Adopters",
        back_url=_household_url(found),
        back_text=f"Back to {found.reference}",
        intro="Stage 1 (pre-approval) usually takes 2 months and stage 2 (assessment) 4 months. "
        "A child's match, placement and adoption order are recorded on the child's adoption record too.",
        conflict=conflict,
        labels=JOURNEY_LABELS,
    )


@adopters_page
@require_http_methods(["GET", "POST"])
def adopter_new(request: AuthedRequest, household_uuid: uuid_lib.UUID) -> HttpResponse:
    found = selectors.household_for_work(user=request.user, household_uuid=household_uuid, purpose="adopter_new")
    form = AdopterForm(request.POST or None, initial={"version": found.version}, with_legal_status=True)
    conflict: StaleEdit | None = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        opened = d["version"]
        try:
            services.adopter_add(
                actor=request.user,
                household=found,
                adopter=services.AdopterInput(**{name: d[name] for name in services.ADOPTER_FIELDS}),
                legal_status=d["legal_status"],
                expected_version=opened,
            )
        except StaleEdit:
            found.refresh_from_db()
            conflict = selectors.changes_since(subject=found, record=services.HOUSEHOLD_RECORD, opened_version=opened)
            form = AdopterForm(_resubmitted(request, found.version), with_legal_status=True)
            form.is_valid()
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"The second adopter is added to {found.reference}.")
            return redirect(_household_url(found))
    return _form_page(
        request,
        form,
        f"Add a second adopter to {found.reference}",
        caption="Adopters",
        back_url=_household_url(found),
        back_text=f"Back to {found.reference}",
        conflict=conflict,
        labels=JOURNEY_LABELS,
    )


@adopters_page
@require_http_methods(["GET", "POST"])
def adopter_edit(request: AuthedRequest, household_uuid: uuid_lib.UUID, adopter_uuid: uuid_lib.UUID) -> HttpResponse:
    found, adopter = selectors.adopter_for_work(
        user=request.user, household_uuid=household_uuid, adopter_uuid=adopter_uuid
    )
    initial: dict[str, Any] = {name: getattr(adopter, name) for name in services.ADOPTER_FIELDS}
    initial["version"] = adopter.version
    form = AdopterForm(request.POST or None, initial=initial)
    conflict: StaleEdit | None = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        opened = d["version"]
        try:
            services.adopter_update(
                actor=request.user,
                adopter=adopter,
                expected_version=opened,
                **{name: d[name] for name in services.ADOPTER_FIELDS},
            )
        except StaleEdit:
            adopter.refresh_from_db()
            conflict = selectors.changes_since(subject=adopter, record=services.ADOPTER_RECORD, opened_version=opened)
            form = AdopterForm(_resubmitted(request, adopter.version))
            form.is_valid()
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"{adopter.identifier} is saved.")
            return redirect(_household_url(found))
    return _form_page(
        request,
        form,
        f"Change {adopter.full_name}'s details",
        caption=f"Adopters: {found.reference}",
        back_url=_household_url(found),
        back_text=f"Back to {found.reference}",
        conflict=conflict,
        labels=ADOPTER_LABELS,
    )
