"""The browser harness: Debian's Chromium through Playwright, and axe-core on every page.

Plain functions, no fixtures and no models; ``safeguard/browser_conftest.py`` turns them
into pytest fixtures. Tests find elements only by accessible role and label, move between
pages with ``visit`` and ``follow`` (which assert the HTTP status and run axe), and call
``assert_accessible`` after anything else that changes the page. A page that loaded but
was never checked fails the test at teardown (see ``unchecked_loads``).
"""

from __future__ import annotations

import os
import re
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Locator, Page, Playwright, Response

REPO_ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = os.environ.get("SAFEGUARD_CHROMIUM", "/usr/bin/chromium")
# No sandbox because CI runs as root in a container; the rest keep Chromium from calling
# home, which the CI network would refuse anyway, and from filling a small /dev/shm.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-dev-shm-usage",
]
AXE_JS = REPO_ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# What fails a test. "minor" and "moderate" findings are for a person to judge.
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
TIMEOUT_MS = 10_000


class AccessibilityError(AssertionError):
    """axe-core found serious or critical problems on a page."""


@dataclass
class _Visits:
    loaded: list[str] = field(default_factory=list)
    checked: set[int] = field(default_factory=set)


_visits: weakref.WeakKeyDictionary[Page, _Visits] = weakref.WeakKeyDictionary()


def launch_chromium(playwright: Playwright) -> Browser:
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"Chromium is not at {CHROMIUM}: apt-get install chromium, or set SAFEGUARD_CHROMIUM.")
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)


def open_page(browser: Browser, *, base_url: str) -> Page:
    """A page in a fresh context: no cookies, no session, nothing shared with other pages.

    The site's Content-Security-Policy allows only its own scripts; ``bypass_csp`` lets
    the test inject axe-core. The site's own scripts still run as they would for a user.
    """
    context = browser.new_context(
        base_url=base_url,
        bypass_csp=True,
        locale="en-GB",
        timezone_id="Europe/London",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    page = context.new_page()
    visits = _Visits()
    _visits[page] = visits

    def on_load(loaded: Page) -> None:
        if not loaded.url.startswith("about:"):
            visits.loaded.append(loaded.url)

    page.on("load", on_load)
    return page


# --- Accessibility ------------------------------------------------------------------------


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Every axe-core violation of the WCAG 2.2 AA rules on the page as it is now."""
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Injected once per document; the <script> element goes again so that the page's
        # HTML (saved when a test fails) is the site's own.
        page.add_script_tag(path=str(AXE_JS)).evaluate("script => script.remove()")
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    visits = _visits.get(page)
    if visits is not None and visits.loaded:
        visits.checked.add(len(visits.loaded) - 1)
    return list(result["violations"])


def _describe(violation: dict[str, Any]) -> str:
    targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
    shown = ", ".join(targets[:8]) + (f" and {len(targets) - 8} more" if len(targets) > 8 else "")
    return (
        f"- {violation['id']} ({violation['impact']}): {violation['help']}\n    at {shown}\n    {violation['helpUrl']}"
    )


def assert_accessible(page: Page) -> None:
    """Fail, listing rule, impact, elements and help, if axe finds a serious or critical problem."""
    blocking = [v for v in axe_violations(page) if v.get("impact") in BLOCKING_IMPACTS]
    if blocking:
        problems = "\n".join(_describe(v) for v in blocking)
        raise AccessibilityError(
            f"axe-core found {len(blocking)} serious or critical accessibility problem(s) on {page.url}:\n{problems}"
        )


def unchecked_loads(page: Page) -> list[str]:
    """The addresses of pages that loaded in this tab but were never checked with axe."""
    visits = _visits.get(page)
    if visits is None:
        return []
    return [url for i, url in enumerate(visits.loaded) if i not in visits.checked]


# --- Moving between pages -----------------------------------------------------------------


def _expect_status(page: Page, response: Response | None, status: int) -> Response:
    if response is None:
        raise AssertionError(f"Expected a page load (HTTP {status}) but the browser stayed on {page.url}.")
    if response.status != status:
        heading = page.get_by_role("heading", level=1)
        title = heading.first.inner_text() if heading.count() else page.title()
        raise AssertionError(f"Expected HTTP {status} but {response.url} answered {response.status} ({title!r}).")
    return response


def visit(page: Page, path: str, *, status: int = 200) -> Response:
    """Go to ``path`` (relative to the live server), assert the status and check with axe."""
    response = _expect_status(page, page.goto(path), status)
    assert_accessible(page)
    return response


def follow(page: Page, target: Locator, *, status: int = 200) -> Response:
    """Click a link or press a button that loads a new page (after any redirects), assert
    the final status and check the new page with axe."""
    with page.expect_navigation() as navigation:
        target.click()
    response = _expect_status(page, navigation.value, status)
    assert_accessible(page)
    return response


def sign_in(page: Page, username: str, password: str, *, status: int = 200) -> Response:
    visit(page, "/accounts/sign-in/")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    return follow(page, page.get_by_role("button", name="Sign in"), status=status)


def sign_out(page: Page) -> Response:
    return follow(page, page.get_by_role("button", name="Sign out"))


# --- When a test fails ----------------------------------------------------------------------


def artifact_stem(nodeid: str) -> str:
    """A file name for a test: ``safeguard/x/tests/test_y.py::test_z[a]`` -> ``x-tests-test_y-test_z-a``."""
    stem = re.sub(r"\.py::|::|/|\[|\]|@", "-", nodeid.removeprefix("safeguard/"))
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", stem).strip("-")


def save_artifacts(page: Page, stem: Path) -> list[Path]:
    """A full-page screenshot and the HTML of the page, for reading a failure in CI logs."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    screenshot = stem.parent / f"{stem.name}.png"
    html = stem.parent / f"{stem.name}.html"
    page.screenshot(path=str(screenshot), full_page=True, timeout=5_000)
    html.write_text(page.content(), encoding="utf-8")
    return [screenshot, html]
