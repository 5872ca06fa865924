"""The missing-episode pages and the section on the child's record."""

from __future__ import annotations

from django.urls import reverse

from safeguard.audit.models import AuditEvent, EventType
from safeguard.casework import chronology
from safeguard.conftest import Cast, client_for
from safeguard.missing import services
from safeguard.missing.models import MissingEpisode

from .support import ago, episode, form_when


def test_it_records_an_episode_through_the_form(cast: Cast) -> None:
    client = client_for(cast.sw)
    response = client.post(
        reverse("missing:start", args=[cast.child.uuid]),
        {"absence_type": "M", **form_when("started_at", ago(hours=6)), "reported_by": "Mother", "police_risk": "high"},
    )
    assert response.status_code == 302
    e = MissingEpisode.objects.get()
    assert e.police_risk == "high" and e.is_open
    page = client.get(reverse("people:child", args=[cast.child.uuid])).content.decode()
    assert "is missing now" in page and "Record the return" in page


def test_it_shows_overlap_errors_against_the_field_and_keeps_the_input(cast: Cast) -> None:
    episode(cast, ago(days=3))
    client = client_for(cast.sw)
    response = client.post(
        reverse("missing:start", args=[cast.child.uuid]),
        {"absence_type": "M", **form_when("started_at", ago(days=1)), "reported_by": "Aunt Rosa"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "already recorded as missing since" in page
    assert "Error:" in page and "Aunt Rosa" in page


def test_it_records_the_return_and_the_interview_then_shows_them(cast: Cast) -> None:
    e = episode(cast, ago(days=2))
    client = client_for(cast.sw)
    url = reverse("missing:end", args=[cast.child.uuid, e.uuid])
    response = client.post(url, {**form_when("ended_at", ago(days=1)), "where_found": "Train station", "version": 1})
    assert response.status_code == 302
    url = reverse("missing:return_interview", args=[cast.child.uuid, e.uuid])
    response = client.post(
        url,
        {
            **form_when("offered_at", ago(hours=20)),
            **form_when("held_at", ago(hours=5)),
            "interviewer": "Jo Quinn",
            "child_said": "A man in a silver car picked me up.",
            "version": 2,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("missing:episode", args=[cast.child.uuid, e.uuid])).content.decode()
    assert "A man in a silver car picked me up." in page and "Train station" in page


def test_it_refuses_a_stale_return_keeping_what_was_typed(cast: Cast) -> None:
    e = episode(cast, ago(days=2))
    services.missing_end(actor=cast.manager, episode=e, ended_at=ago(days=1), where_found="Home", expected_version=1)
    client = client_for(cast.sw)
    e.refresh_from_db()
    # The page was opened before the manager saved: post the old version to the interview form.
    response = client.post(
        reverse("missing:return_interview", args=[cast.child.uuid, e.uuid]),
        {**form_when("offered_at", ago(hours=20)), "declined": "on", "version": 1},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Someone else changed this record" in page and "Mina Hart" in page


def test_it_shows_partners_the_episodes_but_not_what_the_child_said(cast: Cast) -> None:
    e = episode(cast, ago(days=2), ago(days=1))
    services.return_interview_record(
        actor=cast.sw,
        episode=e,
        expected_version=e.version,
        offered_at=ago(hours=20),
        held_at=ago(hours=10),
        interviewer="Jo",
        child_said="Secret words",
    )
    client = client_for(cast.police)
    page = client.get(reverse("missing:episode", args=[cast.child.uuid, e.uuid])).content.decode()
    assert "At a friend&#x27;s flat" in page and "Secret words" not in page
    assert client.get(reverse("missing:start", args=[cast.child.uuid])).status_code == 403
    assert AuditEvent.objects.filter(event_type=EventType.PERSON_VIEWED, actor=cast.police).exists()


def test_it_flags_an_overdue_interview_on_the_list(cast: Cast) -> None:
    episode(cast, ago(days=6), ago(days=5))
    page = client_for(cast.sw).get(reverse("missing:episodes", args=[cast.child.uuid])).content.decode()
    assert "Overdue" in page


def test_it_puts_episodes_on_the_chronology(cast: Cast) -> None:
    episode(cast, ago(days=6), ago(days=5))
    from safeguard.access import policy
    from safeguard.missing.chronology import missing_episodes

    assert missing_episodes in chronology.sources()
    entries = list(missing_episodes(cast.sw, cast.child, policy.can_view_child(cast.sw, cast.child)))
    titles = [e.title for e in entries if e.kind == "missing"]
    assert titles == ["Missing", "Returned"]
    assert "Missing episodes" in chronology.KINDS.values()
