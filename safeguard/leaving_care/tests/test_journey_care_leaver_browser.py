"""A care leaver's journey in a browser. Jade came into care at 15 under section 20 (V2)
in foster care, became subject to a care order (C2), and stayed with her foster carers when
she turned 18 on 14 August 2026 (REC E17). Her record shows her as a former relevant young
person with the reason and the dates it turns on; the team manager allocates a personal
adviser, who finds her on the leaving-care caseload, records her pathway plan (agreed on 28
June 2026, before she left care), staying put, keeping in touch around her 18th birthday
(with the national codes, and a refusal in the user's words), and a review of the plan.

Every deadline a page shows is checked against ``leaving_care/rules.py``. The plan's first
review falls on 28 December 2026, a bank holiday after Christmas, and the second on a Sunday,
so a rule that forgot either would show other dates. Every page is checked with axe."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect

from safeguard.access import services as access_services
from safeguard.care import services as care_services
from safeguard.conftest import Cast
from safeguard.leaving_care import rules
from safeguard.leaving_care.models import KeepInTouch, PathwayPlan
from safeguard.lib.testing.browser import follow, visit
from safeguard.lib.workingdays import add_months
from safeguard.people import services as people_services

from .support import FOSTER, adviser, care_version

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

BORN = dt.date(2008, 8, 14)
ENTERED = dt.date(2023, 5, 2)
ORDER = dt.date(2023, 9, 18)
EIGHTEEN = dt.date(2026, 8, 14)
AGREED = dt.date(2026, 6, 28)
CONTACT = dt.date(2026, 8, 20)
REVIEW = dt.date(2026, 11, 2)


def _long(day: dt.date) -> str:
    return f"{day:%-d %B %Y}"


def _fill_date(scope: Page | Locator, name: str, day: dt.date) -> None:
    group = scope.get_by_role("group", name=name, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _row(page: Page, key: str) -> Locator:
    return page.locator(".govuk-summary-list__row").filter(has=page.get_by_text(key, exact=True))


def _in_care(cast: Cast) -> Any:
    jade = people_services.person_create(
        actor=cast.system, given_name="Jade", family_name="Rowe", date_of_birth=BORN, sex="F", ethnicity="WBRI"
    )
    access_services.allocation_set(actor=cast.system, child=jade, worker=cast.sw)
    care_services.care_start(
        actor=cast.sw,
        child=jade,
        start_date=ENTERED,
        legal_status="V2",
        category_of_need="N1",
        placement=FOSTER,
        home_postcode="NB3 4CD",
    )
    care_services.episode_change(
        actor=cast.sw, child=jade, on=ORDER, kind="L", legal_status="C2", expected_version=care_version(jade)
    )
    care_services.care_end(
        actor=cast.sw, child=jade, on=EIGHTEEN, end_reason="E17", expected_version=care_version(jade)
    )
    return jade


def test_a_young_person_leaves_care_at_18_with_a_pathway_plan_and_keeping_in_touch(
    page_as: Callable[[Any], Page], cast: Cast
) -> None:
    jade = _in_care(cast)
    pa = adviser(cast)
    child_url = reverse("people:child", args=[jade.uuid])

    # Her record: former relevant, with the reason and the dates it turns on.
    manager = page_as(cast.manager)
    visit(manager, child_url)
    expect(manager.locator("#leaving-care-status")).to_have_text("Former relevant child")
    eligible_from = dt.date(2024, 8, 14)  # 16th birthday: her 13 weeks since 14 were long done
    expect(manager.locator("#leaving-care-reason")).to_contain_text(
        f"Aged 18 and was an eligible child (from {_long(eligible_from)}) before turning 18"
    )
    expect(_row(manager, "Left care")).to_contain_text(_long(EIGHTEEN))
    expect(_row(manager, "Entitled to support until")).to_contain_text(_long(dt.date(2029, 8, 14)))
    expect(_row(manager, "Personal adviser")).to_contain_text("None allocated")

    # The team manager allocates a personal adviser from the leaving-care team.
    follow(manager, manager.get_by_role("link", name="Allocate a personal adviser"))
    manager.get_by_label("Personal adviser").select_option(label="Paige Adler, Leaving Care Team")
    allocated = dt.date(2026, 6, 1)
    _fill_date(manager, "Date the personal adviser starts", allocated)
    follow(manager, manager.get_by_role("button", name="Allocate personal adviser"))
    expect(manager.get_by_text("Paige Adler is now Jade Rowe's personal adviser.")).to_be_visible()
    first_contact = rules.adviser_first_contact_due(allocated)
    expect(manager.locator("#leaving-care-contact-due")).to_contain_text(_long(first_contact))
    expect(manager.locator("#leaving-care-contact-due")).to_contain_text("Overdue")

    # The adviser finds her on the caseload, due a contact.
    advise = page_as(pa)
    visit(advise, reverse("leaving_care:caseload"))
    row = advise.get_by_role("row").filter(has=advise.get_by_role("link", name="Jade Rowe"))
    expect(row).to_contain_text("Former relevant child")
    expect(row).to_contain_text(f"{first_contact:%-d %B %Y}")
    expect(row).to_contain_text("Never")
    follow(advise, advise.get_by_role("link", name="Jade Rowe"))

    # The pathway plan agreed before she left care: first review on the bank holiday
    # after Christmas, so due on the working day before it.
    follow(advise, advise.get_by_role("link", name="Record a pathway plan"))
    _fill_date(advise, "Date the pathway plan was agreed", AGREED)
    advise.get_by_label("What the plan says").fill("Stay with her foster carers; college in September.")
    follow(advise, advise.get_by_role("button", name="Save pathway plan"))
    first_review = rules.pathway_plan_review_due(AGREED)
    assert add_months(AGREED, 6) == dt.date(2026, 12, 28) and first_review == dt.date(2026, 12, 24)
    expect(advise.get_by_text(f"Its first review is due by {_long(first_review)}.")).to_be_visible()
    expect(advise.locator("#plan-review-due")).to_contain_text(_long(first_review))

    # Staying put with her former foster carers.
    visit(advise, child_url)
    expect(advise.locator("#leaving-care-plan-due")).to_contain_text(_long(first_review))
    follow(advise, advise.get_by_role("link", name="Change leaving-care details"))
    _fill_date(advise, "Staying put: date it began", EIGHTEEN)
    advise.get_by_label("Staying put: former foster carers").fill("Mr and Mrs Hale")
    follow(advise, advise.get_by_role("button", name="Save leaving-care details"))
    expect(_row(advise, "Staying put")).to_contain_text(f"With Mr and Mrs Hale from {_long(EIGHTEEN)}")

    # Keeping in touch around her 18th birthday, in the national codes; a mistake first.
    follow(advise, advise.get_by_role("link", name="Record keeping in touch"))
    _fill_date(advise, "Date of the contact", CONTACT)
    advise.get_by_label("Yes, in touch").check()
    advise.get_by_label("What the young person is doing").select_option("0")
    advise.get_by_label("Where the young person lives").select_option("Z")
    advise.get_by_label("Suitable", exact=True).check()
    follow(advise, advise.get_by_role("button", name="Save keeping in touch"))
    expect(
        advise.get_by_role("link", name="You are in touch, so record what the young person is doing (903 rule 345).")
    ).to_be_visible()
    advise.get_by_label("What the young person is doing").select_option("F2")
    follow(advise, advise.get_by_role("button", name="Save keeping in touch"))
    expect(advise.get_by_text("It is the contact for the 18th birthday.", exact=False)).to_be_visible()
    birthdays = advise.locator("#leaving-care-birthdays")
    eighteenth = birthdays.get_by_role("row").filter(has_text="18th")
    # She left care on her 18th birthday, so the return does not report it (DfE rule 1016:
    # looked after on the birthday); the contact is kept and shown.
    expect(eighteenth).to_contain_text("Not reported: looked after on the birthday")
    expect(eighteenth).to_contain_text("YES / F2 / Z1")
    opens, closes = rules.keep_in_touch_window(BORN, 18)
    expect(eighteenth).to_contain_text(f"{opens:%-d %b %Y} to {closes:%-d %b %Y}")
    expect(birthdays.get_by_role("row").filter(has_text="17th")).to_contain_text(
        "Not reported: looked after on the birthday"
    )
    next_contact = rules.adviser_contact_due(CONTACT)
    expect(advise.locator("#leaving-care-contact-due")).to_contain_text(_long(next_contact))
    record = KeepInTouch.objects.get(child=jade)
    assert (record.in_touch, record.activity, record.accom, record.birthday_age) == ("YES", "F2", "Z1", 18)

    # The plan's review: the next one falls on a Sunday, so it is due on the Friday.
    follow(advise, advise.get_by_role("link", name=f"Agreed {_long(AGREED)}"))
    follow(advise, advise.get_by_role("link", name="Record a review"))
    expect(advise.get_by_text(f"This review is due by {_long(first_review)}.")).to_be_visible()
    _fill_date(advise, "Date of the review", REVIEW)
    advise.get_by_label("What the review found").fill("Settled at college; staying put is working.")
    follow(advise, advise.get_by_role("button", name="Save review"))
    second_review = rules.pathway_plan_review_due(REVIEW)
    assert add_months(REVIEW, 6).weekday() == 6 and second_review == dt.date(2027, 4, 30)
    expect(advise.locator("#plan-review-due")).to_contain_text(_long(second_review))
    expect(advise.get_by_role("cell", name="Settled at college; staying put is working.")).to_be_visible()
    assert PathwayPlan.objects.get(child=jade).next_review_due == second_review
