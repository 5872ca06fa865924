"""Who may see or change which part of a child in care's record, built on
``safeguard.access.policy``. In plain English:

1. The whole children-in-care record (episodes, placements, carers, reviews, visits,
   plans) is for council practitioners with the full view of the child (allocated
   worker, their team, a team with open work such as the reviewing service, heads of
   service, break-glass). Recording episodes, visits and plans needs the same.
2. Reviews are chaired and recorded by independent reviewing officers (members of a
   reviewing team) who have the full view of the child; only they bring a review forward.
3. Health partners (an NHS trust involved with the child, such as its looked-after
   children's nurses) see and record the health part: health assessments, dental and
   immunisation checks, the SDQ. Nothing else of the care record.
4. Education partners (a school or the virtual school involved with the child) see and
   record the education part: personal education plans. Nothing else.
5. The children-in-care team view lists children for the children-in-care team, the
   reviewing service and heads of service, filtered by what each may see.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from safeguard.access.policy import Decision, can_view_child, can_work_on_case
from safeguard.accounts.models import COUNCIL_PRACTICE_ROLES, AgencyKind, Role, TeamKind

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser
    from safeguard.people.models import Person

HEALTH_AGENCIES = frozenset({AgencyKind.NHS_TRUST})
EDUCATION_AGENCIES = frozenset({AgencyKind.SCHOOL})


def _deny(reason: str, basis: str) -> Decision:
    return Decision(False, reason, basis)


def _partner_agency_kind(user: AnyUser) -> str:
    agency = getattr(user, "agency", None)
    return getattr(agency, "kind", "") or ""


def can_view_care(user: AnyUser, child: Person) -> Decision:
    """The full children-in-care record (rule 1)."""
    decision = can_view_child(user, child)
    if decision and decision.partner_view:
        return _deny(
            "Partners see only the health or education part of a child in care's record that their agency works on.",
            "partner",
        )
    return decision


def can_record_care(user: AnyUser, child: Person) -> Decision:
    """Episodes, placements, carers, visits, care and permanence plans (rule 1)."""
    return can_work_on_case(user, child)


def is_iro(user: AnyUser) -> bool:
    team = getattr(user, "team", None)
    return bool(
        getattr(user, "is_authenticated", False)
        and team is not None
        and team.kind == TeamKind.REVIEWING
        and getattr(user, "role", "") in (Role.SOCIAL_WORKER, Role.TEAM_MANAGER)
    )


def can_chair_review(user: AnyUser, child: Person) -> Decision:
    """Recording a looked-after review, or bringing one forward, is for the IRO (rule 2)."""
    decision = can_work_on_case(user, child)
    if not decision:
        return decision
    if getattr(user, "is_system", False) or is_iro(user):
        return decision
    return _deny("Reviews are chaired and recorded by an independent reviewing officer.", "role")


def _partner_part(user: AnyUser, child: Person, kinds: frozenset[str], part: str) -> Decision:
    decision = can_view_child(user, child)
    if not decision or not decision.partner_view:
        return decision
    if _partner_agency_kind(user) in kinds:
        return Decision(
            True, f"Your agency is involved with this child in care and works on the {part} part.", "agency_part"
        )
    return _deny(f"Only the agencies working on the {part} of a child in care see this part.", "partner")


def can_view_care_health(user: AnyUser, child: Person) -> Decision:
    """Health assessments, dental and immunisation checks, SDQ (rule 3)."""
    return _partner_part(user, child, HEALTH_AGENCIES, "health")


def can_record_care_health(user: AnyUser, child: Person) -> Decision:
    decision = can_view_care_health(user, child)
    if not decision or decision.basis == "agency_part":
        return decision
    return can_work_on_case(user, child)


def can_view_care_education(user: AnyUser, child: Person) -> Decision:
    """Personal education plans (rule 4)."""
    return _partner_part(user, child, EDUCATION_AGENCIES, "education")


def can_record_care_education(user: AnyUser, child: Person) -> Decision:
    decision = can_view_care_education(user, child)
    if not decision or decision.basis == "agency_part":
        return decision
    return can_work_on_case(user, child)


def can_view_cic_team(user: AnyUser) -> Decision:
    """The children-in-care team view (rule 5)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return _deny("You need to sign in.", "anonymous")
    role = getattr(user, "role", "")
    team = getattr(user, "team", None)
    if role == Role.HEAD_OF_SERVICE:
        return Decision(True, "Heads of service see every team's children in care.", "head_of_service")
    if (
        role in (Role.SOCIAL_WORKER, Role.TEAM_MANAGER)
        and team is not None
        and team.kind in (TeamKind.CHILDREN_IN_CARE, TeamKind.REVIEWING)
    ):
        return Decision(True, f"You are in {team}.", "team")
    return _deny("The children-in-care view is for the children-in-care team and the reviewing service.", "role")


def can_add_carer(user: AnyUser) -> Decision:
    """Carers and settings hold no child's data; council practitioners add them."""
    if getattr(user, "is_system", False):
        return Decision(True, "Batch jobs act as the named system account.", "system")
    if getattr(user, "is_authenticated", False) and getattr(user, "role", "") in COUNCIL_PRACTICE_ROLES:
        return Decision(True, "Council practitioners record carers and settings.", "role")
    return _deny("Council practitioners record carers and settings.", "role")
