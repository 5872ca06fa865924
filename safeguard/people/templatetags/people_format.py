from __future__ import annotations

import datetime as dt

from django import template

register = template.Library()


@register.filter
def nhs_number(value: str) -> str:
    """943 476 5919: the spacing NHS guidance asks for."""
    if value and len(value) == 10:
        return f"{value[:3]} {value[3:6]} {value[6:]}"
    return value or ""


@register.filter
def age_text(person: object) -> str:
    dob = getattr(person, "date_of_birth", None)
    expected = getattr(person, "expected_date_of_birth", None)
    if dob is None:
        return f"Unborn, due {expected:%-d %B %Y}" if expected else "Age not known"
    age = person.age  # type: ignore[attr-defined]
    if age == 0:
        months = (dt.date.today().year - dob.year) * 12 + dt.date.today().month - dob.month
        return f"{max(months, 0)} months"
    return f"{age} years"


@register.filter
def disability_labels(codes: list[str]) -> str:
    from safeguard.people.codes import Disability

    labels = dict(Disability.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or [])
