"""Pages of early help: the queue of families waiting, starting an episode (from a contact,
a step-down or a direct request), the episode, and its plan, assessment, review and
closure forms. Thin: parse, one selector, one service, render."""

from __future__ import annotations

import uuid as uuid_lib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from safeguard.access import policy as access_policy
from safeguard.accounts.http import AuthedRequest
from safeguard.lib.errors import AccessDenied, InvalidTransition, NotVisible, StaleEdit

from . import policy, selectors, services
from .codes import Outcome
from .forms import AssessmentForm, CloseForm, DirectStartForm, EpisodeForm, ReviewForm, StartForm
from .models import EarlyHelpEpisode

View = Callable[..., HttpResponse]


def early_help_page(view: View) -> View:
    @wraps(view)
    def wrapper(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotVisible:
            raise Http404("Page not found") from None
        except AccessDenied as exc:
            person = exc.record
            if person is None:
                raise  # the queue: a refusal page (403) that explains itself
            if not (
                access_policy.can_know_child_exists(request.user) or access_policy.can_view_child(request.user, person)
            ):
                raise Http404("Page not found") from None
            return render(
                request,
                "people/refused.html",
                {
                    "person": person,
                    "reason": exc.decision.reason,
                    "can_break_glass": bool(access_policy.can_break_glass(request.user, person)),
                },
                status=403,
            )

    return wrapper


def _lead(d: dict[str, Any]) -> services.Lead:
    return services.Lead(
        name=d.get("lead_name") or "",
        agency=d.get("lead_agency"),
        user=d.get("lead_user"),
        contact=d.get("lead_contact") or "",
    )


def _act(form: Any, act: Callable[[], Any]) -> tuple[Any, bool]:
    """Call the service; put its complaints on the form. Returns (result, stale)."""
    try:
        return act(), False
    except ValidationError as exc:
        form.add_service_errors(exc)
    except InvalidTransition as exc:
        form.add_error(None, str(exc))
    except StaleEdit:
        return None, True
    return None, False


def _episode_url(episode: EarlyHelpEpisode) -> str:
    return reverse("early_help:episode", args=[episode.child.uuid, episode.uuid])


def _lead_initial(request: AuthedRequest) -> dict[str, Any]:
    user = request.user
    return {
        "started_on": timezone.localdate(),
        "lead_name": user.display_name,
        "lead_agency": user.agency_id,
        "lead_user": user.pk,
        "lead_contact": user.phone or user.email,
    }


# --- The queue and starting ----------------------------------------------------------------


@early_help_page
def queue(request: AuthedRequest) -> HttpResponse:
    waiting = selectors.waiting_for(user=request.user)
    mine, others = selectors.team_episodes(user=request.user)
    return render(
        request,
        "early_help/queue.html",
        {"waiting": waiting, "mine": mine, "others": others, "nav_active": "early_help"},
    )


def _start_page(request: AuthedRequest, form: Any, title: str, context: dict[str, Any]) -> HttpResponse:
    return render(
        request,
        "early_help/start.html",
        {"form": form, "title": title, "nav_active": "early_help", **context},
    )


def _start_from_queue(request: AuthedRequest, start: Callable[..., Any], context: dict[str, Any]) -> HttpResponse:
    """Pick a family up from the queue: ``start(lead=, started_on=, reason=)`` is the
    service call for the queued contact or step-down."""
    form = StartForm(request.POST or None, initial=_lead_initial(request))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        episode, _ = _act(form, lambda: start(lead=_lead(d), started_on=d["started_on"], reason=d["reason"]))
        if episode is not None:
            messages.success(request, f"Early help has started for {episode.child.full_name}.")
            return redirect(_episode_url(episode))
    return _start_page(request, form, "Start early help", context)


@early_help_page
@require_http_methods(["GET", "POST"])
def start_contact(request: AuthedRequest, queued_contact_uuid: uuid_lib.UUID) -> HttpResponse:
    contact = selectors.waiting_contact_for(user=request.user, contact_uuid=queued_contact_uuid)
    return _start_from_queue(
        request,
        lambda **given: services.start_from_contact(actor=request.user, contact=contact, **given),
        {"contact": contact},
    )


@early_help_page
@require_http_methods(["GET", "POST"])
def start_step_down(request: AuthedRequest, step_down_uuid: uuid_lib.UUID) -> HttpResponse:
    closure = selectors.waiting_step_down_for(user=request.user, closure_uuid=step_down_uuid)
    return _start_from_queue(
        request,
        lambda **given: services.start_from_step_down(actor=request.user, closure=closure, **given),
        {"closure": closure},
    )


@early_help_page
@require_http_methods(["GET", "POST"])
def start_direct(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    file = selectors.child_for_direct_start(user=request.user, child_uuid=child_uuid)
    current = file.person.early_help_episodes.filter(closed_on__isnull=True).first()
    if current is not None:
        messages.info(request, "Early help is already open for this child.")
        return redirect(_episode_url(current))
    form = DirectStartForm(request.POST or None, initial=_lead_initial(request))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        episode, _ = _act(
            form,
            lambda: services.start_direct(
                actor=request.user,
                child=file.person,
                requested_by=d["requested_by"],
                requested_by_agency=d.get("requested_by_agency"),
                lead=_lead(d),
                started_on=d["started_on"],
                reason=d["reason"],
            ),
        )
        if episode is not None:
            messages.success(request, "Early help has started.")
            return redirect(_episode_url(episode))
    return _start_page(
        request,
        form,
        "Record a request for early help",
        {"person": file.person, "record": file.record, "back_url": reverse("people:child", args=[file.person.uuid])},
    )


# --- An episode ----------------------------------------------------------------------------


@early_help_page
def episode(request: AuthedRequest, child_uuid: uuid_lib.UUID, episode_uuid: uuid_lib.UUID) -> HttpResponse:
    file, record = selectors.episode_for(
        user=request.user, child_uuid=child_uuid, episode_uuid=episode_uuid, purpose="early_help_episode"
    )
    today = timezone.localdate()
    return render(
        request,
        "early_help/episode.html",
        {
            "file": file,
            "record": file.record,
            "person": file.person,
            "episode": record,
            "row": selectors.episode_row(record),
            "reviews": selectors.reviews_of(record),
            "assessment_overdue": selectors.assessment_overdue(record, today),
        },
    )


def _form_page(
    request: AuthedRequest,
    file: selectors.EarlyHelpFile,
    record: EarlyHelpEpisode,
    form: Any,
    title: str,
    conflict: Any = None,
) -> HttpResponse:
    return render(
        request,
        "early_help/form.html",
        {
            "record": file.record,
            "person": file.person,
            "episode": record,
            "form": form,
            "title": title,
            "back_url": _episode_url(record),
            "conflict": conflict,
        },
    )


def _open_for_recording(
    request: AuthedRequest, child_uuid: uuid_lib.UUID, episode_uuid: uuid_lib.UUID, purpose: str
) -> tuple[selectors.EarlyHelpFile, EarlyHelpEpisode, HttpResponse | None]:
    file, record = selectors.episode_for(
        user=request.user, child_uuid=child_uuid, episode_uuid=episode_uuid, purpose=purpose, recording=True
    )
    if record.closed_on is not None:
        messages.info(request, "This early help has closed and can no longer change.")
        return file, record, redirect(_episode_url(record))
    return file, record, None


@early_help_page
@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, child_uuid: uuid_lib.UUID, episode_uuid: uuid_lib.UUID) -> HttpResponse:
    file, record, gone = _open_for_recording(request, child_uuid, episode_uuid, "edit_early_help")
    if gone:
        return gone
    form = EpisodeForm(
        request.POST or None,
        initial={
            "lead_name": record.lead_name,
            "lead_agency": record.lead_agency_id,
            "lead_user": record.lead_user_id,
            "lead_contact": record.lead_contact,
            "plan_agreed_on": record.plan_agreed_on,
            "plan": record.plan,
            "review_weeks": record.review_weeks,
            "version": record.version,
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved, stale = _act(
            form,
            lambda: services.episode_update(
                actor=request.user,
                episode=record,
                expected_version=d["version"],
                lead=_lead(d),
                plan_agreed_on=d.get("plan_agreed_on"),
                plan=d.get("plan") or "",
                review_weeks=d["review_weeks"],
            ),
        )
        if saved is not None:
            messages.success(request, "The lead practitioner and plan have been saved.")
            return redirect(_episode_url(record))
        if stale:
            conflict = selectors.changes_since(episode=record, opened_version=d["version"])
    return _form_page(request, file, record, form, "Lead practitioner and plan", conflict)


@early_help_page
@require_http_methods(["GET", "POST"])
def assessment(request: AuthedRequest, child_uuid: uuid_lib.UUID, episode_uuid: uuid_lib.UUID) -> HttpResponse:
    file, record, gone = _open_for_recording(request, child_uuid, episode_uuid, "record_early_help_assessment")
    if gone:
        return gone
    form = AssessmentForm(
        request.POST or None,
        initial={
            "started_on": record.assessment_started_on or timezone.localdate(),
            "completed_on": record.assessment_completed_on,
            "organisation": record.assessment_organisation,
            "agency": record.assessment_agency_id,
            "needs": record.needs,
            "family_views": record.family_views,
            "version": record.version,
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved, stale = _act(
            form,
            lambda: services.assessment_record(
                actor=request.user,
                episode=record,
                expected_version=d["version"],
                started_on=d["started_on"],
                completed_on=d.get("completed_on"),
                organisation=d.get("organisation") or "",
                agency=d.get("agency"),
                needs=d.get("needs") or "",
                family_views=d.get("family_views") or "",
            ),
        )
        if saved is not None:
            messages.success(request, "The early help assessment has been saved.")
            return redirect(_episode_url(record))
        if stale:
            conflict = selectors.changes_since(episode=record, opened_version=d["version"])
    return _form_page(request, file, record, form, "Early help assessment", conflict)


@early_help_page
@require_http_methods(["GET", "POST"])
def review(request: AuthedRequest, child_uuid: uuid_lib.UUID, episode_uuid: uuid_lib.UUID) -> HttpResponse:
    file, record, gone = _open_for_recording(request, child_uuid, episode_uuid, "record_early_help_review")
    if gone:
        return gone
    if record.plan_agreed_on is None:
        messages.info(request, "Agree the family's plan before recording a review of it.")
        return redirect(_episode_url(record))
    form = ReviewForm(
        request.POST or None, initial={"kind": "taf", "held_on": timezone.localdate(), "version": record.version}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved, stale = _act(
            form,
            lambda: services.review_record(
                actor=request.user,
                episode=record,
                expected_version=d["version"],
                kind=d["kind"],
                held_on=d["held_on"],
                attended=d["attended"],
                progress=d["progress"],
                next_review_on=d.get("next_review_on"),
            ),
        )
        if saved is not None:
            messages.success(
                request, f"The review has been saved. The next is due on {saved.next_review_on:%-d %B %Y}."
            )
            return redirect(_episode_url(record))
        if stale:
            conflict = selectors.changes_since(episode=record, opened_version=d["version"])
    return _form_page(request, file, record, form, "Record a review of the plan", conflict)


@early_help_page
@require_http_methods(["GET", "POST"])
def close(request: AuthedRequest, child_uuid: uuid_lib.UUID, episode_uuid: uuid_lib.UUID) -> HttpResponse:
    file, record, gone = _open_for_recording(request, child_uuid, episode_uuid, "close_early_help")
    if gone:
        return gone
    form = CloseForm(request.POST or None, initial={"closed_on": timezone.localdate(), "version": record.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        step_up = None
        if d["outcome"] == Outcome.STEP_UP:
            step_up = services.StepUp(
                concerns=list(d.get("concerns") or []),
                consent=d.get("consent") or "",
                consent_reason=d.get("consent_reason") or "",
                immediate_danger=bool(d.get("immediate_danger")),
            )
        saved, stale = _act(
            form,
            lambda: services.episode_close(
                actor=request.user,
                episode=record,
                expected_version=d["version"],
                closed_on=d["closed_on"],
                outcome=d["outcome"],
                detail=d.get("outcome_detail") or "",
                step_up=step_up,
            ),
        )
        if saved is not None:
            if saved.step_up_contact is not None:
                messages.success(
                    request,
                    f"Early help has closed. Contact {saved.step_up_contact.reference} has gone to the MASH.",
                )
            else:
                messages.success(request, "Early help has closed.")
            # Closing ends the team's open work: the record may no longer be open to them.
            if selectors.can_view_after(request.user, saved):
                return redirect(_episode_url(record))
            return redirect("early_help:queue" if policy.can_use_queue(request.user) else "accounts:home")
        if stale:
            conflict = selectors.changes_since(episode=record, opened_version=d["version"])
    return _form_page(request, file, record, form, "Close early help", conflict)
