"""The DfE validator's own rules on our census, its findings stored with the run and
shown to the team that can fix them: a planted weekend initial conference is reported by
rule 8875 and linked to the child."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.audit.models import AuditEvent, EventType
from safeguard.casework.models import Conference
from safeguard.conftest import Cast, client_for
from safeguard.returns import services
from safeguard.returns.codes import ReturnKind, RunStatus
from safeguard.returns.selectors import pseudonym
from safeguard.returns.validation import validators_available

from .support import small_authority

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not validators_available(), reason="the DfE validators are not installed here: run `make validators`"
    ),
]
WEEKEND_MESSAGE = "The Date of Initial Child Protection Conference cannot be a weekend"


def _plant_weekend_icpc(cast: Cast) -> None:
    """An initial conference dated on a Saturday, as a record migrated from an older system
    might have it (the casework service itself refuses weekend dates)."""
    people = small_authority(cast)
    icpc = Conference.objects.get(child=people["ben"], kind="initial")
    Conference.objects.filter(pk=icpc.pk).update(held_on=dt.date(2025, 6, 21))


def _validated_run(cast: Cast) -> services.ReturnRun:
    run = services.return_run_request(actor=cast.analyst, kind=ReturnKind.CIN, year=2026)
    return services.return_run_execute(run_id=run.pk)


def test_the_validators_own_rule_reports_a_weekend_initial_conference(cast: Cast) -> None:
    _plant_weekend_icpc(cast)
    run = _validated_run(cast)
    assert run.status == RunStatus.DONE, run.failure
    weekend = run.issues.filter(rule_code="8875")
    assert weekend.exists()
    issue = weekend.first()
    assert issue is not None
    assert issue.message == WEEKEND_MESSAGE
    assert issue.issue_type == "ERROR"
    assert issue.return_child_id == "RA0002"
    assert issue.child is not None and issue.child.la_id == "RA0002"
    assert run.error_count >= 1
    assert AuditEvent.objects.filter(event_type=EventType.RETURN_VALIDATED, subject_id=str(run.uuid)).exists()
    assert AuditEvent.objects.filter(event_type=EventType.RETURN_GENERATED, subject_id=str(run.uuid)).exists()


def test_the_allocated_worker_sees_the_finding_linked_to_the_child(cast: Cast) -> None:
    _plant_weekend_icpc(cast)
    run = _validated_run(cast)
    ben = run.issues.get(rule_code="8875").child
    response = client_for(cast.sw).get(reverse("returns:run", args=[run.uuid]))
    assert response.status_code == 200
    page = response.content.decode()
    assert WEEKEND_MESSAGE in page
    assert reverse("people:child", args=[ben.uuid]) in page
    assert AuditEvent.objects.filter(event_type=EventType.PERSON_VIEWED, actor=cast.sw, child_uuid=ben.uuid).exists()


def test_a_worker_in_another_team_does_not_see_it(cast: Cast) -> None:
    _plant_weekend_icpc(cast)
    run = _validated_run(cast)
    page = client_for(cast.sw_other).get(reverse("returns:run", args=[run.uuid])).content.decode()
    assert WEEKEND_MESSAGE not in page
    assert "Okafor" not in page
    assert "about children whose records you cannot open" in page


def test_the_analyst_sees_it_pseudonymised(cast: Cast) -> None:
    _plant_weekend_icpc(cast)
    run = _validated_run(cast)
    page = client_for(cast.analyst).get(reverse("returns:run", args=[run.uuid])).content.decode()
    assert WEEKEND_MESSAGE in page
    assert pseudonym("RA0002") in page
    assert "Okafor" not in page
    assert "RA0002" not in page
    assert reverse("people:child", args=[run.issues.get(rule_code="8875").child.uuid]) not in page


def test_the_clean_authority_has_no_errors(cast: Cast) -> None:
    small_authority(cast)
    run = _validated_run(cast)
    assert run.status == RunStatus.DONE, run.failure
    assert list(run.issues.filter(issue_type="ERROR").values_list("rule_code", "message")) == []
