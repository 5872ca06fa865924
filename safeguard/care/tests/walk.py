"""Children in care's URLs in the every-URL, every-role walk (see
``safeguard/access/tests/test_every_url_every_role.py``).

Both the related and the unrelated child are put in foster care. The care record and
its forms are the council's full view (the same answer as changing the record); the
health pages add the NHS trust, whose agency is involved with the related child (the
looked-after children's nurse); the education pages add schools involved with the child,
and the walk's school is not involved with the related child, so it gets 404 like
everywhere else. Reviews are for independent reviewing officers, none of whom is in the
walked cast: the council roles who can see the child are told no (403).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from safeguard.access.tests.walk_tables import CHILD_EDIT, CHILD_VIEW, COUNCIL, by_role, child_table
from safeguard.audit.models import EventType

REVIEW = {
    "related": dict.fromkeys(("sw", "manager", "hos", "mash", "police", "health", "sw_other", "ig"), 403),
    "unrelated": CHILD_VIEW["unrelated"],
}
HEALTH = {"related": {**CHILD_EDIT["related"], "health": 200}, "unrelated": CHILD_VIEW["unrelated"]}

CHILD_PAGES = [
    "record",
    "start",
    "change",
    "end",
    "iro",
    "visit_new",
    "plan_new",
    "short_break_agreement_new",
    "education",
    "pep_new",
    "uasc",
    "permanence_before",
    "outcomes",
    "liberty_order_new",
    "liberty_order",
]

EXPECTED: dict[str, Callable[[str, str], int]] = {
    **{f"care:{name}": child_table(CHILD_EDIT) for name in CHILD_PAGES},
    "care:review_new": child_table(REVIEW),
    "care:review_bring_forward": child_table(REVIEW),
    "care:health": child_table(HEALTH),
    "care:health_new": child_table(HEALTH),
    "care:sdq_new": child_table(HEALTH),
    # Only heads of service among the walked roles; the children-in-care team and IROs
    # are not in the cast.
    "care:team": by_role({"hos"}),
    "care:carers": by_role(COUNCIL),
    "care:carer_new": by_role(COUNCIL),
    "care:carer_edit": by_role(COUNCIL),
}
SWITCHING: set[str] = set()
CHILD_DATA_EVENTS = {
    name: EventType.PERSON_VIEWED
    for name in EXPECTED
    if name not in {"care:team", "care:carers", "care:carer_new", "care:carer_edit"}
}


def walk_data(cast) -> dict[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    from safeguard.care import services

    carer = services.carer_create(actor=cast.system, name="Walk Foster Carers", kind="foster", provider="PR1")
    orders = {}
    for which, child in (("related", cast.child), ("unrelated", cast.stranger)):
        services.care_start(
            actor=cast.system,
            child=child,
            start_date=dt.date(2026, 9, 1),
            legal_status="V2",
            category_of_need="N1",
            placement=services.Placement(placement_type="U6", placement_provider="PR1", carer=carer),
        )
        order = services.liberty_order_record(
            actor=cast.system, child=child, start_date=dt.date(2026, 9, 10), end_date=None, expected_version=0
        )
        # A carer holds no child's data: the same one for both (not a switching converter).
        orders[which] = {"order_uuid": str(order.uuid), "year": "2027", "carer_uuid": str(carer.uuid)}
    return orders
