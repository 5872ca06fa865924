from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from safeguard.casework.codes import AssessmentFactor

register = template.Library()


@register.filter
def factor_labels(codes: list[str] | None) -> list[str]:
    """CIN census assessment factor codes as their labels, code first."""
    labels = dict(AssessmentFactor.choices)
    return [f"{code} {labels.get(code, '')}".strip() for code in codes or []]


@register.filter
def change_text(value: Any) -> str:
    """A value from the audit trail, as the conflict message shows it."""
    if value is None or value == "" or value == []:
        return "blank"
    if isinstance(value, list):
        return ", ".join(factor_labels(value))
    if isinstance(value, str) and len(value) == 10:
        try:
            return f"{dt.date.fromisoformat(value):%-d %B %Y}"
        except ValueError:
            pass
    return str(value)
