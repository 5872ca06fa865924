from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast, client_for
from safeguard.lib.errors import AccessDenied
from safeguard.people import selectors, services


def _names(cast_user, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.person.full_name for h in selectors.people_search(user=cast_user, query=query).hits]


@pytest.mark.parametrize(
    "query", ["brookes", "Bro", "tyler brookes", "BROOKES TY", "17/05/2014", "2014-05-17", "20140517", "943 476 5919"]
)
def test_it_finds_a_child_by_name_date_of_birth_or_nhs_number(cast: Cast, query: str) -> None:
    assert "Tyler Brookes" in _names(cast.sw, query)


def test_it_finds_a_child_by_a_previous_name_and_by_local_id(cast: Cast) -> None:
    services.name_add(actor=cast.sw, person=cast.child, kind="previous", given_name="Tyler", family_name="Okonjo")
    assert _names(cast.sw, "okonjo") == ["Tyler Brookes"]
    assert _names(cast.sw, cast.child.la_id.lower()) == ["Tyler Brookes"]


def test_it_tells_council_staff_a_child_is_known_without_opening_it(cast: Cast) -> None:
    results = selectors.people_search(user=cast.sw_other, query="brookes")
    hit = next(h for h in results.hits if h.person == cast.child)
    assert not hit.can_open and hit.detail == "known"
    mine = next(h for h in selectors.people_search(user=cast.sw, query="brookes").hits if h.person == cast.child)
    assert mine.can_open


def test_it_shows_partners_only_children_their_agency_is_involved_with(cast: Cast) -> None:
    assert _names(cast.police, "brookes") == ["Tyler Brookes"]
    assert _names(cast.health, "brookes") == []
    assert _names(cast.police, "marsh") == []


def test_it_refuses_analysts_and_administrators(cast: Cast) -> None:
    for user in (cast.analyst, cast.admin):
        with pytest.raises(AccessDenied):
            selectors.people_search(user=user, query="brookes")


def test_it_audits_each_search_with_its_terms(cast: Cast) -> None:
    selectors.people_search(user=cast.mash, query="brookes")
    event = AuditEvent.objects.filter(event_type=EventType.SEARCH, actor=cast.mash).get()
    assert event.data["extra"]["query"] == "brookes"


def test_the_search_page_runs_a_fixed_number_of_queries(cast: Cast) -> None:
    for i in range(12):
        services.person_create(actor=cast.sw, given_name=f"Sib{chr(65 + i)}", family_name="Brookes")
    client = client_for(cast.sw)
    url = reverse("people:search") + "?q=brookes"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert response.status_code == 200
    assert "14 people found" in response.content.decode()
    for i in range(12):
        services.person_create(actor=cast.sw, given_name=f"Cou{chr(65 + i)}", family_name="Brookes")
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(few)
