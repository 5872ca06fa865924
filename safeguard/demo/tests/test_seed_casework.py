"""The seeded demo holds children at every stage of the help and protection pathway, and
each demo social worker signs in to a caseload with work due."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from safeguard.access.models import InvolvementKind
from safeguard.accounts.models import Role, User
from safeguard.audit.models import AuditEvent, EventType
from safeguard.audit.services import verify_chain
from safeguard.casework import rules, services
from safeguard.casework.codes import AssessmentStatus, ConferenceKind, NoteKind, PlanEndReason
from safeguard.casework.models import (
    Action,
    Assessment,
    CaseClosure,
    CaseNote,
    ChildInNeedPlan,
    ChildInNeedReview,
    ChildProtectionPlan,
    Conference,
    CoreGroupMeeting,
    EmergencyProtection,
    Invitation,
    Section47Enquiry,
    StrategyDiscussion,
)
from safeguard.demo.data import DEMO_USERS
from safeguard.frontdoor.models import Referral
from safeguard.lib.workingdays import add_working_days
from safeguard.people import selectors as people_selectors
from safeguard.people.models import Person

from .support import fast_passwords, seed


def _soon(today: dt.date) -> dt.date:
    return add_working_days(today, 5)


@pytest.mark.django_db
@fast_passwords
def test_the_demo_holds_children_at_every_stage() -> None:
    summary = seed(children=80)
    today = timezone.localdate()
    casework = summary.casework
    assert casework["children"] >= 8 and "fallbacks" not in casework, casework

    # Assessments: in progress (due within days, overdue), awaiting authorisation, from a referral.
    open_assessments = Assessment.objects.filter(status=AssessmentStatus.IN_PROGRESS)
    assert open_assessments.filter(due_on__lt=today).exists()
    assert open_assessments.filter(due_on__gte=today, due_on__lte=_soon(today)).exists()
    for assessment in Assessment.objects.all():
        assert assessment.due_on == rules.assessment_due(assessment.referral_date)
        assert assessment.started_on <= today
    assert Assessment.objects.filter(status=AssessmentStatus.SUBMITTED).exists()
    from_referral = Assessment.objects.filter(referral__isnull=False).first()
    assert from_referral is not None and from_referral.referral_date == from_referral.referral.referral_date

    # Child in need plans with reviews held and the next one due.
    cin = ChildInNeedPlan.objects.filter(ended_on__isnull=True, assessment__status=AssessmentStatus.AUTHORISED)
    assert cin.exists() and ChildInNeedReview.objects.filter(plan__in=cin).exists()
    assert cin.filter(next_review_due__lte=_soon(today)).exists()

    # Strategy discussions: police, social care and health, and one without health.
    discussions = list(StrategyDiscussion.objects.prefetch_related("participants__agency"))
    assert any(services.missing_agencies(d.participants.all()) == [] for d in discussions)
    assert any(services.missing_agencies(d.participants.all()) == ["health"] for d in discussions)
    for discussion in discussions:
        assert discussion.held_on <= today

    # Section 47 enquiries in progress with the initial conference due, and concluded.
    enquiries = Section47Enquiry.objects.all()
    assert enquiries.filter(completed_on__isnull=True).exists()
    assert enquiries.filter(completed_on__isnull=False).exists()
    for enquiry in enquiries:
        assert enquiry.initial_conference_due == rules.initial_conference_due(enquiry.started_on)
    assert Conference.objects.filter(kind=ConferenceKind.INITIAL, held_on__isnull=True).exists()

    # Child protection plans: conferences on weekdays, core groups, reviews coming up or overdue.
    plans = ChildProtectionPlan.objects.filter(ended_on__isnull=True)
    assert plans.count() >= 2
    for held in Conference.objects.filter(held_on__isnull=False).values_list("held_on", flat=True):
        assert held.weekday() < 5 and held <= today
    assert CoreGroupMeeting.objects.filter(plan__in=plans).exists()
    assert plans.filter(next_review_due__gte=today, next_review_due__lte=today + dt.timedelta(days=14)).exists()
    assert plans.filter(next_review_due__lt=today).exists()
    assert Conference.objects.filter(kind=ConferenceKind.REVIEW, held_on__isnull=False).exists()
    for plan in plans:
        assert Conference.objects.filter(plan=plan, kind=ConferenceKind.REVIEW, held_on__isnull=True).exists()

    # A second plan, and a repeat plan within two years of one a manager ended.
    assert plans.filter(previous_plans__gte=1, repeat_within_two_years=False).exists()
    repeat = plans.filter(repeat_within_two_years=True).first()
    assert repeat is not None and repeat.previous_plans >= 1
    earlier = ChildProtectionPlan.objects.filter(child=repeat.child, ended_on__isnull=False).get()
    assert earlier.end_reason in (PlanEndReason.MOVED_LA, PlanEndReason.LOOKED_AFTER)
    ended_by = AuditEvent.objects.get(event_type=EventType.CP_PLAN_ENDED, subject_id=str(earlier.uuid))
    assert ended_by.actor_role == Role.TEAM_MANAGER

    # Statutory visits with the child seen alone and their words; some now overdue.
    visits = CaseNote.objects.filter(kind=NoteKind.STATUTORY_VISIT)
    assert visits.filter(child_seen_alone=True).exclude(child_words="").exists()
    assert plans.filter(next_visit_due__lt=today).exists()
    assert plans.filter(next_visit_due__gte=today).exists()

    # Partners' actions: some done by the partner, some overdue.
    partner_actions = Action.objects.exclude(owner_agency__kind="csc")
    assert partner_actions.filter(completed_on__isnull=True, due_on__lt=today).exists()
    assert partner_actions.filter(completed_by__role=Role.PARTNER).exists()

    # Case notes of every kind, some restricted, shared or significant.
    notes = CaseNote.objects.all()
    for kind in (NoteKind.VISIT, NoteKind.SUPERVISION, NoteKind.MANAGEMENT_DECISION):
        assert notes.filter(kind=kind).exists(), kind
    assert notes.filter(restricted=True).exists()
    assert notes.filter(shared_with__isnull=False).exists()
    assert notes.filter(significant=True).exists()
    assert notes.filter(kind=NoteKind.SUPERVISION, author__role=Role.TEAM_MANAGER).exists()
    assert not notes.filter(occurred_at__gt=timezone.now()).exists()

    # Recorded for the returns: every assessment's primary need; invitations to conferences
    # not yet held; core groups naming partner agencies; a case closed and one stepped
    # down; referrals closed with no further action; police protection and an EPO; and the
    # reason some children have no UPN.
    assert not Assessment.objects.filter(primary_need="").exists()
    assert Invitation.objects.filter(conference__held_on__isnull=True).exclude(agency__kind="csc").exists()
    assert CoreGroupMeeting.objects.filter(agencies__isnull=False).exists()
    closures = CaseClosure.objects.filter(status="authorised")
    assert set(closures.values_list("census_reason", flat=True)) == {"RC8", "RC9"}
    assert Referral.objects.filter(nfa_on__isnull=False, assessments__isnull=True).exists()
    assert set(EmergencyProtection.objects.values_list("kind", flat=True)) == {"police", "epo"}
    assert casework["upn_reasons"] >= 1
    assert Person.objects.exclude(upn_unknown_reason="").filter(upn="").exists()

    report = verify_chain()
    assert report.intact, report.problem


def _deadlines(children: list[int], today: dt.date) -> list[dt.date]:
    """Every open deadline on these children's casework."""
    return [
        *Assessment.objects.filter(child_id__in=children)
        .exclude(status=AssessmentStatus.AUTHORISED)
        .values_list("due_on", flat=True),
        *ChildInNeedPlan.objects.filter(child_id__in=children, ended_on__isnull=True).values_list(
            "next_review_due", flat=True
        ),
        *ChildProtectionPlan.objects.filter(child_id__in=children, ended_on__isnull=True).values_list(
            "next_review_due", "next_visit_due", "next_core_group_due"
        ),
        *Conference.objects.filter(child_id__in=children, held_on__isnull=True).values_list("due_on", flat=True),
        *Action.objects.filter(child_id__in=children, completed_on__isnull=True).values_list("due_on", flat=True),
    ]


