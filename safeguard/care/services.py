"""Actions on a child in care's record. Each asks the policy first, checks the SSDA903
episode rules and computes its deadlines through ``rules``, and writes its audit event in
its own transaction. After every change the child's ``CareRecord`` (the stored next-due
dates) is recomputed from the event dates, so "due" and "overdue" are queries."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.access import services as access_services
from safeguard.access.enforce import require
from safeguard.access.models import InvolvementKind
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.casework.selectors import changes_since
from safeguard.lib.errors import InvalidTransition, StaleEdit

from . import policy, rules
from .codes import (
    SHORT_BREAK_STATUSES,
    TEMPORARY_PLACEMENTS,
    CarePlanKind,
    CategoryOfNeed,
    EpisodeEndReason,
    HealthCheckKind,
    LegalStatus,
    PlacementChangeReason,
    PreviousPermanence,
    ReasonNewEpisode,
    ReviewParticipation,
    SdqReason,
    VisitCadence,
)
from .models import (
    CarePlan,
    Carer,
    CareRecord,
    EducationPlan,
    Episode,
    HealthCheck,
    LibertyOrder,
    PermanenceBefore,
    Review,
    ReviewAction,
    SdqScore,
    ShortBreakAgreement,
    Visit,
    YearOutcomes,
)

if TYPE_CHECKING:
    from safeguard.accounts.models import User
    from safeguard.people.models import Person

log = logging.getLogger(__name__)

PLACEMENT_FIELDS = ("placement_type", "placement_provider", "placement_postcode", "urn", "carer")


@dataclass(frozen=True)
class Placement:
    """What a placement is: type, provider, postcode, setting reference and carer."""

    placement_type: str
    placement_provider: str = ""
    placement_postcode: str = ""
    urn: str = ""
    carer: Carer | None = None
    visit_cadence: str = VisitCadence.DEFAULT
    intended_to_18: bool = False


def _raise(problems: Sequence[rules.Problem]) -> None:
    if problems:
        errors: dict[str, list[str]] = {}
        for p in problems:
            errors.setdefault(p.field, []).append(p.message)
        raise ValidationError(errors)


def _episode_data(episode: Episode) -> dict[str, Any]:
    return {
        "start_date": episode.start_date,
        "end_date": episode.end_date,
        "rne": episode.reason_new_episode,
        "ls": episode.legal_status,
        "cin": episode.category_of_need,
        "place": episode.placement_type,
        "provider": episode.placement_provider,
        "rec": episode.end_reason,
        "reason_place_change": episode.placement_change_reason,
        "carer": episode.carer.name if episode.carer else "",
    }


def _open_episode(child: Person) -> Episode | None:
    open_episodes = Episode.objects.select_for_update().filter(child=child, end_date__isnull=True)
    return open_episodes.order_by("-start_date").first()


def _close_missing(actor: User, child: Person, on: dt.date, why: str) -> int:
    """An open missing period closes when the placement ends (SSDA903; domain.md §2.6).
    The missing app owns those records; if it is not installed there is nothing to close."""
    try:
        from safeguard.missing.services import close_open_episodes  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return 0
    at = timezone.make_aware(dt.datetime.combine(on, dt.time(0, 0)))
    return int(close_open_episodes(actor=actor, child=child, at=at, reason=why))


# --- Episodes ------------------------------------------------------------------------


def care_start(
    *,
    actor: User,
    child: Person,
    start_date: dt.date,
    legal_status: str,
    category_of_need: str,
    placement: Placement,
    home_postcode: str = "",
    iro: User | None = None,
) -> Episode:
    """The child starts to be looked after (RNE S): the first episode of a new period of
    care. Refused while an episode is open or when it would overlap an earlier one."""
    require(policy.can_record_care(actor, child), actor=actor, action="care_start", child=child)
    with transaction.atomic():
        if _open_episode(child) is not None:
            raise InvalidTransition("The child is already looked after: record a change instead.")
        last = Episode.objects.filter(child=child).order_by("-start_date").first()
        if last is not None and last.end_date is not None and start_date < last.end_date:
            raise ValidationError({"start_date": f"The child was looked after until {last.end_date:%d/%m/%Y}."})
        episode = _new_episode(
            actor,
            child,
            start_date=start_date,
            rne=ReasonNewEpisode.S,
            legal_status=legal_status,
            category_of_need=category_of_need,
            placement=placement,
            home_postcode=home_postcode,
            previous=None,
        )
        record, _ = CareRecord.objects.get_or_create(child=child, defaults={"period_start": start_date})
        record.in_care, record.period_start, record.period_end = True, start_date, None
        record.review_requested_by, record.review_request_reason = None, ""
        if iro is not None:
            if not policy.is_iro(iro):
                raise ValidationError({"iro": "Choose an independent reviewing officer."})
            record.iro = iro
            _iro_involved(actor, child, iro)
        record.save()
        refresh_duties(child)
        return episode


IRO_REASON = "Independent review of the care plan"


def _iro_involved(actor: User, child: Person, iro: User) -> None:
    """The reviewing service holds open work on a child whose IRO it provides, which is
    what lets the IRO open the child's record (access policy rule 1b)."""
    if iro.team is not None:
        access_services.involvement_start(
            actor=actor, child=child, kind=InvolvementKind.OPEN_WORK, team=iro.team, reason=IRO_REASON
        )


