from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from safeguard.audit.models import AuditEvent, EventType
from safeguard.audit.services import verify_chain
from safeguard.people.models import Person

from .support import fast_passwords


def _seed(*extra: str) -> str:
    out = StringIO()
    call_command("seed_demo", "--children", "60", "--seed", "3", *extra, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
@fast_passwords
def test_it_seeds_and_audits_the_whole_load_as_one_event() -> None:
    output = _seed()
    assert "60 children" in output
    events = list(AuditEvent.objects.filter(event_type=EventType.DEMO_SEEDED))
    assert len(events) == 1
    extra = events[0].data["extra"]
    assert extra["children"] == 60 and extra["seed"] == 3
    assert extra["near_duplicates"] >= 1 and extra["involvements"]["allocated"] >= 1
    assert events[0].actor_username == "system"
    report = verify_chain()
    assert report.intact, report.problem


@pytest.mark.django_db
@fast_passwords
def test_it_does_not_seed_twice_with_if_empty() -> None:
    _seed("--if-empty")
    people = Person.objects.count()
    output = _seed("--if-empty")
    assert "nothing seeded" in output
    assert Person.objects.count() == people
    assert AuditEvent.objects.filter(event_type=EventType.DEMO_SEEDED).count() == 1


@pytest.mark.django_db
@fast_passwords
def test_it_refuses_to_seed_over_existing_people() -> None:
    _seed()
    with pytest.raises(CommandError, match="already holds people"):
        _seed()


@pytest.mark.django_db
def test_it_refuses_in_production(settings) -> None:  # type: ignore[no-untyped-def]
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        _seed("--if-empty")
    assert not Person.objects.exists()


@pytest.mark.django_db
@fast_passwords
def test_it_prints_the_demo_logins() -> None:
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "no demo users" in out.getvalue()
    _seed()
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    for username in ("hos", "tm.assessment", "sw.assessment1", "police.pc", "health.visitor", "school.dsl", "ig"):
        assert f"  {username} " in text
    assert "Northbrook-demo-2026" in text
    assert "allocated children" in text
