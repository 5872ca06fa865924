"""Annex A List 8 (children in care) and List 9 (care leavers) from the care, missing and
leaving-care records of a small hand-built authority: exact rows, in the template's column
order, with the template's strings (data-standards §1.2-1.3)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from safeguard.care import services as care
from safeguard.care.tests.conftest import add_care_people
from safeguard.conftest import Cast
from safeguard.leaving_care import services as leaving_care
from safeguard.leaving_care.tests.support import adviser, care_leaver
from safeguard.missing import services as missing
from safeguard.people import services as people_services
from safeguard.people.models import Person
from safeguard.returns.annex_a import columns
from safeguard.returns.annex_a.checks import check_annex_a
from safeguard.returns.annex_a.lists import annex_a_rows
from safeguard.returns.annex_a.workbook import annex_a_workbook
from safeguard.returns.periods import LookBack

pytestmark = pytest.mark.django_db

D = dt.date
START, END = D(2025, 10, 1), D(2026, 3, 31)
PERIOD = LookBack(START, END)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def _version(child: Person) -> int:
    child.care_record.refresh_from_db()
    return child.care_record.version


def _tyler(cast: Cast) -> None:
    """In care since 2 June 2025: s20, an interim care order from 1 August, a move to a
    private long-term foster placement on 1 December; reviewed, visited, health-checked,
    missing once and away once in February."""
    people = add_care_people(cast)
    child = cast.child
    care.care_start(
        actor=cast.sw,
        child=child,
        start_date=D(2025, 6, 2),
        legal_status="V2",
        category_of_need="N1",
        placement=care.Placement(
            placement_type="U6", placement_provider="PR1", placement_postcode="BS7 0AA", carer=people.foster
        ),
        home_postcode="BS1 1AD",
        iro=people.iro,
    )
    care.episode_change(
        actor=cast.sw, child=child, on=D(2025, 8, 1), kind="L", expected_version=_version(child), legal_status="C1"
    )
    care.episode_change(
        actor=cast.sw,
        child=child,
        on=D(2025, 12, 1),
        kind="P",
        expected_version=_version(child),
        placement=care.Placement(
            placement_type="U4", placement_provider="PR4", placement_postcode="BS8 1RL", carer=people.foster2
        ),
        placement_change_reason="CARPL",
    )
    care.review_record(actor=people.iro, child=child, held_on=D(2025, 11, 10), participation="PN1", decisions="Go on.")
    care.review_record(actor=people.iro, child=child, held_on=D(2026, 2, 20), participation="PN7", decisions="Go on.")
    care.visit_record(
        actor=cast.sw, child=child, visited_on=D(2026, 3, 2), summary="Settled.", child_seen=True, child_seen_alone=True
    )
    care.care_plan_record(
        actor=cast.sw,
        child=child,
        kind="permanence_plan",
        agreed_on=D(2026, 1, 15),
        summary="Stay with the carers.",
        permanence_option="long_term_fostering",
    )
    care.health_check_record(actor=cast.sw, child=child, kind="review", done_on=D(2025, 9, 1), by_whom="LAC nurse")
    care.health_check_record(actor=cast.sw, child=child, kind="dental", done_on=D(2026, 1, 10), by_whom="Dentist")
    gone = missing.missing_start(
        actor=cast.sw,
        child=child,
        started_at=_at(D(2026, 2, 1), 10),
        from_care=True,
        ended_at=_at(D(2026, 2, 1), 22),
        where_found="At a friend's house.",
    )
    missing.return_interview_record(
        actor=cast.sw,
        episode=gone,
        expected_version=gone.version,
        offered_at=_at(D(2026, 2, 3), 9),
        held_at=_at(D(2026, 2, 4), 16),
        interviewer="Return interview worker",
        child_said="Went to see a friend.",
    )
    missing.missing_start(
        actor=cast.sw,
        child=child,
        started_at=_at(D(2026, 2, 10), 18),
        absence_type="A",
        from_care=True,
        ended_at=_at(D(2026, 2, 10), 23),
        where_found="At his mother's.",
    )


def _common(person: Person, age: int) -> list[object]:
    person.refresh_from_db()
    return [
        person.la_id,
        columns.SEX[person.sex],
        columns.ETHNICITY[person.ethnicity],
        person.date_of_birth,
        age,
    ]


def _team_worker(cast: Cast) -> list[str]:
    return [cast.sw.team.name, f"{cast.sw.first_name} {cast.sw.last_name}"]


def _jade(cast: Cast) -> Person:
    """Looked after (full care order) from 1 September 2023 to her 18th birthday, 10 March
    2026, when she stayed on with her carers; a personal adviser, a pathway plan reviewed in
    March, and in touch on 20 March: further education, with her former carers, suitable."""
    jade = care_leaver(cast, born=D(2008, 3, 10), entered=D(2023, 9, 1), left=D(2026, 3, 10))
    leaving_care.adviser_allocate(actor=cast.manager, child=jade, adviser=adviser(cast), from_date=D(2026, 1, 5))
    plan = leaving_care.pathway_plan_start(actor=cast.sw, child=jade, agreed_on=D(2025, 12, 1), summary="College.")
    leaving_care.pathway_plan_review(
        actor=cast.sw, plan=plan, held_on=D(2026, 3, 3), notes="On track.", expected_version=plan.version
    )
    leaving_care.keep_in_touch_record(
        actor=cast.sw,
        child=jade,
        contacted_on=D(2026, 3, 20),
        in_touch="YES",
        activity="F2",
        accommodation="Z",
        suitability="1",
    )
    return jade


def test_list_8_has_a_row_per_child_in_care_with_the_template_strings(cast: Cast) -> None:
    _tyler(cast)
    rows = annex_a_rows(PERIOD).rows["List 8"]
    child = cast.child
    age = (
        END.year
        - child.date_of_birth.year
        - ((END.month, END.day) < (child.date_of_birth.month, child.date_of_birth.day))
    )
    assert rows == [
        [
            *_common(child, age),
            "",  # UASC: not recorded
            columns.UNKNOWN,  # no disability recorded
            D(2025, 6, 2),
            "N1 - Abuse or neglect",
            "b) No",
            D(2025, 8, 1),
            "C1: ICO",
            D(2026, 2, 20),
            D(2026, 3, 2),
            "f) Long-term fostering",
            D(2025, 11, 10),  # the last review the child attended
            D(2025, 9, 1),
            D(2026, 1, 10),
            2,
            None,
            "",
            D(2025, 12, 1),
            "d) U4: Foster placement - long term",
            "e) PR4: Private provision",
            "BS8 1RL",
            "",
            "",  # Placement Location: not recorded
            "",  # LA of Placement: not recorded
            1,
            1,
            "a) Yes",
            "a) Yes",
            *_team_worker(cast),
        ]
    ]
    assert len(rows[0]) == len(columns.headers("Sex")["List 8"]) == 34


def test_list_8_takes_children_who_left_care_in_the_period_and_leaves_out_the_rest(cast: Cast) -> None:
    jade = _jade(cast)
    # Left care before the period: not in List 8 (and, never eligible, not in List 9).
    earlier = people_services.person_create(
        actor=cast.system, given_name="Ola", family_name="Berg", date_of_birth=D(2016, 1, 2), sex="M", ethnicity="WBRI"
    )
    care.care_start(
        actor=cast.system,
        child=earlier,
        start_date=D(2024, 1, 8),
        legal_status="V2",
        category_of_need="N4",
        placement=care.Placement(placement_type="U6", placement_provider="PR1", placement_postcode="BS7 0AA"),
    )
    care.care_end(
        actor=cast.system, child=earlier, on=D(2024, 5, 1), end_reason="E4A", expected_version=_version(earlier)
    )
    # Short breaks only: not in List 8.
    respite = people_services.person_create(
        actor=cast.system, given_name="Ria", family_name="Cole", date_of_birth=D(2015, 4, 4), sex="F", ethnicity="WBRI"
    )
    care.care_start(
        actor=cast.system,
        child=respite,
        start_date=D(2026, 1, 9),
        legal_status="V3",
        category_of_need="N2",
        placement=care.Placement(placement_type="U6", placement_provider="PR1"),
    )
    annex = annex_a_rows(PERIOD)
    assert [row[0] for row in annex.rows["List 8"]] == [jade.la_id]
    row = annex.rows["List 8"][0]
    header = columns.headers("Sex")["List 8"]
    got = dict(zip(header, row, strict=True))
    assert got["Date Started to be Looked After"] == D(2023, 9, 1)
    assert got["Child's Legal Status"] == "C2: FCO"
    assert got["Date Ceased to be Looked After"] == D(2026, 3, 10)
    assert got["Reason Ceased to be Looked After"] == (
        "v) E17: Aged 18 (or over) and remained with current carers (inc under staying put arrangements)"
    )
    assert got["Number of Placements in the Last 12 months"] == 1
    assert got["Placement Type"] == "f) U6: Foster placement - not FFA"
    # Never missing: the counts are 0 and the return interview columns blank.
    assert [got[h] for h in header[-6:-2]] == [0, 0, "", ""]


def test_list_9_has_a_row_per_young_person_entitled_to_leaving_care_services(cast: Cast) -> None:
    jade = _jade(cast)
    rows = annex_a_rows(PERIOD).rows["List 9"]
    assert rows == [
        [
            *_common(jade, 18),
            "",  # UASC, or formerly UASC: not recorded
            columns.UNKNOWN,
            *_team_worker(cast),
            "Paige Adler",
            "b) Former relevant child",
            D(2026, 3, 3),
            "a) Yes",
            D(2026, 3, 20),
            "Z: With former foster carers",
            "a) Suitable",
            "F2: Full time in education other than higher",
        ]
    ]
    assert len(rows[0]) == len(columns.headers("Sex")["List 9"])


def test_the_workbook_carries_lists_8_and_9_and_they_pass_the_checks(cast: Cast) -> None:
    _tyler(cast)
    _jade(cast)
    workbook = annex_a_workbook(START, END)
    book = load_workbook(io.BytesIO(workbook.content), read_only=True)
    assert book["List 8"].max_row == 3 and book["List 9"].max_row == 2
    assert [cell.value for cell in next(book["List 8"].iter_rows(max_row=1))] == columns.headers("Sex")["List 8"]
    assert check_annex_a(workbook.content, inspection_date=END, period_start=START).issues == []


def test_the_checks_know_lists_8_and_9s_strings_and_required_columns() -> None:
    assert "Child's Legal Status" in columns.REQUIRED["List 8"]
    assert "Eligibility Category" in columns.REQUIRED["List 9"]
    assert columns.CATEGORY_VALUES["Placement Type"][-1] == "zz) T4: Temporary placement - seven days or less"
    # Newer 903 codes are written as the codes they replaced (no template string exists).
    assert columns.PLACEMENT_TYPE["K3"] == "n) H5: Residential accommodation"
    assert columns.PLACEMENT_TYPE["Z12"] == "v) Z1: Other placements"
