"""Produce and check the national returns overnight, so that every finding reaches the
team that can fix it before the return is due. Run it from cron, for example at 02:00:

    manage.py validate_returns                  # the CIN census of the current collection year
    manage.py validate_returns --year 2026      # a given collection year
    manage.py validate_returns --annex-a        # also Annex A for the 6 months to today
    manage.py validate_returns --ssda903        # also the SSDA903 tables of the same year

The findings are stored with the run and shown on the returns pages (each linked to the
child for those who may open the child's record). Exit status 1 when a return has errors
and ``--fail-on-errors`` is given; 2 when the DfE validators are not installed.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from safeguard.returns.codes import ReturnKind
from safeguard.returns.periods import LookBack, current_collection_year
from safeguard.returns.validation import validators_available, validators_python

from ._common import options_quiet, run_return, summary


class Command(BaseCommand):
    help = "Produce and check the national returns (for cron): the CIN census; SSDA903 and Annex A on request."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="collection year by its end (default: the current one)")
        parser.add_argument("--annex-a", action="store_true", help="also check Annex A for the last 6 months")
        parser.add_argument("--ssda903", action="store_true", help="also check the SSDA903 tables of the year")
        parser.add_argument("--fail-on-errors", action="store_true", help="exit 1 if a return has errors")

    def handle(
        self, *args: Any, year: int | None, annex_a: bool, ssda903: bool, fail_on_errors: bool, **options: Any
    ) -> None:
        quiet = options_quiet(options)
        if not validators_available():
            self.stderr.write(f"The DfE validators are not installed ({validators_python()}): run `make validators`.")
            sys.exit(2)
        today = timezone.localdate()
        chosen = year or current_collection_year(today).year
        runs = [run_return(kind=ReturnKind.CIN, year=chosen, validate=True, quiet=quiet, desc="CIN census")]
        if ssda903:
            runs.append(run_return(kind=ReturnKind.SSDA903, year=chosen, validate=True, quiet=quiet, desc="SSDA903"))
        if annex_a:
            period = LookBack.months_before(today, 6)
            runs.append(
                run_return(
                    kind=ReturnKind.ANNEX_A,
                    period_start=period.start,
                    period_end=period.end,
                    validate=True,
                    quiet=quiet,
                    desc="Annex A",
                )
            )
        errors = 0
        for run in runs:
            errors += run.error_count
            for line in summary(run):
                self.stdout.write(line)
        if fail_on_errors and errors:
            raise CommandError(f"The returns have {errors} errors.", returncode=1)
