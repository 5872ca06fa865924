"""Changing a carer or setting through its page (audited, versioned, a stale save refused
with what others changed and the user's input kept, no longer used without losing its
placements), and recording a short-break (V4) agreement from the child's care record
(the reg 48 limits in the rules' words)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from safeguard.audit.models import AuditEvent, EventType
from safeguard.care import rules, services
from safeguard.care.models import Carer, Episode, ShortBreakAgreement
from safeguard.conftest import client_for

from .conftest import START, CareCast, foster_placement


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def _carer_form(carer: Carer, **changes: str) -> dict[str, str]:
    data = {
        "name": carer.name,
        "kind": carer.kind,
        "provider": carer.provider,
        "postcode": carer.postcode,
        "urn": carer.urn,
        "active": "on" if carer.active else "",
        "version": str(carer.version),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


# --- Changing a carer or setting ------------------------------------------------------------


def test_it_lists_a_change_link_for_each_carer(care: CareCast) -> None:
    page = client_for(care.cast.sw).get(reverse("care:carers")).content.decode()
    for carer in (care.foster, care.foster2, care.home):
        assert reverse("care:carer_edit", args=[carer.uuid]) in page
    assert 'Change<span class="govuk-visually-hidden"> Lee Morgan</span>' in page


def test_it_changes_a_carer_through_the_page_audited_and_versioned(care: CareCast) -> None:
    client = client_for(care.cast.sw)
    url = reverse("care:carer_edit", args=[care.foster.uuid])
    opened = client.get(url).content.decode()
    assert 'value="Jo and Sam Patel"' in opened and 'value="NB2 3CD"' in opened  # prefilled
    assert 'name="version" value="1"' in opened

    response = client.post(url, _carer_form(care.foster, name="Jo Patel", postcode="nb2 3ce"))
    assert response.status_code == 302, response.content.decode()[:3000]
    carer = Carer.objects.get(pk=care.foster.pk)
    assert (carer.name, carer.postcode, carer.version) == ("Jo Patel", "NB2 3CE", 2)
    event = AuditEvent.objects.filter(event_type=EventType.RECORD_UPDATED, subject_id=str(carer.uuid)).get()
    assert event.actor == care.cast.sw
    assert event.data["old"] == {"name": "Jo and Sam Patel", "postcode": "NB2 3CD"}
    assert event.data["new"] == {"name": "Jo Patel", "postcode": "NB2 3CE"}
    assert event.data["extra"] == {"record": "carer", "version": 2}
    assert "Jo Patel is saved." in client.get(reverse("care:carers")).content.decode()


def test_it_refuses_a_stale_save_saying_what_changed_and_keeps_the_input(care: CareCast) -> None:
    client = client_for(care.cast.sw)
    url = reverse("care:carer_edit", args=[care.foster.uuid])
    opened = _carer_form(care.foster)  # what the page held when the social worker opened it
    services.carer_update(
        actor=care.cast.manager,
        carer=care.foster,
        expected_version=1,
        name="Jo and Sam Patel",
        kind="foster",
        provider="PR1",
        postcode="NB9 9ZZ",
    )
    response = client.post(url, {**opened, "name": "Joanne and Sam Patel"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this carer or setting" in page
    assert care.cast.manager.display_name in page
    assert "Postcode: was “NB2 3CD”, now “NB9 9ZZ”" in page
    assert 'value="Joanne and Sam Patel"' in page  # the user's input kept
    assert 'name="version" value="2"' in page  # saving again is against the version now
    carer = Carer.objects.get(pk=care.foster.pk)
    assert (carer.name, carer.postcode, carer.version) == ("Jo and Sam Patel", "NB9 9ZZ", 2)
    assert AuditEvent.objects.filter(
        event_type=EventType.RECORD_CONFLICT, subject_id=str(carer.uuid), actor=care.cast.sw
    ).exists()

    again = client.post(url, {**opened, "name": "Joanne and Sam Patel", "postcode": "NB9 9ZZ", "version": "2"})
    assert again.status_code == 302
    assert Carer.objects.get(pk=care.foster.pk).name == "Joanne and Sam Patel"


def test_it_refuses_an_invalid_postcode_in_the_rules_words(care: CareCast) -> None:
    client = client_for(care.cast.sw)
    url = reverse("care:carer_edit", args=[care.foster.uuid])
    response = client.post(url, _carer_form(care.foster, postcode="NB2"))
    page = response.content.decode()
    assert response.status_code == 200
    message = rules.postcode_valid("NB2")
    assert message is not None
    assert message in page
    assert 'value="NB2"' in page
    assert Carer.objects.get(pk=care.foster.pk).version == 1


def test_a_carer_no_longer_used_keeps_its_placements(care: CareCast) -> None:
    episode = services.care_start(
        actor=care.cast.sw,
        child=care.cast.child,
        start_date=START,
        legal_status="V2",
        category_of_need="N1",
        placement=foster_placement(care.foster),
    )
    client = client_for(care.cast.sw)
    url = reverse("care:carer_edit", args=[care.foster.uuid])
    form = _carer_form(care.foster)
    del form["active"]
    assert client.post(url, form).status_code == 302
    assert Carer.objects.get(pk=care.foster.pk).active is False
    assert Episode.objects.get(pk=episode.pk).carer_id == care.foster.pk
    assert "Jo and Sam Patel (no longer used)" in client.get(reverse("care:carers")).content.decode()
    record = client.get(reverse("care:record", args=[care.cast.child.uuid])).content.decode()
    assert "Jo and Sam Patel" in record  # the episode still names its carer
    new_agreement = client.get(reverse("care:short_break_agreement_new", args=[care.cast.child.uuid]))
    assert "Jo and Sam Patel" not in new_agreement.content.decode()  # not offered for new ones


def test_only_council_practitioners_change_carers(care: CareCast) -> None:
    url = reverse("care:carer_edit", args=[care.foster.uuid])
    response = client_for(care.cast.police).post(url, _carer_form(care.foster, name="Changed"))
    assert response.status_code == 403
    assert Carer.objects.get(pk=care.foster.pk).name == "Jo and Sam Patel"


# --- Short-break (V4) agreements --------------------------------------------------------------


def _agreement_form(**changes: str) -> dict[str, str]:
    return {
        **_date("start_date", dt.date(2026, 4, 7)),
        "planned_days_per_year": "48",
        "longest_stay_days": "3",
        "visit_interval_agreed": "Every 3 months at the short-break home",
        **changes,
    }


def test_it_records_a_short_break_agreement_shown_on_the_record(care: CareCast) -> None:
    client = client_for(care.cast.sw)
    record_url = reverse("care:record", args=[care.cast.child.uuid])
    new_url = reverse("care:short_break_agreement_new", args=[care.cast.child.uuid])
    before = client.get(record_url).content.decode()
    assert "No short-break agreements." in before and new_url in before

    response = client.post(new_url, _agreement_form(carer=str(care.home.pk)))
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = ShortBreakAgreement.objects.get(child=care.cast.child)
    assert (agreement.start_date, agreement.planned_days_per_year, agreement.longest_stay_days) == (
        dt.date(2026, 4, 7),
        48,
        3,
    )
    assert agreement.carer == care.home and agreement.recorded_by == care.cast.sw
    event = AuditEvent.objects.get(event_type=EventType.RECORD_CREATED, subject_id=str(agreement.uuid))
    assert event.child_uuid == care.cast.child.uuid and event.actor == care.cast.sw
    assert event.data["extra"] == {"record": "short_break_agreement"}

    page = client.get(record_url).content.decode()
    assert "The short-break agreement from 7 April 2026 is recorded." in page
    assert "7 April 2026" in page and "Oakfield House" in page
    assert "Every 3 months at the short-break home" in page


def test_it_refuses_an_agreement_over_the_limits_in_the_rules_words(care: CareCast) -> None:
    client = client_for(care.cast.sw)
    url = reverse("care:short_break_agreement_new", args=[care.cast.child.uuid])
    response = client.post(url, _agreement_form(planned_days_per_year="80", longest_stay_days="18"))
    page = response.content.decode()
    assert response.status_code == 200
    for problem in rules.short_break_agreement_within_limits(80, 18):
        assert problem.message in page
    assert 'value="80"' in page and 'value="18"' in page  # input kept
    assert not ShortBreakAgreement.objects.exists()
    at_the_limits = client.post(url, _agreement_form(planned_days_per_year="75", longest_stay_days="17"))
    assert at_the_limits.status_code == 302


def test_it_asks_for_missing_answers_in_words(care: CareCast) -> None:
    client = client_for(care.cast.sw)
    url = reverse("care:short_break_agreement_new", args=[care.cast.child.uuid])
    page = client.post(url, {"planned_days_per_year": "lots"}).content.decode()
    assert "Enter the date the agreement starts." in page
    assert "Enter the planned days a year as a whole number, like 40." in page
    assert "Enter the longest single stay in days." in page
    assert not ShortBreakAgreement.objects.exists()


def test_those_who_may_not_record_care_cannot_add_an_agreement(care: CareCast) -> None:
    url = reverse("care:short_break_agreement_new", args=[care.cast.child.uuid])
    response = client_for(care.cast.sw_other).post(url, _agreement_form())
    assert response.status_code == 403
    assert not ShortBreakAgreement.objects.exists()
