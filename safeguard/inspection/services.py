"""Every change to inspections: recording one and its judgements, the sample, inspectors'
access windows, and the self-evaluation. Each asks the policy and is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from safeguard.access import policy
from safeguard.access.enforce import require
from safeguard.accounts.models import Role
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.lib.errors import InvalidTransition, StaleEdit

from .codes import GRADED_KINDS, Area, InspectionKind, SampleReason
from .models import Inspection, InspectorAccess, Judgement, SampledChild, SelfEvaluation

if TYPE_CHECKING:
    from safeguard.accounts.models import User
    from safeguard.people.models import Person


def access_max_days() -> int:
    """The longest an inspector's access may stay open: a standard inspection's two weeks
    on site and the time to write up, by default."""
    return int(getattr(settings, "INSPECTOR_ACCESS_MAX_DAYS", 21))


def inspection_record(
    *,
    actor: User,
    kind: str,
    fieldwork_start: dt.date,
    fieldwork_end: dt.date,
    judgements: Mapping[str, int],
    published_on: dt.date | None = None,
    summary: str = "",
) -> Inspection:
    """Record an inspection or visit. A graded inspection's judgements come with its
    report (overall effectiveness always among them); one still under way has none yet.
    Visits end in a letter, without grades."""
    require(policy.can_manage_inspections(actor), actor=actor, action="record_inspection")
    errors: dict[str, str] = {}
    if kind not in InspectionKind.values:
        errors["kind"] = "Choose the kind of inspection or visit."
    if fieldwork_end < fieldwork_start:
        errors["fieldwork_end"] = "The last day of fieldwork must be on or after the first."
    if published_on is not None and published_on < fieldwork_start:
        errors["published_on"] = "The report cannot be published before the fieldwork started."
    graded = {area: grade for area, grade in judgements.items() if grade}
    if kind in GRADED_KINDS and graded and Area.OVERALL not in graded:
        errors["overall"] = "A graded inspection has an overall effectiveness judgement: choose it."
    if kind in GRADED_KINDS and published_on is not None and not graded:
        errors["overall"] = "The report is published: record its judgements, overall effectiveness first."
    if kind not in GRADED_KINDS and graded:
        errors["overall"] = (
            f"A {InspectionKind(kind).label.lower()} ends in a letter, not grades: leave the judgements empty."
            if kind in InspectionKind.values
            else "Choose the kind of inspection or visit."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        inspection = Inspection.objects.create(
            kind=kind,
            fieldwork_start=fieldwork_start,
            fieldwork_end=fieldwork_end,
            published_on=published_on,
            summary=summary.strip(),
            created_by=actor,
        )
        Judgement.objects.bulk_create(
            Judgement(inspection=inspection, area=area, grade=grade) for area, grade in graded.items()
        )
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_CREATED,
            subject=inspection,
            data={
                "new": {"kind": kind, "fieldwork_start": fieldwork_start, "judgements": graded},
                "extra": {"record": "inspection"},
            },
        )
    return inspection


def sample_add(
    *, actor: User, inspection: Inspection, child: Person, reason: str = SampleReason.SAMPLED
) -> SampledChild:
    """Add a child to the inspection's sample: from now, its inspectors may read the
    child's record while their access is open."""
    require(policy.can_manage_inspections(actor), actor=actor, action="sample_child", child=child)
    if child.kind != "child":
        raise ValidationError({"child": "Only children's records are sampled."})
    if child.merged_into_id is not None:
        raise ValidationError({"child": "That record was merged into another: sample the record it was merged into."})
    if reason not in SampleReason.values:
        raise ValidationError({"reason": "Choose whether the child is tracked or sampled."})
    try:
        with transaction.atomic():
            sampled = SampledChild.objects.create(inspection=inspection, child=child, reason=reason, added_by=actor)
            audit.record(
                actor=actor,
                event_type=EventType.INSPECTION_ACCESS,
                subject=inspection,
                child=child,
                reason=f"Added to the sample for the {inspection}.",
                data={"new": {"sampled": True, "reason": reason}},
            )
    except IntegrityError:
        raise ValidationError({"child": f"{child.full_name} is already in the sample."}) from None
    return sampled


