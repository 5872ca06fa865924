"""The SSDA903 tables from the care context's episodes: exact headers, the golden files,
and the DfE validator's verdict."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest

from safeguard.care import services as care
from safeguard.conftest import Cast
from safeguard.returns.periods import CollectionYear
from safeguard.returns.ssda903.tables import COLUMNS, ssda903_tables
from safeguard.returns.validation import validate_903_folder, validators_available

from .golden import assert_golden

pytestmark = pytest.mark.django_db


def _looked_after(cast: Cast) -> None:
    """Tyler (allocated to ``sw``) is looked after from 2 June 2025 under an interim care
    order, in foster care in Bristol, and returns home as planned on 15 January 2026."""
    care.care_start(
        actor=cast.sw,
        child=cast.child,
        start_date=dt.date(2025, 6, 2),
        legal_status="C1",
        category_of_need="N1",
        placement=care.Placement(placement_type="U6", placement_provider="PR1", placement_postcode="BS7 0AA"),
        home_postcode="BS1 1AD",
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
    text = "".join(f"# {name}\n{tables.csv(name).replace(cast.child.la_id, 'CHILD1')}" for name in COLUMNS)
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
