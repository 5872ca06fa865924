"""Write the DfE children in need census for a collection year, from live data.

    manage.py export_cin_census --year 2026 --out cin_census_2026.xml [--validate]

``--year`` names the collection by the year it ends: 2026 is 1 April 2025 to 31 March 2026
(ruleset cin2025_26). The export is audited (return.generated) as the system account.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from safeguard.returns.codes import ReturnKind

from ._common import options_quiet, run_return, summary, write_out


class Command(BaseCommand):
    help = "Write the CIN census XML for a collection year (2026 = 1 April 2025 to 31 March 2026)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="the collection year by its end, e.g. 2026")
        parser.add_argument("--out", required=True, help="the XML file to write")
        parser.add_argument("--validate", action="store_true", help="also check it with the DfE rules")

    def handle(self, *args: Any, year: int, out: str, validate: bool, **options: Any) -> None:
        run = run_return(
            kind=ReturnKind.CIN, year=year, validate=validate, quiet=options_quiet(options), desc="CIN census"
        )
        path = write_out(run, out)
        for line in summary(run):
            self.stdout.write(line)
        self.stdout.write(f"Wrote {path}.")
