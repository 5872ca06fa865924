"""Spreadsheets (openpyxl) of the dashboard and of a drill-down, each export audited
(``export``) with what left the system."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font

from safeguard.audit import services as audit
from safeguard.audit.models import EventType

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser

    from .selectors import Dashboard, Drilldown

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MARKING = "OFFICIAL-SENSITIVE"


def _bold_row(sheet, values: list[object]) -> None:  # type: ignore[no-untyped-def]
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def dashboard_xlsx(*, user: AnyUser, board: Dashboard) -> bytes:
    book = Workbook()
    figures = book.active
    figures.title = "Indicators"
    figures.append([MARKING])
    _bold_row(figures, ["Indicator", "Month", "Numerator", "Denominator", "Figure", "Unit"])
    for series in board.series:
        for point in series.points:
            figures.append(
                [
                    series.indicator.title,
                    point.period.start,
                    point.numerator,
                    point.denominator,
                    point.value,
                    "per worker" if series.indicator.unit == "average" else "%",
                ]
            )
            figures.cell(row=figures.max_row, column=2).number_format = "mmm yyyy"
    england = book.create_sheet("England")
    _bold_row(england, ["Indicator", "Definition", "England", "Year", "Source", "Confirmed"])
    for series in board.series:
        ind = series.indicator
        nat = ind.national
        england.append(
            [
                ind.title,
                f"{ind.numerator_text} / {ind.denominator_text}",
                nat.text if nat else "No England figure recorded",
                nat.year if nat else "",
                nat.source if nat else "",
                ("yes" if nat.confirmed else "no") if nat else "",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    with transaction.atomic():
        audit.record(
            actor=user,  # type: ignore[arg-type]
            event_type=EventType.EXPORT,
            data={
                "extra": {
                    "format": "xlsx",
                    "what": "indicators dashboard",
                    "from": board.periods[0].key,
                    "to": board.periods[-1].key,
                    "indicators": [s.indicator.code for s in board.series],
                }
            },
        )
    return out.getvalue()


def drilldown_xlsx(*, user: AnyUser, drill: Drilldown) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Records"
    sheet.append([MARKING])
    sheet.append([f"{drill.indicator.title}, {drill.period.label}"])
    named = drill.mode == "named"
    _bold_row(
        sheet, ["Child" if named else "Pseudonym", "Local ID" if named else "", "Counted on", "Met", "Detail", "Team"]
    )
    children = []
    for row in drill.rows:
        if named and row.child is not None:
            first, second = row.child.full_name, row.child.la_id
            children.append(str(row.child.uuid))
        else:
            first, second = row.pseudonym, ""
        sheet.append([first, second, row.on, "yes" if row.met else "no", row.detail, row.group])
        sheet.cell(row=sheet.max_row, column=3).number_format = "d mmm yyyy"
    if drill.hidden:
        sheet.append([f"{drill.hidden} more records are about children whose records you cannot open."])
    out = io.BytesIO()
    book.save(out)
    with transaction.atomic():
        audit.record(
            actor=user,  # type: ignore[arg-type]
            event_type=EventType.EXPORT,
            data={
                "extra": {
                    "format": "xlsx",
                    "what": "indicator drill-down",
                    "indicator": drill.indicator.code,
                    "month": drill.period.key,
                    "which": drill.which,
                    "mode": drill.mode,
                    "rows": len(drill.rows),
                    "children": sorted(set(children)),
                }
            },
        )
    return out.getvalue()
