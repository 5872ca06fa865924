"""The casework forms the pathway journey does not reach, in a browser: each form page is
visited, bad input shows its error messages, and a stale save shows what someone else
changed with the user's input kept. Every page is checked with axe (``visit`` and
``follow``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from safeguard.casework import services
from safeguard.casework.models import Action, CaseClosure, ChildInNeedPlan, Conference, StrategyDiscussion
from safeguard.casework.tests.test_journey_pathway_browser import _fill_date
from safeguard.conftest import Cast
from safeguard.lib.testing.browser import assert_accessible, follow, visit

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

HELD = dt.date(2025, 12, 15)


def _discussion(cast: Cast) -> StrategyDiscussion:
    return services.strategy_discussion_record(
        actor=cast.sw,
        child=cast.child,
        held_on=HELD,
        reason="Disclosure",
        decision="s47_joint",
        decision_reason="Threshold met",
        participants=[
            services.ParticipantInput(agency=cast.council, name="Sam Walker", user=cast.sw),
            services.ParticipantInput(agency=cast.police_force, name="DC Pat Lane", user=cast.police),
        ],
        actions=[services.ActionInput("Interview Tyler (ABE)", cast.police_force, dt.date(2025, 12, 17))],
    )


def _scheduled_conference(cast: Cast) -> Conference:
    discussion = _discussion(cast)
    services.enquiry_complete(
        actor=cast.sw,
        enquiry=discussion.enquiry,
        findings="Substantiated",
        outcome="substantiated_at_risk",
        completed_on=dt.date(2025, 12, 22),
        expected_version=discussion.enquiry.version,
    )
    return Conference.objects.get(kind="initial", held_on__isnull=True)


def _error(page: Page, message: str) -> Locator:
    """An error in the summary at the top of the page (a link to the field)."""
    return page.locator(".govuk-error-summary").get_by_text(message, exact=True)


def test_correcting_a_recorded_strategy_discussion_and_its_actions(page_as: Callable[[Any], Page], cast: Cast) -> None:
    discussion = _discussion(cast)
    sw = page_as(cast.sw)
    visit(sw, reverse("casework:strategy", args=[cast.child.uuid, discussion.uuid]))
    expect(sw.get_by_text("Not at this strategy discussion: health.", exact=False)).to_be_visible()
    expect(sw.get_by_role("table", name="Actions agreed (1 overdue)")).to_be_visible()

    # Who took part: a half-filled row is refused naming the field, then health is added.
    follow(sw, sw.get_by_role("link", name="Change who took part"))
    expect(sw.get_by_role("group", name="Person 2", exact=True).get_by_label("Name")).to_have_value("DC Pat Lane")
    person3 = sw.get_by_role("group", name="Person 3", exact=True)
    person3.get_by_label("Information they shared").fill("Missed developmental checks.")
    follow(sw, sw.get_by_role("button", name="Save who took part"))
    expect(_error(sw, "Choose the agency of person 3.")).to_be_visible()
    expect(_error(sw, "Enter the name of person 3.")).to_be_visible()
    person3 = sw.get_by_role("group", name="Person 3", exact=True)
    expect(person3.get_by_label("Information they shared")).to_have_value("Missed developmental checks.")
    person3.get_by_label("Agency").select_option(label="Northbrook NHS Trust")
    person3.get_by_label("Name").fill("Helen Vickers")
    follow(sw, sw.get_by_role("button", name="Save who took part"))
    expect(sw.get_by_text("Who took part has been saved.")).to_be_visible()
    expect(sw.get_by_text("Not at this strategy discussion", exact=False)).to_have_count(0)

    # An action for health: the empty form is refused field by field, then saved.
    follow(sw, sw.get_by_role("link", name="Add an action"))
    follow(sw, sw.get_by_role("button", name="Save action"))
    expect(_error(sw, "Describe the action.")).to_be_visible()
    expect(_error(sw, "Choose the agency that owns the action.")).to_be_visible()
    expect(_error(sw, "Enter the due date.")).to_be_visible()
    sw.get_by_label("Action").fill("Share the health visitor's notes")
    sw.get_by_label("Owner agency").select_option(label="Northbrook NHS Trust")
    sw.get_by_label("Owner (optional)").select_option(label="Helen Vickers (Northbrook NHS Trust)")
    _fill_date(sw, "Due date", dt.date(2025, 12, 12))
    follow(sw, sw.get_by_role("button", name="Save action"))
    expect(_error(sw, "The action cannot be due before the meeting that agreed it (15 December 2025).")).to_be_visible()
    _fill_date(sw, "Due date", dt.date(2025, 12, 19))
    follow(sw, sw.get_by_role("button", name="Save action"))
    expect(sw.get_by_text("The action has been added. It is due by 19 December 2025.")).to_be_visible()
    expect(sw.get_by_role("cell", name="Northbrook NHS Trust: Helen Vickers")).to_be_visible()

    # Changing the police action while the manager changes it too: refused, showing what changed.
    follow(sw, sw.get_by_role("link", name="Change the action: Interview Tyler (ABE)"))
    police_action = Action.objects.get(description="Interview Tyler (ABE)")
    services.action_update(
        actor=cast.manager,
        action=police_action,
        expected_version=police_action.version,
        description=police_action.description,
        owner_agency=cast.police_force,
        due_on=dt.date(2025, 12, 18),
    )
    sw.get_by_label("Action").fill("Interview Tyler (ABE) with an intermediary")
    follow(sw, sw.get_by_role("button", name="Save action"))
    conflict = sw.get_by_role("alert").filter(has_text="Someone else changed this record")
    expect(conflict).to_contain_text("Mina Hart saved changes after you opened this page")
    expect(conflict).to_contain_text("Due date: was “17 December 2025”, now “18 December 2025”")
    expect(sw.get_by_label("Action")).to_have_value("Interview Tyler (ABE) with an intermediary")
    follow(sw, sw.get_by_role("button", name="Save action"))
    expect(sw.get_by_text("The action has been saved.")).to_be_visible()
    expect(sw.get_by_role("cell", name="Interview Tyler (ABE) with an intermediary", exact=True)).to_be_visible()


def test_a_stale_assessment_edit_shows_what_changed(page_as: Callable[[Any], Page], cast: Cast) -> None:
    assessment = services.assessment_start(
        actor=cast.sw,
        child=cast.child,
        team=cast.assessment,
        started_on=dt.date(2026, 1, 5),
        referral_date=dt.date(2026, 1, 5),
    )
    sw = page_as(cast.sw)
    visit(sw, reverse("casework:assessment_edit", args=[cast.child.uuid, assessment.uuid]))
    services.assessment_update(
        actor=cast.manager, assessment=assessment, expected_version=1, analysis="Manager's analysis"
    )
    sw.get_by_label("Analysis").fill("My analysis")
    follow(sw, sw.get_by_role("button", name="Save assessment"))
    conflict = sw.get_by_role("alert").filter(has_text="Someone else changed this assessment")
    expect(conflict).to_contain_text("Analysis: was “blank”, now “Manager's analysis”")
    expect(sw.get_by_label("Analysis")).to_have_value("My analysis")


def test_inviting_agencies_and_their_reports_before_the_conference(page_as: Callable[[Any], Page], cast: Cast) -> None:
    conference = _scheduled_conference(cast)
    conference_url = reverse("casework:conference", args=[cast.child.uuid, conference.uuid])
    sw = page_as(cast.sw)
    visit(sw, reverse("people:child", args=[cast.child.uuid]))
    follow(sw, sw.get_by_role("link", name="Initial child protection conference", exact=True))
    expect(sw.get_by_text("No one has been invited yet.")).to_be_visible()

    follow(sw, sw.get_by_role("link", name="Invite an agency or person"))
    follow(sw, sw.get_by_role("button", name="Invite"))
    expect(_error(sw, "Choose the agency to invite.")).to_be_visible()
    sw.get_by_label("Agency").select_option(label="Northbrook NHS Trust")
    sw.get_by_label("Person with a Safeguard account (optional)").select_option(label="Sian Doyle (Riverside Academy)")
    follow(sw, sw.get_by_role("button", name="Invite"))
    expect(_error(sw, "Sian Doyle is not in Northbrook NHS Trust.")).to_be_visible()
    sw.get_by_label("Agency").select_option(label="Riverside Academy")
    sw.get_by_label("Role (optional)").fill("Designated safeguarding lead")
    follow(sw, sw.get_by_role("button", name="Invite"))
    expect(sw.get_by_text("Sian Doyle has been invited.")).to_be_visible()
    expect(sw.get_by_role("cell", name="Not received")).to_be_visible()

    follow(sw, sw.get_by_role("link", name="Record the report from Riverside Academy (Sian Doyle)"))
    _fill_date(sw, "Date the report was received", dt.date(2099, 1, 4))
    follow(sw, sw.get_by_role("button", name="Save report"))
    expect(_error(sw, "Write what the report says.")).to_be_visible()
    sw.get_by_label("What the report says").fill("Attendance 71%; Tyler is withdrawn in class.")
    follow(sw, sw.get_by_role("button", name="Save report"))
    expect(_error(sw, "The date the report was received cannot be in the future.")).to_be_visible()
    _fill_date(sw, "Date the report was received", dt.date(2026, 1, 2))
    follow(sw, sw.get_by_role("button", name="Save report"))
    expect(sw.get_by_text("Received 2 January 2026")).to_be_visible()

    # The school, invited, sees the conference from the child's record and adds to its report.
    school = page_as(cast.school)
    visit(school, reverse("people:child", args=[cast.child.uuid]))
    follow(
        school,
        school.get_by_role("link", name=f"Initial child protection conference, due by {conference.due_on:%-d %B %Y}"),
    )
    expect(school.get_by_role("link", name="Invite an agency or person")).to_have_count(0)
    follow(school, school.get_by_role("link", name="Send your agency's report"))
    follow(school, school.get_by_role("button", name="Add information"))
    expect(_error(school, "Write what your agency knows.")).to_be_visible()
    school.get_by_label("What your agency knows").fill("Free school meals; no exclusions.")
    follow(school, school.get_by_role("button", name="Add information"))
    expect(school.get_by_text("Free school meals; no exclusions.", exact=False)).to_be_visible()

    # Once held, who took part can be corrected and actions added.
    conference.refresh_from_db()
    services.conference_record(
        actor=cast.sw,
        conference=conference,
        held_on=dt.date(2026, 1, 7),
        decision="no_plan",
        decision_reason="Risk reduced",
        participants=[services.ParticipantInput(agency=cast.council, name="Mina Hart")],
        expected_version=conference.version,
    )
    visit(sw, conference_url)
    expect(sw.get_by_role("cell", name="Sian Doyle, Designated safeguarding lead Invited", exact=False)).to_be_visible()
    follow(sw, sw.get_by_role("link", name="Change who took part"))
    sw.get_by_role("group", name="Person 1", exact=True).get_by_label("Role").fill("Chair")
    follow(sw, sw.get_by_role("button", name="Save who took part"))
    follow(sw, sw.get_by_role("link", name="Add an action"))
    sw.get_by_label("Action").fill("Family support referral")
    sw.get_by_label("Owner agency").select_option(label="Northbrook Children's Services")
    _fill_date(sw, "Due date", dt.date(2026, 1, 21))
    follow(sw, sw.get_by_role("button", name="Save action"))
    expect(sw.get_by_role("cell", name="Family support referral", exact=True)).to_be_visible()


def test_notes_plans_and_closing_the_case(page_as: Callable[[Any], Page], cast: Cast) -> None:
    child_url = reverse("people:child", args=[cast.child.uuid])
    sw = page_as(cast.sw)
    visit(sw, child_url)

    # A visit: a child seen but not alone needs the reason.
    follow(sw, sw.get_by_role("link", name="Add a case note or visit"))
    sw.get_by_label("Visit", exact=True).check()
    sw.get_by_label("What happened").fill("Home visit.")
    sw.get_by_label("The child was seen", exact=True).check()
    follow(sw, sw.get_by_role("button", name="Save note"))
    expect(_error(sw, "Say why the child was not seen alone.")).to_be_visible()
    sw.get_by_label("If not seen alone, why not").fill("He asked for his mum to stay.")
    follow(sw, sw.get_by_role("button", name="Save note"))
    expect(sw.get_by_text("The visit has been saved.")).to_be_visible()

    # A child in need plan, a review with a bad date, then a good one.
    follow(sw, sw.get_by_role("link", name="Start a child in need plan"))
    _fill_date(sw, "Date the plan started", dt.date(2026, 1, 5))
    follow(sw, sw.get_by_role("button", name="Start child in need plan"))
    follow(sw, sw.get_by_role("link", name="Record a review"))
    _fill_date(sw, "Date of the review", dt.date(2025, 12, 1))
    follow(sw, sw.get_by_role("button", name="Record review"))
    expect(_error(sw, "A review is recorded on a date between the plan's start and today.")).to_be_visible()
    _fill_date(sw, "Date of the review", dt.date(2026, 1, 12))
    follow(sw, sw.get_by_role("button", name="Record review"))
    expect(sw.get_by_text("The review has been recorded.")).to_be_visible()
    cin_url = sw.url

    # The manager ends it: the reason is required; a stale end is refused.
    manager = page_as(cast.manager)
    visit(manager, cin_url)
    follow(manager, manager.get_by_role("link", name="End the plan"))
    _fill_date(manager, "Date the plan ended", timezone.localdate())
    follow(manager, manager.get_by_role("button", name="End the plan"))
    expect(_error(manager, "Say why the plan is ending.")).to_be_visible()
    plan = ChildInNeedPlan.objects.get()
    services.cin_review_record(actor=cast.sw, plan=plan, held_on=dt.date(2026, 1, 19))
    manager.get_by_label("Why the plan is ending").fill("Stepping down to early help.")
    follow(manager, manager.get_by_role("button", name="End the plan"))
    expect(manager.get_by_role("alert").filter(has_text="Someone else changed this record")).to_contain_text(
        "someone else changed this record after you opened this page, so nothing was saved"
    )
    expect(manager.get_by_label("Why the plan is ending")).to_have_value("Stepping down to early help.")
    visit(manager, manager.url)
    _fill_date(manager, "Date the plan ended", timezone.localdate())
    manager.get_by_label("Why the plan is ending").fill("Stepping down to early help.")
    follow(manager, manager.get_by_role("button", name="End the plan"))
    expect(manager.get_by_text("The child in need plan has ended.")).to_be_visible()

    # The worker proposes the step-down; the manager authorises it; the worker re-opens.
    visit(sw, child_url)
    follow(sw, sw.get_by_role("link", name="Close the case or step it down"))
    follow(sw, sw.get_by_role("button", name="Send to a manager to authorise"))
    expect(_error(sw, "Choose the reason for closure.")).to_be_visible()
    expect(_error(sw, "Say why the case is closing.")).to_be_visible()
    sw.get_by_label("RC9: Case closed after assessment, referred to early help").check()
    sw.get_by_label("Why the case is closing").fill("Family support from early help.")
    follow(sw, sw.get_by_role("button", name="Send to a manager to authorise"))
    expect(sw.get_by_text("The closure has been sent to a manager to authorise.")).to_be_visible()
    visit(manager, child_url)
    follow(manager, manager.get_by_role("button", name="Authorise the closure"))
    expect(manager.get_by_text("Authorised: stepped down to early help.")).to_be_visible()
    visit(sw, child_url)
    follow(sw, sw.get_by_role("link", name="Re-open the case"))
    sw.get_by_label("Why the case is re-opening").fill("")
    follow(sw, sw.get_by_role("button", name="Re-open the case"))
    expect(_error(sw, "Say why the case is re-opening.")).to_be_visible()
    sw.get_by_label("Why the case is re-opening").fill("School raised new concerns.")
    follow(sw, sw.get_by_role("button", name="Re-open the case"))
    expect(sw.get_by_text("The case has been re-opened.")).to_be_visible()
    assert CaseClosure.objects.get().status == "reopened"


def test_ending_a_child_protection_plan_without_a_conference(page_as: Callable[[Any], Page], cast: Cast) -> None:
    conference = _scheduled_conference(cast)
    services.conference_record(
        actor=cast.sw,
        conference=conference,
        held_on=dt.date(2026, 1, 7),
        decision="plan",
        category="NEG",
        decision_reason="Continuing risk",
        participants=[services.ParticipantInput(agency=cast.council, name="Mina Hart")],
        expected_version=conference.version,
    )
    conference.refresh_from_db()
    manager = page_as(cast.manager)
    visit(manager, reverse("casework:plan", args=[cast.child.uuid, conference.plan.uuid]))

    # A core group naming the school: its staff see that meeting.
    follow(manager, manager.get_by_role("link", name="Record a core group"))
    _fill_date(manager, "Date held", dt.date(2099, 1, 5))
    follow(manager, manager.get_by_role("button", name="Record core group"))
    expect(_error(manager, "A core group is recorded on a date between the plan's start and today.")).to_be_visible()
    _fill_date(manager, "Date held", dt.date(2026, 1, 8))
    manager.get_by_label("Riverside Academy").check()
    manager.get_by_label("Who came").fill("Mina Hart; Sian Doyle (school)")
    follow(manager, manager.get_by_role("button", name="Record core group"))
    follow(manager, manager.get_by_role("link", name="8 January 2026"))
    expect(manager.get_by_text("Mina Hart; Sian Doyle (school)")).to_be_visible()
    school = page_as(cast.school)
    visit(school, reverse("people:child", args=[cast.child.uuid]))
    follow(school, school.get_by_role("link", name="Core group, 8 January 2026"))
    expect(school.get_by_role("link", name="Plan from 7 January 2026")).to_have_count(0)

    visit(manager, reverse("casework:plan", args=[cast.child.uuid, conference.plan.uuid]))
    follow(manager, manager.get_by_role("link", name="End the plan"))
    _fill_date(manager, "Date the plan ended", dt.date(2026, 1, 2))
    follow(manager, manager.get_by_role("button", name="End the plan"))
    expect(_error(manager, "Choose why the plan is ending.")).to_be_visible()
    manager.get_by_label("Moved to another local authority (transfer-in conference held)").check()
    follow(manager, manager.get_by_role("button", name="End the plan"))
    expect(_error(manager, "A plan cannot end before it started.")).to_be_visible()
    _fill_date(manager, "Date the plan ended", dt.date(2026, 1, 9))
    manager.get_by_label("Moved to another local authority (transfer-in conference held)").check()
    follow(manager, manager.get_by_role("button", name="End the plan"))
    expect(manager.get_by_text("The child protection plan has ended.")).to_be_visible()
    assert_accessible(manager)


def test_emergency_protection_a_referral_closed_nfa_and_why_there_is_no_upn(
    page_as: Callable[[Any], Page], cast: Cast
) -> None:
    from safeguard.casework.tests.test_pages_nfa_and_protection import _referral

    referral = _referral(cast)
    child_url = reverse("people:child", args=[cast.child.uuid])
    start = timezone.localdate() - dt.timedelta(days=12)

    # The worker records police protection: too long for the power first, then right.
    sw = page_as(cast.sw)
    visit(sw, child_url)
    follow(sw, sw.get_by_role("link", name="Record emergency protection"))
    follow(sw, sw.get_by_role("button", name="Save"))
    expect(_error(sw, "Choose the power used.")).to_be_visible()
    sw.get_by_label("Police protection (section 46)").check()
    _fill_date(sw, "Date it started", start)
    _fill_date(sw, "Date it ended", start + dt.timedelta(days=6))
    sw.get_by_label("Court, or police officer").fill("PC Ravi Patel; designated officer Insp. Dunn")
    follow(sw, sw.get_by_role("button", name="Save"))
    expect(
        _error(
            sw,
            f"Police protection (section 46) cannot last that long: it ends by "
            f"{start + dt.timedelta(days=3):%-d %B %Y} at the latest.",
        )
    ).to_be_visible()
    _fill_date(sw, "Date it ended", start + dt.timedelta(days=2))
    follow(sw, sw.get_by_role("button", name="Save"))
    expect(sw.get_by_text("Recorded: police protection (section 46).")).to_be_visible()
    follow(sw, sw.get_by_role("link", name=f"Change the police protection (section 46) from {start:%-d %B %Y}"))
    expect(sw.get_by_label("Court, or police officer")).to_have_value("PC Ravi Patel; designated officer Insp. Dunn")

    # The social worker is asked why there is no UPN on the child's details.
    visit(sw, reverse("people:edit", args=[cast.child.uuid]))
    sw.get_by_label("Why is there no UPN?").select_option("UN4")
    follow(sw, sw.get_by_role("button", name="Save"))
    expect(sw.get_by_text("Not known (UN4: Newly looked after or new case, UPN not yet known)")).to_be_visible()

    # The manager closes the waiting referral with no further action.
    manager = page_as(cast.manager)
    visit(manager, child_url)
    follow(
        manager,
        manager.get_by_role(
            "link", name=f"close it with no further action (referral of {referral.referral_date:%-d %B %Y})"
        ),
    )
    manager.get_by_label("Why no further action is needed").fill("")
    follow(manager, manager.get_by_role("button", name="Close the referral with no further action"))
    expect(_error(manager, "Say why no further action is needed.")).to_be_visible()
    manager.get_by_label("Why no further action is needed").fill("The school's information shows needs are met.")
    follow(manager, manager.get_by_role("button", name="Close the referral with no further action"))
    expect(manager.get_by_text("The referral has been closed with no further action.")).to_be_visible()
    expect(manager.get_by_role("heading", name="Referrals closed with no further action")).to_be_visible()
