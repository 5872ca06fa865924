"""Helpers for missing-episode tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from safeguard.conftest import Cast
from safeguard.missing import services
from safeguard.missing.models import MissingEpisode


def ago(**delta: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(**delta)


def episode(cast: Cast, started: dt.datetime, ended: dt.datetime | None = None, **values: object) -> MissingEpisode:
    return services.missing_start(
        actor=cast.sw,
        child=cast.child,
        started_at=started,
        ended_at=ended,
        where_found="At a friend's flat" if ended else "",
        reported_by="Mother",
        **values,  # type: ignore[arg-type]
    )


def form_when(prefix: str, when: dt.datetime) -> dict[str, str]:
    local = timezone.localtime(when)
    return {
        f"{prefix}_on_0": str(local.day),
        f"{prefix}_on_1": str(local.month),
        f"{prefix}_on_2": str(local.year),
        f"{prefix}_time": local.strftime("%H:%M"),
    }