def _new_episode(
    actor: User,
    child: Person,
    *,
    start_date: dt.date,
    rne: str,
    legal_status: str,
    category_of_need: str,
    placement: Placement,
    home_postcode: str,
    previous: Episode | None,
) -> Episode:
    episode = Episode(
        child=child,
        start_date=start_date,
        reason_new_episode=rne,
        legal_status=legal_status,
        category_of_need=category_of_need,
        placement_type=placement.placement_type,
        placement_provider=placement.placement_provider,
        placement_postcode=placement.placement_postcode.strip().upper(),
        home_postcode=home_postcode.strip().upper(),
        urn=placement.urn.strip(),
        carer=placement.carer,
        visit_cadence=placement.visit_cadence,
        placement_intended_to_18=placement.intended_to_18,
        recorded_by=actor,
    )
    if legal_status not in LegalStatus.values:
        raise ValidationError({"legal_status": "Choose a legal status."})
    if category_of_need not in CategoryOfNeed.values:
        raise ValidationError({"category_of_need": "Choose a category of need."})
    _raise(rules.check_episode(episode, previous=previous, dob=child.date_of_birth, home_postcode=home_postcode))
    episode.full_clean()
    episode.save()
    audit.record(
        actor=actor,
        event_type=EventType.CARE_EPISODE_RECORDED,
        subject=episode,
        child=child,
        data={"new": _episode_data(episode)},
    )
    return episode


def episode_change(
    *,
    actor: User,
    child: Person,
    on: dt.date,
    kind: str,
    expected_version: int,
    legal_status: str | None = None,
    placement: Placement | None = None,
    placement_change_reason: str = "",
) -> Episode:
    """A change of legal status and/or placement (RNE L, P, T, U or B) in one action,
    ``expected_version`` being the child's ``CareRecord.version`` when the page opened:
    the open episode ends on ``on`` with REC X1 (and the reason the placement changed,
    when it did) and the next episode starts the same day, so a period of care has no
    gaps or overlaps. When the placement ends, any open missing period is closed."""
    require(policy.can_record_care(actor, child), actor=actor, action="care_episode_change", child=child)
    if kind not in ReasonNewEpisode.values or kind == ReasonNewEpisode.S:
        raise ValidationError({"kind": "Choose what changed."})
    with_legal, with_placement, _ = rules.TRANSITION_CHANGES[kind]
    if with_legal and not legal_status:
        raise ValidationError({"legal_status": "Choose the new legal status."})
    if with_placement and placement is None:
        raise ValidationError({"placement_type": "Enter the new placement."})
    if placement_change_reason and placement_change_reason not in PlacementChangeReason.values:
        raise ValidationError({"placement_change_reason": "Choose why the placement changed."})
    try:
        with transaction.atomic():
            current = _open_episode(child)
            if current is None:
                raise InvalidTransition("The child is not looked after: record the start of care instead.")
            _lock_record(child, expected_version)
            if on < current.start_date:
                raise ValidationError(
                    {"on": f"The change cannot be before the current episode started ({current.start_date:%d/%m/%Y})."}
                )
            if on == current.start_date:
                raise ValidationError(
                    {"on": "The current episode started that day: correct it instead of recording a change."}
                )
            temporary = current.placement_type in TEMPORARY_PLACEMENTS
            if with_placement and not temporary and not placement_change_reason:
                raise ValidationError({"placement_change_reason": "Choose why the placement changed."})
            if temporary:
                placement_change_reason = ""
            old = _episode_data(current)
            current.end_date = on
            current.end_reason = EpisodeEndReason.X1
            current.placement_change_reason = placement_change_reason if with_placement else ""
            _raise(
                [
                    p
                    for p in rules.check_episode(current, previous=None, dob=child.date_of_birth)
                    if p.field in {"end_date", "end_reason", "placement_change_reason"}
                ]
            )
            current.version += 1
            current.save(update_fields=["end_date", "end_reason", "placement_change_reason", "version"])
            audit.record(
                actor=actor,
                event_type=EventType.CARE_EPISODE_RECORDED,
                subject=current,
                child=child,
                reason=f"Episode ended: {ReasonNewEpisode(kind).label.lower()}",
                data={"old": old, "new": _episode_data(current)},
            )
            same = Placement(
                placement_type=current.placement_type,
                placement_provider=current.placement_provider,
                placement_postcode=current.placement_postcode,
                urn=current.urn,
                carer=current.carer,
                visit_cadence=current.visit_cadence,
                intended_to_18=current.placement_intended_to_18,
            )
            episode = _new_episode(
                actor,
                child,
                start_date=on,
                rne=kind,
                legal_status=legal_status if with_legal and legal_status else current.legal_status,
                category_of_need=current.category_of_need,
                placement=placement if with_placement and placement is not None else same,
                home_postcode=current.home_postcode,
                previous=current,
            )
            if with_placement:
                _close_missing(actor, child, on, "The placement ended.")
            refresh_duties(child)
            return episode
    except StaleEdit:
        with transaction.atomic():
            audit.record(actor=actor, event_type=EventType.RECORD_CONFLICT, subject=child, child=child)
        raise


