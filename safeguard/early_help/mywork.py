"""Early help on "My work": an assessment due (45 working days from its start,
``rules.assessment_due``) and the plan's next review (``next_review_due``), for each open
episode of the given children. Both dates are stored on the episode, so this is one query."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from safeguard.casework.mywork import CHILD_FIELDS, Children, WorkItem, work_source
from safeguard.casework.selectors import Today

from .models import EarlyHelpEpisode


@work_source
def early_help_work(children: Children, today: Today, overdue_only: bool) -> Iterable[WorkItem]:
    assessing = Q(assessment_due__isnull=False, assessment_completed_on__isnull=True)
    reviewing = Q(next_review_due__isnull=False)
    if overdue_only:
        assessing &= Q(assessment_due__lt=today.day)
        reviewing &= Q(next_review_due__lt=today.day)
    episodes = (
        EarlyHelpEpisode.objects.filter(child_id__in=children, closed_on__isnull=True)
        .filter(assessing | reviewing)
        .select_related("child")
        .only("uuid", "assessment_due", "assessment_completed_on", "next_review_due", "lead_name", *CHILD_FIELDS)
    )
    for e in episodes:
        args = (e.child.uuid, e.uuid)
        if e.assessment_due and e.assessment_completed_on is None:
            due = today.due(e.assessment_due)
            if due.overdue or not overdue_only:
                yield WorkItem(
                    "Early help assessment", e.child, due, "early_help:assessment", args, "within 45 working days"
                )
        if e.next_review_due:
            due = today.due(e.next_review_due)
            if due.overdue or not overdue_only:
                yield WorkItem(
                    "Early help plan review", e.child, due, "early_help:review", args, f"led by {e.lead_name}"
                )
