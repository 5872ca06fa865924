"""A child comes into care, end to end in a browser: accommodated under section 20 (V2)
in foster care on 15 December 2025; moves placement on 5 January 2026 when the carers
ask; becomes subject to an interim care order (C1) on 12 January; the IRO chairs the
first review on 14 January; the child goes missing from the placement, a placement move
while missing closes the open missing period, the child returns and has a return
interview. (Turning 18 and becoming a care leaver is the leaving-care journey's.)

Every deadline a page shows is checked against ``care/rules.py``; the first review's 20
working days run over Christmas, Boxing Day and New Year's Day, so a count that forgot
bank holidays would show a different date. Every page is checked with axe (``visit`` and
``follow``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from safeguard.care import rules
from safeguard.care.models import CareRecord, Episode
from safeguard.conftest import Cast
from safeguard.lib.testing.browser import follow, visit

from .conftest import add_care_people

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

START = dt.date(2025, 12, 15)
MOVE = dt.date(2026, 1, 5)
ICO = dt.date(2026, 1, 12)
REVIEW = dt.date(2026, 1, 14)
MISSING = dt.date(2026, 2, 10)
SECOND_MOVE = dt.date(2026, 2, 11)


def _long(day: dt.date) -> str:
    return f"{day:%-d %B %Y}"


def _weekdays_only(start: dt.date, days: int) -> dt.date:
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
    return page.locator(".govuk-summary-list__row").filter(has=page.get_by_text(key, exact=True))


def _aware(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, 0))


def test_a_child_comes_into_care_moves_gets_an_ico_and_is_reviewed(page_as: Callable[[Any], Page], cast: Cast) -> None:
    care = add_care_people(cast)
    child_url = reverse("people:child", args=[cast.child.uuid])
    first_review = rules.first_review_due(START)
    assert first_review == dt.date(2026, 1, 15) != _weekdays_only(START, 20)

    # The social worker records that Tyler is accommodated under section 20 in foster care.
    sw = page_as(cast.sw)
    visit(sw, child_url)
    follow(sw, sw.get_by_role("link", name="Record that the child is looked after"))
    _fill_date(sw, "Date the child started to be looked after", START)
    sw.get_by_label("Legal status").select_option("V2")
    sw.get_by_label("Category of need").select_option("N1")
    sw.get_by_label("Home postcode (where the child lived before)").fill("NB1 1AA")
    sw.get_by_label("Placement type").select_option("U6")
    sw.get_by_label("Placement provider").select_option("PR1")
    sw.get_by_label("Carer or setting").select_option(label="Jo and Sam Patel")
    sw.get_by_label("Placement postcode").fill("NB2 3CD")
    sw.get_by_label("Independent reviewing officer").select_option(label="Fiona McKenzie")
    follow(sw, sw.get_by_role("button", name="Record that the child is looked after"))
    expect(sw.get_by_text("Tyler Brookes is recorded as looked after from 15 December 2025.")).to_be_visible()
    expect(_row(sw, "Next review due by")).to_contain_text(_long(first_review))
    expect(_row(sw, "Next statutory visit due by")).to_contain_text(_long(START + dt.timedelta(weeks=1)))
    expect(_row(sw, "Health assessment due by")).to_contain_text(_long(rules.initial_health_assessment_due(START)))

    # A rule the national return enforces, refused in words when saving: a section 20
    # child cannot be placed with parents.
    follow(sw, sw.get_by_role("link", name="Record a change of placement or legal status"))
    sw.get_by_label("Placement and carer (P)").check()
    _fill_date(sw, "Date of the change", MOVE)
    sw.get_by_label("Why the placement changed").select_option("CREQB")
    sw.get_by_label("Placement type").select_option("P1")
    sw.get_by_label("Placement provider").select_option("PR0")
    sw.get_by_label("Carer or setting").select_option(label="Lee Morgan")
    sw.get_by_label("Placement postcode").fill("NB4 5EF")
    follow(sw, sw.get_by_role("button", name="Record the change"))
    expect(
        sw.get_by_role(
            "link", name="A child accommodated under section 20 (V2) cannot be placed with their own parents (P1)."
        )
    ).to_be_visible()
    expect(sw.get_by_label("Placement postcode")).to_have_value("NB4 5EF")

    # The carers asked for the placement to end: a move to another foster carer.
    sw.get_by_label("Placement type").select_option("U6")
    sw.get_by_label("Placement provider").select_option("PR4")
    follow(sw, sw.get_by_role("button", name="Record the change"))
    expect(sw.get_by_text("The change is recorded: new episode from 5 January 2026.")).to_be_visible()
    expect(_row(sw, "Next statutory visit due by")).to_contain_text(_long(MOVE + dt.timedelta(weeks=1)))
    expect(_row(sw, "Placements in the last 12 months")).to_contain_text("2")

    # The court makes an interim care order: legal status only, the placement goes on.
    follow(sw, sw.get_by_role("link", name="Record a change of placement or legal status"))
    sw.get_by_label("Legal status only (L)").check()
    _fill_date(sw, "Date of the change", ICO)
    sw.get_by_label("New legal status").select_option("C1")
    follow(sw, sw.get_by_role("button", name="Record the change"))
    expect(_row(sw, "Legal status")).to_contain_text("C1: Interim care order (s38)")
    expect(_row(sw, "In this placement since")).to_contain_text(_long(MOVE))
    episodes = list(Episode.objects.filter(child=cast.child).order_by("start_date"))
    assert [e.reason_new_episode for e in episodes] == ["S", "P", "L"]
    assert [e.end_reason for e in episodes] == ["X1", "X1", ""]
    assert rules.check_history(episodes, dob=cast.child.date_of_birth) == []

    # The IRO chairs the first review, inside its 20 working days.
    iro = page_as(care.iro)
    visit(iro, child_url)
    follow(iro, iro.get_by_role("link", name="Open the care record of Tyler Brookes"))
    follow(iro, iro.get_by_role("link", name="Record a review"))
    expect(iro.get_by_text(f"This review is due by {_long(first_review)}.")).to_be_visible()
    _fill_date(iro, "Date of the review", REVIEW)
    iro.get_by_label("PN1: Child attends and speaks for themselves").check()
    iro.get_by_label("The child's views").fill("Tyler likes his new carers and wants to see his mum.")
    iro.get_by_label("Decisions").fill("Placement with Lee Morgan to continue; supervised contact twice a week.")
    action = iro.get_by_role("group", name="Action 1", exact=True)
    action.get_by_label("Action").fill("Arrange contact with mum")
    action.get_by_label("Who will do it").fill("Sam Walker")
    _fill_date(action, "Due by", dt.date(2026, 1, 21))
    follow(iro, iro.get_by_role("button", name="Record the review"))
    second = rules.second_review_due(REVIEW)
    assert second == dt.date(2026, 4, 14)
    expect(iro.get_by_text(f"Review 1 is recorded. The next review is due by {_long(second)}.")).to_be_visible()
    expect(_row(iro, "Next review due by")).to_contain_text(_long(second))
    expect(iro.get_by_text("Arrange contact with mum, Sam Walker, by 21 January 2026")).to_be_visible()

    # Tyler goes missing from the placement; a move while he is missing closes the open
    # missing period (SSDA903); he is found and has his return interview.
    from safeguard.missing import services as missing

    gone = missing.missing_start(
        actor=cast.sw, child=cast.child, started_at=_aware(MISSING, 21), absence_type="M", from_care=True
    )
    visit(sw, reverse("care:change", args=[cast.child.uuid]))
    sw.get_by_label("Placement and carer (P)").check()
    _fill_date(sw, "Date of the change", SECOND_MOVE)
    sw.get_by_label("Why the placement changed").select_option("CREQB")
    sw.get_by_label("Carer or setting").select_option(label="Jo and Sam Patel")
    sw.get_by_label("Placement postcode").fill("NB2 3CD")
    sw.get_by_label("Placement provider").select_option("PR1")
    follow(sw, sw.get_by_role("button", name="Record the change"))
    gone.refresh_from_db()
    assert gone.ended_at is not None
    assert gone.return_interview_due == gone.ended_at + dt.timedelta(hours=72)
    missing.return_interview_record(
        actor=cast.sw,
        episode=gone,
        expected_version=gone.version,
        offered_at=gone.ended_at + dt.timedelta(hours=20),
        held_at=gone.ended_at + dt.timedelta(hours=30),
        interviewer="Independent return interviewer",
        child_said="I went to a friend's flat.",
    )
    visit(sw, child_url)
    expect(sw.get_by_text("Missing episodes", exact=True)).to_be_visible()
    assert CareRecord.objects.get(child=cast.child).next_visit_due == SECOND_MOVE + dt.timedelta(weeks=1)
