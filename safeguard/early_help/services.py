"""Actions on early help episodes. Each asks the policy first (``access.enforce.require``),
validates through ``rules`` in the user's words, and writes its audit event in the same
transaction. Starting an episode gives the early help team open work with the child (and
involves a partner lead's agency); closing ends both. Closing with a step-up raises a new
contact through the front door's own ``contact_submit``, so the MASH triages it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from safeguard.access import services as access_services
from safeguard.access.enforce import require
from safeguard.access.models import Involvement, InvolvementKind
from safeguard.accounts.models import Agency, Team, TeamKind
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.casework.codes import ClosureKind, ClosureStatus
from safeguard.frontdoor import services as frontdoor_services
from safeguard.frontdoor.codes import ContactStatus, ReferralSource
from safeguard.frontdoor.codes import Decision as ContactDecision
from safeguard.lib.errors import InvalidTransition, StaleEdit
from safeguard.people import services as people_services

from . import policy, rules
from .codes import Origin, Outcome, ReviewKind
from .models import EarlyHelpEpisode, EarlyHelpReview

if TYPE_CHECKING:
    from safeguard.accounts.models import User
    from safeguard.casework.models import CaseClosure
    from safeguard.frontdoor.models import Contact
    from safeguard.people.models import Person

# The reasons on the involvements an episode opens, so that closing ends exactly those.
TEAM_REASON = "early help"
LEAD_REASON = "leads early help"


@dataclass
class Lead:
    """The lead practitioner: always a name and an agency; the user when they sign in."""

    name: str
    agency: Agency | None
    user: User | None = None
    contact: str = ""


@dataclass
class StepUp:
    """What the MASH needs to triage a step-up: the concerns and the family's consent."""

    concerns: list[str] = field(default_factory=list)
    consent: str = ""
    consent_reason: str = ""
    immediate_danger: bool = False


def _record(what: str, version: int) -> dict[str, Any]:
    return {"record": what, "version": version}


def _plain(value: Any) -> Any:
    """A related record as its name in the audit."""
    return str(value) if isinstance(value, models.Model) else value


def _early_help_team(actor: User) -> Team:
    team = getattr(actor, "team", None)
    if team is not None and team.kind == TeamKind.EARLY_HELP:
        return team
    found = Team.objects.filter(kind=TeamKind.EARLY_HELP, active=True).order_by("pk").first()
    if found is None:
        raise ValidationError("There is no early help team in Safeguard yet: ask an administrator to add one.")
    return found


def _lead_errors(lead: Lead) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not lead.name.strip():
        errors["lead_name"] = "Name the lead practitioner who will coordinate the help."
    if lead.agency is None:
        errors["lead_agency"] = "Choose the lead practitioner's agency."
    elif lead.user is not None and lead.user.agency_id != lead.agency.pk:
        errors["lead_user"] = f"{lead.user.display_name} does not work for {lead.agency}."
    return errors


def _involve(actor: User, episode: EarlyHelpEpisode) -> None:
    child = episode.child
    access_services.involvement_start(
        actor=actor, child=child, kind=InvolvementKind.OPEN_WORK, team=episode.team, reason=TEAM_REASON
    )
    if not episode.lead_agency.is_council:
        access_services.involvement_start(
            actor=actor, child=child, kind=InvolvementKind.AGENCY, agency=episode.lead_agency, reason=LEAD_REASON
        )


def _end_involvements(actor: User, child: Person, *, lead_only: bool = False) -> None:
    reasons = [LEAD_REASON] if lead_only else [LEAD_REASON, TEAM_REASON]
    for involvement in Involvement.objects.filter(child=child, ended_at__isnull=True, reason__in=reasons):
        access_services.involvement_end(actor=actor, involvement=involvement)


def _open_episode(child: Person) -> EarlyHelpEpisode | None:
    return EarlyHelpEpisode.objects.filter(child_id__in=child.identity_ids(), closed_on__isnull=True).first()


