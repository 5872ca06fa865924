"""Chronology sources of adoption: the decision that the child should be placed for
adoption, the placement order, the match, the placement, the adoption order, and the
decision reversed. Seen by those who see the child's care record (``policy`` rule 1)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from safeguard.casework import chronology
from safeguard.casework.chronology import ChronologyEntry, identity_ids, url_maker

from . import policy
from .models import AdoptionDecision

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser, Decision
    from safeguard.people.models import Person

ANCHOR = "section-adoption"
AGENCY = "Children's social care (adoption)"

chronology.register_kind("adoption", "Adoption")


@chronology.source
def adoption_decisions(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    if decision.partner_view or not policy.can_view_adoption(user, child):
        return
    url = url_maker(["adoption:record"], child, ANCHOR)(child.uuid)
    found = AdoptionDecision.objects.filter(child_id__in=identity_ids(child)).select_related("household").order_by()
    for d in found:
        adopters = f" Adopters {d.household.reference}." if d.household else ""
        steps = (
            (d.decided_on, "decided", "Decision: should be placed for adoption", "Agency decision maker's decision."),
            (d.placement_order_on, "order", "Placement order made", ""),
            (d.ffa_placed_on, "ffa", "Placed in a fostering for adoption placement", ""),
            (d.matched_on, "matched", "Matched with adopters", adopters.strip()),
            (
                d.placed_on,
                "placed",
                "Placed for adoption",
                ("With the child's foster carers." if d.placed_with_foster_carer else "") + adopters,
            ),
            (d.adoption_order_on, "adopted", "Adoption order made", adopters.strip()),
            (
                d.no_longer_on,
                "reversed",
                "Decision: should no longer be placed for adoption",
                d.get_no_longer_reason_display() if d.no_longer_reason else "",
            ),
        )
        for when, key, title, detail in steps:
            if when is None:
                continue
            yield ChronologyEntry(
                when=when,
                kind="adoption",
                title=title,
                detail=detail.strip(),
                agency=AGENCY,
                source_url=url,
                source_type="AdoptionDecision",
                source_id=f"{d.uuid}-{key}",
            )
