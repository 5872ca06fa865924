"""Test helpers: a young person with a care history (written through
``safeguard.care.services``, as a practitioner would), and a personal adviser."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from safeguard.accounts import services as account_services
from safeguard.accounts.models import Role, Team, TeamKind, User
from safeguard.care import services as care_services
from safeguard.conftest import PASSWORD, Cast
from safeguard.people import services as people_services
from safeguard.people.models import Person

FOSTER = care_services.Placement(placement_type="U6", placement_provider="PR1", placement_postcode="NB1 2AB")


def care_version(child: Person) -> int:
    """The version of the child's care record, which guards changes to the episode history."""
    from safeguard.care.models import CareRecord

    return CareRecord.objects.get(child=child).version


def care_history(actor: User, child: Person, periods: Sequence[tuple[dt.date, dt.date | None, str, str]]) -> None:
    """Periods of care (start, end, legal status, REC ending it), each one episode in
    foster care, recorded through the care services."""
    for start, end, status, end_reason in periods:
        care_services.care_start(
            actor=actor,
            child=child,
            start_date=start,
            legal_status=status,
            category_of_need="N1",
            placement=FOSTER,
            home_postcode="NB3 4CD",
        )
        if end is not None:
            care_services.care_end(
                actor=actor, child=child, on=end, end_reason=end_reason, expected_version=care_version(child)
            )


def leaving_care_team(cast: Cast) -> Team:
    return Team.objects.get_or_create(
        agency=cast.council, name="Leaving Care Team", defaults={"kind": TeamKind.LEAVING_CARE}
    )[0]


def adviser(cast: Cast, username: str = "pa") -> User:
    user, _ = account_services.user_create(
        actor=cast.system,
        username=username,
        first_name="Paige",
        last_name="Adler",
        email=f"{username}@example.org",
        role=Role.SOCIAL_WORKER,
        agency=cast.council,
        team=leaving_care_team(cast),
        password=PASSWORD,
        must_change_password=False,
    )
    return user


def care_leaver(cast: Cast, *, born: dt.date, left: dt.date, entered: dt.date, given: str = "Jade") -> Person:
    """A young person allocated to ``cast.sw``, looked after from ``entered`` to ``left``."""
    from safeguard.access import services as access_services

    person = people_services.person_create(
        actor=cast.system, given_name=given, family_name="Rowe", date_of_birth=born, sex="F", ethnicity="WBRI"
    )
    access_services.allocation_set(actor=cast.system, child=person, worker=cast.sw)
    care_history(cast.sw, person, [(entered, left, "C2", "E17" if left else "")])
    return person
