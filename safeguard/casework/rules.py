"""The statutory and local timescales of help and protection casework, each named for
what it enforces and citing its source (shared/domain.md §1.3, §1.6, §1.7). Every
deadline is computed here from a stored event date, never from when a record was made,
so correcting a date recomputes it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from safeguard.lib.workingdays import add_months, add_working_days


def assessment_due(referral_date: dt.date) -> dt.date:
    """A child and family assessment concludes within 45 working days of the referral.
    Working Together to Safeguard Children 2023, ch. 2 (carried over from 2018, ch. 1 para 84)."""
    return add_working_days(referral_date, 45)


def initial_conference_due(strategy_discussion_date: dt.date) -> dt.date:
    """The initial child protection conference is held within 15 working days of the
    strategy discussion that initiated the section 47 enquiry (WT 2023 ch. 2; CIN census
    InitialCPCtarget). With several strategy discussions, count from the one that started
    the enquiry."""
    return add_working_days(strategy_discussion_date, 15)


def first_core_group_due(initial_conference_date: dt.date) -> dt.date:
    """The first core group meets within 10 working days of the initial conference
    (near-universal local procedure; shared/domain.md §1.3)."""
    return add_working_days(initial_conference_date, 10)


def next_core_group_due(last_core_group_date: dt.date) -> dt.date:
    """Core groups meet at least every six weeks after the first (local; configurable in
    settings.CORE_GROUP_INTERVAL_WEEKS)."""
    return last_core_group_date + dt.timedelta(weeks=int(settings.CORE_GROUP_INTERVAL_WEEKS))


def first_review_conference_due(initial_conference_date: dt.date) -> dt.date:
    """The first review conference is held within three months of the initial conference
    (WT 2023 ch. 2)."""
    return add_months(initial_conference_date, 3)


def next_review_conference_due(last_review_date: dt.date) -> dt.date:
    """Later review conferences are held no more than six months apart (WT 2023 ch. 2)."""
    return add_months(last_review_date, 6)


def protection_visit_due(last_visit_date: dt.date) -> dt.date:
    """Statutory child protection visits: a local frequency set in the plan; by default
    every 10 working days (shared/domain.md §1.7; settings.CP_VISIT_WORKING_DAYS)."""
    return add_working_days(last_visit_date, int(settings.CP_VISIT_WORKING_DAYS))


def cin_review_due(last_review_or_start: dt.date) -> dt.date:
    """Child in need plans are reviewed at least every 12 weeks (local; settings.
    CIN_REVIEW_INTERVAL_WEEKS)."""
    return last_review_or_start + dt.timedelta(weeks=int(settings.CIN_REVIEW_INTERVAL_WEEKS))


def is_second_or_subsequent_plan(previous_plan_starts: list[dt.date], new_start: dt.date) -> bool:
    """A plan is a second or subsequent plan when the child had any earlier child
    protection plan (DfE CIN census key indicator)."""
    return any(start < new_start for start in previous_plan_starts)


def is_repeat_within_two_years(previous_plan_ends: list[dt.date], new_start: dt.date) -> bool:
    """A new plan within two years of the end of the last one: flagged loudly (the local
    variant of the repeat-plan measure, shared/domain.md §7.1)."""
    return any(end <= new_start <= add_months(end, 24) for end in previous_plan_ends)


def plan_lasted_two_years(start: dt.date, end: dt.date) -> bool:
    """A plan that lasted two years or more (DfE CIN census key indicator)."""
    return end >= add_months(start, 24)
