"""The returns' commands: exports written with progress and audited, and the overnight
check for cron."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast
from safeguard.returns.models import ReturnRun
from safeguard.returns.validation import validators_available

from .support import small_authority

pytestmark = pytest.mark.django_db


def test_export_cin_census_writes_the_file_and_audits_it(cast: Cast, tmp_path: Path) -> None:
    small_authority(cast)
    out = io.StringIO()
    call_command("export_cin_census", "--year", "2026", "--out", str(tmp_path / "cin.xml"), stdout=out, verbosity=0)
    text = (tmp_path / "cin.xml").read_text()
    assert "<Year>2026</Year>" in text and "<ReferenceDate>2026-03-31</ReferenceDate>" in text
    assert text.count("<Child>") == 4
    assert "Children in need census 2025/26: 4 children." in out.getvalue()
    run = ReturnRun.objects.get()
    event = AuditEvent.objects.get(event_type=EventType.RETURN_GENERATED, subject_id=str(run.uuid))
    assert event.actor == cast.system


def test_export_cin_census_refuses_a_year_it_cannot_write(cast: Cast, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="not supported"):
        call_command("export_cin_census", "--year", "2019", "--out", str(tmp_path / "x.xml"), verbosity=0)


def test_export_annex_a_writes_the_workbook(cast: Cast, tmp_path: Path) -> None:
    small_authority(cast)
    call_command(
        "export_annex_a",
        "--from",
        "2025-10-01",
        "--to",
        "2026-03-31",
        "--out",
        str(tmp_path / "a.xlsx"),
        "--validate",
        stdout=io.StringIO(),
        verbosity=0,
    )
    assert (tmp_path / "a.xlsx").read_bytes()[:2] == b"PK"
    assert ReturnRun.objects.get().error_count == 0


def test_export_annex_a_explains_a_bad_date(cast: Cast, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("export_annex_a", "--from", "1/10/2025", "--to", "2026-03-31", "--out", str(tmp_path / "a.xlsx"))


@pytest.mark.skipif(
    not validators_available(), reason="the DfE validators are not installed here: run `make validators`"
)
def test_validate_returns_checks_the_year_and_annex_a(cast: Cast) -> None:
    small_authority(cast)
    out = io.StringIO()
    call_command("validate_returns", "--year", "2026", "--annex-a", "--fail-on-errors", stdout=out, verbosity=0)
    assert "Checked with cin2025_26: 0 errors" in out.getvalue()
    assert ReturnRun.objects.filter(validated_at__isnull=False).count() == 2
