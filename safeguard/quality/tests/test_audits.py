"""Drawing samples, grading, escalation and its resolution, through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from safeguard.access import services as access_services
from safeguard.accounts import services as account_services
from safeguard.audit.models import AuditEvent, EventType
from safeguard.casework import services as casework
from safeguard.conftest import Cast
from safeguard.lib.errors import AccessDenied, InvalidTransition, StaleEdit
from safeguard.people import services as people_services
from safeguard.quality import policy, selectors, services
from safeguard.quality.codes import Stage
from safeguard.quality.models import CaseAudit, PracticeStandard

from .support import grade, quality_auditor, round_of


def test_it_seeds_practice_standards_including_the_childs_voice(db: None) -> None:
    titles = list(PracticeStandard.objects.values_list("title", flat=True))
    assert "The child's voice is heard" in titles and len(titles) >= 5


def _allocated_children(cast: Cast, count: int, worker) -> list:  # type: ignore[no-untyped-def]
    children = []
    for n in range(count):
        child = people_services.person_create(
            actor=cast.system,
            given_name=f"Kid{n}",
            family_name="Sample",
            date_of_birth=dt.date(2015, 1, 1 + n),
            sex="M",
        )
        access_services.allocation_set(actor=cast.system, child=child, worker=worker)
        children.append(child)
    return children


def test_it_draws_a_random_sample_of_children_the_service_is_working_with(cast: Cast) -> None:
    auditor = quality_auditor(cast)
    _allocated_children(cast, 6, cast.sw)
    audit_round = round_of(cast, auditor, method="random", size=4, chosen=[], seed=3)
    cases = list(audit_round.audits.all())
    assert len(cases) == 4
    assert all(c.auditor == auditor and c.team == cast.assessment and c.worker == cast.sw for c in cases)
    # Every sampled case is recorded against its child.
    assert AuditEvent.objects.filter(event_type=EventType.RECORD_CREATED, subject_type="CaseAudit").count() == 4


def test_it_stratifies_by_team_and_stage(cast: Cast) -> None:
    auditor = quality_auditor(cast)
    _allocated_children(cast, 3, cast.sw)  # Assessment Team North, allocated only
    on_plan = _allocated_children(cast, 2, cast.sw_other)  # Child Protection Team South
    casework.cin_plan_start(actor=cast.system, child=on_plan[0], started_on=dt.date(2026, 9, 1))
    audit_round = round_of(cast, auditor, method="stratified", per_stratum=1, chosen=[], seed=1)
    strata = sorted((c.team.name, c.stage) for c in audit_round.audits.select_related("team"))
    assert strata == [
        ("Assessment Team North", Stage.ALLOCATED),
        ("Child Protection Team South", Stage.ALLOCATED),
        ("Child Protection Team South", Stage.CHILD_IN_NEED),
    ]


def test_it_gives_each_case_to_an_auditor_outside_its_team_where_it_can(cast: Cast) -> None:
    auditor = quality_auditor(cast)
    audit_round = services.round_create(
        actor=cast.hos, title="Peer audit", method="chosen", chosen=[cast.child], auditors=[cast.manager, auditor]
    )
    assert audit_round.audits.get().auditor == auditor


def test_it_refuses_a_chosen_child_without_an_allocated_worker_and_wrong_auditors(cast: Cast) -> None:
    with pytest.raises(ValidationError) as caught:
        services.round_create(actor=cast.hos, title="x", method="chosen", chosen=[cast.stranger], auditors=[cast.sw])
    assert "auditors" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.round_create(actor=cast.hos, title="x", method="chosen", chosen=[cast.stranger], auditors=[cast.hos])
    assert cast.stranger.la_id in caught.value.message_dict["chosen"][0]


@pytest.mark.parametrize("role", ["sw", "manager", "analyst", "police"])
def test_it_lets_only_heads_of_service_and_quality_practitioners_draw_samples(cast: Cast, role: str) -> None:
    with pytest.raises(AccessDenied):
        services.round_create(
            actor=cast.users()[role], title="x", method="chosen", chosen=[cast.child], auditors=[cast.hos]
        )
    assert policy.can_run_audits(quality_auditor(cast))


def test_it_gives_the_auditor_the_sample_and_nothing_else(cast: Cast) -> None:
    auditor = quality_auditor(cast)
    case = round_of(cast, auditor).audits.get()
    assert policy.can_audit_case(auditor, case)
    assert not policy.can_audit_case(cast.sw, case)
    other = quality_auditor(cast, "auditor2")
    assert not policy.can_audit_case(other, case) and not policy.can_view_case_audit(other, case)
    # Outside the audit, the access policy gives the auditor no record at all.
    from safeguard.access import policy as access_policy

    assert not access_policy.can_view_child(auditor, cast.child)
    page = selectors.audit_get_for(user=auditor, case_uuid=case.uuid)
    assert page.may_grade and page.case_file is not None
    event = AuditEvent.objects.get(actor=auditor, event_type=EventType.PERSON_VIEWED)
    assert event.child_uuid == cast.child.uuid and event.data["extra"]["purpose"] == "case audit"
    services.round_close(actor=cast.hos, audit_round=case.round)
    case.round.refresh_from_db()
    assert not policy.can_audit_case(auditor, case)


def test_it_escalates_an_inadequate_case_at_once_until_resolved(cast: Cast) -> None:
    auditor = quality_auditor(cast)
    case = grade(round_of(cast, auditor).audits.get(), auditor, 4)
    assert case.is_escalated
    assert [c.pk for c in selectors.escalations_for(user=cast.manager)] == [case.pk]
    assert [c.pk for c in selectors.escalations_for(user=cast.hos)] == [case.pk]
    assert selectors.escalations_for(user=cast.sw) == []
    other_manager, _ = account_services.user_create(
        actor=cast.system,
        username="tm_south",
        first_name="T",
        last_name="M",
        email="",
        role="team_manager",
        agency=cast.council,
        team=cast.cp_team,
    )
    assert selectors.escalations_for(user=other_manager) == []
    kinds = list(AuditEvent.objects.filter(actor=auditor).values_list("event_type", flat=True).order_by("sequence"))
    assert kinds[-2:] == [EventType.CASE_AUDIT_RECORDED, EventType.CASE_AUDIT_ESCALATED]
    # The worker has the action, the grade of every standard is kept.
    assert case.actions.get().owner == cast.sw
    assert case.standard_grades.count() == PracticeStandard.objects.filter(active=True).count()
    # Regrading does not escalate twice; resolving takes it off the managers' lists.
    case = grade(case, auditor, 4)
    assert AuditEvent.objects.filter(event_type=EventType.CASE_AUDIT_ESCALATED).count() == 1
    with pytest.raises(AccessDenied):
        services.escalation_resolve(actor=cast.sw, case=case, resolution="Seen", expected_version=case.version)
    services.escalation_resolve(
        actor=cast.manager, case=case, resolution="Child seen alone; plan rewritten", expected_version=case.version
    )
    assert selectors.escalations_for(user=cast.hos) == []
    case.refresh_from_db()
    with pytest.raises(InvalidTransition):
        services.escalation_resolve(actor=cast.hos, case=case, resolution="Again", expected_version=case.version)


def test_it_escalates_serious_concerns_whatever_the_grade_and_not_a_good_case(cast: Cast) -> None:
    auditor = quality_auditor(cast)
    case = grade(round_of(cast, auditor).audits.get(), auditor, 2)
    assert not case.is_escalated
    case = grade(case, auditor, 2, serious=True)
    assert case.is_escalated


def test_it_names_what_is_missing_and_refuses_a_stale_grade(cast: Cast) -> None:
    auditor = quality_auditor(cast)
    case = round_of(cast, auditor).audits.get()
    with pytest.raises(ValidationError) as caught:
        services.audit_record(
            actor=auditor,
            case=case,
            expected_version=case.version,
            grades={},
            grade=9,
            serious_concerns=False,
            strengths="",
            improvements="",
        )
    errors = caught.value.message_dict
    assert {"grade", "strengths", "improvements"} <= set(errors)
    voice = PracticeStandard.objects.get(title="The child's voice is heard")
    assert errors[f"standard_{voice.pk}"] == ["Grade “The child's voice is heard”."]
    stale = CaseAudit.objects.get(pk=case.pk)
    grade(case, auditor, 3)
    with pytest.raises(StaleEdit):
        grade(stale, auditor, 1)
    assert AuditEvent.objects.filter(event_type=EventType.RECORD_CONFLICT).count() == 1


def test_it_shows_results_by_team_and_month_without_naming_a_child(cast: Cast) -> None:
    auditor = quality_auditor(cast)
    grade(round_of(cast, auditor).audits.get(), auditor, 3)
    results = selectors.results_for(user=cast.analyst)
    assert results.by_team == [("Assessment Team North", [0, 0, 1, 0], 1)]
    assert len(results.by_month) == 1 and results.by_month[0][2] == 1
    with pytest.raises(AccessDenied):
        selectors.results_for(user=cast.sw)


def test_it_lets_the_worker_complete_their_action(cast: Cast) -> None:
    auditor = quality_auditor(cast)
    case = grade(round_of(cast, auditor).audits.get(), auditor, 3)
    action = case.actions.get()
    with pytest.raises(AccessDenied):
        services.action_complete(actor=cast.sw_other, action=action)
    services.action_complete(actor=cast.sw, action=action)
    assert selectors.actions_for(user=cast.sw) == []


def test_it_lets_only_the_head_of_service_change_standards(cast: Cast) -> None:
    with pytest.raises(AccessDenied):
        services.standard_create(actor=cast.manager, title="x", description="y")
    standard = services.standard_create(actor=cast.hos, title="Permanence", description="Plans for permanence early.")
    stale = PracticeStandard.objects.get(pk=standard.pk)
    services.standard_update(
        actor=cast.hos, standard=standard, expected_version=1, title="Permanence planning", description="d", active=True
    )
    with pytest.raises(StaleEdit) as caught:
        services.standard_update(
            actor=cast.hos, standard=stale, expected_version=1, title="Other", description="d", active=False
        )
    assert caught.value.changes["title"] == ("Permanence", "Permanence planning")


def test_it_puts_audit_actions_on_the_workers_my_work(cast: Cast) -> None:
    from safeguard.casework.mywork import work_due_for

    auditor = quality_auditor(cast)
    case = grade(round_of(cast, auditor).audits.get(), auditor, 3)
    items = [i for i in work_due_for(user=cast.sw).items if i.what == "Case audit action"]
    assert [(i.child, i.detail, i.url) for i in items] == [
        (cast.child, "Record Tyler's views in his words", f"/quality/audits/{case.uuid}/")
    ]
    services.action_complete(actor=cast.sw, action=case.actions.get())
    assert not [i for i in work_due_for(user=cast.sw).items if i.what == "Case audit action"]


def test_its_charts_carry_the_same_counts_as_the_tables(cast: Cast) -> None:
    auditor = quality_auditor(cast)
    grade(round_of(cast, auditor).audits.get(), auditor, 3)
    results = selectors.results_for(user=cast.analyst)
    charts = {chart["code"]: chart for chart in results.charts()}
    assert set(charts) == {"team", "month"}
    team = charts["team"]
    assert team["labels"] == ["Assessment Team North"]
    assert [d["counts"] for d in team["datasets"]] == [[0], [0], [1], [0]]
    assert [d["percent"] for d in team["datasets"]] == [[0], [0], [100.0], [0]]
