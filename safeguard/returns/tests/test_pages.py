"""The returns pages: who may produce and download a return, the progress page, and
each action's audit events."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast, client_for
from safeguard.returns.codes import ReturnKind, RunStatus
from safeguard.returns.models import ReturnRun

from .support import small_authority

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _inline(settings) -> None:  # type: ignore[no-untyped-def]
    settings.RETURNS_RUN_INLINE = True


def test_an_analyst_produces_annex_a_from_the_page_and_downloads_it(cast: Cast) -> None:
    small_authority(cast)
    client = client_for(cast.analyst)
    assert client.get(reverse("returns:annex_a_new")).status_code == 200
    response = client.post(
        reverse("returns:annex_a_new"),
        {
            "period_start_0": "1",
            "period_start_1": "10",
            "period_start_2": "2025",
            "period_end_0": "31",
            "period_end_1": "3",
            "period_end_2": "2026",
            "validate": "on",
        },
    )
    run = ReturnRun.objects.get(kind=ReturnKind.ANNEX_A)
    assert response.status_code == 302 and response["Location"] == reverse("returns:run", args=[run.uuid])
    assert run.status == RunStatus.DONE and run.error_count == 0
    assert run.period_start == dt.date(2025, 10, 1)
    page = client.get(reverse("returns:run", args=[run.uuid])).content.decode()
    assert "No errors or queries" in page
    download = client.get(reverse("returns:run_download", args=[run.uuid]))
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="annex_a_20251001_20260331.xlsx"'
    assert AuditEvent.objects.filter(event_type=EventType.RETURN_GENERATED, actor=cast.analyst).count() == 1
    assert AuditEvent.objects.filter(event_type=EventType.EXPORT, actor=cast.analyst, subject_id=str(run.uuid)).exists()


def test_the_form_names_the_field_in_error(cast: Cast) -> None:
    response = client_for(cast.hos).post(
        reverse("returns:annex_a_new"),
        {"period_start_0": "1", "period_start_1": "10", "period_start_2": "2026", "period_end_0": "", "validate": "on"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter the end of the look-back period." in page
    assert not ReturnRun.objects.exists()


def test_a_social_worker_may_not_produce_or_download(cast: Cast) -> None:
    client = client_for(cast.sw)
    assert client.get(reverse("returns:cin_new")).status_code == 403
    assert client.post(reverse("returns:cin_new"), {"year": "2026"}).status_code == 403
    assert not ReturnRun.objects.exists()
    assert AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED, actor=cast.sw).exists()


def test_the_progress_page_and_status_while_a_return_is_waiting(cast: Cast, settings) -> None:  # type: ignore[no-untyped-def]
    from safeguard.returns import services

    run = services.return_run_request(actor=cast.analyst, kind=ReturnKind.CIN, year=2026)
    client = client_for(cast.analyst)
    page = client.get(reverse("returns:run", args=[run.uuid])).content.decode()
    assert "data-return-progress" in page and "returns/progress.js" in page
    status = client.get(reverse("returns:run_status", args=[run.uuid])).json()
    assert status == {
        "status": "queued",
        "stage": "Waiting to start",
        "done": 0,
        "total": 0,
        "percent": 0,
        "finished": False,
    }
    assert client.get(reverse("returns:run_download", args=[run.uuid])).status_code == 302


def test_the_cin_census_is_produced_from_the_page(cast: Cast) -> None:
    small_authority(cast)
    client = client_for(cast.hos)
    response = client.post(reverse("returns:cin_new"), {"year": "2026"})
    run = ReturnRun.objects.get(kind=ReturnKind.CIN)
    assert response.status_code == 302
    assert run.status == RunStatus.DONE and run.children == 4 and run.validated_at is None
    assert bytes(run.content).startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<Message>')


def test_the_ssda903_return_is_produced_from_the_page_as_a_zip_of_tables(cast: Cast) -> None:
    import io
    import zipfile

    client = client_for(cast.analyst)
    assert client.get(reverse("returns:ssda903_new")).status_code == 200
    response = client.post(reverse("returns:ssda903_new"), {"year": "2026"})
    run = ReturnRun.objects.get(kind=ReturnKind.SSDA903)
    assert response.status_code == 302 and run.status == RunStatus.DONE
    names = zipfile.ZipFile(io.BytesIO(bytes(run.content))).namelist()
    assert names == [
        "header.csv",
        "episodes.csv",
        "reviews.csv",
        "uasc.csv",
        "oc2.csv",
        "oc3.csv",
        "ad1.csv",
        "placed_adoption.csv",
        "prev_perm.csv",
        "missing.csv",
        "sw_episodes.csv",
    ]