def care_end(
    *,
    actor: User,
    child: Person,
    on: dt.date,
    end_reason: str,
    expected_version: int,
    placement_change_reason: str = "",
) -> Episode:
    """The child ceases to be looked after: the open episode ends with the reason (REC,
    never X1), the period of care closes and any open missing period is closed."""
    require(policy.can_record_care(actor, child), actor=actor, action="care_end", child=child)
    if end_reason not in EpisodeEndReason.values or end_reason == EpisodeEndReason.X1:
        raise ValidationError({"end_reason": "Choose why the child stopped being looked after."})
    try:
        with transaction.atomic():
            current = _open_episode(child)
            if current is None:
                raise InvalidTransition("The child is not looked after.")
            _lock_record(child, expected_version)
            if on < current.start_date:
                raise ValidationError({"on": "Care cannot end before the current episode started."})
            old = _episode_data(current)
            current.end_date, current.end_reason = on, end_reason
            current.placement_change_reason = placement_change_reason
            previous = _previous_in_period(current)
            problems = rules.check_episode(current, previous=previous, dob=child.date_of_birth)
            _raise([p for p in problems if p.field in {"end_date", "end_reason", "placement_change_reason"}])
            current.version += 1
            current.save(update_fields=["end_date", "end_reason", "placement_change_reason", "version"])
            audit.record(
                actor=actor,
                event_type=EventType.CARE_EPISODE_RECORDED,
                subject=current,
                child=child,
                reason="Stopped being looked after",
                data={"old": old, "new": _episode_data(current)},
            )
            CareRecord.objects.filter(child=child).update(in_care=False, period_end=on)
            _close_missing(actor, child, on, "The child stopped being looked after.")
            _end_liberty_orders(actor, child, on)
            refresh_duties(child)
            return current
    except StaleEdit:
        with transaction.atomic():
            audit.record(actor=actor, event_type=EventType.RECORD_CONFLICT, subject=child, child=child)
        raise


def _end_liberty_orders(actor: User, child: Person, on: dt.date) -> None:
    """A deprivation of liberty order made for a child in care ends with the period of
    care (SSDA903 rule 707: no open order once the child has left care)."""
    for order in LibertyOrder.objects.select_for_update().filter(child=child, end_date__isnull=True):
        order.end_date = max(on, order.start_date)
        order.version += 1
        order.save(update_fields=["end_date", "version"])
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_UPDATED,
            subject=order,
            child=child,
            reason="The child stopped being looked after.",
            data={"old": {"end_date": None}, "new": {"end_date": order.end_date}, "extra": {"record": "liberty_order"}},
        )


def _lock_record(child: Person, expected_version: int) -> CareRecord:
    """The care record's version guards the episode history: two people recording a
    change from the same state cannot both succeed."""
    record = CareRecord.objects.select_for_update().get(child=child)
    if record.version != expected_version:
        latest = Episode.objects.filter(child=child).order_by("-recorded_at").select_related("recorded_by").first()
        changed_by = str(latest.recorded_by) if latest is not None and latest.recorded_by else ""
        raise StaleEdit({"version": (expected_version, record.version)}, changed_by=changed_by)
    record.version += 1
    record.save(update_fields=["version"])
    return record


def _previous_in_period(episode: Episode) -> Episode | None:
    previous = (
        Episode.objects.filter(child_id=episode.child_id, start_date__lte=episode.start_date)
        .exclude(pk=episode.pk)
        .order_by("-start_date", "-id")
        .first()
    )
    if previous is not None and previous.end_reason == EpisodeEndReason.X1:
        return previous
    return None


CORRECTABLE = ("placement_postcode", "home_postcode", "urn", "placement_provider", "placement_type")


def episode_correct(*, actor: User, episode: Episode, expected_version: int, reason: str, **values: Any) -> Episode:
    """Correct a mistake in an episode's placement details (not a change: nothing
    changed for the child). The whole history is checked again."""
    child = episode.child
    require(policy.can_record_care(actor, child), actor=actor, action="care_episode_correct", child=child)
    unknown = set(values) - set(CORRECTABLE)
    if unknown:
        raise TypeError(f"episode_correct got {sorted(unknown)}")
    if not reason.strip():
        raise ValidationError({"reason": "Say what was wrong."})
    try:
        with transaction.atomic():
            locked = Episode.objects.select_for_update().get(pk=episode.pk)
            if locked.version != expected_version:
                raise StaleEdit({"version": (expected_version, locked.version)})
            old = {f: getattr(locked, f) for f in values if getattr(locked, f) != values[f]}
            for name, value in values.items():
                setattr(locked, name, value.strip().upper() if name.endswith("postcode") else value)
            previous = _previous_in_period(locked)
            _raise(
                rules.check_episode(
                    locked, previous=previous, dob=child.date_of_birth, home_postcode=locked.home_postcode
                )
            )
            locked.version += 1
            locked.save(update_fields=[*values, "version"])
            audit.record(
                actor=actor,
                event_type=EventType.CARE_EPISODE_CORRECTED,
                subject=locked,
                child=child,
                reason=reason.strip(),
                data={"old": old, "new": {f: values[f] for f in old}},
            )
            return locked
    except StaleEdit:
        with transaction.atomic():
            audit.record(actor=actor, event_type=EventType.RECORD_CONFLICT, subject=episode, child=child)
        raise


def short_break_agreement_record(
    *,
    actor: User,
    child: Person,
    start_date: dt.date,
    planned_days_per_year: int,
    longest_stay_days: int,
    carer: Carer | None = None,
    visit_interval_agreed: str = "",
) -> ShortBreakAgreement:
    """A V4 agreement for a series of pre-planned short breaks (CPPCR 2010 reg 48)."""
    require(policy.can_record_care(actor, child), actor=actor, action="care_short_break", child=child)
    _raise(rules.short_break_agreement_within_limits(planned_days_per_year, longest_stay_days))
    if carer is not None and not carer.active:
        raise ValidationError({"carer": f"{carer.name} is no longer used: choose a carer or setting in use."})
    with transaction.atomic():
        agreement = ShortBreakAgreement.objects.create(
            child=child,
            carer=carer,
            start_date=start_date,
            planned_days_per_year=planned_days_per_year,
            longest_stay_days=longest_stay_days,
            visit_interval_agreed=visit_interval_agreed.strip(),
            recorded_by=actor,
        )
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_CREATED,
            subject=agreement,
            child=child,
            data={
                "new": {
                    "start_date": start_date,
                    "planned_days_per_year": planned_days_per_year,
                    "longest_stay_days": longest_stay_days,
                    "carer": carer.name if carer is not None else "",
                },
                "extra": {"record": "short_break_agreement"},
            },
        )
        return agreement


