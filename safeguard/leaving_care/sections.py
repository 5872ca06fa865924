"""The "Leaving care" section of a young person's record."""

from __future__ import annotations

from typing import Any

from safeguard.people.sections import Section, register
from safeguard.people.selectors import ChildRecord

from . import selectors


@register
def leaving_care_section(user: Any, record: ChildRecord) -> Section | None:
    summary = selectors.section_summary(user=user, record=record)
    if summary is None:
        return None
    return Section(
        key="leaving-care", title="Leaving care", template="leaving_care/_child_section.html", context={"lc": summary}
    )
