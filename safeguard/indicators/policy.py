"""Who may see the indicators, and what drilling into a figure shows them.

Built on ``access.policy``; each predicate returns a ``Decision`` with its reason.

- The dashboard (figures for the whole service, no child named) is for performance
  analysts and council practitioners (social workers, team managers, heads of service).
  Partners, information-governance officers and administrators do not see it.
- Drilling into a figure: a council practitioner sees, by name, only the children whose
  record they may open (``access.policy.visible_children_q``), and is told how many more
  are behind the figure; an analyst sees every row, each child given as a pseudonym (a
  keyed hash that is the same for the same child on every page and in every export, and
  cannot be turned back into the child without the key), never a name.
- Every view of the dashboard and of a drill-down is audited (``indicators.viewed``), and
  every spreadsheet (``export``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from safeguard.access.policy import SYSTEM, Decision, _active, _deny, _is_system
from safeguard.accounts.models import COUNCIL_PRACTICE_ROLES, Role

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser

DASHBOARD_ROLES = COUNCIL_PRACTICE_ROLES | {Role.ANALYST}


def can_view_indicators(user: AnyUser) -> Decision:
    if _is_system(user):
        return SYSTEM
    if _active(user) and user.role in DASHBOARD_ROLES:
        return Decision(True, "Your role includes the service's performance figures.", "role")
    return _deny("Only performance analysts and council practitioners see the indicators.", "role")


def drilldown_mode(user: AnyUser) -> str:
    """``named``: only children the user may open, by name; ``pseudonymised``: every row,
    no name. Call after ``can_view_indicators``."""
    if _active(user) and user.role == Role.ANALYST:
        return "pseudonymised"
    return "named"
