"""The "Contacts and referrals" section of a child's record."""

from __future__ import annotations

from typing import Any

from safeguard.people.sections import Section, register
from safeguard.people.selectors import ChildRecord

from . import selectors


@register
def contacts_section(user: Any, record: ChildRecord) -> Section | None:
    if record.partner_view:
        return None
    contacts = selectors.contacts_for_child(user=user, child=record.person)
    return Section(
        key="contacts",
        title="Contacts and referrals",
        template="frontdoor/_child_contacts.html",
        context={"contacts": contacts},
    )