def _start(
    actor: User,
    *,
    child: Person,
    origin: str,
    lead: Lead,
    started_on: dt.date,
    earliest: dt.date | None,
    reason: str,
    contact: Contact | None = None,
    step_down: CaseClosure | None = None,
    requested_by: str = "",
    requested_by_agency: Agency | None = None,
) -> EarlyHelpEpisode:
    errors = rules.start_problems(
        started_on=started_on, earliest=earliest, today=timezone.localdate(), lead_name=lead.name
    )
    errors |= {k: v for k, v in _lead_errors(lead).items() if k not in errors}
    if origin == Origin.DIRECT and not requested_by.strip():
        errors["requested_by"] = "Say who asked for early help for this family."
    if errors:
        raise ValidationError(errors)
    assert lead.agency is not None
    team = _early_help_team(actor)
    open_now = _open_episode(child)
    if open_now is not None:
        raise InvalidTransition(
            f"{child.full_name} already has early help open since {open_now.started_on:%-d %B %Y}, "
            f"led by {open_now.lead_name}."
        )
    try:
        with transaction.atomic():
            episode = EarlyHelpEpisode(
                child=child,
                origin=origin,
                contact=contact,
                step_down=step_down,
                requested_by=requested_by.strip(),
                requested_by_agency=requested_by_agency,
                team=team,
                started_on=started_on,
                reason=reason.strip(),
                lead_name=lead.name.strip(),
                lead_agency=lead.agency,
                lead_user=lead.user,
                lead_contact=lead.contact.strip(),
                recorded_by=actor if actor.pk else None,
            )
            episode.full_clean(validate_unique=False, validate_constraints=False)
            episode.save()
            _involve(actor, episode)
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_CREATED,
                subject=episode,
                child=child,
                data={
                    "new": {
                        "origin": origin,
                        "started_on": started_on,
                        "lead": episode.lead_name,
                        "lead_agency": str(lead.agency),
                        "from": contact.reference if contact else (str(step_down.uuid) if step_down else ""),
                    },
                    "extra": _record("early help episode", 1),
                },
            )
            return episode
    except IntegrityError:
        # Another practitioner picked the family up at the same moment.
        raise InvalidTransition(
            "Someone else has just started early help for this family: look at the child's record."
        ) from None


def start_from_contact(
    *, actor: User, contact: Contact, lead: Lead, started_on: dt.date, reason: str = ""
) -> EarlyHelpEpisode:
    """Pick up a contact the front door decided "early help". A contact decided without
    being matched to the register adds the child to it from the contact's details."""
    require(policy.can_use_queue(actor), actor=actor, action="start_early_help", subject=contact, child=contact.child)
    if contact.status != ContactStatus.DECIDED or contact.decision != ContactDecision.EARLY_HELP:
        raise InvalidTransition("This contact was not decided early help, so it is not waiting for the team.")
    if EarlyHelpEpisode.objects.filter(contact=contact).exists():
        raise InvalidTransition("Early help has already been started from this contact.")
    with transaction.atomic():
        child = contact.child
        if child is None:
            errors = _lead_errors(lead)
            if errors:
                raise ValidationError(errors)
            child = people_services.person_create(
                actor=actor,
                given_name=contact.child_given_name,
                family_name=contact.child_family_name,
                date_of_birth=contact.child_date_of_birth,
                expected_date_of_birth=contact.child_expected_date_of_birth,
                sex=contact.child_sex,
                nhs_number=contact.child_nhs_number,
                upn=contact.child_upn,
            )
        elif child.merged_into_id is not None:
            child = child.merged_into
        assert child is not None
        decided = contact.authorised_at or contact.decided_at or contact.received_at
        return _start(
            actor,
            child=child,
            origin=Origin.FRONT_DOOR,
            lead=lead,
            started_on=started_on,
            earliest=timezone.localtime(decided).date(),
            reason=reason or contact.decision_rationale,
            contact=contact,
        )


