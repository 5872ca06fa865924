"""Missing episodes on the child's chronology: going missing, the return, and the return
interview. Partners see the episodes (missing episodes are visible across the
partnership), not what the child said."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.utils import timezone

from safeguard.casework import chronology

from .models import MissingEpisode

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser, Decision
    from safeguard.people.models import Person

chronology.register_kind("missing", "Missing episodes")


@chronology.source
def missing_episodes(user: AnyUser, child: Person, decision: Decision) -> Iterator[chronology.ChronologyEntry]:
    link = chronology.url_maker(["missing:episode"], child, "section-missing")
    now = timezone.now()
    rows = (
        MissingEpisode.objects.filter(child_id__in=chronology.identity_ids(child))
        .order_by()
        .values(
            "uuid",
            "absence_type",
            "from_care",
            "started_at",
            "ended_at",
            "where_found",
            "closed_reason",
            "reported_by",
            "reported_by_agency__name",
            "return_interview_due",
            "return_interview_held_at",
            "return_interview_declined",
            "return_interview_by",
            said_head=chronology._head("child_said"),
        )
    )
    for row in rows:
        url, key = link(row["uuid"]), str(row["uuid"])
        what = "Missing" if row["absence_type"] == "M" else "Away from placement without authorisation"
        agency = row["reported_by_agency__name"] or ""
        yield chronology.ChronologyEntry(
            when=row["started_at"],
            kind="missing",
            title=f"{what}{' from care' if row['from_care'] else ''}",
            detail=chronology.sentence(f"Reported by {row['reported_by']}" if row["reported_by"] else ""),
            agency=agency,
            source_url=url,
            source_type="MissingEpisode",
            source_id=key,
            flags=("Still missing",) if row["ended_at"] is None else (),
        )
        if row["ended_at"] is not None:
            due = row["return_interview_due"]
            overdue = (
                due is not None
                and row["return_interview_held_at"] is None
                and not row["return_interview_declined"]
                and now > due
            )
            yield chronology.ChronologyEntry(
                when=row["ended_at"],
                kind="missing",
                title="Returned" if not row["closed_reason"] else "Missing episode closed",
                detail=chronology.clip(row["where_found"] or row["closed_reason"]),
                agency=agency,
                source_url=url,
                source_type="MissingEpisode",
                source_id=key,
                flags=("Return interview overdue",) if overdue else (),
            )
        if row["return_interview_held_at"] is not None:
            held = row["return_interview_held_at"]
            late = due is not None and held > due
            yield chronology.ChronologyEntry(
                when=held,
                kind="missing",
                title="Return interview held",
                detail=chronology.sentence(
                    f"By {row['return_interview_by']}" if row["return_interview_by"] else "",
                    "" if decision.partner_view else chronology.clip(row["said_head"]),
                ),
                agency=agency,
                source_url=url,
                source_type="MissingEpisode",
                source_id=key,
                flags=("Later than 72 hours",) if late else (),
            )
