"""Reads: the dashboard (figures, from the monthly snapshots) and the drill-down (the
children behind a figure, computed live and shown as ``policy`` allows). Each asks the
policy and records the view."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import uuid as uuid_lib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from safeguard.access import policy as access_policy
from safeguard.access.enforce import require
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.people.models import Person

from . import definitions, services
from . import policy as indicators_policy
from .definitions import Indicator, Period
from .models import IndicatorSnapshot

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser
    from safeguard.accounts.models import User

MONTHS_SHOWN = 13
PSEUDONYM_SALT = "safeguard.indicators.pseudonym"


def snapshot_max_age() -> dt.timedelta:
    return dt.timedelta(minutes=int(getattr(settings, "INDICATOR_SNAPSHOT_MAX_AGE_MINUTES", 60)))


@lru_cache(maxsize=4)
def _pseudonym_key(secret: str) -> bytes:
    return hashlib.sha256(f"{PSEUDONYM_SALT}:{secret}".encode()).digest()


def pseudonym(child_uuid: Any) -> str:
    """A stable keyed hash of the child (HMAC-SHA256 of the UUID under a key derived from
    the server's secret): the same child gets the same pseudonym on every page and export,
    and it cannot be reversed, or recomputed, without the secret."""
    digest = hmac.new(_pseudonym_key(settings.SECRET_KEY), str(child_uuid).encode(), hashlib.sha256)
    return "C-" + digest.hexdigest()[:12].upper()


# --- The dashboard ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    period: Period
    numerator: int
    denominator: int
    value: float | None


@dataclass
class Series:
    indicator: Indicator
    points: list[Point]
    computed_at: dt.datetime | None

    @property
    def latest(self) -> Point:
        return self.points[-1]

    @property
    def last_complete(self) -> Point | None:
        """The last full month (the one before the current, unfinished month)."""
        return self.points[-2] if len(self.points) > 1 else None

    def chart(self) -> dict[str, Any]:
        national = self.indicator.national
        return {
            "code": self.indicator.code,
            "title": self.indicator.title,
            "unit": self.indicator.unit,
            "labels": [f"{p.period.start:%b %Y}" for p in self.points],
            "values": [p.value for p in self.points],
            "national": national.value if national else None,
            "nationalLabel": national.label if national else "",
        }


@dataclass
class Dashboard:
    periods: list[Period]
    series: list[Series] = field(default_factory=list)

    def charts(self) -> list[dict[str, Any]]:
        return [s.chart() for s in self.series]

    @property
    def last_label(self) -> str:
        return self.periods[-1].label

    @property
    def computed_at(self) -> dt.datetime | None:
        times = [s.computed_at for s in self.series if s.computed_at]
        return min(times) if times else None


def _system() -> User:
    from safeguard.accounts import services as account_services

    return account_services.system_user()


def dashboard_for(*, user: AnyUser, today: dt.date | None = None, months: int = MONTHS_SHOWN) -> Dashboard:
    """Every available indicator, month by month, from the snapshots; a month with no
    snapshot, or the current month's when older than ``snapshot_max_age``, is computed
    first."""
    require(indicators_policy.can_view_indicators(user), actor=user, action="view indicators")
    today = today or timezone.localdate()
    periods = definitions.months_ending(today, months)
    indicators = definitions.available()
    codes = [i.code for i in indicators]
    found = {
        (s.code, s.month): s
        for s in IndicatorSnapshot.objects.filter(
            code__in=codes, month__gte=periods[0].start, month__lte=periods[-1].start
        )
    }
    stale_before = timezone.now() - snapshot_max_age()
    current = Period.month(timezone.localdate())
    missing: dict[str, list[Period]] = {}
    for indicator in indicators:
        for period in periods:
            snap = found.get((indicator.code, period.start))
            if snap is None or (period == current and snap.computed_at < stale_before):
                missing.setdefault(indicator.code, []).append(period)
    if missing:
        for code, todo in missing.items():
            services.snapshot_refresh(actor=_system(), periods=todo, indicators=[definitions.get(code)], audited=False)
        found = {
            (s.code, s.month): s
            for s in IndicatorSnapshot.objects.filter(
                code__in=codes, month__gte=periods[0].start, month__lte=periods[-1].start
            )
        }
    board = Dashboard(periods=periods)
    for indicator in indicators:
        points = []
        times = []
        for period in periods:
            snap = found[(indicator.code, period.start)]
            times.append(snap.computed_at)
            points.append(
                Point(period, snap.numerator, snap.denominator, indicator.chart_value(snap.numerator, snap.denominator))
            )
        board.series.append(Series(indicator, points, min(times) if times else None))
    with transaction.atomic():
        audit.record(
            actor=user,  # type: ignore[arg-type]
            event_type=EventType.INDICATORS_VIEWED,
            data={
                "extra": {
                    "page": "dashboard",
                    "from": periods[0].key,
                    "to": periods[-1].key,
                    "recomputed": len(missing),
                }
            },
        )
    return board


# --- The children behind a figure --------------------------------------------------------------


@dataclass(frozen=True)
class DrillRow:
    met: bool
    on: dt.date
    detail: str
    group: str
    # Named mode: the child, for a link to their record. Pseudonymised mode: None, and
    # the child's UUID, from which the pseudonym is made when it is shown.
    child: Person | None = None
    child_uuid: uuid_lib.UUID | None = None

    @property
    def pseudonym(self) -> str:
        return pseudonym(self.child_uuid) if self.child_uuid is not None else ""


@dataclass
class Drilldown:
    indicator: Indicator
    period: Period
    which: str
    mode: str
    numerator: int
    denominator: int
    rows: list[DrillRow]
    # Records behind the figure the viewer may not see by name, and those about no
    # identified child (a contact never matched to a child).
    hidden: int = 0
    unmatched: int = 0

    @property
    def total(self) -> int:
        return len(self.rows) + self.hidden + self.unmatched


WHICH = {"all", "met", "not_met"}


def drilldown_for(*, user: AnyUser, code: str, month: str, which: str = "all") -> Drilldown:
    """The records behind one month's figure. Raises KeyError/ValueError for an unknown
    indicator, month or filter (the view answers 404)."""
    require(indicators_policy.can_view_indicators(user), actor=user, action="drill into an indicator")
    indicator = definitions.get(code)
    period = definitions.parse_month(month)
    if which not in WHICH:
        raise ValueError(which)
    result = indicator.compute(period)
    chosen = [r for r in result.rows if which == "all" or r.met == (which == "met")]
    mode = indicators_policy.drilldown_mode(user)
    child_ids = {r.child_id for r in chosen if r.child_id is not None}
    unmatched = sum(1 for r in chosen if r.child_id is None)
    rows: list[DrillRow] = []
    hidden = 0
    if mode == "pseudonymised":
        uuids = dict(Person.objects.filter(pk__in=child_ids).values_list("pk", "uuid"))
        for r in chosen:
            if r.child_id is not None:
                rows.append(DrillRow(r.met, r.on, r.detail, r.group, child_uuid=uuids[r.child_id]))
        shown_children: list[str] = []
    else:
        people = {
            p.pk: p for p in Person.objects.filter(pk__in=child_ids).filter(access_policy.visible_children_q(user))
        }
        for r in chosen:
            if r.child_id is None:
                continue
            person = people.get(r.child_id)
            if person is None:
                hidden += 1
            else:
                rows.append(DrillRow(r.met, r.on, r.detail, r.group, child=person))
        shown_children = sorted(str(p.uuid) for p in people.values())
    rows.sort(key=lambda row: (row.on, row.child.full_name if row.child else str(row.child_uuid)))
    with transaction.atomic():
        audit.record(
            actor=user,  # type: ignore[arg-type]
            event_type=EventType.INDICATORS_VIEWED,
            data={
                "extra": {
                    "page": "drilldown",
                    "indicator": code,
                    "month": period.key,
                    "which": which,
                    "mode": mode,
                    "rows_shown": len(rows),
                    "hidden": hidden,
                    "children": shown_children,
                }
            },
        )
    return Drilldown(
        indicator=indicator,
        period=period,
        which=which,
        mode=mode,
        numerator=result.numerator,
        denominator=result.denominator,
        rows=rows,
        hidden=hidden,
        unmatched=unmatched,
    )
