"""The seeded demo authority's SSDA903 return passes the DfE validator with 0 errors, for
the last collection year (2026) and the one in progress (2027, with DoLo): real postcodes
of the authority's area (ONS checks, rules 392c, 169, 179, 218), emergency protection
orders of at most 21 days (rule 362), and every table written: UASC, OC2, PrevPerm,
SWEpisodes, AD1 and PlacedAdoption beside the episodes."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from safeguard.accounts.services import system_user
from safeguard.returns import services
from safeguard.returns.codes import ReturnKind, RunStatus
from safeguard.returns.periods import CollectionYear
from safeguard.returns.ssda903.tables import ssda903_tables
from safeguard.returns.validation import validators_available

DEMO_CHILDREN = 160  # small, and a size where restricted records reach the care seeder


@pytest.mark.django_db
@pytest.mark.skipif(
    not validators_available(), reason="the DfE validators are not installed here: run `make validators`"
)
def test_the_demo_authoritys_ssda903_has_no_errors() -> None:
    call_command("seed_demo", "--children", str(DEMO_CHILDREN), "--seed", "2026", verbosity=0)
    for year in (2026, 2027):
        run = services.return_run_request(actor=system_user(), kind=ReturnKind.SSDA903, year=year)
        run = services.return_run_execute(run_id=run.pk)
        assert run.status == RunStatus.DONE, run.failure
        assert run.children > 0
        errors = list(run.issues.filter(issue_type="ERROR").values_list("rule_code", "message", "return_child_id"))
        assert (year, errors) == (year, [])
    tables = ssda903_tables(CollectionYear(2027))
    assert tables.tables["sw_episodes"] and tables.tables["prev_perm"] and tables.tables["oc2"]
