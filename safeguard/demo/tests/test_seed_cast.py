from __future__ import annotations

import statistics

import pytest

from safeguard.access import policy
from safeguard.access.models import BreakGlass, Involvement, InvolvementKind, ReviewStatus
from safeguard.accounts.models import Role, Team, TeamKind, User
from safeguard.demo.data import DEMO_PASSWORD, DEMO_USERS
from safeguard.people import selectors as people_selectors
from safeguard.people.codes import AccessLevel
from safeguard.people.models import Person

from .support import fast_passwords, seed


@pytest.mark.django_db
@fast_passwords
def test_it_gives_every_role_a_demo_user_who_can_sign_in() -> None:
    seed()
    users = {u.username: u for u in User.objects.filter(username__in=[s.username for s in DEMO_USERS])}
    assert len(users) == len(DEMO_USERS)
    assert {u.role for u in users.values()} == set(Role.values)
    for user in users.values():
        assert user.check_password(DEMO_PASSWORD)
        assert not user.must_change_password


@pytest.mark.django_db
@fast_passwords
def test_it_creates_a_team_of_every_kind() -> None:
    seed()
    assert set(Team.objects.values_list("kind", flat=True)) == set(TeamKind.values)


@pytest.mark.django_db
@fast_passwords
def test_it_gives_each_demo_social_worker_a_caseload() -> None:
    seed()
    for spec in DEMO_USERS:
        if spec.username.startswith("sw."):
            worker = User.objects.get(username=spec.username)
            assert people_selectors.children_for_worker(user=worker).exists(), f"{spec.username} has no caseload"


@pytest.mark.django_db
@fast_passwords
def test_it_keeps_caseloads_realistic_at_scale() -> None:
    seed(children=1200)
    loads = list(
        # Current caseloads: the care seeders also write each child's earlier, ended allocations.
        User.objects.filter(
            role=Role.SOCIAL_WORKER,
            involvements__kind=InvolvementKind.ALLOCATED_WORKER,
            involvements__ended_at__isnull=True,
        ).values_list("username", flat=True)
    )
    per_worker = [loads.count(name) for name in set(loads)]
    assert max(per_worker) <= 22
    assert 15 <= statistics.median(per_worker) <= 22
    allocated = Involvement.objects.filter(kind=InvolvementKind.ALLOCATED_WORKER, ended_at__isnull=True).count()
    assert 0.3 <= allocated / 1200 <= 0.4


@pytest.mark.django_db
@fast_passwords
def test_it_fills_every_landing_page() -> None:
    seed()
    users = {u.username: u for u in User.objects.all()}
    for manager in ("tm.mash", "tm.assessment", "tm.assessment.south"):
        assert people_selectors.team_unallocated(user=users[manager]).exists(), f"{manager}'s queue is empty"
    for partner in ("police.pc", "health.visitor", "gp", "school.dsl", "school.dsl.primary", "housing"):
        seen = policy.visible_child_ids(users[partner]).count()
        assert 1 <= seen <= 20, f"{partner} sees {seen} children"
    assert BreakGlass.objects.filter(review_status=ReviewStatus.PENDING).count() >= 2
    assert BreakGlass.objects.filter(review_status=ReviewStatus.JUSTIFIED).count() == 1
    assert policy.visible_child_ids(users["iro1"]).exists()


@pytest.mark.django_db
@fast_passwords
def test_it_restricts_and_seals_a_few_records() -> None:
    seed()
    users = {u.username: u for u in User.objects.all()}
    restricted = list(Person.objects.filter(access_level=AccessLevel.RESTRICTED))
    assert len(restricted) >= 2
    for child in restricted:
        assert child.involvements.filter(kind=InvolvementKind.ALLOCATED_WORKER, ended_at__isnull=True).exists()
    assert any(policy.can_view_child(users["sw.cp1"], child).basis == "allocated" for child in restricted)
    sealed = Person.objects.filter(access_level=AccessLevel.SEALED)
    assert 1 <= sealed.count() <= 2
    for child in sealed:
        assert policy.can_view_child(users["hos"], child)
        assert not policy.can_view_child(users["sw.cp1"], child)
