"""Leaving care on the young person's chronology: pathway plans and their reviews, the
personal adviser, staying put and keeping-in-touch contacts. Council records only: partners
see none of it (access/policy.py rule 2)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.db.models import F

from safeguard.casework import chronology
from safeguard.casework.chronology import ChronologyEntry, clip, council_name, identity_ids, url_maker

from .codes import Accommodation, Activity, InTouch, accom_code
from .models import KeepInTouch, LeavingCareCase, PathwayPlan, PathwayPlanReview

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser, Decision
    from safeguard.people.models import Person

ANCHOR = "section-leaving-care"
chronology.register_kind("leaving_care", "Leaving care")
_IN_TOUCH = dict(InTouch.choices)
_ACTIVITY = dict(Activity.choices)
_ACCOM = dict(Accommodation.choices)


@chronology.source
def pathway_plans(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    if decision.partner_view:
        return
    identity = identity_ids(child)
    link = url_maker(["leaving_care:plan"], child, ANCHOR)
    for row in (
        PathwayPlan.objects.filter(child_id__in=identity)
        .order_by()
        .values("uuid", "agreed_on", "summary", "next_review_due")
        .annotate(council=council_name())
    ):
        yield ChronologyEntry(
            when=row["agreed_on"],
            kind="leaving_care",
            title="Pathway plan agreed",
            detail=clip(row["summary"]),
            agency=row["council"] or "",
            source_url=link(row["uuid"]),
            source_type="Pathway plan",
            source_id=str(row["uuid"]),
        )
    for row in (
        PathwayPlanReview.objects.filter(plan__child_id__in=identity)
        .order_by()
        .values("uuid", "held_on", "notes", "recorded_by__agency__name")
        .annotate(plan_uuid=F("plan__uuid"))
    ):
        yield ChronologyEntry(
            when=row["held_on"],
            kind="leaving_care",
            title="Pathway plan reviewed",
            detail=clip(row["notes"]),
            agency=row["recorded_by__agency__name"] or "",
            source_url=link(row["plan_uuid"]),
            source_type="Pathway plan review",
            source_id=str(row["uuid"]),
        )


@chronology.source
def leaving_care_support(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    if decision.partner_view:
        return
    link = url_maker([], child, ANCHOR)
    for case in LeavingCareCase.objects.filter(child_id__in=identity_ids(child)).select_related(
        "personal_adviser", "adviser_team__agency"
    ):
        agency = case.adviser_team.agency.name if case.adviser_team else ""
        if case.adviser_from and case.personal_adviser:
            yield ChronologyEntry(
                when=case.adviser_from,
                kind="leaving_care",
                title="Personal adviser allocated",
                detail=f"{case.personal_adviser.display_name}, {case.adviser_team}.",
                agency=agency,
                source_url=link(case.uuid),
                source_type="Leaving care",
                source_id=f"{case.uuid}-adviser",
            )
        if case.staying_put_from:
            yield ChronologyEntry(
                when=case.staying_put_from,
                kind="leaving_care",
                title="Staying put began",
                detail=f"Staying with former foster carers: {case.staying_put_carer}.",
                agency=agency,
                source_url=link(case.uuid),
                source_type="Leaving care",
                source_id=f"{case.uuid}-staying-put",
            )
        if case.staying_put_until:
            yield ChronologyEntry(
                when=case.staying_put_until,
                kind="leaving_care",
                title="Staying put ended",
                detail="",
                agency=agency,
                source_url=link(case.uuid),
                source_type="Leaving care",
                source_id=f"{case.uuid}-staying-put-end",
            )


@chronology.source
def keeping_in_touch(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    if decision.partner_view:
        return
    link = url_maker([], child, ANCHOR)
    for row in (
        KeepInTouch.objects.filter(child_id__in=identity_ids(child))
        .order_by()
        .values(
            "uuid",
            "contacted_on",
            "in_touch",
            "activity",
            "accommodation",
            "suitability",
            "birthday_age",
            "recorded_by__agency__name",
        )
    ):
        birthday = f" ({row['birthday_age']}th birthday return)" if row["birthday_age"] else ""
        accom = accom_code(row["accommodation"], row["suitability"])
        yield ChronologyEntry(
            when=row["contacted_on"],
            kind="leaving_care",
            title=f"Keeping in touch: {_IN_TOUCH.get(row['in_touch'], row['in_touch']).lower()}{birthday}",
            detail=chronology.sentence(
                f"Activity {_ACTIVITY.get(row['activity'], row['activity'])}",
                f"Accommodation {_ACCOM.get(row['accommodation'], row['accommodation'])} ({accom})",
            ),
            agency=row["recorded_by__agency__name"] or "",
            source_url=link(row["uuid"]),
            source_type="Keeping in touch",
            source_id=str(row["uuid"]),
        )
