"""The chronology exported for a conference or a court: a PDF and a spreadsheet that
honour the page's filters and are audited as exports."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from safeguard.audit.models import AuditEvent, EventType
from safeguard.casework import chronology_export
from safeguard.casework.tests.test_chronology import at, build_history, note, police_contact
from safeguard.conftest import Cast, client_for


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