def short_breaks_check(child: Person, on: dt.date) -> str | None:
    """The 75-days-in-12-months limit over the child's V3 episodes."""
    stays = [
        (e.start_date, e.end_date or on)
        for e in Episode.objects.filter(child=child, legal_status="V3").only("start_date", "end_date")
    ]
    return rules.short_breaks_within_75_days(stays, on)


# --- Carers and settings ---------------------------------------------------------------


def carer_create(
    *,
    actor: User,
    name: str,
    kind: str,
    provider: str = "",
    postcode: str = "",
    urn: str = "",
    approved_on: dt.date | None = None,
) -> Carer:
    """A carer or setting, a record of its own."""
    require(policy.can_add_carer(actor), actor=actor, action="carer_create")
    carer = Carer(
        name=name.strip(),
        kind=kind,
        provider=provider,
        postcode=postcode.strip().upper(),
        urn=urn.strip(),
        approved_on=approved_on,
    )
    problem = rules.postcode_valid(carer.postcode)
    if problem:
        raise ValidationError({"postcode": problem})
    carer.full_clean()
    with transaction.atomic():
        carer.save()
        audit.record(
            actor=actor, event_type=EventType.RECORD_CREATED, subject=carer, data={"new": {"name": carer.name}}
        )
    return carer


CARER_FIELDS = ("name", "kind", "provider", "postcode", "urn", "approved_on", "active")


def carer_update(
    *,
    actor: User,
    carer: Carer,
    expected_version: int,
    name: str,
    kind: str,
    provider: str = "",
    postcode: str = "",
    urn: str = "",
    approved_on: dt.date | None = None,
    active: bool = True,
) -> Carer:
    """Change a carer or setting, ``expected_version`` being its version when the page
    opened. A stale save is refused with what others changed since (from the audit
    trail) and the refusal audited. Marking it no longer used keeps its episodes and
    agreements: it is only left out of the choices for new placements."""
    require(policy.can_add_carer(actor), actor=actor, action="carer_update")
    values: dict[str, Any] = {
        "name": name.strip(),
        "kind": kind,
        "provider": provider,
        "postcode": postcode.strip().upper(),
        "urn": urn.strip(),
        "approved_on": approved_on,
        "active": active,
    }
    problem = rules.postcode_valid(values["postcode"])
    if problem:
        raise ValidationError({"postcode": problem})
    try:
        with transaction.atomic():
            locked = Carer.objects.select_for_update().get(pk=carer.pk)
            if locked.version != expected_version:
                raise changes_since(subject=locked, opened_version=expected_version)
            old = {f: getattr(locked, f) for f in CARER_FIELDS if getattr(locked, f) != values[f]}
            for name_, value in values.items():
                setattr(locked, name_, value)
            locked.full_clean()
            if not old:
                return locked
            locked.version += 1
            locked.save(update_fields=[*old, "version"])
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_UPDATED,
                subject=locked,
                data={
                    "old": old,
                    "new": {f: values[f] for f in old},
                    "extra": {"record": "carer", "version": locked.version},
                },
            )
            return locked
    except StaleEdit:
        with transaction.atomic():
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_CONFLICT,
                subject=carer,
                data={"extra": {"record": "carer", "expected_version": expected_version}},
            )
        raise


# --- Deadlines ------------------------------------------------------------------------


def refresh_duties(child: Person, *, today: dt.date | None = None) -> CareRecord | None:
    """Recompute every stored next-due date of a child in care from the event dates."""
    record = CareRecord.objects.filter(child=child).first()
    if record is None:
        return None
    episodes = list(Episode.objects.filter(child=child).order_by("start_date", "id"))
    if not record.in_care or not episodes or episodes[-1].end_date is not None:
        record.next_review_due = record.next_visit_due = record.next_health_assessment_due = None
        record.next_dental_due = record.next_pep_due = record.next_sdq_due = None
        record.next_care_plan_review_due = None
        record.save()
        return record
    start = rules.period_start(episodes) or record.period_start
    record.period_start = start
    current = episodes[-1]
    short_breaks = current.legal_status in SHORT_BREAK_STATUSES
    reviews = list(Review.objects.filter(child=child, held_on__gte=start).values_list("held_on", flat=True))
    record.next_review_due = rules.next_review_due(start, reviews, record.review_requested_by)
    record.next_care_plan_review_due = record.next_review_due
    placement_start = rules.current_placement_since(episodes) or current.start_date
    last_visit = (
        Visit.objects.filter(child=child, visited_on__gte=placement_start)
        .order_by("-visited_on")
        .values_list("visited_on", flat=True)
        .first()
    )
    first_review = min(reviews) if reviews else None
    record.next_visit_due = rules.next_visit_due(
        placement_start=placement_start,
        last_visit=last_visit,
        cadence=VisitCadence.SHORT_BREAKS if short_breaks else current.visit_cadence,
        intended_to_18=current.placement_intended_to_18,
        first_review_held=first_review,
    )
    checks = HealthCheck.objects.filter(child=child, done_on__gte=start)
    last_assessment = (
        checks.filter(kind__in=[HealthCheckKind.INITIAL, HealthCheckKind.REVIEW])
        .order_by("-done_on")
        .values_list("done_on", flat=True)
        .first()
    )
    dob = child.date_of_birth
    if last_assessment is None:
        record.next_health_assessment_due = rules.initial_health_assessment_due(start)
    elif dob is not None:
        record.next_health_assessment_due = rules.review_health_assessment_due(dob, last_assessment)
    last_dental = checks.filter(kind=HealthCheckKind.DENTAL).order_by("-done_on").values_list("done_on", flat=True)
    record.next_dental_due = rules.dental_check_due(last_dental.first(), start)
    last_pep = (
        EducationPlan.objects.filter(child=child, reviewed_on__gte=start)
        .order_by("-reviewed_on")
        .values_list("reviewed_on", flat=True)
        .first()
    )
    pep_due = rules.next_pep_due(last_pep) if last_pep else rules.initial_pep_due(start)
    record.next_pep_due = pep_due if dob is not None and rules.pep_in_age_range(dob, pep_due) else None
    last_sdq = SdqScore.objects.filter(child=child).order_by("-completed_on").values_list("completed_on", flat=True)
    record.next_sdq_due = (
        rules.sdq_due(dob=dob, became_looked_after=start, last_sdq=last_sdq.first()) if dob is not None else None
    )
    if short_breaks:
        # Short-break children (V3/V4) are not in the review, health or education duties
        # of a full care plan in the 903 (rule 399); visits are as agreed with the IRO.
        record.next_sdq_due = None
    record.save()
    return record


