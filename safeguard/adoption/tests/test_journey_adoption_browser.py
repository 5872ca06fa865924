"""An adoption worker records a match and a placement in a browser. Ruby, 3, has been in
care since last year; the agency decided she should be placed for adoption, and the
Campbells were approved. Her worker in the children-in-care team opens her record, goes to
her adoption record, records the match with the Campbells and, after being asked whether
the Campbells were her foster carers (a question the return needs), the placement. Her
adoption record, the chronology-backed section and the Campbells' household page show it.
Every page is checked with axe."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from safeguard.access import services as access_services
from safeguard.accounts import services as account_services
from safeguard.accounts.models import Role, TeamKind
from safeguard.adoption import services
from safeguard.conftest import PASSWORD, Cast
from safeguard.lib.testing.browser import follow, visit
from safeguard.people import services as people_services

from .support import couple, in_care

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _fill_date(scope: Page | Locator, name: str, day: dt.date) -> None:
    group = scope.get_by_role("group", name=name, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _row(page: Page, key: str) -> Locator:
    return page.locator(".govuk-summary-list__row").filter(has=page.locator("dt").get_by_text(key, exact=True))


def test_an_adoption_worker_records_a_match_and_a_placement(page_as: Callable[[Any], Page], cast: Cast) -> None:
    today = timezone.localdate()
    team = account_services.team_create(
        actor=cast.system, agency=cast.council, name="Children in Care and Adoption", kind=TeamKind.CHILDREN_IN_CARE
    )
    worker, _ = account_services.user_create(
        actor=cast.system,
        username="ava",
        first_name="Ava",
        last_name="Adams",
        email="ava@example.org",
        role=Role.SOCIAL_WORKER,
        agency=cast.council,
        team=team,
        password=PASSWORD,
        must_change_password=False,
    )
    ruby = people_services.person_create(
        actor=cast.system,
        given_name="Ruby",
        family_name="Fenn",
        date_of_birth=today - dt.timedelta(days=3 * 365 + 40),
        sex="F",
        ethnicity="WBRI",
    )
    access_services.allocation_set(actor=cast.system, child=ruby, worker=worker)
    in_care(cast, ruby, today - dt.timedelta(days=400))
    household = couple(cast, today - dt.timedelta(days=500))
    services.household_update(
        actor=cast.system,
        household=household,
        expected_version=1,
        stage1_started_on=today - dt.timedelta(days=480),
        approved_on=today - dt.timedelta(days=200),
    )
    decided = today - dt.timedelta(days=150)
    services.decision_record(actor=cast.system, child=ruby, decided_on=decided)
    matched, placed = today - dt.timedelta(days=40), today - dt.timedelta(days=10)

    page = page_as(worker)
    visit(page, reverse("people:child", args=[ruby.uuid]))
    section = page.locator('section[aria-labelledby="section-adoption"]')
    expect(section).to_contain_text("Should be placed for adoption")
    expect(section.locator("#adoption-match-due")).to_contain_text("Match with adopters due by")
    follow(page, section.get_by_role("link", name="Adoption record of Ruby Fenn"))
    expect(page.get_by_role("heading", name="Adoption record")).to_be_visible()
    expect(_row(page, "Matched with adopters")).to_contain_text("Not matched")

    follow(page, page.get_by_role("link", name="Update the adoption record"))
    _fill_date(page, "Date matched with prospective adopters", matched)
    page.get_by_label("Adopters the child is matched with").select_option(
        label=f"{household.reference}: Fiona Campbell and Ross Campbell"
    )
    _fill_date(page, "Date placed for adoption", placed)
    follow(page, page.get_by_role("button", name="Save adoption record"))
    expect(
        page.get_by_role("link", name="Say whether the child was placed with their current foster carers.")
    ).to_be_visible()
    page.get_by_role(
        "group", name="Were the adopters the child's foster carers when the child was placed?"
    ).get_by_label("No").check()
    follow(page, page.get_by_role("button", name="Save adoption record"))

    expect(page.get_by_text("The adoption record is saved.")).to_be_visible()
    expect(_row(page, "Where the plan stands")).to_contain_text("Placed for adoption")
    expect(_row(page, "Matched with adopters")).to_contain_text(f"{matched:%-d %B %Y}: {household.reference}")
    expect(_row(page, "Placed for adoption")).to_contain_text(f"{placed:%-d %B %Y}")
    expect(page.locator("#adoption-match-due")).to_have_count(0)

    follow(page, page.get_by_role("link", name=household.reference))
    expect(page.get_by_role("heading", name=f"{household.reference}: Fiona Campbell and Ross Campbell")).to_be_visible()
    expect(page.locator("#adopter-journey")).to_contain_text(f"1 on {placed:%-d %B %Y}")
    expect(page.get_by_role("link", name="Ruby Fenn")).to_be_visible()
    follow(page, page.get_by_role("link", name="Back to adopters"))
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=household.reference))
    expect(row).to_contain_text("Child placed")
