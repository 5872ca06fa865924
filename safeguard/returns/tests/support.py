"""A small hand-built authority for the returns' golden files: five children taken along
the pathway through the casework services, on fixed dates in the 2025/26 and 2026/27
collection years, each with a local ID and UPN set by hand so that the files are the same
on every run and database.

- RA0001 Amy: assessment from a referral on 6 May 2025, no further action (RC8).
- RA0002 Ben: assessment, strategy discussion, section 47 enquiry, initial conference on
  Tuesday 24 June 2025, a plan (neglect) reviewed on 16 December 2025, ended by review on
  10 March 2026 (RC7); disabled (autism).
- RA0003 Cara (no UPN: never at a maintained school, UN2): assessment (primary need
  recorded as family in acute stress, N4) leading to a child in need plan from 8 October
  2025, still open.
- RA0004 Eli (under 5, no UPN and no reason recorded): assessment from 2 March 2026, open at the year end, leading to a
  child in need plan from 14 April 2026.
- RA0005 Dev: assessment on 1 June 2026 (the 2026/27 year only), early help (RC9).
"""

from __future__ import annotations

import datetime as dt

from safeguard.access import services as access_services
from safeguard.casework import services as casework
from safeguard.casework.models import Assessment, Conference
from safeguard.conftest import Cast
from safeguard.people import services as people_services
from safeguard.people.models import Person
from safeguard.returns.rules import upn_check_letter


def upn(serial: int) -> str:
    body = f"801{serial:08d}0"
    return upn_check_letter(body) + body


def _child(cast: Cast, la_id: str, **values: object) -> Person:
    person = people_services.person_create(actor=cast.system, la_id=la_id, **values)
    access_services.allocation_set(actor=cast.system, child=person, worker=cast.sw)
    return person


def _assessment(
    cast: Cast,
    child: Person,
    *,
    start: dt.date,
    factors: list[str],
    outcome: str | None = None,
    authorised: dt.date | None = None,
    primary_need: str = "",
) -> Assessment:
    a = casework.assessment_start(
        actor=cast.sw, child=child, team=cast.assessment, started_on=start, referral_date=start
    )
    if outcome is None:
        return a
    a = casework.assessment_update(
        actor=cast.sw,
        assessment=a,
        expected_version=a.version,
        factors=factors,
        primary_need=primary_need,
        child_views="I want things to be calmer at home.",
        analysis="Needs are understood.",
    )
    a = casework.assessment_submit(
        actor=cast.sw, assessment=a, outcome=outcome, outcome_reason="As the analysis says.", expected_version=a.version
    )
    return casework.assessment_authorise(
        actor=cast.manager, assessment=a, expected_version=a.version, authorised_on=authorised
    )


def _people(cast: Cast) -> list[casework.ParticipantInput]:
    return [
        casework.ParticipantInput(agency=cast.council, name="Sam Walker", user=cast.sw),
        casework.ParticipantInput(agency=cast.police_force, name="DC Lane", user=cast.police),
    ]


