"""The help and protection pathway, end to end in a browser: from a referral received on
1 December 2025, the social worker starts and completes an assessment; her manager
authorises it; a strategy discussion on 15 December decides on a joint section 47
enquiry, with an action for the police; the police officer signs in, adds what the
police know and completes her action; the enquiry finds continuing risk; the initial
conference on 7 January 2026 starts a child protection plan; the first core group meets.

Every deadline a page shows is checked against ``casework/rules.py``. The intervals run
over Christmas Day, Boxing Day and New Year's Day, so a count that forgot bank holidays
would show different dates. Every page is checked with axe (``visit`` and ``follow``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from safeguard.casework import rules
from safeguard.casework.models import ChildProtectionPlan
from safeguard.conftest import Cast
from safeguard.frontdoor import services as frontdoor
from safeguard.frontdoor.tests.support import contact_input
from safeguard.lib.testing.browser import follow, visit

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

REFERRAL = dt.date(2025, 12, 1)
STRATEGY = dt.date(2025, 12, 15)
ICPC = dt.date(2026, 1, 7)
CORE_GROUP = dt.date(2026, 1, 14)


def _long(day: dt.date) -> str:
    return f"{day:%-d %B %Y}"


def _weekdays_only(start: dt.date, days: int) -> dt.date:
    """A count of working days that forgets bank holidays: what the pages must not show."""
    current = start
    while days:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def _fill_date(scope: Page | Locator, name: str, day: dt.date) -> None:
    group = scope.get_by_role("group", name=name, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _row(page: Page, key: str) -> Locator:
    """The value of a summary list row, found by its key."""
    return page.locator(".govuk-summary-list__row").filter(has=page.get_by_text(key, exact=True))


def _referral(cast: Cast) -> None:
    received = timezone.make_aware(dt.datetime(REFERRAL.year, REFERRAL.month, REFERRAL.day, 9, 30))
    contact, _ = frontdoor.contact_submit(actor=cast.police, data=contact_input(), received_at=received)
    contact = frontdoor.contact_match(
        actor=cast.hos, contact=contact, person=cast.child, expected_version=contact.version
    )
    frontdoor.contact_decide(
        actor=cast.hos,
        contact=contact,
        decision="referral",
        rationale="Repeat domestic abuse with a frightened child.",
        expected_version=contact.version,
        team=cast.assessment,
    )


def test_from_a_referral_to_a_child_protection_plan(page_as: Callable[[Any], Page], cast: Cast) -> None:
    _referral(cast)
    child_url = reverse("people:child", args=[cast.child.uuid])
    assessment_due = rules.assessment_due(REFERRAL)
    assert assessment_due != _weekdays_only(REFERRAL, 45)  # Christmas and New Year are inside

    # The social worker starts the assessment from the referral.
    sw = page_as(cast.sw)
    visit(sw, child_url)
    follow(sw, sw.get_by_role("link", name="Start an assessment from the referral of 1 December 2025"))
    expect(sw.get_by_label("Referral received 1 December 2025 (Assessment Team North)")).to_be_checked()
    _fill_date(sw, "Date the assessment started", dt.date(2025, 12, 2))
    follow(sw, sw.get_by_role("button", name="Start assessment"))
    expect(sw.get_by_text(f"The assessment has started. It is due by {_long(assessment_due)}.")).to_be_visible()
    expect(_row(sw, "Due by")).to_contain_text(_long(assessment_due))
    expect(_row(sw, "Due by")).to_contain_text("Overdue")

    follow(sw, sw.get_by_role("link", name="Edit the assessment"))
    sw.get_by_label("Domestic abuse: child as subject", exact=True).check()
    sw.get_by_label("Emotional abuse", exact=True).check()
    sw.get_by_label("The child's primary need (CIN census)").select_option("N1")
    sw.get_by_label("The child's views").fill("Tyler says he hides upstairs when his dad shouts.")
    sw.get_by_label("The family's views").fill("His mother wants support and is frightened.")
    sw.get_by_label("Analysis").fill("Repeated domestic abuse; Tyler is frightened. Significant harm is suspected.")
    follow(sw, sw.get_by_role("button", name="Save assessment"))
    expect(sw.get_by_text("3A Domestic abuse: child as subject")).to_be_visible()
    follow(sw, sw.get_by_role("link", name="Submit for authorisation"))
    sw.get_by_label("Strategy discussion").check()
    sw.get_by_label("Why this is the right outcome").fill("Reasonable cause to suspect significant harm.")
    follow(sw, sw.get_by_role("button", name="Submit for authorisation"))
    expect(sw.get_by_role("button", name="Authorise the assessment")).to_have_count(0)

    # The manager finds it awaiting authorisation on "My work" and authorises it.
    manager = page_as(cast.manager)
    expect(manager.get_by_role("heading", name="Assessments awaiting your authorisation (1)")).to_be_visible()
    follow(manager, manager.get_by_role("link", name="Tyler Brookes").first)
    follow(manager, manager.get_by_role("button", name="Authorise the assessment"))
    expect(manager.get_by_text("The assessment is authorised.")).to_be_visible()

    # The strategy discussion, with the police; health did not take part.
    visit(sw, sw.url)
    follow(sw, sw.get_by_role("link", name="Record a strategy discussion"))
    _fill_date(sw, "Date held", STRATEGY)
    sw.get_by_label("Why the strategy discussion was held").fill("Tyler disclosed that his father hit him.")
    person2 = sw.get_by_role("group", name="Person 2", exact=True)
    person2.get_by_label("Agency").select_option(label="Northbrook Police")
    person2.get_by_label("Name").fill("DC Pat Lane")
    person2.get_by_label("Role").fill("Public protection unit")
    sw.get_by_label("Section 47 enquiry, joint with police").check()
    sw.get_by_label("Reasons for the decision").fill("Disclosure of physical harm; joint enquiry needed.")
    action = sw.get_by_role("group", name="Action 1", exact=True)
    action.get_by_label("Action").fill("Interview Tyler (ABE)")
    action.get_by_label("Owner agency").select_option(label="Northbrook Police")
    _fill_date(action, "Due date", dt.date(2025, 12, 17))
    follow(sw, sw.get_by_role("button", name="Record strategy discussion"))
    expect(sw.get_by_text("Not at this strategy discussion: health.")).to_be_visible()
    conference_due = rules.initial_conference_due(STRATEGY)
    assert conference_due != _weekdays_only(STRATEGY, 15)
    expect(_row(sw, "Initial conference due by")).to_contain_text(_long(conference_due))
    strategy_url = sw.url

    # The police officer signs in, adds what the police know and completes her action.
    police = page_as(cast.police)
    follow(police, police.get_by_role("link", name="Tyler Brookes"))
    expect(police.get_by_text("Child and family assessment")).to_have_count(0)
    follow(police, police.get_by_role("link", name="Strategy discussion, 15 December 2025"))
    follow(police, police.get_by_role("link", name="Add your agency's information"))
    police.get_by_label("What your agency knows").fill("Father arrested for assault on a partner in 2023.")
    follow(police, police.get_by_role("button", name="Add information"))
    expect(police.get_by_text("Father arrested for assault on a partner in 2023.", exact=False)).to_be_visible()
    follow(police, police.get_by_role("button", name=re.compile(r"^Mark complete\W+Interview Tyler \(ABE\)$")))
    expect(police.get_by_role("cell", name=re.compile(r"^Completed .* by Pat Lane$"))).to_be_visible()
    expect(police.get_by_role("link", name="Complete the section 47 enquiry")).to_have_count(0)

    # The enquiry finds continuing risk: the initial conference is due.
    visit(sw, strategy_url)
    expect(sw.get_by_text("Father arrested for assault", exact=False)).to_be_visible()
    follow(sw, sw.get_by_role("link", name="Complete the section 47 enquiry"))
    sw.get_by_label("Findings").fill("Bruising consistent with Tyler's account.")
    sw.get_by_label("Substantiated, child judged at continuing risk of significant harm").check()
    _fill_date(sw, "Date completed", dt.date(2025, 12, 22))
    follow(sw, sw.get_by_role("button", name="Complete enquiry"))
    conferences = sw.locator(".govuk-summary-list__row").filter(
        has=sw.get_by_text("Initial child protection conference", exact=True)
    )
    expect(conferences).to_contain_text(_long(conference_due))

    # The initial conference decides on a plan.
    follow(sw, sw.get_by_role("link", name="Record the initial child protection conference"))
    expect(sw.get_by_text(f"due by {_long(conference_due)}", exact=False)).to_be_visible()
    _fill_date(sw, "Date held", ICPC)
    person2 = sw.get_by_role("group", name="Person 2", exact=True)
    person2.get_by_label("Agency").select_option(label="Northbrook Police")
    person2.get_by_label("Name").fill("DC Pat Lane")
    person3 = sw.get_by_role("group", name="Person 3", exact=True)
    person3.get_by_label("Agency").select_option(label="Northbrook NHS Trust")
    person3.get_by_label("Name").fill("Helen Vickers")
    person3.get_by_label("Information they shared").fill("Missed developmental checks.")
    sw.get_by_label("The child's views").fill("I want it to be quiet at home.")
    sw.get_by_label("Child protection plan", exact=True).check()
    sw.get_by_label("Emotional abuse").check()
    sw.get_by_label("Reasons for the decision").fill("Continuing risk of emotional and physical harm.")
    follow(sw, sw.get_by_role("button", name="Record conference"))
    follow(sw, sw.get_by_role("link", name="Plan from 7 January 2026"))

    first_core_group = rules.first_core_group_due(ICPC)
    expect(_row(sw, "First core group due by")).to_contain_text(_long(first_core_group))
    expect(_row(sw, "Next core group due by")).to_contain_text(_long(first_core_group))
    expect(_row(sw, "Next review conference due by")).to_contain_text(_long(rules.first_review_conference_due(ICPC)))
    expect(_row(sw, "Next statutory visit due by")).to_contain_text(_long(rules.protection_visit_due(ICPC)))

    # The first core group meets within its ten working days.
    follow(sw, sw.get_by_role("link", name="Record a core group"))
    _fill_date(sw, "Date held", CORE_GROUP)
    sw.get_by_label("Notes").fill("Plan agreed with the family, police, school and health.")
    follow(sw, sw.get_by_role("button", name="Record core group"))
    expect(_row(sw, "Next core group due by")).to_contain_text(_long(rules.next_core_group_due(CORE_GROUP)))
    plan = ChildProtectionPlan.objects.get()
    assert plan.started_on == ICPC and plan.next_core_group_due == rules.next_core_group_due(CORE_GROUP)
