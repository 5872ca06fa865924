"""Match a CSV list of people against the register, as a batch job of the system account."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from tqdm import tqdm

from safeguard.accounts.services import system_user
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.people import linkage, matching
from safeguard.people.models import Person


class Command(BaseCommand):
    help = (
        "Match each row of a CSV list of people against the register, writing the register's best match for "
        "each row (person ID, local ID, score, which fields agreed). Runs as the system account and is audited "
        "as an export. Nothing is merged or changed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("list", type=Path, help="The CSV file of people to match.")
        parser.add_argument("--id", required=True, dest="id_column", help="The column holding each row's ID.")
        parser.add_argument("--out", required=True, type=Path, help="Where to write the matches (CSV).")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADER=FIELD",
            help="Read a column as a field, e.g. --map 'Child surname=family_name'. Fields: "
            + ", ".join(linkage.COLUMN_FIELDS)
            + ".",
        )
        parser.add_argument(
            "--threshold",
            type=float,
            default=matching.DEFAULT_THRESHOLD,
            help=f"The lowest score written, 0-100 (default {matching.DEFAULT_THRESHOLD:g}).",
        )
        parser.add_argument(
            "--limit",
            type=int,
            default=1,
            help="How many candidates to write for each row, best first (default 1: the best, and any tie).",
        )
        parser.add_argument(
            "--unmatched", action="store_true", help="Also write a row for each list row that matched nobody."
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not show progress bars.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        threshold, limit, out = options["threshold"], options["limit"], options["out"]
        if not 0 <= threshold <= 100:
            raise CommandError("--threshold is a score from 0 to 100.")
        if limit < 1:
            raise CommandError("--limit must be at least 1.")
        quiet = options["no_progress"] or options["verbosity"] == 0
        try:
            mapping = linkage.parse_mapping(options["map"])
            with tqdm(unit="row", desc=f"Reading {options['list'].name}", disable=quiet, file=self.stderr._out) as bar:
                read = linkage.read_people(
                    options["list"], id_column=options["id_column"], mapping=mapping, progress=bar.update
                )
        except linkage.LinkageError as error:
            raise CommandError(str(error)) from None
        system = system_user()
        size = Person.objects.filter(merged_into__isnull=True).count()
        with tqdm(total=size, unit="person", desc="Loading the register", disable=quiet, file=self.stderr._out) as bar:
            index = matching.MatchIndex(matching.register_records(), progress=bar.update)
        rows: list[tuple[str, int, matching.Candidate | None]] = []
        matched = 0
        with tqdm(total=len(read.records), unit="row", desc="Matching", disable=quiet, file=self.stderr._out) as bar:
            for record in read.records:
                found = index.lookup(record, limit=max(limit, 2), threshold=threshold)
                if limit == 1 and found:
                    found = [c for c in found if (c.exact, c.score) == (found[0].exact, found[0].score)]
                else:
                    found = found[:limit]
                if found:
                    matched += 1
                    rows.extend((record.key, rank, c) for rank, c in enumerate(found, start=1))
                elif options["unmatched"]:
                    rows.append((record.key, 0, None))
                bar.update(1)
        uuids = sorted({c.key for _, _, c in rows if c is not None})
        local_ids: dict[str, str] = {}
        for start in range(0, len(uuids), 500):
            chunk = uuids[start : start + 500]
            local_ids.update(
                (str(u), la) for u, la in Person.objects.filter(uuid__in=chunk).values_list("uuid", "la_id")
            )
        counts = {
            "command": "match_file",
            "list": str(options["list"]),
            "out": str(out),
            "rows": read.rows,
            "rows_read": len(read.records),
            "rows_skipped": len(read.skipped),
            "rows_matched": matched,
            "matches_written": sum(1 for _, _, c in rows if c is not None),
            "threshold": threshold,
            "register_size": len(index),
        }
        try:
            # Audited and written together: no file of matches leaves without its audit event.
            with transaction.atomic():
                audit.record(actor=system, event_type=EventType.EXPORT, data={"extra": counts})
                written = linkage.write_matches(out, rows, local_ids)
        except OSError as error:
            raise CommandError(f"{out} cannot be written: {error.strerror}.") from None
        for line in linkage.describe_read(read):
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"Matched {matched:,} of {len(read.records):,} rows against {len(index):,} people on the register; "
                f"wrote {written:,} matches scoring {threshold:g} or more to {out} "
                f"in {time.monotonic() - started:.1f} s."
            )
        )
