"""Which care leaver a young person is, worked out from their care history.

Children Act 1989 as amended by the Children (Leaving Care) Act 2000 (s19B, s23A, s23C,
s24) and the Care Planning, Placement and Case Review (England) Regulations 2010, regs
40-44, as summarised in shared/domain.md §2.7:

- **Eligible**: aged 16 or 17, still looked after, and looked after for at least 13 weeks
  (cumulative) in a period that began after their 14th birthday and ended after their 16th.
  Pre-planned short breaks (legal status V3/V4) do not count (reg 40(2)).
- **Relevant**: aged 16 or 17, no longer looked after, and eligible when they left care.
  A relevant child who has lived at home with a parent for 6 months, the return agreed
  as successful, stops being relevant (reg 40(4)-(5)).
- **Former relevant**: aged 18 to 20 and was eligible, relevant or both; up to 25 while in
  education or training or asking for a personal adviser's support.
- **Qualifying**: aged 16 to 20 (up to 25 while in education or training), looked after at
  some time after their 16th birthday but not one of the above; and anyone who left care
  under a special guardianship order (REC E45-E48) once they are 16 (s24(1A)).

This module is pure: it takes simple period records, a date of birth and the date the
answer is for, and returns the category with its reason in plain words and the dates it
turns on. ``adapter.periods_for`` turns a child's care episodes into these records.

Counting: a period covers the days from its start up to, not including, its end date
(the day the child ceased to be looked after), as the SSDA903 return counts durations;
an open period runs to the "as at" date. So a young person who came into care on 1 January
has been looked after for 13 weeks on 2 April.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from safeguard.lib.workingdays import add_months

THIRTEEN_WEEKS = dt.timedelta(weeks=13)
SHORT_BREAK_STATUSES = frozenset({"V3", "V4"})
# Reason episode ceased (REC) codes for a special guardianship order.
SPECIAL_GUARDIANSHIP_ENDINGS = frozenset({"E45", "E46", "E47", "E48"})
RETURNED_HOME_MONTHS = 6

ELIGIBLE = "eligible"
RELEVANT = "relevant"
FORMER_RELEVANT = "former_relevant"
QUALIFYING = "qualifying"
CATEGORY_LABELS = {
    ELIGIBLE: "Eligible child",
    RELEVANT: "Relevant child",
    FORMER_RELEVANT: "Former relevant child",
    QUALIFYING: "Qualifying care leaver",
}


@dataclass(frozen=True)
class Period:
    """One stretch of being looked after under one legal status (an episode, or several
    consecutive episodes under the same status). ``end`` is None while it is open."""

    start: dt.date
    end: dt.date | None
    legal_status: str
    end_reason: str = ""

    @property
    def short_break(self) -> bool:
        return self.legal_status in SHORT_BREAK_STATUSES


@dataclass(frozen=True)
class KeyDate:
    label: str
    on: dt.date


@dataclass(frozen=True)
class Eligibility:
    """The answer: ``category`` is one of the four (or empty: not a care leaver today),
    ``reason`` says why in plain words, ``dates`` are the dates it turns on."""

    category: str
    reason: str
    as_at: dt.date
    dates: tuple[KeyDate, ...] = field(default_factory=tuple)
    eligible_from: dt.date | None = None
    left_care_on: dt.date | None = None
    entitled_until: dt.date | None = None

    @property
    def label(self) -> str:
        return CATEGORY_LABELS.get(self.category, "Not a care leaver")

    @property
    def is_care_leaver(self) -> bool:
        return self.category in (RELEVANT, FORMER_RELEVANT, QUALIFYING)

    @property
    def entitled(self) -> bool:
        """Entitled to leaving-care support (eligible children included)."""
        return bool(self.category)


def birthday(date_of_birth: dt.date, age: int) -> dt.date:
    """The ``age``-th birthday; someone born on 29 February has it on 28 February in a
    common year (add_months keeps to the month's last day)."""
    return add_months(date_of_birth, 12 * age)


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    years = day.year - date_of_birth.year
    return years if day >= birthday(date_of_birth, years) else years - 1


def _fmt(day: dt.date) -> str:
    return f"{day:%-d %B %Y}"


def counted(periods: Iterable[Period], as_at: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The days looked after other than short breaks, up to and including ``as_at``, as
    merged half-open ranges [start, end)."""
    limit = as_at + dt.timedelta(days=1)
    ranges = sorted((p.start, min(p.end or limit, limit)) for p in periods if not p.short_break and p.start < limit)
    merged: list[tuple[dt.date, dt.date]] = []
    for start, end in ranges:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def first_eligible_day(ranges: Sequence[tuple[dt.date, dt.date]], date_of_birth: dt.date) -> dt.date | None:
    """The first day the young person was an eligible child: aged 16 or 17, looked after
    that day, with 13 weeks looked after since their 14th birthday."""
    fourteen, sixteen, eighteen = (birthday(date_of_birth, a) for a in (14, 16, 18))
    before = dt.timedelta(0)
    for start, end in ranges:
        start_c, end_c = max(start, fourteen), min(end, eighteen)
        if end_c <= start_c:
            continue
        needed = THIRTEEN_WEEKS - before
        candidate = max(start_c, sixteen, start_c + max(needed, dt.timedelta(0)))
        if candidate < end_c:
            return candidate
        before += end_c - start_c
    return None


def _thirteen_weeks_on(ranges: Sequence[tuple[dt.date, dt.date]], date_of_birth: dt.date) -> dt.date:
    """When the open period (the last range) would complete 13 weeks since 14, if it goes on."""
    fourteen = birthday(date_of_birth, 14)
    before = dt.timedelta(0)
    for start, end in ranges[:-1]:
        if end > fourteen:
            before += end - max(start, fourteen)
    start = max(ranges[-1][0], fourteen)
    return start + (THIRTEEN_WEEKS - before)


def assess(
    periods: Iterable[Period],
    *,
    date_of_birth: dt.date,
    as_at: dt.date,
    continuing_support: bool = False,
    returned_home_on: dt.date | None = None,
) -> Eligibility:
    """The young person's leaving-care status on ``as_at``.

    ``continuing_support``: in education or training, or asking for a personal adviser's
    support, which keeps a former relevant young person entitled up to 25 (and a
    qualifying one, while in education or training). ``returned_home_on``: the date a
    relevant child went home to live with a parent, the return later agreed successful.
    """
    periods = [p for p in periods if p.start <= as_at]
    age = age_on(date_of_birth, as_at)
    sixteen, eighteen, twenty_one, twenty_five = (birthday(date_of_birth, a) for a in (16, 18, 21, 25))
    fourteen = birthday(date_of_birth, 14)
    ranges = counted(periods, as_at)
    looked_after_now = bool(ranges) and ranges[-1][1] > as_at
    in_short_break = any(p.short_break and (p.end is None or p.end > as_at) for p in periods)
    eligible_from = first_eligible_day(ranges, date_of_birth)
    left_on = ranges[-1][1] if ranges and not looked_after_now else None
    sgo_on = next(
        (
            p.end
            for p in sorted(periods, key=lambda p: p.start, reverse=True)
            if p.end_reason in SPECIAL_GUARDIANSHIP_ENDINGS and p.end
        ),
        None,
    )
    after_sixteen = any(end > sixteen and start < eighteen for start, end in ranges)
    base = [KeyDate("14th birthday", fourteen), KeyDate("16th birthday", sixteen), KeyDate("18th birthday", eighteen)]
    extra: list[KeyDate] = []
    if eligible_from:
        extra.append(KeyDate("Became an eligible child", eligible_from))
    if left_on:
        extra.append(KeyDate("Left care", left_on))

    def answer(category: str, reason: str, until: dt.date | None, *more: KeyDate) -> Eligibility:
        dates = [*base, *extra, *more]
        if until:
            dates.append(KeyDate("Entitled to support until", until))
        return Eligibility(
            category=category,
            reason=reason,
            as_at=as_at,
            dates=tuple(sorted(set(dates), key=lambda k: (k.on, k.label))),
            eligible_from=eligible_from,
            left_care_on=left_on,
            entitled_until=until,
        )

    if not ranges and sgo_on is None:
        if in_short_break or periods:
            return answer("", "Short breaks (legal status V3 or V4) do not make a young person a care leaver.", None)
        return answer("", "There is no record of this young person being looked after.", None)

    if age < 16:
        weeks = sum(
            ((min(e, as_at + dt.timedelta(days=1)) - max(s, fourteen)) for s, e in ranges if e > fourteen),
            dt.timedelta(0),
        )
        return answer(
            "",
            f"Under 16: leaving-care duties start at 16 ({_fmt(sixteen)}). "
            f"Looked after for {weeks.days // 7} weeks since the 14th birthday so far.",
            None,
        )

    if age < 18:
        if looked_after_now:
            if eligible_from is not None and eligible_from <= as_at:
                return answer(
                    ELIGIBLE,
                    "Aged 16 or 17, still looked after, and looked after for at least 13 weeks since the 14th "
                    f"birthday: an eligible child since {_fmt(eligible_from)}.",
                    eighteen,
                )
            reached = _thirteen_weeks_on(ranges, date_of_birth)
            return answer(
                "",
                "Looked after, but not yet for 13 weeks since the 14th birthday (short breaks do not count): "
                f"eligible from {_fmt(max(reached, sixteen))} if still looked after then.",
                None,
                KeyDate("13 weeks looked after", reached),
            )
        home_for_six = returned_home_on is not None and as_at >= add_months(returned_home_on, RETURNED_HOME_MONTHS)
        if eligible_from is not None and not home_for_six:
            assert left_on is not None
            return answer(
                RELEVANT,
                f"Aged 16 or 17 and left care on {_fmt(left_on)} after being an eligible child "
                f"(from {_fmt(eligible_from)}).",
                eighteen,
            )
        if home_for_six and eligible_from is not None:
            assert returned_home_on is not None
            until = twenty_five if continuing_support else twenty_one
            return answer(
                QUALIFYING,
                f"Was a relevant child, but has lived at home with a parent since {_fmt(returned_home_on)}, "
                "more than 6 months, and the return was agreed successful; qualifies for advice and assistance.",
                until,
                KeyDate("Returned home", returned_home_on),
            )
        return _qualifying(answer, as_at, after_sixteen, sgo_on, left_on, continuing_support, twenty_one, twenty_five)

    # 18 and over
    home_for_six = returned_home_on is not None and add_months(returned_home_on, RETURNED_HOME_MONTHS) <= eighteen
    if eligible_from is not None and not home_for_six:
        until = twenty_five if continuing_support else twenty_one
        if as_at < until:
            why = (
                "in education or training, or asking for a personal adviser's support, so entitled up to 25"
                if continuing_support
                else "entitled to support up to 21 (up to 25 in education or training, or with a personal adviser)"
            )
            return answer(
                FORMER_RELEVANT,
                f"Aged {age} and was an eligible child (from {_fmt(eligible_from)}) before turning 18: {why}.",
                until,
            )
        return answer(
            "",
            f"Was a former relevant young person; entitlement ended on {_fmt(until)}.",
            None,
            KeyDate("Entitlement ended", until),
        )
    return _qualifying(answer, as_at, after_sixteen, sgo_on, left_on, continuing_support, twenty_one, twenty_five)


def _qualifying(
    answer: Callable[..., Eligibility],
    as_at: dt.date,
    after_sixteen: bool,
    sgo_on: dt.date | None,
    left_on: dt.date | None,
    continuing_support: bool,
    twenty_one: dt.date,
    twenty_five: dt.date,
) -> Eligibility:
    until = twenty_five if continuing_support else twenty_one
    if as_at >= until:
        return answer("", f"Qualifying support ended on {_fmt(until)}.", None)
    if sgo_on is not None:
        return answer(
            QUALIFYING,
            f"Left care under a special guardianship order on {_fmt(sgo_on)}; qualifies for advice and assistance.",
            until,
            KeyDate("Special guardianship order", sgo_on),
        )
    if after_sixteen and left_on is not None:
        return answer(
            QUALIFYING,
            f"Looked after after the 16th birthday and left care on {_fmt(left_on)}, but never looked after "
            "for 13 weeks since the 14th birthday while 16 or 17: qualifies for advice and assistance.",
            until,
        )
    return answer("", "Left care before the 16th birthday, so not a care leaver.", None)
