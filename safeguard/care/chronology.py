"""Chronology sources of children in care: episodes (care starting and ending, placement
and legal status changes), reviews, visits, health and education. Council practitioners
with the full view see all of them; health and education partners see the parts the
care policy gives them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from safeguard.casework import chronology
from safeguard.casework.chronology import ChronologyEntry, clip, identity_ids, url_maker

from . import policy
from .codes import EpisodeEndReason, LegalStatus, PlacementType, ReasonNewEpisode
from .models import EducationPlan, Episode, HealthCheck, Review, Visit

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser, Decision
    from safeguard.people.models import Person

ANCHOR = "section-care"
AGENCY = "Children's social care"

chronology.register_kind("care", "Children in care")
chronology.register_kind("care_review", "Looked-after reviews")
chronology.register_kind("care_visit", "Statutory visits (in care)")
chronology.register_kind("care_health", "Health and education (in care)")


@chronology.source
def care_episodes(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    if decision.partner_view:
        return
    link = url_maker(["care:record"], child, ANCHOR)
    url = link(child.uuid)
    for e in Episode.objects.filter(child_id__in=identity_ids(child)).order_by("start_date", "id"):
        place = PlacementType(e.placement_type).label if e.placement_type in PlacementType.values else e.placement_type
        legal = LegalStatus(e.legal_status).label if e.legal_status in LegalStatus.values else e.legal_status
        title = (
            "Started to be looked after"
            if e.reason_new_episode == ReasonNewEpisode.S
            else ReasonNewEpisode(e.reason_new_episode).label
        )
        yield ChronologyEntry(
            when=e.start_date,
            kind="care",
            title=title,
            detail=f"{e.legal_status}: {legal}. {e.placement_type}: {place}.",
            agency=AGENCY,
            source_url=url,
            source_type="Episode",
            source_id=str(e.uuid),
        )
        if e.end_date is not None and e.end_reason != EpisodeEndReason.X1:
            yield ChronologyEntry(
                when=e.end_date,
                kind="care",
                title="Stopped being looked after",
                detail=EpisodeEndReason(e.end_reason).label if e.end_reason in EpisodeEndReason.values else "",
                agency=AGENCY,
                source_url=url,
                source_type="Episode",
                source_id=f"{e.uuid}-end",
            )


@chronology.source
def care_reviews(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    if decision.partner_view:
        return
    url = url_maker(["care:record"], child, ANCHOR)(child.uuid)
    for r in Review.objects.filter(child_id__in=identity_ids(child)).order_by():
        late = (r.held_on - r.due_on).days
        yield ChronologyEntry(
            when=r.held_on,
            kind="care_review",
            title=f"Looked-after review {r.sequence} (IRO {r.chair.get_full_name()})",
            detail=clip(f"{r.get_participation_display()}. {r.decisions}"),
            agency=AGENCY,
            source_url=url,
            source_type="Review",
            source_id=str(r.uuid),
            flags=(f"Late by {late} day{'s' if late != 1 else ''}",) if late > 0 else (),
        )


@chronology.source
def care_visits(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    if decision.partner_view:
        return
    url = url_maker(["care:record"], child, ANCHOR)(child.uuid)
    for v in Visit.objects.filter(child_id__in=identity_ids(child)).order_by():
        seen = "seen alone" if v.child_seen_alone else ("seen, not alone" if v.child_seen else "not seen")
        late = (v.visited_on - v.due_on).days if v.due_on else 0
        yield ChronologyEntry(
            when=v.visited_on,
            kind="care_visit",
            title=f"Statutory visit: child {seen}",
            detail=clip(v.summary),
            agency=AGENCY,
            source_url=url,
            source_type="Visit",
            source_id=str(v.uuid),
            flags=(f"Late by {late} day{'s' if late != 1 else ''}",) if late > 0 else (),
        )


@chronology.source
def care_health_and_education(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    health = not decision.partner_view or bool(policy.can_view_care_health(user, child))
    education = not decision.partner_view or bool(policy.can_view_care_education(user, child))
    if health:
        url = url_maker(["care:health"], child, ANCHOR)(child.uuid)
        for c in HealthCheck.objects.filter(child_id__in=identity_ids(child)).order_by():
            yield ChronologyEntry(
                when=c.done_on,
                kind="care_health",
                title=c.get_kind_display(),
                detail=clip(f"By {c.by_whom}. {c.outcome}"),
                agency=c.by_whom,
                source_url=url,
                source_type="HealthCheck",
                source_id=str(c.uuid),
            )
    if education:
        url = url_maker(["care:education"], child, ANCHOR)(child.uuid)
        for p in EducationPlan.objects.filter(child_id__in=identity_ids(child)).order_by():
            yield ChronologyEntry(
                when=p.reviewed_on,
                kind="care_health",
                title=f"Personal education plan ({p.get_term_display().lower()})",
                detail=clip(f"{p.school}. {p.targets}"),
                agency=p.school,
                source_url=url,
                source_type="EducationPlan",
                source_id=str(p.uuid),
            )
