"""The chronology exported for a conference or a court: a PDF and a spreadsheet that
honour the page's filters and are audited as exports."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from safeguard.access import services as access_services
from safeguard.audit.models import AuditEvent, EventType
from safeguard.casework import chronology_export
from safeguard.casework.tests.test_chronology import at, build_history, note, police_contact
from safeguard.conftest import Cast, client_for
from safeguard.people import services as people_services


def download(user: Any, child: Any, fmt: str, query: str = "") -> Any:
    return client_for(user).get(reverse(f"casework:chronology_{fmt}", args=[child.uuid]) + query)


def rows(response: Any) -> list[tuple[Any, ...]]:
    book = load_workbook(io.BytesIO(response.content))
    return list(book["Chronology"].iter_rows(values_only=True))


def test_the_pdf_has_the_header_and_every_entry(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chronology_export, "PAGE_COMPRESSION", 0)
    build_history(cast)
    response = download(cast.sw, cast.child, "pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(f'attachment; filename="chronology-{cast.child.la_id}-')
    assert response["Cache-Control"] == "no-store"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    for text in (
        b"Tyler Brookes",
        b"17 May 2014",
        cast.child.la_id.encode(),
        b"OFFICIAL-SENSITIVE",
        b"Sam Walker, Social worker, Northbrook Children's Services",
        b"Core group meeting",
        b"Child protection plan started: Physical abuse",
    ):
        assert text in pdf, text


def test_the_spreadsheet_has_a_header_row_and_a_row_per_entry_with_real_dates(cast: Cast) -> None:
    build_history(cast)
    shown = client_for(cast.sw).get(reverse("casework:chronology", args=[cast.child.uuid])).context["chronology"]
    response = download(cast.sw, cast.child, "xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == chronology_export.XLSX_CONTENT_TYPE
    header, *body = rows(response)
    assert header == chronology_export.XLSX_COLUMNS
    assert len(body) == shown.total
    assert [(r[0].date(), r[4]) for r in body] == [(e.day, e.title) for e in shown.entries]
    assert all(isinstance(r[0], dt.datetime) for r in body)
    visit = next(r for r in body if r[2] == "Visits with the child seen")
    assert visit[0] == dt.datetime(2026, 10, 22) and visit[1] == dt.time(16, 0)
    assert visit[8].startswith("http://testserver/") and visit[8] != "http://testserver/"
    about = load_workbook(io.BytesIO(response.content))["About"]
    values = [tuple(r) for r in about.iter_rows(values_only=True)]
    assert values[0] == ("OFFICIAL-SENSITIVE", None)
    assert ("Child", "Tyler Brookes") in values and ("Local ID", cast.child.la_id) in values


def test_exports_honour_the_filters(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chronology_export, "PAGE_COMPRESSION", 0)
    build_history(cast)
    _, *body = rows(download(cast.sw, cast.child, "xlsx", "?type=visit&type=cp_plan&order=oldest"))
    assert [r[2] for r in body] == ["Child protection plans", "Visits with the child seen"]
    pdf = download(cast.sw, cast.child, "pdf", "?agency=Northbrook+Police").content
    assert b"Contact received from Northbrook Police" in pdf and b"Core group meeting" not in pdf


def test_free_text_never_becomes_a_formula(cast: Cast) -> None:
    note(cast, at(dt.date(2026, 11, 2)), '=HYPERLINK("http://example.com","click")', significant=True)
    _, entry = rows(download(cast.sw, cast.child, "xlsx"))
    assert entry[5] == '=HYPERLINK("http://example.com","click")'
    book = load_workbook(io.BytesIO(download(cast.sw, cast.child, "xlsx").content))
    assert book["Chronology"]["F2"].data_type == "s"


def test_the_partner_export_holds_only_the_partner_view(cast: Cast) -> None:
    build_history(cast)
    _, *body = rows(download(cast.police, cast.child, "xlsx"))
    assert sorted(r[2] for r in body) == ["Contacts and decisions", "Contacts and decisions", "Strategy discussions"]
    assert all("Second incident" not in (r[5] or "") for r in body)


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_each_export_writes_one_export_event(cast: Cast, fmt: str) -> None:
    police_contact(cast, at(dt.date(2026, 11, 2)))
    before = AuditEvent.objects.count()
    assert download(cast.sw, cast.child, fmt, "?type=contact").status_code == 200
    events = list(AuditEvent.objects.filter(sequence__gt=before))
    assert [e.event_type for e in events] == [EventType.EXPORT]
    extra = events[0].data["extra"]
    assert events[0].child_uuid == cast.child.uuid
    assert extra["format"] == fmt and extra["entries"] == 1 and extra["what"] == "chronology"
    assert extra["filters"] == "types: Contacts and decisions"


# --- Names in every script -------------------------------------------------------------------

# A synthetic child whose names are written in Polish, Arabic, Chinese, Bengali and Greek.
GIVEN = "Zofia Łucja"
FAMILY = "Wiśniewska-Żak"
ALIASES = ("مريم", "张伟", "রহিম", "Ελένη")


def _embedded_text(pdf: bytes) -> tuple[set[str], set[str]]:
    """The fonts embedded in an uncompressed PDF (without their subset prefix) and every
    character their ToUnicode maps give: reportlab embeds a subset holding only the glyphs
    the document sets, so these are the characters set in embedded fonts."""
    fonts = {m.decode() for m in re.findall(rb"/BaseFont /[A-Z]{6}\+([A-Za-z0-9-]+)", pdf)}
    chars: set[str] = set()
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", pdf, re.S):
        for code in re.findall(rb"<[0-9A-F]+> <([0-9A-F]{4,})>", block):
            value = int(code, 16)
            if value:
                chars.add(chr(value))
    return fonts, chars


def test_the_pdf_embeds_fonts_that_set_names_in_every_script(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chronology_export, "PAGE_COMPRESSION", 0)
    child = people_services.person_create(
        actor=cast.system, given_name=GIVEN, family_name=FAMILY, date_of_birth=dt.date(2015, 3, 2), sex="F"
    )
    access_services.allocation_set(actor=cast.system, child=child, worker=cast.sw)
    note(
        cast,
        at(dt.date(2026, 1, 6)),
        "Home visit with an interpreter. Also known as " + ", ".join(ALIASES) + ".",
        child=child,
        significant=True,
    )
    response = download(cast.sw, child, "pdf")
    assert response.status_code == 200
    fonts, chars = _embedded_text(response.content)
    assert {"NotoSans-Regular", "NotoSans-Bold", "NotoSansArabic-Regular", "NotoSansBengali-Regular"} <= fonts
    assert "DroidSansFallback" in fonts  # Chinese
    wanted = set("".join((GIVEN, FAMILY, *ALIASES))) - {" ", "-"}
    assert wanted - chars == set(), "characters set in no embedded font"
    # Nothing is set in reportlab's default standard font (/F1, Helvetica, which cannot encode
    # them): each page selects it once on opening and sets no text in it.
    assert re.search(rb"/F1 [\d.]+ Tf(?! [\d.]+ TL ET)", response.content) is None


def test_a_character_no_font_has_is_measured_and_set_without_failing() -> None:
    fonts = chronology_export.pdf_fonts.chain(False)
    name, width = fonts.choose("\U0010fffd")  # a private-use character no face has
    assert name == fonts.primary and width > 0
    assert [font for font, _ in fonts.runs("Ana مريم")] == ["SgNotoSans", "SgNotoArabic"]
