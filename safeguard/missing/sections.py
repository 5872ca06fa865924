"""The "Missing episodes" section of a child's record."""

from __future__ import annotations

from typing import Any

from safeguard.people.sections import Section, register
from safeguard.people.selectors import ChildRecord

from . import selectors


@register
def missing_section(user: Any, record: ChildRecord) -> Section | None:
    summary = selectors.summary_for_record(user=user, record=record)
    if record.partner_view and not summary.total:
        return None
    return Section(
        key="missing", title="Missing episodes", template="missing/_child_section.html", context={"m": summary}
    )
