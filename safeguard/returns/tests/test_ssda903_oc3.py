"""The SSDA903 OC3 table (care leavers around their 17th to 21st birthdays) is written from
leaving care's keeping-in-touch records, with the exact header (data-standards §3.2)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest

from safeguard.conftest import Cast
from safeguard.leaving_care import services as leaving_care
from safeguard.leaving_care.tests.support import care_leaver
from safeguard.people.models import Person
from safeguard.returns.periods import CollectionYear
from safeguard.returns.ssda903.tables import COLUMNS, ssda903_tables

pytestmark = pytest.mark.django_db

D = dt.date


LEFT_AT_17 = D(2025, 9, 10)


def _jade(cast: Cast, left: dt.date = LEFT_AT_17) -> Person:
    """Looked after from 1 September 2023 until 10 September 2025 (aged 17), then in touch
    ten days after her 18th birthday (10 March 2026): further education, with her former
    foster carers, suitable."""
    jade = care_leaver(cast, born=D(2008, 3, 10), entered=D(2023, 9, 1), left=left)
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


def test_oc3_has_the_exact_header_and_one_row_per_birthday_in_the_year(cast: Cast) -> None:
    jade = _jade(cast)
    tables = ssda903_tables(CollectionYear(2026))
    assert COLUMNS["oc3"] == ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"]
    assert tables.csv("oc3").splitlines() == ["CHILD,DOB,IN_TOUCH,ACTIV,ACCOM", f"{jade.la_id},10/03/2008,YES,F2,Z1"]
    assert tables.child_ids[jade.la_id] == jade.pk


def test_a_birthday_with_nothing_recorded_is_not_in_touch(cast: Cast) -> None:
    jade = _jade(cast)
    # The 2027 collection (April 2026 to March 2027) holds her 19th birthday: no record yet.
    tables = ssda903_tables(CollectionYear(2027))
    assert tables.tables["oc3"] == [
        {"CHILD": jade.la_id, "DOB": "10/03/2008", "IN_TOUCH": "NO", "ACTIV": "0", "ACCOM": "0"}
    ]
    # Not looked after in that year, she still has her Header row (INT06), with no mother item.
    assert tables.tables["episodes"] == []
    assert [(r["CHILD"], r["SEX"], r["DOB"], r["MOTHER"]) for r in tables.tables["header"]] == [
        (jade.la_id, "F", "10/03/2008", "")
    ]
    # Not a care leaver at her 17th birthday (looked after then, rule 1007): no OC3 row.
    assert ssda903_tables(CollectionYear(2025)).tables["oc3"] == []


def test_no_row_for_an_18th_birthday_on_which_she_left_care(cast: Cast) -> None:
    """DfE rule 1016: a young person who ceased care on or after their 18th birthday in the
    year has no care leaver information for it."""
    _jade(cast, left=D(2026, 3, 10))
    tables = ssda903_tables(CollectionYear(2026))
    assert tables.tables["oc3"] == []
    assert tables.tables["episodes"][0]["DEC"] == "10/03/2026"


def test_the_folder_and_zip_carry_oc3(cast: Cast) -> None:
    _jade(cast)
    tables = ssda903_tables(CollectionYear(2026))
    with tempfile.TemporaryDirectory() as tmp:
        names = [p.name for p in tables.write_folder(Path(tmp))]
        assert "oc3.csv" in names
        assert (Path(tmp) / "oc3.csv").read_text(encoding="utf-8") == tables.csv("oc3")
