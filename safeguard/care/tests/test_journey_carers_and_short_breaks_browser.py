"""A social worker changes a carer's postcode from the carers list, then records a
short-break (V4) agreement from a child's care record: first over the reg 48 limits
(refused in the rules' words), then within them. Every page, the forms with their errors
included, is checked with axe (``visit`` and ``follow``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from safeguard.care import rules
from safeguard.care.models import Carer, ShortBreakAgreement
from safeguard.conftest import Cast
from safeguard.lib.testing.browser import follow, visit

from .conftest import add_care_people

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _fill_date(page: Page, name: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=name, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_carer_is_changed_and_a_short_break_agreement_recorded(page_as: Callable[[Any], Page], cast: Cast) -> None:
    care = add_care_people(cast)
    page = page_as(cast.sw)

    visit(page, "/care/carers/")
    follow(page, page.get_by_role("link", name="Change Oakfield House"))
    page.get_by_label("Postcode").fill("NB8 1AB")
    follow(page, page.get_by_role("button", name="Save the changes"))
    expect(page.get_by_text("Oakfield House is saved.")).to_be_visible()
    home = Carer.objects.get(pk=care.home.pk)
    assert (home.postcode, home.version) == ("NB8 1AB", 2)

    visit(page, f"/care/{cast.child.uuid}/")
    follow(page, page.get_by_role("link", name="Record a short-break agreement"))
    _fill_date(page, "Date the agreement starts", dt.date(2026, 4, 7))
    page.get_by_label("Planned days of short breaks a year").fill("80")
    page.get_by_label("Longest single stay (days)").fill("4")
    page.get_by_label("Carer or setting (optional)").select_option(label="Oakfield House")
    follow(page, page.get_by_role("button", name="Record the agreement"))
    [problem] = rules.short_break_agreement_within_limits(80, 4)
    expect(page.locator(".govuk-error-summary")).to_contain_text(problem.message)
    assert not ShortBreakAgreement.objects.exists()

    page.get_by_label("Planned days of short breaks a year").fill("40")
    follow(page, page.get_by_role("button", name="Record the agreement"))
    expect(page.get_by_text("The short-break agreement from 7 April 2026 is recorded.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="7 April 2026")
    expect(row).to_contain_text("Oakfield House")
    expect(row).to_contain_text("40")
    assert ShortBreakAgreement.objects.get(child=cast.child).carer == home
