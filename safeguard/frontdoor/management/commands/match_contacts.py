"""Search the register for the suggested child of contacts received from partner systems.

Partner systems' submissions are saved without waiting for the register search; this
command does the search just after. Run it as a service (``--watch``) beside the web
server; the MASH queue also searches any still waiting when it is opened.

The command holds the register in memory (``people.register_index``), refreshed before each
pass, so each search takes about a millisecond; ``--no-index`` searches with the indexed
queries instead (as the web pages do), for a one-off pass over a few contacts.
"""

from __future__ import annotations

import time
from functools import partial
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from safeguard.frontdoor import services
from safeguard.people.register_index import RegisterIndex


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
        parser.add_argument(
            "--no-index", action="store_true", help="Search with indexed queries instead of holding the register."
        )

    def handle(self, *args: Any, watch: float, no_index: bool, **options: Any) -> None:
        quiet = options["verbosity"] == 0
        register: RegisterIndex | None = None
        while True:
            waiting = services.pending_suggestions()
            if waiting and register is None and not no_index:
                with tqdm(unit="person", desc="Loading the register", disable=quiet) as bar:
                    register = RegisterIndex(progress=bar.update)
            elif waiting and register is not None:
                register.refresh()
            if waiting:
                lookup = partial(register.lookup, limit=1) if register is not None else None
                with tqdm(total=waiting, unit="contact", desc="Searching the register", disable=quiet) as bar:
                    done = services.suggest_pending(progress=bar.update, lookup=lookup)
                if not quiet:
                    self.stdout.write(f"Searched the register for {done} contacts.")
            if not watch:
                return
            time.sleep(watch)
