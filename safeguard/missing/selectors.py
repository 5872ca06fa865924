"""Reads of missing episodes. Page reads take the viewer, ask the policy and record the
view (``person.viewed`` with the page's purpose); ``episodes_for`` and ``recent_count`` are
for other contexts (care, exploitation) that have already been allowed to see the child."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_lib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from safeguard.access.enforce import require
from safeguard.access.models import Involvement, InvolvementKind
from safeguard.audit import services as audit
from safeguard.audit.models import AuditEvent, EventType
from safeguard.lib.errors import NotVisible, StaleEdit
from safeguard.people.models import Person
from safeguard.people.selectors import person_by_uuid as _person

from . import policy, rules
from .models import MissingEpisode

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser, Decision
    from safeguard.people.selectors import ChildRecord

SHOWN_ON_RECORD = 5


# --- For other contexts ----------------------------------------------------------------


def episodes_for(child: Person) -> list[MissingEpisode]:
    """All the child's episodes (merged duplicates' included), newest first."""
    return list(
        MissingEpisode.objects.filter(child_id__in=child.identity_ids())
        .select_related("reported_by_agency")
        .order_by("-started_at")
    )


def recent_count(child: Person, days: int = 90, *, now: dt.datetime | None = None) -> int:
    """How many episodes started in the last ``days`` days."""
    since = (now or timezone.now()) - dt.timedelta(days=days)
    return MissingEpisode.objects.filter(child_id__in=child.identity_ids(), started_at__gte=since).count()


def repeatedly_missing(child: Person, *, now: dt.datetime | None = None) -> bool:
    """Repeated missing episodes (``rules.is_repeatedly_missing``), which raise the
    child's exploitation flag."""
    return rules.is_repeatedly_missing(recent_count(child, rules.repeat_window_days(), now=now))


