"""The statutory and local timescales of help and protection casework, each named for
what it enforces and citing its source (shared/domain.md §1.3, §1.6, §1.7). Every
deadline is computed here from a stored event date, never from when a record was made,
so correcting a date recomputes it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from safeguard.lib.workingdays import add_months, add_working_days, is_working_day


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


# --- Census items recorded at assessment and at the front door --------------------------------

# Outcomes after which the child goes on being a child in need: the census needs the
# primary need (CIN rule 8610: required for every referral that led to further action).
CONTINUING_OUTCOMES = frozenset({"cin_plan", "strategy"})


def primary_need_required(outcome: str) -> bool:
    """The primary need code (CIN census N00101) is chosen at assessment, and must be
    recorded before an assessment is submitted with an outcome that continues the work as a
    child in need (a child in need plan, or a strategy discussion). After no further action
    or a step-down to early help it may be left blank (the census then uses N9, cases other
    than children in need, or what the assessment found)."""
    return outcome in CONTINUING_OUTCOMES


def referral_nfa_allowed(*, has_assessment: bool, has_strategy_discussion: bool) -> bool:
    """A referral can be closed with no further action only when it went on to neither an
    assessment nor a strategy discussion (CIN rules 8831, 4000, 8832: a referral marked NFA
    carries no assessment, section 47, plan or conference)."""
    return not (has_assessment or has_strategy_discussion)


# The longest each emergency power lasts, counted in days from the day it started: police
# protection at most 72 hours (Children Act 1989 s46(6)), so it ends by the third day after;
# an emergency protection order at most 8 days (s45(1)), extendable once by up to 7 days
# (s45(5)-(6)); a child assessment order at most 7 days from the date it specifies (s43(5)).
EMERGENCY_POWER_LONGEST_DAYS = {"police": 3, "epo": 15, "cao": 7}


def emergency_protection_latest_end(kind: str, started_on: dt.date) -> dt.date:
    """The latest day an emergency power that started on ``started_on`` can still be in
    force (see EMERGENCY_POWER_LONGEST_DAYS for the statute)."""
    return started_on + dt.timedelta(days=EMERGENCY_POWER_LONGEST_DAYS[kind])


def emergency_protection_in_force_between(
    started_on: dt.date, ended_on: dt.date | None, kind: str, start: dt.date, end: dt.date
) -> bool:
    """Whether the power was in force at some time from ``start`` to ``end``. One with no
    end recorded is taken to have lasted its statutory longest."""
    finish = ended_on or emergency_protection_latest_end(kind, started_on)
    return started_on <= end and finish >= start


# Working Together 2023: agencies' reports for a child protection conference are shared
# with the family before it; we ask for them two working days ahead.
CONFERENCE_REPORT_WORKING_DAYS_BEFORE = 2


def conference_report_due(conference_on: dt.date) -> dt.date:
    """The day an invited agency's report is wanted: two working days before the
    conference (a conference on a Monday wants reports by the Thursday before)."""
    day, left = conference_on, CONFERENCE_REPORT_WORKING_DAYS_BEFORE
    while left:
        day -= dt.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day