def start_from_step_down(
    *, actor: User, closure: CaseClosure, lead: Lead, started_on: dt.date, reason: str = ""
) -> EarlyHelpEpisode:
    """Pick up a case children's social care closed with a step-down to early help."""
    child = closure.child
    require(policy.can_use_queue(actor), actor=actor, action="start_early_help", subject=closure, child=child)
    if closure.kind != ClosureKind.STEP_DOWN or closure.status != ClosureStatus.AUTHORISED:
        raise InvalidTransition("This case was not stepped down to early help, so it is not waiting for the team.")
    if EarlyHelpEpisode.objects.filter(step_down=closure).exists():
        raise InvalidTransition("Early help has already been started from this step-down.")
    if child.merged_into_id is not None:
        child = child.merged_into  # type: ignore[assignment]
    return _start(
        actor,
        child=child,
        origin=Origin.STEP_DOWN,
        lead=lead,
        started_on=started_on,
        earliest=closure.closed_on,
        reason=reason or closure.reason,
        step_down=closure,
    )


def start_direct(
    *,
    actor: User,
    child: Person,
    requested_by: str,
    requested_by_agency: Agency | None,
    lead: Lead,
    started_on: dt.date,
    reason: str = "",
) -> EarlyHelpEpisode:
    """Record a direct request for early help (from a school, health or another
    service) for a child the practitioner already works with."""
    require(policy.can_start_direct(actor, child), actor=actor, action="start_early_help", child=child)
    return _start(
        actor,
        child=child,
        origin=Origin.DIRECT,
        lead=lead,
        started_on=started_on,
        earliest=None,
        reason=reason,
        requested_by=requested_by,
        requested_by_agency=requested_by_agency,
    )


# --- Changes to an open episode ----------------------------------------------------------


def _conflict(actor: User, episode: EarlyHelpEpisode) -> None:
    with transaction.atomic():
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_CONFLICT,
            subject=episode,
            child=episode.child,
            data={"extra": _record("early help episode", episode.version)},
        )


def _guard_open(episode: EarlyHelpEpisode) -> None:
    if episode.closed_on is not None:
        raise InvalidTransition(f"This early help closed on {episode.closed_on:%-d %B %Y} and can no longer change.")


def _lock(episode: EarlyHelpEpisode, expected_version: int) -> EarlyHelpEpisode:
    locked = EarlyHelpEpisode.objects.select_for_update().get(pk=episode.pk)
    if locked.version != expected_version:
        raise StaleEdit({"version": (expected_version, locked.version)})
    if locked.closed_on is not None:
        raise InvalidTransition(f"This early help closed on {locked.closed_on:%-d %B %Y} and can no longer change.")
    locked.child = episode.child
    return locked


def _save(
    actor: User, episode: EarlyHelpEpisode, expected_version: int, fields: dict[str, Any], what: str
) -> EarlyHelpEpisode:
    """Apply ``fields`` under the row lock, bump the version, audit old and new."""
    try:
        with transaction.atomic():
            locked = _lock(episode, expected_version)
            old = {k: getattr(locked, k) for k, v in fields.items() if getattr(locked, k) != v}
            for name, value in fields.items():
                setattr(locked, name, value)
            locked.version += 1
            locked.save(update_fields=[*fields, "version"])
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_UPDATED,
                subject=locked,
                child=locked.child,
                data={
                    "old": {k: _plain(v) for k, v in old.items()},
                    "new": {k: _plain(fields[k]) for k in old},
                    "extra": _record(what, locked.version),
                },
            )
            return locked
    except StaleEdit:
        _conflict(actor, episode)
        raise


def _planned_review(episode: EarlyHelpEpisode, plan_agreed_on: dt.date | None, weeks: int) -> dt.date | None:
    """The next review: set by the last review when there is one, else the chosen
    interval after the plan was agreed."""
    if plan_agreed_on is None:
        return None
    last = episode.reviews.order_by("-held_on", "-pk").first()
    if last is not None:
        return last.next_review_on or rules.next_review_due(last.held_on, weeks)
    return rules.next_review_due(plan_agreed_on, weeks)


