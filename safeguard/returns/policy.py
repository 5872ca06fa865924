"""Who may produce the national returns and see what the validators found.

1. The performance team's analysts and heads of service produce the returns (CIN census,
   SSDA903, Annex A) and download them: the returns hold every child's identifiers, so
   each production and download is audited.
2. A validator's finding about a child is shown, named and linked to the child's record,
   only to someone the access policy lets open that child's record: so council
   practitioners see the findings about the children they work with, for their team to
   fix. Analysts see every finding with the child pseudonymised (a stable code, never a
   name or a link); heads of service see named rows for the children they may open and
   pseudonymised rows for the rest.
3. Findings about the whole return (no child) are for those who produce returns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import TypeIs

from safeguard.access.policy import SYSTEM, Decision
from safeguard.accounts.models import COUNCIL_PRACTICE_ROLES, Role, User

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser

PRODUCER_ROLES = frozenset({Role.ANALYST, Role.HEAD_OF_SERVICE})


def _signed_in(user: AnyUser) -> TypeIs[User]:
    return bool(user.is_authenticated and user.is_active and not getattr(user, "is_system", False))


def can_produce_returns(user: AnyUser) -> Decision:
    """Producing or downloading a national return: analysts and heads of service."""
    if getattr(user, "is_system", False):
        return SYSTEM
    if not _signed_in(user):
        return Decision(False, "You need to sign in.", "anonymous")
    if user.role in PRODUCER_ROLES:
        return Decision(True, "Analysts and heads of service produce the national returns.", "role")
    return Decision(False, "Only performance analysts and heads of service produce the national returns.", "role")


def can_view_return_findings(user: AnyUser) -> Decision:
    """Seeing a return's findings: producers (all, pseudonymised where they may not open
    the child) and council practitioners (only the children they may open)."""
    if getattr(user, "is_system", False):
        return SYSTEM
    if not _signed_in(user):
        return Decision(False, "You need to sign in.", "anonymous")
    if user.role in PRODUCER_ROLES:
        return Decision(True, "Analysts and heads of service see every finding of the returns.", "role")
    if user.role in COUNCIL_PRACTICE_ROLES:
        return Decision(True, "Practitioners see the returns' findings about the children they work with.", "role")
    return Decision(False, "The returns' findings are for council practitioners and the performance team.", "role")


def sees_pseudonymised_rows(user: AnyUser) -> bool:
    """Rows about children the viewer may not open are shown pseudonymised to producers,
    and left out for everyone else."""
    return bool(_signed_in(user) and user.role in PRODUCER_ROLES)


def sees_return_level_findings(user: AnyUser) -> bool:
    return bool(_signed_in(user) and user.role in PRODUCER_ROLES)
