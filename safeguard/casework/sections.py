"""The "Help and protection" section of a child's record."""

from __future__ import annotations

from typing import Any

from safeguard.people.sections import Section, register
from safeguard.people.selectors import ChildRecord

from . import selectors


@register
def help_and_protection_section(user: Any, record: ChildRecord) -> Section | None:
    summary = selectors.help_and_protection(user=user, record=record)
    if summary.partner_view and summary.is_empty:
        return None
    return Section(
        key="casework",
        title="Help and protection",
        template="casework/_child_section.html",
        context={"h": summary},
    )
