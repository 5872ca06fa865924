"""What the returns commands share: running a return as the system account with a tqdm bar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from tqdm import tqdm

from safeguard.accounts.services import system_user
from safeguard.returns import services
from safeguard.returns.codes import RunStatus
from safeguard.returns.models import ReturnRun


def run_return(
    *,
    kind: str,
    quiet: bool,
    validate: bool,
    year: int | None = None,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    desc: str,
) -> ReturnRun:
    try:
        run = services.return_run_request(
            actor=system_user(),
            kind=kind,
            year=year,
            period_start=period_start,
            period_end=period_end,
            validate=validate,
        )
    except services.ReturnError as exc:
        raise CommandError(str(exc)) from None
    with tqdm(total=0, unit="child", desc=desc, disable=quiet) as bar:

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.refresh()

        run = services.return_run_execute(run_id=run.pk, progress=progress)
    if run.status != RunStatus.DONE:
        raise CommandError(f"The return could not be produced: {run.failure}")
    return run


def write_out(run: ReturnRun, out: str) -> Path:
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(run.content or b""))
    return path


def date_arg(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a date: write it as YYYY-MM-DD.") from None


def summary(run: ReturnRun) -> list[str]:
    lines = [f"{run.get_kind_display()} {run.period_label}: {run.children} children."]
    if run.validated_at is not None:
        lines.append(f"Checked with {run.ruleset}: {run.error_count} errors, {run.query_count} queries.")
        counts: dict[tuple[str, str, str], int] = {}
        for issue in run.issues.all().values("rule_code", "issue_type", "message"):
            key = (issue["issue_type"], issue["rule_code"], issue["message"])
            counts[key] = counts.get(key, 0) + 1
        for (kind, code, message), count in sorted(counts.items()):
            lines.append(f"  {kind} {code} x{count}: {message}")
    return lines


def options_quiet(options: dict[str, Any]) -> bool:
    return bool(options.get("verbosity", 1) == 0)
