"""The audit is append-only and tamper-evident: the app cannot change it, the database
refuses to, and when someone with database access does, verify_audit finds it."""

from __future__ import annotations

import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from safeguard.audit import services as audit
from safeguard.audit.models import AuditEvent, ChainHead, EventType
from safeguard.conftest import Cast


def _raw_update(sql: str, params: list[object]) -> None:
    """Change the table as an attacker with database access would: around the trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")  # a superuser skips triggers
            cursor.execute(sql, params)
            cursor.execute("SET session_replication_role = DEFAULT")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update")
            cursor.execute("DROP TRIGGER audit_event_no_delete")
            cursor.execute(sql, params)


def test_it_links_each_event_to_the_one_before(cast: Cast) -> None:
    events = list(AuditEvent.objects.order_by("sequence"))
    assert len(events) > 10
    assert events[0].prev_hash == "0" * 64
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.content_hash
        assert after.sequence == before.sequence + 1
    assert ChainHead.objects.get().last_hash == events[-1].content_hash


def test_it_verifies_an_untouched_chain(cast: Cast, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("verify_audit", "--no-progress")
    assert "Audit chain intact" in capsys.readouterr().out


def test_it_finds_a_row_changed_in_the_database(cast: Cast) -> None:
    target = AuditEvent.objects.filter(event_type=EventType.ALLOCATED).get()
    _raw_update("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["nothing to see", target.pk])
    with pytest.raises(CommandError) as error:
        call_command("verify_audit", "--no-progress")
    assert f"BROKEN at event {target.sequence}" in str(error.value)
    assert "altered" in str(error.value)


def test_it_finds_a_row_deleted_from_the_middle(cast: Cast) -> None:
    target = AuditEvent.objects.order_by("sequence")[3]
    _raw_update("DELETE FROM audit_auditevent WHERE id = %s", [target.pk])
    with pytest.raises(CommandError) as error:
        call_command("verify_audit", "--no-progress")
    assert f"event {target.sequence} is missing" in str(error.value)


def test_it_finds_rows_removed_from_the_end(cast: Cast) -> None:
    last = AuditEvent.objects.order_by("-sequence").first()
    assert last is not None
    _raw_update("DELETE FROM audit_auditevent WHERE id = %s", [last.pk])
    report = audit.verify_chain()
    assert not report.intact
    assert "later events were removed" in report.problem


def test_it_refuses_changes_through_the_app(cast: Cast) -> None:
    event = AuditEvent.objects.first()
    assert event is not None
    event.reason = "edited"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="edited")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_it_refuses_changes_in_the_database_itself(cast: Cast) -> None:
    event = AuditEvent.objects.first()
    assert event is not None
    for sql in ("UPDATE audit_auditevent SET reason = 'x' WHERE id = %s", "DELETE FROM audit_auditevent WHERE id = %s"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])


def test_it_keeps_the_shape_of_event_data(cast: Cast) -> None:
    with pytest.raises(ValueError, match="old, new and extra"):
        audit.record(actor=cast.sw, event_type=EventType.PERSON_VIEWED, data={"whatever": 1})
