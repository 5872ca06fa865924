"""Who may see or change adoption records, built on ``safeguard.access.policy`` and the
children-in-care policy. In plain English:

1. A child's adoption record (the decision that the child should be placed for adoption
   and what followed) is part of the child's care record: it is seen and recorded by
   exactly those who see and record the child's care (``care.policy`` rule 1: council
   practitioners with the full view of the child). Partners never see it.
2. Adopters are adults applying to the council's adoption agency; their records hold no
   child's case but are confidential. Council practitioners (social workers, team managers
   and heads of service of the council) see the adopter households, so that a child's
   worker can find the family a child is matched with.
3. Adopter records are changed by the adoption workers: social workers and team managers
   in the children-in-care service (Safeguard's teams of kind "children in care", where
   the adoption and permanence workers sit), and heads of service.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from safeguard.access.policy import Decision
from safeguard.accounts.models import COUNCIL_PRACTICE_ROLES, AgencyKind, Role, TeamKind
from safeguard.care import policy as care_policy

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser
    from safeguard.people.models import Person


def can_view_adoption(user: AnyUser, child: Person) -> Decision:
    """The child's adoption record (rule 1): the care record's answer."""
    return care_policy.can_view_care(user, child)


def can_record_adoption(user: AnyUser, child: Person) -> Decision:
    """Recording the child's adoption decisions (rule 1)."""
    return care_policy.can_record_care(user, child)


def _council_practitioner(user: AnyUser) -> bool:
    agency = getattr(user, "agency", None)
    return (
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and getattr(user, "role", "") in COUNCIL_PRACTICE_ROLES
        and getattr(agency, "kind", "") == AgencyKind.CHILDRENS_SOCIAL_CARE
    )


def can_view_adopters(user: AnyUser) -> Decision:
    """Adopter households and their journeys (rule 2)."""
    if getattr(user, "is_system", False):
        return Decision(True, "Batch jobs act as the named system account.", "system")
    if _council_practitioner(user):
        return Decision(True, "Council practitioners see the adopters a child may be matched with.", "role")
    return Decision(False, "Adopters' records are for the council's practitioners.", "role")


def can_record_adopters(user: AnyUser) -> Decision:
    """Recording adopters and their journeys (rule 3)."""
    if getattr(user, "is_system", False):
        return Decision(True, "Batch jobs act as the named system account.", "system")
    if not _council_practitioner(user):
        return Decision(False, "Adopters' records are for the council's practitioners.", "role")
    if getattr(user, "role", "") == Role.HEAD_OF_SERVICE:
        return Decision(True, "Heads of service record adopters.", "head_of_service")
    team = getattr(user, "team", None)
    if team is not None and team.kind == TeamKind.CHILDREN_IN_CARE:
        return Decision(True, f"You are an adoption worker in {team}.", "team")
    return Decision(False, "Adopters are recorded by the adoption workers in the children-in-care service.", "role")
