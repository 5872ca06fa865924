from __future__ import annotations

import pytest
from django.utils import timezone

from safeguard.access import policy
from safeguard.accounts.models import User
from safeguard.frontdoor import selectors
from safeguard.frontdoor.models import Contact, InformationRequest, Referral

from .support import fast_passwords, seed


@pytest.mark.django_db
@fast_passwords
def test_the_demo_mash_queue_has_work_in_every_state() -> None:
    summary = seed(children=80)
    assert summary.front_door["open"] >= 10
    mash = User.objects.get(username="sw.mash1")
    rows = selectors.mash_queue(user=mash)
    assert any(row.clock.overdue for row in rows)
    assert any(not row.clock.overdue for row in rows)
    assert any(row.open_requests for row in rows)
    assert any(row.contact.status == "awaiting_authorisation" for row in rows)
    assert any(row.contact.child is None for row in rows)
    assert InformationRequest.objects.filter(status="answered").exists()
    assert Referral.objects.exists()


@pytest.mark.django_db
@fast_passwords
def test_referrers_see_the_outcomes_of_their_contacts() -> None:
    seed(children=80)
    police = User.objects.get(username="police.pc")
    decided = Contact.objects.filter(referrer_agency=police.agency, status="decided").first()
    assert decided is not None
    assert policy.can_view_contact(police, decided).basis == "referrer"
    assert decided.received_at < timezone.now()
    health = User.objects.get(username="health.visitor")
    open_requests, _ = selectors.requests_for_agency(user=health)
    assert open_requests or InformationRequest.objects.filter(agency=health.agency).exists()
