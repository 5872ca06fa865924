"""The "Early help" section of a child's record."""

from __future__ import annotations

from typing import Any

from safeguard.people.sections import Section, register
from safeguard.people.selectors import ChildRecord

from . import selectors


@register
def early_help_section(user: Any, record: ChildRecord) -> Section | None:
    summary = selectors.summary_for_record(user=user, record=record)
    if summary.open_episode is None and not summary.past and not summary.can_start:
        return None
    return Section(
        key="early-help", title="Early help", template="early_help/_child_section.html", context={"eh": summary}
    )
