"""The access walk over children in care's URLs alone, by the same tables as the
project-wide walk (``tests/walk.py``), so this app's pages are checked for every role
even while other apps' URLs are being added."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from safeguard.access.tests.test_every_url_every_role import all_routes
from safeguard.access.tests.walk_tables import ROLES
from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast, client_for

from . import walk


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_it_answers_every_care_url_as_the_policy_says(cast: Cast, role: str) -> None:
    # As the project-wide walk: a police contact about the related child, matched by the
    # MASH, with a request to the NHS trust (so the MASH and the trust are involved).
    from safeguard.frontdoor import services as frontdoor_services
    from safeguard.frontdoor.tests.support import contact_input

    contact, _ = frontdoor_services.contact_submit(actor=cast.police, data=contact_input())
    contact = frontdoor_services.contact_match(
        actor=cast.system, contact=contact, person=cast.child, expected_version=contact.version
    )
    frontdoor_services.request_send(actor=cast.system, contact=contact, agency=cast.nhs, question="A&E?")
    extra = walk.walk_data(cast)
    params = {
        "related": {"child_uuid": str(cast.child.uuid), **extra["related"]},
        "unrelated": {"child_uuid": str(cast.stranger.uuid), **extra["unrelated"]},
    }
    client = Client() if role == "anonymous" else client_for(cast.users()[role])
    routes = [r for r in all_routes() if r.name.startswith("care:")]
    assert {r.name for r in routes} == set(walk.EXPECTED)
    failures: list[str] = []
    for route in routes:
        for which in ("related", "unrelated"):
            if which == "unrelated" and "child_uuid" not in route.converters:
                continue
            url = reverse(route.name, kwargs={c: params[which][c] for c in route.converters})
            before = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0
            response = client.get(url)
            if role == "anonymous":
                if response.status_code != 302 or "/accounts/sign-in/" not in response["Location"]:
                    failures.append(f"anonymous GET {url}: {response.status_code}")
                continue
            expected = walk.EXPECTED[route.name](role, which)
            if response.status_code != expected:
                failures.append(
                    f"{role} GET {url} ({route.name}, {which}): {response.status_code}, expected {expected}"
                )
                continue
            if response.status_code == 200 and route.name in walk.CHILD_DATA_EVENTS:
                events = AuditEvent.objects.filter(
                    sequence__gt=before,
                    actor=cast.users()[role],
                    event_type=walk.CHILD_DATA_EVENTS[route.name],
                    child_uuid=params[which]["child_uuid"],
                )
                if not events.exists():
                    failures.append(f"{role} GET {url}: allowed view of child data wrote no audit event")
            denied = AuditEvent.objects.filter(sequence__gt=before, event_type=EventType.ACCESS_DENIED)
            if response.status_code == 403 and "child_uuid" in route.converters and not denied.exists():
                failures.append(f"{role} GET {url}: refusal wrote no audit event")
    assert not failures, "\n".join(failures)
