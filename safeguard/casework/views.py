"""Pages of help and protection casework: assessments, strategy discussions, section 47
enquiries, conferences, plans, notes and actions. Each view parses the request, reads
through one selector (which asks the policy and records the view) and acts through one
service; a refusal is the policy's reason (403) or, for someone who may not learn the
child exists, the same 404 as a missing record."""

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
from django.views.decorators.http import require_http_methods, require_POST

from safeguard.access import policy
from safeguard.accounts.http import AuthedRequest
from safeguard.lib.errors import AccessDenied, InvalidTransition, NotVisible, StaleEdit

from . import selectors, services
from .codes import AssessmentOutcome, AssessmentStatus, ConferenceDecision, NoteKind
from .forms import (
    NO_REFERRAL,
    PARTICIPANT_ROWS,
    ActionForm,
    AssessmentForm,
    AssessmentStartForm,
    AssessmentSubmitForm,
    CinPlanEndForm,
    CinPlanStartForm,
    CinReviewForm,
    ClosureForm,
    ConferenceForm,
    ConferenceReportForm,
    CoreGroupForm,
    EmergencyProtectionForm,
    EnquiryCompleteForm,
    InvitationForm,
    MeetingInformationForm,
    MeetingParticipantsForm,
    NoteForm,
    PlanEndForm,
    ReferralNfaForm,
    ReopenForm,
    StrategyDiscussionForm,
)
from .models import StrategyDiscussion

View = Callable[..., HttpResponse]


def _refused(request: AuthedRequest, exc: AccessDenied) -> HttpResponse:
    """As on a child's record: the policy's reason for those who may know the child is
    known, the 404 of a missing record for everyone else."""
    person = exc.record
    if person is None:
        raise Http404("Page not found")
    if not (policy.can_know_child_exists(request.user) or policy.can_view_child(request.user, person)):
        raise Http404("Page not found")
    return render(
        request,
        "people/refused.html",
        {
            "person": person,
            "reason": exc.decision.reason,
            "can_break_glass": bool(policy.can_break_glass(request.user, person)),
        },
        status=403,
    )