def sample_remove(*, actor: User, sampled: SampledChild) -> None:
    require(policy.can_manage_inspections(actor), actor=actor, action="unsample_child", child=sampled.child)
    with transaction.atomic():
        audit.record(
            actor=actor,
            event_type=EventType.INSPECTION_ACCESS,
            subject=sampled.inspection,
            child=sampled.child,
            reason=f"Taken out of the sample for the {sampled.inspection}.",
            data={"new": {"sampled": False}},
        )
        sampled.delete()


def access_grant(
    *, actor: User, inspection: Inspection, inspector: User, starts_at: dt.datetime, ends_at: dt.datetime
) -> InspectorAccess:
    """Open an inspector's read-only window on the inspection's sample."""
    require(policy.can_manage_inspections(actor), actor=actor, action="grant_inspector_access")
    errors: dict[str, str] = {}
    if inspector.role != Role.INSPECTOR or not inspector.is_active:
        errors["inspector"] = (
            "Choose an active inspector's account (an administrator creates it with the Inspector role)."
        )
    if ends_at <= starts_at:
        errors["ends_at"] = "The access must end after it starts."
    elif ends_at - starts_at > dt.timedelta(days=access_max_days()):
        errors["ends_at"] = f"Access may stay open for at most {access_max_days()} days."
    if ends_at <= timezone.now():
        errors.setdefault("ends_at", "The access would already have ended: choose a later end.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        access = InspectorAccess.objects.create(
            inspection=inspection, inspector=inspector, starts_at=starts_at, ends_at=ends_at, granted_by=actor
        )
        audit.record(
            actor=actor,
            event_type=EventType.INSPECTION_ACCESS,
            subject=access,
            reason=f"{inspector.display_name} may read the sample for the {inspection}.",
            data={"new": {"inspector": inspector.username, "starts_at": starts_at, "ends_at": ends_at}},
        )
    return access


def access_end(*, actor: User, access: InspectorAccess) -> InspectorAccess:
    require(policy.can_manage_inspections(actor), actor=actor, action="end_inspector_access")
    with transaction.atomic():
        locked = InspectorAccess.objects.select_for_update().get(pk=access.pk)
        if locked.ended_at is not None:
            raise InvalidTransition("This access has already been ended.")
        locked.ended_at = timezone.now()
        locked.ended_by = actor
        locked.save(update_fields=["ended_at", "ended_by"])
        audit.record(
            actor=actor,
            event_type=EventType.INSPECTION_ACCESS,
            subject=locked,
            reason=f"{locked.inspector.display_name}'s access ended early.",
            data={"new": {"ended_at": locked.ended_at}},
        )
    return locked


def self_evaluation_save(
    *,
    actor: User,
    area: str,
    grade: int | None,
    strengths: str,
    priorities: str,
    indicators: Sequence[str],
    expected_version: int | None,
) -> SelfEvaluation:
    """Save the council's judgement of one area. ``expected_version`` is the version the
    user opened (None for an area not yet evaluated); a stale save is refused."""
    require(policy.can_manage_inspections(actor), actor=actor, action="self_evaluate")
    if area not in Area.values:
        raise ValidationError({"area": "Choose an ILACS judgement area."})
    if grade is not None and (strengths.strip() == "" or priorities.strip() == ""):
        raise ValidationError(
            {"strengths": "Say what the judgement rests on: the strengths and the priorities for improvement."}
        )
    with transaction.atomic():
        current = SelfEvaluation.objects.select_for_update().filter(area=area).first()
        if current is not None and expected_version != current.version:
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_CONFLICT,
                subject=current,
                data={"extra": {"record": "self_evaluation"}},
            )
            raise StaleEdit(
                {"version": (expected_version, current.version)},
                current.updated_by.display_name if current.updated_by else "",
            )
        if current is None and expected_version is not None:
            raise StaleEdit({"version": (expected_version, None)})
        evaluation = current or SelfEvaluation(area=area, version=0)
        old = {"grade": evaluation.grade, "strengths": evaluation.strengths, "priorities": evaluation.priorities}
        evaluation.grade = grade
        evaluation.strengths = strengths.strip()
        evaluation.priorities = priorities.strip()
        evaluation.indicators = list(indicators)
        evaluation.updated_by = actor
        evaluation.updated_at = timezone.now()
        evaluation.version += 1
        evaluation.save()
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_UPDATED,
            subject=evaluation,
            data={
                "old": old,
                "new": {"grade": grade, "strengths": evaluation.strengths, "priorities": evaluation.priorities},
                "extra": {"record": "self_evaluation", "area": area, "version": evaluation.version},
            },
        )
    return evaluation
