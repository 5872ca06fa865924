"""Reads of early help. Page reads take the viewer, ask the policy and record the view
(``person.viewed`` with the page's purpose, ``contact.viewed`` for a contact waiting in
the queue); the queue and the team's list are for the early help team and heads of
service (``policy.can_use_queue``)."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_lib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.access.enforce import require
from safeguard.access.models import Involvement, InvolvementKind
from safeguard.accounts.models import Role
from safeguard.audit import services as audit
from safeguard.audit.models import AuditEvent, EventType
from safeguard.casework.codes import ClosureKind, ClosureStatus
from safeguard.casework.models import CaseClosure
from safeguard.casework.selectors import Due, Today
from safeguard.frontdoor.codes import ContactStatus
from safeguard.frontdoor.codes import Decision as ContactDecision
from safeguard.frontdoor.models import Contact
from safeguard.lib.errors import NotVisible, StaleEdit
from safeguard.lib.workingdays import working_days_between
from safeguard.people.models import Person
from safeguard.people.selectors import person_by_uuid as _person

from . import policy, rules
from .models import EarlyHelpEpisode, EarlyHelpReview

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser, Decision
    from safeguard.people.selectors import ChildRecord


# --- The queue ---------------------------------------------------------------------------


@dataclass
class Waiting:
    """A family waiting for the early help team: a contact decided early help, or a case
    stepped down to it."""

    kind: str  # "contact" or "step_down"
    uuid: uuid_lib.UUID
    name: str
    date_of_birth: dt.date | None
    since: dt.date
    working_days: int
    why: str
    source: str
    matched: bool

    @property
    def long_wait(self) -> bool:
        return self.working_days > WAIT_FLAG_WORKING_DAYS


# A family waiting more than this many working days is flagged on the queue [L].
WAIT_FLAG_WORKING_DAYS = 5


def _waiting_contacts() -> Any:
    return Contact.objects.filter(
        status=ContactStatus.DECIDED, decision=ContactDecision.EARLY_HELP, early_help_episode__isnull=True
    )


def _waiting_step_downs() -> Any:
    return CaseClosure.objects.filter(
        kind=ClosureKind.STEP_DOWN, status=ClosureStatus.AUTHORISED, early_help_episode__isnull=True
    )


def waiting_count() -> int:
    return _waiting_contacts().count() + _waiting_step_downs().count()


def waiting_for(*, user: AnyUser, today: dt.date | None = None) -> list[Waiting]:
    """Everything waiting for the early help team, longest wait first."""
    require(policy.can_use_queue(user), actor=user, action="early_help_queue")
    today = today or timezone.localdate()
    rows: list[Waiting] = []
    for c in _waiting_contacts().select_related("child", "referrer_agency").order_by("authorised_at", "pk"):
        since = timezone.localtime(c.authorised_at or c.decided_at or c.received_at).date()
        child = c.child
        rows.append(
            Waiting(
                kind="contact",
                uuid=c.uuid,
                name=child.full_name if child else c.child_name_as_reported,
                date_of_birth=child.date_of_birth if child else c.child_date_of_birth,
                since=since,
                working_days=max(0, working_days_between(since, today)),
                why=c.decision_rationale,
                source=f"Contact {c.reference} from {c.referrer_agency or c.referrer_name}",
                matched=child is not None,
            )
        )
    for s in _waiting_step_downs().select_related("child").order_by("authorised_on", "pk"):
        since = s.authorised_on or s.closed_on
        rows.append(
            Waiting(
                kind="step_down",
                uuid=s.uuid,
                name=s.child.full_name,
                date_of_birth=s.child.date_of_birth,
                since=since,
                working_days=max(0, working_days_between(since, today)),
                why=s.reason,
                source="Stepped down by children's social care",
                matched=True,
            )
        )
    rows.sort(key=lambda r: (r.since, r.name))
    return rows


def _viewed(user: AnyUser, person: Person | None, decision: Decision, purpose: str, subject: Any, event: str) -> None:
    require(decision, actor=user, action=purpose, child=person, subject=subject)
    with transaction.atomic():
        audit.record(
            actor=user,  # type: ignore[arg-type]
            event_type=EventType(event),
            subject=subject,
            child=person,
            data={"extra": {"purpose": purpose, "basis": decision.basis}},
        )


def waiting_contact_for(*, user: AnyUser, contact_uuid: uuid_lib.UUID | str) -> Contact:
    """A contact waiting in the queue, for the page that starts early help from it."""
    decision = policy.can_use_queue(user)
    if not decision:
        require(decision, actor=user, action="start_early_help")
    try:
        contact = _waiting_contacts().select_related("child", "referrer_agency").get(uuid=contact_uuid)
    except (Contact.DoesNotExist, ValueError, ValidationError):
        raise NotVisible from None
    _viewed(user, contact.child, decision, "start_early_help", contact, EventType.CONTACT_VIEWED)
    return contact


def waiting_step_down_for(*, user: AnyUser, closure_uuid: uuid_lib.UUID | str) -> CaseClosure:
    """A step-down waiting in the queue, for the page that starts early help from it."""
    decision = policy.can_use_queue(user)
    if not decision:
        require(decision, actor=user, action="start_early_help")
    try:
        closure = _waiting_step_downs().select_related("child").get(uuid=closure_uuid)
    except (CaseClosure.DoesNotExist, ValueError, ValidationError):
        raise NotVisible from None
    _viewed(user, closure.child, decision, "start_early_help", closure, EventType.PERSON_VIEWED)
    return closure


# --- The team's families -----------------------------------------------------------------


@dataclass
class EpisodeRow:
    episode: EarlyHelpEpisode
    assessment_due: Due | None
    review_due: Due | None

    @property
    def overdue(self) -> bool:
        return bool(
            (self.assessment_due and self.assessment_due.overdue) or (self.review_due and self.review_due.overdue)
        )


def _row(episode: EarlyHelpEpisode, today: Today) -> EpisodeRow:
    assessment = (
        today.due(episode.assessment_due)
        if episode.assessment_due and episode.assessment_completed_on is None and episode.closed_on is None
        else None
    )
    review = today.due(episode.next_review_due) if episode.next_review_due and episode.closed_on is None else None
    return EpisodeRow(episode, assessment, review)


def episode_row(episode: EarlyHelpEpisode) -> EpisodeRow:
    return _row(episode, Today.now())


def team_episodes(*, user: AnyUser) -> tuple[list[EpisodeRow], list[EpisodeRow]]:
    """The open episodes the viewer's early help team holds (every team's for a head of
    service), split into those the viewer leads and the rest."""
    require(policy.can_use_queue(user), actor=user, action="early_help_families")
    today = Today.now()
    episodes = EarlyHelpEpisode.objects.filter(policy.team_episodes_q(user), closed_on__isnull=True).select_related(
        "child", "lead_agency", "team"
    )
    rows = [_row(e, today) for e in episodes.order_by("next_review_due", "started_on", "pk")]
    mine = [r for r in rows if r.episode.lead_user_id == getattr(user, "pk", None)]
    return mine, [r for r in rows if r.episode.lead_user_id != getattr(user, "pk", None)]


# --- A child's early help ----------------------------------------------------------------


@dataclass
class _Bar:
    partner_view: bool
    allocation: Involvement | None
    warnings: list[Any]


@dataclass
class EarlyHelpFile:
    person: Person
    decision: Decision
    record: _Bar
    can_record: bool

    @property
    def partner_view(self) -> bool:
        return self.decision.partner_view


def _bar(person: Person, decision: Decision) -> _Bar:
    allocation = (
        Involvement.objects.filter(child=person, kind=InvolvementKind.ALLOCATED_WORKER, ended_at__isnull=True)
        .select_related("user", "team")
        .first()
    )
    return _Bar(decision.partner_view, allocation, list(person.warnings.filter(ended_at__isnull=True)))


def child_for_direct_start(*, user: AnyUser, child_uuid: uuid_lib.UUID | str) -> EarlyHelpFile:
    """The child, for the page that records a direct request for early help."""
    person = _person(child_uuid)
    decision = policy.can_start_direct(user, person)
    _viewed(user, person, decision, "start_early_help", person, EventType.PERSON_VIEWED)
    return EarlyHelpFile(person, decision, _bar(person, decision), True)


def episode_for(
    *,
    user: AnyUser,
    child_uuid: uuid_lib.UUID | str,
    episode_uuid: uuid_lib.UUID | str,
    purpose: str,
    recording: bool = False,
) -> tuple[EarlyHelpFile, EarlyHelpEpisode]:
    """One of the child's episodes; NotVisible when missing or another child's."""
    person = _person(child_uuid)
    try:
        episode = EarlyHelpEpisode.objects.select_related(
            "child",
            "lead_agency",
            "lead_user",
            "team",
            "contact",
            "step_down",
            "requested_by_agency",
            "assessment_agency",
            "step_up_contact",
            "recorded_by",
        ).get(uuid=episode_uuid, child_id__in=person.identity_ids())
    except (EarlyHelpEpisode.DoesNotExist, ValueError, ValidationError):
        raise NotVisible from None
    decision = (policy.can_record_episode if recording else policy.can_view_episode)(user, person, episode)
    _viewed(user, person, decision, purpose, episode, EventType.PERSON_VIEWED)
    can_record = bool(policy.can_record_episode(user, person, episode)) if not recording else True
    return EarlyHelpFile(person, decision, _bar(person, decision), can_record), episode


def can_view_after(user: AnyUser, episode: EarlyHelpEpisode) -> bool:
    """Whether the viewer may still open the episode (after a change that ended involvements)."""
    return bool(policy.can_view_episode(user, episode.child, episode))


def reviews_of(episode: EarlyHelpEpisode) -> list[EarlyHelpReview]:
    return list(episode.reviews.select_related("recorded_by").order_by("-held_on", "-pk"))


def changes_since(*, episode: EarlyHelpEpisode, opened_version: int) -> StaleEdit:
    """What others changed on an episode (or its reviews) after ``opened_version``, for
    the refusal of a stale save."""
    ids = [str(episode.uuid), *(str(u) for u in episode.reviews.values_list("uuid", flat=True))]
    events = (
        AuditEvent.objects.filter(
            subject_id__in=ids, event_type__in=[EventType.RECORD_CREATED, EventType.RECORD_UPDATED]
        )
        .select_related("actor")
        .order_by("sequence")
    )
    changes: dict[str, tuple[Any, Any]] = {}
    who: list[str] = []
    for event in events:
        version = ((event.data or {}).get("extra") or {}).get("version") or 0
        if version <= opened_version:
            continue
        for name, before in (event.data.get("old") or {}).items():
            changes.setdefault(name, (before, None))
        for name, after in (event.data.get("new") or {}).items():
            changes[name] = (changes.get(name, (None, None))[0], after)
        person = event.actor.display_name if event.actor else event.actor_username
        if person not in who:
            who.append(person)
    return StaleEdit(changes, changed_by=", ".join(who))


# --- The child's-record section ----------------------------------------------------------


@dataclass
class EarlyHelpSummary:
    open_episode: EarlyHelpEpisode | None
    row: EpisodeRow | None
    past: list[EarlyHelpEpisode]
    can_see_detail: bool
    can_start: bool


def summary_for_record(*, user: AnyUser, record: ChildRecord) -> EarlyHelpSummary:
    """For the section on the child's page: the caller (people's child page) has already
    opened the record and recorded the view."""
    person = record.person
    episodes = list(
        EarlyHelpEpisode.objects.filter(child_id__in=person.identity_ids())
        .select_related("lead_agency", "team", "step_up_contact")
        .order_by("-started_on", "-pk")
    )
    current = next((e for e in episodes if e.closed_on is None), None)
    detail = (
        bool(policy.can_view_episode(user, person, current or episodes[0]))
        if episodes
        else not record.decision.partner_view
    )
    return EarlyHelpSummary(
        open_episode=current,
        row=_row(current, Today.now()) if current else None,
        past=[e for e in episodes if e.closed_on is not None],
        can_see_detail=detail,
        can_start=current is None and bool(policy.can_start_direct(user, person)),
    )


# --- For other contexts ------------------------------------------------------------------


def assessment_overdue(episode: EarlyHelpEpisode, today: dt.date) -> bool:
    return rules.assessment_overdue(
        started_on=episode.assessment_started_on, completed_on=episode.assessment_completed_on, today=today
    )


def lead_candidates(agency_id: int | None = None) -> Any:
    """Users who may be named lead practitioner: council practitioners and partners."""
    from safeguard.accounts.models import User

    users = User.objects.filter(
        is_active=True, is_system=False, role__in=[Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.PARTNER]
    )
    if agency_id is not None:
        users = users.filter(agency_id=agency_id)
    return users.select_related("agency").order_by("last_name", "first_name")