def casework_page(view: View) -> View:
    @wraps(view)
    def wrapper(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotVisible:
            raise Http404("Page not found") from None
        except AccessDenied as exc:
            return _refused(request, exc)

    return wrapper


def _child_url(case: selectors.CaseFile) -> str:
    return reverse("people:child", args=[case.person.uuid]) + "#section-casework"


def _form_page(
    request: AuthedRequest,
    case: selectors.CaseFile,
    form: Any,
    title: str,
    *,
    back: tuple[str, str] | None = None,
    conflict: str | None = None,
    intro: str = "",
    changes: list[tuple[str, Any, Any]] | None = None,
) -> HttpResponse:
    back_url, back_text = back or (_child_url(case), f"Back to {case.person.full_name}")
    return render(
        request,
        "casework/form.html",
        {
            "record": case,
            "person": case.person,
            "form": form,
            "title": title,
            "back_url": back_url,
            "back_text": back_text,
            "conflict": conflict,
            "changes": changes or [],
            "intro": intro,
        },
    )


def _save(form: Any, act: Callable[[], Any]) -> tuple[Any, str | None]:
    """Call the service; put its complaints on the form. Returns (result, conflict):
    result is None when nothing was saved."""
    try:
        return act(), None
    except ValidationError as exc:
        form.add_service_errors(exc)
    except InvalidTransition as exc:
        form.add_error(None, str(exc))
    except StaleEdit as exc:
        return None, exc.changed_by or "someone else"
    return None, None


# --- Assessments ----------------------------------------------------------------------------


@casework_page
@require_http_methods(["GET", "POST"])
def assessment_new(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    case = selectors.case_for_work(user=request.user, child_uuid=child_uuid, purpose="start_assessment")
    referrals = selectors.referrals_awaiting_assessment(person=case.person)
    wanted = request.GET.get("referral", "")
    keys = [str(r.uuid) for r in referrals]
    initial = {
        "referral": wanted if wanted in keys else (keys[0] if keys else NO_REFERRAL),
        "team": request.user.team_id,
        "started_on": case.today.day,
    }
    form = AssessmentStartForm(request.POST or None, referrals=referrals, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        referral = d["referral_obj"]
        assessment, _ = _save(
            form,
            lambda: services.assessment_start(
                actor=request.user,
                child=case.person,
                team=d["team"],
                started_on=d["started_on"],
                referral=referral,
                referral_date=None if referral is not None else d["referral_date"],
            ),
        )
        if assessment is not None:
            messages.success(request, f"The assessment has started. It is due by {assessment.due_on:%-d %B %Y}.")
            return redirect("casework:assessment", child_uuid=case.person.uuid, assessment_uuid=assessment.uuid)
    return _form_page(request, case, form, "Start a child and family assessment")


@casework_page
def assessment(request: AuthedRequest, child_uuid: uuid_lib.UUID, assessment_uuid: uuid_lib.UUID) -> HttpResponse:
    case, record = selectors.assessment_for(
        user=request.user, child_uuid=child_uuid, assessment_uuid=assessment_uuid, purpose="assessment"
    )
    return render(
        request,
        "casework/assessment.html",
        {
            "record": case,
            "person": case.person,
            "assessment": record,
            "due": case.today.due(record.due_on) if record.status != AssessmentStatus.AUTHORISED else None,
            "can_authorise": bool(policy.can_authorise_casework(request.user, case.person)),
            "leads_to_strategy": record.outcome == AssessmentOutcome.STRATEGY,
        },
    )


ASSESSMENT_LABELS = {
    "factors": "Factors identified",
    "primary_need": "Primary need",
    "child_views": "The child's views",
    "family_views": "The family's views",
    "analysis": "Analysis",
    "status": "Status",
    "outcome": "Outcome",
}


@casework_page
@require_http_methods(["GET", "POST"])
def assessment_edit(request: AuthedRequest, child_uuid: uuid_lib.UUID, assessment_uuid: uuid_lib.UUID) -> HttpResponse:
    case, record = selectors.assessment_for(
        user=request.user, child_uuid=child_uuid, assessment_uuid=assessment_uuid, purpose="edit_assessment"
    )
    initial = {f: getattr(record, f) for f in services.ASSESSMENT_FIELDS}
    initial["version"] = record.version
    form = AssessmentForm(request.POST or None, initial=initial)
    conflict: StaleEdit | None = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        opened = d["version"]
        try:
            services.assessment_update(
                actor=request.user,
                assessment=record,
                expected_version=opened,
                factors=list(d["factors"]),
                primary_need=d["primary_need"],
                child_views=d["child_views"],
                family_views=d["family_views"],
                analysis=d["analysis"],
            )
        except StaleEdit:
            conflict = selectors.assessment_changes_since(assessment=record, opened_version=opened)
            # Keep what the user typed; move the form to the current version so that
            # saving again, after reading what changed, is a deliberate choice.
            resubmitted = request.POST.copy()
            resubmitted["version"] = str(record.version)
            form = AssessmentForm(resubmitted)
            form.is_valid()
        except ValidationError as exc:
            form.add_service_errors(exc)
        except InvalidTransition as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The assessment has been saved.")
            return redirect("casework:assessment", child_uuid=case.person.uuid, assessment_uuid=record.uuid)
    return render(
        request,
        "casework/assessment_edit.html",
        {
            "record": case,
            "person": case.person,
            "assessment": record,
            "form": form,
            "conflict": conflict,
            "labels": ASSESSMENT_LABELS,
        },
    )


@casework_page
@require_http_methods(["GET", "POST"])
def assessment_submit(
    request: AuthedRequest, child_uuid: uuid_lib.UUID, assessment_uuid: uuid_lib.UUID
) -> HttpResponse:
    case, record = selectors.assessment_for(
        user=request.user, child_uuid=child_uuid, assessment_uuid=assessment_uuid, purpose="submit_assessment"
    )
    form = AssessmentSubmitForm(request.POST or None, initial={"version": record.version, "outcome": record.outcome})
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved, conflict = _save(
            form,
            lambda: services.assessment_submit(
                actor=request.user,
                assessment=record,
                outcome=d["outcome"],
                outcome_reason=d["outcome_reason"],
                expected_version=d["version"],
            ),
        )
        if saved is not None:
            messages.success(request, "The assessment has been submitted to a manager for authorisation.")
            return redirect("casework:assessment", child_uuid=case.person.uuid, assessment_uuid=record.uuid)
    back = (reverse("casework:assessment", args=[case.person.uuid, record.uuid]), "Back to the assessment")
    return _form_page(request, case, form, "Submit the assessment", back=back, conflict=conflict)


@casework_page
@require_POST
def assessment_authorise(
    request: AuthedRequest, child_uuid: uuid_lib.UUID, assessment_uuid: uuid_lib.UUID
) -> HttpResponse:
    case, record = selectors.assessment_for(
        user=request.user, child_uuid=child_uuid, assessment_uuid=assessment_uuid, purpose="authorise_assessment"
    )
    try:
        version = int(request.POST.get("version", "0"))
        services.assessment_authorise(actor=request.user, assessment=record, expected_version=version)
    except StaleEdit:
        messages.error(request, "Someone changed this assessment while you were reading it. Read it again first.")
    except (InvalidTransition, ValueError) as exc:
        messages.error(request, str(exc) or "The assessment could not be authorised.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The assessment is authorised.")
    return redirect("casework:assessment", child_uuid=case.person.uuid, assessment_uuid=record.uuid)


# --- Strategy discussions and section 47 enquiries -------------------------------------------


@casework_page
@require_http_methods(["GET", "POST"])
def strategy_new(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    case = selectors.case_for_work(user=request.user, child_uuid=child_uuid, purpose="record_strategy_discussion")
    linked = selectors.assessment_of(case=case, assessment_uuid=request.GET.get("assessment", ""))
    user = request.user
    initial = {"p1_agency": user.agency_id, "p1_name": user.display_name, "p1_role": user.job_title or ""}
    form = StrategyDiscussionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        discussion, _ = _save(
            form,
            lambda: services.strategy_discussion_record(
                actor=request.user,
                child=case.person,
                held_on=d["held_on"],
                reason=d["reason"],
                decision=d["decision"],
                decision_reason=d["decision_reason"],
                participants=form.participants(),
                actions=form.actions(),
                assessment=linked,
            ),
        )
        if discussion is not None:
            messages.success(request, "The strategy discussion has been recorded.")
            return redirect("casework:strategy", child_uuid=case.person.uuid, discussion_uuid=discussion.uuid)
    return _form_page(request, case, form, "Record a strategy discussion")


@casework_page
def strategy(request: AuthedRequest, child_uuid: uuid_lib.UUID, discussion_uuid: uuid_lib.UUID) -> HttpResponse:
    view = selectors.strategy_discussion_for(
        user=request.user, child_uuid=child_uuid, discussion_uuid=discussion_uuid, purpose="strategy_discussion"
    )
    discussion = view.meeting
    enquiry = getattr(discussion, "enquiry", None)
    return render(
        request,
        "casework/strategy.html",
        {
            "view": view,
            "record": view.case,
            "person": view.case.person,
            "discussion": discussion,
            "enquiry": enquiry,
            "conference_due": view.case.today.due(enquiry.initial_conference_due) if enquiry else None,
        },
    )


def _meeting_information(
    request: AuthedRequest, view: selectors.MeetingView, name: str, act: Callable[[str], Any], title: str
) -> HttpResponse:
    meeting_url = reverse(f"casework:{name}", args=[view.case.person.uuid, view.meeting.uuid])
    form = MeetingInformationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved, _ = _save(form, lambda: act(form.cleaned_data["information"]))
        if saved is not None:
            messages.success(request, "Your information has been added to the meeting's record.")
            return redirect(meeting_url)
    return _form_page(request, view.case, form, title, back=(meeting_url, "Back to the meeting"))


@casework_page
@require_http_methods(["GET", "POST"])
def strategy_information(
    request: AuthedRequest, child_uuid: uuid_lib.UUID, discussion_uuid: uuid_lib.UUID
) -> HttpResponse:
    view = selectors.strategy_discussion_for(
        user=request.user, child_uuid=child_uuid, discussion_uuid=discussion_uuid, purpose="add_meeting_information"
    )
    return _meeting_information(
        request,
        view,
        "strategy",
        lambda text: services.meeting_information_add(
            actor=request.user,
            information=text,
            strategy_discussion=view.meeting,  # type: ignore[arg-type]
        ),
        "Add your agency's information to the strategy discussion",
    )


@casework_page
@require_http_methods(["GET", "POST"])
def enquiry_complete(request: AuthedRequest, child_uuid: uuid_lib.UUID, enquiry_uuid: uuid_lib.UUID) -> HttpResponse:
    case, enquiry = selectors.enquiry_for(user=request.user, child_uuid=child_uuid, enquiry_uuid=enquiry_uuid)
    strategy_url = reverse("casework:strategy", args=[case.person.uuid, enquiry.strategy_discussion.uuid])
    if enquiry.completed_on is not None:
        messages.error(request, "This enquiry has already been completed.")
        return redirect(strategy_url)
    form = EnquiryCompleteForm(request.POST or None, initial={"version": enquiry.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved, conflict = _save(
            form,
            lambda: services.enquiry_complete(
                actor=request.user,
                enquiry=enquiry,
                findings=d["findings"],
                outcome=d["outcome"],
                completed_on=d["completed_on"],
                expected_version=d["version"],
            ),
        )
        if saved is not None:
            messages.success(request, "The section 47 enquiry has been completed.")
            return redirect(_child_url(case))
    intro = f"The enquiry started on {enquiry.started_on:%-d %B %Y}."
    return _form_page(
        request,
        case,
        form,
        "Complete the section 47 enquiry",
        back=(strategy_url, "Back to the strategy discussion"),
        conflict=conflict,
        intro=intro,
    )


# --- Conferences --------------------------------------------------------------------------------


@casework_page
def conference(request: AuthedRequest, child_uuid: uuid_lib.UUID, conference_uuid: uuid_lib.UUID) -> HttpResponse:
    view = selectors.conference_for(
        user=request.user, child_uuid=child_uuid, conference_uuid=conference_uuid, purpose="conference"
    )
    record = view.meeting
    return render(
        request,
        "casework/conference.html",
        {
            "view": view,
            "record": view.case,
            "person": view.case.person,
            "conference": record,
            "due": view.case.today.due(record.due_on) if record.held_on is None else None,  # type: ignore[union-attr]
            "starts_plan": getattr(record, "decision", "") == ConferenceDecision.PLAN,
        },
    )


@casework_page
@require_http_methods(["GET", "POST"])
def conference_record(
    request: AuthedRequest, child_uuid: uuid_lib.UUID, conference_uuid: uuid_lib.UUID
) -> HttpResponse:
    case, record = selectors.conference_for_recording(
        user=request.user, child_uuid=child_uuid, conference_uuid=conference_uuid
    )
    conference_url = reverse("casework:conference", args=[case.person.uuid, record.uuid])
    if record.held_on is not None:
        return redirect(conference_url)
    user = request.user
    initial = {
        "version": record.version,
        "p1_agency": user.agency_id,
        "p1_name": user.display_name,
        "p1_role": user.job_title or "",
    }
    # Those invited are offered as the rows of who took part (named people, with their reports).
    invited = [i for i in record.invitations.select_related("agency") if i.name and i.user_id != user.pk]
    for n, invitation in enumerate(invited[: PARTICIPANT_ROWS - 1], start=2):
        initial.update(
            {
                f"p{n}_agency": invitation.agency_id,
                f"p{n}_name": invitation.name,
                f"p{n}_role": invitation.role,
                f"p{n}_information": invitation.report,
            }
        )
    form = ConferenceForm(request.POST or None, kind=record.kind, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved, conflict = _save(
            form,
            lambda: services.conference_record(
                actor=request.user,
                conference=record,
                held_on=d["held_on"],
                decision=d["decision"],
                decision_reason=d["decision_reason"],
                participants=form.participants(),
                expected_version=d["version"],
                category=d.get("category") or "",
                child_views=d.get("child_views", ""),
                family_views=d.get("family_views", ""),
                actions=form.actions(),
            ),
        )
        if saved is not None:
            messages.success(request, "The conference has been recorded.")
            return redirect(conference_url)
    intro = f"{record.get_kind_display()}, due by {record.due_on:%-d %B %Y}."
    return _form_page(
        request, case, form, f"Record the {record.get_kind_display().lower()}", conflict=conflict, intro=intro
    )


@casework_page
@require_http_methods(["GET", "POST"])
def conference_information(
    request: AuthedRequest, child_uuid: uuid_lib.UUID, conference_uuid: uuid_lib.UUID
) -> HttpResponse:
    view = selectors.conference_for(
        user=request.user, child_uuid=child_uuid, conference_uuid=conference_uuid, purpose="add_meeting_information"
    )
    return _meeting_information(
        request,
        view,
        "conference",
        lambda text: services.meeting_information_add(
            actor=request.user,
            information=text,
            conference=view.meeting,  # type: ignore[arg-type]
        ),
        "Add your agency's report to the conference",
    )


# --- Child protection plans -------------------------------------------------------------------------


@casework_page
def plan(request: AuthedRequest, child_uuid: uuid_lib.UUID, plan_uuid: uuid_lib.UUID) -> HttpResponse:
    view = selectors.plan_for(user=request.user, child_uuid=child_uuid, plan_uuid=plan_uuid)
    return render(request, "casework/plan.html", {"view": view, "record": view.case, "person": view.case.person})


@casework_page
@require_http_methods(["GET", "POST"])
def core_group_new(request: AuthedRequest, child_uuid: uuid_lib.UUID, plan_uuid: uuid_lib.UUID) -> HttpResponse:
    view = selectors.plan_for(
        user=request.user, child_uuid=child_uuid, plan_uuid=plan_uuid, purpose="record_core_group"
    )
    plan_url = reverse("casework:plan", args=[view.case.person.uuid, view.plan.uuid])
    form = CoreGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved, _ = _save(
            form,
            lambda: services.core_group_record(
                actor=request.user,
                plan=view.plan,
                held_on=d["held_on"],
                notes=d["notes"],
                agencies=list(d.get("agencies") or []),
                attendees=d.get("attendees", ""),
            ),
        )
        if saved is not None:
            messages.success(request, "The core group has been recorded.")
            return redirect(plan_url)
    intro = f"The next core group is due by {view.plan.next_core_group_due:%-d %B %Y}."
    return _form_page(
        request, view.case, form, "Record a core group meeting", back=(plan_url, "Back to the plan"), intro=intro
    )


@casework_page
def core_group(request: AuthedRequest, child_uuid: uuid_lib.UUID, core_group_uuid: uuid_lib.UUID) -> HttpResponse:
    case, meeting = selectors.core_group_for(user=request.user, child_uuid=child_uuid, core_group_uuid=core_group_uuid)
    return render(request, "casework/core_group.html", {"record": case, "person": case.person, "meeting": meeting})


@casework_page
@require_http_methods(["GET", "POST"])
def plan_end(request: AuthedRequest, child_uuid: uuid_lib.UUID, plan_uuid: uuid_lib.UUID) -> HttpResponse:
    view = selectors.plan_for(
        user=request.user, child_uuid=child_uuid, plan_uuid=plan_uuid, purpose="end_plan", authorise=True
    )
    plan_url = reverse("casework:plan", args=[view.case.person.uuid, view.plan.uuid])
    form = PlanEndForm(request.POST or None, initial={"version": view.plan.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved, conflict = _save(
            form,
            lambda: services.plan_end(
                actor=request.user,
                plan=view.plan,
                ended_on=d["ended_on"],
                reason=d["reason"],
                expected_version=d["version"],
            ),
        )
        if saved is not None:
            messages.success(request, "The child protection plan has ended.")
            return redirect(plan_url)
    return _form_page(
        request,
        view.case,
        form,
        "End the child protection plan",
        back=(plan_url, "Back to the plan"),
        conflict=conflict,
    )


# --- Child in need plans ---------------------------------------------------------------------------


@casework_page
@require_http_methods(["GET", "POST"])
def cin_plan_new(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    case = selectors.case_for_work(user=request.user, child_uuid=child_uuid, purpose="start_cin_plan")
    form = CinPlanStartForm(request.POST or None, initial={"started_on": case.today.day})
    if request.method == "POST" and form.is_valid():
        started_on = form.cleaned_data["started_on"]
        plan_started, _ = _save(
            form, lambda: services.cin_plan_start(actor=request.user, child=case.person, started_on=started_on)
        )
        if plan_started is not None:
            messages.success(request, "The child in need plan has started.")
            return redirect("casework:cin_plan", child_uuid=case.person.uuid, cin_plan_uuid=plan_started.uuid)
    return _form_page(request, case, form, "Start a child in need plan")


@casework_page
def cin_plan(request: AuthedRequest, child_uuid: uuid_lib.UUID, cin_plan_uuid: uuid_lib.UUID) -> HttpResponse:
    view = selectors.cin_plan_for(user=request.user, child_uuid=child_uuid, plan_uuid=cin_plan_uuid)
    return render(request, "casework/cin_plan.html", {"view": view, "record": view.case, "person": view.case.person})


@casework_page
@require_http_methods(["GET", "POST"])
def cin_review_new(request: AuthedRequest, child_uuid: uuid_lib.UUID, cin_plan_uuid: uuid_lib.UUID) -> HttpResponse:
    view = selectors.cin_plan_for(
        user=request.user, child_uuid=child_uuid, plan_uuid=cin_plan_uuid, purpose="review_cin_plan"
    )
    plan_url = reverse("casework:cin_plan", args=[view.case.person.uuid, view.plan.uuid])
    form = CinReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved, _ = _save(
            form,
            lambda: services.cin_review_record(
                actor=request.user, plan=view.plan, held_on=d["held_on"], notes=d["notes"]
            ),
        )
        if saved is not None:
            messages.success(request, "The review has been recorded.")
            return redirect(plan_url)
    return _form_page(request, view.case, form, "Record a child in need review", back=(plan_url, "Back to the plan"))


@casework_page
@require_http_methods(["GET", "POST"])
def cin_plan_end(request: AuthedRequest, child_uuid: uuid_lib.UUID, cin_plan_uuid: uuid_lib.UUID) -> HttpResponse:
    view = selectors.cin_plan_for(
        user=request.user, child_uuid=child_uuid, plan_uuid=cin_plan_uuid, purpose="end_cin_plan", authorise=True
    )
    plan_url = reverse("casework:cin_plan", args=[view.case.person.uuid, view.plan.uuid])
    form = CinPlanEndForm(request.POST or None, initial={"version": view.plan.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved, conflict = _save(
            form,
            lambda: services.cin_plan_end(
                actor=request.user,
                plan=view.plan,
                ended_on=d["ended_on"],
                reason=d["reason"],
                expected_version=d["version"],
            ),
        )
        if saved is not None:
            messages.success(request, "The child in need plan has ended.")
            return redirect(plan_url)
    return _form_page(
        request, view.case, form, "End the child in need plan", back=(plan_url, "Back to the plan"), conflict=conflict
    )


# --- Notes and actions -----------------------------------------------------------------------------


@casework_page
@require_http_methods(["GET", "POST"])
def note_new(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    case = selectors.case_for_work(user=request.user, child_uuid=child_uuid, purpose="add_case_note")
    kind = request.GET.get("kind", NoteKind.CASE_NOTE)
    form = NoteForm(
        request.POST or None,
        initial={"kind": kind if kind in NoteKind.values else NoteKind.CASE_NOTE, "occurred_on": case.today.day},
    )
    if request.method == "POST" and form.is_valid():
        note, _ = _save(
            form, lambda: services.case_note_add(actor=request.user, child=case.person, note=form.note_input())
        )
        if note is not None:
            messages.success(request, f"The {note.get_kind_display().lower()} has been saved.")
            return redirect(_child_url(case))
    return _form_page(request, case, form, "Add a case note or visit")


@casework_page
def note(request: AuthedRequest, child_uuid: uuid_lib.UUID, note_uuid: uuid_lib.UUID) -> HttpResponse:
    case, record = selectors.note_for(user=request.user, child_uuid=child_uuid, note_uuid=note_uuid)
    return render(request, "casework/note.html", {"record": case, "person": case.person, "note": record})


@casework_page
@require_POST
def action_complete(request: AuthedRequest, child_uuid: uuid_lib.UUID, action_uuid: uuid_lib.UUID) -> HttpResponse:
    person, action = selectors.action_for(user=request.user, child_uuid=child_uuid, action_uuid=action_uuid)
    try:
        posted = request.POST.get("version", "")
        version = int(posted) if posted else None
        services.action_complete(actor=request.user, action=action, expected_version=version)
    except StaleEdit:
        messages.error(
            request,
            "Someone changed this action after you opened the page, so it was not marked complete. "
            "Read it again below, then mark it complete if it is still done.",
        )
    except (InvalidTransition, ValueError) as exc:
        messages.error(request, str(exc) or "The action could not be marked complete.")
    else:
        messages.success(request, "The action is marked complete.")
    if action.strategy_discussion is not None:
        return redirect("casework:strategy", child_uuid=person.uuid, discussion_uuid=action.strategy_discussion.uuid)
    if action.conference is not None:
        return redirect("casework:conference", child_uuid=person.uuid, conference_uuid=action.conference.uuid)
    return redirect("people:child", child_uuid=person.uuid)


# --- Meetings after recording ------------------------------------------------------------------

CHANGE_LABELS = {
    "participants": "Who took part",
    "information": "Information added",
    "missing_agencies": "Expected agencies not there",
    "description": "Action",
    "owner": "Owner",
    "due_on": "Due date",
    "completed_on": "Completed",
    "report_received_on": "Report received",
    "report": "Report",
    "kind": "Power used",
    "started_on": "Started",
    "ended_on": "Ended",
    "authority": "Court, or police officer",
    "notes": "Notes",
    "version": "Version",
}


def _changes(stale: StaleEdit) -> list[tuple[str, Any, Any]]:
    return [(CHANGE_LABELS.get(name, name), before, after) for name, (before, after) in stale.changes.items()]


def _meeting_url(case: selectors.CaseFile, meeting: Any) -> str:
    name = "strategy" if isinstance(meeting, StrategyDiscussion) else "conference"
    return reverse(f"casework:{name}", args=[case.person.uuid, meeting.uuid])


def _participants_page(
    request: AuthedRequest, child_uuid: uuid_lib.UUID, kind: str, meeting_uuid: uuid_lib.UUID
) -> HttpResponse:
    case, meeting = selectors.meeting_for_work(
        user=request.user,
        child_uuid=child_uuid,
        kind=kind,
        meeting_uuid=meeting_uuid,
        purpose="edit_meeting_participants",
    )
    meeting_url = _meeting_url(case, meeting)
    if kind == "conference" and meeting.held_on is None:
        return redirect("casework:conference_record", child_uuid=case.person.uuid, conference_uuid=meeting.uuid)
    existing = list(meeting.participants.all())
    form = MeetingParticipantsForm(request.POST or None, existing=existing, initial={"version": meeting.version})
    conflict, changes = None, None
    if request.method == "POST" and form.is_valid():
        opened = form.cleaned_data["version"]
        try:
            services.meeting_participants_update(
                actor=request.user, meeting=meeting, participants=form.participants(), expected_version=opened
            )
        except StaleEdit:
            stale = selectors.changes_since(subject=meeting, opened_version=opened)
            conflict, changes = stale.changed_by or "someone else", _changes(stale)
            meeting.refresh_from_db()
            resubmitted = request.POST.copy()
            resubmitted["version"] = str(meeting.version)
            form = MeetingParticipantsForm(resubmitted, existing=list(meeting.participants.all()))
            form.is_valid()
        except ValidationError as exc:
            form.add_service_errors(exc)
        except InvalidTransition as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Who took part has been saved.")
            return redirect(meeting_url)
    title = "Who took part in the strategy discussion" if kind == "strategy" else "Who took part in the conference"
    intro = (
        "Police, children's social care and health are expected at a strategy discussion." if kind == "strategy" else ""
    )
    return _form_page(
        request,
        case,
        form,
        title,
        back=(meeting_url, "Back to the meeting"),
        conflict=conflict,
        changes=changes,
        intro=intro,
    )


@casework_page
@require_http_methods(["GET", "POST"])
def strategy_participants(
    request: AuthedRequest, child_uuid: uuid_lib.UUID, discussion_uuid: uuid_lib.UUID
) -> HttpResponse:
    return _participants_page(request, child_uuid, "strategy", discussion_uuid)


@casework_page
@require_http_methods(["GET", "POST"])
def conference_participants(
    request: AuthedRequest, child_uuid: uuid_lib.UUID, conference_uuid: uuid_lib.UUID
) -> HttpResponse:
    return _participants_page(request, child_uuid, "conference", conference_uuid)


def _action_new_page(
    request: AuthedRequest, child_uuid: uuid_lib.UUID, kind: str, meeting_uuid: uuid_lib.UUID
) -> HttpResponse:
    case, meeting = selectors.meeting_for_work(
        user=request.user, child_uuid=child_uuid, kind=kind, meeting_uuid=meeting_uuid, purpose="add_action"
    )
    meeting_url = _meeting_url(case, meeting)
    if kind == "conference" and meeting.held_on is None:
        return redirect("casework:conference_record", child_uuid=case.person.uuid, conference_uuid=meeting.uuid)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved, _ = _save(
            form, lambda: services.action_add(actor=request.user, meeting=meeting, action=form.action_input())
        )
        if saved is not None:
            messages.success(request, f"The action has been added. It is due by {saved.due_on:%-d %B %Y}.")
            return redirect(meeting_url)
    return _form_page(request, case, form, "Add an action", back=(meeting_url, "Back to the meeting"))


@casework_page
@require_http_methods(["GET", "POST"])
def strategy_action_new(
    request: AuthedRequest, child_uuid: uuid_lib.UUID, discussion_uuid: uuid_lib.UUID
) -> HttpResponse:
    return _action_new_page(request, child_uuid, "strategy", discussion_uuid)


@casework_page
@require_http_methods(["GET", "POST"])
def conference_action_new(
    request: AuthedRequest, child_uuid: uuid_lib.UUID, conference_uuid: uuid_lib.UUID
) -> HttpResponse:
    return _action_new_page(request, child_uuid, "conference", conference_uuid)


@casework_page
@require_http_methods(["GET", "POST"])
def action_edit(request: AuthedRequest, child_uuid: uuid_lib.UUID, meeting_action_uuid: uuid_lib.UUID) -> HttpResponse:
    case, action = selectors.action_for_edit(user=request.user, child_uuid=child_uuid, action_uuid=meeting_action_uuid)
    meeting = action.strategy_discussion or action.conference
    back_url = _meeting_url(case, meeting) if meeting is not None else _child_url(case)
    if action.completed_on is not None:
        messages.error(request, "This action has been completed and can no longer be changed.")
        return redirect(back_url)
    initial = {
        "description": action.description,
        "owner_agency": action.owner_agency_id,
        "owner": action.owner_id,
        "due_on": action.due_on,
        "version": action.version,
    }
    form = ActionForm(request.POST or None, initial=initial)
    form.fields["version"].required = True
    conflict, changes = None, None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        opened = d["version"]
        try:
            services.action_update(
                actor=request.user,
                action=action,
                expected_version=opened,
                description=d["description"],
                owner_agency=d["owner_agency"],
                owner=d.get("owner"),
                due_on=d["due_on"],
            )
        except StaleEdit:
            stale = selectors.changes_since(subject=action, opened_version=opened)
            conflict, changes = stale.changed_by or "someone else", _changes(stale)
            action.refresh_from_db()
            resubmitted = request.POST.copy()
            resubmitted["version"] = str(action.version)
            form = ActionForm(resubmitted)
            form.is_valid()
            if action.completed_on is not None:
                form.add_error(None, "This action has since been completed and can no longer be changed.")
        except ValidationError as exc:
            form.add_service_errors(exc)
        except InvalidTransition as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The action has been saved.")
            return redirect(back_url)
    return _form_page(
        request,
        case,
        form,
        "Change the action",
        back=(back_url, "Back to the meeting"),
        conflict=conflict,
        changes=changes,
    )


# --- Invitations to a conference ---------------------------------------------------------------


@casework_page
@require_http_methods(["GET", "POST"])
def conference_invite(
    request: AuthedRequest, child_uuid: uuid_lib.UUID, conference_uuid: uuid_lib.UUID
) -> HttpResponse:
    case, conference = selectors.meeting_for_work(
        user=request.user,
        child_uuid=child_uuid,
        kind="conference",
        meeting_uuid=conference_uuid,
        purpose="invite_to_conference",
    )
    conference_url = _meeting_url(case, conference)
    if conference.held_on is not None:
        return redirect(conference_url)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation, _ = _save(
            form,
            lambda: services.conference_invite(
                actor=request.user, conference=conference, invitation=form.invitation_input()
            ),
        )
        if invitation is not None:
            messages.success(request, f"{invitation.name or invitation.agency} has been invited.")
            return redirect(conference_url)
    intro = f"{conference.get_kind_display()}, due by {conference.due_on:%-d %B %Y}."
    return _form_page(
        request, case, form, "Invite to the conference", back=(conference_url, "Back to the conference"), intro=intro
    )


@casework_page
@require_http_methods(["GET", "POST"])
def conference_report(
    request: AuthedRequest, child_uuid: uuid_lib.UUID, invitation_uuid: uuid_lib.UUID
) -> HttpResponse:
    case, invitation = selectors.invitation_for(
        user=request.user, child_uuid=child_uuid, invitation_uuid=invitation_uuid
    )
    conference_url = _meeting_url(case, invitation.conference)
    initial = {
        "received_on": invitation.report_received_on or case.today.day,
        "report": invitation.report,
        "version": invitation.version,
    }
    form = ConferenceReportForm(request.POST or None, initial=initial)
    conflict, changes = None, None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        opened = d["version"]
        try:
            services.conference_report_record(
                actor=request.user,
                invitation=invitation,
                received_on=d["received_on"],
                report=d["report"],
                expected_version=opened,
            )
        except StaleEdit:
            stale = selectors.changes_since(subject=invitation, opened_version=opened)
            conflict, changes = stale.changed_by or "someone else", _changes(stale)
            invitation.refresh_from_db()
            resubmitted = request.POST.copy()
            resubmitted["version"] = str(invitation.version)
            form = ConferenceReportForm(resubmitted)
            form.is_valid()
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"The report from {invitation.agency} has been saved.")
            return redirect(conference_url)
    return _form_page(
        request,
        case,
        form,
        f"Report from {invitation.agency}",
        back=(conference_url, "Back to the conference"),
        conflict=conflict,
        changes=changes,
        intro=f"Invited: {invitation.name or 'the agency'}, {invitation.invited_on:%-d %B %Y}.",
    )


# --- Closure, step-down and re-opening -------------------------------------------------------------


@casework_page
@require_http_methods(["GET", "POST"])
def closure_new(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    case = selectors.case_for_work(user=request.user, child_uuid=child_uuid, purpose="propose_closure")
    form = ClosureForm(request.POST or None, initial={"closed_on": case.today.day})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        closure, _ = _save(
            form,
            lambda: services.closure_propose(
                actor=request.user,
                child=case.person,
                census_reason=d["census_reason"],
                closed_on=d["closed_on"],
                reason=d["reason"],
            ),
        )
        if closure is not None:
            messages.success(request, "The closure has been sent to a manager to authorise.")
            return redirect(_child_url(case))
    blockers = services.closure_blockers(case.person)
    intro = (
        "Before the case can close: " + "; ".join(blockers) + "."
        if blockers
        else "A manager authorises the closure. The team's open work on the child then ends."
    )
    return _form_page(request, case, form, "Close the case or step it down", intro=intro)


@casework_page
@require_POST
def closure_authorise(request: AuthedRequest, child_uuid: uuid_lib.UUID, closure_uuid: uuid_lib.UUID) -> HttpResponse:
    case, closure = selectors.closure_for(
        user=request.user, child_uuid=child_uuid, closure_uuid=closure_uuid, purpose="authorise_closure"
    )
    try:
        version = int(request.POST.get("version", "0"))
        services.closure_authorise(actor=request.user, closure=closure, expected_version=version)
    except StaleEdit:
        messages.error(request, "Someone changed this closure while you were reading it. Read it again first.")
    except (InvalidTransition, ValueError) as exc:
        messages.error(request, str(exc) or "The closure could not be authorised.")
    else:
        messages.success(request, f"Authorised: {closure.get_kind_display().lower()}.")
    return redirect(_child_url(case))


@casework_page
@require_http_methods(["GET", "POST"])
def closure_reopen(request: AuthedRequest, child_uuid: uuid_lib.UUID, closure_uuid: uuid_lib.UUID) -> HttpResponse:
    case, closure = selectors.closure_for(
        user=request.user, child_uuid=child_uuid, closure_uuid=closure_uuid, purpose="reopen_case"
    )
    initial = {"reopened_on": case.today.day, "team": request.user.team_id, "version": closure.version}
    form = ReopenForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved, conflict = _save(
            form,
            lambda: services.closure_reopen(
                actor=request.user,
                closure=closure,
                reopened_on=d["reopened_on"],
                reason=d["reason"],
                team=d["team"],
                expected_version=d["version"],
            ),
        )
        if saved is not None:
            messages.success(request, "The case has been re-opened.")
            return redirect(_child_url(case))
    intro = f"{closure.get_kind_display()} on {closure.closed_on:%-d %B %Y}: {closure.reason}"
    return _form_page(request, case, form, "Re-open the case", conflict=conflict, intro=intro)


# --- Referral closed with no further action ------------------------------------------------------


@casework_page
@require_http_methods(["GET", "POST"])
def referral_nfa(request: AuthedRequest, child_uuid: uuid_lib.UUID, referral_uuid: uuid_lib.UUID) -> HttpResponse:
    case, referral = selectors.referral_for_nfa(user=request.user, child_uuid=child_uuid, referral_uuid=referral_uuid)
    if referral.nfa_on is not None:
        messages.error(request, f"This referral was closed with no further action on {referral.nfa_on:%-d %B %Y}.")
        return redirect(_child_url(case))
    form = ReferralNfaForm(request.POST or None, initial={"closed_on": case.today.day, "version": referral.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved, conflict = _save(
            form,
            lambda: services.referral_nfa_close(
                actor=request.user,
                referral=referral,
                closed_on=d["closed_on"],
                reason=d["reason"],
                expected_version=d["version"],
            ),
        )
        if saved is not None:
            messages.success(request, "The referral has been closed with no further action.")
            return redirect(_child_url(case))
    intro = (
        f"Referral received {referral.referral_date:%-d %B %Y} ({referral.team}). It has not gone on to an "
        "assessment or a strategy discussion. Closing it ends the team's open work on the child when there is no "
        "other, and the census counts it as a referral with no further action."
    )
    return _form_page(request, case, form, "Close the referral with no further action", conflict=conflict, intro=intro)


# --- Emergency protection -------------------------------------------------------------------------


@casework_page
@require_http_methods(["GET", "POST"])
def protection_new(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    case = selectors.case_for_work(user=request.user, child_uuid=child_uuid, purpose="record_emergency_protection")
    form = EmergencyProtectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved, _ = _save(
            form,
            lambda: services.emergency_protection_record(
                actor=request.user,
                child=case.person,
                kind=d["kind"],
                started_on=d["started_on"],
                ended_on=d["ended_on"],
                authority=d["authority"],
                notes=d["notes"],
            ),
        )
        if saved is not None:
            messages.success(request, f"Recorded: {saved.get_kind_display().lower()}.")
            return redirect(_child_url(case))
    return _form_page(request, case, form, "Record emergency protection")


@casework_page
@require_http_methods(["GET", "POST"])
def protection_edit(request: AuthedRequest, child_uuid: uuid_lib.UUID, protection_uuid: uuid_lib.UUID) -> HttpResponse:
    case, protection = selectors.protection_for(
        user=request.user, child_uuid=child_uuid, protection_uuid=protection_uuid, purpose="edit_emergency_protection"
    )
    initial = {f: getattr(protection, f) for f in services.PROTECTION_FIELDS}
    initial["version"] = protection.version
    form = EmergencyProtectionForm(request.POST or None, initial=initial)
    form.fields["version"].required = True
    conflict, changes = None, None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        opened = d["version"]
        try:
            services.emergency_protection_update(
                actor=request.user,
                protection=protection,
                expected_version=opened,
                **{f: d[f] for f in services.PROTECTION_FIELDS},
            )
        except StaleEdit:
            stale = selectors.changes_since(subject=protection, opened_version=opened)
            conflict, changes = stale.changed_by or "someone else", _changes(stale)
            protection.refresh_from_db()
            resubmitted = request.POST.copy()
            resubmitted["version"] = str(protection.version)
            form = EmergencyProtectionForm(resubmitted)
            form.is_valid()
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "The emergency protection has been saved.")
            return redirect(_child_url(case))
    return _form_page(
        request,
        case,
        form,
        f"Change the {protection.get_kind_display().lower()}",
        conflict=conflict,
        changes=changes,
    )
