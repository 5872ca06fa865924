"""The self-evaluation pack for inspectors: one PDF with the council's judgement of each
ILACS area beside Ofsted's latest, the indicators each rests on (the last 12 months, against
England), what case audits found, and how many children each Annex A list holds."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from safeguard.access import policy
from safeguard.access.enforce import require
from safeguard.audit import services as audit
from safeguard.audit.models import EventType

from . import selectors

if TYPE_CHECKING:
    from safeguard.accounts.models import User


def _indicator_lines(trends: list[selectors.Trend]) -> list[list[str]]:
    """[title, last 12 months, England] for each linked indicator."""
    return [[t.title, t.year_value, t.national] for t in trends]


def _audit_lines(since: dt.date) -> list[list[str]]:
    """Case audits completed in the last 12 months, by grade."""
    if not apps.is_installed("safeguard.quality"):
        return []
    from django.db.models import Count

    from safeguard.quality.models import CaseAudit

    counts = (
        CaseAudit.objects.filter(grade__isnull=False, completed_at__date__gte=since)
        .values("grade")
        .annotate(n=Count("pk"))
        .order_by("grade")
    )
    labels = dict(CaseAudit._meta.get_field("grade").choices or [])  # type: ignore[union-attr]
    return [[str(labels.get(row["grade"], row["grade"])), str(row["n"])] for row in counts]


def _annex_a_lines(today: dt.date) -> list[list[str]]:
    """How many rows each Annex A list holds for the default six-month look-back."""
    if not apps.is_installed("safeguard.returns"):
        return []
    try:
        from safeguard.returns import annex_a
    except ImportError:
        return []
    counter = getattr(annex_a, "list_counts", None)
    if counter is None:
        return []
    start = today - dt.timedelta(days=183)
    return [[name, str(count)] for name, count in counter(start=start, end=today)]


def build(*, user: User, today: dt.date | None = None) -> bytes:
    """The pack as PDF bytes; audited as an export."""
    require(policy.can_view_inspection_history(user), actor=user, action="export_self_evaluation")
    today = today or timezone.localdate()
    areas = selectors.self_evaluation(user=user)
    styles = getSampleStyleSheet()
    body, heading, title = styles["BodyText"], styles["Heading2"], styles["Title"]
    story: list[Any] = [
        Paragraph(escape(f"{settings.AUTHORITY_NAME}: self-evaluation of social work practice"), title),
        Paragraph(escape(f"Produced {today:%-d %B %Y} by {user.display_name}. OFFICIAL-SENSITIVE."), body),
        Spacer(1, 4 * mm),
    ]
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f2f1")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )

    def table(header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
        cells = [[Paragraph(escape(c), body) for c in row] for row in [header, *rows]]
        t = Table(cells, colWidths=[w * mm for w in widths], repeatRows=1)
        t.setStyle(grid)
        return t

    for area in areas:
        story.append(Paragraph(escape(area.label), heading))
        story.append(
            Paragraph(
                escape(f"Our judgement: {area.grade_label}. Ofsted's latest: {area.latest_inspection_grade}."), body
            )
        )
        evaluation = area.evaluation
        if evaluation is not None:
            for label, text in (
                ("What is working well", evaluation.strengths),
                ("What must improve", evaluation.priorities),
            ):
                if text:
                    story.append(Paragraph(f"<b>{label}.</b> {escape(text)}", body))
            lines = _indicator_lines(area.trends)
            if lines:
                story.append(Spacer(1, 2 * mm))
                story.append(table(["Indicator", "Last 12 months", "England"], lines, [75, 45, 55]))
        story.append(Spacer(1, 4 * mm))
    audits = _audit_lines(today - dt.timedelta(days=365))
    if audits:
        story.append(Paragraph("Case audits in the last 12 months", heading))
        story.append(table(["Grade", "Cases"], audits, [120, 55]))
    annex = _annex_a_lines(today)
    if annex:
        story.append(Paragraph("Annex A lists (the last six months)", heading))
        story.append(table(["List", "Rows"], annex, [120, 55]))
    history = selectors.judgement_history(user=user)
    if history.rows:
        story.append(Paragraph("Inspection history", heading))
        rows = [[str(row.inspection), *(str(g) if g else "-" for g in row.grades)] for row in history.rows]
        story.append(Paragraph("Grades: 1 outstanding, 2 good, 3 requires improvement to be good, 4 inadequate.", body))
        story.append(
            table(
                ["Inspection", "Overall", "Leaders", "Help and protection", "In care", "Care leavers"],
                rows,
                [55, 24, 24, 26, 24, 24],
            )
        )
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title="Self-evaluation", leftMargin=15 * mm, rightMargin=15 * mm).build(
        story
    )
    with transaction.atomic():
        audit.record(
            actor=user,
            event_type=EventType.EXPORT,
            reason="Self-evaluation pack exported (PDF).",
            data={"extra": {"export": "self_evaluation", "format": "pdf"}},
        )
    return buffer.getvalue()
