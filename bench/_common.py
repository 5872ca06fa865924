"""Helpers shared by the benchmark scripts: running manage.py against a chosen database,
and printing BENCH lines in the form DESIGN.md fixes."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_CHILDREN = 50_000
SEED = 1


def children_from_env() -> int:
    return int(os.environ.get("BENCH_CHILDREN") or DEFAULT_CHILDREN)


def env_for(database_url: str) -> dict[str, str]:
    """The environment for a manage.py subprocess: the given database, demo mode, no debug."""
    env = os.environ.copy()
    env.update({"DATABASE_URL": database_url, "DEBUG": "0", "SAFEGUARD_ENV": "development", "PYTHONUNBUFFERED": "1"})
    return env


def manage(args: Sequence[str], database_url: str, *, capture: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env_for(database_url),
        cwd=ROOT,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
        timeout=3600,
    )
    return result.stdout or ""


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"


def remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def percentile(samples: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def bench_line(name: str, value: float, unit: str, op: str, target: float, *, ok: bool | None = None) -> str:
    passed = (value <= target if op == "<=" else value >= target) if ok is None else ok
    shown = "nan" if math.isnan(value) else f"{value:.1f}"
    return f"BENCH {name} {shown} {unit} target {op}{target:g} {'PASS' if passed and not math.isnan(value) else 'FAIL'}"


def note(text: str) -> None:
    """Progress and context, kept apart from the BENCH lines a script is read for."""
    print(f"# {text}", flush=True)
