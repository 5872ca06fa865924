"""Who may see and record a care leaver's leaving-care work, built on the access policy.

1. The leaving-care section, pathway plans and keeping-in-touch records are the council's
   case record: council practitioners with a relationship to the young person (rule 1 of
   ``access.policy``) read them; partners never see them (their partner view leaves them out).
2. Anyone working on the young person's case records leaving-care work (the allocated
   worker, their team, the leaving-care team holding open work as personal adviser).
3. A team manager or head of service allocates a personal adviser.
4. The caseload page is for council practitioners; it lists only young people whose
   record they may open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from safeguard.access import policy
from safeguard.access.policy import Decision
from safeguard.accounts.models import COUNCIL_PRACTICE_ROLES, MANAGER_ROLES

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser
    from safeguard.people.models import Person


def can_view_leaving_care(user: AnyUser, child: Person) -> Decision:
    decision = policy.can_view_child(user, child)
    if decision and decision.partner_view:
        return Decision(False, "Leaving-care records are for the council's practitioners.", "role")
    return decision


def can_record_leaving_care(user: AnyUser, child: Person) -> Decision:
    return policy.can_work_on_case(user, child)


def can_allocate_adviser(user: AnyUser, child: Person) -> Decision:
    decision = policy.can_work_on_case(user, child)
    if not decision:
        return decision
    if getattr(user, "is_system", False) or getattr(user, "role", None) in MANAGER_ROLES:
        return decision
    return Decision(False, "A team manager or head of service allocates a personal adviser.", "role")


def can_view_caseload(user: AnyUser) -> Decision:
    if user.is_authenticated and getattr(user, "role", None) in COUNCIL_PRACTICE_ROLES:
        return Decision(True, "Council practitioners see the care leavers whose records they may open.", "role")
    return Decision(False, "The leaving-care caseload is for council practitioners.", "role")
