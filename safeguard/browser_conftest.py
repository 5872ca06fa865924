"""Fixtures for browser tests: one Chromium for the run's browser tests, a fresh context per page.

A browser test asks for ``page`` (signed out) or ``page_as`` (signed in as a cast member)
and the ``cast``; both run against pytest-django's ``live_server``, which makes the test
transactional so the server thread sees the cast. Mark browser tests with
``@pytest.mark.browser`` and ``@pytest.mark.xdist_group("browser")`` so that they share
one worker and one live server; a test that uses these fixtures gets both marks anyway.

Registered from ``safeguard/conftest.py`` through ``pytest_plugins``.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connections
from django.test import TransactionTestCase
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from safeguard.lib.testing import browser as harness

BROWSER_FIXTURES = {"browser", "page", "new_page", "page_as"}
_pages_key = pytest.StashKey[list[Page]]()


def _uses_browser(item: pytest.Item) -> bool:
    return bool(BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())))


# --- Transactional tests and the append-only audit log ----------------------------------
#
# A transactional test (every live-server test is one) ends by flushing every table. The
# audit table's triggers refuse DELETE and TRUNCATE, so the flush would fail and leave the
# test's rows behind for the next test. Around the flush, and only then, the triggers are
# taken off using the migration's own reverse step and put back with its forward step.

_append_only = importlib.import_module("safeguard.audit.migrations.0002_append_only_triggers")
_original_fixture_teardown = TransactionTestCase._fixture_teardown  # type: ignore[attr-defined]


@contextmanager
def _audit_triggers_lifted(db_names: Iterator[str]) -> Iterator[None]:
    names = list(db_names)
    for name in names:
        with connections[name].schema_editor() as editor:
            _append_only.reverse(None, editor)
    try:
        yield
    finally:
        for name in names:
            with connections[name].schema_editor() as editor:
                _append_only.forward(None, editor)


def _fixture_teardown_keeping_audit_triggers(self: TransactionTestCase) -> None:
    with _audit_triggers_lifted(self._databases_names(include_mirrors=False)):  # type: ignore[attr-defined]
        _original_fixture_teardown(self)


def pytest_configure(config: pytest.Config) -> None:
    # pytest-xdist registers this mark, but not when it is switched off with -p no:xdist.
    config.addinivalue_line("markers", "xdist_group(name): run these tests on the same xdist worker")
    setattr(TransactionTestCase, "_fixture_teardown", _fixture_teardown_keeping_audit_triggers)  # noqa: B010
    config.stash[_chromium_key] = _Chromium()


def pytest_unconfigure(config: pytest.Config) -> None:
    setattr(TransactionTestCase, "_fixture_teardown", _original_fixture_teardown)  # noqa: B010
    if _chromium_key in config.stash:
        config.stash[_chromium_key].stop()


# --- Marks ----------------------------------------------------------------------------------


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> Generator[None, Any, Any]:
    # Before pytest-xdist reads the xdist_group marks:
    for item in items:
        if _uses_browser(item):
            if item.get_closest_marker("browser") is None:
                item.add_marker(pytest.mark.browser)
            if item.get_closest_marker("xdist_group") is None:
                item.add_marker(pytest.mark.xdist_group("browser"))
    result = yield
    # After it: pytest-xdist 3.8 tells the scheduler a test's group by appending "@group" to
    # item._nodeid, which pytest 9.2 no longer reads, so every group was silently spread
    # over all workers (pytest-dev/pytest-xdist#1386). Until a fixed release, set the id
    # pytest does read. Only on an xdist worker running --dist loadgroup.
    if getattr(config.option, "loadgroup", False):
        for item in items:
            names = {
                str(m.args[0] if m.args else m.kwargs.get("name", "default")) for m in item.iter_markers("xdist_group")
            }
            if names and "@" not in item.nodeid and hasattr(item, "_id"):
                item._id = type(item._id).parse(f"{item.nodeid}@{'_'.join(sorted(names))}")
    return result


# --- Fixtures -------------------------------------------------------------------------------


class _Chromium:
    """Playwright and one Chromium, started when the first browser test needs them and
    stopped when the run moves on to a test that does not (see pytest_runtest_teardown).
    With ``--dist loadgroup`` the browser tests run back to back on one worker, so that
    is once per session.

    Playwright's synchronous API keeps an asyncio loop running on the test's thread while
    it is started, and Django refuses ORM calls from a thread with a running loop. The loop
    never runs our code concurrently, so while Playwright runs (and only then, so that other
    tests and the subprocesses they start do not inherit it) DJANGO_ALLOW_ASYNC_UNSAFE is set.
    """

    def __init__(self) -> None:
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._previous_env: str | None = None

    def browser(self) -> Browser:
        if self._browser is None:
            self._previous_env = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
            self._playwright = sync_playwright().start()
            self._browser = harness.launch_chromium(self._playwright)
        return self._browser

    def stop(self) -> None:
        if self._playwright is None:
            return
        try:
            if self._browser is not None:
                self._browser.close()
            self._playwright.stop()
        finally:
            self._browser = self._playwright = None
            if self._previous_env is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = self._previous_env


_chromium_key = pytest.StashKey[_Chromium]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, Any, Any]:
    try:
        return (yield)
    finally:
        # After the test's own teardown, so that the transactional flush still has the setting.
        if nextitem is None or not _uses_browser(nextitem):
            item.config.stash[_chromium_key].stop()


@pytest.fixture
def browser(request: pytest.FixtureRequest) -> Browser:
    """The run's Chromium (shared by tests; each page gets its own context)."""
    return request.config.stash[_chromium_key].browser()


