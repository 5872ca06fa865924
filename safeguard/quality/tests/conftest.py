"""The practice standards a migration seeds: browser tests' flushes empty the table on the
worker they run on, so each quality test puts them back when they are missing."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps


@pytest.fixture(autouse=True)
def default_standards(db: None) -> None:
    migration = importlib.import_module("safeguard.quality.migrations.0002_default_standards")
    migration.add_standards(apps, None)
