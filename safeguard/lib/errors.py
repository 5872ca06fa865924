"""Domain errors shared by every app."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied


class NotVisible(Exception):
    """The record does not exist, or the user may not learn that it does: the same
    error for both, so that a record's existence is not disclosed (rendered as 404)."""


class AccessDenied(PermissionDenied):
    """The policy said no. Carries the decision (its reason is shown to the user) and
    the record, when the user may know it exists."""

    def __init__(self, decision: Any, record: Any = None) -> None:
        super().__init__(decision.reason)
        self.decision = decision
        self.record = record


class StaleEdit(Exception):
    """Someone else saved the record after this user opened it. ``changes`` maps each
    field they changed to (value when this user opened it, value now)."""

    def __init__(self, changes: dict[str, tuple[Any, Any]], changed_by: str = "") -> None:
        super().__init__("The record was changed by someone else after you opened it.")
        self.changes = changes
        self.changed_by = changed_by


class InvalidTransition(Exception):
    """A record is not in a state that allows the requested change."""
