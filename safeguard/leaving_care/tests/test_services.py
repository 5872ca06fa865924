"""The leaving-care actions: who may do them, what they check, the deadlines they set and
the events they write."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from safeguard.access import policy
from safeguard.audit.models import AuditEvent, EventType, Outcome
from safeguard.conftest import Cast
from safeguard.leaving_care import rules, services
from safeguard.leaving_care.models import KeepInTouch, LeavingCareCase
from safeguard.lib.errors import AccessDenied, StaleEdit

from .support import adviser, care_leaver, care_version

D = dt.date
BORN = D(2008, 3, 10)  # 18 on 10 March 2026


@pytest.fixture
def young(cast: Cast):  # type: ignore[no-untyped-def]
    return care_leaver(cast, born=BORN, entered=D(2023, 9, 1), left=D(2026, 3, 10))


def _events(child, action: str) -> list[AuditEvent]:  # type: ignore[no-untyped-def]
    return [
        e
        for e in AuditEvent.objects.filter(child_uuid=child.uuid, event_type=EventType.CARE_LEAVER_RECORDED)
        if e.data["extra"].get("action") == action
    ]


def test_it_lets_a_manager_allocate_a_personal_adviser_whose_team_then_sees_the_record(cast: Cast, young) -> None:
    pa = adviser(cast)
    assert not policy.can_view_child(pa, young)
    case = services.adviser_allocate(actor=cast.manager, child=young, adviser=pa, from_date=D(2026, 3, 2))
    assert case.personal_adviser == pa
    assert case.next_contact_due == D(2026, 3, 9)
    assert policy.can_view_child(pa, young).basis == "team"
    assert len(_events(young, "adviser_allocated")) == 1


def test_it_leaves_allocating_an_adviser_to_managers(cast: Cast, young) -> None:
    with pytest.raises(AccessDenied):
        services.adviser_allocate(actor=cast.sw, child=young, adviser=adviser(cast), from_date=D(2026, 3, 2))
    assert AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED, outcome=Outcome.DENIED).exists()


def test_it_refuses_an_adviser_for_a_child_who_is_not_a_care_leaver(cast: Cast) -> None:
    with pytest.raises(ValidationError) as exc:
        services.adviser_allocate(actor=cast.manager, child=cast.child, adviser=adviser(cast), from_date=D(2026, 3, 2))
    assert "no record of this young person being looked after" in str(exc.value)


def test_it_starts_a_pathway_plan_due_for_review_in_six_months(cast: Cast, young) -> None:
    plan = services.pathway_plan_start(actor=cast.sw, child=young, agreed_on=D(2026, 1, 12), summary="Flat, college")
    assert plan.next_review_due == rules.pathway_plan_review_due(D(2026, 1, 12)) == D(2026, 7, 10)
    assert LeavingCareCase.objects.get(child=young).needs_assessment_on == D(2026, 1, 12)
    with pytest.raises(ValidationError, match="already has a pathway plan"):
        services.pathway_plan_start(actor=cast.sw, child=young, agreed_on=D(2026, 2, 1), summary="Again")
    review = services.pathway_plan_review(
        actor=cast.sw, plan=plan, held_on=D(2026, 7, 8), notes="Settled", expected_version=plan.version
    )
    plan.refresh_from_db()
    assert review.plan == plan
    assert plan.next_review_due == D(2027, 1, 8)
    assert len(_events(young, "pathway_plan_reviewed")) == 1


def test_it_refuses_a_pathway_plan_before_the_young_person_is_eligible(cast: Cast) -> None:
    person = care_leaver(cast, born=BORN, entered=D(2025, 12, 1), left=None, given="Kai")  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as exc:
        services.pathway_plan_start(actor=cast.sw, child=person, agreed_on=D(2026, 1, 5), summary="Plan")
    assert "not yet for 13 weeks" in str(exc.value)


def test_it_refuses_a_review_from_a_stale_page_and_records_the_conflict(cast: Cast, young) -> None:
    plan = services.pathway_plan_start(actor=cast.sw, child=young, agreed_on=D(2026, 1, 12), summary="Plan")
    opened = plan.version
    services.pathway_plan_review(
        actor=cast.manager, plan=plan, held_on=D(2026, 4, 1), notes="A", expected_version=opened
    )
    with pytest.raises(StaleEdit):
        services.pathway_plan_review(
            actor=cast.sw, plan=plan, held_on=D(2026, 4, 2), notes="B", expected_version=opened
        )
    assert plan.reviews.count() == 1
    assert AuditEvent.objects.filter(event_type=EventType.RECORD_CONFLICT, actor=cast.sw).count() == 1


def test_it_refuses_leaving_care_work_to_those_without_a_relationship(cast: Cast, young) -> None:
    for user in (cast.sw_other, cast.police):
        with pytest.raises(AccessDenied):
            services.pathway_plan_start(actor=user, child=young, agreed_on=D(2026, 1, 12), summary="Plan")


def test_it_records_keeping_in_touch_in_the_oc3_codes_for_the_birthday(cast: Cast, young) -> None:
    record = services.keep_in_touch_record(
        actor=cast.sw,
        child=young,
        contacted_on=D(2026, 3, 20),
        in_touch="YES",
        activity="F2",
        accommodation="Z",
        suitability="1",
    )
    assert record.birthday_age == 18
    assert record.accom == "Z1"
    case = LeavingCareCase.objects.get(child=young)
    assert case.last_in_touch_on == D(2026, 3, 20)
    assert case.next_contact_due == D(2026, 5, 20)
    event = _events(young, "keep_in_touch")[0]
    assert event.data["new"] == {"contacted_on": "2026-03-20", "IN_TOUCH": "YES", "ACTIV": "F2", "ACCOM": "Z1"}


def test_it_keeps_a_contact_due_while_the_young_person_is_out_of_touch(cast: Cast, young) -> None:
    services.keep_in_touch_record(
        actor=cast.sw,
        child=young,
        contacted_on=D(2026, 4, 1),
        in_touch="YES",
        activity="G5",
        accommodation="U",
        suitability="1",
    )
    services.keep_in_touch_record(
        actor=cast.sw, child=young, contacted_on=D(2026, 6, 2), in_touch="NO", activity="0", accommodation="0"
    )
    case = LeavingCareCase.objects.get(child=young)
    assert case.last_in_touch_on == D(2026, 4, 1)
    assert case.next_contact_due == D(2026, 6, 1)
    assert KeepInTouch.objects.get(contacted_on=D(2026, 6, 2)).birthday_age is None


def test_it_applies_the_oc3_rules_when_saving(cast: Cast, young) -> None:
    with pytest.raises(ValidationError) as exc:
        services.keep_in_touch_record(
            actor=cast.sw,
            child=young,
            contacted_on=D(2026, 4, 1),
            in_touch="YES",
            activity="0",
            accommodation="S",
            suitability="1",
        )
    assert set(exc.value.message_dict) == {"activity", "suitability"}


def test_it_refuses_keeping_in_touch_for_someone_not_a_care_leaver(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="no record of this young person"):
        services.keep_in_touch_record(
            actor=cast.sw, child=cast.child, contacted_on=D(2026, 4, 1), in_touch="NO", activity="0", accommodation="0"
        )


def test_it_refuses_a_stale_change_of_the_details_and_keeps_the_record(cast: Cast, young) -> None:
    services.case_update(actor=cast.sw, child=young, expected_version=1, continuing_support=True)
    with pytest.raises(StaleEdit):
        services.case_update(
            actor=cast.manager,
            child=young,
            expected_version=1,
            staying_put_from=D(2026, 3, 10),
            staying_put_carer="Mr and Mrs Hale",
        )
    case = LeavingCareCase.objects.get(child=young)
    assert case.continuing_support is True
    assert case.staying_put_from is None
    assert case.version == 2


def test_it_checks_staying_put(cast: Cast, young) -> None:
    with pytest.raises(ValidationError) as exc:
        services.case_update(actor=cast.sw, child=young, expected_version=1, staying_put_from=D(2026, 1, 1))
    assert set(exc.value.message_dict) == {"staying_put_from", "staying_put_carer"}
    with pytest.raises(ValidationError, match="up to the 21st birthday"):
        services.case_update(
            actor=cast.sw,
            child=young,
            expected_version=1,
            staying_put_from=D(2026, 3, 10),
            staying_put_until=D(2029, 3, 11),
            staying_put_carer="The Hales",
        )
    case = services.case_update(
        actor=cast.sw, child=young, expected_version=1, staying_put_from=D(2026, 3, 10), staying_put_carer="The Hales"
    )
    assert case.staying_put_carer == "The Hales"


def test_it_extends_support_to_25_with_continuing_support(cast: Cast) -> None:
    person = care_leaver(cast, born=D(2004, 1, 5), entered=D(2019, 1, 1), left=D(2022, 1, 5), given="Ola")
    assert services.eligibility_on(person, D(2025, 1, 4)).category == "former_relevant"  # type: ignore[union-attr]
    assert services.eligibility_on(person, D(2025, 1, 5)).category == ""  # type: ignore[union-attr]
    services.case_update(actor=cast.sw, child=person, expected_version=1, continuing_support=True)
    assert services.eligibility_on(person, D(2026, 11, 1)).category == "former_relevant"  # type: ignore[union-attr]


def test_it_reads_the_care_history_from_the_episodes(cast: Cast) -> None:
    """s20 (V2) then an interim care order (C1) from the same placement: one period of care
    of two episodes, counted together towards the 13 weeks."""
    from safeguard.care import services as care_services

    person = care_leaver(cast, born=D(2009, 6, 1), entered=D(2025, 6, 2), left=None, given="Rae")  # type: ignore[arg-type]
    care_services.episode_change(
        actor=cast.sw,
        child=person,
        on=D(2025, 7, 1),
        kind="L",
        legal_status="C1",
        expected_version=care_version(person),
    )
    assert services.eligibility_on(person, D(2025, 8, 31)).category == ""  # type: ignore[union-attr]
    status = services.eligibility_on(person, D(2025, 9, 1))
    assert status is not None and status.category == "eligible"
    assert status.eligible_from == D(2025, 6, 2) + dt.timedelta(weeks=13)


def test_it_lets_a_manager_end_support_which_ends_the_plan_and_the_teams_access(cast: Cast, young) -> None:
    pa = adviser(cast)
    services.adviser_allocate(actor=cast.manager, child=young, adviser=pa, from_date=D(2026, 3, 2))
    plan = services.pathway_plan_start(actor=pa, child=young, agreed_on=D(2026, 3, 5), summary="Plan")
    with pytest.raises(AccessDenied):
        services.support_end(actor=pa, child=young, on=D(2026, 9, 1), reason="No longer wants support")
    with pytest.raises(ValidationError, match="Say why"):
        services.support_end(actor=cast.manager, child=young, on=D(2026, 9, 1), reason=" ")
    case = services.support_end(actor=cast.manager, child=young, on=D(2026, 9, 1), reason="No longer wants support")
    plan.refresh_from_db()
    assert case.closed_on == D(2026, 9, 1) and case.next_contact_due is None
    assert plan.ended_on == D(2026, 9, 1)
    assert not policy.can_view_child(pa, young)
    assert len(_events(young, "support_ended")) == 1
    with pytest.raises(ValidationError, match="already ended"):
        services.support_end(actor=cast.manager, child=young, on=D(2026, 9, 2), reason="Again")
    # Coming back for support: allocating an adviser reopens it.
    case = services.adviser_allocate(actor=cast.manager, child=young, adviser=pa, from_date=D(2026, 10, 1))
    assert case.closed_on is None and policy.can_view_child(pa, young)
