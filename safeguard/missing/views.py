"""Pages of a child's missing episodes: the list, one episode, recording an episode, the
return and the return interview. Thin: parse, one selector, one service, render."""

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

from . import selectors, services
from .forms import MissingEndForm, MissingStartForm, ReturnInterviewForm

View = Callable[..., HttpResponse]


def _refused(request: AuthedRequest, exc: AccessDenied) -> HttpResponse:
    person = exc.record
    if person is None:
        raise Http404("Page not found")
    if not (access_policy.can_know_child_exists(request.user) or access_policy.can_view_child(request.user, person)):
        raise Http404("Page not found")
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


def missing_page(view: View) -> View:
    @wraps(view)
    def wrapper(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotVisible:
            raise Http404("Page not found") from None
        except AccessDenied as exc:
            return _refused(request, exc)

    return wrapper


def _list_url(file: selectors.MissingFile) -> str:
    return reverse("missing:episodes", args=[file.person.uuid])


def _form_page(
    request: AuthedRequest, file: selectors.MissingFile, form: Any, title: str, *, conflict: Any = None, back: str = ""
) -> HttpResponse:
    return render(
        request,
        "missing/form.html",
        {
            "record": file.record,
            "person": file.person,
            "form": form,
            "title": title,
            "back_url": back or _list_url(file),
            "back_text": "Back to missing episodes",
            "conflict": conflict,
        },
    )


def _save(form: Any, act: Callable[[], Any]) -> tuple[Any, bool]:
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


@missing_page
def episodes(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    file = selectors.missing_file_for(user=request.user, child_uuid=child_uuid)
    return render(request, "missing/episodes.html", {"file": file, "record": file.record, "person": file.person})


@missing_page
def episode(request: AuthedRequest, child_uuid: uuid_lib.UUID, missing_uuid: uuid_lib.UUID) -> HttpResponse:
    file, record = selectors.episode_for(
        user=request.user, child_uuid=child_uuid, missing_uuid=missing_uuid, purpose="missing_episode"
    )
    row = next((r for r in file.rows if r.episode.pk == record.pk), None)
    return render(
        request,
        "missing/episode.html",
        {"file": file, "record": file.record, "person": file.person, "episode": record, "row": row},
    )


@missing_page
@require_http_methods(["GET", "POST"])
def start(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    file = selectors.missing_file_for_recording(user=request.user, child_uuid=child_uuid, purpose="record_missing")
    now = timezone.localtime()
    form = MissingStartForm(
        request.POST or None, initial={"started_at_on": now.date(), "absence_type": "M", "police_risk": ""}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        record, _ = _save(
            form,
            lambda: services.missing_start(
                actor=request.user,
                child=file.person,
                started_at=d["started_at"],
                absence_type=d["absence_type"],
                from_care=d.get("from_care", False),
                reported_by=d["reported_by"],
                reported_by_agency=d.get("reported_by_agency"),
                police_risk=d.get("police_risk") or "",
                circumstances=d.get("circumstances", ""),
                ended_at=d.get("ended_at"),
                where_found=d.get("where_found", ""),
            ),
        )
        if record is not None:
            messages.success(request, "The missing episode has been recorded.")
            return redirect("missing:episode", child_uuid=file.person.uuid, missing_uuid=record.uuid)
    return _form_page(request, file, form, "Record a missing episode")


@missing_page
@require_http_methods(["GET", "POST"])
def end(request: AuthedRequest, child_uuid: uuid_lib.UUID, missing_uuid: uuid_lib.UUID) -> HttpResponse:
    file, record = selectors.episode_for(
        user=request.user, child_uuid=child_uuid, missing_uuid=missing_uuid, purpose="end_missing", recording=True
    )
    back = reverse("missing:episode", args=[file.person.uuid, record.uuid])
    if record.ended_at is not None:
        messages.info(request, "This episode has already ended.")
        return redirect(back)
    now = timezone.localtime()
    form = MissingEndForm(request.POST or None, initial={"ended_at_on": now.date(), "version": record.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved, stale = _save(
            form,
            lambda: services.missing_end(
                actor=request.user,
                episode=record,
                ended_at=d["ended_at"],
                where_found=d["where_found"],
                expected_version=d["version"],
            ),
        )
        if saved is not None:
            messages.success(
                request, "The child's return has been recorded. The return interview is due within 72 hours."
            )
            return redirect(back)
        if stale:
            conflict = selectors.changes_since(episode=record, opened_version=d["version"])
    return _form_page(request, file, form, "Record the child's return", conflict=conflict, back=back)


@missing_page
@require_http_methods(["GET", "POST"])
def return_interview(request: AuthedRequest, child_uuid: uuid_lib.UUID, missing_uuid: uuid_lib.UUID) -> HttpResponse:
    file, record = selectors.episode_for(
        user=request.user,
        child_uuid=child_uuid,
        missing_uuid=missing_uuid,
        purpose="record_return_interview",
        recording=True,
    )
    back = reverse("missing:episode", args=[file.person.uuid, record.uuid])
    if record.ended_at is None:
        messages.info(request, "Record the child's return before the return interview.")
        return redirect(back)
    offered = timezone.localtime(record.return_interview_offered_at) if record.return_interview_offered_at else None
    held = timezone.localtime(record.return_interview_held_at) if record.return_interview_held_at else None
    initial: dict[str, Any] = {
        "version": record.version,
        "declined": record.return_interview_declined,
        "interviewer": record.return_interview_by,
        "child_said": record.child_said,
    }
    if offered:
        initial |= {"offered_at_on": offered.date(), "offered_at_time": offered.strftime("%H:%M")}
    if held:
        initial |= {"held_at_on": held.date(), "held_at_time": held.strftime("%H:%M")}
    form = ReturnInterviewForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved, stale = _save(
            form,
            lambda: services.return_interview_record(
                actor=request.user,
                episode=record,
                expected_version=d["version"],
                offered_at=d["offered_at"],
                held_at=d.get("held_at"),
                declined=d.get("declined", False),
                interviewer=d.get("interviewer", ""),
                child_said=d.get("child_said", ""),
            ),
        )
        if saved is not None:
            messages.success(request, "The return interview has been recorded.")
            return redirect(back)
        if stale:
            conflict = selectors.changes_since(episode=record, opened_version=d["version"])
    return _form_page(request, file, form, "Record the return interview", conflict=conflict, back=back)
