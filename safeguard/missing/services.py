"""Actions on missing episodes. Each asks the policy first (``access.enforce.require``),
validates in the user's words, computes the return-interview deadline through ``rules``
and writes its audit event in the same transaction."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.access.enforce import require
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.lib.errors import InvalidTransition, StaleEdit

from . import policy, rules
from .codes import AbsenceType, PoliceRisk
from .models import MissingEpisode

if TYPE_CHECKING:
    from safeguard.accounts.models import Agency, User
    from safeguard.people.models import Person


def _when(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%-d %B %Y at %H:%M")


def _identity_ids(child: Person) -> Any:
    return child.identity_ids()


def _overlap_error(child: Person, start: dt.datetime, end: dt.datetime | None, exclude: int | None = None) -> str:
    """The user's words for an episode that would overlap another of the child's."""
    others = MissingEpisode.objects.filter(child_id__in=_identity_ids(child))
    if exclude is not None:
        others = others.exclude(pk=exclude)
    for other in others.order_by("started_at"):
        if rules.periods_overlap(start, end, other.started_at, other.ended_at):
            if other.ended_at is None:
                return (
                    f"{child.full_name} is already recorded as missing since {_when(other.started_at)}. "
                    "Record their return on that episode first."
                )
            return (
                f"This overlaps the episode from {_when(other.started_at)} to {_when(other.ended_at)}. "
                "A child's missing episodes cannot overlap: check the dates and times."
            )
    return ""


def _conflict(actor: User, episode: MissingEpisode) -> None:
    with transaction.atomic():
        audit.record(actor=actor, event_type=EventType.RECORD_CONFLICT, subject=episode, child=episode.child)


def _lock(episode: MissingEpisode, expected_version: int | None) -> MissingEpisode:
    locked = MissingEpisode.objects.select_for_update().select_related("child").get(pk=episode.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleEdit({"version": (expected_version, locked.version)})
    return locked


def _set_return(episode: MissingEpisode, ended_at: dt.datetime) -> None:
    episode.ended_at = ended_at
    episode.return_interview_due = rules.return_interview_due(ended_at)


def missing_start(
    *,
    actor: User,
    child: Person,
    started_at: dt.datetime,
    absence_type: str = AbsenceType.MISSING,
    from_care: bool = False,
    reported_by: str = "",
    reported_by_agency: Agency | None = None,
    circumstances: str = "",
    police_risk: str = "",
    ended_at: dt.datetime | None = None,
    where_found: str = "",
) -> MissingEpisode:
    """Record that a child went missing (or was away without authorisation). A past
    episode may be recorded whole by giving ``ended_at`` and ``where_found``."""
    require(policy.can_record_missing(actor, child), actor=actor, action="record_missing", child=child)
    now = timezone.now()
    errors: dict[str, str] = {}
    if absence_type not in AbsenceType.values:
        errors["absence_type"] = "Say whether the child was missing or away without authorisation."
    if police_risk not in PoliceRisk.values:
        errors["police_risk"] = "Choose the police risk grading, or 'Not known'."
    if started_at > now:
        errors["started_at"] = "The time the child went missing cannot be in the future."
    if ended_at is not None:
        if ended_at < started_at:
            errors["ended_at"] = "The child cannot have returned before they went missing."
        elif ended_at > now:
            errors["ended_at"] = "The time the child returned cannot be in the future."
    if not errors:
        clash = _overlap_error(child, started_at, ended_at)
        if clash:
            errors["started_at"] = clash
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        episode = MissingEpisode(
            child=child,
            absence_type=absence_type,
            from_care=from_care,
            started_at=started_at,
            circumstances=circumstances.strip(),
            police_risk=police_risk,
            reported_by=reported_by.strip(),
            reported_by_agency=reported_by_agency,
            where_found=where_found.strip(),
            recorded_by=actor if actor.pk else None,
        )
        if ended_at is not None:
            _set_return(episode, ended_at)
        episode.full_clean()
        episode.save()
        audit.record(
            actor=actor,
            event_type=EventType.MISSING_RECORDED,
            subject=episode,
            child=child,
            data={
                "new": {
                    "absence_type": absence_type,
                    "from_care": from_care,
                    "started_at": started_at,
                    "ended_at": ended_at,
                    "return_interview_due": episode.return_interview_due,
                }
            },
        )
        return episode


def missing_end(
    *, actor: User, episode: MissingEpisode, ended_at: dt.datetime, where_found: str, expected_version: int
) -> MissingEpisode:
    """Record the child's return: when and where they were found. The return interview
    falls due 72 hours later."""
    child = episode.child
    require(policy.can_record_missing(actor, child), actor=actor, action="end_missing", child=child)
    errors: dict[str, str] = {}
    if ended_at < episode.started_at:
        errors["ended_at"] = f"The child cannot have returned before they went missing ({_when(episode.started_at)})."
    elif ended_at > timezone.now():
        errors["ended_at"] = "The time the child returned cannot be in the future."
    if not where_found.strip():
        errors["where_found"] = "Say where the child was found, or 'Returned by themselves' and where."
    if not errors:
        clash = _overlap_error(child, episode.started_at, ended_at, exclude=episode.pk)
        if clash:
            errors["ended_at"] = clash
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            locked = _lock(episode, expected_version)
            if locked.ended_at is not None:
                raise InvalidTransition("This episode has already ended.")
            _set_return(locked, ended_at)
            locked.where_found = where_found.strip()
            locked.version += 1
            locked.save(update_fields=["ended_at", "return_interview_due", "where_found", "version"])
            audit.record(
                actor=actor,
                event_type=EventType.MISSING_UPDATED,
                subject=locked,
                child=locked.child,
                data={
                    "old": {"ended_at": None, "where_found": ""},
                    "new": {
                        "ended_at": ended_at,
                        "where_found": locked.where_found,
                        "return_interview_due": locked.return_interview_due,
                    },
                },
            )
            return locked
    except StaleEdit:
        _conflict(actor, episode)
        raise


def return_interview_record(
    *,
    actor: User,
    episode: MissingEpisode,
    expected_version: int,
    offered_at: dt.datetime,
    held_at: dt.datetime | None = None,
    declined: bool = False,
    interviewer: str = "",
    child_said: str = "",
) -> MissingEpisode:
    """Record that the return interview was offered, and either held (with what the
    child said) or declined by the child."""
    child = episode.child
    require(policy.can_record_missing(actor, child), actor=actor, action="record_return_interview", child=child)
    now = timezone.now()
    errors: dict[str, str] = {}
    if episode.ended_at is None:
        raise InvalidTransition("Record the child's return before the return interview.")
    if offered_at < episode.ended_at:
        errors["offered_at"] = "The interview cannot have been offered before the child returned."
    elif offered_at > now:
        errors["offered_at"] = "The time the interview was offered cannot be in the future."
    if held_at is not None and declined:
        errors["declined"] = "An interview cannot be both held and declined."
    if held_at is not None:
        if held_at < offered_at:
            errors["held_at"] = "The interview cannot have been held before it was offered."
        elif held_at > now:
            errors["held_at"] = "The time the interview was held cannot be in the future."
        if not child_said.strip():
            errors["child_said"] = "Record what the child said, in their own words where you can."
        if not interviewer.strip():
            errors["interviewer"] = "Say who held the interview."
    if errors:
        raise ValidationError(errors)
    fields = {
        "return_interview_offered_at": offered_at,
        "return_interview_held_at": held_at,
        "return_interview_declined": declined,
        "return_interview_by": interviewer.strip(),
        "child_said": child_said.strip(),
    }
    try:
        with transaction.atomic():
            locked = _lock(episode, expected_version)
            old = {name: getattr(locked, name) for name, value in fields.items() if getattr(locked, name) != value}
            for name, value in fields.items():
                setattr(locked, name, value)
            locked.version += 1
            locked.save(update_fields=[*fields, "version"])
            audit.record(
                actor=actor,
                event_type=EventType.MISSING_UPDATED,
                subject=locked,
                child=locked.child,
                # What the child said is not copied into the audit: the audit says it changed.
                data={
                    "old": {k: ("(changed)" if k == "child_said" else v) for k, v in old.items()},
                    "new": {k: ("(changed)" if k == "child_said" else fields[k]) for k in old},
                },
            )
            return locked
    except StaleEdit:
        _conflict(actor, episode)
        raise


def close_open_episodes(*, actor: User, child: Person, at: dt.datetime, reason: str) -> int:
    """Close the child's open missing episodes at ``at`` (for example when their placement
    ends: an open missing period must be closed when the placement ends, SSDA903,
    shared/domain.md §2.6). Returns how many were closed. The return interview still
    falls due 72 hours after ``at``."""
    require(policy.can_record_missing(actor, child), actor=actor, action="close_missing", child=child)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the missing episode is being closed."})
    closed = 0
    with transaction.atomic():
        for episode in MissingEpisode.objects.select_for_update().filter(
            child_id__in=_identity_ids(child), ended_at__isnull=True
        ):
            ended_at = max(at, episode.started_at)
            _set_return(episode, ended_at)
            episode.closed_reason = reason.strip()[:300]
            episode.version += 1
            episode.save(update_fields=["ended_at", "return_interview_due", "closed_reason", "version"])
            audit.record(
                actor=actor,
                event_type=EventType.MISSING_UPDATED,
                subject=episode,
                child=child,
                reason=episode.closed_reason,
                data={"old": {"ended_at": None}, "new": {"ended_at": ended_at, "closed_reason": episode.closed_reason}},
            )
            closed += 1
    return closed