# --- Reviews ----------------------------------------------------------------------------


def iro_assign(*, actor: User, child: Person, iro: User) -> CareRecord:
    require(policy.can_record_care(actor, child), actor=actor, action="care_iro_assign", child=child)
    if not policy.is_iro(iro):
        raise ValidationError({"iro": "Choose an independent reviewing officer."})
    with transaction.atomic():
        record = CareRecord.objects.select_for_update().filter(child=child).first()
        if record is None:
            raise InvalidTransition("The child has never been looked after.")
        old = record.iro_id
        record.iro = iro
        _iro_involved(actor, child, iro)
        record.version += 1
        record.save(update_fields=["iro", "version"])
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_UPDATED,
            subject=child,
            child=child,
            data={"old": {"iro": old}, "new": {"iro": iro.pk}},
        )
        return record


def review_bring_forward(*, actor: User, child: Person, to: dt.date, reason: str) -> CareRecord:
    """The IRO asks for the next review to be brought forward (reg 33(3))."""
    require(policy.can_chair_review(actor, child), actor=actor, action="care_review_bring_forward", child=child)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the review is being brought forward."})
    with transaction.atomic():
        record = CareRecord.objects.select_for_update().filter(child=child, in_care=True).first()
        if record is None:
            raise InvalidTransition("The child is not looked after.")
        if record.next_review_due is not None and to >= record.next_review_due:
            raise ValidationError(
                {"to": f"The review is already due by {record.next_review_due:%d/%m/%Y}; choose an earlier date."}
            )
        record.review_requested_by, record.review_request_reason = to, reason.strip()
        record.version += 1
        record.save(update_fields=["review_requested_by", "review_request_reason", "version"])
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_UPDATED,
            subject=child,
            child=child,
            reason=reason.strip(),
            data={"new": {"review_brought_forward_to": to}},
        )
        refresh_duties(child)
        record.refresh_from_db()
        return record


@dataclass(frozen=True)
class ActionInput:
    description: str
    owner_name: str
    due_on: dt.date


def review_record(
    *,
    actor: User,
    child: Person,
    held_on: dt.date,
    participation: str,
    decisions: str,
    child_views: str = "",
    actions: Sequence[ActionInput] = (),
    today: dt.date | None = None,
) -> Review:
    """A looked-after review chaired by the acting IRO, with the child's participation
    code (PN0 only under 4) and the decisions and actions agreed."""
    require(policy.can_chair_review(actor, child), actor=actor, action="care_review", child=child)
    today = today or timezone.localdate()
    if participation not in ReviewParticipation.values:
        raise ValidationError({"participation": "Choose how the child took part."})
    if held_on > today:
        raise ValidationError({"held_on": "The review date cannot be in the future."})
    dob = child.date_of_birth
    if dob is not None:
        under_4 = rules.age_on(dob, held_on) < 4
        if participation == "PN0" and not under_4:
            raise ValidationError({"participation": "PN0 is only for a child under 4 on the day of the review."})
        if under_4 and participation != "PN0":
            raise ValidationError({"participation": "The child was under 4: choose PN0."})
    if not decisions.strip():
        raise ValidationError({"decisions": "Enter the review's decisions."})
    with transaction.atomic():
        record = CareRecord.objects.select_for_update().filter(child=child).first()
        if record is None or not record.in_care:
            raise InvalidTransition("The child is not looked after.")
        if held_on < record.period_start:
            raise ValidationError({"held_on": "The review cannot be before the child became looked after."})
        count = Review.objects.filter(child=child, held_on__gte=record.period_start).count()
        review = Review.objects.create(
            child=child,
            sequence=count + 1,
            due_on=record.next_review_due or held_on,
            held_on=held_on,
            chair=actor,
            participation=participation,
            brought_forward=record.review_requested_by is not None,
            child_views=child_views,
            decisions=decisions.strip(),
            recorded_by=actor,
        )
        for action in actions:
            ReviewAction.objects.create(
                review=review, description=action.description, owner_name=action.owner_name, due_on=action.due_on
            )
        record.review_requested_by, record.review_request_reason = None, ""
        record.save(update_fields=["review_requested_by", "review_request_reason"])
        audit.record(
            actor=actor,
            event_type=EventType.CARE_REVIEW_RECORDED,
            subject=review,
            child=child,
            data={"new": {"held_on": held_on, "participation": participation, "actions": len(actions)}},
        )
        refresh_duties(child)
        return review


