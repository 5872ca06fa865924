"""Early help on the child's chronology: its start (and where from), the assessment, the
plan, each review and the closure with its outcome. Partners other than the lead
practitioner's agency see that early help started and ended, not the assessment or plan."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from safeguard.casework import chronology

from . import policy
from .codes import Origin, Outcome
from .models import EarlyHelpEpisode, EarlyHelpReview

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser, Decision
    from safeguard.people.models import Person

chronology.register_kind("early_help", "Early help")

ORIGINS = {
    Origin.FRONT_DOOR: "from the front door's decision",
    Origin.STEP_DOWN: "stepped down from children's social care",
    Origin.DIRECT: "on a direct request",
}


@chronology.source
def early_help(user: AnyUser, child: Person, decision: Decision) -> Iterator[chronology.ChronologyEntry]:
    link = chronology.url_maker(["early_help:episode"], child, "section-early-help")
    episodes = list(
        EarlyHelpEpisode.objects.filter(child_id__in=chronology.identity_ids(child))
        .select_related("lead_agency", "assessment_agency", "step_up_contact", "contact")
        .order_by()
    )
    reviews: dict[int, list[EarlyHelpReview]] = {}
    for review in EarlyHelpReview.objects.filter(episode__in=[e.pk for e in episodes]).order_by("held_on"):
        reviews.setdefault(review.episode_id, []).append(review)
    memo = chronology.PolicyMemo()
    for e in episodes:
        url, key, agency = link(e.uuid), str(e.uuid), e.lead_agency.name
        detail = memo.allows(e.lead_agency_id, partial(policy.can_view_episode, user, child, e))
        yield chronology.ChronologyEntry(
            when=e.started_on,
            kind="early_help",
            title=f"Early help started, {ORIGINS.get(Origin(e.origin), '')}".rstrip(", "),
            detail=chronology.sentence(
                f"Lead practitioner {e.lead_name} ({agency})",
                f"From contact {e.contact.reference}" if e.contact else "",
                chronology.clip(e.reason) if detail else "",
            ),
            agency=agency,
            source_url=url,
            source_type="EarlyHelpEpisode",
            source_id=key,
        )
        if not detail:
            if e.closed_on:
                yield chronology.ChronologyEntry(
                    when=e.closed_on,
                    kind="early_help",
                    title="Early help closed",
                    detail="",
                    agency=agency,
                    source_url=url,
                    source_type="EarlyHelpEpisode",
                    source_id=key,
                )
            continue
        if e.assessment_started_on:
            yield chronology.ChronologyEntry(
                when=e.assessment_started_on,
                kind="early_help",
                title="Early help assessment started",
                detail=chronology.sentence(f"By {e.organisation}"),
                agency=agency,
                source_url=url,
                source_type="EarlyHelpEpisode",
                source_id=key,
            )
        if e.assessment_completed_on:
            late = e.assessment_due is not None and e.assessment_completed_on > e.assessment_due
            yield chronology.ChronologyEntry(
                when=e.assessment_completed_on,
                kind="early_help",
                title="Early help assessment completed",
                detail=chronology.clip(e.needs),
                agency=agency,
                source_url=url,
                source_type="EarlyHelpEpisode",
                source_id=key,
                flags=("Later than 45 working days",) if late else (),
            )
        if e.plan_agreed_on:
            yield chronology.ChronologyEntry(
                when=e.plan_agreed_on,
                kind="early_help",
                title="Early help plan agreed with the family",
                detail=chronology.clip(e.plan),
                agency=agency,
                source_url=url,
                source_type="EarlyHelpEpisode",
                source_id=key,
            )
        for review in reviews.get(e.pk, []):
            yield chronology.ChronologyEntry(
                when=review.held_on,
                kind="early_help",
                title=review.get_kind_display(),
                detail=chronology.clip(review.progress),
                agency=agency,
                source_url=url,
                source_type="EarlyHelpReview",
                source_id=str(review.uuid),
            )
        if e.closed_on:
            step_up = e.step_up_contact
            yield chronology.ChronologyEntry(
                when=e.closed_on,
                kind="early_help",
                title=f"Early help closed: {Outcome(e.outcome).label}" if e.outcome else "Early help closed",
                detail=chronology.sentence(
                    chronology.clip(e.outcome_detail), f"New contact {step_up.reference} to the MASH" if step_up else ""
                ),
                agency=agency,
                source_url=url,
                source_type="EarlyHelpEpisode",
                source_id=key,
                flags=("Stepped up",) if step_up else (),
            )
