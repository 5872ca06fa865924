from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safeguard.access import policy
from safeguard.access.models import Involvement, InvolvementKind
from safeguard.accounts import services as account_services
from safeguard.accounts.models import Role
from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast
from safeguard.frontdoor import services
from safeguard.frontdoor.models import Referral
from safeguard.lib.errors import AccessDenied, InvalidTransition, StaleEdit

from .support import contact_input, police_contact


@pytest.fixture
def mash_manager(cast: Cast):  # type: ignore[no-untyped-def]
    user, _ = account_services.user_create(
        actor=cast.system,
        username="mash.tm",
        first_name="Mo",
        last_name="Ward",
        email="",
        role=Role.TEAM_MANAGER,
        agency=cast.council,
        team=cast.mash_team,
    )
    return user


def test_it_receives_a_contact_with_its_one_working_day_deadline(cast: Cast) -> None:
    contact = police_contact(cast)
    assert contact.reference.startswith("C")
    assert contact.source == "6"  # police, from the referrer's agency
    assert contact.referrer_agency == cast.police_force
    assert contact.decision_due_at > contact.received_at
    assert contact.people.get().name == "Dawn Brookes"
    event = AuditEvent.objects.get(event_type=EventType.CONTACT_SUBMITTED)
    assert event.actor == cast.police


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"narrative": "  "}, "narrative", "Describe what happened"),
        ({"concerns": []}, "concerns", "at least one concern"),
        ({"consent": "not_sought", "consent_reason": ""}, "consent_reason", "why consent was not sought"),
        (
            {"child_given_name": "", "child_family_name": "", "child_date_of_birth": None},
            "child_family_name",
            "Tell us who the child is",
        ),
        (
            {"child_date_of_birth": dt.date(2014, 5, 17), "child_expected_date_of_birth": dt.date(2027, 1, 1)},
            "child_expected_date_of_birth",
            "not both",
        ),
        (
            {"child_date_of_birth": timezone.localdate() + dt.timedelta(days=3)},
            "child_date_of_birth",
            "cannot be in the future",
        ),
        ({"child_nhs_number": "943 476 5918"}, "child_nhs_number", "check digit is wrong"),
        ({"source": "99"}, "source", "CIN census list"),
    ],
)
def test_it_says_what_is_wrong_with_a_contact_by_field(cast: Cast, overrides: dict, field: str, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        services.contact_submit(actor=cast.police, data=contact_input(**overrides))
    assert message in " ".join(error.value.message_dict[field])


def test_analysts_and_administrators_cannot_raise_contacts(cast: Cast) -> None:
    for user in (cast.analyst, cast.admin, cast.ig):
        with pytest.raises(AccessDenied):
            services.contact_submit(actor=user, data=contact_input())


def test_matching_involves_the_mash_and_the_referring_agency(cast: Cast) -> None:
    contact = police_contact(
        cast, child_family_name="Marsh", child_given_name="Ela", child_date_of_birth=dt.date(2012, 9, 2)
    )
    assert not policy.can_view_child(cast.mash, cast.stranger)
    contact = services.contact_match(
        actor=cast.mash, contact=contact, person=cast.stranger, expected_version=contact.version
    )
    assert contact.status == "triage" and contact.match_status == "confirmed"
    assert policy.can_view_child(cast.mash, cast.stranger)
    assert policy.can_view_child(cast.police, cast.stranger).partner_view


def test_a_new_child_is_added_to_the_register_from_the_contact(cast: Cast) -> None:
    contact = police_contact(
        cast,
        child_given_name="",
        child_family_name="Okafor",
        child_date_of_birth=None,
        child_expected_date_of_birth=timezone.localdate() + dt.timedelta(days=40),
        child_sex="U",
    )
    contact = services.contact_match(actor=cast.mash, contact=contact, person=None, expected_version=contact.version)
    assert contact.match_status == "new_person"
    assert contact.child is not None and contact.child.is_unborn


def test_a_partner_answers_only_requests_sent_to_its_agency(cast: Cast) -> None:
    contact = police_contact(cast)
    contact = services.contact_match(
        actor=cast.mash, contact=contact, person=cast.child, expected_version=contact.version
    )
    request = services.request_send(actor=cast.mash, contact=contact, agency=cast.nhs, question="Any A&E attendances?")
    assert policy.can_view_child(cast.health, cast.child).partner_view
    with pytest.raises(AccessDenied, match="not sent to your agency"):
        services.request_answer(actor=cast.school, request=request, answer="Nothing")
    answered = services.request_answer(
        actor=cast.health, request=request, answer="Seen at A&E in March with a bruised arm."
    )
    assert answered.status == "answered"
    with pytest.raises(InvalidTransition, match="already answered"):
        services.request_answer(actor=cast.health, request=request, answer="Again")


def test_a_workers_decision_waits_for_the_managers_authorisation(cast: Cast, mash_manager) -> None:  # type: ignore[no-untyped-def]
    contact = police_contact(cast)
    contact = services.contact_match(
        actor=cast.mash, contact=contact, person=cast.child, expected_version=contact.version
    )
    contact = services.contact_rate(
        actor=cast.mash, contact=contact, rag="amber", rationale="Repeat incident", expected_version=contact.version
    )
    assert contact.information_due_at is not None
    contact = services.contact_decide(
        actor=cast.mash,
        contact=contact,
        decision="referral",
        rationale="Threshold met",
        team=cast.assessment,
        expected_version=contact.version,
    )
    assert contact.status == "awaiting_authorisation"
    assert not Referral.objects.exists()
    with pytest.raises(AccessDenied):
        services.contact_authorise(actor=cast.mash, contact=contact, expected_version=contact.version)
    contact = services.contact_authorise(actor=mash_manager, contact=contact, expected_version=contact.version)
    assert contact.status == "decided" and contact.authorised_by == mash_manager
    referral = Referral.objects.get()
    assert referral.team == cast.assessment and not referral.is_re_referral
    assert Involvement.objects.filter(
        child=cast.child, team=cast.assessment, kind=InvolvementKind.OPEN_WORK, ended_at__isnull=True
    ).exists()
    assert not Involvement.objects.filter(child=cast.child, team=cast.mash_team, ended_at__isnull=True).exists()
    assert policy.can_view_contact(cast.police, contact).basis == "referrer"


def test_a_second_referral_within_a_year_is_a_re_referral(cast: Cast, mash_manager) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        contact = police_contact(cast)
        contact = services.contact_match(
            actor=mash_manager, contact=contact, person=cast.child, expected_version=contact.version
        )
        services.contact_decide(
            actor=mash_manager,
            contact=contact,
            decision="referral",
            rationale="Threshold met",
            team=cast.assessment,
            expected_version=contact.version,
        )
    assert [r.is_re_referral for r in Referral.objects.order_by("pk")] == [False, True]


def test_two_workers_deciding_one_contact_do_not_overwrite_each_other(cast: Cast, mash_manager) -> None:  # type: ignore[no-untyped-def]
    contact = police_contact(cast)
    contact = services.contact_match(
        actor=cast.mash, contact=contact, person=cast.child, expected_version=contact.version
    )
    opened = contact.version
    services.contact_decide(
        actor=mash_manager, contact=contact, decision="early_help", rationale="Family agree", expected_version=opened
    )
    with pytest.raises(StaleEdit):
        services.contact_decide(
            actor=cast.mash, contact=contact, decision="nfa", rationale="x", advice="y", expected_version=opened
        )
    contact.refresh_from_db()
    assert contact.decision == "early_help"
    assert AuditEvent.objects.filter(event_type=EventType.CONTACT_CONFLICT, actor=cast.mash).exists()
    with pytest.raises(InvalidTransition, match="already decided"):
        services.contact_decide(
            actor=cast.mash,
            contact=contact,
            decision="nfa",
            rationale="x",
            advice="y",
            expected_version=contact.version,
        )


def test_no_further_action_needs_the_advice_given(cast: Cast, mash_manager) -> None:  # type: ignore[no-untyped-def]
    contact = police_contact(cast)
    with pytest.raises(ValidationError) as error:
        services.contact_decide(
            actor=mash_manager,
            contact=contact,
            decision="nfa",
            rationale="Below threshold",
            expected_version=contact.version,
        )
    assert "advice" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.contact_decide(
            actor=mash_manager,
            contact=contact,
            decision="referral",
            rationale="x",
            team=cast.assessment,
            expected_version=contact.version,
        )
    assert "Match the contact" in error.value.message_dict["decision"][0]


def test_it_suggests_the_likely_child_on_arrival_but_never_links_it(cast: Cast) -> None:
    contact = police_contact(cast)  # "Tylor Brooks", born 17 May 2014
    assert contact.suggested_child == cast.child
    assert contact.suggested_score is not None and contact.suggested_score >= 50
    assert contact.child is None and contact.match_status == "unmatched"
