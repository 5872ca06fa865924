"""The children-in-care, missing and care-leaver indicators against a small authority
counted by hand, built through the care, missing and leaving-care services.

At 31 March 2026 (12 months from 1 April 2025):
- ``p`` in care from 10 Jan 2025 (C1, carer 1); new placement and carer 1 Jun 2025; again
  1 Sep 2025; legal status only 1 Jan 2026 -> 3 placements in the 12 months (met);
  in care under 2.5 years (not in the stability cohort).
- ``q`` in care from 1 May 2025; legal status only 1 Aug 2025 -> 1 placement.
- ``r`` born 2012, in care from 5 Jan 2023 with carer 1; placement moved with the same
  carer 1 Jun 2023 -> 1 placement; stability cohort, same carer since 5 Jan 2023 (met).
- ``s`` born 2014, in care from 1 Feb 2023; new placement and carer 1 Jan 2025 -> 1
  placement; stability cohort, with this carer under 2 years (not met).
- ``x`` in care from 1 Jan 2025 to 1 Dec 2025: not in care at 31 March, not counted.
  => three or more placements 1 of 4; long-term stability 1 of 2.

Returns from missing in March 2026: back 3 Mar 10:00, interviewed 5 Mar (in 72 hours);
back 10 Mar 12:00, interviewed 14 Mar (late); back 20 Mar, interview declined
  => 1 of 3.

Care leavers' birthdays in March 2026: 19th (in touch, further education, suitable
semi-independent accommodation); 20th (not in touch, nothing known); 21st, recorded 3 days before it (in touch, not
in education, employment or training, with parents, suitable)
  => in touch 2 of 3, suitable accommodation 2 of 3, in education, employment or training 1 of 3.
"""

from __future__ import annotations

import datetime as dt

from safeguard.access import services as access_services
from safeguard.care import services as care
from safeguard.care.models import Carer, CareRecord
from safeguard.care.tests.conftest import add_care_people
from safeguard.conftest import Cast
from safeguard.indicators import definitions
from safeguard.indicators.definitions import Period
from safeguard.leaving_care import services as leaving_care
from safeguard.leaving_care.tests.support import care_leaver
from safeguard.missing import services as missing
from safeguard.people import services as people_services
from safeguard.people.models import Person

from .authority import at

MARCH = Period.month(dt.date(2026, 3, 1))


def figures(code: str, period: Period = MARCH) -> tuple[int, int]:
    result = definitions.get(code).compute(period)
    return result.numerator, result.denominator


def _child(cast: Cast, given: str, born: dt.date) -> Person:
    child = people_services.person_create(
        actor=cast.system, given_name=given, family_name="Carey", date_of_birth=born, sex="M", ethnicity="WBRI"
    )
    access_services.allocation_set(actor=cast.system, child=child, worker=cast.sw)
    return child


def _placed(carer: Carer, postcode: str = "NB2 3CD") -> care.Placement:
    return care.Placement(
        placement_type="U6", placement_provider=carer.provider, placement_postcode=postcode, carer=carer
    )


def _version(child: Person) -> int:
    return CareRecord.objects.get(child=child).version


def _start(cast: Cast, child: Person, on: dt.date, carer: Carer, legal: str = "C1") -> None:
    care.care_start(
        actor=cast.system,
        child=child,
        start_date=on,
        legal_status=legal,
        category_of_need="N1",
        placement=_placed(carer),
        home_postcode="NB3 4CD",
    )


def _change(cast: Cast, child: Person, on: dt.date, kind: str, **values: object) -> None:
    care.episode_change(
        actor=cast.system,
        child=child,
        on=on,
        kind=kind,
        expected_version=_version(child),
        placement_change_reason="CARPL" if "placement" in values else "",
        **values,  # type: ignore[arg-type]
    )