# --- Visits and plans ---------------------------------------------------------------------


def visit_record(
    *,
    actor: User,
    child: Person,
    visited_on: dt.date,
    summary: str,
    child_seen: bool,
    child_seen_alone: bool,
    not_seen_alone_reason: str = "",
    child_requested: bool = False,
    today: dt.date | None = None,
) -> Visit:
    """A statutory visit (reg 28): whether the child was seen, and seen alone."""
    require(policy.can_record_care(actor, child), actor=actor, action="care_visit", child=child)
    today = today or timezone.localdate()
    if visited_on > today:
        raise ValidationError({"visited_on": "The visit date cannot be in the future."})
    if child_seen_alone and not child_seen:
        raise ValidationError({"child_seen_alone": "A child not seen cannot have been seen alone."})
    if child_seen and not child_seen_alone and not not_seen_alone_reason.strip():
        raise ValidationError({"not_seen_alone_reason": "Say why the child was not seen alone."})
    if not summary.strip():
        raise ValidationError({"summary": "Enter what happened on the visit."})
    with transaction.atomic():
        record = CareRecord.objects.select_for_update().filter(child=child).first()
        episode = Episode.objects.filter(child=child, start_date__lte=visited_on).order_by("-start_date").first()
        visit = Visit.objects.create(
            child=child,
            episode=episode,
            visited_on=visited_on,
            due_on=record.next_visit_due if record else None,
            visitor=actor,
            child_seen=child_seen,
            child_seen_alone=child_seen_alone,
            not_seen_alone_reason=not_seen_alone_reason.strip(),
            child_requested=child_requested,
            summary=summary.strip(),
        )
        audit.record(
            actor=actor,
            event_type=EventType.CARE_VISIT_RECORDED,
            subject=visit,
            child=child,
            data={"new": {"visited_on": visited_on, "child_seen": child_seen, "seen_alone": child_seen_alone}},
        )
        refresh_duties(child)
        return visit


def care_plan_record(
    *, actor: User, child: Person, kind: str, agreed_on: dt.date, summary: str, permanence_option: str = ""
) -> CarePlan:
    """A care plan, or the permanence plan within it (which names the permanence option)."""
    require(policy.can_record_care(actor, child), actor=actor, action="care_plan", child=child)
    if kind == CarePlanKind.PERMANENCE_PLAN and not permanence_option:
        raise ValidationError({"permanence_option": "Choose the plan for permanence."})
    if not summary.strip():
        raise ValidationError({"summary": "Enter the plan."})
    with transaction.atomic():
        plan = CarePlan(
            child=child,
            kind=kind,
            agreed_on=agreed_on,
            summary=summary.strip(),
            permanence_option=permanence_option,
            recorded_by=actor,
        )
        plan.full_clean()
        plan.save()
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_CREATED,
            subject=plan,
            child=child,
            data={"new": {"kind": kind, "agreed_on": agreed_on, "permanence_option": permanence_option}},
        )
        return plan


# --- Health and education (partners too) ------------------------------------------------


def health_check_record(
    *,
    actor: User,
    child: Person,
    kind: str,
    done_on: dt.date,
    by_whom: str,
    outcome: str = "",
    immunisations_up_to_date: bool | None = None,
    today: dt.date | None = None,
) -> HealthCheck:
    """A health assessment, dental check or immunisations check."""
    require(policy.can_record_care_health(actor, child), actor=actor, action="care_health", child=child)
    today = today or timezone.localdate()
    if kind not in HealthCheckKind.values:
        raise ValidationError({"kind": "Choose what kind of check it was."})
    if done_on > today:
        raise ValidationError({"done_on": "The date cannot be in the future."})
    if kind == HealthCheckKind.IMMUNISATIONS and immunisations_up_to_date is None:
        raise ValidationError({"immunisations_up_to_date": "Say whether the immunisations are up to date."})
    if not by_whom.strip():
        raise ValidationError({"by_whom": "Enter who carried it out."})
    with transaction.atomic():
        check = HealthCheck.objects.create(
            child=child,
            kind=kind,
            done_on=done_on,
            by_whom=by_whom.strip(),
            outcome=outcome.strip(),
            immunisations_up_to_date=immunisations_up_to_date,
            recorded_by=actor,
        )
        audit.record(
            actor=actor,
            event_type=EventType.CARE_HEALTH_RECORDED,
            subject=check,
            child=child,
            data={"new": {"kind": kind, "done_on": done_on}},
        )
        refresh_duties(child)
        return check


def sdq_record(
    *, actor: User, child: Person, completed_on: dt.date, score: int | None = None, reason: str = ""
) -> SdqScore:
    """An SDQ score 0–40 (OC2 rule 180), or the reason there is none (SDQ1–SDQ5)."""
    require(policy.can_record_care_health(actor, child), actor=actor, action="care_sdq", child=child)
    if (score is None) == (not reason):
        raise ValidationError({"score": "Enter the score, or choose why there is no score (not both)."})
    if score is not None and not 0 <= score <= 40:
        raise ValidationError({"score": "The SDQ score is a whole number from 0 to 40."})
    if reason and reason not in SdqReason.values:
        raise ValidationError({"reason": "Choose why there is no score."})
    with transaction.atomic():
        sdq = SdqScore.objects.create(
            child=child, completed_on=completed_on, score=score, reason=reason, recorded_by=actor
        )
        audit.record(
            actor=actor,
            event_type=EventType.CARE_HEALTH_RECORDED,
            subject=sdq,
            child=child,
            data={"new": {"sdq_completed_on": completed_on, "score": score, "reason": reason}},
        )
        refresh_duties(child)
        return sdq


