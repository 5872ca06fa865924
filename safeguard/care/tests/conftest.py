"""The children-in-care additions to the shared cast: an IRO in the reviewing service,
the NHS trust (its looked-after children's nurse is ``cast.health``) and the school
(``cast.school``, standing in for the virtual school) involved with the related child."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from safeguard.access import services as access_services
from safeguard.access.models import InvolvementKind
from safeguard.accounts import services as account_services
from safeguard.accounts.models import Role, TeamKind, User
from safeguard.care import services
from safeguard.care.models import Carer
from safeguard.conftest import PASSWORD, Cast


@dataclass
class CareCast:
    cast: Cast
    iro: User
    foster: Carer
    foster2: Carer
    home: Carer


def add_care_people(cast: Cast) -> CareCast:
    system = cast.system
    reviewing = account_services.team_create(
        actor=system, agency=cast.council, name="Independent Reviewing Service", kind=TeamKind.REVIEWING
    )
    iro, _ = account_services.user_create(
        actor=system,
        username="iro",
        first_name="Fiona",
        last_name="McKenzie",
        email="iro@example.org",
        role=Role.SOCIAL_WORKER,
        agency=cast.council,
        team=reviewing,
        password=PASSWORD,
        must_change_password=False,
    )
    for agency, reason in ((cast.nhs, "Looked-after children's nurse"), (cast.school_agency, "Virtual school")):
        access_services.involvement_start(
            actor=system, child=cast.child, kind=InvolvementKind.AGENCY, agency=agency, reason=reason
        )
    foster = services.carer_create(
        actor=system, name="Jo and Sam Patel", kind="foster", provider="PR1", postcode="NB2 3CD"
    )
    foster2 = services.carer_create(actor=system, name="Lee Morgan", kind="foster", provider="PR4", postcode="NB4 5EF")
    home = services.carer_create(actor=system, name="Oakfield House", kind="home", provider="PR4", urn="SC123456")
    return CareCast(cast, iro, foster, foster2, home)


@pytest.fixture
def care(cast: Cast) -> CareCast:
    return add_care_people(cast)


START = dt.date(2025, 6, 2)


def foster_placement(carer: Carer, postcode: str = "NB2 3CD") -> services.Placement:
    return services.Placement(placement_type="U6", placement_provider="PR1", placement_postcode=postcode, carer=carer)
