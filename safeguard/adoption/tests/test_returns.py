"""The SSDA903 AD1 and PlacedAdoption rows (``adoption.returns.ssda903_rows``) and Annex A
Lists 10 and 11, from a small hand-built case in the 2025/26 collection year."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.adoption import services
from safeguard.care import services as care_services
from safeguard.care.models import CareRecord
from safeguard.conftest import Cast
from safeguard.people import services as people_services
from safeguard.returns.annex_a import adoption_lists
from safeguard.returns.annex_a import columns as c
from safeguard.returns.annex_a.lists import _Lookups
from safeguard.returns.periods import CollectionYear, LookBack

from .support import couple, in_care

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def case(cast: Cast) -> dict[str, object]:
    """Tyler adopted in the year by the Campbells; Ella's decision reversed in the year;
    Kai's first decision reversed before the year and a second one open; Mo's decision
    made after the year."""
    kai = people_services.person_create(
        actor=cast.system, given_name="Kai", family_name="Dunn", date_of_birth=D(2022, 2, 1), sex="M", ethnicity="WBRI"
    )
    mo = people_services.person_create(
        actor=cast.system, given_name="Mo", family_name="Ade", date_of_birth=D(2023, 6, 1), sex="F", ethnicity="BAFR"
    )
    household = couple(cast, D(2024, 1, 15))
    services.household_update(
        actor=cast.system,
        household=household,
        expected_version=1,
        stage1_started_on=D(2024, 2, 1),
        stage1_ended_on=D(2024, 4, 1),
        stage2_started_on=D(2024, 4, 8),
        application_on=D(2024, 4, 8),
        stage2_ended_on=D(2024, 9, 1),
        approved_on=D(2024, 9, 1),
    )
    in_care(cast, cast.child, D(2024, 6, 3))
    tyler = services.decision_record(actor=cast.system, child=cast.child, decided_on=D(2025, 1, 10))
    services.decision_update(
        actor=cast.system,
        decision=tyler,
        expected_version=1,
        placement_order_on=D(2025, 2, 1),
        matched_on=D(2025, 5, 1),
        household=household,
        placed_on=D(2025, 6, 2),
        placed_with_foster_carer=False,
        adoption_order_on=D(2025, 10, 6),
    )
    version = CareRecord.objects.get(child=cast.child).version
    care_services.care_end(
        actor=cast.system, child=cast.child, on=D(2025, 10, 6), end_reason="E11", expected_version=version
    )
    in_care(cast, cast.stranger, D(2025, 1, 6))
    ella = services.decision_record(actor=cast.system, child=cast.stranger, decided_on=D(2025, 2, 3))
    services.decision_update(
        actor=cast.system, decision=ella, expected_version=1, no_longer_on=D(2025, 7, 1), no_longer_reason="RD3"
    )
    in_care(cast, kai, D(2024, 10, 1))
    first = services.decision_record(actor=cast.system, child=kai, decided_on=D(2024, 11, 1))
    services.decision_update(
        actor=cast.system, decision=first, expected_version=1, no_longer_on=D(2025, 3, 1), no_longer_reason="RD1"
    )
    services.decision_record(actor=cast.system, child=kai, decided_on=D(2025, 5, 1))
    in_care(cast, mo, D(2025, 11, 3))
    services.decision_record(actor=cast.system, child=mo, decided_on=D(2026, 5, 1))
    left = services.household_create(
        actor=cast.system,
        legal_status="L0",
        enquiry_on=D(2024, 3, 1),
        adopters=[services.AdopterInput("Niamh", "Doyle", "F", "WIRI")],
    )
    services.household_update(
        actor=cast.system, household=left, expected_version=1, left_on=D(2024, 6, 1), left_reason="1"
    )
    services.household_create(
        actor=cast.system,
        legal_status="L0",
        enquiry_on=D(2026, 1, 20),
        adopters=[services.AdopterInput("Kofi", "Mensah", "M", "BAFR")],
    )
    return {"kai": kai, "mo": mo, "household": household}


def test_it_writes_ad1_for_the_child_adopted_in_the_year(cast: Cast, case: dict[str, object]) -> None:
    rows = services_rows()["ad1"]
    assert rows == [
        (
            cast.child.pk,
            {
                "DATE_INT": "10/01/2025",
                "DATE_MATCH": "01/05/2025",
                "FOSTER_CARE": "0",
                "NB_ADOPTR": "2",
                "SEX_ADOPTR": "MF",
                "LS_ADOPTR": "L11",
            },
        )
    ]


def test_it_writes_placed_adoption_for_each_decision_the_year_knows(cast: Cast, case: dict[str, object]) -> None:
    kai = case["kai"]
    rows = services_rows()["placed_adoption"]
    assert rows == [
        (cast.child.pk, {"DATE_PLACED": "10/01/2025", "DATE_PLACED_CEASED": "", "REASON_PLACED_CEASED": ""}),
        (
            cast.stranger.pk,
            {"DATE_PLACED": "03/02/2025", "DATE_PLACED_CEASED": "01/07/2025", "REASON_PLACED_CEASED": "RD3"},
        ),
        (kai.pk, {"DATE_PLACED": "01/05/2025", "DATE_PLACED_CEASED": "", "REASON_PLACED_CEASED": ""}),  # type: ignore[attr-defined]
    ]


def test_it_does_not_know_a_reversal_after_the_year(cast: Cast, case: dict[str, object]) -> None:
    from safeguard.adoption.returns import ssda903_rows

    rows = dict(ssda903_rows(CollectionYear(2025))["placed_adoption"])
    kai = case["kai"]
    # In 2024/25 Kai's first decision (reversed 1 March 2025) is reported with its reversal.
    assert rows[kai.pk] == {  # type: ignore[attr-defined]
        "DATE_PLACED": "01/11/2024",
        "DATE_PLACED_CEASED": "01/03/2025",
        "REASON_PLACED_CEASED": "RD1",
    }
    assert cast.child.pk in rows and ssda903_rows(CollectionYear(2025))["ad1"] == []


def services_rows() -> dict[str, list[tuple[int, dict[str, str]]]]:
    from safeguard.adoption.returns import ssda903_rows

    return ssda903_rows(CollectionYear(2026))


def _lists(end: dt.date) -> tuple[list[list[object]], list[list[object]]]:
    period = LookBack.months_before(end, 6)
    ids = adoption_lists.child_ids(period, lambda pk: pk)
    look = _Lookups(ids, period)
    return adoption_lists.list10_rows(look, period, lambda pk: pk), adoption_lists.list11_rows(period)


def test_it_lists_adopted_waiting_and_reversed_children_in_list_10(cast: Cast, case: dict[str, object]) -> None:
    list10, _ = _lists(D(2025, 12, 31))
    kai = case["kai"]
    assert sorted(row[0] for row in list10) == sorted([cast.child.la_id, cast.stranger.la_id, kai.la_id, kai.la_id])  # type: ignore[attr-defined]
    assert case["mo"].la_id not in {row[0] for row in list10}  # type: ignore[attr-defined]
    tyler = next(row for row in list10 if row[0] == cast.child.la_id)
    assert tyler == [
        cast.child.la_id,
        case["household"].reference,  # type: ignore[attr-defined]
        "a) Male",
        "a) WBRI",
        D(2014, 5, 17),
        11,
        c.UNKNOWN,
        D(2024, 6, 3),
        D(2025, 1, 10),
        D(2025, 2, 1),
        D(2025, 5, 1),
        D(2025, 6, 2),
        D(2025, 10, 6),
        None,
        "",
        None,
    ]
    ella = next(row for row in list10 if row[0] == cast.stranger.la_id)
    assert ella[13:15] == [D(2025, 7, 1), "RD3 - Prospective adopters could not be found"]
    assert ella[1] == ""  # never matched: no family


def test_it_leaves_out_what_the_inspection_date_does_not_know(cast: Cast, case: dict[str, object]) -> None:
    list10, _ = _lists(D(2025, 6, 30))
    tyler = next(row for row in list10 if row[0] == cast.child.la_id)
    assert tyler[11:13] == [D(2025, 6, 2), None]  # placed; the adoption order came later
    ella = next(row for row in list10 if row[0] == cast.stranger.la_id)
    assert ella[13:15] == [None, ""]


def test_it_lists_each_adopter_in_touch_in_the_12_months_in_list_11(cast: Cast, case: dict[str, object]) -> None:
    _, list11 = _lists(D(2025, 12, 31))
    household = case["household"]
    assert [row[0] for row in list11] == [f"{household.reference}-1", f"{household.reference}-2"]  # type: ignore[attr-defined]
    fiona = list11[0]
    assert fiona == [
        f"{household.reference}-1",  # type: ignore[attr-defined]
        household.reference,  # type: ignore[attr-defined]
        "b) Female",
        "a) WBRI",
        c.NO,
        c.YES,
        D(2024, 1, 15),
        D(2024, 2, 1),
        D(2024, 4, 1),
        D(2024, 4, 8),
        D(2024, 9, 1),
        D(2024, 4, 8),
        D(2024, 9, 1),
        D(2025, 5, 1),
        D(2025, 6, 2),
        1,
        D(2025, 10, 6),
        None,
        "",
    ]
    assert all(len(row) == len(c.headers("Gender")["List 11"]) for row in list11)