def test_it_counts_placement_stability(cast: Cast) -> None:
    people = add_care_people(cast)
    third = care.carer_create(actor=cast.system, name="Ash Green", kind="foster", provider="PR1", postcode="NB6 7GH")
    p = _child(cast, "Pip", dt.date(2015, 3, 1))
    _start(cast, p, dt.date(2025, 1, 10), people.foster)
    _change(cast, p, dt.date(2025, 6, 1), "P", placement=_placed(people.foster2, "NB4 5EF"))
    _change(cast, p, dt.date(2025, 9, 1), "P", placement=_placed(third, "NB6 7GH"))
    _change(cast, p, dt.date(2026, 1, 1), "L", legal_status="C2")
    q = _child(cast, "Quin", dt.date(2016, 4, 4))
    _start(cast, q, dt.date(2025, 5, 1), people.foster)
    _change(cast, q, dt.date(2025, 8, 1), "L", legal_status="C2")
    r = _child(cast, "Rhys", dt.date(2012, 6, 1))
    _start(cast, r, dt.date(2023, 1, 5), people.foster, legal="C2")
    _change(cast, r, dt.date(2023, 6, 1), "T", placement=_placed(people.foster, "NB9 9ZZ"))
    s = _child(cast, "Sion", dt.date(2014, 2, 2))
    _start(cast, s, dt.date(2023, 2, 1), people.foster, legal="C2")
    _change(cast, s, dt.date(2025, 1, 1), "P", placement=_placed(people.foster2, "NB4 5EF"))
    x = _child(cast, "Xan", dt.date(2013, 7, 7))
    _start(cast, x, dt.date(2025, 1, 1), people.foster)
    care.care_end(actor=cast.system, child=x, on=dt.date(2025, 12, 1), end_reason="E13", expected_version=_version(x))

    assert figures("three_placements") == (1, 4)
    result = definitions.get("three_placements").compute(MARCH)
    assert result.child_ids(met=True) == {p.pk} and x.pk not in result.child_ids()
    assert figures("long_term_stability") == (1, 2)
    stability = definitions.get("long_term_stability").compute(MARCH)
    assert stability.child_ids(met=True) == {r.pk} and stability.child_ids(met=False) == {s.pk}
    # A year earlier p, r, s and x were in care (q was not yet), none with three placements.
    assert figures("three_placements", Period.month(dt.date(2025, 3, 1))) == (0, 4)


def test_it_counts_return_interviews_within_72_hours(cast: Cast) -> None:
    child = _child(cast, "Mo", dt.date(2011, 1, 1))

    def episode(went: dt.datetime, back: dt.datetime, held: dt.datetime | None) -> None:
        found = missing.missing_start(
            actor=cast.system, child=child, started_at=went, ended_at=back, where_found="At a friend's house"
        )
        missing.return_interview_record(
            actor=cast.system,
            episode=found,
            expected_version=found.version,
            offered_at=back + dt.timedelta(hours=2),
            held_at=held,
            declined=held is None,
            interviewer="Independent return worker" if held else "",
            child_said="Went to see friends." if held else "",
        )

    episode(at(dt.date(2026, 3, 2), 20), at(dt.date(2026, 3, 3), 10), at(dt.date(2026, 3, 5), 9))
    episode(at(dt.date(2026, 3, 9), 20), at(dt.date(2026, 3, 10), 12), at(dt.date(2026, 3, 14), 12))
    episode(at(dt.date(2026, 3, 19), 20), at(dt.date(2026, 3, 20), 8), None)
    assert figures("return_interviews_72h") == (1, 3)
    assert figures("return_interviews_72h", Period.month(dt.date(2026, 2, 1))) == (0, 0)


def test_it_counts_care_leavers_at_their_birthdays(cast: Cast) -> None:
    def leaver(given: str, born: dt.date, on: dt.date, in_touch: str, activity: str, accom: str, suitable: str) -> None:
        person = care_leaver(
            cast,
            born=born,
            left=dt.date(born.year + 18, born.month, born.day),
            entered=dt.date(2019, 1, 1),
            given=given,
        )
        leaving_care.keep_in_touch_record(
            actor=cast.system,
            child=person,
            contacted_on=on,
            in_touch=in_touch,
            activity=activity,
            accommodation=accom,
            suitability=suitable,
        )

    leaver("Nia", dt.date(2007, 3, 10), dt.date(2026, 3, 12), "YES", "F2", "D", "1")
    leaver("Ola", dt.date(2006, 3, 20), dt.date(2026, 3, 21), "NO", "0", "0", "")
    leaver("Pat", dt.date(2005, 3, 5), dt.date(2026, 3, 2), "YES", "G5", "B", "1")
    assert figures("care_leavers_in_touch") == (2, 3)
    assert figures("care_leavers_suitable") == (2, 3)
    assert figures("care_leavers_eet") == (1, 3)
