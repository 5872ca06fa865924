"""The nightly refresh of the indicators' monthly snapshots (run it from cron after
midnight): every available indicator for the last ``--months`` months, as the system
account, with a progress bar."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from tqdm import tqdm

from safeguard.accounts import services as account_services
from safeguard.indicators import definitions, services


class Command(BaseCommand):
    help = "Recompute the indicators' monthly snapshots."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--months", type=int, default=13, help="How many months back, including this one.")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        periods = definitions.months_ending(timezone.localdate(), options["months"])
        indicators = definitions.available()
        with tqdm(
            total=len(indicators), desc="Indicators", unit="indicator", disable=options["quiet"], file=self.stderr
        ) as bar:
            written = services.snapshot_refresh(
                actor=account_services.system_user(), periods=periods, indicators=indicators, progress=bar.update
            )
        self.stdout.write(
            f"Refreshed {written} snapshots: {len(indicators)} indicators, {periods[0].label} to {periods[-1].label}."
        )
