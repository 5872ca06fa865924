"""Case audits in the every-URL, every-role walk.

The related record: a round (drawn by the head of service) auditing the related child,
assigned to the team manager of the child's team, graded inadequate and so escalated, with
an action for the child's social worker. The unrelated one: a round auditing a child in
another team, assigned to a quality assurance practitioner outside the walked cast, also
escalated. Rounds are for the head of service (and quality assurance practitioners);
an audit is seen by its auditor, the head of service, the manager of the case's team and
the worker; everyone else gets 404, as for an audit that does not exist.
"""

from __future__ import annotations

import datetime as dt

from safeguard.access.tests.walk_tables import COUNCIL, by_role
from safeguard.audit.models import EventType

RELATED_AUDIT = {"manager": 200, "hos": 200, "sw": 200}
RESOLVE = {"related": {"manager": 200, "hos": 200, "sw": 403}, "unrelated": {"hos": 200}}

EXPECTED = {
    "quality:home": by_role(COUNCIL),
    "quality:escalations": by_role(COUNCIL),
    "quality:results": by_role({"manager", "hos", "analyst"}),
    "quality:rounds": by_role({"hos"}),
    "quality:round_new": by_role({"hos"}),
    "quality:round": by_role({"hos"}),
    "quality:round_close": lambda role, which: 405,
    "quality:audit": lambda role, which: (RELATED_AUDIT if which == "related" else {"hos": 200}).get(role, 404),
    "quality:resolve": lambda role, which: RESOLVE[which].get(role, 404),
    "quality:action_complete": lambda role, which: 405,
    "quality:standards": by_role(COUNCIL),
    "quality:standard_new": by_role({"hos"}),
    "quality:standard_edit": by_role({"hos"}),
}
SWITCHING = {"round_uuid", "case_audit_uuid", "audit_action_uuid"}
CHILD_DATA_EVENTS = {
    "quality:audit": EventType.PERSON_VIEWED,
    "quality:resolve": EventType.PERSON_VIEWED,
}


def walk_data(cast) -> dict[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    from safeguard.access import services as access_services
    from safeguard.accounts import services as account_services
    from safeguard.people import services as people_services
    from safeguard.quality import selectors, services
    from safeguard.quality.models import PracticeStandard

    from .support import quality_auditor

    def graded(audit_round, auditor):  # type: ignore[no-untyped-def]
        case = audit_round.audits.get()
        return services.audit_record(
            actor=auditor,
            case=case,
            expected_version=case.version,
            grades={s.pk: (4, "") for s in selectors.standards()},
            grade=4,
            serious_concerns=True,
            strengths="Visits happen.",
            improvements="The child is not seen alone.",
            actions=[services.ActionInput("See the child alone", dt.date.today() + dt.timedelta(days=5))]
            if case.worker_id
            else [],
        )

    related = graded(
        services.round_create(
            actor=cast.hos, title="Walk round", method="chosen", chosen=[cast.child], auditors=[cast.manager]
        ),
        cast.manager,
    )
    east = account_services.team_create(
        actor=cast.system, agency=cast.council, name="Assessment Team West", kind="assessment"
    )
    west_worker, _ = account_services.user_create(
        actor=cast.system,
        username="sw_west",
        first_name="Wes",
        last_name="Tern",
        email="",
        role="social_worker",
        agency=cast.council,
        team=east,
    )
    other_child = people_services.person_create(
        actor=cast.system, given_name="Rowan", family_name="Vale", date_of_birth=dt.date(2013, 3, 3), sex="F"
    )
    access_services.allocation_set(actor=cast.system, child=other_child, worker=west_worker)
    qa = quality_auditor(cast, "walk_auditor")
    unrelated = graded(
        services.round_create(actor=qa, title="QA round", method="chosen", chosen=[other_child], auditors=[qa]), qa
    )
    standard = PracticeStandard.objects.first()
    assert standard is not None
    return {
        "related": {
            "round_uuid": str(related.round.uuid),
            "case_audit_uuid": str(related.uuid),
            "audit_action_uuid": str(related.actions.get().uuid),
            "standard_uuid": str(standard.uuid),
        },
        "unrelated": {
            "round_uuid": str(unrelated.round.uuid),
            "case_audit_uuid": str(unrelated.uuid),
            "audit_action_uuid": str(unrelated.actions.get().uuid),
            "standard_uuid": str(standard.uuid),
        },
    }