def _flatten(values: list[Any]) -> list[dt.date]:
    return [d for v in values for d in (v if isinstance(v, tuple) else (v,))]


@pytest.mark.django_db
@fast_passwords
def test_each_demo_social_worker_has_casework_with_due_dates() -> None:
    seed(children=80)
    today = timezone.localdate()
    every: list[dt.date] = []
    for spec in DEMO_USERS:
        if not spec.username.startswith("sw."):
            continue
        worker = User.objects.get(username=spec.username)
        children = list(people_selectors.children_for_worker(user=worker).values_list("pk", flat=True))
        if not children:
            continue
        due = _flatten(_deadlines(children, today))
        assert due, f"{spec.username} has no casework with a due date"
        every += due
        mine = Assessment.objects.filter(child_id__in=children).exclude(worker=worker)
        assert not mine.exists(), f"{spec.username}'s children were assessed by someone else"
    assert any(d < today for d in every) and any(today <= d <= _soon(today) for d in every)
    assert any(d > _soon(today) for d in every)


@pytest.mark.django_db
@fast_passwords
def test_casework_is_done_by_the_allocated_worker_and_authorised_by_their_manager() -> None:
    seed(children=80)
    for assessment in Assessment.objects.exclude(authorised_by=None).select_related("worker", "authorised_by"):
        allocated = assessment.child.involvements.get(kind=InvolvementKind.ALLOCATED_WORKER, ended_at__isnull=True)
        assert assessment.worker_id == allocated.user_id
        assert assessment.authorised_by.role == Role.TEAM_MANAGER
        assert assessment.authorised_by.team_id == allocated.team_id
    # Every step is audited: the assessments' events name the child.
    started = AuditEvent.objects.filter(event_type=EventType.ASSESSMENT_STARTED).count()
    assert started == Assessment.objects.count()
    assert not AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED).exists()


class _Undo(Exception):
    pass


def _casework_snapshot(seed_value: int) -> dict[str, list[Any]]:
    result: dict[str, list[Any]] = {}
    try:
        with transaction.atomic():
            seed(children=60, seed=seed_value)
            la = dict(Person.objects.values_list("pk", "la_id"))

            def rows(model: Any, *fields: str) -> list[tuple[str, ...]]:
                values = model.objects.values_list("child_id", *fields)
                return sorted((la[child], *map(str, rest)) for child, *rest in values)

            result = {
                "assessments": rows(Assessment, "referral_date", "started_on", "status", "outcome", "worker__username"),
                "plans": rows(ChildProtectionPlan, "started_on", "ended_on", "initial_category", "next_review_due"),
                "notes": rows(CaseNote, "kind", "occurred_at", "author__username", "restricted"),
                "actions": rows(Action, "due_on", "completed_on", "owner_agency__name"),
            }
            raise _Undo
    except _Undo:
        pass
    return result


@pytest.mark.django_db
@fast_passwords
def test_the_same_seed_gives_the_same_casework() -> None:
    first = _casework_snapshot(7)
    assert first["assessments"] and first["plans"]
    assert first == _casework_snapshot(7)
