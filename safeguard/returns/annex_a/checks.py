"""Our own checks of an Annex A workbook, read back from the file (no official Ofsted
validator exists; shared/data-standards.md §1.4):

- AA1 all 11 sheets present, each with exactly the template's header row;
- AA2 the identifier is never blank;
- AA3 each date column holds a date;
- AA4 each count is a whole number, 0 or more;
- AA5 each dropdown column holds one of the template's strings;
- AA6 a row's own date lies in the reporting window;
- AA7 a column the template requires is not blank.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from openpyxl import load_workbook

from ..validation import Issue, ValidationResult
from . import columns as c

RULESET = "annex_a_2024"
ID_COLUMNS = {"Child Unique ID", "Individual adopter identifier"}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_date(value: Any) -> bool:
    if isinstance(value, (dt.date, dt.datetime)):
        return True
    if isinstance(value, str):
        try:
            dt.datetime.strptime(value.strip(), "%d/%m/%Y")
        except ValueError:
            return False
        return True
    return False


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.strptime(value.strip(), "%d/%m/%Y").date()
        except ValueError:
            return None
    return None


def check_annex_a(content: bytes, *, inspection_date: dt.date, period_start: dt.date | None = None) -> ValidationResult:
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    expected = c.headers(c.sex_header(inspection_date))
    issues: list[Issue] = []

    def issue(
        code: str, message: str, child: str = "", sheet: str = "", column: str = "", row: int | None = None
    ) -> None:
        issues.append(Issue(code, "ERROR", message, child, sheet, column, row))

    for name in c.SHEETS:
        if name not in book.sheetnames:
            issue("AA1", f"The sheet {name} is missing.", sheet=name)
            continue
        rows = book[name].iter_rows(values_only=True)
        header = [h for h in next(rows, ()) if h is not None]
        if list(header) != expected[name]:
            issue("AA1", f"The header row of {name} is not the template's.", sheet=name)
            continue
        required = c.REQUIRED.get(name, set())
        id_column = next(i for i, h in enumerate(header) if h in ID_COLUMNS)
        for number, row in enumerate(rows, start=2):
            values = dict(zip(header, row, strict=False))
            child = "" if _blank(row[id_column]) else str(row[id_column])
            if not child:
                issue("AA2", f"{header[id_column]} is blank.", sheet=name, column=header[id_column], row=number)
            for column, value in values.items():
                if _blank(value):
                    if column in required:
                        issue("AA7", f"{column} must not be blank.", child, name, column, number)
                    continue
                if (
                    column.startswith("Date")
                    or column.endswith("Date")
                    or " Date " in column
                    or column.startswith("Latest Date")
                ):
                    if not _is_date(value):
                        issue("AA3", f"{column} is not a date.", child, name, column, number)
                elif column in c.INTEGER_COLUMNS:
                    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                        issue("AA4", f"{column} must be a whole number, 0 or more.", child, name, column, number)
                elif column in c.CATEGORY_VALUES and value not in c.CATEGORY_VALUES[column]:
                    issue(
                        "AA5",
                        f"{column} holds {value!r}, which is not one of the template's values.",
                        child,
                        name,
                        column,
                        number,
                    )
            window_column = c.WINDOW_DATE.get(name)
            if window_column:
                day = _as_date(values.get(window_column))
                if day is not None and (day > inspection_date or (period_start is not None and day < period_start)):
                    issue(
                        "AA6", f"{window_column} is outside the reporting window.", child, name, window_column, number
                    )
    return ValidationResult(ruleset=RULESET, issues=issues, rules_run=7, rules_not_run=[])
