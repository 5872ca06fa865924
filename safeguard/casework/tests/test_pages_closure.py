"""Closure, step-down and re-opening: a worker proposes, a manager authorises (the teams'
open work ends), anyone working on the case re-opens it; open plans, assessments,
enquiries and conferences due must end first; each step is audited and on the chronology."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from safeguard.access import policy
from safeguard.access.models import InvolvementKind
from safeguard.audit.models import AuditEvent, EventType
from safeguard.casework import chronology, services
from safeguard.casework.models import CaseClosure
from safeguard.conftest import Cast, client_for
from safeguard.lib.errors import InvalidTransition


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def _authorised_assessment(cast: Cast) -> None:
    assessment = services.assessment_start(
        actor=cast.sw,
        child=cast.child,
        team=cast.assessment,
        started_on=dt.date(2026, 1, 5),
        referral_date=dt.date(2026, 1, 5),
    )
    assessment = services.assessment_update(
        actor=cast.sw,
        assessment=assessment,
        expected_version=1,
        factors=["21"],
        child_views="Happy at home",
        analysis="No concerns",
    )
    assessment = services.assessment_submit(
        actor=cast.sw,
        assessment=assessment,
        outcome="early_help",
        outcome_reason="Family support will help",
        expected_version=assessment.version,
    )
    services.assessment_authorise(actor=cast.manager, assessment=assessment, expected_version=assessment.version)


def test_a_step_down_is_proposed_authorised_by_a_manager_and_re_opened(cast: Cast) -> None:
    _authorised_assessment(cast)
    assert cast.child.involvements.filter(kind=InvolvementKind.OPEN_WORK, ended_at__isnull=True).exists()
    sw = client_for(cast.sw)
    child_url = reverse("people:child", args=[cast.child.uuid])
    response = sw.post(
        reverse("casework:closure_new", args=[cast.child.uuid]),
        {"census_reason": "RC9", "reason": "Early help family support", **_date("closed_on", timezone.localdate())},
    )
    assert response.status_code == 302
    closure = CaseClosure.objects.get()
    page = sw.get(child_url).content.decode()
    assert "Stepped down to early help proposed" in page and "Authorise the closure" not in page

    # The worker cannot authorise; the manager can.
    authorise = reverse("casework:closure_authorise", args=[cast.child.uuid, closure.uuid])
    sw.post(authorise, {"version": closure.version})
    closure.refresh_from_db()
    assert closure.status == "proposed"
    manager = client_for(cast.manager)
    assert "Authorise the closure" in manager.get(child_url).content.decode()
    assert manager.post(authorise, {"version": closure.version}).status_code == 302
    closure.refresh_from_db()
    assert (closure.status, closure.authorised_by) == ("authorised", cast.manager)
    assert not cast.child.involvements.filter(kind=InvolvementKind.OPEN_WORK, ended_at__isnull=True).exists()
    assert "Re-open the case" in sw.get(child_url).content.decode()  # still allocated to her

    reopen = reverse("casework:closure_reopen", args=[cast.child.uuid, closure.uuid])
    bad = sw.post(
        reopen,
        {
            "reason": "",
            "team": cast.assessment.pk,
            "version": closure.version,
            **_date("reopened_on", dt.date(2020, 1, 1)),
        },
    )
    text = bad.content.decode()
    assert "Say why the case is re-opening." in text
    response = sw.post(
        reopen,
        {
            "reason": "New referral: school concerns",
            "team": cast.assessment.pk,
            "version": closure.version,
            **_date("reopened_on", timezone.localdate()),
        },
    )
    assert response.status_code == 302
    closure.refresh_from_db()
    assert closure.status == "reopened"
    assert cast.child.involvements.filter(kind=InvolvementKind.OPEN_WORK, ended_at__isnull=True).exists()
    kinds = [
        e.data["extra"]["what"]
        for e in AuditEvent.objects.filter(subject_id=str(closure.uuid))
        .exclude(event_type=EventType.PERSON_VIEWED)
        .exclude(event_type=EventType.ACCESS_DENIED)
        .order_by("sequence")
    ]
    assert kinds == ["closure proposed", "closure authorised", "case re-opened"]
    shown = chronology.assemble(
        cast.sw, cast.child, policy.can_view_child(cast.sw, cast.child), chronology.ChronologyFilter()
    )
    titles = [e.title for e in shown.entries if e.kind == "closure"]
    assert sorted(titles) == ["Case re-opened", "Stepped down to early help"]


def test_open_work_must_end_before_the_case_closes(cast: Cast) -> None:
    services.cin_plan_start(actor=cast.sw, child=cast.child, started_on=dt.date(2026, 1, 5))
    response = client_for(cast.sw).post(
        reverse("casework:closure_new", args=[cast.child.uuid]),
        {"census_reason": "RC7", "reason": "All done", **_date("closed_on", timezone.localdate())},
    )
    assert response.status_code == 200
    assert "The case cannot close yet: the child in need plan is open (a manager ends it)." in response.content.decode()
    assert not CaseClosure.objects.exists()


def test_a_closure_needs_a_reason_a_past_date_and_only_one_proposal(cast: Cast) -> None:
    response = client_for(cast.sw).post(
        reverse("casework:closure_new", args=[cast.child.uuid]),
        {"census_reason": "", "reason": "", **_date("closed_on", dt.date(2099, 1, 1))},
    )
    text = response.content.decode()
    assert "Say why the case is closing." in text and "Choose the reason for closure." in text
    services.closure_propose(
        actor=cast.sw, child=cast.child, census_reason="RC7", closed_on=timezone.localdate(), reason="Settled"
    )
    with pytest.raises(InvalidTransition):
        services.closure_propose(
            actor=cast.sw, child=cast.child, census_reason="RC7", closed_on=timezone.localdate(), reason="Again"
        )


def test_partners_and_other_teams_cannot_close_a_case(cast: Cast) -> None:
    url = reverse("casework:closure_new", args=[cast.child.uuid])
    assert client_for(cast.police).get(url).status_code == 403
    assert client_for(cast.sw_other).get(url).status_code == 403
