"""The demo's case audits: a completed, closed round with an escalated case, and an open
round waiting for the quality assurance practitioner."""

from __future__ import annotations

from safeguard.conftest import Cast
from safeguard.demo.quality import seed_quality
from safeguard.quality import selectors
from safeguard.quality.codes import RoundStatus
from safeguard.quality.models import AuditRound, CaseAudit

from .support import quality_auditor


def test_it_seeds_a_completed_round_with_an_escalation_and_an_open_round(cast: Cast) -> None:
    auditor = quality_auditor(cast, "auditor")
    counts = seed_quality(actor=cast.system, seed=7, children=400)
    assert counts == {"rounds": 2, "audited": 1, "escalated": 1, "resolved": 0, "waiting": 1}
    done, waiting = AuditRound.objects.order_by("created_at", "pk")
    assert done.status == RoundStatus.CLOSED and waiting.status == RoundStatus.OPEN
    escalated = CaseAudit.objects.get(round=done)
    assert escalated.grade == 4 and escalated.is_escalated
    assert [c.pk for c in selectors.escalations_for(user=cast.manager)] == [escalated.pk]
    assert [c.round for c in selectors.assigned_to(user=auditor)] == [waiting]


def test_it_seeds_nothing_without_an_auditor(cast: Cast) -> None:
    assert seed_quality(actor=cast.system, seed=7, children=400) == {}
