"""Return interviews on "My work": each child who has returned and whose interview is
neither held nor declined, due 72 hours after the return (``rules.return_interview_due``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from safeguard.casework.mywork import CHILD_FIELDS, Children, WorkItem, work_source
from safeguard.casework.selectors import Today

from .models import MissingEpisode


@work_source
def return_interviews(children: Children, today: Today, overdue_only: bool) -> Iterable[WorkItem]:
    episodes = MissingEpisode.objects.filter(
        child_id__in=children,
        return_interview_due__isnull=False,
        return_interview_held_at__isnull=True,
        return_interview_declined=False,
    )
    if overdue_only:
        start_of_today = timezone.make_aware(dt.datetime.combine(today.day, dt.time.min))
        episodes = episodes.filter(return_interview_due__lt=start_of_today)
    for e in episodes.select_related("child").only("uuid", "return_interview_due", *CHILD_FIELDS):
        due = timezone.localtime(e.return_interview_due)  # type: ignore[arg-type]
        yield WorkItem(
            "Return interview",
            e.child,
            today.due(due.date()),
            "missing:episode",
            (e.child.uuid, e.uuid),
            f"within 72 hours of the return: by {due:%H:%M}",
        )
