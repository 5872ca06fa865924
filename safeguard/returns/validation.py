"""Runs the field's own DfE validators on a return, in their isolated environment.

``make validators`` builds ``.venv-validators`` (Python 3.11, pandas<2) from
``validators/requirements.lock``; ``validators/run_validator.py`` runs there, calls the
libraries' Python API and prints JSON. Nothing here needs the network.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
RUNNER = ROOT / "validators" / "run_validator.py"
TIMEOUT_SECONDS = 3600


class ValidatorUnavailable(RuntimeError):
    """The validators' environment has not been built (``make validators``)."""


@dataclass(frozen=True)
class Issue:
    rule_code: str
    rule_type: str  # ERROR or QUERY
    message: str
    child_id: str  # the return's child identifier (LAchildID, CHILD); "" for the whole return
    table: str
    field: str
    row: int | None


@dataclass(frozen=True)
class ValidationResult:
    ruleset: str
    issues: list[Issue]
    rules_run: int
    rules_not_run: list[dict[str, str]]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.rule_type == "ERROR"]

    @property
    def queries(self) -> list[Issue]:
        return [i for i in self.issues if i.rule_type != "ERROR"]


def validators_python() -> Path:
    configured = getattr(settings, "RETURNS_VALIDATORS_PYTHON", "") or os.environ.get("RETURNS_VALIDATORS_PYTHON", "")
    return Path(configured) if configured else ROOT / ".venv-validators" / "bin" / "python"


def validators_available() -> bool:
    return validators_python().exists() and RUNNER.exists()


def _run(args: list[str]) -> dict[str, Any]:
    python = validators_python()
    if not validators_available():
        raise ValidatorUnavailable(f"The DfE validators are not installed at {python}: run `make validators`.")
    with tempfile.TemporaryDirectory(prefix="safeguard-validate-") as workdir:
        # The libraries write log files to the working directory: keep them out of the tree.
        completed = subprocess.run(  # noqa: S603 - our own script, in our own environment
            [str(python), str(RUNNER), *args],
            cwd=workdir,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            env={"PATH": os.environ.get("PATH", ""), "PYTHONDONTWRITEBYTECODE": "1", "HOME": workdir},
        )
    if completed.returncode != 0:
        raise RuntimeError(f"The validator failed (exit {completed.returncode}): {completed.stderr[-2000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _result(raw: dict[str, Any]) -> ValidationResult:
    issues = [
        Issue(
            rule_code=str(i["rule_code"]),
            rule_type=str(i["rule_type"]),
            message=str(i["message"]),
            child_id=str(i["child_id"]),
            table=str(i["table"]),
            field=str(i["field"]),
            row=i.get("row"),
        )
        for i in raw["issues"]
    ]
    issues += [
        Issue(str(i["rule_code"]), str(i["rule_type"]), str(i["message"]), "", "", "", None)
        for i in raw.get("return_level", [])
    ]
    return ValidationResult(
        ruleset=str(raw["ruleset"]),
        issues=issues,
        rules_run=int(raw.get("rules_run", 0)),
        rules_not_run=list(raw.get("rules_not_run", [])),
    )


def validate_cin_xml(xml: bytes | str, *, year: int) -> ValidationResult:
    """The CIN validator's findings on a census file for collection ``year`` (2026 = 2025/26)."""
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    with tempfile.TemporaryDirectory(prefix="safeguard-cin-") as folder:
        path = Path(folder) / f"cin_census_{year}.xml"
        path.write_bytes(data)
        return _result(_run(["cin", str(path), "--year", str(year)]))


def validate_903_folder(folder: Path, *, year: int, la_ons_code: str) -> ValidationResult:
    """The SSDA903 validator's findings on a folder of the return's CSV tables."""
    return _result(_run(["903", str(folder), "--year", str(year), "--la", la_ons_code]))
