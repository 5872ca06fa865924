"""What the SSDA903 return needs beyond episodes: UASC status, previous permanence, the
yearly outcomes (OC2) and deprivation of liberty orders, each recorded through a service
that checks the return's rules, refuses a stale save and is audited; and their pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguard.audit.models import AuditEvent, EventType
from safeguard.care import services
from safeguard.care.models import CareRecord, LibertyOrder
from safeguard.conftest import Cast, client_for
from safeguard.lib.errors import StaleEdit

pytestmark = pytest.mark.django_db
D = dt.date


def _in_care(cast: Cast, place: str = "U6") -> CareRecord:
    services.care_start(
        actor=cast.sw,
        child=cast.child,
        start_date=D(2025, 6, 2),
        legal_status="C1",
        category_of_need="N1",
        placement=services.Placement(
            placement_type=place, placement_provider="PR1", urn="SC123456" if place == "K3" else ""
        ),
    )
    return CareRecord.objects.get(child=cast.child)


def test_uasc_is_recorded_and_a_stale_save_is_refused_and_audited(cast: Cast) -> None:
    record = _in_care(cast)
    saved = services.uasc_record(
        actor=cast.sw, child=cast.child, uasc=True, ceased_on=None, expected_version=record.version
    )
    assert saved.uasc and saved.version == record.version + 1
    with pytest.raises(StaleEdit):
        services.uasc_record(
            actor=cast.sw, child=cast.child, uasc=False, ceased_on=None, expected_version=record.version
        )
    assert AuditEvent.objects.filter(event_type=EventType.RECORD_CONFLICT, child_uuid=cast.child.uuid).exists()
    assert CareRecord.objects.get(child=cast.child).uasc is True


def test_uasc_status_ceases_by_the_18th_birthday(cast: Cast) -> None:
    record = _in_care(cast)
    born = cast.child.date_of_birth
    assert born is not None
    with pytest.raises(ValidationError, match="18th birthday"):
        services.uasc_record(
            actor=cast.sw,
            child=cast.child,
            uasc=True,
            ceased_on=born.replace(year=born.year + 18) + dt.timedelta(days=1),
            expected_version=record.version,
        )


def test_previous_permanence_follows_rules_630_to_635(cast: Cast) -> None:
    _in_care(cast)
    with pytest.raises(ValidationError, match="authority"):
        services.permanence_before_record(
            actor=cast.sw, child=cast.child, option="P3", la_code="", order_date=D(2020, 1, 1), expected_version=0
        )
    with pytest.raises(ValidationError, match="before this period"):
        services.permanence_before_record(
            actor=cast.sw, child=cast.child, option="P2", la_code="801", order_date=D(2025, 7, 1), expected_version=0
        )
    with pytest.raises(ValidationError, match="leave the authority"):
        services.permanence_before_record(
            actor=cast.sw, child=cast.child, option="Z1", la_code="801", order_date=None, expected_version=0
        )
    found = services.permanence_before_record(
        actor=cast.sw, child=cast.child, option="P2", la_code="wal", order_date=D(2020, 1, 1), expected_version=0
    )
    assert (found.option, found.la_code, found.period_start) == ("P2", "WAL", D(2025, 6, 2))
    with pytest.raises(StaleEdit):  # someone recorded it after this page opened on none
        services.permanence_before_record(
            actor=cast.sw, child=cast.child, option="Z1", la_code="", order_date=None, expected_version=0
        )


def test_yearly_outcomes_follow_the_oc2_rules(cast: Cast) -> None:
    _in_care(cast)  # Tyler is 11 at 31 March 2026
    with pytest.raises(ValidationError, match="10 or over"):
        services.year_outcomes_record(
            actor=cast.sw,
            child=cast.child,
            year=2026,
            convicted=None,
            substance_misuse=False,
            intervention_received=None,
            intervention_offered=None,
            expected_version=0,
        )
    with pytest.raises(ValidationError, match="intervention was received"):
        services.year_outcomes_record(
            actor=cast.sw,
            child=cast.child,
            year=2026,
            convicted=False,
            substance_misuse=True,
            intervention_received=None,
            intervention_offered=None,
            expected_version=0,
        )
    saved = services.year_outcomes_record(
        actor=cast.sw,
        child=cast.child,
        year=2026,
        convicted=False,
        substance_misuse=True,
        intervention_received=True,
        intervention_offered=None,
        expected_version=0,
    )
    assert saved.version == 1
    assert AuditEvent.objects.filter(event_type=EventType.RECORD_CREATED, child_uuid=cast.child.uuid).exists()


def test_liberty_orders_never_overlap_and_end_with_care(cast: Cast) -> None:
    record = _in_care(cast)
    first = services.liberty_order_record(
        actor=cast.sw, child=cast.child, start_date=D(2025, 7, 1), end_date=None, expected_version=0
    )
    with pytest.raises(ValidationError, match="Another order"):
        services.liberty_order_record(
            actor=cast.sw, child=cast.child, start_date=D(2025, 8, 1), end_date=None, expected_version=0
        )
    with pytest.raises(StaleEdit):
        services.liberty_order_record(
            actor=cast.sw, child=cast.child, start_date=D(2025, 7, 1), end_date=None, expected_version=5, order=first
        )
    record.refresh_from_db()
    services.care_end(
        actor=cast.sw, child=cast.child, on=D(2025, 12, 1), end_reason="E4A", expected_version=record.version
    )
    assert LibertyOrder.objects.get(pk=first.pk).end_date == D(2025, 12, 1)


def test_no_liberty_order_in_supported_accommodation(cast: Cast) -> None:
    from safeguard.people import services as people_services

    older = people_services.person_create(
        actor=cast.system, given_name="Ola", family_name="Test", date_of_birth=D(2008, 5, 1), sex="F", ethnicity="WBRI"
    )
    from safeguard.access import services as access_services

    access_services.allocation_set(actor=cast.system, child=older, worker=cast.sw)
    services.care_start(
        actor=cast.sw,
        child=older,
        start_date=D(2025, 6, 2),
        legal_status="V2",
        category_of_need="N1",
        placement=services.Placement(placement_type="K3", placement_provider="PR5", urn="2701234"),
    )
    with pytest.raises(ValidationError, match="K3"):
        services.liberty_order_record(
            actor=cast.sw, child=older, start_date=D(2025, 7, 1), end_date=None, expected_version=0
        )


def test_the_uasc_page_keeps_the_input_when_someone_saved_first(cast: Cast) -> None:
    record = _in_care(cast)
    client = client_for(cast.sw)
    url = reverse("care:uasc", args=[cast.child.uuid])
    assert client.get(url).status_code == 200
    services.uasc_record(actor=cast.sw, child=cast.child, uasc=True, ceased_on=None, expected_version=record.version)
    response = client.post(url, {"uasc": "0", "version": str(record.version)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "saved changes after you opened this page" in page
    assert CareRecord.objects.get(child=cast.child).uasc is True
    fresh = CareRecord.objects.get(child=cast.child).version
    assert client.post(url, {"uasc": "0", "version": str(fresh)}).status_code == 302
    assert CareRecord.objects.get(child=cast.child).uasc is False


def test_the_outcomes_and_liberty_order_pages_save(cast: Cast) -> None:
    _in_care(cast)
    client = client_for(cast.sw)
    url = reverse("care:outcomes", args=[cast.child.uuid, 2026])
    response = client.post(
        url,
        {
            "convicted": "0",
            "substance_misuse": "0",
            "intervention_received": "",
            "intervention_offered": "",
            "version": "0",
        },
    )
    assert response.status_code == 302
    url = reverse("care:liberty_order_new", args=[cast.child.uuid])
    response = client.post(
        url,
        {"start_date_0": "1", "start_date_1": "7", "start_date_2": "2025", "version": "0"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    order = LibertyOrder.objects.get(child=cast.child)
    page = client.get(reverse("care:record", args=[cast.child.uuid])).content.decode()
    assert (
        "Deprivation of liberty order" in page
        and reverse("care:liberty_order", args=[cast.child.uuid, order.uuid]) in page
    )
