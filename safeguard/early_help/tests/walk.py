"""The early help URLs in the every-URL, every-role walk.

The related child has an open early help episode led by the police force (already involved
with the child), with its plan agreed; the unrelated child an episode whose involvements
have ended (nobody in the walked cast has a relationship with it). A contact decided early
help and a step-down, each about a third child, wait in the queue."""

from __future__ import annotations

from typing import Any

from safeguard.access.tests.walk_tables import CHILD_EDIT, CHILD_VIEW, by_role, child_table
from safeguard.audit.models import EventType


def _with(table: dict[str, dict[str, int]], **related: int) -> dict[str, dict[str, int]]:
    return {"related": {**table["related"], **related}, "unrelated": table["unrelated"]}


# The episode: the council's full view and the lead's agency (the police); the NHS trust,
# involved with the child through the front door, sees the record but not the plan.
EPISODE_VIEW = _with(CHILD_VIEW, health=403)
EPISODE_EDIT = _with(CHILD_EDIT, police=200)
# A direct request for a child whose early help is open sends those allowed to it.
DIRECT = _with({w: {r: 302 if s == 200 else s for r, s in t.items()} for w, t in CHILD_EDIT.items()})

EXPECTED = {
    "early_help:queue": by_role({"hos"}),
    "early_help:start_contact": by_role({"hos"}),
    "early_help:start_step_down": by_role({"hos"}),
    "early_help:start_direct": child_table(DIRECT),
    "early_help:episode": child_table(EPISODE_VIEW),
    "early_help:edit": child_table(EPISODE_EDIT),
    "early_help:assessment": child_table(EPISODE_EDIT),
    "early_help:review": child_table(EPISODE_EDIT),
    "early_help:close": child_table(EPISODE_EDIT),
}
SWITCHING = {"episode_uuid"}
CHILD_DATA_EVENTS = {
    "early_help:start_contact": EventType.CONTACT_VIEWED,
    "early_help:start_step_down": EventType.PERSON_VIEWED,
    **{f"early_help:{name}": EventType.PERSON_VIEWED for name in ("episode", "edit", "assessment", "review", "close")},
}


def walk_data(cast: Any) -> dict[str, dict[str, str]]:
    import datetime as dt

    from django.utils import timezone

    from safeguard.access import services as access_services
    from safeguard.early_help import services
    from safeguard.early_help.tests import support

    hub = support.practitioner(cast, "eh.walk")
    today = timezone.localdate()
    related = services.start_direct(
        actor=cast.system,
        child=cast.child,
        requested_by="Riverside Academy",
        requested_by_agency=None,
        lead=services.Lead(name="PC Lane", agency=cast.police_force),
        started_on=today - dt.timedelta(days=30),
        reason="Help with routines and school attendance",
    )
    related = services.assessment_record(
        actor=cast.system,
        episode=related,
        expected_version=related.version,
        started_on=today - dt.timedelta(days=28),
        completed_on=today - dt.timedelta(days=10),
        organisation="Northbrook Family Hub",
        needs="Routines at home",
    )
    services.episode_update(
        actor=cast.system,
        episode=related,
        expected_version=related.version,
        lead=services.Lead(name="PC Lane", agency=cast.police_force),
        plan_agreed_on=today - dt.timedelta(days=9),
        plan="Weekly parenting sessions",
        review_weeks=6,
    )
    unrelated = services.start_direct(
        actor=cast.system,
        child=cast.stranger,
        requested_by="GP",
        requested_by_agency=None,
        lead=services.Lead(name="Erin Holt", agency=cast.council, user=hub),
        started_on=today - dt.timedelta(days=5),
    )
    for involvement in cast.stranger.involvements.filter(ended_at__isnull=True):
        access_services.involvement_end(actor=cast.system, involvement=involvement)
    third = support.child(cast, "Noah", "Field")
    contact = support.decided_contact(cast, third, child_given_name="Noah", child_family_name="Field")
    closure = support.step_down(cast, support.child(cast, "Isla", "Field"))
    both = {"queued_contact_uuid": str(contact.uuid), "step_down_uuid": str(closure.uuid)}
    return {
        "related": {"episode_uuid": str(related.uuid), **both},
        "unrelated": {"episode_uuid": str(unrelated.uuid), **both},
    }
