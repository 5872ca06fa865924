"""The nightly refresh, through call_command, as the system account."""

from __future__ import annotations

import io

from django.core.management import call_command

from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast
from safeguard.indicators import definitions
from safeguard.indicators.models import IndicatorSnapshot


def test_it_refreshes_every_indicator_for_the_months_asked(cast: Cast) -> None:
    out = io.StringIO()
    call_command("refresh_indicators", "--months", "3", "--quiet", stdout=out)
    count = len(definitions.available())
    assert IndicatorSnapshot.objects.count() == 3 * count
    assert f"Refreshed {3 * count} snapshots: {count} indicators" in out.getvalue()
    event = AuditEvent.objects.get(event_type=EventType.RECORD_UPDATED, actor=cast.system)
    assert event.data["extra"]["snapshots"] == 3 * count
    # Run again: the snapshots are replaced, not duplicated.
    call_command("refresh_indicators", "--months", "3", "--quiet", stdout=io.StringIO())
    assert IndicatorSnapshot.objects.count() == 3 * count
