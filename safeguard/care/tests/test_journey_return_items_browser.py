"""The items the children looked after return needs, recorded in a browser: a 16-year-old
accommodated under section 20 is an unaccompanied asylum-seeking child with no previous
permanence option, later under a deprivation of liberty order that ends; his outcomes for
the year are recorded. Every page is checked with axe (``visit`` and ``follow``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from safeguard.care import services
from safeguard.care.models import CareRecord, LibertyOrder, PermanenceBefore, YearOutcomes
from safeguard.conftest import Cast
from safeguard.lib.testing.browser import follow, visit

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _fill_date(page: Page, name: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=name, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_uasc_previous_permanence_outcomes_and_a_liberty_order(page_as: Callable[[Any], Page], cast: Cast) -> None:
    services.care_start(
        actor=cast.sw,
        child=cast.child,
        start_date=dt.date(2025, 3, 3),
        legal_status="V2",
        category_of_need="N7",
        placement=services.Placement(placement_type="U6", placement_provider="PR1"),
    )
    page = page_as(cast.sw)
    visit(page, f"/care/{cast.child.uuid}/")
    follow(page, page.get_by_role("link", name="Change whether the child is an unaccompanied asylum-seeking child"))
    page.get_by_role("group", name="Is the child an unaccompanied asylum-seeking child (UASC)?").get_by_label(
        "Yes", exact=True
    ).check()
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_text("The UASC status is saved.")).to_be_visible()
    assert CareRecord.objects.get(child=cast.child).uasc

    follow(page, page.get_by_role("link", name="Change the previous permanence option"))
    page.get_by_label("Z1: No previous permanence option").check()
    follow(page, page.get_by_role("button", name="Save"))
    assert PermanenceBefore.objects.get(child=cast.child).option == "Z1"

    follow(page, page.get_by_role("link", name="Record the outcomes for the year to 31 March 2026"))
    page.get_by_role("group", name="Convicted, or given a final warning or reprimand, during the year?").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_role("group", name="Was a substance misuse problem identified during the year?").get_by_label(
        "No", exact=True
    ).check()
    follow(page, page.get_by_role("button", name="Save the outcomes"))
    assert YearOutcomes.objects.get(child=cast.child, year=2026).substance_misuse is False

    follow(page, page.get_by_role("link", name="Record a deprivation of liberty order"))
    _fill_date(page, "Date the order started", dt.date(2025, 6, 2))
    follow(page, page.get_by_role("button", name="Save the order"))
    follow(page, page.get_by_role("link", name="Change the order from 2 June 2025"))
    _fill_date(page, "Date the order ended", dt.date(2025, 9, 30))
    follow(page, page.get_by_role("button", name="Save the order"))
    assert LibertyOrder.objects.get(child=cast.child).end_date == dt.date(2025, 9, 30)
    expect(page.get_by_text("From 2 June 2025 to 30 September 2025")).to_be_visible()
