"""Pages of the front door: raising a contact, the MASH queue and a contact's triage,
partners' information requests, and API credentials."""

from __future__ import annotations

import uuid as uuid_lib
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from safeguard.access import policy
from safeguard.access.enforce import require
from safeguard.accounts.http import AuthedRequest
from safeguard.lib.errors import InvalidTransition, StaleEdit
from safeguard.lib.views import not_visible_is_404
from safeguard.people.models import Person

from . import selectors, services
from .forms import AnswerForm, ContactForm, DecideForm, RateForm, RequestForm, ReturnForm


def _contact_input(data: dict[str, Any]) -> services.ContactInput:
    return services.ContactInput(
        narrative=data["narrative"],
        concerns=list(data["concerns"]),
        consent=data["consent"],
        consent_reason=data.get("consent_reason", ""),
        immediate_danger=bool(data["immediate_danger"]),
        source=data.get("source", "") or "",
        referrer_name=data.get("referrer_name", "") or "",
        referrer_role=data.get("referrer_role", ""),
        referrer_phone=data.get("referrer_phone", ""),
        child_given_name=data.get("child_given_name", ""),
        child_family_name=data.get("child_family_name", ""),
        child_date_of_birth=data.get("child_date_of_birth"),
        child_expected_date_of_birth=data.get("child_expected_date_of_birth"),
        child_sex=data.get("child_sex") or "U",
        child_address=data.get("child_address", ""),
        child_postcode=data.get("child_postcode", ""),
        child_nhs_number=data.get("child_nhs_number", ""),
        child_upn=data.get("child_upn", ""),
        child_school=data.get("child_school", ""),
        people=[services.PersonAround(role=role, name=name) for name, role in data.get("people_around") or []],
    )


