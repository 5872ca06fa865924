"""Search the register for the suggested child of contacts received from partner systems.

Partner systems' submissions are saved without waiting for the register search; this
command does the search just after. Run it as a service (``--watch``) beside the web
server; the MASH queue also searches any still waiting when it is opened.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from safeguard.frontdoor import services


class Command(BaseCommand):
    help = "Suggest the register's best match for contacts received without one (partner API submissions)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--watch",
            type=float,
            default=0,
            metavar="SECONDS",
            help="Keep running, looking for new contacts every SECONDS (a service); by default one pass.",
        )

    def handle(self, *args: Any, watch: float, **options: Any) -> None:
        quiet = options["verbosity"] == 0
        while True:
            waiting = services.pending_suggestions()
            if waiting:
                with tqdm(total=waiting, unit="contact", desc="Searching the register", disable=quiet) as bar:
                    done = services.suggest_pending(progress=bar.update)
                if not quiet:
                    self.stdout.write(f"Searched the register for {done} contacts.")
            if not watch:
                return
            time.sleep(watch)
