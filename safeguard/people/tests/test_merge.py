from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguard.access import policy
from safeguard.access import services as access_services
from safeguard.access.models import Involvement, InvolvementKind
from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast, client_for
from safeguard.frontdoor import services as frontdoor_services
from safeguard.frontdoor.tests.support import contact_input
from safeguard.lib.errors import AccessDenied
from safeguard.people import selectors, services


@pytest.fixture
def duplicate(cast: Cast):  # type: ignore[no-untyped-def]
    """A second record of Tyler, made from a misspelt contact, with the police contact on it."""
    person = services.person_create(
        actor=cast.system, given_name="Tylor", family_name="Brooks", date_of_birth=dt.date(2014, 5, 17)
    )
    contact, _ = frontdoor_services.contact_submit(actor=cast.police, data=contact_input())
    frontdoor_services.contact_match(actor=cast.mash, contact=contact, person=person, expected_version=contact.version)
    return person


def test_a_merge_keeps_every_link_and_moves_current_work(cast: Cast, duplicate) -> None:  # type: ignore[no-untyped-def]
    merge = services.person_merge(
        actor=cast.mash, keep=cast.child, duplicate=duplicate, reason="Same child: DOB and address agree"
    )
    duplicate.refresh_from_db()
    assert duplicate.merged_into == cast.child
    assert not Involvement.objects.filter(child=duplicate, ended_at__isnull=True).exists()
    assert Involvement.objects.filter(child=cast.child, kind=InvolvementKind.OPEN_WORK, team=cast.mash_team).exists()
    assert cast.child.contacts.count() == 0 and duplicate.contacts.count() == 1  # nothing moved but work
    page = client_for(cast.sw).get(reverse("people:child", args=[cast.child.uuid])).content.decode()
    assert "Contacts and referrals" in page and duplicate.contacts.get().reference in page
    assert [h.person for h in selectors.people_search(user=cast.sw, query="brooks tylor").hits] == [cast.child]
    events = AuditEvent.objects.filter(event_type=EventType.PERSON_MERGED)
    assert {e.child_uuid for e in events} == {cast.child.uuid, duplicate.uuid}
    assert merge.moved_involvements


def test_a_merge_is_undone_exactly(cast: Cast, duplicate) -> None:  # type: ignore[no-untyped-def]
    before = set(Involvement.objects.filter(child=duplicate, ended_at__isnull=True).values_list("pk", flat=True))
    merge = services.person_merge(actor=cast.mash, keep=cast.child, duplicate=duplicate, reason="Looked the same")
    services.person_unmerge(actor=cast.mash, merge=merge, reason="Different children: twins")
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    assert (
        set(Involvement.objects.filter(child=duplicate, ended_at__isnull=True).values_list("pk", flat=True)) == before
    )
    assert AuditEvent.objects.filter(event_type=EventType.PERSON_UNMERGED).count() == 2


def test_the_merged_record_points_to_the_record_kept(cast: Cast, duplicate) -> None:  # type: ignore[no-untyped-def]
    services.person_merge(actor=cast.mash, keep=cast.child, duplicate=duplicate, reason="Same child")
    response = client_for(cast.mash).get(reverse("people:child", args=[duplicate.uuid]))
    assert response.status_code == 200
    assert "This record was merged" in response.content.decode()
    assert client_for(cast.health).get(reverse("people:child", args=[duplicate.uuid])).status_code == 404


def test_only_the_mash_or_managers_of_both_records_merge(cast: Cast, duplicate) -> None:  # type: ignore[no-untyped-def]
    assert not policy.can_merge_people(cast.sw, cast.child, duplicate)
    with pytest.raises(AccessDenied):
        services.person_merge(actor=cast.sw, keep=cast.child, duplicate=duplicate, reason="x")
    access_services.involvement_start(
        actor=cast.system, child=duplicate, kind=InvolvementKind.OPEN_WORK, team=cast.assessment, reason="assessment"
    )
    assert policy.can_merge_people(cast.manager, cast.child, duplicate)


def test_it_refuses_merges_that_cannot_be_undone_cleanly(cast: Cast, duplicate) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="two different records"):
        services.person_merge(actor=cast.mash, keep=cast.child, duplicate=cast.child, reason="x")
    with pytest.raises(ValidationError, match="adult"):
        services.person_merge(actor=cast.mash, keep=cast.child, duplicate=cast.mother, reason="x")
    services.person_merge(actor=cast.mash, keep=cast.child, duplicate=duplicate, reason="Same")
    with pytest.raises(ValidationError, match="already been merged"):
        services.person_merge(actor=cast.mash, keep=cast.child, duplicate=duplicate, reason="Again")