@require_http_methods(["GET", "POST"])
def contact_new(request: AuthedRequest) -> HttpResponse:
    require(policy.can_submit_contact(request.user), actor=request.user, action="submit_contact")
    recording = bool(policy.can_triage_contacts(request.user))
    form = ContactForm(request.POST or None, recording_for_others=recording)
    if request.method == "POST" and form.is_valid():
        try:
            contact, _ = services.contact_submit(
                actor=request.user,
                data=_contact_input(form.cleaned_data),
                channel="phone" if recording else "web",
                referrer_agency=form.cleaned_data.get("referrer_agency") if recording else None,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            return render(request, "frontdoor/contact_sent.html", {"contact": contact})
    return render(request, "frontdoor/contact_new.html", {"form": form, "nav_active": "contact_new"})


def contacts_mine(request: AuthedRequest) -> HttpResponse:
    contacts = list(selectors.contacts_raised_by_agency(user=request.user)[:200])
    return render(request, "frontdoor/contacts_mine.html", {"contacts": contacts, "nav_active": "contacts"})


# At most this many waiting register searches are done while the MASH queue loads.
SUGGEST_ON_VIEW = 200


def mash_queue(request: AuthedRequest) -> HttpResponse:
    rows = selectors.mash_queue(user=request.user)
    if any(row.contact.suggestion_checked_at is None for row in rows):
        # Partner systems' contacts not yet searched by the background worker: search now.
        services.suggest_pending(limit=SUGGEST_ON_VIEW)
        rows = selectors.mash_queue(user=request.user)
    overdue = sum(1 for r in rows if r.clock.overdue)
    return render(request, "frontdoor/mash_queue.html", {"rows": rows, "overdue": overdue, "nav_active": "mash"})


@not_visible_is_404
def contact_detail(request: AuthedRequest, contact_uuid: uuid_lib.UUID) -> HttpResponse:
    view = selectors.contact_get_for(user=request.user, contact_uuid=contact_uuid)
    contact = view.contact
    context: dict[str, Any] = {
        "view": view,
        "contact": contact,
        "nav_active": "mash" if view.mode == "triage" else "contacts",
    }
    if view.mode == "triage":
        context["history"] = selectors.contact_history(user=request.user, contact=contact)
        context["candidates"] = (
            selectors.contact_candidates(user=request.user, contact=contact) if contact.is_open else []
        )
        context["requests"] = list(contact.requests.select_related("agency", "requested_by", "answered_by"))
        context["can_authorise"] = bool(policy.can_authorise_contact_decision(request.user))
    return render(request, "frontdoor/contact_detail.html", context)


def _triage_action(
    request: AuthedRequest,
    contact_uuid: uuid_lib.UUID,
    form_class: type,
    template: str,
    title: str,
    act: Callable[[Any, dict[str, Any]], Any],
    success: str,
    initial: Callable[[Any], dict[str, Any]] | None = None,
) -> HttpResponse:
    view = selectors.contact_get_for(user=request.user, contact_uuid=contact_uuid)
    contact = view.contact
    require(policy.can_triage_contacts(request.user), actor=request.user, action="triage", subject=contact)
    form = form_class(
        request.POST or None, initial={"version": contact.version, **(initial(contact) if initial else {})}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            act(contact, form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except StaleEdit as exc:
            conflict = exc.changed_by or "someone else"
        except InvalidTransition as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, success)
            return redirect("frontdoor:contact", contact_uuid=contact.uuid)
    return render(request, template, {"form": form, "contact": contact, "title": title, "conflict": conflict})


@not_visible_is_404
@require_http_methods(["GET", "POST"])
def contact_rate(request: AuthedRequest, contact_uuid: uuid_lib.UUID) -> HttpResponse:
    return _triage_action(
        request,
        contact_uuid,
        RateForm,
        "frontdoor/contact_form.html",
        "RAG rating",
        lambda c, d: services.contact_rate(
            actor=request.user, contact=c, rag=d["rag"], rationale=d["rationale"], expected_version=d["version"]
        ),
        "The rating has been saved.",
        initial=lambda c: {"rag": c.rag},
    )


@not_visible_is_404
@require_http_methods(["GET", "POST"])
def request_new(request: AuthedRequest, contact_uuid: uuid_lib.UUID) -> HttpResponse:
    return _triage_action(
        request,
        contact_uuid,
        RequestForm,
        "frontdoor/contact_form.html",
        "Ask a partner for information",
        lambda c, d: services.request_send(actor=request.user, contact=c, agency=d["agency"], question=d["question"]),
        "The request has been sent. The agency sees it in its queue.",
    )


@not_visible_is_404
@require_http_methods(["GET", "POST"])
def contact_decide(request: AuthedRequest, contact_uuid: uuid_lib.UUID) -> HttpResponse:
    return _triage_action(
        request,
        contact_uuid,
        DecideForm,
        "frontdoor/contact_form.html",
        "Decision",
        lambda c, d: services.contact_decide(
            actor=request.user,
            contact=c,
            decision=d["decision"],
            rationale=d["rationale"],
            advice=d["advice"],
            team=d["team"],
            expected_version=d["version"],
        ),
        "The decision has been recorded.",
    )


@not_visible_is_404
@require_http_methods(["GET", "POST"])
def contact_return(request: AuthedRequest, contact_uuid: uuid_lib.UUID) -> HttpResponse:
    return _triage_action(
        request,
        contact_uuid,
        ReturnForm,
        "frontdoor/contact_form.html",
        "Send the decision back",
        lambda c, d: services.contact_return(
            actor=request.user, contact=c, reason=d["reason"], expected_version=d["version"]
        ),
        "The decision has been sent back to triage.",
    )


@not_visible_is_404
@require_POST
def contact_authorise(request: AuthedRequest, contact_uuid: uuid_lib.UUID) -> HttpResponse:
    view = selectors.contact_get_for(user=request.user, contact_uuid=contact_uuid)
    try:
        version = int(request.POST.get("version", "0"))
        services.contact_authorise(actor=request.user, contact=view.contact, expected_version=version)
    except (StaleEdit, InvalidTransition, ValueError) as exc:
        messages.error(request, _conflict_message(exc))
    else:
        messages.success(request, "The decision is authorised. The referrer can see the outcome.")
    return redirect("frontdoor:contact", contact_uuid=view.contact.uuid)


def _conflict_message(exc: Exception) -> str:
    if isinstance(exc, StaleEdit):
        who = exc.changed_by or "someone else"
        return f"{who} changed this contact while you were looking at it. Nothing was saved: check it and try again."
    return str(exc)


@not_visible_is_404
@require_POST
def contact_match(request: AuthedRequest, contact_uuid: uuid_lib.UUID) -> HttpResponse:
    view = selectors.contact_get_for(user=request.user, contact_uuid=contact_uuid)
    choice = request.POST.get("person", "")
    person = None
    if choice != "new":
        person = Person.objects.filter(uuid=choice).first() if _is_uuid(choice) else None
        if person is None:
            messages.error(request, "Choose one of the people listed, or add the child as a new person.")
            return redirect("frontdoor:contact", contact_uuid=view.contact.uuid)
    try:
        score = float(request.POST.get("score", "")) if request.POST.get("score") else None
        services.contact_match(
            actor=request.user,
            contact=view.contact,
            person=person,
            expected_version=int(request.POST.get("version", "0")),
            score=score,
        )
    except (StaleEdit, InvalidTransition, ValueError) as exc:
        messages.error(request, _conflict_message(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            "The contact is linked to the child's record." if person else "The child has been added to the register.",
        )
    return redirect("frontdoor:contact", contact_uuid=view.contact.uuid)


def _is_uuid(value: str) -> bool:
    try:
        uuid_lib.UUID(value)
    except ValueError:
        return False
    return True


def requests_queue(request: AuthedRequest) -> HttpResponse:
    open_requests, answered = selectors.requests_for_agency(user=request.user)
    return render(
        request,
        "frontdoor/requests.html",
        {"open_requests": open_requests, "answered": answered, "nav_active": "requests"},
    )


@not_visible_is_404
@require_http_methods(["GET", "POST"])
def request_answer(request: AuthedRequest, request_uuid: uuid_lib.UUID) -> HttpResponse:
    info_request = selectors.request_get_for(user=request.user, request_uuid=request_uuid)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_answer(actor=request.user, request=info_request, answer=form.cleaned_data["answer"])
        except ValidationError as exc:
            form.add_service_errors(exc)
        except InvalidTransition as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Your answer has been sent to the MASH.")
            return redirect("frontdoor:requests")
    return render(
        request, "frontdoor/request_answer.html", {"form": form, "info_request": info_request, "nav_active": "requests"}
    )
