"""Episodes through the services: starting care, every change kind in one action, the
rules refused at save in the practitioner's words, ending care, stale saves, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from safeguard.audit.models import AuditEvent, EventType
from safeguard.care import rules, selectors, services
from safeguard.care.models import CareRecord, Episode
from safeguard.lib.errors import AccessDenied, InvalidTransition, StaleEdit

from .conftest import START, CareCast, foster_placement

D = dt.date


def start(care: CareCast, **kw: object) -> Episode:
    c = care.cast
    args = {
        "actor": c.sw,
        "child": c.child,
        "start_date": START,
        "legal_status": "V2",
        "category_of_need": "N1",
        "placement": foster_placement(care.foster),
        "home_postcode": "NB1 1AA",
        "iro": care.iro,
    }
    args.update(kw)
    return services.care_start(**args)  # type: ignore[arg-type]


def test_it_starts_care_with_an_s_episode_and_stores_the_duties(care: CareCast) -> None:
    episode = start(care)
    assert episode.reason_new_episode == "S" and episode.is_open
    record = CareRecord.objects.get(child=care.cast.child)
    assert record.in_care and record.period_start == START and record.iro == care.iro
    assert record.next_review_due == rules.first_review_due(START)
    assert record.next_visit_due == START + dt.timedelta(days=7)
    events = AuditEvent.objects.filter(event_type=EventType.CARE_EPISODE_RECORDED, child_uuid=care.cast.child.uuid)
    assert events.count() == 1


def test_it_lets_the_iro_open_the_record(care: CareCast) -> None:
    from safeguard.access import policy

    assert not policy.can_view_child(care.iro, care.cast.child)
    start(care)
    assert policy.can_view_child(care.iro, care.cast.child)


def test_it_refuses_a_section_20_placement_with_parents_in_words(care: CareCast) -> None:
    with pytest.raises(ValidationError) as exc:
        start(care, placement=services.Placement(placement_type="P1", placement_provider="PR0"))
    assert "section 20" in str(exc.value.message_dict["placement_type"])
    assert not Episode.objects.exists()


def test_it_refuses_codes_outside_their_year(care: CareCast) -> None:
    with pytest.raises(ValidationError) as exc:
        start(care, start_date=D(2025, 6, 2), placement=services.Placement(placement_type="Z1"))
    assert "2025-26" in str(exc.value.message_dict["placement_type"])


def test_it_refuses_a_second_start_while_in_care(care: CareCast) -> None:
    start(care)
    with pytest.raises(InvalidTransition):
        start(care, start_date=D(2025, 7, 1))


def test_it_refuses_partners_and_other_teams(care: CareCast) -> None:
    for user in (care.cast.health, care.cast.sw_other, care.cast.police):
        with pytest.raises(AccessDenied):
            start(care, actor=user)


@pytest.mark.parametrize(
    ("kind", "legal", "new_placement", "reason"),
    [
        ("L", "C1", False, ""),
        ("P", None, "other_carer", "CARPL"),
        ("T", None, "same_carer", "PLACE"),
        ("U", "C1", "same_carer", "CARPL"),
        ("B", "C1", "other_carer", "CREQB"),
    ],
)
def test_it_records_every_change_kind_in_one_action(
    care: CareCast, kind: str, legal: str | None, new_placement: str | bool, reason: str
) -> None:
    first = start(care)
    placement = None
    if new_placement == "other_carer":
        placement = foster_placement(care.foster2, "NB4 5EF")
    elif new_placement == "same_carer":
        placement = foster_placement(care.foster, "NB9 9ZZ")
    on = D(2025, 9, 1)
    new = services.episode_change(
        actor=care.cast.sw,
        child=care.cast.child,
        on=on,
        kind=kind,
        expected_version=first.version,
        legal_status=legal,
        placement=placement,
        placement_change_reason=reason,
    )
    first.refresh_from_db()
    assert first.end_date == on and first.end_reason == "X1"
    assert first.placement_change_reason == reason
    assert new.start_date == on and new.reason_new_episode == kind and new.is_open
    assert new.category_of_need == first.category_of_need
    history = selectors.episodes_for(care.cast.child)
    assert rules.check_history(history, dob=care.cast.child.date_of_birth) == []


def test_it_refuses_a_change_that_does_not_match_what_changed(care: CareCast) -> None:
    first = start(care)
    with pytest.raises(ValidationError) as exc:
        services.episode_change(
            actor=care.cast.sw,
            child=care.cast.child,
            on=D(2025, 9, 1),
            kind="T",
            expected_version=first.version,
            placement=foster_placement(care.foster2, "NB4 5EF"),
            placement_change_reason="CARPL",
        )
    assert "carer has changed" in str(exc.value.message_dict["reason_new_episode"])
    first.refresh_from_db()
    assert first.is_open  # nothing saved: one transaction


def test_it_asks_why_a_placement_changed(care: CareCast) -> None:
    first = start(care)
    with pytest.raises(ValidationError) as exc:
        services.episode_change(
            actor=care.cast.sw,
            child=care.cast.child,
            on=D(2025, 9, 1),
            kind="P",
            expected_version=first.version,
            placement=foster_placement(care.foster2, "NB4 5EF"),
        )
    assert "placement_change_reason" in exc.value.message_dict


def test_it_refuses_a_stale_change_and_records_the_conflict(care: CareCast) -> None:
    first = start(care)
    services.episode_change(
        actor=care.cast.sw, child=care.cast.child, on=D(2025, 9, 1), kind="L", expected_version=1, legal_status="C1"
    )
    with pytest.raises(StaleEdit):
        services.episode_change(
            actor=care.cast.manager,
            child=care.cast.child,
            on=D(2025, 9, 2),
            kind="L",
            expected_version=first.version,
            legal_status="C2",
        )
    assert AuditEvent.objects.filter(event_type=EventType.RECORD_CONFLICT).count() == 1


def test_it_ends_care_and_clears_the_duties(care: CareCast) -> None:
    first = start(care)
    services.care_end(
        actor=care.cast.sw, child=care.cast.child, on=D(2025, 12, 1), end_reason="E4A", expected_version=first.version
    )
    record = CareRecord.objects.get(child=care.cast.child)
    assert not record.in_care and record.period_end == D(2025, 12, 1)
    assert record.next_review_due is None and record.next_visit_due is None
    with pytest.raises(ValidationError):
        services.care_end(
            actor=care.cast.sw, child=care.cast.child, on=D(2025, 12, 1), end_reason="X1", expected_version=2
        )


def test_it_refuses_an_sgo_to_foster_carers_from_a_childrens_home(care: CareCast) -> None:
    first = start(
        care,
        placement=services.Placement(placement_type="K2", placement_provider="PR4", urn="SC123456", carer=care.home),
    )
    with pytest.raises(ValidationError) as exc:
        services.care_end(
            actor=care.cast.sw,
            child=care.cast.child,
            on=D(2025, 12, 1),
            end_reason="E45",
            expected_version=first.version,
        )
    assert "foster" in str(exc.value.message_dict["end_reason"])


def test_it_starts_a_second_period_after_the_first_ended(care: CareCast) -> None:
    first = start(care)
    services.care_end(
        actor=care.cast.sw, child=care.cast.child, on=D(2025, 12, 1), end_reason="E4A", expected_version=first.version
    )
    with pytest.raises(ValidationError):
        start(care, start_date=D(2025, 11, 1))
    again = start(care, start_date=D(2026, 2, 2))
    assert again.reason_new_episode == "S"
    assert CareRecord.objects.get(child=care.cast.child).period_start == D(2026, 2, 2)


def test_it_closes_open_missing_periods_when_the_placement_ends(
    care: CareCast, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, object]] = []

    def fake_close(**kwargs: object) -> int:
        calls.append(kwargs)
        return 1

    import safeguard.missing.services as missing_services

    monkeypatch.setattr(missing_services, "close_open_episodes", fake_close)
    first = start(care)
    services.episode_change(
        actor=care.cast.sw, child=care.cast.child, on=D(2025, 9, 1), kind="L", expected_version=1, legal_status="C1"
    )
    assert calls == []  # legal status only: the placement goes on
    services.episode_change(
        actor=care.cast.sw,
        child=care.cast.child,
        on=D(2025, 10, 1),
        kind="P",
        expected_version=2,
        placement=foster_placement(care.foster2, "NB4 5EF"),
        placement_change_reason="CARPL",
    )
    assert len(calls) == 1 and calls[0]["child"] == care.cast.child
    assert first.pk


def test_it_corrects_a_mistyped_postcode_and_rechecks(care: CareCast) -> None:
    first = start(care)
    fixed = services.episode_correct(
        actor=care.cast.sw, episode=first, expected_version=1, reason="typo", placement_postcode="NB2 3CE"
    )
    assert fixed.placement_postcode == "NB2 3CE" and fixed.version == 2
    with pytest.raises(ValidationError):
        services.episode_correct(
            actor=care.cast.sw, episode=fixed, expected_version=2, reason="typo", placement_postcode="NOPE"
        )


def test_it_limits_short_break_agreements(care: CareCast) -> None:
    with pytest.raises(ValidationError):
        services.short_break_agreement_record(
            actor=care.cast.sw, child=care.cast.child, start_date=START, planned_days_per_year=80, longest_stay_days=7
        )
    agreement = services.short_break_agreement_record(
        actor=care.cast.sw, child=care.cast.child, start_date=START, planned_days_per_year=40, longest_stay_days=7
    )
    assert agreement.pk


def test_it_records_short_break_stays_and_skips_visit_dates(care: CareCast) -> None:
    stay = start(
        care,
        legal_status="V3",
        placement=services.Placement(placement_type="K2", placement_provider="PR1", urn="SC1", carer=care.home),
    )
    assert CareRecord.objects.get(child=care.cast.child).next_visit_due is None
    with pytest.raises(ValidationError):
        services.care_end(
            actor=care.cast.sw,
            child=care.cast.child,
            on=START + dt.timedelta(days=18),
            end_reason="E8",
            expected_version=stay.version,
        )
    assert services.short_breaks_check(care.cast.child, START + dt.timedelta(days=10)) is None
