"""Early help in a browser: an early help practitioner picks up a contact the front door
decided early help, records the assessment, and closes with a step-up; the MASH sees the
new contact in its queue. Every page is checked with axe (``visit`` and ``follow``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from safeguard.conftest import Cast
from safeguard.early_help.models import EarlyHelpEpisode
from safeguard.lib.testing.browser import follow, visit

from . import support

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _date(page: Page, legend: str, day: Any) -> None:
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_contact_decided_early_help_is_picked_up_assessed_and_stepped_up(
    page_as: Callable[[Any], Page], cast: Cast
) -> None:
    eh = support.practitioner(cast)
    ava = support.child(cast)
    support.decided_contact(cast, ava)
    today = timezone.localdate()

    page = page_as(eh)
    visit(page, "/")
    follow(page, page.get_by_role("link", name="Early help", exact=True))
    expect(page.get_by_role("heading", name="Waiting for early help")).to_be_visible()
    follow(page, page.get_by_role("link", name="Start early help for Ava Stone"))
    expect(page.get_by_text("Below the threshold for social care")).to_be_visible()
    follow(page, page.get_by_role("button", name="Start early help"))
    expect(page.get_by_text("Early help has started for Ava Stone.")).to_be_visible()

    follow(page, page.get_by_role("link", name="Record the assessment"))
    page.get_by_label("Organisation completing the assessment").fill("")
    follow(page, page.get_by_role("button", name="Save assessment"))
    expect(page.get_by_role("link", name="Say which organisation is completing the assessment.")).to_be_visible()
    page.get_by_label("Organisation completing the assessment").fill("Northbrook Family Hub")
    _date(page, "Date the assessment was completed", today)
    page.get_by_label("What the family needs help with").fill("Routines, school attendance and Mum's low mood.")
    follow(page, page.get_by_role("button", name="Save assessment"))
    expect(page.get_by_text("The early help assessment has been saved.")).to_be_visible()
    expect(page.get_by_text("Northbrook Family Hub")).to_be_visible()

    follow(page, page.get_by_role("link", name="Close early help"))
    page.get_by_label("Stepped up to children's social care (a new contact to the MASH)").check()
    page.get_by_label("Tell us more").fill("Ava told her teacher that Mum's new partner hit her.")
    page.get_by_label("Physical abuse").check()
    page.get_by_role("group", name="For a step-up: did the family consent to it?").get_by_label("Not sought").check()
    follow(page, page.get_by_role("button", name="Close early help"))
    expect(
        page.get_by_role("link", name="Say why consent was not sought, or what the family said when they refused.")
    ).to_be_visible()
    page.get_by_label("If consent was not given, why you are sharing anyway").fill("Asking could put Ava at risk.")
    follow(page, page.get_by_role("button", name="Close early help"))
    reference = EarlyHelpEpisode.objects.get(child=ava).step_up_contact.reference  # type: ignore[union-attr]
    expect(page.get_by_text(f"Contact {reference} has gone to the MASH.")).to_be_visible()

    mash = page_as(cast.mash)
    visit(mash, "/mash/")
    expect(mash.get_by_text(reference)).to_be_visible()
