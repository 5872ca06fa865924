"""Rule 11: an inspector reads the sampled children's records while their access window is
open, never changes them, and sees nothing else, ever."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safeguard.access import policy
from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast, client_for
from safeguard.inspection import services
from safeguard.people.models import Person

from .support import inspection, inspector, open_access


def test_an_inspector_reads_only_the_sampled_children_while_access_is_open(cast: Cast) -> None:
    ida = inspector(cast)
    visit = inspection(cast)
    services.sample_add(actor=cast.hos, inspection=visit, child=cast.child)
    assert not policy.can_view_child(ida, cast.child), "no access window yet"
    access = open_access(cast, ida, visit)
    decision = policy.can_view_child(ida, cast.child)
    assert decision and decision.basis == "inspection" and "read-only" in decision.reason
    assert not policy.can_view_child(ida, cast.stranger)
    assert not policy.can_edit_child(ida, cast.child)
    assert not policy.can_work_on_case(ida, cast.child)
    assert set(Person.objects.filter(policy.visible_children_q(ida)).values_list("pk", flat=True)) == {cast.child.pk}
    services.access_end(actor=cast.hos, access=access)
    assert not policy.can_view_child(ida, cast.child)
    assert not Person.objects.filter(policy.visible_children_q(ida)).exists()


def test_access_closes_by_itself(cast: Cast) -> None:
    ida = inspector(cast)
    visit = inspection(cast)
    services.sample_add(actor=cast.hos, inspection=visit, child=cast.child)
    access = open_access(cast, ida, visit)
    access.ends_at = timezone.now() - dt.timedelta(seconds=1)
    access.save(update_fields=["ends_at"])
    assert not policy.can_view_child(ida, cast.child)


def test_every_record_an_inspector_opens_is_audited_and_the_rest_are_not_found(cast: Cast) -> None:
    ida = inspector(cast)
    visit = inspection(cast)
    services.sample_add(actor=cast.hos, inspection=visit, child=cast.child)
    open_access(cast, ida, visit)
    client = client_for(ida)
    assert client.get(f"/people/{cast.child.uuid}/").status_code == 200
    assert AuditEvent.objects.filter(actor=ida, event_type=EventType.PERSON_VIEWED, child_uuid=cast.child.uuid).exists()
    assert client.get(f"/people/{cast.stranger.uuid}/").status_code == 404
    assert client.get(f"/people/{cast.child.uuid}/edit/").status_code == 403
    assert client.get("/people/search/?q=Brooks").status_code == 403
    home = client.get("/").content.decode()
    assert cast.child.full_name in home and cast.stranger.full_name not in home


def test_only_a_head_of_service_manages_the_sample_and_access(cast: Cast) -> None:
    from safeguard.lib.errors import AccessDenied

    ida = inspector(cast)
    visit = inspection(cast)
    for who in (cast.manager, cast.sw, cast.analyst, ida):
        with pytest.raises(AccessDenied):
            services.sample_add(actor=who, inspection=visit, child=cast.child)
    with pytest.raises(AccessDenied):
        services.access_grant(
            actor=cast.manager, inspection=visit, inspector=ida, starts_at=timezone.now(), ends_at=timezone.now()
        )


def test_access_rules_are_explained(cast: Cast) -> None:
    ida = inspector(cast)
    visit = inspection(cast)
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        services.access_grant(actor=cast.hos, inspection=visit, inspector=cast.sw, starts_at=now, ends_at=now)
    assert "inspector" in error.value.message_dict and "ends_at" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.access_grant(
            actor=cast.hos, inspection=visit, inspector=ida, starts_at=now, ends_at=now + dt.timedelta(days=40)
        )
    assert "at most 21 days" in error.value.message_dict["ends_at"][0]
    services.sample_add(actor=cast.hos, inspection=visit, child=cast.child)
    with pytest.raises(ValidationError) as error:
        services.sample_add(actor=cast.hos, inspection=visit, child=cast.child)
    assert "already in the sample" in error.value.message_dict["child"][0]
    with pytest.raises(ValidationError):
        services.sample_add(actor=cast.hos, inspection=visit, child=cast.mother)


def test_graded_inspections_need_an_overall_judgement_and_visits_none(cast: Cast) -> None:
    day = dt.date(2025, 3, 10)
    with pytest.raises(ValidationError) as error:
        services.inspection_record(
            actor=cast.hos, kind="standard", fieldwork_start=day, fieldwork_end=day, judgements={"in_care": 2}
        )
    assert "overall" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.inspection_record(
            actor=cast.hos, kind="standard", fieldwork_start=day, fieldwork_end=day, judgements={}, published_on=day
        )
    assert "published" in error.value.message_dict["overall"][0]
    under_way = services.inspection_record(
        actor=cast.hos, kind="short", fieldwork_start=day, fieldwork_end=day, judgements={}
    )
    assert not under_way.judgements.exists()
    with pytest.raises(ValidationError) as error:
        services.inspection_record(
            actor=cast.hos, kind="monitoring", fieldwork_start=day, fieldwork_end=day, judgements={"overall": 3}
        )
    assert "letter" in error.value.message_dict["overall"][0]
    with pytest.raises(ValidationError) as error:
        services.inspection_record(
            actor=cast.hos,
            kind="standard",
            fieldwork_start=day,
            fieldwork_end=day - dt.timedelta(days=1),
            judgements={"overall": 2},
        )
    assert "fieldwork_end" in error.value.message_dict
    done = services.inspection_record(
        actor=cast.hos, kind="standard", fieldwork_start=day, fieldwork_end=day, judgements={"overall": 2, "in_care": 3}
    )
    assert {j.area: j.grade for j in done.judgements.all()} == {"overall": 2, "in_care": 3}


def test_inspectors_come_from_an_inspectorate(cast: Cast) -> None:
    from safeguard.accounts import services as account_services

    with pytest.raises(ValidationError) as error:
        account_services.user_create(
            actor=cast.admin,
            username="notofsted",
            first_name="N",
            last_name="O",
            email="",
            role="inspector",
            agency=cast.police_force,
        )
    assert "inspectorate" in error.value.message_dict["role"][0]
