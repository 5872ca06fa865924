"""Annex A written from live data: the golden workbook, the template's headers and
strings, and our own checks (data-standards §1.4) finding what is wrong."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from safeguard.casework import services as casework
from safeguard.conftest import Cast
from safeguard.returns.annex_a import columns
from safeguard.returns.annex_a.checks import check_annex_a
from safeguard.returns.annex_a.lists import annex_a_rows
from safeguard.returns.annex_a.workbook import annex_a_workbook
from safeguard.returns.periods import LookBack

from .golden import assert_golden
from .support import referral_closed_nfa, small_authority

START, END = dt.date(2025, 10, 1), dt.date(2026, 3, 31)


def dump(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content), read_only=True)
    lines = []
    for sheet in book.worksheets:
        lines.append(f"# {sheet.title}")
        for row in sheet.iter_rows(values_only=True):
            cells = [
                v.strftime("%d/%m/%Y") if isinstance(v, dt.datetime) else ("" if v is None else str(v)) for v in row
            ]
            lines.append(" | ".join(cells))
    return "\n".join(lines) + "\n"


@pytest.mark.django_db
def test_it_writes_the_golden_annex_a(cast: Cast) -> None:
    small_authority(cast)
    workbook = annex_a_workbook(START, END)
    assert_golden("annex_a_20251001_20260331.txt", dump(workbook.content))


@pytest.mark.django_db
def test_it_writes_eleven_sheets_with_the_template_headers_and_passes_its_checks(cast: Cast) -> None:
    small_authority(cast)
    content = annex_a_workbook(START, END).content
    book = load_workbook(io.BytesIO(content), read_only=True)
    assert book.sheetnames == [f"List {n}" for n in range(1, 12)]
    header = next(book["List 7"].iter_rows(values_only=True))
    assert header[:6] == ("Child Unique ID", "Sex", "Ethnicity", "Date of Birth", "Age", columns.DISABILITY)
    result = check_annex_a(content, inspection_date=END, period_start=START)
    assert result.issues == []


def test_the_sex_column_is_gender_before_2026() -> None:
    assert columns.sex_header(dt.date(2025, 12, 31)) == "Gender"
    assert columns.sex_header(dt.date(2026, 1, 1)) == "Sex"


def test_the_dropdown_strings_are_the_templates() -> None:
    assert columns.ETHNICITY["NOBT"] == "t) NOBT"
    assert columns.SOURCE["6"] == "q) 6: Police"
    assert columns.SOURCE["10"] == "u) 10: Unknown"
    assert columns.ABUSE["MUL"] == "e) Multiple/not recommended"
    assert columns.CLOSURE["RC8"] == "RC8 - Case closed after assessment, no further action"


def _book(rows: dict[str, list[list[object]]], inspection: dt.date) -> bytes:
    headers = columns.headers(columns.sex_header(inspection))
    book = Workbook()
    book.remove(book.active)
    for name in columns.SHEETS:
        sheet = book.create_sheet(name)
        sheet.append(headers[name])
        for row in rows.get(name, []):
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_checks_report_each_kind_of_mistake() -> None:
    inspection = dt.date(2026, 3, 31)
    bad = _book(
        {
            "List 1": [
                ["", "a) Male", "a) WBRI", dt.date(2015, 1, 1), 11, dt.date(2026, 3, 1), "q) 6: Police"],
                ["C1", "Male", "a) WBRI", "not a date", -1, dt.date(2026, 4, 2), "q) 6: Police"],
            ]
        },
        inspection,
    )
    found = {(i.rule_code, i.field) for i in check_annex_a(bad, inspection_date=inspection).issues}
    assert ("AA2", "Child Unique ID") in found
    assert ("AA5", "Sex") in found
    assert ("AA3", "Date of Birth") in found
    assert ("AA4", "Age") in found
    assert ("AA6", "Date of Contact") in found


def test_the_checks_report_a_missing_sheet_and_a_wrong_header() -> None:
    book = Workbook()
    book.active.title = "List 1"
    book.active.append(["Child ID"])
    out = io.BytesIO()
    book.save(out)
    issues = check_annex_a(out.getvalue(), inspection_date=dt.date(2026, 3, 31)).issues
    assert {i.rule_code for i in issues} == {"AA1"}
    assert len(issues) == 11


@pytest.mark.django_db
def test_list_3_and_list_7_answer_nfa_and_emergency_protection_from_the_records(cast: Cast) -> None:
    people = small_authority(cast)
    referral_closed_nfa(cast)
    ben, cara = people["ben"], people["cara"]
    # Ben was taken into police protection five days before his plan ended.
    casework.emergency_protection_record(
        actor=cast.sw,
        child=ben,
        kind="police",
        started_on=dt.date(2026, 3, 5),
        ended_on=dt.date(2026, 3, 6),
        authority="PC Patel",
    )
    # A child assessment order is neither an EPO nor police protection.
    casework.emergency_protection_record(
        actor=cast.sw, child=cara, kind="cao", started_on=dt.date(2026, 3, 2), authority="Family Court at Bristol"
    )
    annex = annex_a_rows(LookBack(START, END))
    nfa_column = columns.headers("Sex")["List 3"].index("Referral NFA?")
    list3 = {row[0]: row[nfa_column] for row in annex.rows["List 3"]}
    assert list3["RA0006"] == columns.YES
    assert set(list3.values()) == {columns.YES}  # the small authority's assessments have no referrals

    epo_column = columns.headers("Sex")["List 7"].index(
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)"
    )
    assert [(row[0], row[epo_column]) for row in annex.rows["List 7"]] == [("RA0002", columns.YES)]
    # Six months after it ended, it has dropped out of the column's look-back.
    later = annex_a_rows(LookBack(dt.date(2026, 3, 1), dt.date(2026, 9, 30)))
    assert [(row[0], row[epo_column]) for row in later.rows["List 7"]] == [("RA0002", columns.NO)]
    result = check_annex_a(annex_a_workbook(START, END).content, inspection_date=END, period_start=START)
    assert result.issues == []
