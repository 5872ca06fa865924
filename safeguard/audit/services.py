"""Writing and verifying the audit chain.

``record`` is the only writer of ``AuditEvent``. It runs inside the caller's transaction
(so an event is committed with the change it describes, or not at all), locks the chain
head, and links the new event to the previous one by hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from .context import current_request_id
from .models import AuditEvent, ChainHead, EventType, Outcome

if TYPE_CHECKING:
    from safeguard.accounts.models import User

GENESIS_HASH = "0" * 64


def _normalise(data: Mapping[str, Any] | None) -> dict[str, Any]:
    """Dates, UUIDs and decimals become strings, so what is hashed is what is stored."""
    shaped: dict[str, Any] = {"old": {}, "new": {}, "extra": {}}
    if data:
        unknown = set(data) - set(shaped)
        if unknown:
            raise ValueError(f"audit data takes only old, new and extra, not {sorted(unknown)}")
        shaped.update(data)
    return json.loads(json.dumps(shaped, cls=DjangoJSONEncoder, sort_keys=True))


def compute_hash(event: AuditEvent) -> str:
    content = {
        "sequence": event.sequence,
        "uuid": str(event.uuid),
        "occurred_at": event.occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "actor_username": event.actor_username,
        "actor_role": event.actor_role,
        "actor_agency": event.actor_agency,
        "event_type": event.event_type,
        "outcome": event.outcome,
        "subject_type": event.subject_type,
        "subject_id": event.subject_id,
        "child_uuid": str(event.child_uuid) if event.child_uuid else "",
        "reason": event.reason,
        "request_id": event.request_id,
        "data": event.data,
        "prev_hash": event.prev_hash,
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record(
    *,
    actor: User | None,
    event_type: EventType,
    subject: Any = None,
    child: Any = None,
    outcome: Outcome = Outcome.ALLOWED,
    reason: str = "",
    data: Mapping[str, Any] | None = None,
    actor_username: str = "",
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction."""
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(id=1)
        agency = getattr(actor, "agency", None) if actor is not None else None
        event = AuditEvent(
            uuid=uuid.uuid4(),
            sequence=head.sequence + 1,
            occurred_at=timezone.now(),
            actor=actor if actor is not None and actor.pk else None,
            actor_username=(actor.username if actor is not None else actor_username)[:150],
            actor_role=getattr(actor, "role", "") or "",
            actor_agency=agency.name if agency is not None else "",
            event_type=event_type,
            outcome=outcome,
            subject_type=type(subject).__name__ if subject is not None else "",
            subject_id=str(getattr(subject, "uuid", "") or getattr(subject, "pk", "") or "") if subject else "",
            child_uuid=getattr(child, "uuid", None) if child is not None else None,
            reason=reason,
            request_id=current_request_id(),
            data=_normalise(data),
            prev_hash=head.last_hash,
        )
        event.content_hash = compute_hash(event)
        event.save(force_insert=True)
        ChainHead.objects.filter(id=1).update(sequence=event.sequence, last_hash=event.content_hash)
        return event


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken_sequence: int | None
    problem: str

    @property
    def intact(self) -> bool:
        return self.first_broken_sequence is None and not self.problem


def _events_in_order(batch: int = 2000) -> Iterator[AuditEvent]:
    last = 0
    while True:
        rows = list(AuditEvent.objects.filter(sequence__gt=last).order_by("sequence")[:batch])
        if not rows:
            return
        yield from rows
        last = rows[-1].sequence


def verify_chain(progress: Callable[[int], None] | None = None) -> ChainReport:
    """Recompute every event's hash in order and name the first that does not fit."""
    expected_prev = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    for event in _events_in_order():
        if event.sequence != expected_sequence:
            return ChainReport(
                checked, expected_sequence, f"event {expected_sequence} is missing (next found is {event.sequence})"
            )
        if event.prev_hash != expected_prev:
            return ChainReport(checked, event.sequence, f"event {event.sequence} does not follow the one before it")
        if compute_hash(event) != event.content_hash:
            return ChainReport(checked, event.sequence, f"event {event.sequence} ({event.uuid}) has been altered")
        expected_prev = event.content_hash
        expected_sequence += 1
        checked += 1
        if progress is not None:
            progress(1)
    head = ChainHead.objects.filter(id=1).first()
    if head is not None and (head.sequence != checked or head.last_hash != expected_prev):
        return ChainReport(
            checked,
            checked + 1,
            f"the chain head records {head.sequence} events but {checked} were found: later events were removed",
        )
    return ChainReport(checked, None, "")
