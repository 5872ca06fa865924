"""`manage.py match_file LIST.csv --id ID --out matches.csv`: a list matched against the
register by the system account, audited as one export."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from safeguard.accounts.services import system_user
from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast
from safeguard.people import services
from safeguard.people.models import Person

LIST = (
    "Pupil ID,Legal Forename,Surname,DOB,Sex,Postcode,Year group\n"
    "P1,Ellie,SMITH JONES,03/04/2011,F,nb1 2ab,9\n"
    "P2,Tyler,Brookes,17.05.2014,M,,6\n"
    "P3,Nobody,Known,01/01/2010,M,,8\n"
    "P4,Bob,Okafor,,,,10,stray\n"
    "P5,Ella,Marsh,2012-09-02,F,,7\n"
)


@pytest.fixture
def register(cast: Cast) -> dict[str, Person]:
    eleanor = services.person_create(
        actor=cast.system, given_name="Eleanor", family_name="Smith-Jones", date_of_birth=dt.date(2011, 3, 4), sex="F"
    )
    services.address_add(actor=cast.system, person=eleanor, line1="12 Oak Road", postcode="NB1 2AB")
    return {"eleanor": eleanor}


def _run(tmp_path: Path, *extra: str) -> tuple[str, list[dict[str, str]]]:
    source, out = tmp_path / "roll.csv", tmp_path / "matches.csv"
    source.write_text(LIST, encoding="utf-8")
    stdout = io.StringIO()
    call_command(
        "match_file", str(source), "--id", "pupil id", "--out", str(out), *extra, stdout=stdout, stderr=io.StringIO()
    )
    with out.open(newline="") as f:
        return stdout.getvalue(), list(csv.DictReader(f))


def test_it_matches_a_list_against_the_register(cast: Cast, register: dict[str, Person], tmp_path: Path) -> None:
    stdout, rows = _run(tmp_path, "--map", "legal forename=given_name")
    by_id = {r["list_id"]: r for r in rows}
    assert sorted(by_id) == ["P1", "P2", "P5"]
    assert by_id["P1"]["person_id"] == str(register["eleanor"].uuid)
    assert by_id["P1"]["local_id"] == register["eleanor"].la_id
    assert by_id["P1"]["confident"] == "yes" and by_id["P1"]["agreed"] == "sex postcode"
    assert "day and month swapped" in by_id["P1"]["notes"]
    assert by_id["P2"]["person_id"] == str(cast.child.uuid)
    assert by_id["P5"]["person_id"] == str(cast.stranger.uuid)
    assert "roll.csv: 5 rows, 4 read, 1 skipped." in stdout
    assert "line 5 skipped: has 8 values but the header has 7" in stdout
    assert "columns not used: Year group." in stdout
    assert "Matched 3 of 4 rows against 4 people on the register; wrote 3 matches" in stdout


def test_it_writes_one_audited_export_as_the_system_account(
    cast: Cast, register: dict[str, Person], tmp_path: Path
) -> None:
    before = AuditEvent.objects.count()
    _run(tmp_path, "--map", "legal forename=given_name")
    events = list(AuditEvent.objects.order_by("sequence"))[before:]
    assert [(e.event_type, e.actor_id) for e in events] == [(EventType.EXPORT, system_user().pk)]
    extra = events[0].data["extra"]
    assert extra["command"] == "match_file" and extra["list"].endswith("roll.csv")
    assert (extra["rows_read"], extra["rows_skipped"], extra["rows_matched"], extra["matches_written"]) == (4, 1, 3, 3)


def test_it_writes_unmatched_rows_and_more_candidates_when_asked(
    cast: Cast, register: dict[str, Person], tmp_path: Path
) -> None:
    _, rows = _run(tmp_path, "--map", "legal forename=given_name", "--unmatched", "--limit", "3", "--threshold", "0")
    assert {r["list_id"] for r in rows} == {"P1", "P2", "P3", "P5"}
    ranks = [r["rank"] for r in rows if r["list_id"] == "P2"]
    assert ranks[0] == "1" and len(ranks) <= 3


def test_it_refuses_a_list_without_the_id_column(cast: Cast, tmp_path: Path) -> None:
    source = tmp_path / "roll.csv"
    source.write_text("upn,surname\nX,Lee\n")
    with pytest.raises(CommandError, match=r"has no column 'pupil' \(--id\)\. Its columns are: upn, surname\."):
        call_command("match_file", str(source), "--id", "pupil", "--out", str(tmp_path / "o.csv"))
    assert not AuditEvent.objects.filter(event_type=EventType.EXPORT).exists()