def repeatedly_missing_ids(*, now: dt.datetime | None = None) -> set[int]:
    """The primary keys of every child repeatedly missing now (for lists and the MACE agenda)."""
    from django.db.models import Count

    since = (now or timezone.now()) - dt.timedelta(days=rules.repeat_window_days())
    rows = (
        MissingEpisode.objects.filter(started_at__gte=since)
        .values("child_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=rules.repeat_threshold())
    )
    return {r["child_id"] for r in rows}


def overdue_return_interviews(
    children: QuerySet[Any, Any], *, now: dt.datetime | None = None
) -> QuerySet[MissingEpisode]:
    """Episodes of ``children`` (a subquery of primary keys) whose return interview is
    overdue: for "My work" (see docs/exploitation.md: the lead wires it in)."""
    now = now or timezone.now()
    return (
        MissingEpisode.objects.filter(
            child_id__in=children,
            return_interview_due__lt=now,
            return_interview_held_at__isnull=True,
            return_interview_declined=False,
        )
        .select_related("child")
        .order_by("return_interview_due")
    )


# --- Pages -------------------------------------------------------------------------------


@dataclass
class EpisodeRow:
    episode: MissingEpisode
    overdue: bool

    @property
    def duration(self) -> str:
        e = self.episode
        if e.ended_at is None:
            return "still missing"
        hours = int((e.ended_at - e.started_at).total_seconds() // 3600)
        if hours < 24:
            return f"{hours} hour{'s' if hours != 1 else ''}"
        days = hours // 24
        return f"{days} day{'s' if days != 1 else ''}"


@dataclass
class MissingFile:
    """A child's missing episodes as the viewer may see them."""

    person: Person
    decision: Decision
    record: Any  # what the identity bar reads: partner_view, allocation, warnings
    rows: list[EpisodeRow]
    can_record: bool
    can_see_interview: bool
    recent: int
    repeated: bool
    strategy_prompt: bool
    open_episode: MissingEpisode | None

    @property
    def partner_view(self) -> bool:
        return self.decision.partner_view


@dataclass
class _Bar:
    partner_view: bool
    allocation: Involvement | None
    warnings: list[Any]


def _viewed(user: AnyUser, person: Person, decision: Decision, purpose: str, subject: Any = None) -> None:
    require(decision, actor=user, action=purpose, child=person, subject=subject)
    with transaction.atomic():
        audit.record(
            actor=user,  # type: ignore[arg-type]
            event_type=EventType.PERSON_VIEWED,
            subject=subject if subject is not None else person,
            child=person,
            data={"extra": {"purpose": purpose, "basis": decision.basis, "partner_view": decision.partner_view}},
        )


def _file(user: AnyUser, person: Person, decision: Decision) -> MissingFile:
    now = timezone.now()
    episodes = episodes_for(person)
    rows = [
        EpisodeRow(
            e,
            rules.return_interview_overdue(
                due=e.return_interview_due,
                held_at=e.return_interview_held_at,
                declined=e.return_interview_declined,
                now=now,
            ),
        )
        for e in episodes
    ]
    allocation = (
        Involvement.objects.filter(child=person, kind=InvolvementKind.ALLOCATED_WORKER, ended_at__isnull=True)
        .select_related("user", "team")
        .first()
    )
    recent = sum(1 for e in episodes if e.started_at >= now - dt.timedelta(days=rules.repeat_window_days()))
    return MissingFile(
        person=person,
        decision=decision,
        record=_Bar(decision.partner_view, allocation, list(person.warnings.filter(ended_at__isnull=True))),
        rows=rows,
        can_record=bool(policy.can_record_missing(user, person)),
        can_see_interview=bool(policy.can_view_return_interview(user, person)),
        recent=recent,
        repeated=rules.is_repeatedly_missing(recent),
        strategy_prompt=rules.strategy_meeting_prompted([e.started_at for e in episodes], now),
        open_episode=next((e for e in episodes if e.ended_at is None), None),
    )


def missing_file_for(*, user: AnyUser, child_uuid: uuid_lib.UUID | str) -> MissingFile:
    """The child's missing episodes page."""
    person = _person(child_uuid)
    decision = policy.can_view_missing(user, person)
    _viewed(user, person, decision, "missing_episodes")
    return _file(user, person, decision)


def missing_file_for_recording(*, user: AnyUser, child_uuid: uuid_lib.UUID | str, purpose: str) -> MissingFile:
    """The child, for a page that records an episode (council casework)."""
    person = _person(child_uuid)
    decision = policy.can_record_missing(user, person)
    _viewed(user, person, decision, purpose)
    return _file(user, person, decision)


def episode_for(
    *,
    user: AnyUser,
    child_uuid: uuid_lib.UUID | str,
    missing_uuid: uuid_lib.UUID | str,
    purpose: str,
    recording: bool = False,
) -> tuple[MissingFile, MissingEpisode]:
    """One of the child's episodes; NotVisible when missing or another child's."""
    person = _person(child_uuid)
    try:
        episode = MissingEpisode.objects.select_related("child", "reported_by_agency", "recorded_by").get(
            uuid=missing_uuid, child_id__in=person.identity_ids()
        )
    except (MissingEpisode.DoesNotExist, ValueError, ValidationError):
        raise NotVisible from None
    decision = (policy.can_record_missing if recording else policy.can_view_missing)(user, person)
    _viewed(user, person, decision, purpose, subject=episode)
    return _file(user, person, decision), episode


def changes_since(*, episode: MissingEpisode, opened_version: int) -> StaleEdit:
    """What others changed on an episode after ``opened_version`` (each version is written
    by exactly one event about it), for the refusal of a stale save."""
    events = list(
        AuditEvent.objects.filter(
            subject_id=str(episode.uuid), event_type__in=[EventType.MISSING_RECORDED, EventType.MISSING_UPDATED]
        )
        .select_related("actor")
        .order_by("sequence")
    )[max(opened_version, 1) :]
    changes: dict[str, tuple[Any, Any]] = {}
    who: list[str] = []
    for event in events:
        for name, before in (event.data.get("old") or {}).items():
            changes.setdefault(name, (before, None))
        for name, after in (event.data.get("new") or {}).items():
            if name in changes:
                changes[name] = (changes[name][0], after)
        person = event.actor.display_name if event.actor else event.actor_username
        if person not in who:
            who.append(person)
    return StaleEdit(changes, changed_by=", ".join(who))


# --- The child's-record section ----------------------------------------------------------


@dataclass
class MissingSummary:
    rows: list[EpisodeRow]
    total: int
    recent: int
    repeated: bool
    strategy_prompt: bool
    can_record: bool
    open_episode: MissingEpisode | None
    overdue: int


def summary_for_record(*, user: AnyUser, record: ChildRecord) -> MissingSummary:
    """For the section on the child's page: the caller (people's child page) has already
    opened the record and recorded the view."""
    file = _file(user, record.person, record.decision)
    return MissingSummary(
        rows=file.rows[:SHOWN_ON_RECORD],
        total=len(file.rows),
        recent=file.recent,
        repeated=file.repeated,
        strategy_prompt=file.strategy_prompt,
        can_record=file.can_record,
        open_episode=file.open_episode,
        overdue=sum(1 for r in file.rows if r.overdue),
    )
