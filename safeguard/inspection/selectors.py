"""Reading inspections: the open access of an inspector, the sample, the history of
judgements by area, and the self-evaluation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import QuerySet
from django.utils import timezone

from safeguard.access import policy
from safeguard.access.enforce import require

from .codes import Area, Grade
from .models import Inspection, InspectorAccess, SampledChild, SelfEvaluation

if TYPE_CHECKING:
    from safeguard.accounts.models import User
    from safeguard.people.models import Person


def _open_accesses(user: Any) -> QuerySet[InspectorAccess]:
    now = timezone.now()
    return InspectorAccess.objects.filter(
        inspector_id=user.pk, ended_at__isnull=True, starts_at__lte=now, ends_at__gt=now
    )


def open_access_for(user: Any, child: Person) -> InspectorAccess | None:
    """The inspector's open access under which ``child`` is sampled, if any (the policy
    asks this)."""
    ids = child.identity_ids() if hasattr(child, "identity_ids") else [child.pk]
    return (
        _open_accesses(user)
        .filter(inspection__sample__child_id__in=ids)
        .select_related("inspection")
        .order_by("ends_at")
        .first()
    )


def open_sample_ids(user: Any) -> QuerySet[SampledChild, int]:
    """The children an inspector may read now, as a subquery of person ids."""
    return (
        SampledChild.objects.order_by()
        .filter(inspection_id__in=_open_accesses(user).values("inspection_id"))
        .values_list("child_id", flat=True)
    )


@dataclass
class InspectorHome:
    accesses: list[InspectorAccess]
    sample: list[SampledChild]
    upcoming: list[InspectorAccess] = field(default_factory=list)


def inspector_home(*, user: User) -> InspectorHome:
    """What an inspector's landing page shows: their open access windows and the children
    they may read (nothing else)."""
    now = timezone.now()
    accesses = list(_open_accesses(user).select_related("inspection"))
    sample = list(
        SampledChild.objects.filter(inspection_id__in=[a.inspection_id for a in accesses])
        .select_related("child", "inspection")
        .order_by("child__family_name", "child__given_name")
    )
    upcoming = list(
        InspectorAccess.objects.filter(inspector_id=user.pk, ended_at__isnull=True, starts_at__gt=now).select_related(
            "inspection"
        )
    )
    return InspectorHome(accesses, sample, upcoming)


@dataclass
class HistoryRow:
    inspection: Inspection
    grades: list[int | None]  # in Area order


@dataclass
class History:
    areas: list[tuple[str, str]]
    rows: list[HistoryRow]


def judgement_history(*, user: User) -> History:
    """Every inspection and visit, newest first, with its grade for each area."""
    require(policy.can_view_inspection_history(user), actor=user, action="view_inspections")
    rows = []
    for inspection in Inspection.objects.prefetch_related("judgements"):
        by_area = {j.area: j.grade for j in inspection.judgements.all()}
        rows.append(HistoryRow(inspection, [by_area.get(area) for area in Area.values]))
    return History(list(Area.choices), rows)


def inspection_get(*, user: User, inspection_uuid: Any) -> Inspection:
    require(policy.can_manage_inspections(user), actor=user, action="view_inspection")
    return Inspection.objects.prefetch_related("judgements").get(uuid=inspection_uuid)


def sample_for(inspection: Inspection) -> list[SampledChild]:
    return list(
        inspection.sample.select_related("child", "added_by").order_by("child__family_name", "child__given_name")
    )


def accesses_for(inspection: Inspection) -> list[InspectorAccess]:
    return list(inspection.accesses.select_related("inspector", "granted_by", "ended_by"))


@dataclass
class Trend:
    """One indicator over the last months, from the indicators' monthly snapshots."""

    code: str
    title: str
    national: str
    months: list[tuple[str, str]]  # (month label, shown value)
    year_value: str  # the months together


def indicator_trends(codes: list[str], *, today: dt.date | None = None, months: int = 12) -> list[Trend]:
    """The linked indicators month by month (figures only, from the nightly snapshots)."""
    if not codes or not apps.is_installed("safeguard.indicators"):
        return []
    from safeguard.indicators import definitions
    from safeguard.indicators.models import IndicatorSnapshot

    periods = definitions.months_ending(today or timezone.localdate(), months)
    snapshots: dict[tuple[str, dt.date], IndicatorSnapshot] = {
        (s.code, s.month): s for s in IndicatorSnapshot.objects.filter(code__in=codes, month__gte=periods[0].start)
    }
    trends = []
    for code in codes:
        try:
            indicator = definitions.get(code)
        except KeyError:
            continue
        shown, top, bottom = [], 0, 0
        for period in periods:
            snap = snapshots.get((code, period.start))
            if snap is None:
                shown.append((period.label, "not computed"))
                continue
            top, bottom = top + snap.numerator, bottom + snap.denominator
            value = indicator.chart_value(snap.numerator, snap.denominator)
            shown.append((period.label, "no cases" if value is None else _shown(value, indicator.unit)))
        year = indicator.chart_value(top, bottom)
        trends.append(
            Trend(
                code,
                indicator.title,
                indicator.national.label if indicator.national else "No national figure",
                shown,
                "no cases" if year is None else _shown(year, indicator.unit),
            )
        )
    return trends


def _shown(value: float, unit: str) -> str:
    return f"{value:.1f}" if unit == "average" else f"{value:.0f}%"


@dataclass
class AreaEvaluation:
    area: str
    label: str
    evaluation: SelfEvaluation | None
    grade_label: str
    latest_inspection_grade: str
    trends: list[Trend] = field(default_factory=list)


def _grade_label(grade: int | None) -> str:
    return Grade(grade).label if grade else "Not yet judged"


def self_evaluation(*, user: User) -> list[AreaEvaluation]:
    """The self-evaluation, one entry per ILACS area, beside the latest inspection grade."""
    require(policy.can_view_inspection_history(user), actor=user, action="view_self_evaluation")
    saved = {e.area: e for e in SelfEvaluation.objects.select_related("updated_by")}
    latest: dict[str, str] = {}
    for inspection in Inspection.objects.prefetch_related("judgements"):
        for j in inspection.judgements.all():
            latest.setdefault(j.area, f"{j.get_grade_display()} ({inspection.fieldwork_start:%B %Y})")
    return [
        AreaEvaluation(
            area,
            label,
            saved.get(area),
            _grade_label(saved[area].grade if area in saved else None),
            latest.get(area, "Not yet inspected"),
            indicator_trends(list(saved[area].indicators)) if area in saved else [],
        )
        for area, label in Area.choices
    ]
