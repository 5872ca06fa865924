"""The access policy, predicate by predicate and role by role (access/policy.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from safeguard.access import policy
from safeguard.access import services as access_services
from safeguard.access.models import BreakGlass, InvolvementKind
from safeguard.conftest import Cast
from safeguard.people import services as people_services
from safeguard.people.codes import AccessLevel

ALL = ["sw", "manager", "hos", "sw_other", "mash", "police", "health", "school", "analyst", "ig", "admin", "outsider"]


def _allowed(cast: Cast, predicate, *args) -> set[str]:  # type: ignore[no-untyped-def]
    return {name for name, user in cast.users().items() if predicate(user, *args)}


def test_it_lets_only_those_with_a_relationship_view_a_child(cast: Cast) -> None:
    assert _allowed(cast, policy.can_view_child, cast.child) == {"sw", "manager", "hos", "police"}
    assert _allowed(cast, policy.can_view_child, cast.stranger) == set()


def test_it_explains_each_answer_in_a_sentence(cast: Cast) -> None:
    assert policy.explain(cast.sw, cast.child) == "You are Tyler Brookes's allocated worker."
    assert "You manage the team (Assessment Team North)" in policy.explain(cast.manager, cast.child)
    assert "head of service" in policy.explain(cast.hos, cast.child)
    assert "Your agency (Northbrook Police) is involved" in policy.explain(cast.police, cast.child)
    assert "partner view" in policy.explain(cast.police, cast.child)
    assert "no current involvement" in policy.explain(cast.sw_other, cast.child)
    assert "Analysts see aggregate figures" in policy.explain(cast.analyst, cast.child)
    assert "Administrators manage user accounts" in policy.explain(cast.admin, cast.child)
    assert policy.explain(AnonymousUser(), cast.child) == "You need to sign in."


def test_it_gives_partners_the_partner_view_only_while_their_agency_is_involved(cast: Cast) -> None:
    decision = policy.can_view_child(cast.police, cast.child)
    assert decision and decision.partner_view
    assert not policy.can_edit_child(cast.police, cast.child)
    involvement = cast.child.involvements.get(kind=InvolvementKind.AGENCY)
    access_services.involvement_end(actor=cast.system, involvement=involvement)
    assert not policy.can_view_child(cast.police, cast.child)


def test_it_lets_a_team_holding_open_work_see_the_child(cast: Cast) -> None:
    assert not policy.can_view_child(cast.sw_other, cast.stranger)
    access_services.involvement_start(
        actor=cast.system,
        child=cast.stranger,
        kind=InvolvementKind.OPEN_WORK,
        team=cast.cp_team,
        reason="section 47 enquiry",
    )
    decision = policy.can_view_child(cast.sw_other, cast.stranger)
    assert decision and decision.basis == "team"
    assert "section 47 enquiry" in decision.reason
    assert policy.can_view_child(cast.hos, cast.stranger)


def test_it_keeps_restricted_records_to_the_allocated_team_and_its_managers(cast: Cast) -> None:
    access_services.involvement_start(
        actor=cast.system, child=cast.child, kind=InvolvementKind.OPEN_WORK, team=cast.cp_team, reason="core group"
    )
    assert policy.can_view_child(cast.sw_other, cast.child)
    people_services.person_set_access_level(
        actor=cast.hos, person=cast.child, access_level=AccessLevel.RESTRICTED, reason="Child of a staff member"
    )
    cast.child.refresh_from_db()
    assert _allowed(cast, policy.can_view_child, cast.child) == {"sw", "manager", "hos"}
    assert not policy.can_break_glass(cast.mash, cast.child)


def test_it_keeps_restricted_material_to_the_allocated_team(cast: Cast) -> None:
    access_services.involvement_start(
        actor=cast.system, child=cast.child, kind=InvolvementKind.OPEN_WORK, team=cast.cp_team, reason="core group"
    )
    assert _allowed(cast, policy.can_view_restricted_material, cast.child) == {"sw", "manager", "hos"}


def test_it_opens_sealed_records_to_named_roles_only(cast: Cast) -> None:
    people_services.person_set_access_level(
        actor=cast.hos, person=cast.child, access_level=AccessLevel.SEALED, reason="Adoption order made"
    )
    cast.child.refresh_from_db()
    assert _allowed(cast, policy.can_view_child, cast.child) == {"hos"}
    assert "sealed" in policy.explain(cast.sw, cast.child)


def test_it_lets_council_practitioners_break_the_glass_for_24_hours(cast: Cast) -> None:
    assert _allowed(cast, policy.can_break_glass, cast.child) == {"sw_other", "mash"}
    grant = access_services.break_glass_open(
        actor=cast.mash, child=cast.child, reason="Child at A&E now, police asking"
    )
    decision = policy.can_view_child(cast.mash, cast.child)
    assert decision and decision.basis == "break_glass"
    assert "Child at A&E now" in decision.reason
    assert grant.expires_at - grant.granted_at == dt.timedelta(hours=24)
    BreakGlass.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert not policy.can_view_child(cast.mash, cast.child)


def test_it_lets_only_managers_allocate_children_their_team_works_with(cast: Cast) -> None:
    assert _allowed(cast, policy.can_allocate, cast.child) == {"manager", "hos"}
    assert _allowed(cast, policy.can_allocate, cast.stranger) == set()


def test_it_lets_only_a_head_of_service_restrict_or_seal(cast: Cast) -> None:
    assert _allowed(cast, policy.can_set_access_level, cast.child) == {"hos"}


@pytest.mark.parametrize(
    ("predicate", "expected"),
    [
        (
            policy.can_search_people,
            {"sw", "manager", "hos", "sw_other", "mash", "police", "health", "school", "outsider", "ig"},
        ),
        (policy.can_know_child_exists, {"sw", "manager", "hos", "sw_other", "mash", "ig"}),
        (policy.can_create_person, {"sw", "manager", "hos", "sw_other", "mash"}),
        (policy.can_manage_users, {"admin"}),
        (policy.can_view_audit, {"ig"}),
        (policy.can_review_break_glass, {"ig"}),
        (
            policy.can_submit_contact,
            {"sw", "manager", "hos", "sw_other", "mash", "police", "health", "school", "outsider"},
        ),
        (policy.can_triage_contacts, {"mash", "hos"}),
        (policy.can_authorise_contact_decision, {"hos"}),
        (policy.can_receive_requests, {"police", "health", "school", "outsider"}),
    ],
)
def test_it_grants_organisation_wide_capabilities_by_role(cast: Cast, predicate, expected: set[str]) -> None:  # type: ignore[no-untyped-def]
    assert _allowed(cast, predicate) == expected
    assert not predicate(AnonymousUser())


def test_it_lets_the_system_account_act_for_batch_jobs_but_not_break_glass(cast: Cast) -> None:
    assert policy.can_view_child(cast.system, cast.child).basis == "system"
    assert policy.can_create_person(cast.system)
    assert not policy.can_break_glass(cast.system, cast.stranger)


def test_it_refuses_deactivated_users_everything(cast: Cast) -> None:
    cast.sw.is_active = False
    assert not policy.can_view_child(cast.sw, cast.child)
    assert not policy.can_search_people(cast.sw)


@pytest.mark.parametrize("role", ALL)
def test_its_list_scope_agrees_with_the_single_record_answer(cast: Cast, role: str) -> None:
    access_services.involvement_start(
        actor=cast.system, child=cast.stranger, kind=InvolvementKind.OPEN_WORK, team=cast.cp_team, reason="assessment"
    )
    access_services.break_glass_open(actor=cast.mash, child=cast.mother, reason="Mother presented at A&E, urgent")
    sealed = people_services.person_create(actor=cast.system, given_name="Sealed", family_name="Child")
    access_services.allocation_set(actor=cast.system, child=sealed, worker=cast.sw)
    people_services.person_set_access_level(
        actor=cast.system, person=sealed, access_level=AccessLevel.SEALED, reason="Adoption"
    )
    user = cast.users()[role]
    from safeguard.people.models import Person

    scope = set(Person.objects.filter(pk__in=policy.visible_child_ids(user)).values_list("pk", flat=True))
    single = {p.pk for p in Person.objects.all() if policy.can_view_child(user, p)}
    assert scope == single
