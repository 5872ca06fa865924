"""Break the glass, end to end in a browser: a social worker with no involvement finds a
child, is refused, breaks the glass with a reason and sees the record; information
governance reviews the access and reads who has looked at the record. Every page is
checked with axe."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from safeguard.access import policy
from safeguard.conftest import Cast
from safeguard.lib.testing.browser import follow, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

REASON = "Police have found Tyler alone at the station at 2am and need to know who to call."
NOTE = "No emergency on the night log; the worker's manager has been asked to explain."


def _search(page: Page, query: str) -> None:
    follow(page, page.get_by_role("link", name="Find a person"))
    expect(page.get_by_role("heading", level=1, name="Find a person")).to_be_visible()
    page.get_by_label("Name, date of birth or identifier").fill(query)
    follow(page, page.get_by_role("button", name="Search"))


def test_it_lets_a_worker_break_the_glass_and_information_governance_review_it(
    page_as: Callable[[Any], Page], cast: Cast
) -> None:
    refusal_reason = policy.explain(cast.sw_other, cast.child)
    worker = page_as(cast.sw_other)

    # The child is known, but not to this worker.
    _search(worker, "Brookes")
    tyler = worker.get_by_role("row").filter(has=worker.get_by_role("link", name="Tyler Brookes", exact=True))
    expect(tyler).to_contain_text("Known to children's services")
    follow(worker, tyler.get_by_role("link", name="Tyler Brookes", exact=True), status=403)
    expect(worker.get_by_role("heading", level=1, name="You cannot see this record")).to_be_visible()
    expect(worker.get_by_text(refusal_reason)).to_be_visible()
    expect(worker.get_by_text("943 476 5919")).to_have_count(0)

    # Breaking the glass needs a reason.
    follow(worker, worker.get_by_role("link", name="Break the glass"))
    expect(worker).to_have_url(f"/people/{cast.child.uuid}/break-glass/")
    follow(worker, worker.get_by_role("button", name="Open the record"))
    summary = worker.get_by_role("alert")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary.get_by_role("link", name="Explain why you need to see this record now.")).to_be_visible()

    worker.get_by_label("Why do you need to see this record now?").fill(REASON)
    follow(worker, worker.get_by_role("button", name="Open the record"))
    expect(worker).to_have_url(f"/people/{cast.child.uuid}/")
    expect(worker.get_by_role("heading", level=1, name="Tyler Brookes")).to_be_visible()
    identity = worker.get_by_role("region", name="About Tyler Brookes")
    expect(identity).to_contain_text("NHS number 943 476 5919")
    expect(worker.get_by_text("Emergency access.")).to_contain_text(REASON)
    sign_out(worker)

    # Information governance sees the access waiting for review, and refers it.
    ig = page_as(cast.ig)
    follow(ig, ig.get_by_role("link", name="Break-glass reviews"))
    expect(ig).to_have_url("/audit/break-glass/")
    waiting = ig.get_by_role("table", name="Awaiting review").get_by_role("row").filter(has_text="Olu Reed")
    expect(waiting).to_contain_text("Tyler Brookes")
    expect(waiting).to_contain_text(REASON)
    follow(ig, waiting.get_by_role("link", name="Review"))

    expect(ig.get_by_role("heading", level=1, name="Review emergency access")).to_be_visible()
    expect(ig.get_by_role("radio", name="Justified", exact=True)).to_be_visible()
    ig.get_by_role("radio", name="Referred for investigation").check()
    ig.get_by_label("Note").fill(NOTE)
    follow(ig, ig.get_by_role("button", name="Save review"))

    expect(ig).to_have_url("/audit/break-glass/")
    expect(ig.get_by_text("Nothing is waiting for review.")).to_be_visible()
    reviewed = ig.get_by_role("table", name="Recently reviewed").get_by_role("row").filter(has_text="Olu Reed")
    expect(reviewed).to_contain_text("Tyler Brookes")
    expect(reviewed).to_contain_text("Referred for investigation")
    expect(reviewed).to_contain_text(NOTE)

    # ... and reads who has looked at the child's record: the refusal, the break-glass and the view.
    _search(ig, "Brookes")
    # The link's hidden ": who has looked..." is absolutely positioned, so its name has a space before the colon.
    follow(ig, ig.get_by_role("link", name=re.compile(r"^Tyler Brookes\s*: who has looked at this record$")))
    expect(ig).to_have_url(f"/audit/children/{cast.child.uuid}/")
    expect(ig.get_by_role("heading", level=1, name="Who has looked at this record")).to_be_visible()
    by_olu = ig.get_by_role("table", name="Access to this record").get_by_role("row").filter(has_text="Olu Reed")
    expect(by_olu.filter(has_text="Break-glass access")).to_contain_text(REASON)
    expect(by_olu.filter(has_text="Record viewed").filter(has_text="Allowed").first).to_be_visible()
    expect(by_olu.filter(has_text="Denied").first).to_be_visible()


def test_it_opens_the_record_for_the_allocated_worker_without_a_refusal(
    page_as: Callable[[Any], Page], cast: Cast
) -> None:
    worker = page_as(cast.sw)

    _search(worker, "Brookes")
    tyler = worker.get_by_role("row").filter(has=worker.get_by_role("link", name="Tyler Brookes", exact=True))
    expect(tyler).to_contain_text("You can open this record")
    follow(worker, tyler.get_by_role("link", name="Tyler Brookes", exact=True))

    expect(worker.get_by_role("heading", level=1, name="Tyler Brookes")).to_be_visible()
    expect(worker.get_by_text("You are Tyler Brookes's allocated worker.")).to_be_visible()
    expect(worker.get_by_role("region", name="About Tyler Brookes")).to_contain_text("NHS number 943 476 5919")
    expect(worker.get_by_text("Emergency access.")).to_have_count(0)


def test_it_shows_the_police_officer_the_partner_view(page_as: Callable[[Any], Page], cast: Cast) -> None:
    officer = page_as(cast.police)

    follow(officer, officer.get_by_role("link", name="Tyler Brookes", exact=True))

    expect(officer.get_by_role("heading", level=1, name="Tyler Brookes")).to_be_visible()
    expect(officer.get_by_text("This is the partner view.")).to_be_visible()
    expect(officer.get_by_role("heading", name="Addresses")).to_have_count(0)
