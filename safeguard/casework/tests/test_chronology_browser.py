"""The chronology in a browser: a social worker opens Tyler's chronology, filters it to
visits, and downloads the filtered spreadsheet. Every page is checked with axe."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from safeguard.casework.tests.test_chronology import build_history
from safeguard.conftest import Cast
from safeguard.lib.testing.browser import follow, visit

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_social_worker_filters_the_chronology_and_downloads_the_spreadsheet(
    page_as: Callable[[Any], Page], cast: Cast
) -> None:
    build_history(cast)
    worker = page_as(cast.sw)

    # The link from the child's record is another section's; the address is the chronology's.
    visit(worker, f"/cases/{cast.child.uuid}/chronology/")
    expect(worker.get_by_role("heading", level=1, name="Chronology")).to_be_visible()
    expect(worker.get_by_role("region", name="About Tyler Brookes")).to_contain_text("Sam Walker")
    total = worker.get_by_role("heading", level=2, name=re.compile(r"^\d+ entries$"))
    expect(total).to_be_visible()
    everything = int(total.inner_text().split()[0])
    assert everything > 10
    expect(worker.get_by_role("heading", level=3, name="Core group meeting")).to_be_visible()

    worker.get_by_role("group", name="Type").get_by_role("checkbox", name="Visits with the child seen (1)").check()
    follow(worker, worker.get_by_role("button", name="Apply filters"))

    expect(worker).to_have_url(re.compile(r"type=visit"))
    expect(worker.get_by_role("heading", level=2, name=f"1 of {everything} entries")).to_be_visible()
    expect(worker.get_by_role("heading", level=3)).to_have_text(["Statutory child protection visit: child seen alone"])
    expect(worker.get_by_role("checkbox", name="Visits with the child seen (1)")).to_be_checked()
    expect(worker.get_by_text('The child said: "I like my new bed."')).to_be_visible()

    with worker.expect_download() as downloading:
        worker.get_by_role("link", name="Download as a spreadsheet").click()
    download = downloading.value
    assert re.fullmatch(rf"chronology-{cast.child.la_id}-\d{{4}}-\d{{2}}-\d{{2}}\.xlsx", download.suggested_filename)
    with open(download.path(), "rb") as saved:
        sheet = load_workbook(saved)["Chronology"]
    header, *rows = sheet.iter_rows(values_only=True)
    assert header[:5] == ("Date", "Time", "Type", "Agency", "Entry")
    assert [row[4] for row in rows] == ["Statutory child protection visit: child seen alone"]

    follow(worker, worker.get_by_role("link", name="Clear filters"))
    expect(worker.get_by_role("heading", level=2, name=f"{everything} entries")).to_be_visible()
