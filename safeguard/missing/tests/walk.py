"""The missing-episode URLs in the every-URL, every-role walk."""

from __future__ import annotations

from typing import Any

from safeguard.access.tests.walk_tables import CHILD_EDIT, CHILD_VIEW, child_table
from safeguard.audit.models import EventType

EXPECTED = {
    "missing:episodes": child_table(CHILD_VIEW),
    "missing:episode": child_table(CHILD_VIEW),
    "missing:start": child_table(CHILD_EDIT),
    # The walked episodes have ended: the return form sends those allowed to the episode.
    "missing:end": child_table({w: {r: 302 if s == 200 else s for r, s in t.items()} for w, t in CHILD_EDIT.items()}),
    "missing:return_interview": child_table(CHILD_EDIT),
}
SWITCHING = {"missing_uuid"}
CHILD_DATA_EVENTS = {name: EventType.PERSON_VIEWED for name in EXPECTED if name != "missing:end"}


def walk_data(cast: Any) -> dict[str, dict[str, str]]:
    """An ended episode for each child, so that the return interview form opens."""
    import datetime as dt

    from django.utils import timezone

    from safeguard.missing import services

    related = services.missing_start(
        actor=cast.system,
        child=cast.child,
        started_at=timezone.now() - dt.timedelta(hours=3),
        ended_at=timezone.now() - dt.timedelta(hours=1),
        where_found="Home",
        reported_by="Mother",
    )
    unrelated = services.missing_start(
        actor=cast.system,
        child=cast.stranger,
        started_at=timezone.now() - dt.timedelta(hours=3),
        ended_at=timezone.now() - dt.timedelta(hours=1),
        where_found="Home",
        reported_by="Carer",
    )
    return {"related": {"missing_uuid": str(related.uuid)}, "unrelated": {"missing_uuid": str(unrelated.uuid)}}
