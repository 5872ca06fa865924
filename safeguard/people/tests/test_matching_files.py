"""Reading lists of people from messy CSV files for link_records and match_file: dates in
the formats people use, headers in any case, rows that cannot be read reported by line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from safeguard.people.linkage import LinkageError, parse_date, parse_mapping, parse_sex, read_people

MARCH_4 = dt.date(2011, 3, 4)


@pytest.mark.parametrize(
    "text",
    [
        "2011-03-04",
        "2011/3/4",
        "04/03/2011",
        "4/3/2011",
        "04-03-2011",
        "04.03.2011",
        "04/03/11",
        "20110304",
        "04032011",
        "4 Mar 2011",
        "4th March 2011",
        "04-MAR-2011",
        "March 4, 2011",
        " 04/03/2011 00:00:00 ",
        "2011-03-04T00:00:00",
        "40606",
    ],
)
def test_it_reads_dates_of_birth_in_common_formats(text: str) -> None:
    assert parse_date(text, today=dt.date(2026, 1, 1)) == MARCH_4


def test_it_reads_an_ambiguous_date_the_uk_way_and_an_american_one_when_it_must() -> None:
    assert parse_date("03/04/2011") == dt.date(2011, 4, 3)
    assert parse_date("03/25/2011") == dt.date(2011, 3, 25)
    assert parse_date("") is None


@pytest.mark.parametrize("text", ["31/02/2011", "not known", "2011-13-45", "32 Mar 2011"])
def test_it_says_when_a_date_cannot_be_read(text: str) -> None:
    with pytest.raises(ValueError, match=text.split()[0]):
        parse_date(text)


def test_it_reads_sex_as_it_is_written() -> None:
    assert [parse_sex(s) for s in ["M", "male", " F ", "Girl", "1", "2", "", "Unknown", "U"]] == [
        "M",
        "M",
        "F",
        "F",
        "M",
        "F",
        "",
        "",
        "",
    ]
    with pytest.raises(ValueError, match="is not male, female or not known"):
        parse_sex("Q")


def test_it_reads_a_mapping_by_header_and_field_name() -> None:
    assert parse_mapping(["Child Surname=family_name", "Birth=DOB", "first=forename"]) == {
        "childsurname": "family_name",
        "birth": "date_of_birth",
        "first": "given_name",
    }
    with pytest.raises(LinkageError, match="'shoe_size' is not a field"):
        parse_mapping(["Size=shoe_size"])
    with pytest.raises(LinkageError, match="HEADER=FIELD"):
        parse_mapping(["surname"])


def _write(tmp_path: Path, text: str, name: str = "list.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_it_reads_a_messy_file_and_reports_rows_it_cannot_read_by_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "\ufeffRef , FORENAME,Surname,D.O.B.,Gender,Post Code,Shoe size\r\n"
        "A1, Ellie ,  SMITH-JONES ,04/03/2011,f,nb1 2ab,3\r\n"
        "\r\n"
        "A2,Bob,Okafor,31/02/2009,M,,\r\n"
        'A3,"Okafor, Robert",,2009-01-02,,,\r\n'
        "A4,Tyler,Brookes,2014-05-17,M,NB1 2AB,4,extra\r\n"
        ",Nameless,Child,2014-05-17,M,,\r\n"
        'A5,"Grace,Hall,2013-01-01,F,,\r\n'
        "A6,Zoë,Ng,1 Jun 2015,Q,,\r\n",
    )
    result = read_people(path, id_column="ref")
    assert [r.key for r in result.records] == ["A1", "A2", "A3", "A6"]
    ellie = result.records[0]
    assert (ellie.given_name, ellie.family_name, ellie.date_of_birth, ellie.sex, ellie.postcode) == (
        "Ellie",
        "SMITH-JONES",
        MARCH_4,
        "F",
        "nb1 2ab",
    )
    assert result.records[1].date_of_birth is None
    assert result.records[2].given_name == "Okafor, Robert"
    assert result.rows == 7
    assert [(p.line, p.skipped) for p in result.problems] == [(4, False), (6, True), (7, True), (8, True), (9, False)]
    messages = {p.line: p.message for p in result.problems}
    assert messages[4] == "date of birth: '31/02/2009' is not a real date; linked without it"
    assert messages[6] == "has 8 values but the header has 7 (a comma inside a value that is not in quotes?)"
    assert messages[7] == "no ID in column 'Ref'"
    assert messages[8] == "a quotation mark is not closed, so the row cannot be read"
    assert messages[9] == "sex 'Q' is not male, female or not known; linked without it"
    assert result.ignored == ["Shoe size"]
    assert result.mapping == {
        "FORENAME": "given_name",
        "Surname": "family_name",
        "D.O.B.": "date_of_birth",
        "Gender": "sex",
        "Post Code": "postcode",
    }


def test_it_reads_semicolons_windows_text_and_addresses_over_several_lines(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'id;given;family;address 1;town\n1;Zoë;Brontë;"Flat 2\n12 Oak Road";Northbrook\n2;Ann;Lee;;\n',
        encoding="cp1252",
    )
    result = read_people(path, id_column="ID")
    assert [r.key for r in result.records] == ["1", "2"]
    assert result.records[0].given_name == "Zoë"
    assert result.records[0].address == "Flat 2 12 Oak Road, Northbrook"
    assert result.problems == []


def test_it_uses_a_mapping_for_headers_it_does_not_know(tmp_path: Path) -> None:
    path = _write(tmp_path, "id,Child Surname,Kid\n1,Lee,Ann\n")
    result = read_people(path, id_column="id", mapping=parse_mapping(["child surname=family_name", "kid=given_name"]))
    assert (result.records[0].given_name, result.records[0].family_name) == ("Ann", "Lee")


def test_it_refuses_files_it_cannot_use_in_the_users_words(tmp_path: Path) -> None:
    with pytest.raises(LinkageError, match="no such file"):
        read_people(tmp_path / "missing.csv", id_column="id")
    with pytest.raises(LinkageError, match="is empty"):
        read_people(_write(tmp_path, "\n\n"), id_column="id")
    with pytest.raises(LinkageError, match=r"has no column 'pupil' \(--id\)\. Its columns are: id, surname\."):
        read_people(_write(tmp_path, "id,surname\n1,Lee\n"), id_column="pupil")
    with pytest.raises(LinkageError, match="none of its columns is one we know"):
        read_people(_write(tmp_path, "id,colour\n1,red\n"), id_column="id")