def small_authority(cast: Cast) -> dict[str, Person]:
    amy = _child(
        cast,
        "RA0001",
        given_name="Amy",
        family_name="Stone",
        date_of_birth=dt.date(2015, 3, 2),
        sex="F",
        ethnicity="WBRI",
        upn=upn(1),
        disabilities=["NONE"],
    )
    _assessment(
        cast, amy, start=dt.date(2025, 5, 6), factors=["3B", "4B"], outcome="nfa", authorised=dt.date(2025, 6, 10)
    )

    ben = _child(
        cast,
        "RA0002",
        given_name="Ben",
        family_name="Okafor",
        date_of_birth=dt.date(2011, 10, 10),
        sex="M",
        ethnicity="BAFR",
        upn=upn(2),
        disabilities=["AUT"],
    )
    _assessment(
        cast,
        ben,
        start=dt.date(2025, 6, 2),
        factors=["16A"],
        outcome="strategy",
        authorised=dt.date(2025, 6, 4),
        primary_need="N1",
    )
    discussion = casework.strategy_discussion_record(
        actor=cast.sw,
        child=ben,
        held_on=dt.date(2025, 6, 5),
        reason="Bruising seen at school",
        decision="s47_single",
        decision_reason="Threshold met",
        participants=_people(cast),
    )
    enquiry = casework.enquiry_complete(
        actor=cast.sw,
        enquiry=discussion.enquiry,
        findings="Neglect substantiated",
        outcome="substantiated_at_risk",
        completed_on=dt.date(2025, 6, 20),
        expected_version=discussion.enquiry.version,
    )
    icpc = Conference.objects.get(enquiry=enquiry)
    casework.conference_record(
        actor=cast.sw,
        conference=icpc,
        held_on=dt.date(2025, 6, 24),
        decision="plan",
        category="NEG",
        decision_reason="Continuing risk",
        participants=_people(cast),
        expected_version=icpc.version,
    )
    icpc.refresh_from_db()
    assert icpc.plan is not None
    review = Conference.objects.get(plan=icpc.plan, held_on__isnull=True)
    casework.conference_record(
        actor=cast.sw,
        conference=review,
        held_on=dt.date(2025, 12, 16),
        decision="continue",
        category="NEG",
        decision_reason="Progress, not yet safe",
        participants=_people(cast),
        expected_version=review.version,
    )
    second = Conference.objects.get(plan=icpc.plan, held_on__isnull=True)
    casework.conference_record(
        actor=cast.sw,
        conference=second,
        held_on=dt.date(2026, 3, 10),
        decision="end",
        decision_reason="No longer at continuing risk",
        participants=_people(cast),
        expected_version=second.version,
    )

    cara = _child(
        cast,
        "RA0003",
        given_name="Cara",
        family_name="Lowe",
        date_of_birth=dt.date(2019, 1, 20),
        sex="F",
        ethnicity="MWBC",
        disabilities=["NONE"],
        upn_unknown_reason="UN2",
    )
    _assessment(
        cast,
        cara,
        start=dt.date(2025, 9, 1),
        factors=["4B", "7A"],
        outcome="cin_plan",
        authorised=dt.date(2025, 10, 8),
        primary_need="N4",
    )

    eli = _child(
        cast,
        "RA0004",
        given_name="Eli",
        family_name="Price",
        date_of_birth=dt.date(2024, 2, 20),
        sex="M",
        ethnicity="WBRI",
        disabilities=["NONE"],
    )
    _assessment(
        cast,
        eli,
        start=dt.date(2026, 3, 2),
        factors=["1B", "3B"],
        outcome="cin_plan",
        authorised=dt.date(2026, 4, 14),
        primary_need="N5",
    )

    dev = _child(
        cast,
        "RA0005",
        given_name="Dev",
        family_name="Shah",
        date_of_birth=dt.date(2013, 7, 7),
        sex="M",
        ethnicity="AIND",
        upn=upn(5),
        disabilities=["NONE"],
    )
    _assessment(
        cast, dev, start=dt.date(2026, 6, 1), factors=["14A"], outcome="early_help", authorised=dt.date(2026, 7, 1)
    )
    return {"amy": amy, "ben": ben, "cara": cara, "eli": eli, "dev": dev}


def referral_closed_nfa(cast: Cast) -> Person:
    """RA0006 Fay (no UPN, no reason recorded): a police referral received on 9 February
    2026 that a manager closed with no further action the next day, with no assessment."""
    from safeguard.frontdoor import services as frontdoor
    from safeguard.frontdoor.models import Referral
    from safeguard.frontdoor.tests.support import contact_input

    fay = _child(
        cast,
        "RA0006",
        given_name="Fay",
        family_name="Hill",
        date_of_birth=dt.date(2014, 4, 4),
        sex="F",
        ethnicity="WBRI",
        disabilities=["NONE"],
    )
    received = dt.datetime(2026, 2, 9, 10, 0, tzinfo=dt.UTC)
    contact, _ = frontdoor.contact_submit(actor=cast.police, data=contact_input(), received_at=received)
    contact = frontdoor.contact_match(actor=cast.hos, contact=contact, person=fay, expected_version=contact.version)
    frontdoor.contact_decide(
        actor=cast.hos,
        contact=contact,
        decision="referral",
        rationale="Threshold met",
        expected_version=contact.version,
        team=cast.assessment,
    )
    referral = Referral.objects.get(contact=contact)
    casework.referral_nfa_close(
        actor=cast.manager,
        referral=referral,
        closed_on=dt.date(2026, 2, 10),
        reason="The school's information shows the family's needs are met.",
        expected_version=referral.version,
    )
    return fay
