"""A child's chronology exported for a conference or a court: a PDF (reportlab platypus)
and a spreadsheet (openpyxl). Each export writes one ``export`` audit event naming the
format, the filters and how many entries left the system."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, Table, TableStyle

from safeguard.audit import services as audit
from safeguard.audit.models import EventType

from . import pdf_fonts
from .chronology import KINDS

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from safeguard.access.policy import AnyUser

    from .chronology import Chronology, ChronologyEntry

MARKING = "OFFICIAL-SENSITIVE"
PDF_CONTENT_TYPE = "application/pdf"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Compressed page streams; tests switch it off to read the text.
PAGE_COMPRESSION = 1

_SIZE = 8
# Date, type, agency, entry: a landscape A4 page less 15 mm margins.
_COLUMNS = (28 * mm, 36 * mm, 44 * mm, 159 * mm)


def _born(chronology: Chronology) -> str:
    person = chronology.person
    if person.date_of_birth:
        return f"{person.date_of_birth:%-d %B %Y}"
    if person.expected_date_of_birth:
        return f"Unborn, expected {person.expected_date_of_birth:%-d %B %Y}"
    return "Not known"


def _produced_by(user: AnyUser) -> str:
    name = getattr(user, "display_name", "") or str(user)
    role = user.get_role_display() if hasattr(user, "get_role_display") else ""
    agency = getattr(user, "agency", None)
    return ", ".join(p for p in (name, role, str(agency or "")) if p)


def _header_rows(user: AnyUser, chronology: Chronology, produced: dt.datetime) -> list[tuple[str, str]]:
    person = chronology.person
    return [
        ("Child", person.full_name),
        ("Date of birth", _born(chronology)),
        ("Local ID", person.la_id),
        ("Produced by", _produced_by(user)),
        ("Produced on", f"{timezone.localtime(produced):%-d %B %Y at %H:%M}"),
        ("Entries", f"{len(chronology.entries)} of {chronology.total} ({chronology.filters.describe()})"),
    ]


def _when(entry: ChronologyEntry) -> str:
    time = entry.time
    return f"{entry.day:%d/%m/%Y}" + (f"\n{time:%H:%M}" if time else "")


# --- Text set in pure Python, fast ----------------------------------------------------------
#
# Without reportlab's optional C accelerator every Paragraph measures each word several
# times (as the table is laid out, split across pages and drawn), which for 2,000 entries
# takes several seconds. Entries are instead broken into lines once, with widths from the
# fonts' own metrics, and drawn as lines. Each character is set in the first font of
# ``pdf_fonts`` that has it, so names in any script are printed and embedded.


def _wrap(text: str, bold: bool, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points; long words are broken."""
    fonts = pdf_fonts.chain(bold)
    limit = width * 1000 / size
    space = fonts.width(" ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0
        for word in paragraph.split():
            size_of = fonts.width(word)
            while size_of > limit:  # a word wider than the column: break it
                if line:
                    lines.append(" ".join(line))
                    line, used = [], 0
                cut, taken = 0, 0
                while cut < len(word) and taken + fonts.width(word[cut]) <= limit:
                    taken += fonts.width(word[cut])
                    cut += 1
                cut = max(cut, 1)
                lines.append(word[:cut])
                word = word[cut:]
                size_of = fonts.width(word)
            if not word:
                continue
            if line and used + space + size_of > limit:
                lines.append(" ".join(line))
                line, used = [word], size_of
            else:
                used += (space if line else 0) + size_of
                line.append(word)
        lines.append(" ".join(line))
    return lines


class _Lines(Flowable):  # type: ignore[misc]
    """Lines already broken to the column, each bold or not: a fraction of the cost of a
    Paragraph, which measures its words again each time the table is laid out."""

    def __init__(self, lines: list[tuple[bool, str]], size: float) -> None:
        super().__init__()
        self.lines = lines
        self.size = size
        self.leading = size + 2

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, len(self.lines) * self.leading

    def draw(self) -> None:
        text = self.canv.beginText(0, len(self.lines) * self.leading - self.size)
        current = ""
        for bold, line in self.lines:
            for font, run in pdf_fonts.chain(bold).runs(line):
                if font != current:
                    text.setFont(font, self.size, self.leading)
                    current = font
                text.textOut(run)
            text.textLine("")
        self.canv.drawText(text)


def _text(text: str, width: float, *, bold: bool = False, size: float = _SIZE) -> _Lines:
    return _Lines([(bold, line) for line in _wrap(text, bold, size, width)], size)


def _entry_cell(entry: ChronologyEntry, width: float) -> _Lines:
    title = entry.title + (f" [{'; '.join(entry.flags)}]" if entry.flags else "")
    lines = [(True, line) for line in _wrap(title, True, _SIZE, width)]
    if entry.detail:
        lines += [(False, line) for line in _wrap(entry.detail, False, _SIZE, width)]
    return _Lines(lines, _SIZE)


def _cell(text: str, width: float) -> _Lines:
    return _text(text, width)


def _draw(
    canvas: Canvas, x: float, y: float, text: str, size: float, *, bold: bool = False, align: str = "left"
) -> None:
    """One line on the page (the marking and the footer), each character in a font that has it."""
    fonts = pdf_fonts.chain(bold)
    runs = fonts.runs(text)
    width = fonts.width(text) * size / 1000
    x = x - width if align == "right" else x - width / 2 if align == "centre" else x
    for font, run in runs:
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += fonts.width(run) * size / 1000


def _audit_export(user: AnyUser, chronology: Chronology, fmt: str) -> None:
    with transaction.atomic():
        audit.record(
            actor=user,  # type: ignore[arg-type]
            event_type=EventType.EXPORT,
            subject=chronology.person,
            child=chronology.person,
            data={
                "extra": {
                    "what": "chronology",
                    "format": fmt,
                    "entries": len(chronology.entries),
                    "filters": chronology.filters.describe(),
                    "basis": chronology.decision.basis,
                    "partner_view": chronology.decision.partner_view,
                }
            },
        )


def chronology_pdf(*, user: AnyUser, chronology: Chronology) -> bytes:
    """The chronology as a PDF: a header naming the child and who produced it, then a
    table of date, type, agency and entry, marked OFFICIAL-SENSITIVE on every page."""
    produced = timezone.now()
    buffer = io.BytesIO()
    person = chronology.person
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=18 * mm,
        bottomMargin=15 * mm,
        title=f"Chronology: {person.full_name}",
        author=getattr(user, "display_name", ""),
        subject=MARKING,
        pageCompression=PAGE_COMPRESSION,
    )
    story: list[Any] = [_text(f"Chronology: {person.full_name}", 267 * mm, bold=True, size=16), Spacer(1, 4 * mm)]
    header = Table(
        [
            [_text(label, 35 * mm - 12, bold=True, size=9), _text(value, 200 * mm - 12, size=9)]
            for label, value in _header_rows(user, chronology, produced)
        ],
        colWidths=(35 * mm, 200 * mm),
        hAlign="LEFT",
    )
    header.setStyle(TableStyle([("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [header, Spacer(1, 5 * mm)]

    # Cell padding is 6 points a side.
    widths = [w - 12 for w in _COLUMNS]
    rows: list[list[Any]] = [
        [
            _text(name, w, bold=True, size=_SIZE + 1)
            for name, w in zip(("Date", "Type", "Agency", "Entry"), widths, strict=True)
        ]
    ]
    for entry in chronology.entries:
        rows.append(
            [
                _text(_when(entry), widths[0]),
                _cell(KINDS.get(entry.kind, entry.kind), widths[1]),
                _cell(entry.agency, widths[2]),
                _entry_cell(entry, widths[3]),
            ]
        )
    if not chronology.entries:
        rows.append(["", "", "", _text("No entries.", widths[3])])
    table = Table(rows, colWidths=_COLUMNS, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
            ]
        )
    )
    story.append(table)

    def marked(canvas: Canvas, document: Any) -> None:
        canvas.saveState()
        width, height = document.pagesize
        _draw(canvas, width / 2, height - 10 * mm, MARKING, 9, bold=True, align="centre")
        _draw(canvas, width / 2, 7 * mm, MARKING, 9, bold=True, align="centre")
        footer = f"{person.full_name} ({person.la_id}), page {document.page}"
        _draw(canvas, width - 15 * mm, 7 * mm, footer, 8, align="right")
        canvas.restoreState()

    doc.build(story, onFirstPage=marked, onLaterPages=marked)
    _audit_export(user, chronology, "pdf")
    return buffer.getvalue()


def _text_cell(sheet: Any, value: str, *, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    # Free text is always text: a narrative starting "=" must never become a formula.
    cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


XLSX_COLUMNS = ("Date", "Time", "Type", "Agency", "Entry", "Detail", "Flags", "Source record", "Link")


def chronology_xlsx(*, user: AnyUser, chronology: Chronology, base_url: str = "") -> bytes:
    """The chronology as a spreadsheet: a header row and one row per entry (dates as real
    dates), and a second sheet saying whose chronology it is and who produced it."""
    produced = timezone.now()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Chronology")
    sheet.freeze_panes = "A2"
    for width, letter in zip((12, 7, 24, 30, 40, 80, 24, 22, 40), "ABCDEFGHI", strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append([_text_cell(sheet, name, bold=True) for name in XLSX_COLUMNS])
    wrap = Alignment(wrap_text=True, vertical="top")
    for entry in chronology.entries:
        day = WriteOnlyCell(sheet, value=entry.day)
        day.number_format = "dd/mm/yyyy"
        time = entry.time
        at = WriteOnlyCell(sheet, value=time.replace(second=0, microsecond=0) if time else None)
        at.number_format = "hh:mm"
        detail = _text_cell(sheet, entry.detail)
        detail.alignment = wrap
        sheet.append(
            [
                day,
                at,
                _text_cell(sheet, KINDS.get(entry.kind, entry.kind)),
                _text_cell(sheet, entry.agency),
                _text_cell(sheet, entry.title),
                detail,
                _text_cell(sheet, "; ".join(entry.flags)),
                _text_cell(sheet, entry.source_type),
                _text_cell(sheet, f"{base_url}{entry.source_url}" if entry.source_url else ""),
            ]
        )
    about = book.create_sheet("About")
    about.column_dimensions["A"].width = 16
    about.column_dimensions["B"].width = 80
    about.append([_text_cell(about, MARKING, bold=True)])
    for label, value in _header_rows(user, chronology, produced):
        about.append([_text_cell(about, label, bold=True), _text_cell(about, value)])
    book.properties.title = f"Chronology: {chronology.person.full_name}"
    book.properties.subject = MARKING
    buffer = io.BytesIO()
    book.save(buffer)
    _audit_export(user, chronology, "xlsx")
    return buffer.getvalue()
