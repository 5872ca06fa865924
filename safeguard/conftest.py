"""The fixed multi-agency cast every test uses, set up through services.

Who may see what (see access/policy.py):
- ``sw``: social worker in Assessment Team North, allocated to ``child`` (full view).
- ``manager``: team manager of Assessment Team North (full view of the team's children).
- ``hos``: head of service (every child the service is working with; sealed records).
- ``sw_other``: social worker in Child Protection Team South, no relationship with ``child``.
- ``mash``: MASH social worker, no relationship with ``child``.
- ``police``: police officer; her force referred ``child`` (partner view).
- ``health``: health visitor; her trust is not involved (no view).
- ``school``: school designated safeguarding lead; not involved (no view).
- ``analyst``: performance analyst (aggregates only).
- ``ig``: information-governance officer (audit trail only).
- ``admin``: system administrator (users, not cases).
- ``outsider``: signed-in user of an "other" agency with no involvement.
``child`` has an allocation and a police involvement; ``stranger`` has no involvement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.test import Client

from safeguard.access import services as access_services
from safeguard.access.models import InvolvementKind
from safeguard.accounts import services as account_services
from safeguard.accounts.models import Agency, AgencyKind, Role, Team, TeamKind, User
from safeguard.people import services as people_services
from safeguard.people.models import Person

pytest_plugins = ["safeguard.browser_conftest"]


def pytest_sessionstart(session: pytest.Session) -> None:
    """In CI the returns' validator tests must run, never skip: `make test` builds them."""
    import os

    from safeguard.returns.validation import validators_available

    if os.environ.get("CI") and not validators_available():
        raise pytest.UsageError("CI needs the DfE validators: run `make validators` (make test does).")


PASSWORD = "correct-horse-battery-staple-42"  # noqa: S105 - the test cast's shared password


@dataclass
class Cast:
    system: User
    council: Agency
    police_force: Agency
    nhs: Agency
    school_agency: Agency
    other_agency: Agency
    assessment: Team
    cp_team: Team
    mash_team: Team
    sw: User
    manager: User
    hos: User
    sw_other: User
    mash: User
    police: User
    health: User
    school: User
    analyst: User
    ig: User
    admin: User
    outsider: User
    child: Person
    stranger: Person
    mother: Person

    def users(self) -> dict[str, User]:
        names = [
            "sw",
            "manager",
            "hos",
            "sw_other",
            "mash",
            "police",
            "health",
            "school",
            "analyst",
            "ig",
            "admin",
            "outsider",
        ]
        return {n: getattr(self, n) for n in names}


@pytest.fixture(autouse=True)
def _fast_password_hashing(request: pytest.FixtureRequest, settings) -> None:  # type: ignore[no-untyped-def]
    """Argon2 is deliberately slow; tests use a fast hasher except where they check argon2."""
    if "argon2" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_matching_caches() -> None:
    """Matching remembers the register's size and name frequencies for ten minutes; each
    test has its own register."""
    from safeguard.people import matching

    matching._name_counts.clear()
    matching._register_count = (0.0, 0)


def _user(system: User, username: str, role: Role, agency: Agency, team: Team | None, first: str, last: str) -> User:
    user, _ = account_services.user_create(
        actor=system,
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@example.org",
        role=role,
        agency=agency,
        team=team,
        password=PASSWORD,
        must_change_password=False,
    )
    return user


@pytest.fixture
def cast(db: None) -> Cast:
    system = account_services.system_user()
    council = account_services.agency_create(
        actor=system, name="Northbrook Children's Services", kind=AgencyKind.CHILDRENS_SOCIAL_CARE
    )
    police_force = account_services.agency_create(actor=system, name="Northbrook Police", kind=AgencyKind.POLICE)
    nhs = account_services.agency_create(actor=system, name="Northbrook NHS Trust", kind=AgencyKind.NHS_TRUST)
    school_agency = account_services.agency_create(actor=system, name="Riverside Academy", kind=AgencyKind.SCHOOL)
    other_agency = account_services.agency_create(actor=system, name="Northbrook Housing", kind=AgencyKind.OTHER)
    assessment = account_services.team_create(
        actor=system, agency=council, name="Assessment Team North", kind=TeamKind.ASSESSMENT
    )
    cp_team = account_services.team_create(
        actor=system, agency=council, name="Child Protection Team South", kind=TeamKind.CHILD_PROTECTION
    )
    mash_team = account_services.team_create(actor=system, agency=council, name="MASH", kind=TeamKind.MASH)
    ig_team = account_services.team_create(
        actor=system, agency=council, name="Information Governance", kind=TeamKind.INFORMATION_GOVERNANCE
    )
    perf_team = account_services.team_create(
        actor=system, agency=council, name="Performance", kind=TeamKind.PERFORMANCE
    )
    sw = _user(system, "sw", Role.SOCIAL_WORKER, council, assessment, "Sam", "Walker")
    manager = _user(system, "manager", Role.TEAM_MANAGER, council, assessment, "Mina", "Hart")
    hos = _user(system, "hos", Role.HEAD_OF_SERVICE, council, None, "Hugh", "Oakes")
    sw_other = _user(system, "sw_other", Role.SOCIAL_WORKER, council, cp_team, "Olu", "Reed")
    mash = _user(system, "mash", Role.SOCIAL_WORKER, council, mash_team, "Maya", "Ash")
    police = _user(system, "police", Role.PARTNER, police_force, None, "Pat", "Lane")
    health = _user(system, "health", Role.PARTNER, nhs, None, "Helen", "Vickers")
    school = _user(system, "school", Role.PARTNER, school_agency, None, "Sian", "Doyle")
    analyst = _user(system, "analyst", Role.ANALYST, council, perf_team, "Ana", "Lister")
    ig = _user(system, "ig", Role.IG_OFFICER, council, ig_team, "Iris", "Gold")
    admin = _user(system, "admin", Role.ADMINISTRATOR, council, None, "Adam", "Minh")
    outsider = _user(system, "outsider", Role.PARTNER, other_agency, None, "Otto", "Sider")
    child = people_services.person_create(
        actor=system,
        given_name="Tyler",
        family_name="Brookes",
        date_of_birth=dt.date(2014, 5, 17),
        sex="M",
        ethnicity="WBRI",
        nhs_number="9434765919",
    )
    stranger = people_services.person_create(
        actor=system,
        given_name="Ella",
        family_name="Marsh",
        date_of_birth=dt.date(2012, 9, 2),
        sex="F",
        ethnicity="MWBC",
    )
    mother = people_services.person_create(
        actor=system,
        kind="adult",
        given_name="Dawn",
        family_name="Brookes",
        date_of_birth=dt.date(1988, 1, 11),
        sex="F",
    )
    access_services.allocation_set(actor=system, child=child, worker=sw)
    access_services.involvement_start(
        actor=system, child=child, kind=InvolvementKind.AGENCY, agency=police_force, reason="referred the child"
    )
    return Cast(
        system=system,
        council=council,
        police_force=police_force,
        nhs=nhs,
        school_agency=school_agency,
        other_agency=other_agency,
        assessment=assessment,
        cp_team=cp_team,
        mash_team=mash_team,
        sw=sw,
        manager=manager,
        hos=hos,
        sw_other=sw_other,
        mash=mash,
        police=police,
        health=health,
        school=school,
        analyst=analyst,
        ig=ig,
        admin=admin,
        outsider=outsider,
        child=child,
        stranger=stranger,
        mother=mother,
    )


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
