"""The SSDA903 tables from the care context's episodes: exact headers, the golden files,
and the DfE validator's verdict."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone

from safeguard.access.models import Involvement, InvolvementKind
from safeguard.care import services as care
from safeguard.care.models import LibertyOrder
from safeguard.conftest import Cast
from safeguard.people.models import Person
from safeguard.returns.periods import CollectionYear
from safeguard.returns.ssda903.tables import COLUMNS, Ssda903, ssda903_tables
from safeguard.returns.validation import validate_903_folder, validators_available

from .golden import assert_golden

pytestmark = pytest.mark.django_db


def _allocated_since(cast: Cast, child: Person, day: dt.date, reason: str = "FCONTA") -> Involvement:
    """Move the child's current allocation (made when the cast was built) back to ``day``."""
    allocation = Involvement.objects.get(child=child, kind=InvolvementKind.ALLOCATED_WORKER, ended_at__isnull=True)
    allocation.started_at = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
    allocation.change_reason = reason
    allocation.save(update_fields=["started_at", "change_reason"])
    return allocation


def _looked_after(cast: Cast) -> None:
    """Tyler (allocated to ``sw`` since 20 May 2025, first contact; Social Work England
    number SW123456) is looked after from 2 June 2025 under an interim care order, with no
    previous permanence option, in foster care in Bristol, and returns home as planned on 15
    January 2026."""
    cast.sw.swe_number = "SW123456"
    cast.sw.save(update_fields=["swe_number"])
    _allocated_since(cast, cast.child, dt.date(2025, 5, 20))
    care.care_start(
        actor=cast.sw,
        child=cast.child,
        start_date=dt.date(2025, 6, 2),
        legal_status="C1",
        category_of_need="N1",
        placement=care.Placement(placement_type="U6", placement_provider="PR1", placement_postcode="BS7 0AA"),
        home_postcode="BS1 1AD",
    )
    care.permanence_before_record(
        actor=cast.sw, child=cast.child, option="Z1", la_code="", order_date=None, expected_version=0
    )
    record = cast.child.care_record
    care.care_end(
        actor=cast.sw,
        child=cast.child,
        on=dt.date(2026, 1, 15),
        end_reason="E4A",
        expected_version=record.version,
        placement_change_reason="CARPL",
    )


def test_it_writes_each_table_with_its_exact_header(cast: Cast) -> None:
    _looked_after(cast)
    tables = ssda903_tables(CollectionYear(2026))
    assert tables.csv("header").splitlines()[0] == "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
    assert tables.csv("episodes").splitlines()[0] == ",".join(COLUMNS["episodes"])
    assert tables.table_names == [t for t in COLUMNS if t != "dolo"]  # DoLo from 2027 only
    text = "".join(f"# {name}\n{tables.csv(name).replace(cast.child.la_id, 'CHILD1')}" for name in tables.table_names)
    assert_golden("ssda903_2026.txt", text)


def test_a_child_out_of_care_all_year_is_not_in_it(cast: Cast) -> None:
    _looked_after(cast)
    assert ssda903_tables(CollectionYear(2027)).tables["header"] == []


@pytest.mark.skipif(
    not validators_available(), reason="the DfE validators are not installed here: run `make validators`"
)
def test_the_dfe_validator_finds_no_errors(cast: Cast) -> None:
    _looked_after(cast)
    with tempfile.TemporaryDirectory() as folder:
        ssda903_tables(CollectionYear(2026)).write_folder(Path(folder))
        result = validate_903_folder(Path(folder), year=2026, la_ons_code="E06000023")
    assert result.ruleset == "lac2025_26"
    assert [(i.rule_code, i.message, i.field) for i in result.errors] == []


def _child(cast: Cast, given: str, born: dt.date, sex: str) -> Person:
    from safeguard.access import services as access_services
    from safeguard.people import services as people_services

    person = people_services.person_create(
        actor=cast.system, given_name=given, family_name="Testcase", date_of_birth=born, sex=sex, ethnicity="WBRI"
    )
    access_services.allocation_set(actor=cast.system, child=person, worker=cast.sw)
    return person


