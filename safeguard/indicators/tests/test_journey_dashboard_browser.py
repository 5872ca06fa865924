"""An analyst opens the indicators dashboard, sees the charts drawn from the page's own
data (no inline script: strict CSP), reads a month's figures in the table that stands in
for the chart, and drills into a number: the children behind it, as pseudonyms. Every
page is checked with axe."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from safeguard.conftest import Cast
from safeguard.indicators import selectors
from safeguard.lib.testing.browser import follow, visit

from .authority import build_front_door

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_an_analyst_drills_into_a_number(page_as: Callable[[Any], Page], cast: Cast) -> None:
    town = build_front_door(cast)
    analyst = page_as(cast.analyst)
    visit(analyst, "/indicators/")
    expect(analyst.get_by_role("heading", name="How the service is doing")).to_be_visible()
    chart = analyst.get_by_role(
        "img", name="Line chart of contacts decided within one working day by month", exact=False
    )
    expect(chart).to_be_visible()
    # Chart.js drew into the canvas from the json_script data.
    assert analyst.evaluate("() => !!window.Chart.getChart('chart-contacts_decided_1wd')")
    assert analyst.evaluate("() => window.Chart.getChart('chart-re_referrals').data.datasets.length") == 2

    analyst.get_by_text("Contacts decided within one working day: the figures by month").click()
    table = analyst.get_by_role("table", name="Contacts decided within one working day by month")
    row = table.get_by_role("row", name="March 2026", exact=False)
    expect(row.get_by_role("cell").last).to_have_text("50%")
    follow(analyst, row.get_by_role("link", name="2 contacts decided within one working day of receipt, March 2026"))

    expect(analyst.get_by_role("heading", name="Contacts decided within one working day")).to_be_visible()
    records = analyst.get_by_role("table", name="Records behind the figure")
    expect(records.get_by_role("row")).to_have_count(3)  # the header and two children
    for child in (town.a, town.c):
        expect(records.get_by_text(selectors.pseudonym(child.uuid))).to_be_visible()
    expect(analyst.get_by_text(town.a.full_name)).to_have_count(0)
    follow(analyst, analyst.get_by_role("link", name="Show all contacts decided in the month"))
    expect(analyst.get_by_role("table", name="Records behind the figure").get_by_role("row")).to_have_count(5)
