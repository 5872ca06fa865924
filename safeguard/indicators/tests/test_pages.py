"""The dashboard, the drill-down and the spreadsheets: who sees what, and the audit."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast, client_for
from safeguard.indicators import selectors
from safeguard.indicators.models import IndicatorSnapshot

from .authority import build_front_door


def _events(user, kind: EventType):  # type: ignore[no-untyped-def]
    return AuditEvent.objects.filter(actor=user, event_type=kind)


@pytest.mark.parametrize("role", ["analyst", "sw", "manager", "hos"])
def test_it_shows_the_dashboard_to_analysts_and_council_practitioners(cast: Cast, role: str) -> None:
    user = cast.users()[role]
    response = client_for(user).get("/indicators/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Re-referrals within 12 months" in body
    assert 'id="indicator-charts"' in body and "chart.umd.min.js" in body
    assert "22% (139,080 of 621,880 referrals), 2023-24" in body
    assert _events(user, EventType.INDICATORS_VIEWED).count() == 1


@pytest.mark.parametrize("role", ["police", "health", "ig", "admin", "outsider"])
def test_it_refuses_the_dashboard_to_everyone_else(cast: Cast, role: str) -> None:
    user = cast.users()[role]
    assert client_for(user).get("/indicators/").status_code == 403
    assert AuditEvent.objects.filter(actor=user, event_type=EventType.ACCESS_DENIED).exists()


def test_it_keeps_monthly_snapshots_and_reuses_them(cast: Cast, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.analyst)
    client.get("/indicators/")
    count = IndicatorSnapshot.objects.count()
    assert count == 13 * len(selectors.definitions.available())
    with django_assert_max_num_queries(20):
        assert client.get("/indicators/").status_code == 200
    assert IndicatorSnapshot.objects.count() == count


def test_it_shows_the_analyst_pseudonyms_never_names(cast: Cast) -> None:
    town = build_front_door(cast)
    response = client_for(cast.analyst).get("/indicators/contacts_decided_1wd/2026-03/")
    body = response.content.decode()
    assert response.status_code == 200
    for child in (town.a, town.b, town.c, town.d):
        assert child.given_name not in body and child.la_id not in body
        assert selectors.pseudonym(child.uuid) in body
    # The same child, the same pseudonym, on every page.
    assert selectors.pseudonym(town.a.uuid) == selectors.pseudonym(town.a.uuid)
    assert selectors.pseudonym(town.a.uuid) != selectors.pseudonym(town.b.uuid)
    event = _events(cast.analyst, EventType.INDICATORS_VIEWED).get()
    assert event.data["extra"]["mode"] == "pseudonymised" and event.data["extra"]["rows_shown"] == 4


def test_it_shows_a_practitioner_only_the_children_they_may_open(cast: Cast) -> None:
    town = build_front_door(cast)
    # a and b were referred to Assessment Team North, which holds open work with them.
    response = client_for(cast.sw).get("/indicators/contacts_decided_1wd/2026-03/")
    body = response.content.decode()
    assert town.a.full_name in body and town.b.full_name in body
    assert town.c.full_name not in body and town.d.full_name not in body
    assert "2 more records are about children whose records you cannot open" in body
    event = _events(cast.sw, EventType.INDICATORS_VIEWED).get()
    assert sorted(event.data["extra"]["children"]) == sorted([str(town.a.uuid), str(town.b.uuid)])
    # Filtered to those that missed the deadline: b (shown) and d (not).
    body = client_for(cast.sw).get("/indicators/contacts_decided_1wd/2026-03/?which=not_met").content.decode()
    assert town.b.full_name in body and town.a.full_name not in body
    assert "1 more record is about children" in body


def test_it_answers_404_for_an_unknown_indicator_month_or_filter(cast: Cast) -> None:
    client = client_for(cast.analyst)
    assert client.get("/indicators/no_such/2026-03/").status_code == 404
    assert client.get("/indicators/re_referrals/March/").status_code == 404
    assert client.get("/indicators/re_referrals/2026-03/?which=some").status_code == 404


def test_it_exports_the_dashboard_and_audits_it(cast: Cast) -> None:
    response = client_for(cast.manager).get("/indicators/indicators.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Indicators", "England"]
    titles = {row[0] for row in book["England"].iter_rows(min_row=2, values_only=True)}
    assert "Caseload per worker" in titles
    event = _events(cast.manager, EventType.EXPORT).get()
    assert event.data["extra"]["what"] == "indicators dashboard"


def test_it_exports_a_drilldown_as_the_viewer_may_see_it(cast: Cast) -> None:
    town = build_front_door(cast)
    response = client_for(cast.analyst).get("/indicators/re_referrals/2026-03/records.xlsx?which=all")
    rows = list(load_workbook(io.BytesIO(response.content))["Records"].iter_rows(min_row=4, values_only=True))
    assert {r[0] for r in rows} == {selectors.pseudonym(town.a.uuid), selectors.pseudonym(town.b.uuid)}
    assert all(town.a.given_name not in str(r) for r in rows)
    assert rows[0][2] == dt.datetime(2026, 3, 2)
    event = _events(cast.analyst, EventType.EXPORT).get()
    assert event.data["extra"]["mode"] == "pseudonymised" and event.data["extra"]["rows"] == 2


def test_it_lists_at_most_a_page_of_records_and_says_so(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    from safeguard.indicators import views

    town = build_front_door(cast)
    monkeypatch.setattr(views, "PAGE_ROWS", 3)
    body = client_for(cast.analyst).get("/indicators/contacts_decided_1wd/2026-03/").content.decode()
    assert "Showing the first 3 of 4 records" in body
    assert sum(selectors.pseudonym(c.uuid) in body for c in (town.a, town.b, town.c, town.d)) == 3