def _amir(cast: Cast) -> Person:
    """Amir, 16, arrived alone and is accommodated under section 20 from 10 June 2025;
    leave to remain granted on 1 December 2025. Before: a child arrangements order made
    by authority 803 on 14 July 2019."""
    amir = _child(cast, "Amir", dt.date(2009, 2, 12), "M")
    _allocated_since(cast, amir, dt.date(2025, 6, 10))
    care.care_start(
        actor=cast.sw,
        child=amir,
        start_date=dt.date(2025, 6, 10),
        legal_status="V2",
        category_of_need="N7",
        placement=care.Placement(placement_type="U6", placement_provider="PR1", placement_postcode="BS7 0AA"),
        home_postcode="BS1 1AD",
    )
    record = amir.care_record
    care.uasc_record(
        actor=cast.sw, child=amir, uasc=True, ceased_on=dt.date(2025, 12, 1), expected_version=record.version
    )
    care.permanence_before_record(
        actor=cast.sw, child=amir, option="P3", la_code="803", order_date=dt.date(2019, 7, 14), expected_version=0
    )
    return amir


def _rows(tables: Ssda903, table: str, person: Person, name: str) -> list[str]:
    return [line.replace(person.la_id, name) for line in tables.csv(table).splitlines()]


def test_uasc_and_previous_permanence(cast: Cast) -> None:
    amir = _amir(cast)
    tables = ssda903_tables(CollectionYear(2026))
    assert _rows(tables, "uasc", amir, "A") == ["CHILD,SEX,DOB,DUC", "A,M,12/02/2009,01/12/2025"]
    assert _rows(tables, "prev_perm", amir, "A") == [
        "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM",
        "A,12/02/2009,P3,803,14/07/2019",
    ]
    # A child who is or was UASC has no home postcode here, so no placement distance (rule 406).
    assert _rows(tables, "episodes", amir, "A")[1] == "A,10/06/2025,S,V2,N7,U6,PR1,,,,,BS7 0AA,XXXXXX"


def _mia(cast: Cast) -> Person:
    """Mia, 13, in long-term foster care since 1 March 2024: an SDQ of 14, a health
    assessment (immunisations up to date) and a dental check in 2025/26; not convicted; a
    substance misuse problem, an intervention offered and refused."""
    mia = _child(cast, "Mia", dt.date(2013, 3, 3), "F")
    _allocated_since(cast, mia, dt.date(2024, 2, 20))
    care.care_start(
        actor=cast.sw,
        child=mia,
        start_date=dt.date(2024, 3, 1),
        legal_status="C2",
        category_of_need="N1",
        placement=care.Placement(placement_type="U4", placement_provider="PR1", placement_postcode="BS7 0AA"),
        home_postcode="BS1 1AD",
    )
    care.permanence_before_record(
        actor=cast.sw, child=mia, option="Z1", la_code="", order_date=None, expected_version=0
    )
    care.sdq_record(actor=cast.sw, child=mia, completed_on=dt.date(2025, 10, 10), score=14)
    care.health_check_record(
        actor=cast.sw,
        child=mia,
        kind="review",
        done_on=dt.date(2025, 9, 5),
        by_whom="LAC nurse",
        immunisations_up_to_date=True,
    )
    care.health_check_record(actor=cast.sw, child=mia, kind="dental", done_on=dt.date(2025, 11, 12), by_whom="Dentist")
    care.year_outcomes_record(
        actor=cast.sw,
        child=mia,
        year=2026,
        convicted=False,
        substance_misuse=True,
        intervention_received=False,
        intervention_offered=True,
        expected_version=0,
    )
    return mia


def test_oc2_for_a_child_looked_after_for_12_months(cast: Cast) -> None:
    mia = _mia(cast)
    _looked_after(cast)  # Tyler came into care in the year: no OC2 row
    tables = ssda903_tables(CollectionYear(2026))
    assert _rows(tables, "oc2", mia, "M") == [
        "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,"
        "SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
        "M,03/03/2013,14,,0,,1,1,1,1,0,1",
    ]


def test_social_worker_episodes_from_the_allocation_history(cast: Cast) -> None:
    """Sam Walker (SW123456) from first contact, reported from the day Tyler came into care;
    a colleague with no registration number recorded took over on 1 September 2025 when
    Sam left the role."""
    from safeguard.access import services as access_services

    _looked_after(cast)
    other = cast.users()["sw_other"]
    handover = timezone.make_aware(dt.datetime(2025, 9, 1, 9, 0))
    second = access_services.allocation_set(actor=cast.system, child=cast.child, worker=other, change_reason="LEFTRL")
    Involvement.objects.filter(pk=second.pk).update(started_at=handover)
    Involvement.objects.filter(child=cast.child, user=cast.sw).update(ended_at=handover)
    tables = ssda903_tables(CollectionYear(2026))
    assert _rows(tables, "sw_episodes", cast.child, "CHILD1") == [
        "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON",
        "CHILD1,17/05/2014,SW123456,02/06/2025,01/09/2025,FCONTA",
        f"CHILD1,17/05/2014,XX{other.pk:06d},01/09/2025,,LEFTRL",
    ]


