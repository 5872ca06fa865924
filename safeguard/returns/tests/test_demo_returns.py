"""The seeded demo authority's returns pass the field's own validators with 0 errors: the
CIN census for 2025/26 and for the year in progress, and Annex A for the last 6 months."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from safeguard.accounts.services import system_user
from safeguard.returns import services
from safeguard.returns.codes import ReturnKind, RunStatus
from safeguard.returns.periods import LookBack, current_collection_year
from safeguard.returns.validation import validators_available

DEMO_CHILDREN = 400  # what `make run` seeds


@pytest.mark.django_db
@pytest.mark.skipif(
    not validators_available(), reason="the DfE validators are not installed here: run `make validators`"
)
def test_the_demo_authoritys_returns_have_no_errors() -> None:
    call_command("seed_demo", "--children", str(DEMO_CHILDREN), "--seed", "2026", verbosity=0)
    current = current_collection_year(timezone.localdate()).year
    for year in sorted({2026, current}):
        run = services.return_run_request(actor=system_user(), kind=ReturnKind.CIN, year=year)
        run = services.return_run_execute(run_id=run.pk)
        assert run.status == RunStatus.DONE, run.failure
        assert run.children > 0
        errors = list(run.issues.filter(issue_type="ERROR").values_list("rule_code", "message", "return_child_id"))
        assert errors == [], f"{year}: {errors}"

    period = LookBack.months_before(timezone.localdate(), 6)
    run = services.return_run_request(
        actor=system_user(), kind=ReturnKind.ANNEX_A, period_start=period.start, period_end=period.end
    )
    run = services.return_run_execute(run_id=run.pk)
    assert run.status == RunStatus.DONE, run.failure
    assert run.children > 0
    assert list(run.issues.values_list("rule_code", "message", "table", "field")) == []
