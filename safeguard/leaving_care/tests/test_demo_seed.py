"""The seeded demo holds care leavers at every stage, in and out of touch, with pathway
plans due and overdue, that the leaving-care logins can work with."""

from __future__ import annotations

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from safeguard.accounts.models import User
from safeguard.conftest import client_for
from safeguard.demo.tests.support import fast_passwords, seed
from safeguard.leaving_care import rules
from safeguard.leaving_care.models import KeepInTouch, LeavingCareCase, PathwayPlan
from safeguard.leaving_care.services import eligibility_on


@pytest.mark.django_db
@fast_passwords
def test_the_demo_holds_care_leavers_at_every_stage() -> None:
    summary = seed(children=40)
    counts = summary.contexts["leaving_care"]
    today = timezone.localdate()
    assert counts["pathway_plans"] >= 8 and counts["keeping_in_touch"] >= 10, counts

    categories = {eligibility_on(case.child, today).category for case in LeavingCareCase.objects.all()}  # type: ignore[union-attr]
    assert {"eligible", "relevant", "former_relevant", "qualifying"} <= categories

    plans = PathwayPlan.objects.filter(ended_on__isnull=True)
    assert plans.filter(next_review_due__lt=today).exists()
    assert plans.filter(next_review_due__gte=today).exists()
    for plan in plans:
        last = plan.reviews.order_by("-held_on").values_list("held_on", flat=True).first() or plan.agreed_on
        assert plan.next_review_due == rules.pathway_plan_review_due(last)

    cases = LeavingCareCase.objects.all()
    assert cases.filter(next_contact_due__lt=today).exists()
    # Someone whose latest contact found them out of touch.
    assert cases.filter(last_contact_on__isnull=False).exclude(last_in_touch_on=F("last_contact_on")).exists()
    assert cases.filter(staying_put_from__isnull=False).exists()
    assert cases.filter(continuing_support=True).exists()
    assert KeepInTouch.objects.filter(birthday_age__isnull=False).exists()
    for record in KeepInTouch.objects.all():
        assert record.contacted_on <= today

    pa = User.objects.get(username="pa1")
    response = client_for(pa).get(reverse("leaving_care:caseload"))
    assert response.status_code == 200
    load = response.context["load"]
    assert load.scope == "mine" and len(load.rows) >= 3
    assert any(r.contact_due and r.contact_due.overdue for r in load.rows)
    young = load.rows[0].person
    page = client_for(pa).get(reverse("people:child", args=[young.uuid]))
    assert page.status_code == 200
    assert "Leaving care" in page.content.decode()
