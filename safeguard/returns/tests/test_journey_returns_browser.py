"""The returns in a browser: the head of service produces the 2025/26 CIN census with the
DfE checks; a weekend initial conference planted in the records is reported by the
validator's rule 8875; the allocated social worker finds the finding and follows it to the
child's record; the analyst sees it pseudonymised and produces the Annex A lists. Every
page is checked with axe (``visit`` and ``follow``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from safeguard.casework.models import Conference
from safeguard.conftest import Cast
from safeguard.lib.testing.browser import follow, visit
from safeguard.returns.selectors import pseudonym
from safeguard.returns.validation import validators_available

from .support import small_authority

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.skipif(
        not validators_available(), reason="the DfE validators are not installed here: run `make validators`"
    ),
]
WEEKEND = "The Date of Initial Child Protection Conference cannot be a weekend"


def _fill_date(page: Page, name: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=name, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_planted_error_reaches_the_team_that_can_fix_it(
    page_as: Callable[[Any], Page], cast: Cast, settings: Any
) -> None:
    settings.RETURNS_RUN_INLINE = True
    people = small_authority(cast)
    icpc = Conference.objects.get(child=people["ben"], kind="initial")
    Conference.objects.filter(pk=icpc.pk).update(held_on=dt.date(2025, 6, 21))  # a Saturday

    hos = page_as(cast.hos)
    visit(hos, reverse("returns:index"))
    follow(hos, hos.get_by_role("link", name="Produce the CIN census"))
    hos.get_by_label("2025/26 (1 April 2025 to 31 March 2026)").check()
    hos.get_by_label("Check it with the DfE validation rules").check()
    follow(hos, hos.get_by_role("button", name="Produce the CIN census"))
    expect(hos.get_by_role("heading", name="Children in need census")).to_be_visible()
    expect(hos.get_by_role("link", name="Download cin_census_2026.xml")).to_be_visible()
    expect(hos.get_by_text(WEEKEND).first).to_be_visible()

    sw = page_as(cast.sw)
    visit(sw, reverse("returns:index"))
    follow(sw, sw.get_by_role("link", name="Children in need census"))
    expect(sw.get_by_text(WEEKEND).first).to_be_visible()
    follow(sw, sw.get_by_role("link", name="Ben Okafor").first)
    expect(sw.get_by_role("heading", name="Ben Okafor")).to_be_visible()

    analyst = page_as(cast.analyst)
    visit(analyst, reverse("returns:index"))
    follow(analyst, analyst.get_by_role("link", name="Children in need census"))
    expect(analyst.get_by_text(pseudonym("RA0002")).first).to_be_visible()
    expect(analyst.get_by_role("link", name="Ben Okafor")).to_have_count(0)

    visit(analyst, reverse("returns:index"))
    follow(analyst, analyst.get_by_role("link", name="Produce the Annex A lists"))
    _fill_date(analyst, "Start of the look-back period", dt.date(2025, 10, 1))
    _fill_date(analyst, "End of the look-back period (the inspection date)", dt.date(2026, 3, 31))
    follow(analyst, analyst.get_by_role("button", name="Produce the Annex A lists"))
    expect(analyst.get_by_role("heading", name="Ofsted Annex A lists")).to_be_visible()
    expect(analyst.get_by_text("No errors or queries")).to_be_visible()
