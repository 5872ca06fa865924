"""The inspection pages in the every-URL, every-role walk (see
``safeguard/access/tests/test_every_url_every_role.py``)."""

from __future__ import annotations

from collections.abc import Callable

from safeguard.access.tests.walk_tables import by_role
from safeguard.conftest import Cast

from .support import inspection, inspector, open_access

READERS = {"hos", "manager", "analyst"}

EXPECTED: dict[str, Callable[[str, str], int]] = {
    "inspection:home": by_role(READERS),
    "inspection:self_evaluation_pdf": by_role(READERS),
    "inspection:new": by_role({"hos"}),
    "inspection:detail": by_role({"hos"}),
    "inspection:self_evaluation_edit": by_role({"hos"}),
    "inspection:access_end": lambda role, which: 405,
    "inspection:sample_remove": lambda role, which: 405,
}
SWITCHING: set[str] = set()
CHILD_DATA_EVENTS: dict[str, str] = {}


def walk_data(cast: Cast) -> dict[str, dict[str, str]]:
    from safeguard.inspection import services

    visit = inspection(cast)
    services.sample_add(actor=cast.hos, inspection=visit, child=cast.child)
    access = open_access(cast, inspector(cast, "walk.inspector"), visit)
    params = {"inspection_uuid": str(visit.uuid), "access_uuid": str(access.uuid), "area": "overall"}
    return {"related": params, "unrelated": params}