def test_deprivation_of_liberty_orders_from_2027(cast: Cast) -> None:
    mia = _mia(cast)
    care.liberty_order_record(
        actor=cast.sw, child=mia, start_date=dt.date(2026, 5, 1), end_date=dt.date(2026, 9, 30), expected_version=0
    )
    assert "dolo" not in ssda903_tables(CollectionYear(2026)).tables
    tables = ssda903_tables(CollectionYear(2027))
    assert _rows(tables, "dolo", mia, "M") == ["CHILD,DOB,DOLO_START,DOLO_END", "M,03/03/2013,01/05/2026,30/09/2026"]


def test_adoption_rows_come_from_the_adoption_context(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    """AD1 and PlacedAdoption rows are the adoption context's; the writer adds CHILD and DOB
    and a Header row for each child."""
    import safeguard.adoption.returns as adoption_returns

    placed = {"DATE_PLACED": "01/10/2025", "DATE_PLACED_CEASED": "", "REASON_PLACED_CEASED": ""}
    monkeypatch.setattr(
        adoption_returns,
        "ssda903_rows",
        lambda year: {"ad1": [], "placed_adoption": [(cast.stranger.pk, placed)]},
    )
    tables = ssda903_tables(CollectionYear(2026))
    assert _rows(tables, "placed_adoption", cast.stranger, "E") == [
        "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
        f"E,{cast.stranger.date_of_birth:%d/%m/%Y},01/10/2025,,",
    ]
    assert [r["CHILD"] for r in tables.tables["header"]] == [cast.stranger.la_id]
    assert tables.csv("ad1") == "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n"


@pytest.mark.skipif(
    not validators_available(), reason="the DfE validators are not installed here: run `make validators`"
)
def test_the_validator_passes_the_new_tables_and_names_the_child_with_overlapping_orders(cast: Cast) -> None:
    amir, mia = _amir(cast), _mia(cast)
    _looked_after(cast)
    with tempfile.TemporaryDirectory() as folder:
        ssda903_tables(CollectionYear(2026)).write_folder(Path(folder))
        result = validate_903_folder(Path(folder), year=2026, la_ons_code="E06000023")
    assert [(i.rule_code, i.child_id, i.field) for i in result.errors] == []
    care.year_outcomes_record(
        actor=cast.sw,
        child=mia,
        year=2027,
        convicted=False,
        substance_misuse=False,
        intervention_received=None,
        intervention_offered=None,
        expected_version=0,
    )
    care.sdq_record(actor=cast.sw, child=mia, completed_on=dt.date(2026, 5, 2), score=12)
    care.sdq_record(actor=cast.sw, child=amir, completed_on=dt.date(2026, 5, 2), score=9)
    care.year_outcomes_record(
        actor=cast.sw,
        child=amir,
        year=2027,
        convicted=False,
        substance_misuse=False,
        intervention_received=None,
        intervention_offered=None,
        expected_version=0,
    )
    care.liberty_order_record(
        actor=cast.sw, child=mia, start_date=dt.date(2026, 5, 1), end_date=None, expected_version=0
    )
    # Planted: a second order while the first is open, as an import might bring in (the
    # service refuses it, rule 705).
    LibertyOrder.objects.create(child=mia, start_date=dt.date(2026, 6, 1), recorded_by=cast.sw)
    with tempfile.TemporaryDirectory() as folder:
        ssda903_tables(CollectionYear(2027)).write_folder(Path(folder))
        result = validate_903_folder(Path(folder), year=2027, la_ons_code="E06000023")
    assert result.ruleset == "lac2026_27"
    found = {(i.rule_code, i.child_id) for i in result.errors}
    assert ("705", mia.la_id) in found
    # Amir's UASC status ceased in 2025/26: not in the 2026/27 UASC table (rule 104).
    assert {code for code, child in found if child == amir.la_id} == set()
