"""The demo's children in care: every stage is there, every history keeps the episode
rules, the partners' demo users see their parts, and one seed gives the same result."""

from __future__ import annotations

import pytest

from safeguard.accounts.services import system_user
from safeguard.care import policy, rules, selectors
from safeguard.care.models import CareRecord, Episode, Review
from safeguard.demo import services as demo_services
from safeguard.demo.care import seed_care
from safeguard.demo.tests.support import TODAY, fast_passwords
from safeguard.people.models import Person


@fast_passwords
@pytest.mark.django_db
def test_it_seeds_children_in_care_at_every_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_services, "CONTEXT_SEEDERS", ())
    demo_services.authority_seed(actor=system_user(), children=220, seed=5, today=TODAY)
    counts = seed_care(actor=system_user(), seed=5, children=220)
    for story in ("new_entrant", "moves", "review_overdue", "settled"):
        assert counts.get(story, 0) >= 1, counts
    assert counts["in_care"] >= 8 and counts["reviews_overdue"] >= 1 and counts["reviews"] >= 5
    for child in Person.objects.filter(care_episodes__isnull=False).distinct():
        assert rules.check_history(selectors.episodes_for(child), dob=child.date_of_birth) == []
    moved = [r for r in CareRecord.objects.all() if Episode.objects.filter(child=r.child, reason_new_episode="P")]
    assert moved
    reviewed = Review.objects.first()
    assert reviewed is not None and policy.is_iro(reviewed.chair)
    from safeguard.accounts.models import User

    nurse, school = User.objects.get(username="lac.nurse"), User.objects.get(username="virtual.school")
    child = CareRecord.objects.filter(in_care=True).first().child  # type: ignore[union-attr]
    assert policy.can_view_care_health(nurse, child) and not policy.can_view_care(nurse, child)
    assert policy.can_view_care_education(school, child) and not policy.can_view_care_health(school, child)
    again = seed_care(actor=system_user(), seed=5, children=220)
    assert again["in_care"] == counts["in_care"]  # a second run finds everyone already done
