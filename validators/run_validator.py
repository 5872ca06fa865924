"""Run the field's own DfE rules on a return and print what they find as JSON.

This script runs inside ``.venv-validators`` (``make validators``), never in the
application's environment: the validators pin pandas<2 and numpy<1.25. The application
calls it through ``safeguard.returns.validation`` as a subprocess and reads one JSON
document from standard output:

    {"return": "cin", "ruleset": "cin2025_26", "collection_year": "2026",
     "issues": [{"rule_code", "rule_type", "message", "child_id", "table", "field", "row"}],
     "return_level": [{"rule_code", "rule_type", "message"}],
     "rules_run": 109, "rules_not_run": [{"rule_code", "reason"}]}

Usage:
    python validators/run_validator.py cin FILE.xml --year 2026
    python validators/run_validator.py 903 DIR_OF_CSVS --year 2026 --la E06000023

Both libraries are called through their public Python API (``cin_validator.cin_validator``
and ``lac_validator.lac_validator``), as their own CLI and RPC front end do. The packages'
shared top-level ``rpc_main`` module is not used: both wheels install one under that name,
so whichever was installed last wins, and importing it writes a log file to the current
directory.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import json
import logging
import math
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value)
    text = str(value)
    return "" if text in ("nan", "NaN", "None", "<NA>", "NaT") else text


def _row(value: Any) -> int | None:
    try:
        number = int(float(value))
    except (TypeError, ValueError):
        return None
    return number


def ruleset_name(prefix: str, year: int) -> str:
    """``cin`` and 2026 give ``cin2025_26``: the collection ending 31 March 2026."""
    return f"{prefix}{year - 1}_{str(year)[2:]}"


def validate_cin(path: Path, year: int) -> dict[str, Any]:
    from cin_validator import cin_validator

    ruleset = ruleset_name("cin", year)
    registry = importlib.import_module(f"cin_validator.rules.{ruleset}").registry
    root = ET.parse(path).getroot()  # noqa: S314 - our own export, written by this system
    data = cin_validator.process_data(cin_validator.convert_data(root))
    # The library prints "Error with rule X: ..." when a rule cannot run on the data;
    # keep standard output for the JSON and report those as rules not run.
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        validator = cin_validator.CinValidator(data, registry)
    not_run = []
    for line in printed.getvalue().splitlines():
        match = re.match(r"Error with rule (\S+): (.*)", line)
        if match:
            not_run.append({"rule_code": match.group(1), "reason": match.group(2)})

    def rule_type(code: Any) -> str:
        rule = registry.get(str(code))
        return rule.rule_type.name if rule is not None else "ERROR"

    issues = []
    for record in validator.full_issue_df.to_dict(orient="records"):
        issues.append(
            {
                "rule_code": _text(record.get("rule_code")),
                "rule_type": rule_type(record.get("rule_code")),
                "message": _text(record.get("rule_description")),
                "child_id": _text(record.get("child_id")),
                "table": _text(record.get("tables_affected")),
                "field": _text(record.get("columns_affected")),
                "row": _row(record.get("row_id")),
            }
        )
    return_level = []
    seen = set()
    for record in validator.multichild_issues.to_dict(orient="records"):
        code = _text(record.get("rule_code"))
        if code in seen:
            continue
        seen.add(code)
        return_level.append(
            {"rule_code": code, "rule_type": rule_type(code), "message": _text(record.get("rule_description"))}
        )
    return {
        "return": "cin",
        "ruleset": ruleset,
        "collection_year": str(year),
        "issues": issues,
        "return_level": return_level,
        "rules_run": len(registry),
        "rules_not_run": not_run,
    }


def validate_903(folder: Path, year: int, la: str) -> dict[str, Any]:
    from lac_validator import lac_validator
    from lac_validator.report import Report
    from lac_validator.rules.ruleset_utils import get_year_ruleset
    from lac_validator.utils import process_uploaded_files

    logging.disable(logging.CRITICAL)
    ruleset = ruleset_name("lac", year)
    registry = get_year_ruleset(str(year))
    paths = sorted(str(p) for p in folder.glob("*.csv"))
    files = process_uploaded_files({"This year": paths, "Prev year": []})
    validator = lac_validator.LacValidator(
        metadata={"collectionYear": str(year), "localAuthority": la}, files=files, registry=registry
    )
    report = Report(validator.ds_results, registry)
    try:
        records = lac_validator.create_issue_df(report.report, report.error_report).to_dict(orient="records")
    except ValueError as exc:
        # The library concatenates the failing rules' tables: with none it has nothing to join.
        if "No objects to concatenate" not in str(exc):
            raise
        records = []
    issues = []
    for record in records:
        issues.append(
            {
                "rule_code": _text(record.get("rule_code")),
                "rule_type": "QUERY" if _text(record.get("rule_code")).endswith("Q") else "ERROR",
                "message": _text(record.get("rule_description")),
                "child_id": _text(record.get("child_id")),
                "table": _text(record.get("tables_affected")),
                "field": _text(record.get("columns_affected")),
                "row": _row(record.get("row_id")),
            }
        )
    return {
        "return": "903",
        "ruleset": ruleset,
        "collection_year": str(year),
        "issues": issues,
        "return_level": [],
        "rules_run": len(validator.dones),
        "rules_not_run": [{"rule_code": str(code), "reason": "the rule failed to run"} for code in validator.fails],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["cin", "903"])
    parser.add_argument("path", type=Path)
    parser.add_argument("--year", type=int, required=True, help="collection year by its end: 2026 for 2025/26")
    parser.add_argument("--la", default="E06000023", help="the authority's ONS code (903 only)")
    args = parser.parse_args(argv)
    validate = {
        "cin": lambda: validate_cin(args.path, args.year),
        "903": lambda: validate_903(args.path, args.year, args.la),
    }
    result = validate[args.kind]()
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