def pep_record(
    *,
    actor: User,
    child: Person,
    reviewed_on: dt.date,
    school: str,
    targets: str,
    designated_teacher: str = "",
    attendance_percent: int | None = None,
    today: dt.date | None = None,
) -> EducationPlan:
    """A personal education plan meeting (each term)."""
    require(policy.can_record_care_education(actor, child), actor=actor, action="care_pep", child=child)
    today = today or timezone.localdate()
    if reviewed_on > today:
        raise ValidationError({"reviewed_on": "The date cannot be in the future."})
    if attendance_percent is not None and not 0 <= attendance_percent <= 100:
        raise ValidationError({"attendance_percent": "Attendance is a percentage from 0 to 100."})
    if not school.strip():
        raise ValidationError({"school": "Enter the school."})
    if not targets.strip():
        raise ValidationError({"targets": "Enter the plan's targets."})
    with transaction.atomic():
        pep = EducationPlan.objects.create(
            child=child,
            reviewed_on=reviewed_on,
            term=rules.term_of(reviewed_on),
            school=school.strip(),
            designated_teacher=designated_teacher.strip(),
            attendance_percent=attendance_percent,
            targets=targets.strip(),
            recorded_by=actor,
        )
        audit.record(
            actor=actor,
            event_type=EventType.CARE_HEALTH_RECORDED,
            subject=pep,
            child=child,
            data={"new": {"pep_reviewed_on": reviewed_on}},
        )
        refresh_duties(child)
        return pep


# --- UASC, previous permanence, yearly outcomes (OC2), deprivation of liberty orders ------


def _conflict(actor: User, child: Person, changes: dict[str, tuple[Any, Any]], changed_by: str) -> StaleEdit:
    """The refusal of a stale save (``_refusing_stale`` audits it once the transaction
    that found it has rolled back)."""
    return StaleEdit(changes, changed_by=changed_by)


F = TypeVar("F", bound=Callable[..., Any])


def _refusing_stale(service: F) -> F:
    """A refused stale save is audited (RECORD_CONFLICT) in its own transaction."""

    @functools.wraps(service)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return service(*args, **kwargs)
        except StaleEdit:
            with transaction.atomic():
                audit.record(
                    actor=kwargs["actor"],
                    event_type=EventType.RECORD_CONFLICT,
                    subject=kwargs["child"],
                    child=kwargs["child"],
                )
            raise

    return cast(F, wrapper)


@_refusing_stale
def uasc_record(
    *, actor: User, child: Person, uasc: bool, ceased_on: dt.date | None, expected_version: int
) -> CareRecord:
    """Record whether the child is an unaccompanied asylum-seeking child and the date that
    status ceased (SSDA903 UASC and DUC), ``expected_version`` being the care record's
    version when the page opened."""
    require(policy.can_record_care(actor, child), actor=actor, action="care_uasc", child=child)
    _raise(rules.uasc_problems(dob=child.date_of_birth, uasc=uasc, ceased_on=ceased_on, today=timezone.localdate()))
    with transaction.atomic():
        record = CareRecord.objects.select_for_update().filter(child=child).first()
        if record is None:
            raise InvalidTransition("The child has never been looked after.")
        if record.version != expected_version:
            now = {"uasc": record.uasc, "uasc_ceased_on": record.uasc_ceased_on}
            raise _conflict(actor, child, {k: (None, v) for k, v in now.items()}, "")
        old = {"uasc": record.uasc, "uasc_ceased_on": record.uasc_ceased_on}
        record.uasc, record.uasc_ceased_on = uasc, ceased_on if uasc else None
        record.version += 1
        record.save(update_fields=["uasc", "uasc_ceased_on", "version"])
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_UPDATED,
            subject=child,
            child=child,
            data={
                "old": old,
                "new": {"uasc": uasc, "uasc_ceased_on": record.uasc_ceased_on},
                "extra": {"record": "uasc"},
            },
        )
        return record


def _versioned(found: PermanenceBefore | YearOutcomes | None, expected_version: int) -> bool:
    """True when ``found`` (or its absence: version 0) is what the user opened."""
    return (found.version if found is not None else 0) == expected_version


@_refusing_stale
def permanence_before_record(
    *,
    actor: User,
    child: Person,
    option: str,
    la_code: str,
    order_date: dt.date | None,
    expected_version: int,
) -> PermanenceBefore:
    """Record the previous permanence option of the child's latest period of care
    (SSDA903 PrevPerm), ``expected_version`` being the record's version when the page
    opened (0 when there was none)."""
    require(policy.can_record_care(actor, child), actor=actor, action="care_permanence_before", child=child)
    if option not in PreviousPermanence.values:
        raise ValidationError({"option": "Choose the previous permanence option."})
    la_code = la_code.strip().upper()
    with transaction.atomic():
        record = CareRecord.objects.select_for_update().filter(child=child).first()
        if record is None:
            raise InvalidTransition("The child has never been looked after.")
        _raise(
            rules.permanence_before_problems(
                option=option, la_code=la_code, order_date=order_date, period_start=record.period_start
            )
        )
        found = (
            PermanenceBefore.objects.select_for_update().filter(child=child, period_start=record.period_start).first()
        )
        if not _versioned(found, expected_version):
            now = _permanence_data(found) if found else {}
            raise _conflict(
                actor, child, {k: (None, v) for k, v in now.items()}, str(found.recorded_by) if found else ""
            )
        old = _permanence_data(found) if found else {}
        if found is None:
            found = PermanenceBefore(child=child, period_start=record.period_start, recorded_by=actor, version=0)
        found.option, found.la_code, found.order_date = option, "" if option == "Z1" else la_code, order_date
        found.recorded_by, found.recorded_at = actor, timezone.now()
        found.version += 1
        found.save()
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_UPDATED if old else EventType.RECORD_CREATED,
            subject=found,
            child=child,
            data={"old": old, "new": _permanence_data(found), "extra": {"record": "previous_permanence"}},
        )
        return found


