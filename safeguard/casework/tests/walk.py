"""The casework URLs added after the walk's own casework table (meetings corrected after
they are recorded, actions added and changed, invitations and reports before a
conference): their expected answers for the every-URL, every-role walk
(``safeguard/access/tests/test_every_url_every_role.py``).

The walk's casework on the related child (``_casework`` there) has a held initial
conference whose plan scheduled a review conference; here the police are invited to that
review. On the unrelated child the council is invited to its review. Each child also has a
referral waiting for an assessment (a manager may close it with no further action) and a
police protection recorded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from safeguard.access.tests.walk_tables import CASEWORK_MANAGER, CHILD_EDIT, HELD_CONFERENCE, MEETING, child_table
from safeguard.audit.models import EventType

EXPECTED: dict[str, Callable[[str, str], int]] = {
    # Correcting a recorded meeting, adding and changing actions: the council's full view.
    "casework:strategy_participants": child_table(CHILD_EDIT),
    "casework:strategy_action_new": child_table(CHILD_EDIT),
    "casework:conference_participants": child_table(CHILD_EDIT),
    "casework:conference_action_new": child_table(CHILD_EDIT),
    "casework:action_edit": child_table(CHILD_EDIT),
    # The walked conference is held: invitations are over, the council is sent to it.
    "casework:conference_invite": child_table(HELD_CONFERENCE),
    # A report received for an invitation to the review conference: the council records it.
    "casework:conference_report": child_table(CHILD_EDIT),
    # Closing a case is proposed by anyone working on it (the walked child's open plans make
    # the service refuse it, but the form is shown); authorising is POST only; re-opening
    # the walked (closed) record is for anyone working on the case.
    "casework:closure_new": child_table(CHILD_EDIT),
    "casework:closure_authorise": lambda role, which: 405,
    "casework:closure_reopen": child_table(CHILD_EDIT),
    # A core group: the council, and partners whose agency is named in it (the police on
    # the related child's; the council alone on the unrelated child's).
    "casework:core_group": child_table(MEETING),
    # Closing a referral with no further action: a manager's decision.
    "casework:referral_nfa": child_table(CASEWORK_MANAGER),
    # Emergency protection: recorded and changed by anyone working on the case.
    "casework:protection_new": child_table(CHILD_EDIT),
    "casework:protection_edit": child_table(CHILD_EDIT),
}
SWITCHING = {
    "invitation_uuid",
    "closure_uuid",
    "core_group_uuid",
    "meeting_action_uuid",
    "referral_uuid",
    "protection_uuid",
}
CHILD_DATA_EVENTS = dict.fromkeys(
    (
        "casework:strategy_participants",
        "casework:strategy_action_new",
        "casework:conference_participants",
        "casework:conference_action_new",
        "casework:action_edit",
        "casework:conference_invite",
        "casework:conference_report",
        "casework:closure_new",
        "casework:closure_reopen",
        "casework:core_group",
        "casework:referral_nfa",
        "casework:protection_new",
        "casework:protection_edit",
    ),
    EventType.PERSON_VIEWED,
)


def walk_data(cast: Any) -> dict[str, dict[str, str]]:
    from django.utils import timezone

    from safeguard.casework import services
    from safeguard.casework.models import Action, CaseClosure, ChildProtectionPlan, Conference

    def invite(child: Any, agency: Any) -> str:
        review = Conference.objects.get(child=child, kind="review", held_on__isnull=True)
        invitation = services.conference_invite(
            actor=cast.system, conference=review, invitation=services.InvitationInput(agency=agency)
        )
        return str(invitation.uuid)

    def closed(child: Any) -> str:
        # An earlier closure of the child's case, authorised (made directly: the walked
        # children have open plans, so the service would refuse a closure now).
        closure = CaseClosure.objects.create(
            child=child,
            kind="closed",
            census_reason="RC7",
            closed_on=timezone.localdate(),
            reason="Earlier closure",
            status="authorised",
            proposed_by=cast.system,
            authorised_by=cast.system,
            authorised_on=timezone.localdate(),
        )
        return str(closure.uuid)

    def referral(child: Any) -> str:
        # A referral waiting for an assessment (made directly: the front door's decision
        # would start the team's open work on the unrelated child).
        from safeguard.frontdoor.models import Contact, Referral

        contact = Contact.objects.create(
            reference=f"WALK-{child.la_id}",
            referrer_name="Walk",
            source="6",
            narrative="Walked referral",
            consent="given",
            status="decided",
            decision_due_at=timezone.now(),
            child=child,
        )
        made = Referral.objects.create(
            child=child,
            contact=contact,
            referral_date=timezone.localdate(),
            source="6",
            route="referral",
            team=cast.assessment,
        )
        return str(made.uuid)

    def protection(child: Any) -> str:
        record = services.emergency_protection_record(
            actor=cast.system,
            child=child,
            kind="police",
            started_on=timezone.localdate(),
            authority="PC Walker",
        )
        return str(record.uuid)

    def core_group(child: Any, agency: Any) -> str:
        plan = ChildProtectionPlan.objects.get(child=child, ended_on__isnull=True)
        meeting = services.core_group_record(
            actor=cast.system, plan=plan, held_on=plan.started_on, agencies=[cast.council, agency]
        )
        return str(meeting.uuid)

    return {
        "related": {
            "invitation_uuid": invite(cast.child, cast.police_force),
            "closure_uuid": closed(cast.child),
            "core_group_uuid": core_group(cast.child, cast.police_force),
            "meeting_action_uuid": str(Action.objects.filter(child=cast.child).order_by("pk")[0].uuid),
            "referral_uuid": referral(cast.child),
            "protection_uuid": protection(cast.child),
        },
        "unrelated": {
            "invitation_uuid": invite(cast.stranger, cast.council),
            "closure_uuid": closed(cast.stranger),
            "core_group_uuid": core_group(cast.stranger, cast.council),
            "meeting_action_uuid": str(Action.objects.filter(child=cast.stranger).order_by("pk")[0].uuid),
            "referral_uuid": referral(cast.stranger),
            "protection_uuid": protection(cast.stranger),
        },
    }
