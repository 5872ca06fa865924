"""Write the SSDA903 children looked after tables for a collection year, from live data.

    manage.py export_ssda903 --year 2026 --out ssda903_2026/ [--validate]

One CSV per table (exact headers, dd/mm/yyyy dates) in the folder ``--out``. ``--year`` names
the collection by the year it ends: 2026 is 1 April 2025 to 31 March 2026 (lac2025_26).
Audited (return.generated) as the system account.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from safeguard.returns.codes import ReturnKind

from ._common import options_quiet, run_return, summary


class Command(BaseCommand):
    help = "Write the SSDA903 tables (CSV) for a collection year (2026 = 1 April 2025 to 31 March 2026)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="the collection year by its end, e.g. 2026")
        parser.add_argument("--out", required=True, help="the folder to write the CSV files into")
        parser.add_argument("--validate", action="store_true", help="also check them with the DfE rules")

    def handle(self, *args: Any, year: int, out: str, validate: bool, **options: Any) -> None:
        run = run_return(
            kind=ReturnKind.SSDA903, year=year, validate=validate, quiet=options_quiet(options), desc="SSDA903"
        )
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        zipfile.ZipFile(io.BytesIO(bytes(run.content or b""))).extractall(folder)
        for line in summary(run):
            self.stdout.write(line)
        self.stdout.write(f"Wrote {folder}.")
