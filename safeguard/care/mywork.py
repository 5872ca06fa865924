"""Children in care on "My work": the next review, statutory visit, health assessment,
dental check, PEP and SDQ of each child in care, from the dates stored on ``CareRecord``
(computed by ``rules`` through ``services.refresh_duties``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from safeguard.casework.mywork import CHILD_FIELDS, Children, WorkItem, work_source
from safeguard.casework.selectors import Today

from .models import CareRecord

DUTIES = (
    ("next_review_due", "Looked-after review", "care:record", "chaired by the IRO"),
    ("next_visit_due", "Statutory visit (child in care)", "care:visit_new", ""),
    ("next_health_assessment_due", "Health assessment (child in care)", "care:health", ""),
    ("next_dental_due", "Dental check (child in care)", "care:health", ""),
    ("next_pep_due", "Personal education plan", "care:education", "each term"),
    ("next_sdq_due", "SDQ", "care:health", ""),
)


@work_source
def care_duties(children: Children, today: Today, overdue_only: bool) -> Iterable[WorkItem]:
    records = CareRecord.objects.filter(child_id__in=children, in_care=True)
    if overdue_only:
        late = Q()
        for field_name, *_ in DUTIES:
            late |= Q(**{f"{field_name}__lt": today.day})
        records = records.filter(late)
    fields = [d[0] for d in DUTIES]
    for record in records.select_related("child").only("child_id", *fields, *CHILD_FIELDS):
        for field_name, what, url_name, detail in DUTIES:
            on = getattr(record, field_name)
            if on is None or (overdue_only and on >= today.day):
                continue
            yield WorkItem(what, record.child, today.due(on), url_name, (record.child.uuid,), detail)
