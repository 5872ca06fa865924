"""The adoption pages: a stale save refused with what changed and the user's input kept;
My work and the chronology; the adopter list refused to partners."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from safeguard.access.policy import can_view_child
from safeguard.adoption import chronology, services
from safeguard.casework.mywork import work_due_for
from safeguard.conftest import Cast, client_for

from .support import couple, in_care

pytestmark = pytest.mark.django_db


def _ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def _post_date(data: dict[str, str], name: str, day: dt.date) -> None:
    data.update({f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)})


def test_it_refuses_a_stale_save_and_keeps_what_was_typed(cast: Cast) -> None:
    in_care(cast, cast.child, _ago(300))
    decision = services.decision_record(actor=cast.sw, child=cast.child, decided_on=_ago(200))
    services.decision_update(actor=cast.manager, decision=decision, expected_version=1, placement_order_on=_ago(150))
    data = {"version": "1", "no_longer_reason": "RD3"}
    _post_date(data, "decided_on", _ago(200))
    _post_date(data, "no_longer_on", _ago(5))
    url = reverse("adoption:decision_edit", args=[cast.child.uuid, decision.uuid])
    response = client_for(cast.sw).post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else changed this record while you were editing it" in page
    assert "Mina Hart saved" in page and "Placement order" in page
    assert 'value="RD3" selected' in page  # the user's input is kept
    decision.refresh_from_db()
    assert decision.no_longer_on is None and decision.version == 2


def test_it_puts_an_unmatched_decision_on_my_work_overdue_after_six_months(cast: Cast) -> None:
    in_care(cast, cast.child, _ago(400))
    services.decision_record(actor=cast.sw, child=cast.child, decided_on=_ago(200))
    [item] = [i for i in work_due_for(user=cast.sw).items if i.what == "Match with adopters"]
    assert item.child == cast.child and item.due.overdue
    assert item.url == reverse("adoption:record", args=[cast.child.uuid])


def test_it_puts_each_step_on_the_chronology_for_the_care_record_only(cast: Cast) -> None:
    in_care(cast, cast.child, _ago(400))
    household = couple(cast, _ago(600))
    decision = services.decision_record(actor=cast.sw, child=cast.child, decided_on=_ago(200))
    services.decision_update(
        actor=cast.sw,
        decision=decision,
        expected_version=1,
        placement_order_on=_ago(150),
        matched_on=_ago(60),
        household=household,
        placed_on=_ago(30),
        placed_with_foster_carer=True,
    )
    allowed = can_view_child(cast.sw, cast.child)
    titles = [e.title for e in chronology.adoption_decisions(cast.sw, cast.child, allowed)]
    assert titles == [
        "Decision: should be placed for adoption",
        "Placement order made",
        "Matched with adopters",
        "Placed for adoption",
    ]
    police = can_view_child(cast.police, cast.child)
    assert list(chronology.adoption_decisions(cast.police, cast.child, police)) == []


def test_it_shows_adopters_to_council_practitioners_only(cast: Cast) -> None:
    household = couple(cast, _ago(30))
    assert client_for(cast.sw).get(reverse("adoption:households")).status_code == 200
    assert client_for(cast.police).get(reverse("adoption:household", args=[household.uuid])).status_code == 403
    page = client_for(cast.sw).get(reverse("adoption:household", args=[household.uuid])).content.decode()
    assert "Fiona Campbell and Ross Campbell" in page and "Update the journey" not in page
