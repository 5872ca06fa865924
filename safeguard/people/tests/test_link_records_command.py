"""`manage.py link_records LEFT.csv RIGHT.csv --id ID --out pairs.csv` on messy files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

LEFT = (
    "ID,Forename,Surname,DOB,Gender,Address 1,Town,Post Code,NHS No,Notes\n"
    "L1,Eleanor,Smith-Jones,04/03/2011,F,12 Oak Road,Northbrook,NB1 2AB,,\n"
    "L2, tyler ,BROOKES,2014-05-17,m,,,,943 476 5919,phoned in\n"
    "L3,Robert,Okafor,20090102,Male,3 Elm Close,Millbridge,nb3 4cd,,\n"
    "\n"
    "L4,Amara,Mensah,31/02/2012,F,,,,,\n"
    "L5,Jack,Walker,1 Jun 2015,M,,,NB9 9ZZ,,,,stray cells\n"
    'L6,"Grace,Hall,2013-01-01,F,,,,,\n'
    "L7,Oliver,Nowak,2016-07-08,M,,,,,\n"
    "L8,Isla,Nowak,2016-07-08,F,,,,,\n"
)
RIGHT = (
    "pupil_ref;FIRST_NAME;last name;date_of_birth;sex;postcode;nhs\n"
    "R1;Ellie;SMITH;03/04/2011;F;NB12AB;\n"
    "R2;Tyler;Brookes;;;;9434765919\n"
    "R3;Bob;Okafor;2 Jan 2009;M;;\n"
    "R4;Olly;Nowak;08/07/2016;M;;\n"
    "R5;Harvey;Nowak;08/07/2016;M;;\n"
    "R6;Amara;Mensah;2012-02-13;F;;\n"
)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    left, right = tmp_path / "left.csv", tmp_path / "right.csv"
    left.write_text(LEFT, encoding="utf-8")
    right.write_text(RIGHT, encoding="utf-8")
    return left, right, tmp_path / "pairs.csv"


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("link_records", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _pairs(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


def test_it_links_two_messy_lists_and_writes_which_fields_agreed(files: tuple[Path, Path, Path]) -> None:
    left, right, out = files
    stdout, stderr = _run(str(left), str(right), "--id", "id", "--right-id", "Pupil_Ref", "--out", str(out))
    rows = _pairs(out)
    assert [(r["left_id"], r["right_id"]) for r in rows] == [("L1", "R1"), ("L2", "R2"), ("L3", "R3"), ("L7", "R4")]
    assert list(rows[0])[:5] == ["left_id", "right_id", "score", "exact", "agreed"]
    eleanor = rows[0]
    assert float(eleanor["score"]) >= 95
    assert eleanor["agreed"] == "sex postcode"
    assert (eleanor["given_name"], eleanor["family_name"], eleanor["date_of_birth"]) == ("partial",) * 3
    assert "Ellie is a short form of Eleanor" in eleanor["notes"]
    assert "day and month swapped" in eleanor["notes"]
    assert rows[1]["exact"] == "yes" and rows[1]["score"] == "100.0"
    assert "Progress" not in stdout and "Linking" in stderr  # the progress bar goes to stderr
    assert "left.csv: 8 rows, 6 read, 2 skipped." in stdout
    assert "line 7 skipped: has 12 values but the header has 10" in stdout
    assert "line 8 skipped: a quotation mark is not closed" in stdout
    assert "line 6 read with a value left out: date of birth: '31/02/2012' is not a real date" in stdout
    assert "columns not used: Notes." in stdout
    assert "Wrote 4 pairs scoring 50 or more" in stdout


def test_it_never_pairs_twins(files: tuple[Path, Path, Path]) -> None:
    left, right, out = files
    _run(str(left), str(right), "--id", "id", "--right-id", "pupil_ref", "--out", str(out), "--all-pairs")
    pairs = {(r["left_id"], r["right_id"]) for r in _pairs(out)}
    assert ("L8", "R4") not in pairs and ("L7", "R5") not in pairs


def test_it_changes_the_cut_off_with_threshold(files: tuple[Path, Path, Path]) -> None:
    left, right, out = files
    _run(str(left), str(right), "--id", "id", "--right-id", "pupil_ref", "--out", str(out), "--threshold", "0")
    low = {(r["left_id"], r["right_id"]) for r in _pairs(out)}
    assert ("L4", "R6") in low  # Amara: same name, but her date of birth could not be read
    _run(str(left), str(right), "--id", "id", "--right-id", "pupil_ref", "--out", str(out), "--threshold", "100")
    assert [(r["left_id"], r["right_id"]) for r in _pairs(out)] == [("L2", "R2")]


def test_it_reads_columns_named_with_map(tmp_path: Path) -> None:
    left, right, out = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "pairs.csv"
    left.write_text("ref,Kid,Family,Birth\n1,Ava,Moore,2012-06-09\n")
    right.write_text("ref,Kid,Family,Birth\n9,Ava,Moore,09/06/2012\n")
    _run(str(left), str(right), "--id", "ref", "--out", str(out), "--map", "kid=given_name", "--map", "Family=surname")
    assert _pairs(out) == []  # without the date of birth, a name alone is not enough
    _run(
        str(left),
        str(right),
        "--id",
        "ref",
        "--out",
        str(out),
        "--map",
        "kid=given_name",
        "--map",
        "Family=surname",
        "--map",
        "birth=date_of_birth",
    )
    assert [(r["left_id"], r["right_id"]) for r in _pairs(out)] == [("1", "9")]


def test_it_says_what_is_wrong_with_the_files_or_arguments(files: tuple[Path, Path, Path], tmp_path: Path) -> None:
    left, right, out = files
    with pytest.raises(CommandError, match=r"nope\.csv: no such file"):
        _run(str(tmp_path / "nope.csv"), str(right), "--id", "id", "--out", str(out))
    with pytest.raises(CommandError, match=r"right.csv has no column 'id' \(--id\)\. Its columns are: pupil_ref, "):
        _run(str(left), str(right), "--id", "id", "--out", str(out))
    with pytest.raises(CommandError, match="'shoe' is not a field"):
        _run(str(left), str(right), "--id", "id", "--out", str(out), "--map", "x=shoe")
    with pytest.raises(CommandError, match="'hat', a column in neither file"):
        _run(str(left), str(right), "--id", "id", "--right-id", "pupil_ref", "--out", str(out), "--map", "hat=upn")
    with pytest.raises(CommandError, match="--threshold is a score from 0 to 100"):
        _run(str(left), str(right), "--id", "id", "--out", str(out), "--threshold", "101")
