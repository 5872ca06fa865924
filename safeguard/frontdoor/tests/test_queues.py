from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from safeguard.conftest import Cast, client_for
from safeguard.frontdoor import services
from safeguard.frontdoor.tests.support import contact_input


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _contacts(cast: Cast, n: int) -> None:
    for i in range(n):
        contact, _ = services.contact_submit(actor=cast.police, data=contact_input(child_given_name=f"Kid{i}"))
        services.request_send(actor=cast.system, contact=contact, agency=cast.nhs, question="Anything?")


def test_the_mash_queue_shows_the_clock_and_runs_a_fixed_number_of_queries(cast: Cast) -> None:
    client = client_for(cast.mash)
    _contacts(cast, 3)
    few = _queries(client, reverse("frontdoor:mash"))
    _contacts(cast, 6)
    assert _queries(client, reverse("frontdoor:mash")) == few
    page = client.get(reverse("frontdoor:mash")).content.decode()
    assert "9 open contacts" in page and "left" in page and "1 awaiting answer" in page


def test_overdue_contacts_are_unmistakable(cast: Cast) -> None:
    services.contact_submit(actor=cast.police, data=contact_input(), received_at=timezone.now() - dt.timedelta(days=6))
    page = client_for(cast.mash).get(reverse("frontdoor:mash")).content.decode()
    assert "Overdue by" in page
    assert "past the one-working-day deadline" in page


def test_partner_queues_run_a_fixed_number_of_queries(cast: Cast) -> None:
    _contacts(cast, 2)
    health, police = client_for(cast.health), client_for(cast.police)
    few = (_queries(health, reverse("frontdoor:requests")), _queries(police, reverse("frontdoor:contacts")))
    _contacts(cast, 5)
    assert (_queries(health, reverse("frontdoor:requests")), _queries(police, reverse("frontdoor:contacts"))) == few
