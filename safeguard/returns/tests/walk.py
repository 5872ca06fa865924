"""The returns' URLs in the every-URL, every-role walk (see access/tests)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from safeguard.access.tests.walk_tables import COUNCIL, by_role
from safeguard.audit.models import EventType
from safeguard.conftest import Cast
from safeguard.returns import services
from safeguard.returns.codes import ReturnKind

PRODUCERS = {"analyst", "hos"}
FINDINGS = COUNCIL | {"analyst"}

EXPECTED: dict[str, Callable[[str, str], int]] = {
    "returns:index": by_role(FINDINGS),
    "returns:cin_new": by_role(PRODUCERS),
    "returns:ssda903_new": by_role(PRODUCERS),
    "returns:annex_a_new": by_role(PRODUCERS),
    "returns:run": by_role(FINDINGS),
    "returns:run_status": by_role(FINDINGS),
    "returns:run_download": by_role(PRODUCERS),
}
# A run is the authority's, not a child's: no related/unrelated switch.
SWITCHING: set[str] = set()
# The download is the export of every child's data in the return.
CHILD_DATA_EVENTS = {"returns:run_download": EventType.EXPORT}


def walk_data(cast: Cast) -> dict[str, dict[str, str]]:
    """A produced (unvalidated) Annex A for the walk: quick, and needs no validators."""
    run = services.return_run_request(
        actor=cast.analyst,
        kind=ReturnKind.ANNEX_A,
        period_start=dt.date(2026, 5, 1),
        period_end=dt.date(2026, 10, 31),
        validate=False,
    )
    services.return_run_execute(run_id=run.pk)
    params = {"run_uuid": str(run.uuid)}
    return {"related": params, "unrelated": params}
