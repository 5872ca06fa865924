"""The front door, end to end in a browser: a police officer raises a concern about a
child whose name they misspell; the MASH worker finds the right child top of the
candidates, rates the contact amber and asks health for information; the health visitor
answers in their own queue; the MASH manager decides on a referral for assessment; the
police officer sees the outcome. Every page is checked with axe."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from safeguard.accounts import services as account_services
from safeguard.accounts.models import Role
from safeguard.conftest import PASSWORD, Cast
from safeguard.frontdoor.models import Contact, Referral
from safeguard.lib.testing.browser import follow

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _nav(page: Page, name: str) -> None:
    follow(page, page.get_by_role("navigation", name="Menu").get_by_role("link", name=name))


def test_a_police_concern_is_matched_triaged_answered_decided_and_fed_back(
    page_as: Callable[[Any], Page], cast: Cast
) -> None:
    mash_manager, _ = account_services.user_create(
        actor=cast.system,
        username="mash.tm",
        first_name="Mo",
        last_name="Ward",
        email="",
        role=Role.TEAM_MANAGER,
        agency=cast.council,
        team=cast.mash_team,
        password=PASSWORD,
        must_change_password=False,
    )

    # The police officer raises the concern, spelling the child's name wrongly.
    police = page_as(cast.police)
    _nav(police, "Raise a concern")
    follow(police, police.get_by_role("button", name="Send to the MASH"))
    expect(police.get_by_role("heading", name="There is a problem")).to_be_visible()
    police.get_by_role("group", name="Is the child in immediate danger?").get_by_label("No").check()
    police.get_by_label("Given name").fill("Tylor")
    police.get_by_label("Family name").fill("Brooks")
    born = police.get_by_role("group", name="Date of birth", exact=True)
    born.get_by_label("Day").fill("17")
    born.get_by_label("Month").fill("5")
    born.get_by_label("Year").fill("2014")
    police.get_by_label("Postcode").fill("NB1 2AB")
    police.get_by_label("Domestic abuse").check()
    police.get_by_label("What happened?").fill(
        "Called to a domestic incident at 01:40. Tyler was hiding upstairs and upset."
    )
    police.get_by_role("group", name="Did the family agree to this contact?").get_by_label("Not sought").check()
    police.get_by_label("If consent was refused or not sought, why").fill("Asking could put the mother at risk.")
    follow(police, police.get_by_role("button", name="Send to the MASH"))
    expect(police.get_by_role("heading", name="Concern sent to the MASH")).to_be_visible()
    contact = Contact.objects.get()

    # The MASH worker finds the right child top of the candidates and rates it amber.
    mash = page_as(cast.mash)
    _nav(mash, "MASH queue")
    follow(mash, mash.get_by_role("link", name="Tylor Brooks (not yet matched)"))
    first = mash.get_by_role("group", name="Which child is this? Best match first.").get_by_role("radio").first
    expect(first).to_have_accessible_name(re.compile(r"^Tyler Brookes, born 17 May 2014"))
    first.check()
    follow(mash, mash.get_by_role("button", name="Confirm the child"))
    expect(mash.get_by_text("The contact is linked to the child's record.")).to_be_visible()
    follow(mash, mash.get_by_role("link", name="RAG rate"))
    mash.get_by_label("Amber").check()
    mash.get_by_label("Why this rating").fill("Second domestic incident this year; child frightened.")
    follow(mash, mash.get_by_role("button", name="Save rating"))

    # ... and asks health what it knows.
    follow(mash, mash.get_by_role("link", name="Ask a partner for information"))
    mash.get_by_label("Agency").select_option(label="Northbrook NHS Trust")
    mash.get_by_label("What do you need to know?").fill("Any A&E attendances or health visitor concerns this year?")
    follow(mash, mash.get_by_role("button", name="Send request"))
    expect(mash.get_by_text("The request has been sent.")).to_be_visible()

    # The health visitor answers in their own queue and sees only the request.
    health = page_as(cast.health)
    _nav(health, "Information requests")
    expect(health.get_by_role("cell", name="Tyler Brookes, born 17 May 2014", exact=True)).to_be_visible()
    expect(health.get_by_text("Called to a domestic incident")).to_have_count(0)
    follow(health, health.get_by_role("link", name="Answer"))
    health.get_by_label("What your agency knows").fill(
        "Seen at A&E on 2 March with a bruised forearm; explanation consistent."
    )
    follow(health, health.get_by_role("button", name="Send answer"))
    expect(health.get_by_text("Your answer has been sent to the MASH.")).to_be_visible()

    # The MASH manager reads the answer and decides: referral for assessment.
    manager = page_as(mash_manager)
    _nav(manager, "MASH queue")
    follow(manager, manager.get_by_role("link", name="Tyler Brookes"))
    expect(manager.get_by_text("Seen at A&E on 2 March")).to_be_visible()
    follow(manager, manager.get_by_role("link", name="Record decision"))
    manager.get_by_label("Referral to children's social care for assessment").check()
    manager.get_by_label("Refer to team").select_option(label="Assessment Team North")
    manager.get_by_label("Reasons for the decision").fill(
        "Repeat domestic abuse with a frightened child: threshold for assessment met."
    )
    follow(manager, manager.get_by_role("button", name="Record decision"))
    expect(manager.get_by_text("Outcome: Referral to children's social care for assessment")).to_be_visible()
    assert Referral.objects.get(contact=contact).team == cast.assessment

    # The police officer sees the outcome.
    _nav(police, "Contacts we raised")
    row = police.get_by_role("row").filter(has=police.get_by_role("link", name=contact.reference))
    expect(row).to_contain_text("Referral to children's social care for assessment")
