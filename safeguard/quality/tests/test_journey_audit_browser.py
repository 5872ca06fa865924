"""A quality assurance practitioner grades a sampled case inadequate; the team manager
finds it waiting for them at once, opens the audit and records how the concerns were
resolved. Every page is checked with axe."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from safeguard.conftest import Cast
from safeguard.lib.testing.browser import follow, visit
from safeguard.quality import selectors

from .support import quality_auditor, round_of

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_an_inadequate_case_goes_to_the_manager(page_as: Callable[[Any], Page], cast: Cast) -> None:
    auditor = quality_auditor(cast)
    round_of(cast, auditor)

    qa = page_as(auditor)
    visit(qa, "/quality/")
    follow(qa, qa.get_by_role("link", name="Tyler Brookes"))
    expect(qa.get_by_role("heading", name="The case file")).to_be_visible()
    for standard in selectors.standards():
        qa.get_by_role("group", name=standard.title, exact=True).get_by_label("4. Inadequate").check()
    qa.get_by_role("group", name="Overall grade for the case").get_by_label("4. Inadequate").check()
    qa.get_by_label("Strengths").fill("The school shares information well.")
    qa.get_by_label("What must improve").fill("Tyler has not been seen alone since the summer.")
    qa.get_by_label("Action 1 for the worker").fill("See Tyler alone this week")
    follow(qa, qa.get_by_role("button", name="Save the audit"))
    expect(qa.get_by_text("The case has gone to the team manager and head of service as a concern.")).to_be_visible()

    manager = page_as(cast.manager)
    visit(manager, "/quality/escalations/")
    escalations = manager.get_by_role("table", name="Case audits escalated to you and not yet resolved")
    expect(escalations.get_by_role("row", name="Tyler Brookes", exact=False)).to_contain_text("Inadequate")
    follow(manager, escalations.get_by_role("link", name="Tyler Brookes", exact=True))
    expect(manager.get_by_text("Tyler has not been seen alone since the summer.")).to_be_visible()
    follow(manager, manager.get_by_role("link", name="Resolve", exact=True))
    manager.get_by_label("What was done to resolve the concerns").fill("Seen alone on Monday; plan reviewed.")
    follow(manager, manager.get_by_role("button", name="Record the resolution"))
    expect(manager.get_by_text("No case audits with serious concerns are waiting for you.")).to_be_visible()
    # The manager's results page draws the inadequate audit as a bar: a chart per view,
    # each with the same counts in its table.
    visit(manager, "/quality/results/")
    expect(manager.get_by_role("heading", name="Grades by team")).to_be_visible()
    chart = manager.locator("#chart-team")
    expect(chart).to_have_attribute("role", "img")
    manager.wait_for_function("() => window.Chart && window.Chart.getChart('chart-team') !== undefined")
    drawn = manager.evaluate("() => window.Chart.getChart('chart-team').data.datasets.map(d => [d.label, d.counts])")
    assert drawn == [["Outstanding", [0]], ["Good", [0]], ["Requires improvement to be good", [0]], ["Inadequate", [1]]]
