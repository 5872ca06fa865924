"""Helpers for tests that are not fixtures: the browser harness lives in ``browser``."""
