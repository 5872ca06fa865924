"""The partnership pages in the every-URL, every-role walk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from safeguard.access.tests.walk_tables import by_role
from safeguard.conftest import Cast

VIEWERS = {"hos", "manager", "analyst", "police", "health", "school", "outsider"}

EXPECTED: dict[str, Callable[[str, str], int]] = {
    "partnership:dashboard": by_role(VIEWERS),
    "partnership:action_new": by_role({"hos"}),
    "partnership:action": by_role(VIEWERS),
}
SWITCHING: set[str] = set()
CHILD_DATA_EVENTS: dict[str, str] = {}


def walk_data(cast: Cast) -> dict[str, dict[str, str]]:
    from safeguard.partnership import services

    priority = services.priority_add(actor=cast.hos, title="The front door")
    action = services.action_add(
        actor=cast.hos,
        priority=priority,
        title="Health answers the MASH within four hours",
        owner_agency=cast.nhs,
        owner_name="Named nurse",
        due_on=dt.date(2027, 3, 31),
    )
    params = {"plan_action_uuid": str(action.uuid)}
    return {"related": params, "unrelated": params}
