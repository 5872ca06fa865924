"""Annex A as one .xlsx workbook: a sheet per list named ``List 1`` … ``List 11``, one
header row in the template's wording, dates as Excel dates shown dd/mm/yyyy
(shared/data-standards.md §1.1).

openpyxl builds the workbook (its parts, styles, the header rows and the date style); the
rows of each sheet are then written straight into that sheet's ``sheetData`` as inline
strings and numbers. openpyxl spends some 20 µs on each cell it writes, which for 50,000
children is most of the 20 seconds Annex A may take (issue 7 §7); the XML written here is
the same that openpyxl writes for those cells, and the checks read the file back with
openpyxl.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ..periods import LookBack
from . import columns
from .lists import AnnexA, annex_a_rows

Progress = Callable[[int, int], None]
DATE_FORMAT = "dd/mm/yyyy"
EXCEL_EPOCH = dt.date(1899, 12, 30)
_CELL_STYLE = re.compile(r'<c r="A2"[^>]* s="(\d+)"')
_SHEET_DATA = re.compile(r"<sheetData>.*</sheetData>|<sheetData ?/>", re.S)
_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class AnnexAWorkbook:
    content: bytes
    children: int
    child_ids: dict[str, int]
    lists: AnnexA


def _skeleton(headers: dict[str, list[str]]) -> tuple[bytes, dict[str, str]]:
    """The workbook with each sheet's header row and, in A2, a date cell whose style the
    rows use; returns the file and each sheet's part name."""
    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for name in columns.SHEETS:
        sheet = book.create_sheet(name)
        sheet.append(headers[name])
        for cell in sheet[1]:
            cell.font = bold
        marker = sheet.cell(row=2, column=1, value=dt.date(2000, 1, 1))
        marker.number_format = DATE_FORMAT
    out = io.BytesIO()
    book.save(out)
    parts = {name: f"xl/worksheets/sheet{n}.xml" for n, name in enumerate(columns.SHEETS, start=1)}
    return out.getvalue(), parts


def _cell(ref: str, value: Any, date_style: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{date_style}"><v>{(value - EXCEL_EPOCH).days}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}" t="n"><v>{value}</v></c>'
    text = escape(_ILLEGAL.sub("", str(value)))
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _sheet_data(header_xml: str, rows: list[list[Any]], date_style: str, width: int) -> str:
    letters = [get_column_letter(i) for i in range(1, width + 1)]
    parts = ["<sheetData>", header_xml]
    for number, row in enumerate(rows, start=2):
        cells = "".join(_cell(f"{letters[i]}{number}", value, date_style) for i, value in enumerate(row))
        parts.append(f'<row r="{number}">{cells}</row>')
    parts.append("</sheetData>")
    return "".join(parts)


def write_workbook(annex: AnnexA) -> bytes:
    headers = columns.headers(annex.sex_header)
    skeleton, parts = _skeleton(headers)
    source = zipfile.ZipFile(io.BytesIO(skeleton))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            sheet = next((name for name, part in parts.items() if part == info.filename), None)
            if sheet is not None:
                xml = data.decode("utf-8")
                style = _CELL_STYLE.search(xml)
                date_style = style.group(1) if style else "0"
                header_row = re.search(r'<row r="1".*?</row>', xml, re.S)
                rows = annex.rows.get(sheet, [])
                width = len(headers[sheet])
                body = _sheet_data(header_row.group(0) if header_row else "", rows, date_style, width)
                found = _SHEET_DATA.search(xml)
                if found is not None:
                    xml = xml[: found.start()] + body + xml[found.end() :]
                last = f"{get_column_letter(width)}{len(rows) + 1}"
                xml = _DIMENSION.sub(f'<dimension ref="A1:{last}"/>', xml, count=1)
                data = xml.encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()


def annex_a_workbook(start: dt.date, end: dt.date, *, progress: Progress | None = None) -> AnnexAWorkbook:
    annex = annex_a_rows(LookBack(start, end), progress=progress)
    return AnnexAWorkbook(
        content=write_workbook(annex), children=len(annex.child_ids), child_ids=annex.child_ids, lists=annex
    )