def episode_update(
    *,
    actor: User,
    episode: EarlyHelpEpisode,
    expected_version: int,
    lead: Lead,
    plan_agreed_on: dt.date | None,
    plan: str,
    review_weeks: int,
) -> EarlyHelpEpisode:
    """Change the lead practitioner, and agree or change the family's plan."""
    child = episode.child
    require(policy.can_record_episode(actor, child, episode), actor=actor, action="update_early_help", child=child)
    _guard_open(episode)
    errors = _lead_errors(lead)
    problem = rules.review_weeks_problem(review_weeks)
    if problem:
        errors["review_weeks"] = problem
    errors |= rules.plan_problems(
        plan_agreed_on=plan_agreed_on,
        plan=plan,
        assessment_completed_on=episode.assessment_completed_on,
        today=timezone.localdate(),
    )
    if errors:
        raise ValidationError(errors)
    assert lead.agency is not None
    fields: dict[str, Any] = {
        "lead_name": lead.name.strip(),
        "lead_agency": lead.agency,
        "lead_user": lead.user,
        "lead_contact": lead.contact.strip(),
        "plan_agreed_on": plan_agreed_on,
        "plan": plan.strip(),
        "review_weeks": review_weeks,
        "next_review_due": _planned_review(episode, plan_agreed_on, review_weeks),
    }
    with transaction.atomic():
        updated = _save(actor, episode, expected_version, fields, "early help plan")
        if updated.lead_agency_id != episode.lead_agency_id:
            # The new lead's agency takes over the involvement.
            _end_involvements(actor, child, lead_only=True)
            _involve(actor, updated)
        return updated


def assessment_record(
    *,
    actor: User,
    episode: EarlyHelpEpisode,
    expected_version: int,
    started_on: dt.date | None,
    completed_on: dt.date | None,
    organisation: str,
    agency: Agency | None = None,
    needs: str = "",
    family_views: str = "",
) -> EarlyHelpEpisode:
    """Record the early help assessment: when it started and (when done) was completed,
    which organisation completed it, what the family needs and what they said."""
    child = episode.child
    require(
        policy.can_record_episode(actor, child, episode),
        actor=actor,
        action="record_early_help_assessment",
        child=child,
    )
    _guard_open(episode)
    if not organisation.strip() and agency is not None:
        organisation = agency.name
    errors = rules.assessment_problems(
        episode_started_on=episode.started_on,
        started_on=started_on,
        completed_on=completed_on,
        organisation=organisation,
        needs=needs,
        today=timezone.localdate(),
    )
    if completed_on is None and episode.plan_agreed_on is not None:
        errors.setdefault(
            "completed_on", "The plan has been agreed, so the assessment stays completed: enter its date."
        )
    if errors:
        raise ValidationError(errors)
    assert started_on is not None
    return _save(
        actor,
        episode,
        expected_version,
        {
            "assessment_started_on": started_on,
            "assessment_completed_on": completed_on,
            "assessment_due": rules.assessment_due(started_on),
            "assessment_organisation": organisation.strip(),
            "assessment_agency": agency,
            "needs": needs.strip(),
            "family_views": family_views.strip(),
        },
        "early help assessment",
    )


def review_record(
    *,
    actor: User,
    episode: EarlyHelpEpisode,
    expected_version: int,
    held_on: dt.date,
    attended: str,
    progress: str,
    kind: str = ReviewKind.TAF,
    next_review_on: dt.date | None = None,
) -> EarlyHelpReview:
    """Record a team around the family meeting or plan review. The next review defaults
    to the plan's interval after this one."""
    child = episode.child
    require(
        policy.can_record_episode(actor, child, episode), actor=actor, action="record_early_help_review", child=child
    )
    _guard_open(episode)
    errors = rules.review_problems(
        held_on=held_on,
        plan_agreed_on=episode.plan_agreed_on,
        next_review_on=next_review_on,
        attended=attended,
        progress=progress,
        today=timezone.localdate(),
    )
    if kind not in ReviewKind.values:
        errors["kind"] = "Choose the kind of meeting."
    if errors:
        raise ValidationError(errors)
    next_on = next_review_on or rules.next_review_due(held_on, episode.review_weeks)
    try:
        with transaction.atomic():
            locked = _lock(episode, expected_version)
            review = EarlyHelpReview(
                episode=locked,
                kind=kind,
                held_on=held_on,
                attended=attended.strip(),
                progress=progress.strip(),
                next_review_on=next_on,
                recorded_by=actor if actor.pk else None,
            )
            review.full_clean()
            review.save()
            latest = locked.reviews.order_by("-held_on", "-pk").first()
            old_due = locked.next_review_due
            locked.next_review_due = latest.next_review_on if latest else next_on
            locked.version += 1
            locked.save(update_fields=["next_review_due", "version"])
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_CREATED,
                subject=review,
                child=child,
                data={
                    "old": {"next_review_due": old_due},
                    "new": {"held_on": held_on, "kind": kind, "next_review_due": locked.next_review_due},
                    "extra": _record("early help review", locked.version),
                },
            )
            return review
    except StaleEdit:
        _conflict(actor, episode)
        raise


