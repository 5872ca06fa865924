"""The indicators' URLs in the every-URL, every-role walk: the dashboard and its
drill-downs are for analysts and council practitioners; everyone else is refused (403).
No URL selects one child's record, so none switches between related and unrelated."""

from __future__ import annotations

from safeguard.access.tests.walk_tables import COUNCIL, by_role
from safeguard.audit.models import EventType

VIEWERS = COUNCIL | {"analyst"}

EXPECTED = {
    "indicators:dashboard": by_role(VIEWERS),
    "indicators:export": by_role(VIEWERS),
    "indicators:drilldown": by_role(VIEWERS),
    "indicators:drilldown_export": by_role(VIEWERS),
}
SWITCHING: set[str] = set()
CHILD_DATA_EVENTS = {
    "indicators:drilldown": EventType.INDICATORS_VIEWED,
    "indicators:drilldown_export": EventType.EXPORT,
}


def walk_data(cast: object) -> dict[str, dict[str, str]]:
    params = {"indicator_code": "re_referrals", "indicator_month": "2026-09"}
    return {"related": dict(params), "unrelated": dict(params)}
