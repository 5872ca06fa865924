"""Who may see and record a child's missing episodes, built on ``access.policy``.

- Anyone who may open the child's record sees the episodes: when, where found, who
  reported (missing episodes are made visible across the partnership: the Jay report found
  missing-person reports ignored, shared/domain.md §3.5).
- What the child said at the return interview, and the circumstances, are for the
  council's full view only (partners have the partner view of a record).
- Recording, ending and the return interview are council casework (``can_work_on_case``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from safeguard.access import policy
from safeguard.access.policy import Decision

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser
    from safeguard.people.models import Person


def can_view_missing(user: AnyUser, child: Person) -> Decision:
    """The episodes themselves: whoever may open the child's record, in either view."""
    return policy.can_view_child(user, child)


def can_view_return_interview(user: AnyUser, child: Person) -> Decision:
    """What the child said: the council's full view only."""
    decision = policy.can_view_child(user, child)
    if decision and decision.partner_view:
        return Decision(
            False, "What the child said at the return interview is kept within children's services.", "role"
        )
    return decision


def can_record_missing(user: AnyUser, child: Person) -> Decision:
    """Recording an episode, its end and the return interview is council casework."""
    return policy.can_work_on_case(user, child)