@pytest.fixture
def new_page(request: pytest.FixtureRequest, browser: Browser, live_server: Any) -> Generator[Callable[[], Page]]:
    """Make pages, each in its own fresh context (its own cookies, so its own session)."""
    pages: list[Page] = []
    request.node.stash[_pages_key] = pages

    def make() -> Page:
        page = harness.open_page(browser, base_url=live_server.url)
        pages.append(page)
        return page

    yield make

    unchecked: list[str] = []
    for page in pages:
        if not page.is_closed():
            page.title()  # lets Playwright deliver any load event still in flight
            unchecked += harness.unchecked_loads(page)
        page.context.close()
    report = getattr(request.node, "rep_call", None)
    if unchecked and report is not None and report.passed:
        pytest.fail(
            "These pages loaded but were never checked with axe (use visit, follow or assert_accessible):\n"
            + "\n".join(f"- {url}" for url in unchecked)
        )


@pytest.fixture
def page(new_page: Callable[[], Page]) -> Page:
    """A signed-out page."""
    return new_page()


@pytest.fixture
def page_as(new_page: Callable[[], Page]) -> Callable[[Any], Page]:
    """``page_as(cast.sw)``: a new page, in its own context, signed in as that user."""
    from safeguard.conftest import PASSWORD

    def make(user: Any) -> Page:
        signed_in = new_page()
        harness.sign_in(signed_in, user.username, PASSWORD)
        return signed_in

    return make


# --- Screenshots of failures ----------------------------------------------------------------


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report = yield
    setattr(item, f"rep_{report.when}", report)
    pages = item.stash.get(_pages_key, [])
    if report.failed and report.when == "call" and pages:
        folder = item.config.rootpath / "test-artifacts"
        saved: list[str] = []
        for n, failed_page in enumerate(pages, start=1):
            if failed_page.is_closed():
                continue
            stem = harness.artifact_stem(item.nodeid) + (f"-{n}" if len(pages) > 1 else "")
            try:
                paths = harness.save_artifacts(failed_page, folder / stem)
            except Exception as exc:  # a failed screenshot must not hide the test's own failure
                saved.append(f"{failed_page.url}: could not save ({exc})")
            else:
                saved.append(
                    f"{failed_page.url}: " + ", ".join(str(p.relative_to(item.config.rootpath)) for p in paths)
                )
        report.sections.append(("browser artifacts", "\n".join(saved)))
    return report
