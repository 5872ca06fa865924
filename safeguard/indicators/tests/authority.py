"""A small authority whose indicators are counted by hand, built through the owning apps'
services (the front door's clock set by patching ``timezone.now``).

March 2026 (no bank holidays in England), by hand:

Contacts decided in March (due one working day from receipt; 09:00 next working day when
received out of hours):
- c1 about ``a``: received Mon 2 Mar 10:00, decided Tue 3 Mar 09:00 -> in time (referral)
- c2 about ``b``: received Mon 2 Mar 10:00, decided Wed 4 Mar 12:00 -> late (referral)
- c3 about ``c``: received Fri 6 Mar 16:00, decided Mon 9 Mar 15:00 -> in time (no further action)
- c4 about ``d``: received Fri 27 Feb 11:00, decided Tue 3 Mar 11:00 -> late, counted in March
  => 2 of 4. In January: c0 about ``a``, received and decided 12 Jan -> 1 of 1.
Referrals in March: c1 (``a`` was referred on 12 Jan: a re-referral), c2 (first) => 1 of 2.
In January: c0 => 0 of 1.

Assessments authorised in March (45 working days from Fri 2 Jan 2026 is Fri 6 Mar; from
Fri 9 Jan it is Fri 13 Mar):
- referral 2 Jan, started 2 Jan, authorised 5 Mar -> in time from referral and from start
- referral 2 Jan, started 9 Jan, authorised 10 Mar -> late from referral, in time from start
- referral 2 Jan, started 2 Jan, authorised 20 Mar -> late both ways
  => from referral 1 of 3; from start 2 of 3.

Initial conferences held in March (15 working days from Mon 2 Mar is Mon 23 Mar):
- ``a``: strategy discussion 2 Mar, conference 20 Mar -> in time; first plan
- ``b``: strategy discussion 2 Mar, conference 25 Mar -> late; ``b`` had a plan from
  15 Jan 2024 to 2 Feb 2026 -> a second plan
  => conferences 1 of 2; second or subsequent plans 1 of 2.
Plans ending: February 2026: ``b``'s plan of 15 Jan 2024 to 2 Feb 2026 lasted two years
or more => 1 of 1. March: ``c``'s plan of 1 Oct 2025 to 10 Mar 2026 => 0 of 1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from unittest import mock
from zoneinfo import ZoneInfo

from safeguard.casework import services as casework
from safeguard.casework.models import Conference
from safeguard.conftest import Cast
from safeguard.frontdoor import services as frontdoor
from safeguard.frontdoor.tests.support import contact_input
from safeguard.people import services as people_services
from safeguard.people.models import Person

LONDON = ZoneInfo("Europe/London")


@contextmanager
def clock(moment: dt.datetime) -> Iterator[None]:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


@dataclass
class Authority:
    a: Person
    b: Person
    c: Person
    d: Person


def _child(cast: Cast, given: str, born: dt.date) -> Person:
    return people_services.person_create(
        actor=cast.system, given_name=given, family_name="Testfamily", date_of_birth=born, sex="F", ethnicity="WBRI"
    )


def _contact(cast: Cast, child: Person, received: dt.datetime, decided: dt.datetime, decision: str) -> None:
    with clock(received):
        contact, _ = frontdoor.contact_submit(
            actor=cast.police,
            received_at=received,
            data=contact_input(child_given_name=child.given_name, child_family_name=child.family_name),
        )
        contact = frontdoor.contact_match(
            actor=cast.mash, contact=contact, person=child, expected_version=contact.version
        )
    with clock(decided):
        frontdoor.contact_decide(
            actor=cast.hos,
            contact=contact,
            decision=decision,
            rationale="Decided on the information gathered.",
            advice="Advice given to the referrer." if decision == "nfa" else "",
            team=cast.assessment if decision in ("referral", "strategy") else None,
            expected_version=contact.version,
        )


def build_front_door(cast: Cast) -> Authority:
    a = _child(cast, "Alys", dt.date(2015, 1, 3))
    b = _child(cast, "Bryn", dt.date(2016, 2, 4))
    c = _child(cast, "Cari", dt.date(2017, 3, 5))
    d = _child(cast, "Dai", dt.date(2018, 4, 6))
    _contact(cast, a, at(dt.date(2026, 1, 12), 10), at(dt.date(2026, 1, 12), 15), "referral")
    _contact(cast, a, at(dt.date(2026, 3, 2), 10), at(dt.date(2026, 3, 3), 9), "referral")
    _contact(cast, b, at(dt.date(2026, 3, 2), 10), at(dt.date(2026, 3, 4), 12), "referral")
    _contact(cast, c, at(dt.date(2026, 3, 6), 16), at(dt.date(2026, 3, 9), 15), "nfa")
    _contact(cast, d, at(dt.date(2026, 2, 27), 11), at(dt.date(2026, 3, 3), 11), "nfa")
    return Authority(a, b, c, d)


def _assessment(cast: Cast, child: Person, referral: dt.date, started: dt.date, authorised: dt.date) -> None:
    assessment = casework.assessment_start(
        actor=cast.system, child=child, team=cast.assessment, started_on=started, referral_date=referral
    )
    assessment = casework.assessment_update(
        actor=cast.system,
        assessment=assessment,
        expected_version=assessment.version,
        factors=["1A"],
        child_views="I want to stay at my school.",
        analysis="Needs met with support.",
    )
    assessment = casework.assessment_submit(
        actor=cast.system,
        assessment=assessment,
        outcome="nfa",
        outcome_reason="Needs met.",
        expected_version=assessment.version,
    )
    casework.assessment_authorise(
        actor=cast.system, assessment=assessment, expected_version=assessment.version, authorised_on=authorised
    )


def _plan(cast: Cast, child: Person, strategy: dt.date, conference_on: dt.date):  # type: ignore[no-untyped-def]
    people = [casework.ParticipantInput(agency=cast.council, name="Social worker", user=cast.sw)]
    discussion = casework.strategy_discussion_record(
        actor=cast.system,
        child=child,
        held_on=strategy,
        reason="Injury",
        decision="s47_single",
        decision_reason="Threshold met",
        participants=people,
    )
    enquiry = casework.enquiry_complete(
        actor=cast.system,
        enquiry=discussion.enquiry,
        findings="Substantiated",
        outcome="substantiated_at_risk",
        completed_on=strategy + dt.timedelta(days=3),
        expected_version=discussion.enquiry.version,
    )
    conference = Conference.objects.get(enquiry=enquiry)
    casework.conference_record(
        actor=cast.system,
        conference=conference,
        held_on=conference_on,
        decision="plan",
        category="NEG",
        decision_reason="Continuing risk",
        participants=people,
        expected_version=conference.version,
    )
    conference.refresh_from_db()
    return conference.plan


def _end(cast: Cast, plan, ended: dt.date) -> None:  # type: ignore[no-untyped-def]
    plan.refresh_from_db()
    casework.plan_end(actor=cast.system, plan=plan, ended_on=ended, reason="moved", expected_version=plan.version)


def build_casework(cast: Cast, town: Authority) -> None:
    for started, authorised in ((dt.date(2026, 1, 2), 5), (dt.date(2026, 1, 9), 10), (dt.date(2026, 1, 2), 20)):
        _assessment(cast, town.c, dt.date(2026, 1, 2), started, dt.date(2026, 3, authorised))
    earlier = _plan(cast, town.b, dt.date(2023, 12, 27), dt.date(2024, 1, 15))
    _end(cast, earlier, dt.date(2026, 2, 2))
    c_plan = _plan(cast, town.c, dt.date(2025, 9, 15), dt.date(2025, 10, 1))
    _end(cast, c_plan, dt.date(2026, 3, 10))
    _plan(cast, town.a, dt.date(2026, 3, 2), dt.date(2026, 3, 20))
    _plan(cast, town.b, dt.date(2026, 3, 2), dt.date(2026, 3, 25))
