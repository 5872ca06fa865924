"""The partnership in a browser: the head of service adds an action for the police; the
police officer reports progress on it; the dashboard shows it done. Every page is checked
with axe."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from safeguard.conftest import Cast
from safeguard.lib.testing.browser import follow, visit
from safeguard.partnership import services

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_an_action_owned_by_the_police_is_reported_on_by_the_police(page_as: Callable[[Any], Page], cast: Cast) -> None:
    services.priority_add(actor=cast.hos, title="Child exploitation")
    due = timezone.localdate() + dt.timedelta(days=60)
    hos = page_as(cast.hos)
    visit(hos, "/partnership/")
    follow(hos, hos.get_by_role("link", name="Add an action"))
    follow(hos, hos.get_by_role("button", name="Add the action"))
    expect(hos.get_by_role("link", name="Say what the action is.")).to_be_visible()
    hos.get_by_label("Priority").select_option(label="Child exploitation")
    hos.get_by_label("Action").fill("Disruption visits to hotels named in MACE")
    hos.get_by_label("Owning agency").select_option(label=cast.police_force.name)
    hos.get_by_label("Named lead").fill("DI Morgan")
    group = hos.get_by_role("group", name="Deadline", exact=True)
    group.get_by_label("Day").fill(str(due.day))
    group.get_by_label("Month").fill(str(due.month))
    group.get_by_label("Year").fill(str(due.year))
    follow(hos, hos.get_by_role("button", name="Add the action"))
    expect(hos.get_by_role("link", name="Disruption visits to hotels named in MACE")).to_be_visible()

    police = page_as(cast.police)
    visit(police, "/partnership/")
    follow(police, police.get_by_role("link", name="Disruption visits to hotels named in MACE"))
    police.get_by_label("On track").check()
    police.get_by_label("Progress (percent done)").fill("150")
    police.get_by_label("What has happened since the last report").fill("Four hotels visited with licensing.")
    follow(police, police.get_by_role("button", name="Report progress"))
    expect(police.get_by_role("link", name="Progress is a percentage from 0 to 100.")).to_be_visible()
    expect(police.get_by_label("What has happened since the last report")).to_have_value(
        "Four hotels visited with licensing."
    )
    police.get_by_label("Complete").check()
    police.get_by_label("Progress (percent done)").fill("100")
    follow(police, police.get_by_role("button", name="Report progress"))
    expect(police.get_by_text("Your progress report has been saved.")).to_be_visible()
    expect(police.get_by_text("Complete, 100% done")).to_be_visible()

    # The health visitor sees the plan but cannot report on the police's action.
    health = page_as(cast.health)
    visit(health, police.url)
    expect(health.get_by_role("button", name="Report progress")).to_have_count(0)
