"""Pages of leaving care: the personal adviser, the leaving-care details (needs assessment,
staying put, support to 25), pathway plans and their reviews, keeping in touch, and the
leaving-care caseload. Each view parses the request, reads through one selector (which asks
the policy and records the view) and acts through one service."""

from __future__ import annotations

import uuid as uuid_lib
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.accounts.http import AuthedRequest
from safeguard.casework.selectors import CaseFile
from safeguard.casework.views import casework_page
from safeguard.lib.errors import StaleEdit

from . import selectors, services
from .forms import AdviserForm, DetailsForm, EndSupportForm, KeepInTouchForm, PathwayPlanForm, PathwayReviewForm
from .policy import can_allocate_adviser, can_record_leaving_care

ANCHOR = "#section-leaving-care"
DETAIL_LABELS = {
    "needs_assessment_on": "Needs assessment completed",
    "continuing_support": "Support continues up to 25",
    "returned_home_on": "Went home to live with a parent",
    "staying_put_from": "Staying put began",
    "staying_put_carer": "Staying put carers",
    "staying_put_until": "Staying put ended",
}


def _child_url(person: Any) -> str:
    return reverse("people:child", args=[person.uuid]) + ANCHOR


def _form_page(
    request: AuthedRequest, case: CaseFile, form: Any, title: str, *, intro: str = "", conflict: Any = None
) -> HttpResponse:
    return render(
        request,
        "leaving_care/form.html",
        {
            "record": case,
            "person": case.person,
            "form": form,
            "title": title,
            "intro": intro,
            "back_url": _child_url(case.person),
            "conflict": conflict,
            "labels": DETAIL_LABELS,
        },
    )


def _save(form: Any, act: Callable[[], Any]) -> Any:
    try:
        return act()
    except ValidationError as exc:
        form.add_service_errors(exc)
    return None


