"""Link two lists of people: which rows of one are the same child as rows of the other."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from safeguard.people import linkage, matching


class Command(BaseCommand):
    help = (
        "Link two CSV lists of people (a school roll, a police nominal list, a legacy export) with the "
        "register's matching engine, writing one row per pair at or above the threshold: "
        "left_id,right_id,score and which fields agreed. Reads no register data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("left", type=Path, help="The first CSV file (its IDs go in left_id).")
        parser.add_argument("right", type=Path, help="The second CSV file (its IDs go in right_id).")
        parser.add_argument("--id", required=True, dest="id_column", help="The column holding each row's ID.")
        parser.add_argument(
            "--right-id", dest="right_id_column", help="The right file's ID column, when it is named differently."
        )
        parser.add_argument("--out", required=True, type=Path, help="Where to write the pairs (CSV).")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADER=FIELD",
            help="Read a column as a field, e.g. --map 'Child surname=family_name'. Fields: "
            + ", ".join(linkage.COLUMN_FIELDS)
            + ". Repeat for more columns.",
        )
        parser.add_argument(
            "--threshold",
            type=float,
            default=matching.DEFAULT_THRESHOLD,
            help=f"The lowest score written, 0-100 (default {matching.DEFAULT_THRESHOLD:g}).",
        )
        parser.add_argument(
            "--all-pairs",
            action="store_true",
            help="Write every pair at or above the threshold, not only each left row's best match.",
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not show progress bars.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        threshold = options["threshold"]
        if not 0 <= threshold <= 100:
            raise CommandError("--threshold is a score from 0 to 100.")
        quiet = options["no_progress"] or options["verbosity"] == 0
        try:
            mapping = linkage.parse_mapping(options["map"])
            left = self._read(options["left"], options["id_column"], mapping, quiet)
            right = self._read(options["right"], options["right_id_column"] or options["id_column"], mapping, quiet)
        except linkage.LinkageError as error:
            raise CommandError(str(error)) from None
        known = {linkage.header_key(h) for h in left.headers + right.headers}
        unknown = [h for h in mapping if h not in known]
        if unknown:
            raise CommandError(f"--map names {', '.join(repr(h) for h in unknown)}, a column in neither file.")
        smaller = min(len(left.records), len(right.records))
        with tqdm(total=smaller, unit="row", desc="Linking", disable=quiet, file=self.stderr._out) as bar:
            pairs = matching.link(
                left.records, right.records, threshold, progress=bar.update, all_pairs=options["all_pairs"]
            )
            try:
                written = linkage.write_pairs(options["out"], pairs)
            except OSError as error:
                raise CommandError(f"{options['out']} cannot be written: {error.strerror}.") from None
        for line in linkage.describe_read(left) + linkage.describe_read(right):
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {written:,} pairs scoring {threshold:g} or more to {options['out']} "
                f"in {time.monotonic() - started:.1f} s."
            )
        )

    def _read(self, path: Path, id_column: str, mapping: dict[str, str], quiet: bool) -> linkage.ReadResult:
        with tqdm(unit="row", desc=f"Reading {path.name}", disable=quiet, file=self.stderr._out) as bar:
            return linkage.read_people(path, id_column=id_column, mapping=mapping, progress=bar.update)
