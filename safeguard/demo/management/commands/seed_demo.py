"""Load the synthetic local authority (Northbrook Borough Council) into an empty database."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from tqdm import tqdm

from safeguard.accounts.services import system_user
from safeguard.demo.services import authority_seed, seed_steps
from safeguard.people.models import Person


class Command(BaseCommand):
    help = "Seed a synthetic local authority: organisation, demo users, children and families. Never in production."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--children", type=int, default=400, help="How many children (default 400).")
        parser.add_argument("--seed", type=int, default=2026, help="The random seed: one seed, one authority.")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing, successfully, when the register already holds people."
        )

    def handle(self, *args: Any, children: int, seed: int, if_empty: bool, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_demo refuses to run in production: it loads synthetic people.")
        if children < 1:
            raise CommandError("--children must be at least 1.")
        if Person.objects.exists():
            if if_empty:
                self.stdout.write("The register already holds people: nothing seeded.")
                return
            raise CommandError(
                "The register already holds people. seed_demo loads into an empty database; "
                "pass --if-empty to skip quietly."
            )
        bar = tqdm(
            total=seed_steps(children), unit="step", desc="Seeding Northbrook", disable=options["verbosity"] == 0
        )
        try:
            summary = authority_seed(actor=system_user(), children=children, seed=seed, progress=bar.update)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        finally:
            bar.close()
        if connection.vendor == "postgresql":
            # Fresh statistics after a bulk load, or the planner guesses from an empty table.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        s = summary
        lines = [
            f"Seeded Northbrook Borough Council (seed {seed}) in {s.seconds:.1f} s:",
            f"  {s.children} children ({s.unborn} unborn), {s.adults} adults, "
            f"{len(s.near_duplicates)} near-duplicate records",
            f"  {s.addresses} addresses, {s.relationships} relationships, {s.other_names} other names, "
            f"{s.warnings} warnings",
            f"  {s.agencies} agencies, {s.teams} teams, {s.demo_users} demo users, "
            f"{s.colleague_accounts} further social workers",
            f"  {s.allocated_children} children allocated; involvements: "
            + ", ".join(f"{kind} {count}" for kind, count in s.involvements.items()),
            f"  {s.restricted} restricted and {s.sealed} sealed records; {s.break_glass} break-glass grants",
            "  front door: " + ", ".join(f"{count} {state.replace('_', ' ')}" for state, count in s.front_door.items()),
            "  casework: " + ", ".join(f"{count} {stage.replace('_', ' ')}" for stage, count in s.casework.items()),
        ]
        lines += [
            f"  {label}: " + ", ".join(f"{count} {what.replace('_', ' ')}" for what, count in counts.items())
            for label, counts in s.contexts.items()
        ]
        lines.append("Sign-in details: manage.py demo_logins")
        self.stdout.write("\n".join(lines))