def _permanence_data(found: PermanenceBefore) -> dict[str, Any]:
    return {"option": found.option, "la_code": found.la_code, "order_date": found.order_date}


def _outcomes_data(found: YearOutcomes) -> dict[str, Any]:
    return {f: getattr(found, f) for f in OUTCOME_FIELDS}


OUTCOME_FIELDS = ("convicted", "substance_misuse", "intervention_received", "intervention_offered")


@_refusing_stale
def year_outcomes_record(
    *,
    actor: User,
    child: Person,
    year: int,
    convicted: bool | None,
    substance_misuse: bool | None,
    intervention_received: bool | None,
    intervention_offered: bool | None,
    expected_version: int,
) -> YearOutcomes:
    """Record the child's OC2 outcomes for the collection year ending 31 March ``year``
    (conviction, substance misuse and interventions), ``expected_version`` being the
    record's version when the page opened (0 when there was none)."""
    require(policy.can_record_care(actor, child), actor=actor, action="care_year_outcomes", child=child)
    dob = child.date_of_birth
    age = rules.age_on(dob, dt.date(year, 3, 31)) if dob else 18
    values = {
        "convicted": convicted,
        "substance_misuse": substance_misuse,
        "intervention_received": intervention_received,
        "intervention_offered": intervention_offered,
    }
    _raise(rules.outcomes_problems(age_at_year_end=age, **values))
    with transaction.atomic():
        if not CareRecord.objects.select_for_update().filter(child=child).exists():
            raise InvalidTransition("The child has never been looked after.")
        found = YearOutcomes.objects.select_for_update().filter(child=child, year=year).first()
        if not _versioned(found, expected_version):
            now = _outcomes_data(found) if found else {}
            raise _conflict(
                actor, child, {k: (None, v) for k, v in now.items()}, str(found.recorded_by) if found else ""
            )
        old = _outcomes_data(found) if found else {}
        if found is None:
            found = YearOutcomes(child=child, year=year, recorded_by=actor, version=0)
        for name, value in values.items():
            setattr(found, name, value)
        found.recorded_by, found.recorded_at = actor, timezone.now()
        found.version += 1
        found.save()
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_UPDATED if old else EventType.RECORD_CREATED,
            subject=found,
            child=child,
            data={"old": old, "new": values, "extra": {"record": "year_outcomes", "year": year}},
        )
        return found


def _placement_on(child: Person, day: dt.date) -> str | None:
    """The placement type of the child's episode on ``day``, None if not looked after."""
    episode = (
        Episode.objects.filter(child=child, start_date__lte=day)
        .exclude(end_date__lt=day)
        .order_by("-start_date", "-id")
        .first()
    )
    return episode.placement_type if episode is not None else None


@_refusing_stale
def liberty_order_record(
    *,
    actor: User,
    child: Person,
    start_date: dt.date,
    end_date: dt.date | None,
    expected_version: int,
    order: LibertyOrder | None = None,
) -> LibertyOrder:
    """Record a deprivation of liberty order, or change one (usually to record when it
    ended): the child's orders never overlap, and the child is looked after in a
    placement that allows one (SSDA903 DoLo, rules 702–710)."""
    require(policy.can_record_care(actor, child), actor=actor, action="care_liberty_order", child=child)
    if order is not None and order.child_id != child.pk:
        raise InvalidTransition("That order belongs to another child.")
    with transaction.atomic():
        if not CareRecord.objects.select_for_update().filter(child=child).exists():
            raise InvalidTransition("The child has never been looked after.")
        locked = LibertyOrder.objects.select_for_update().filter(pk=order.pk).first() if order is not None else None
        if order is not None and (locked is None or locked.version != expected_version):
            now = {"start_date": locked.start_date, "end_date": locked.end_date} if locked else {}
            raise _conflict(
                actor, child, {k: (None, v) for k, v in now.items()}, str(locked.recorded_by) if locked else ""
            )
        existing = LibertyOrder.objects.filter(child=child)
        if locked is not None:
            existing = existing.exclude(pk=locked.pk)
        others = [(o.start_date, o.end_date) for o in existing]
        _raise(
            rules.liberty_order_problems(
                start=start_date,
                end=end_date,
                dob=child.date_of_birth,
                others=others,
                placement_type=_placement_on(child, start_date),
            )
        )
        old = {"start_date": locked.start_date, "end_date": locked.end_date} if locked else {}
        if locked is None:
            locked = LibertyOrder(child=child, recorded_by=actor, version=0)
        locked.start_date, locked.end_date = start_date, end_date
        locked.recorded_by, locked.recorded_at = actor, timezone.now()
        locked.version += 1
        locked.save()
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_UPDATED if old else EventType.RECORD_CREATED,
            subject=locked,
            child=child,
            data={
                "old": old,
                "new": {"start_date": start_date, "end_date": end_date},
                "extra": {"record": "liberty_order"},
            },
        )
        return locked
