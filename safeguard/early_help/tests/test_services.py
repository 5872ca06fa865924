"""Early help actions: picking families up from the queue, the assessment, the plan and its
reviews, closing (a step-up goes to the MASH), stale saves, access and the audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safeguard.access import policy as access_policy
from safeguard.access.models import Involvement
from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast
from safeguard.early_help import selectors, services
from safeguard.early_help.models import EarlyHelpEpisode
from safeguard.frontdoor import selectors as frontdoor_selectors
from safeguard.frontdoor.models import Contact
from safeguard.lib.errors import AccessDenied, InvalidTransition, StaleEdit

from . import support

TODAY = timezone.localdate()


def _events(subject: object, *types: str) -> list[str]:
    return list(
        AuditEvent.objects.filter(subject_id=str(subject.uuid), event_type__in=types)  # type: ignore[attr-defined]
        .order_by("sequence")
        .values_list("event_type", flat=True)
    )


def test_it_queues_contacts_decided_early_help_and_step_downs_until_picked_up(cast: Cast) -> None:
    eh = support.practitioner(cast)
    ava = support.child(cast)
    contact = support.decided_contact(cast, ava)
    closure = support.step_down(cast, support.child(cast, "Isla", "Field"))
    waiting = selectors.waiting_for(user=eh)
    assert {(w.kind, w.uuid) for w in waiting} == {("contact", contact.uuid), ("step_down", closure.uuid)}

    episode = services.start_from_contact(
        actor=eh, contact=contact, lead=services.Lead(name="Erin Holt", agency=cast.council, user=eh), started_on=TODAY
    )
    assert episode.origin == "front_door" and episode.child == ava and episode.team.kind == "early_help"
    assert [w.kind for w in selectors.waiting_for(user=eh)] == ["step_down"]
    with pytest.raises(InvalidTransition):
        services.start_from_contact(
            actor=eh, contact=contact, lead=services.Lead("Erin", cast.council), started_on=TODAY
        )
    stepped = services.start_from_step_down(
        actor=eh, closure=closure, lead=services.Lead(name="Erin Holt", agency=cast.council), started_on=TODAY
    )
    assert stepped.origin == "step_down" and selectors.waiting_for(user=eh) == []
    assert _events(episode, EventType.RECORD_CREATED) == [EventType.RECORD_CREATED]


def test_it_gives_the_early_help_team_open_work_and_a_partner_lead_the_partner_view(cast: Cast) -> None:
    eh = support.practitioner(cast)
    ava = support.child(cast)
    assert not access_policy.can_view_child(eh, ava)
    assert not access_policy.can_view_child(cast.school, ava)
    episode = support.episode(cast, ava, actor=eh, lead_agency=cast.school_agency)
    assert access_policy.can_view_child(eh, ava).basis == "team"
    school = access_policy.can_view_child(cast.school, ava)
    assert school and school.partner_view
    # The school leads, so it records the assessment; the NHS trust is not involved.
    services.assessment_record(
        actor=cast.school,
        episode=episode,
        expected_version=episode.version,
        started_on=TODAY,
        completed_on=None,
        organisation="Riverside Academy",
    )
    with pytest.raises(AccessDenied):
        selectors.episode_for(user=cast.health, child_uuid=ava.uuid, episode_uuid=episode.uuid, purpose="view")


def test_it_refuses_the_queue_to_everyone_but_the_early_help_team_and_heads_of_service(cast: Cast) -> None:
    support.early_help_team(cast)
    contact = support.decided_contact(cast, support.child(cast))
    for user in (cast.sw, cast.mash, cast.police, cast.analyst):
        with pytest.raises(AccessDenied):
            selectors.waiting_for(user=user)
        with pytest.raises(AccessDenied):
            services.start_from_contact(
                actor=user, contact=contact, lead=services.Lead("X", cast.council), started_on=TODAY
            )
    assert selectors.waiting_for(user=cast.hos)
    assert AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED, actor=cast.sw).exists()


def test_it_adds_a_child_never_matched_to_the_register_when_early_help_starts(cast: Cast) -> None:
    eh = support.practitioner(cast)
    contact = support.decided_contact(cast, None, child_given_name="Remy", child_family_name="Okafor")
    assert contact.child is None
    episode = services.start_from_contact(
        actor=eh, contact=contact, lead=services.Lead("Erin", cast.council), started_on=TODAY
    )
    assert episode.child.full_name == "Remy Okafor"


def test_it_allows_one_open_episode_per_child(cast: Cast) -> None:
    ava = support.child(cast)
    support.episode(cast, ava)
    with pytest.raises(InvalidTransition, match="already has early help open"):
        services.start_from_step_down(
            actor=support.practitioner(cast),
            closure=support.step_down(cast, ava),
            lead=services.Lead("E", cast.council),
            started_on=TODAY,
        )


def test_it_stores_the_assessment_due_date_and_the_next_review_from_the_plan_and_reviews(cast: Cast) -> None:
    eh = support.practitioner(cast)
    episode = support.episode(cast, support.child(cast), actor=eh)
    started = TODAY - dt.timedelta(days=20)
    with pytest.raises(ValidationError) as refused:
        services.assessment_record(
            actor=eh,
            episode=episode,
            expected_version=episode.version,
            started_on=started,
            completed_on=None,
            organisation="Hub",
        )
    assert "before early help started" in str(refused.value)
    episode = support.episode(cast, support.child(cast, "Mia", "Lowe"), actor=eh)
    EarlyHelpEpisode.objects.filter(pk=episode.pk).update(started_on=started)
    episode.refresh_from_db()
    episode = services.assessment_record(
        actor=eh,
        episode=episode,
        expected_version=episode.version,
        started_on=started,
        completed_on=TODAY - dt.timedelta(days=2),
        organisation="",
        agency=cast.council,
        needs="Routines",
    )
    assert episode.assessment_due is not None and episode.organisation == cast.council.name
    episode = services.episode_update(
        actor=eh,
        episode=episode,
        expected_version=episode.version,
        lead=services.Lead("Erin", cast.council, eh),
        plan_agreed_on=TODAY - dt.timedelta(days=1),
        plan="Parenting course",
        review_weeks=8,
    )
    first_due = episode.next_review_due
    assert first_due is not None and first_due >= TODAY + dt.timedelta(weeks=8) - dt.timedelta(days=1)
    review = services.review_record(
        actor=eh,
        episode=episode,
        expected_version=episode.version,
        held_on=TODAY,
        attended="Mum, school, Erin",
        progress="Mornings calmer",
        next_review_on=TODAY + dt.timedelta(weeks=6),
    )
    episode.refresh_from_db()
    assert episode.next_review_due == review.next_review_on == TODAY + dt.timedelta(weeks=6)
    assert _events(review, EventType.RECORD_CREATED) == [EventType.RECORD_CREATED]


def test_it_refuses_a_stale_save_and_says_what_changed(cast: Cast) -> None:
    eh = support.practitioner(cast)
    episode = support.episode(cast, support.child(cast), actor=eh)
    opened = episode.version
    services.assessment_record(
        actor=eh, episode=episode, expected_version=opened, started_on=TODAY, completed_on=None, organisation="Hub"
    )
    with pytest.raises(StaleEdit):
        services.assessment_record(
            actor=cast.hos,
            episode=episode,
            expected_version=opened,
            started_on=TODAY,
            completed_on=None,
            organisation="School",
        )
    changes = selectors.changes_since(episode=episode, opened_version=opened)
    assert changes.changes["assessment_organisation"][1] == "Hub"
    assert "Erin Holt" in changes.changed_by
    assert _events(episode, EventType.RECORD_CONFLICT) == [EventType.RECORD_CONFLICT]


def test_it_steps_up_to_the_mash_with_a_new_contact_and_ends_the_involvements(cast: Cast) -> None:
    eh = support.practitioner(cast)
    ava = support.child(cast)
    episode = support.episode(cast, ava, actor=eh, lead_agency=cast.school_agency)
    with pytest.raises(ValidationError) as refused:
        services.episode_close(
            actor=eh,
            episode=episode,
            expected_version=episode.version,
            closed_on=TODAY,
            outcome="step_up",
            detail="",
        )
    assert {"outcome_detail", "concerns", "consent"} <= set(refused.value.message_dict)
    closed = services.episode_close(
        actor=eh,
        episode=episode,
        expected_version=episode.version,
        closed_on=TODAY,
        outcome="step_up",
        detail="Mum disclosed that her new partner hit Ava.",
        step_up=services.StepUp(concerns=["physical"], consent="given"),
    )
    contact = closed.step_up_contact
    assert contact is not None and contact.source == "5D" and contact.is_open
    assert contact.suggested_child == ava  # the MASH is offered the child to confirm
    assert contact in [row.contact for row in frontdoor_selectors.mash_queue(user=cast.mash)]
    assert not Involvement.objects.filter(
        child=ava, ended_at__isnull=True, reason__in=["early help", "leads early help"]
    ).exists()
    assert not access_policy.can_view_child(cast.school, ava)
    with pytest.raises(AccessDenied):  # the early help team's open work has ended
        services.review_record(
            actor=eh, episode=closed, expected_version=closed.version, held_on=TODAY, attended="x", progress="y"
        )
    with pytest.raises(InvalidTransition, match="can no longer change"):
        services.review_record(
            actor=cast.system,
            episode=closed,
            expected_version=closed.version,
            held_on=TODAY,
            attended="x",
            progress="y",
        )
    assert Contact.objects.filter(stepped_up_from=closed).count() == 1


def test_closing_social_care_work_leaves_early_helps_own_open_work(cast: Cast) -> None:
    ava = support.child(cast)
    episode = support.episode(cast, ava)
    support.step_down(cast, ava)  # social care closes its case while early help goes on
    open_work = Involvement.objects.filter(child=ava, kind="open_work", ended_at__isnull=True)
    assert list(open_work.values_list("team", flat=True)) == [episode.team.pk]
