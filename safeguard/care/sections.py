"""The "Children in care" section of a child's record."""

from __future__ import annotations

from typing import Any

from safeguard.people.sections import Section, register
from safeguard.people.selectors import ChildRecord

from . import selectors


@register
def children_in_care_section(user: Any, record: ChildRecord) -> Section | None:
    summary = selectors.care_summary(user=user, person=record.person)
    if summary.is_empty and not summary.can_record:
        return None
    if not (summary.full or summary.health or summary.education):
        return None
    return Section(
        key="care",
        title="Children in care",
        template="care/_child_section.html",
        context={"c": summary},
    )
