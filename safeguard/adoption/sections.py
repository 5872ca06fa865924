"""The "Adoption" section of a child's record."""

from __future__ import annotations

from typing import Any

from safeguard.people.sections import Section, register
from safeguard.people.selectors import ChildRecord

from . import selectors


@register
def adoption_section(user: Any, record: ChildRecord) -> Section | None:
    summary = selectors.section_summary(user=user, record=record)
    if summary is None:
        return None
    return Section(key="adoption", title="Adoption", template="adoption/_child_section.html", context={"a": summary})
