"""Adoption's URLs in the every-URL, every-role walk (see
``safeguard/access/tests/test_every_url_every_role.py``).

The related and the unrelated child are both looked after (the care walk puts them in
foster care; this module does it only if no care was recorded) and each has a decision
that they should be placed for adoption. A child's adoption pages are the children-in-care
record's view (the same answer as changing the record). Adopters are seen by council
practitioners and recorded by adoption workers in the children-in-care team (none in the
walked cast) and heads of service.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from safeguard.access.tests.walk_tables import CHILD_EDIT, COUNCIL, by_role, child_table
from safeguard.audit.models import EventType

CHILD_PAGES = ["record", "decision_new", "decision_edit"]

EXPECTED: dict[str, Callable[[str, str], int]] = {
    **{f"adoption:{name}": child_table(CHILD_EDIT) for name in CHILD_PAGES},
    "adoption:households": by_role(COUNCIL),
    "adoption:household": by_role(COUNCIL),
    "adoption:household_new": by_role({"hos"}),
    "adoption:household_edit": by_role({"hos"}),
    "adoption:adopter_new": by_role({"hos"}),
    "adoption:adopter_edit": by_role({"hos"}),
}
SWITCHING = {"decision_uuid"}
CHILD_DATA_EVENTS = {f"adoption:{name}": EventType.PERSON_VIEWED for name in CHILD_PAGES}


def walk_data(cast) -> dict[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from safeguard.adoption import services
    from safeguard.care import services as care_services
    from safeguard.care.models import Episode

    today = timezone.localdate()
    carer = None
    household = services.household_create(
        actor=cast.system,
        legal_status="L0",
        enquiry_on=today - dt.timedelta(days=200),
        adopters=[services.AdopterInput("Walk", "Adopter", "F", "WBRI")],
    )
    params = {}
    for which, child in (("related", cast.child), ("unrelated", cast.stranger)):
        started = today - dt.timedelta(days=60)
        if not Episode.objects.filter(child=child, end_date__isnull=True).exists():
            carer = carer or care_services.carer_create(actor=cast.system, name="Walk Carers", kind="foster")
            care_services.care_start(
                actor=cast.system,
                child=child,
                start_date=started,
                legal_status="C2",
                category_of_need="N1",
                placement=care_services.Placement(placement_type="U6", placement_provider="PR1", carer=carer),
            )
        decision = services.decision_record(actor=cast.system, child=child, decided_on=today)
        params[which] = {
            "decision_uuid": str(decision.uuid),
            "household_uuid": str(household.uuid),
            "adopter_uuid": str(household.adopters.get().uuid),
        }
    return params