@casework_page
@require_http_methods(["GET", "POST"])
def adviser_allocate(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    case = selectors.open_for_adviser(user=request.user, child_uuid=child_uuid)
    current = selectors.case_of(case.person)
    initial = {"from_date": case.today.day, "adviser": current.personal_adviser_id if current else None}
    form = AdviserForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved = _save(
            form,
            lambda: services.adviser_allocate(
                actor=request.user, child=case.person, adviser=d["adviser"], from_date=d["from_date"]
            ),
        )
        if saved is not None:
            messages.success(request, f"{d['adviser'].display_name} is now {case.person.full_name}'s personal adviser.")
            return redirect(_child_url(case.person))
    return _form_page(
        request,
        case,
        form,
        "Allocate a personal adviser",
        intro="A personal adviser supports the young person up to 25. Their team will be able to open the record.",
    )


@casework_page
@require_http_methods(["GET", "POST"])
def details_edit(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    case = selectors.open_for_work(user=request.user, child_uuid=child_uuid, purpose="edit_leaving_care")
    current = selectors.case_of(case.person)
    initial: dict[str, Any] = {"version": current.version if current else 1}
    if current is not None:
        initial |= {name: getattr(current, name) for name in services.CASE_FIELDS}
    form = DetailsForm(request.POST or None, initial=initial)
    conflict: StaleEdit | None = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        values = {name: d.get(name) for name in services.CASE_FIELDS}
        values["staying_put_carer"] = (values["staying_put_carer"] or "").strip()
        values["continuing_support"] = bool(values["continuing_support"])
        opened = d["version"]
        try:
            services.case_update(actor=request.user, child=case.person, expected_version=opened, **values)
        except StaleEdit:
            latest = selectors.case_of(case.person)
            assert latest is not None
            conflict = selectors.details_changes_since(case=latest, opened_version=opened)
            resubmitted = request.POST.copy()
            resubmitted["version"] = str(latest.version)
            form = DetailsForm(resubmitted)
            form.is_valid()
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "The leaving-care details have been saved.")
            return redirect(_child_url(case.person))
    return _form_page(request, case, form, "Leaving-care details", conflict=conflict)


@casework_page
@require_http_methods(["GET", "POST"])
def plan_new(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    case = selectors.open_for_work(user=request.user, child_uuid=child_uuid, purpose="start_pathway_plan")
    form = PathwayPlanForm(request.POST or None, initial={"agreed_on": case.today.day})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        plan = _save(
            form,
            lambda: services.pathway_plan_start(
                actor=request.user, child=case.person, agreed_on=d["agreed_on"], summary=d["summary"]
            ),
        )
        if plan is not None:
            messages.success(
                request, f"The pathway plan is saved. Its first review is due by {plan.next_review_due:%-d %B %Y}."
            )
            return redirect("leaving_care:plan", child_uuid=case.person.uuid, pathway_plan_uuid=plan.uuid)
    return _form_page(
        request,
        case,
        form,
        "Record a pathway plan",
        intro="The pathway plan is made from the needs assessment and agreed before the young person leaves care. "
        "It is reviewed at least every 6 months.",
    )


@casework_page
@require_GET
def plan(request: AuthedRequest, child_uuid: uuid_lib.UUID, pathway_plan_uuid: uuid_lib.UUID) -> HttpResponse:
    case, record = selectors.plan_for_view(user=request.user, child_uuid=child_uuid, plan_uuid=pathway_plan_uuid)
    return render(
        request,
        "leaving_care/plan.html",
        {
            "record": case,
            "person": case.person,
            "plan": record,
            "reviews": list(record.reviews.select_related("recorded_by")),
            "due": case.today.due(record.next_review_due) if record.ended_on is None else None,
            "can_record": bool(can_record_leaving_care(request.user, case.person)),
        },
    )


@casework_page
@require_http_methods(["GET", "POST"])
def plan_review(request: AuthedRequest, child_uuid: uuid_lib.UUID, pathway_plan_uuid: uuid_lib.UUID) -> HttpResponse:
    case, record = selectors.plan_for_work(
        user=request.user, child_uuid=child_uuid, plan_uuid=pathway_plan_uuid, purpose="review_pathway_plan"
    )
    form = PathwayReviewForm(request.POST or None, initial={"held_on": case.today.day, "version": record.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.pathway_plan_review(
                actor=request.user, plan=record, held_on=d["held_on"], notes=d["notes"], expected_version=d["version"]
            )
        except StaleEdit:
            record.refresh_from_db()
            latest = record.reviews.select_related("recorded_by").first()
            conflict = StaleEdit(
                {"review": ("", f"{latest.held_on:%-d %B %Y}" if latest else "")},
                changed_by=latest.recorded_by.display_name if latest else "",
            )
            resubmitted = request.POST.copy()
            resubmitted["version"] = str(record.version)
            form = PathwayReviewForm(resubmitted)
            form.is_valid()
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            record.refresh_from_db()
            messages.success(
                request, f"The review is saved. The next review is due by {record.next_review_due:%-d %B %Y}."
            )
            return redirect("leaving_care:plan", child_uuid=case.person.uuid, pathway_plan_uuid=record.uuid)
    return _form_page(
        request,
        case,
        form,
        "Record a pathway plan review",
        intro=f"This review is due by {record.next_review_due:%-d %B %Y}.",
        conflict=conflict,
    )


@casework_page
@require_http_methods(["GET", "POST"])
def keep_in_touch_new(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    case = selectors.open_for_work(user=request.user, child_uuid=child_uuid, purpose="record_keep_in_touch")
    form = KeepInTouchForm(request.POST or None, initial={"contacted_on": case.today.day})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved = _save(
            form,
            lambda: services.keep_in_touch_record(
                actor=request.user,
                child=case.person,
                contacted_on=d["contacted_on"],
                in_touch=d["in_touch"],
                activity=d["activity"],
                accommodation=d["accommodation"],
                suitability=d.get("suitability") or "",
                notes=d.get("notes") or "",
            ),
        )
        if saved is not None:
            # Whether that birthday is reported in the return is on the birthdays table.
            counted = f" It is the contact for the {saved.birthday_age}th birthday." if saved.birthday_age else ""
            messages.success(request, f"The keeping-in-touch record is saved.{counted}")
            return redirect(_child_url(case.person))
    return _form_page(
        request,
        case,
        form,
        "Record keeping in touch",
        intro="Record each contact, or attempt, in the national (SSDA903) codes. A contact from 3 months before "
        "to 1 month after a 17th to 21st birthday counts for that birthday's return.",
    )


@casework_page
@require_http_methods(["GET", "POST"])
def support_end(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    case = selectors.open_for_work(
        user=request.user, child_uuid=child_uuid, purpose="end_leaving_care", decide=can_allocate_adviser
    )
    form = EndSupportForm(request.POST or None, initial={"on": case.today.day})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved = _save(
            form, lambda: services.support_end(actor=request.user, child=case.person, on=d["on"], reason=d["reason"])
        )
        if saved is not None:
            messages.success(request, f"Leaving-care support for {case.person.full_name} has ended.")
            return redirect(_child_url(case.person))
    return _form_page(
        request,
        case,
        form,
        "End leaving-care support",
        intro="The pathway plan ends, no more contacts fall due, and the personal adviser's team no longer holds "
        "open work with the young person. Allocating a personal adviser again reopens support (up to 25).",
    )


@require_GET
def caseload(request: AuthedRequest) -> HttpResponse:
    # A refusal (AccessDenied) is rendered by the project's 403 page with the policy's reason.
    load = selectors.caseload_for(
        user=request.user, scope=request.GET.get("scope", ""), sort=request.GET.get("sort", "due")
    )
    return render(
        request,
        "leaving_care/caseload.html",
        {"load": load, "scopes": selectors.SCOPES, "sorts": selectors.SORTS},
    )
