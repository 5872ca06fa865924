"""Signing in and out in a real browser, every page checked with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from safeguard.conftest import PASSWORD, Cast
from safeguard.lib.testing.browser import follow, sign_in, sign_out, visit

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _try(page: Page, username: str, password: str, *, status: int = 200) -> None:
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    follow(page, page.get_by_role("button", name="Sign in"), status=status)


def test_it_signs_in_to_my_work_and_signs_out(page: Page, cast: Cast) -> None:
    sign_in(page, "sw", PASSWORD)

    expect(page.get_by_role("heading", level=1, name="My work")).to_be_visible()
    expect(page.get_by_text("Sam Walker")).to_be_visible()
    expect(page.get_by_role("link", name="Tyler Brookes")).to_be_visible()

    sign_out(page)
    expect(page.get_by_role("heading", level=1, name="Sign in to Safeguard")).to_be_visible()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    visit(page, "/")
    expect(page).to_have_url("/accounts/sign-in/?next=/")


def test_it_explains_a_wrong_password_in_an_error_summary(page: Page, cast: Cast) -> None:
    visit(page, "/accounts/sign-in/")
    _try(page, "sw", "not-the-password")

    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary.get_by_text("The username or password is not right.")).to_be_visible()
    expect(page.get_by_role("heading", level=1, name="My work")).to_have_count(0)


def test_it_locks_the_account_after_five_wrong_passwords(page: Page, cast: Cast) -> None:
    visit(page, "/accounts/sign-in/")
    for _ in range(4):
        _try(page, "sw_other", "not-the-password")
        expect(page.get_by_text("The username or password is not right.")).to_be_visible()

    _try(page, "sw_other", "not-the-password", status=429)
    expect(page.get_by_role("heading", level=1, name="Your account is locked")).to_be_visible()

    # The right password does not help once the account is locked.
    follow(page, page.get_by_role("link", name="Back to sign in"))
    _try(page, "sw_other", PASSWORD, status=429)
    expect(page.get_by_role("heading", level=1, name="Your account is locked")).to_be_visible()