def _step_up_contact(actor: User, episode: EarlyHelpEpisode, detail: str, step_up: StepUp) -> Contact:
    child = episode.child
    data = frontdoor_services.ContactInput(
        narrative=f"Step-up from early help (lead practitioner {episode.lead_name}, {episode.lead_agency}). "
        f"{detail.strip()}",
        concerns=step_up.concerns,
        consent=step_up.consent,
        consent_reason=step_up.consent_reason,
        immediate_danger=step_up.immediate_danger,
        source=ReferralSource.LA_EARLY_HELP,
        child_given_name=child.given_name,
        child_family_name=child.family_name,
        child_date_of_birth=child.date_of_birth,
        child_expected_date_of_birth=child.expected_date_of_birth if child.date_of_birth is None else None,
        child_sex=child.sex,
        child_nhs_number=child.nhs_number,
        child_upn=child.upn,
    )
    contact, _ = frontdoor_services.contact_submit(actor=actor, data=data)
    return contact


def episode_close(
    *,
    actor: User,
    episode: EarlyHelpEpisode,
    expected_version: int,
    closed_on: dt.date,
    outcome: str,
    detail: str = "",
    step_up: StepUp | None = None,
) -> EarlyHelpEpisode:
    """Close the episode with its outcome. A step-up raises a contact to the front door
    (source 5D, LA early help) about the child, which the MASH matches and triages like
    any other; the team's open work and the lead agency's involvement end."""
    child = episode.child
    require(policy.can_record_episode(actor, child, episode), actor=actor, action="close_early_help", child=child)
    _guard_open(episode)
    errors = rules.closure_problems(
        closed_on=closed_on,
        started_on=episode.started_on,
        outcome=outcome,
        detail=detail,
        outcomes=list(Outcome.values),
        today=timezone.localdate(),
    )
    if outcome == Outcome.STEP_UP:
        step_up = step_up or StepUp()
        if not step_up.concerns:
            errors["concerns"] = "Choose at least one concern for the MASH."
        if not step_up.consent:
            errors["consent"] = "Say whether the family consented to the step-up: given, refused or not sought."
        elif step_up.consent != "given" and not step_up.consent_reason.strip():
            errors["consent_reason"] = "Say why consent was not sought, or what the family said when they refused."
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            locked = _lock(episode, expected_version)
            contact = None
            if outcome == Outcome.STEP_UP:
                assert step_up is not None
                try:
                    contact = _step_up_contact(actor, locked, detail, step_up)
                except ValidationError as exc:
                    # The front door's checks, in its own words, against the closure form.
                    raise ValidationError(
                        {
                            k if k in ("concerns", "consent", "consent_reason") else "outcome_detail": v
                            for k, v in exc.message_dict.items()
                        }
                    ) from None
            locked.closed_on = closed_on
            locked.outcome = outcome
            locked.outcome_detail = detail.strip()
            locked.step_up_contact = contact
            locked.next_review_due = None
            locked.version += 1
            locked.save(
                update_fields=[
                    "closed_on",
                    "outcome",
                    "outcome_detail",
                    "step_up_contact",
                    "next_review_due",
                    "version",
                ]
            )
            _end_involvements(actor, child)
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_UPDATED,
                subject=locked,
                child=child,
                reason=detail.strip(),
                data={
                    "old": {"closed_on": None},
                    "new": {
                        "closed_on": closed_on,
                        "outcome": outcome,
                        "step_up_contact": contact.reference if contact else "",
                    },
                    "extra": _record("early help closure", locked.version),
                },
            )
            return locked
    except StaleEdit:
        _conflict(actor, episode)
        raise
