"""The register held in memory by a long-running process, for lookups in about a
millisecond instead of the indexed queries ``matching.register_lookup`` makes.

Used by the contact-matching worker (``manage.py match_contacts``), a single process, so the
register is held once, not in every web worker. Before each pass the worker calls
``refresh``: people created or changed since (their ``updated_at``: identity edits, names,
addresses, merges) are filed again and their old entries discarded. The whole index is
rebuilt every ``REBUILD_SECONDS`` so name frequencies stay current.

A lookup's candidates are the same engine's (``MatchIndex``), checked against the database
before they are returned: a person merged away since is never suggested.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from django.utils import timezone

from .matching import DEFAULT_THRESHOLD, Candidate, MatchIndex, PersonRecord, register_records
from .models import Person

REBUILD_SECONDS = 600
# Changes committed while a refresh reads may carry a slightly earlier ``updated_at``.
CLOCK_SLACK = dt.timedelta(seconds=5)


class RegisterIndex:
    def __init__(self, *, progress: Callable[[int], object] | None = None) -> None:
        self._build(progress)

    def _build(self, progress: Callable[[int], object] | None = None) -> None:
        self.as_of = timezone.now()
        self._built = time.monotonic()
        self.index = MatchIndex(register_records(), progress=progress)  # type: ignore[arg-type]
        self._position = {key: position for position, key in self.index.filed()}

    def __len__(self) -> int:
        return len(self._position)

    def refresh(self) -> int:
        """File again everyone changed since the last refresh; returns how many."""
        if time.monotonic() - self._built > REBUILD_SECONDS:
            self._build()
            return len(self)
        now = timezone.now()
        changed = Person.objects.filter(updated_at__gte=self.as_of - CLOCK_SLACK)
        count = 0
        merged = changed.filter(merged_into__isnull=False).values_list("uuid", flat=True)
        for key in (str(u) for u in merged):
            old = self._position.pop(key, None)
            if old is not None:
                self.index.discard(old)
                count += 1
        for record in register_records(changed):
            old = self._position.get(record.key)
            if old is not None:
                self.index.discard(old)
            self._position[record.key] = self.index.add(record)
            count += 1
        self.as_of = now
        return count

    def lookup(self, record: PersonRecord, limit: int = 10, threshold: float = DEFAULT_THRESHOLD) -> list[Candidate]:
        """The register's candidates for ``record``, best first, leaving out anyone merged
        into another record (or removed) since the index last looked."""
        found = self.index.lookup(record, limit=limit, threshold=threshold)
        if not found:
            return []
        live = {
            str(u)
            for u in Person.objects.filter(uuid__in=[c.key for c in found], merged_into__isnull=True).values_list(
                "uuid", flat=True
            )
        }
        return [c for c in found if c.key in live]
