"""Timescales and thresholds of missing episodes (shared/domain.md §2.6). Each is computed
from a stored event time (the return), never from when the record was made."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

RETURN_INTERVIEW_HOURS = 72


def return_interview_due(returned_at: dt.datetime) -> dt.datetime:
    """A return home interview is offered to every child on return and held within 72
    hours of it (DfE, Statutory guidance on children who run away or go missing from home
    or care, January 2014, para 46; shared/domain.md §2.6). The guidance counts clock
    hours, not working days: weekends and bank holidays do not stop it."""
    return returned_at + dt.timedelta(hours=RETURN_INTERVIEW_HOURS)


def return_interview_overdue(
    *, due: dt.datetime | None, held_at: dt.datetime | None, declined: bool, now: dt.datetime
) -> bool:
    """Overdue: the child has returned, 72 hours have passed, and the interview has been
    neither held nor declined by the child."""
    return due is not None and held_at is None and not declined and now > due


def periods_overlap(
    start: dt.datetime, end: dt.datetime | None, other_start: dt.datetime, other_end: dt.datetime | None
) -> bool:
    """Missing periods of one child must not overlap (SSDA903 validation, shared/domain.md
    §2.6). An open period runs on until it ends; touching end-to-start is not overlap."""
    ends_after_other_starts = end is None or end > other_start
    other_ends_after_start = other_end is None or other_end > start
    return ends_after_other_starts and other_ends_after_start


def repeat_window_days() -> int:
    """How far back repeated missing episodes are counted (local, settings.MISSING_REPEAT_DAYS,
    default 90)."""
    return int(getattr(settings, "MISSING_REPEAT_DAYS", 90))


def repeat_threshold() -> int:
    """How many episodes in the window count as repeated missing, which raises the child's
    exploitation flag (local, settings.MISSING_REPEAT_THRESHOLD, default 3; compare the
    Derbyshire rule of a strategy meeting after 3 episodes in 30 days, domain.md §2.6)."""
    return int(getattr(settings, "MISSING_REPEAT_THRESHOLD", 3))


def is_repeatedly_missing(recent_episodes: int) -> bool:
    """Repeated missing: at least ``repeat_threshold()`` episodes in the window."""
    return recent_episodes >= repeat_threshold()


def strategy_meeting_prompted(episode_starts: list[dt.datetime], now: dt.datetime) -> bool:
    """A strategy meeting is prompted when a child has gone missing 3 or more times in 30
    days (Derbyshire's local escalation rule, shared/domain.md §2.6 [L])."""
    since = now - dt.timedelta(days=30)
    return sum(1 for s in episode_starts if since <= s <= now) >= 3
