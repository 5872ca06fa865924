"""The demo's early help team: families at every stage, the queue not empty, a step-up
waiting for the MASH, and the same authority from the same seed."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from safeguard.accounts.models import User
from safeguard.demo.tests.support import fast_passwords, seed
from safeguard.early_help import selectors
from safeguard.early_help.models import EarlyHelpEpisode


@pytest.mark.django_db
@fast_passwords
def test_the_demo_early_help_team_has_work_at_every_stage() -> None:
    summary = seed(children=400)
    counts = summary.contexts["early_help"]
    assert counts["episodes"] >= 3 and counts["waiting"] >= 1, counts
    worker = User.objects.get(username="early.help")
    assert selectors.waiting_for(user=worker)
    mine, others = selectors.team_episodes(user=worker)
    rows = mine + others
    assert any(r.review_due and r.review_due.overdue for r in rows), counts
    assert any(r.episode.assessment_completed_on is None for r in rows)
    assert EarlyHelpEpisode.objects.filter(closed_on__isnull=False).exists()
    stepped = EarlyHelpEpisode.objects.filter(outcome="step_up").first()
    assert stepped is not None and stepped.step_up_contact is not None and stepped.step_up_contact.is_open
    assert User.objects.filter(username="early.help.manager", team__kind="early_help").exists()
    # The sign-ins a newcomer is shown include the early help team's.
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "  early.help " in out.getvalue() and "  early.help.manager " in out.getvalue()
