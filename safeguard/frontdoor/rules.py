"""The front door's timescales, each named for what it enforces and citing its source."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings

from safeguard.lib.workingdays import add_working_days, is_working_day

LONDON = ZoneInfo("Europe/London")
WORKING_DAY_STARTS = dt.time(9, 0)


def _clock_start(received_at: dt.datetime) -> dt.datetime:
    """The moment the clock starts: on receipt during a working day, otherwise at 09:00 on
    the next working day."""
    local = received_at.astimezone(LONDON)
    if is_working_day(local.date()):
        return local
    day = add_working_days(local.date(), 1)
    return dt.datetime.combine(day, WORKING_DAY_STARTS, tzinfo=LONDON)


def contact_decision_due(received_at: dt.datetime) -> dt.datetime:
    """A decision on a contact is due within one working day of receipt.

    Working Together to Safeguard Children 2023, chapter 2 (and 2018, chapter 1 para 68):
    "Within one working day of a referral being received, a local authority social worker
    should acknowledge receipt to the referrer and make a decision about the type of
    response that is required." Safeguard applies it to every contact at the front door:
    due by the same clock time on the next working day; a contact received outside a
    working day starts its clock at 09:00 on the next working day.
    """
    start = _clock_start(received_at)
    due_day = add_working_days(start.date(), 1)
    return dt.datetime.combine(due_day, start.time(), tzinfo=LONDON)


def information_due(rated_at: dt.datetime, rag: str) -> dt.datetime | None:
    """When information gathered for a RAG-rated contact is due (local practice,
    shared/domain.md §1.4; configured in settings.MASH_RAG_DEADLINES as
    ``(unit, amount)`` with unit "hours" or "working_days"; None means no target)."""
    rule = settings.MASH_RAG_DEADLINES.get(rag)
    if rule is None:
        return None
    unit, amount = rule
    if unit == "hours":
        return rated_at + dt.timedelta(hours=amount)
    start = _clock_start(rated_at)
    return dt.datetime.combine(add_working_days(start.date(), amount), start.time(), tzinfo=LONDON)


def is_re_referral(referral_date: dt.date, previous_referral_dates: list[dt.date]) -> bool:
    """A re-referral is a referral within 12 months of a previous referral for the same
    child (CIN census guidance; shared/domain.md §1.2)."""
    for previous in previous_referral_dates:
        if previous <= referral_date:
            try:
                year_after = previous.replace(year=previous.year + 1)
            except ValueError:  # 29 February
                year_after = previous.replace(year=previous.year + 1, day=28)
            if referral_date <= year_after:
                return True
    return False
