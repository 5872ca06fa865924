"""Leaving care's URLs in the every-URL, every-role walk (see
``safeguard/access/tests/test_every_url_every_role.py``).

The related child (allocated to ``sw``) and the unrelated one each get a pathway plan. The
cast's related child is 12, too young for a plan through ``pathway_plan_start`` (which
checks eligibility), so the walk writes the two plans directly: this module tests access
to the pages, not the plan rules (``test_services`` does that).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from safeguard.access.tests.walk_tables import ALLOCATE, CHILD_EDIT, COUNCIL, by_role, child_table
from safeguard.audit.models import EventType

# Reading a plan is the council's view; partners' partner view leaves leaving care out,
# which is the same answer as changing the record.
EXPECTED: dict[str, Callable[[str, str], int]] = {
    "leaving_care:caseload": by_role(COUNCIL),
    "leaving_care:adviser_allocate": child_table(ALLOCATE),
    "leaving_care:support_end": child_table(ALLOCATE),
    "leaving_care:details_edit": child_table(CHILD_EDIT),
    "leaving_care:plan_new": child_table(CHILD_EDIT),
    "leaving_care:plan": child_table(CHILD_EDIT),
    "leaving_care:plan_review": child_table(CHILD_EDIT),
    "leaving_care:keep_in_touch_new": child_table(CHILD_EDIT),
}
SWITCHING = {"pathway_plan_uuid"}
CHILD_DATA_EVENTS = {name: EventType.PERSON_VIEWED for name in EXPECTED if name != "leaving_care:caseload"}


def walk_data(cast) -> dict[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    from safeguard.leaving_care.models import PathwayPlan

    plans = {}
    for which, child in (("related", cast.child), ("unrelated", cast.stranger)):
        plan = PathwayPlan.objects.create(
            child=child,
            agreed_on=dt.date(2026, 9, 1),
            summary="Walk plan",
            next_review_due=dt.date(2027, 3, 1),
            recorded_by=cast.system,
        )
        plans[which] = {"pathway_plan_uuid": str(plan.uuid)}
    return plans
