"""A referral closed with no further action by a manager (the census's ReferralNFA) and
emergency protection (police protection, emergency protection orders, child assessment
orders) recorded on the child's casework: the rules, the pages, the audit trail and the
chronology."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from safeguard.access import policy
from safeguard.access.models import InvolvementKind
from safeguard.audit.models import AuditEvent, EventType
from safeguard.casework import chronology, rules, services
from safeguard.casework.models import EmergencyProtection
from safeguard.conftest import Cast, client_for
from safeguard.frontdoor import services as frontdoor
from safeguard.frontdoor.models import Referral
from safeguard.frontdoor.tests.support import contact_input
from safeguard.lib.errors import InvalidTransition

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def _referral(cast: Cast) -> Referral:
    received = timezone.now() - dt.timedelta(days=3)
    contact, _ = frontdoor.contact_submit(actor=cast.police, data=contact_input(), received_at=received)
    contact = frontdoor.contact_match(
        actor=cast.hos, contact=contact, person=cast.child, expected_version=contact.version
    )
    frontdoor.contact_decide(
        actor=cast.hos,
        contact=contact,
        decision="referral",
        rationale="Threshold met",
        expected_version=contact.version,
        team=cast.assessment,
    )
    return Referral.objects.get(contact=contact)


def _entries(cast: Cast, kind: str) -> list[str]:
    shown = chronology.assemble(
        cast.sw, cast.child, policy.can_view_child(cast.sw, cast.child), chronology.ChronologyFilter()
    )
    return sorted(e.title for e in shown.entries if e.kind == kind)


# --- Rules ----------------------------------------------------------------------------------------


def test_a_referral_closes_with_no_further_action_only_when_nothing_followed_it() -> None:
    assert rules.referral_nfa_allowed(has_assessment=False, has_strategy_discussion=False)
    assert not rules.referral_nfa_allowed(has_assessment=True, has_strategy_discussion=False)
    assert not rules.referral_nfa_allowed(has_assessment=False, has_strategy_discussion=True)


def test_emergency_powers_last_no_longer_than_the_children_act_allows() -> None:
    start = dt.date(2026, 3, 2)
    assert rules.emergency_protection_latest_end("police", start) == dt.date(2026, 3, 5)  # 72 hours
    assert rules.emergency_protection_latest_end("epo", start) == dt.date(2026, 3, 17)  # 8 days, then 7 more
    assert rules.emergency_protection_latest_end("cao", start) == dt.date(2026, 3, 9)  # 7 days
    # In force during a period: recorded dates, or the statutory longest when no end is recorded.
    assert rules.emergency_protection_in_force_between(start, None, "police", dt.date(2026, 3, 5), dt.date(2026, 9, 1))
    assert not rules.emergency_protection_in_force_between(
        start, None, "police", dt.date(2026, 3, 6), dt.date(2026, 9, 1)
    )
    assert not rules.emergency_protection_in_force_between(
        start, dt.date(2026, 3, 3), "epo", dt.date(2026, 3, 4), dt.date(2026, 9, 1)
    )


# --- Referral closed with no further action ----------------------------------------------------------


def test_a_manager_closes_a_referral_with_no_further_action(cast: Cast) -> None:
    referral = _referral(cast)
    child_url = reverse("people:child", args=[cast.child.uuid])
    url = reverse("casework:referral_nfa", args=[cast.child.uuid, referral.uuid])
    manager = client_for(cast.manager)
    assert "close it with no further action" in manager.get(child_url).content.decode()
    assert "close it with no further action" not in client_for(cast.sw).get(child_url).content.decode()
    # A social worker is refused; the manager sees the form.
    assert client_for(cast.sw).get(url).status_code == 403
    assert manager.get(url).status_code == 200

    bad = manager.post(
        url, {"reason": "", "version": referral.version, **_date("closed_on", referral.referral_date - dt.timedelta(1))}
    )
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "Say why no further action is needed." in text

    today = timezone.localdate()
    response = manager.post(
        url, {"reason": "Needs met by the school.", "version": referral.version, **_date("closed_on", today)}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.nfa_on, referral.nfa_by, referral.version) == (today, cast.manager, 2)
    # No other work: the case ends; the referral no longer waits for an assessment.
    assert not cast.child.involvements.filter(kind=InvolvementKind.OPEN_WORK, ended_at__isnull=True).exists()
    page = manager.get(child_url).content.decode()
    assert "Referrals closed with no further action" in page
    assert "Referrals waiting for an assessment" not in page
    event = AuditEvent.objects.get(event_type=EventType.RECORD_UPDATED, subject_id=str(referral.uuid))
    assert event.data["extra"]["record"] == "referral closed with no further action"
    assert _entries(cast, "referral") == ["Referral closed with no further action", "Referral to Assessment Team North"]
    # Once closed, it cannot be closed again.
    again = manager.get(url)
    assert again.status_code == 302


def test_a_referral_that_went_on_to_an_assessment_cannot_close_with_no_further_action(cast: Cast) -> None:
    referral = _referral(cast)
    services.assessment_start(
        actor=cast.sw, child=cast.child, team=cast.assessment, started_on=timezone.localdate(), referral=referral
    )
    with pytest.raises(InvalidTransition, match="went on to an assessment"):
        services.referral_nfa_close(
            actor=cast.manager,
            referral=referral,
            closed_on=timezone.localdate(),
            reason="Not needed",
            expected_version=referral.version,
        )


def test_a_stale_no_further_action_is_refused_and_keeps_the_input(cast: Cast) -> None:
    referral = _referral(cast)
    Referral.objects.filter(pk=referral.pk).update(version=2)
    response = client_for(cast.manager).post(
        reverse("casework:referral_nfa", args=[cast.child.uuid, referral.uuid]),
        {"reason": "My reasons, kept.", "version": 1, **_date("closed_on", timezone.localdate())},
    )
    assert response.status_code == 200
    assert "My reasons, kept." in response.content.decode()
    referral.refresh_from_db()
    assert referral.nfa_on is None
    assert AuditEvent.objects.filter(event_type=EventType.CASEWORK_CONFLICT, actor=cast.manager).exists()


# --- Emergency protection ------------------------------------------------------------------------------


def test_a_worker_records_police_protection_and_when_it_ended(cast: Cast) -> None:
    sw = client_for(cast.sw)
    start = timezone.localdate() - dt.timedelta(days=10)
    new = reverse("casework:protection_new", args=[cast.child.uuid])
    assert sw.get(new).status_code == 200
    too_long = sw.post(
        new,
        {
            "kind": "police",
            "authority": "PC Patel",
            **_date("started_on", start),
            **_date("ended_on", start + dt.timedelta(days=5)),
        },
    )
    assert too_long.status_code == 200
    assert "Police protection (section 46) cannot last that long" in too_long.content.decode()

    response = sw.post(
        new, {"kind": "police", "authority": "PC Patel, designated officer Insp. Dunn", **_date("started_on", start)}
    )
    assert response.status_code == 302
    record = EmergencyProtection.objects.get()
    assert (record.kind, record.started_on, record.ended_on, record.recorded_by) == ("police", start, None, cast.sw)
    page = sw.get(reverse("people:child", args=[cast.child.uuid])).content.decode()
    assert "Police protection (section 46)" in page and "In force" in page
    created = AuditEvent.objects.get(event_type=EventType.RECORD_CREATED, subject_id=str(record.uuid))
    assert created.data["extra"]["record"] == "emergency protection"

    edit = reverse("casework:protection_edit", args=[cast.child.uuid, record.uuid])
    assert sw.get(edit).status_code == 200
    saved = sw.post(
        edit,
        {
            "kind": "police",
            "authority": record.authority,
            "version": record.version,
            **_date("started_on", start),
            **_date("ended_on", start + dt.timedelta(days=2)),
        },
    )
    assert saved.status_code == 302
    record.refresh_from_db()
    assert (record.ended_on, record.version) == (start + dt.timedelta(days=2), 2)
    assert _entries(cast, "emergency_protection") == [
        "Police protection (section 46) ended",
        "Police protection (section 46) started",
    ]
    # Partners do not see it on the chronology.
    shown = chronology.assemble(
        cast.police, cast.child, policy.can_view_child(cast.police, cast.child), chronology.ChronologyFilter()
    )
    assert not [e for e in shown.entries if e.kind == "emergency_protection"]


def test_a_stale_change_to_emergency_protection_says_what_changed_and_keeps_the_input(cast: Cast) -> None:
    start = timezone.localdate() - dt.timedelta(days=20)
    record = services.emergency_protection_record(
        actor=cast.sw, child=cast.child, kind="epo", started_on=start, authority="Family Court at Bristol"
    )
    services.emergency_protection_update(
        actor=cast.manager, protection=record, expected_version=1, ended_on=start + dt.timedelta(days=8)
    )
    response = client_for(cast.sw).post(
        reverse("casework:protection_edit", args=[cast.child.uuid, record.uuid]),
        {
            "kind": "epo",
            "authority": "My court, kept",
            "version": 1,
            **_date("started_on", start),
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Mina Hart saved" in text or "saved changes after you opened this page" in text
    assert "Ended" in text and "My court, kept" in text
    record.refresh_from_db()
    assert record.authority == "Family Court at Bristol"
    assert AuditEvent.objects.filter(event_type=EventType.RECORD_CONFLICT, actor=cast.sw).exists()


def test_emergency_protection_cannot_start_in_the_future_or_without_its_authority(cast: Cast) -> None:
    with pytest.raises(ValidationError) as caught:
        services.emergency_protection_record(
            actor=cast.sw,
            child=cast.child,
            kind="cao",
            started_on=timezone.localdate() + dt.timedelta(days=1),
            authority=" ",
        )
    assert set(caught.value.message_dict) == {"started_on", "authority"}
