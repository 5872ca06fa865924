"""Helpers for early help tests: an early help team, a contact the front door decided
early help, a step-down, and an episode started through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from safeguard.accounts import services as account_services
from safeguard.accounts.models import Role, Team, TeamKind, User
from safeguard.casework.models import CaseClosure
from safeguard.conftest import PASSWORD, Cast
from safeguard.frontdoor import services as frontdoor
from safeguard.frontdoor.models import Contact
from safeguard.frontdoor.tests.support import contact_input
from safeguard.people import services as people_services
from safeguard.people.models import Person

from .. import services
from ..models import EarlyHelpEpisode


def early_help_team(cast: Cast) -> Team:
    team = Team.objects.filter(kind=TeamKind.EARLY_HELP).first()
    return team or account_services.team_create(
        actor=cast.system, agency=cast.council, name="Early Help Hub", kind=TeamKind.EARLY_HELP
    )


def practitioner(cast: Cast, username: str = "eh", role: Role = Role.SOCIAL_WORKER) -> User:
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    user, _ = account_services.user_create(
        actor=cast.system,
        username=username,
        first_name="Erin",
        last_name="Holt" if username == "eh" else "Manning",
        email=f"{username}@example.org",
        role=role,
        agency=cast.council,
        team=early_help_team(cast),
        password=PASSWORD,
        must_change_password=False,
    )
    return user


def child(cast: Cast, given: str = "Ava", family: str = "Stone") -> Person:
    return people_services.person_create(
        actor=cast.system,
        given_name=given,
        family_name=family,
        date_of_birth=dt.date(2016, 3, 4),
        sex="F",
        ethnicity="WBRI",
    )


def decided_contact(cast: Cast, person: Person | None, **overrides: Any) -> Contact:
    """A contact from the police, matched to ``person`` (unless None) and decided early help."""
    values = {"child_given_name": "Ava", "child_family_name": "Stone", "child_date_of_birth": dt.date(2016, 3, 4)}
    contact, _ = frontdoor.contact_submit(actor=cast.police, data=contact_input(**(values | overrides)))
    if person is not None:
        contact = frontdoor.contact_match(
            actor=cast.system, contact=contact, person=person, expected_version=contact.version
        )
    return frontdoor.contact_decide(
        actor=cast.system,
        contact=contact,
        decision="early_help",
        rationale="Below the threshold for social care; the family would take up help from the family hub.",
        expected_version=contact.version,
    )


def step_down(cast: Cast, person: Person) -> CaseClosure:
    from safeguard.casework import services as casework

    closure = casework.closure_propose(
        actor=cast.system,
        child=person,
        census_reason="RC9",
        closed_on=timezone.localdate(),
        reason="Assessment found needs that early help can meet.",
    )
    return casework.closure_authorise(actor=cast.system, closure=closure, expected_version=closure.version)


def episode(cast: Cast, person: Person, *, actor: User | None = None, lead_agency: Any = None) -> EarlyHelpEpisode:
    contact = decided_contact(cast, person)
    return services.start_from_contact(
        actor=actor or practitioner(cast),
        contact=contact,
        lead=services.Lead(name="Erin Holt", agency=lead_agency or cast.council),
        started_on=timezone.localdate(),
    )
