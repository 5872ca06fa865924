from __future__ import annotations

from django.urls import reverse

from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast, client_for


def test_it_shows_the_allocated_worker_the_record_and_audits_the_view(cast: Cast) -> None:
    response = client_for(cast.sw).get(reverse("people:child", args=[cast.child.uuid]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tyler Brookes" in body
    assert "943 476 5919" in body
    assert "You are Tyler Brookes&#x27;s allocated worker." in body
    event = AuditEvent.objects.filter(event_type=EventType.PERSON_VIEWED, actor=cast.sw).get()
    assert event.child_uuid == cast.child.uuid
    assert event.data["extra"]["basis"] == "allocated"


def test_it_refuses_a_worker_without_a_relationship_and_offers_break_glass(cast: Cast) -> None:
    response = client_for(cast.sw_other).get(reverse("people:child", args=[cast.child.uuid]))
    assert response.status_code == 403
    assert "Break the glass" in response.content.decode()
    assert AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED, actor=cast.sw_other).count() == 1


def test_it_answers_404_to_a_partner_who_is_not_involved(cast: Cast) -> None:
    response = client_for(cast.health).get(reverse("people:child", args=[cast.child.uuid]))
    assert response.status_code == 404


def test_it_shows_the_partner_view_to_the_referring_agency(cast: Cast) -> None:
    response = client_for(cast.police).get(reverse("people:child", args=[cast.child.uuid]))
    assert response.status_code == 200
    assert "This is the partner view" in response.content.decode()
