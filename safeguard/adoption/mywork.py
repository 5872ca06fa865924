"""Adoption on "My work": a child with an open decision that they should be placed for
adoption who has not been matched with adopters, due by the stored ``match_due`` (6 months
from the decision, ``rules.MATCH_EXPECTED_MONTHS``)."""

from __future__ import annotations

from collections.abc import Iterable

from safeguard.casework.mywork import CHILD_FIELDS, Children, WorkItem, work_source
from safeguard.casework.selectors import Today

from .models import AdoptionDecision


@work_source
def adoption_matches(children: Children, today: Today, overdue_only: bool) -> Iterable[WorkItem]:
    decisions = AdoptionDecision.objects.filter(child_id__in=children, match_due__isnull=False)
    if overdue_only:
        decisions = decisions.filter(match_due__lt=today.day)
    for d in decisions.select_related("child").only("child_id", "match_due", "decided_on", *CHILD_FIELDS):
        assert d.match_due is not None
        yield WorkItem(
            "Match with adopters",
            d.child,
            today.due(d.match_due),
            "adoption:record",
            (d.child.uuid,),
            f"should be placed for adoption since {d.decided_on:%-d %B %Y}",
        )
