"""Turning a policy ``Decision`` into an allowed action or an audited refusal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from safeguard.audit import services as audit
from safeguard.audit.models import EventType, Outcome
from safeguard.lib.errors import AccessDenied

if TYPE_CHECKING:
    from .policy import Decision


def require(decision: Decision, *, actor: Any, action: str, child: Any = None, subject: Any = None) -> Decision:
    """Return ``decision`` when allowed; otherwise write an ``access.denied`` event (in
    its own transaction, so the refusal stays recorded whatever happens next) and raise
    ``AccessDenied``. Call it before opening the action's own transaction."""
    if decision:
        return decision
    with transaction.atomic():
        audit.record(
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            event_type=EventType.ACCESS_DENIED,
            outcome=Outcome.DENIED,
            child=child,
            subject=subject if subject is not None else child,
            reason=decision.reason,
            data={"extra": {"action": action, "basis": decision.basis}},
        )
    raise AccessDenied(decision, record=child)
