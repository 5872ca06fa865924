"""Writes: the monthly snapshots of each indicator's figures."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from safeguard.audit import services as audit
from safeguard.audit.models import EventType

from . import definitions
from .models import IndicatorSnapshot

if TYPE_CHECKING:
    from safeguard.accounts.models import User

    from .definitions import Indicator, Period


def snapshot_refresh(
    *,
    actor: User,
    periods: Sequence[Period],
    indicators: Iterable[Indicator] | None = None,
    progress: Callable[[int], None] | None = None,
    audited: bool = True,
) -> int:
    """Recompute and store each indicator's numerator and denominator for each period.
    Returns how many snapshots were written. Aggregates only: no child is stored.

    ``audited=False`` is for the dashboard's own refresh of a stale current month, which
    is recorded by the dashboard's ``indicators.viewed`` event instead."""
    chosen = list(indicators) if indicators is not None else definitions.available()
    now = timezone.now()
    written = 0
    with transaction.atomic():
        for indicator in chosen:
            for period in periods:
                result = indicator.compute(period)
                IndicatorSnapshot.objects.update_or_create(
                    code=indicator.code,
                    month=period.start,
                    defaults={"numerator": result.numerator, "denominator": result.denominator, "computed_at": now},
                )
                written += 1
            if progress is not None:
                progress(1)
        if audited:
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_UPDATED,
                data={
                    "extra": {
                        "what": "indicator snapshots",
                        "indicators": [i.code for i in chosen],
                        "months": [p.key for p in periods],
                        "snapshots": written,
                    }
                },
            )
    return written
