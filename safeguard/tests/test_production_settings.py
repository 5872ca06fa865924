"""Production mode refuses to start half-configured and passes Django's deploy checks."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "SAFEGUARD_ENV", "DJANGO_SETTINGS_MODULE"}
    }
    clean.update(env)
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_refuses_to_start_in_production_without_a_secret_key() -> None:
    result = _manage("check", SAFEGUARD_ENV="production", DATABASE_URL="postgres://u@db/safeguard")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_refuses_to_start_in_production_without_a_database_url() -> None:
    result = _manage("check", SAFEGUARD_ENV="production", SECRET_KEY=secrets.token_urlsafe(60))
    assert result.returncode != 0
    assert "DATABASE_URL must be set" in result.stderr


def test_it_passes_the_deploy_checks_in_production() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SAFEGUARD_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(60),
        DATABASE_URL="sqlite:////tmp/safeguard-deploy-check.sqlite3",
        ALLOWED_HOSTS="safeguard.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_sends_a_strict_content_security_policy(db: None) -> None:
    response = Client().get("/accounts/sign-in/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_pages_carry_no_inline_script_or_style(db: None) -> None:
    """The policy allows scripts only from the site itself, so any inline script would
    silently not run: there must be none."""
    html = Client().get("/accounts/sign-in/").content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert " style=" not in html
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"] == ["'self'"]
