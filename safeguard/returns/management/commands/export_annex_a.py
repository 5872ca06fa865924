"""Write Ofsted's Annex A lists for a look-back period, from live data.

    manage.py export_annex_a --from 2026-05-24 --to 2026-11-23 --out annex_a.xlsx [--validate]

``--to`` is the inspection date; Lists 1-9 look back to ``--from`` (usually 6 months), the
"last 12 months" counts look back 12 months from ``--to``. Audited (return.generated).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from safeguard.returns.codes import ReturnKind

from ._common import date_arg, options_quiet, run_return, summary, write_out


class Command(BaseCommand):
    help = "Write Ofsted's Annex A lists (.xlsx) for a look-back period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, help="start of the look-back period, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="end of the period (inspection date), YYYY-MM-DD")
        parser.add_argument("--out", required=True, help="the .xlsx file to write")
        parser.add_argument("--validate", action="store_true", help="also check the lists against the template")

    def handle(self, *args: Any, start: str, end: str, out: str, validate: bool, **options: Any) -> None:
        run = run_return(
            kind=ReturnKind.ANNEX_A,
            period_start=date_arg(start),
            period_end=date_arg(end),
            validate=validate,
            quiet=options_quiet(options),
            desc="Annex A",
        )
        path = write_out(run, out)
        for line in summary(run):
            self.stdout.write(line)
        self.stdout.write(f"Wrote {path}.")
