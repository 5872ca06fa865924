"""Recording missing episodes: start, return, return interview, closing on placement end."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast
from safeguard.lib.errors import AccessDenied, InvalidTransition, StaleEdit
from safeguard.missing import selectors, services
from safeguard.missing.models import MissingEpisode

from .support import ago, episode


def test_it_records_an_episode_and_audits_it(cast: Cast) -> None:
    e = services.missing_start(
        actor=cast.sw, child=cast.child, started_at=ago(hours=5), absence_type="A", from_care=True, reported_by="Carer"
    )
    assert e.is_open and e.return_interview_due is None and e.from_care
    event = AuditEvent.objects.get(event_type=EventType.MISSING_RECORDED)
    assert event.actor == cast.sw and event.child_uuid == cast.child.uuid


def test_it_sets_the_return_interview_due_72_hours_after_the_return(cast: Cast) -> None:
    e = episode(cast, ago(hours=30))
    returned = ago(hours=2)
    e = services.missing_end(
        actor=cast.sw, episode=e, ended_at=returned, where_found="Bus station", expected_version=e.version
    )
    assert e.return_interview_due == returned + dt.timedelta(hours=72)
    assert AuditEvent.objects.filter(event_type=EventType.MISSING_UPDATED).count() == 1


def test_it_refuses_overlapping_episodes_in_the_users_words(cast: Cast) -> None:
    episode(cast, ago(days=10), ago(days=8))
    with pytest.raises(ValidationError) as caught:
        episode(cast, ago(days=9), ago(days=7))
    assert "overlaps the episode from" in caught.value.message_dict["started_at"][0]
    episode(cast, ago(days=3))
    with pytest.raises(ValidationError) as caught:
        episode(cast, ago(days=1))
    assert "is already recorded as missing since" in caught.value.message_dict["started_at"][0]


def test_it_refuses_a_return_before_the_start_or_in_the_future(cast: Cast) -> None:
    e = episode(cast, ago(days=1))
    with pytest.raises(ValidationError) as caught:
        services.missing_end(actor=cast.sw, episode=e, ended_at=ago(days=2), where_found="x", expected_version=1)
    assert "before they went missing" in caught.value.message_dict["ended_at"][0]
    with pytest.raises(ValidationError):
        services.missing_end(actor=cast.sw, episode=e, ended_at=ago(days=-1), where_found="x", expected_version=1)


def test_it_refuses_a_stale_return_and_records_the_conflict(cast: Cast) -> None:
    e = episode(cast, ago(days=1))
    services.missing_end(actor=cast.manager, episode=e, ended_at=ago(hours=3), where_found="Home", expected_version=1)
    with pytest.raises(StaleEdit):
        services.missing_end(actor=cast.sw, episode=e, ended_at=ago(hours=2), where_found="Park", expected_version=1)
    assert AuditEvent.objects.filter(event_type=EventType.RECORD_CONFLICT, actor=cast.sw).count() == 1
    changes = selectors.changes_since(episode=e, opened_version=1)
    assert "ended_at" in changes.changes and "Mina Hart" in changes.changed_by


def test_it_records_a_held_return_interview_with_what_the_child_said(cast: Cast) -> None:
    e = episode(cast, ago(days=2), ago(days=1))
    e = services.return_interview_record(
        actor=cast.sw,
        episode=e,
        expected_version=e.version,
        offered_at=ago(hours=20),
        held_at=ago(hours=10),
        interviewer="Independent RHI worker",
        child_said="I went to see older friends in town.",
    )
    assert e.return_interview_done and e.child_said.startswith("I went")
    event = AuditEvent.objects.filter(event_type=EventType.MISSING_UPDATED).latest("sequence")
    assert "older friends" not in str(event.data)


def test_it_requires_what_the_child_said_when_held_and_refuses_held_and_declined(cast: Cast) -> None:
    e = episode(cast, ago(days=2), ago(days=1))
    with pytest.raises(ValidationError) as caught:
        services.return_interview_record(
            actor=cast.sw, episode=e, expected_version=1, offered_at=ago(hours=20), held_at=ago(hours=10)
        )
    assert set(caught.value.message_dict) == {"child_said", "interviewer"}
    with pytest.raises(ValidationError) as caught:
        services.return_interview_record(
            actor=cast.sw,
            episode=e,
            expected_version=1,
            offered_at=ago(hours=20),
            held_at=ago(hours=10),
            declined=True,
            interviewer="A",
            child_said="B",
        )
    assert "declined" in caught.value.message_dict


def test_it_refuses_a_return_interview_before_the_return(cast: Cast) -> None:
    e = episode(cast, ago(days=2))
    with pytest.raises(InvalidTransition):
        services.return_interview_record(actor=cast.sw, episode=e, expected_version=1, offered_at=ago(hours=1))


def test_it_closes_open_episodes_when_a_placement_ends(cast: Cast) -> None:
    e = episode(cast, ago(days=2))
    closed = services.close_open_episodes(actor=cast.sw, child=cast.child, at=ago(hours=1), reason="Placement ended")
    assert closed == 1
    e.refresh_from_db()
    assert e.ended_at is not None and e.closed_reason == "Placement ended" and e.return_interview_due is not None
    assert services.close_open_episodes(actor=cast.sw, child=cast.child, at=ago(hours=1), reason="Again") == 0


def test_it_refuses_partners_and_people_without_a_relationship(cast: Cast) -> None:
    for user in (cast.police, cast.sw_other, cast.analyst):
        with pytest.raises(AccessDenied):
            services.missing_start(actor=user, child=cast.child, started_at=ago(hours=1))
    assert MissingEpisode.objects.count() == 0
    assert AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED).count() == 3


def test_it_counts_recent_episodes_and_raises_the_repeat_flag(cast: Cast) -> None:
    episode(cast, ago(days=100), ago(days=99))
    episode(cast, ago(days=60), ago(days=59))
    episode(cast, ago(days=20), ago(days=19))
    assert selectors.recent_count(cast.child) == 2
    assert not selectors.repeatedly_missing(cast.child)
    episode(cast, ago(days=2), ago(days=1))
    assert selectors.recent_count(cast.child, days=90) == 3
    assert selectors.repeatedly_missing(cast.child)
    assert selectors.repeatedly_missing_ids() == {cast.child.pk}
    assert [e.started_at for e in selectors.episodes_for(cast.child)] == sorted(
        (e.started_at for e in MissingEpisode.objects.all()), reverse=True
    )


def test_it_puts_return_interviews_on_my_work_for_the_allocated_worker(cast: Cast) -> None:
    from safeguard.casework.mywork import work_due_for

    overdue = episode(cast, ago(days=6), ago(days=5))
    pending = episode(cast, ago(days=2), ago(hours=30))
    work = work_due_for(user=cast.sw)
    interviews = [i for i in work.items if i.what == "Return interview"]
    assert [i.url_args[1] for i in work.overdue if i.what == "Return interview"] == [overdue.uuid]
    assert {i.url_args[1] for i in interviews} == {overdue.uuid, pending.uuid}
    services.return_interview_record(
        actor=cast.sw, episode=overdue, expected_version=overdue.version, offered_at=ago(days=4), declined=True
    )
    assert [i.url_args[1] for i in work_due_for(user=cast.sw).items if i.what == "Return interview"] == [pending.uuid]
    assert not [i for i in work_due_for(user=cast.sw_other).items if i.what == "Return interview"]
