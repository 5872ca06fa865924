"""An inspection in a browser: the head of service records this week's short inspection,
samples a child and opens an inspector's access; the inspector signs in and sees only that
child, read-only; another child's record is not found. Every page is checked with axe."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from safeguard.conftest import Cast
from safeguard.lib.testing.browser import follow, visit

from .support import inspector

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _fill_date(page: Page, name: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=name, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_an_inspector_sees_only_the_sample(page_as: Callable[[Any], Page], cast: Cast) -> None:
    from safeguard.inspection import services as inspection_services

    ida = inspector(cast)
    today = timezone.localdate()
    inspection_services.self_evaluation_save(
        actor=cast.hos,
        area="help_protection",
        grade=2,
        strengths="Timely decisions.",
        priorities="Repeat plans.",
        indicators=["contacts_decided_1wd", "re_referrals"],
        expected_version=None,
    )
    hos = page_as(cast.hos)
    visit(hos, "/inspection/")
    expect(
        hos.get_by_role(
            "region", name="Indicators for The experiences and progress of children who need help and protection"
        )
    ).to_be_visible()
    follow(hos, hos.get_by_role("link", name="Record an inspection or visit"))
    hos.get_by_label("Kind of inspection or visit").select_option(label="Short inspection (ILACS)")
    _fill_date(hos, "First day of fieldwork", today)
    _fill_date(hos, "Last day of fieldwork", today + dt.timedelta(days=4))
    follow(hos, hos.get_by_role("button", name="Record the inspection"))
    expect(hos.get_by_role("heading", name="Short inspection (ILACS)")).to_be_visible()

    hos.get_by_label("The child's Safeguard ID").fill("NOT-AN-ID")
    follow(hos, hos.get_by_role("button", name="Add to the sample"))
    expect(hos.get_by_role("link", name="No record has the Safeguard ID NOT-AN-ID")).to_be_visible()
    hos.get_by_label("The child's Safeguard ID").fill(cast.child.la_id)
    hos.get_by_label("Tracked (in depth, with the worker)").check()
    follow(hos, hos.get_by_role("button", name="Add to the sample"))
    expect(hos.get_by_text(f"{cast.child.full_name} is in the sample.")).to_be_visible()

    hos.get_by_label("Inspector").select_option(label=ida.display_name)
    _fill_date(hos, "Access opens on", today)
    _fill_date(hos, "Access closes after", today + dt.timedelta(days=30))
    follow(hos, hos.get_by_role("button", name="Open access"))
    expect(hos.get_by_role("link", name="Access may stay open for at most 21 days.")).to_be_visible()
    _fill_date(hos, "Access closes after", today + dt.timedelta(days=9))
    follow(hos, hos.get_by_role("button", name="Open access"))
    expect(hos.get_by_text(f"{ida.display_name} can read the sample while access is open.")).to_be_visible()

    ofsted = page_as(ida)
    expect(ofsted.get_by_role("heading", name="Children in your sample (1)")).to_be_visible()
    expect(ofsted.get_by_role("link", name="Find a person")).to_have_count(0)
    follow(ofsted, ofsted.get_by_role("link", name=cast.child.full_name))
    expect(ofsted.get_by_text("Your read-only access ends on")).to_be_visible()
    visit(ofsted, f"/people/{cast.stranger.uuid}/", status=404)

    # The head of service ends the access early; the record is gone for the inspector.
    visit(hos, hos.url)
    follow(hos, hos.get_by_role("button", name=f"End now for {ida.display_name}"))
    visit(ofsted, f"/people/{cast.child.uuid}/", status=404)
