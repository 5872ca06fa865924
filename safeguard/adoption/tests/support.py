"""Set-up shared by adoption's tests: a child in care and adopters, through services."""

from __future__ import annotations

import datetime as dt

from safeguard.adoption import services
from safeguard.adoption.models import AdopterHousehold
from safeguard.care import services as care_services
from safeguard.conftest import Cast
from safeguard.people.models import Person


def in_care(cast: Cast, child: Person, started: dt.date, *, legal_status: str = "C2") -> None:
    carer = care_services.carer_create(actor=cast.system, name=f"Carers of {child.given_name}", kind="foster")
    care_services.care_start(
        actor=cast.system,
        child=child,
        start_date=started,
        legal_status=legal_status,
        category_of_need="N1",
        placement=care_services.Placement(placement_type="U6", placement_provider="PR1", carer=carer),
    )


def couple(cast: Cast, enquiry_on: dt.date, *, status: str = "L11") -> AdopterHousehold:
    return services.household_create(
        actor=cast.system,
        legal_status=status,
        enquiry_on=enquiry_on,
        adopters=[
            services.AdopterInput("Fiona", "Campbell", "F", "WBRI", "no", True),
            services.AdopterInput("Ross", "Campbell", "M", "WBRI", "yes"),
        ],
    )
