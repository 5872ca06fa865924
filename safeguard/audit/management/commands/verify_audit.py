"""Recompute the audit hash chain and name the first event that does not fit."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from safeguard.audit.models import AuditEvent
from safeguard.audit.services import verify_chain


class Command(BaseCommand):
    help = "Verify the tamper-evident audit chain; exits non-zero and names the first broken event."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        total = AuditEvent.objects.count()
        with tqdm(total=total, unit="event", disable=options["no_progress"], file=self.stderr._out) as bar:
            report = verify_chain(progress=bar.update)
        if not report.intact:
            raise CommandError(
                f"Audit chain BROKEN at event {report.first_broken_sequence}: {report.problem}. "
                f"{report.checked} events before it verified."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {report.checked} events verified."))
