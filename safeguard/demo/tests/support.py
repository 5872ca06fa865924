"""Shared helpers for the demo tests: a fast password hasher (the demo creates dozens
of users, and Argon2 costs a third of a second each) and a seeded authority on a fixed day."""

from __future__ import annotations

import datetime as dt

from django.test import override_settings

from safeguard.accounts.services import system_user
from safeguard.demo.services import SeedSummary, authority_seed

TODAY = dt.date(2026, 3, 10)

fast_passwords = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


def seed(children: int = 60, seed: int = 11) -> SeedSummary:
    return authority_seed(actor=system_user(), children=children, seed=seed, today=TODAY)
