"""Reading lists of people from CSV files and writing what matching found, for the
``link_records`` and ``match_file`` commands.

Real files are messy, so reading forgives what it safely can: headers in any case and
spacing, blank cells, stray spaces, dates in the common formats (UK order when a date could
be read either way), columns it has no use for (ignored and listed), and a row it cannot
read at all (skipped, reported with its line number, the rest still read).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from safeguard.lib.identifiers import nhs_number_is_valid, normalise_nhs_number, normalise_upn, upn_is_valid

from .matching import FIELDS, Candidate, PersonRecord, normalise_sex

# The fields a column can be mapped to, and the headers recognised for each without a
# --map (compared without case, spaces, underscores, hyphens or full stops).
COLUMN_FIELDS: dict[str, tuple[str, ...]] = {
    "given_name": ("forename", "forenames", "firstname", "givenname", "given", "first", "christianname", "fname"),
    "family_name": ("surname", "lastname", "familyname", "family", "last", "lname"),
    "date_of_birth": ("dob", "dateofbirth", "birthdate", "born", "birthday", "dobddmmyyyy"),
    "sex": ("sex", "gender"),
    "address1": ("address1", "addressline1", "address", "addr1", "street", "line1"),
    "address2": ("address2", "addressline2", "addr2", "line2"),
    "address3": ("address3", "addressline3", "addr3", "line3", "locality"),
    "town": ("town", "city", "towncity", "posttown"),
    "postcode": ("postcode", "postalcode", "zip", "zipcode"),
    "nhs_number": ("nhs", "nhsnumber", "nhsno", "nhsnum"),
    "upn": ("upn", "uniquepupilnumber", "pupilnumber"),
}
_BY_HEADER = {alias: name for name, aliases in COLUMN_FIELDS.items() for alias in aliases}
_NOT_HEADER = re.compile(r"[\s_\-.]+")

# The outcome columns of the files written, in this order.
OUTCOME_FIELDS = ("given_name", "family_name", "date_of_birth", "sex", "postcode", "address", "nhs_number", "upn")
assert set(OUTCOME_FIELDS) == set(FIELDS)


class LinkageError(Exception):
    """A problem with the user's file or arguments, in words the user can act on."""


@dataclass
class Problem:
    line: int
    message: str
    # True when the row was left out; False when it was read without the value named.
    skipped: bool = True


@dataclass
class ReadResult:
    path: Path
    records: list[PersonRecord]
    problems: list[Problem]
    headers: list[str]
    mapping: dict[str, str]  # header as written -> field
    id_column: str
    rows: int = 0  # data rows seen (blank lines not counted)
    invalid_nhs: int = 0
    invalid_upn: int = 0
    ignored: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.skipped]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.skipped]


def header_key(header: str) -> str:
    """``" Date_of Birth "`` -> ``"dateofbirth"``."""
    return _NOT_HEADER.sub("", header.strip().lstrip("\ufeff").lower())


def parse_mapping(items: Iterable[str]) -> dict[str, str]:
    """``["Surname=family_name", "DOB=dob"]`` -> ``{"surname": "family_name", "dob": "date_of_birth"}``
    (keys are header keys; a field may be named by any of its recognised headers)."""
    mapping: dict[str, str] = {}
    for item in items:
        header, sep, name = item.partition("=")
        if not sep or not header.strip() or not name.strip():
            raise LinkageError(f"--map {item!r}: write it as HEADER=FIELD, for example --map surname=family_name.")
        wanted = header_key(name)
        resolved = next((f for f in COLUMN_FIELDS if header_key(f) == wanted), None) or _BY_HEADER.get(wanted)
        if resolved is None:
            raise LinkageError(
                f"--map {item!r}: {name.strip()!r} is not a field. The fields are: {', '.join(COLUMN_FIELDS)}."
            )
        mapping[header_key(header)] = resolved
    return mapping


# --- Values -----------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_TIME = re.compile(r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)$")
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4}|\d{2})")
_EIGHT = re.compile(r"\d{8}")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s\-/.,]*([a-z]+)[\s\-/.,]*(\d{4}|\d{2})")
_MONTH_NAME_DAY = re.compile(r"([a-z]+)[\s\-/.]*(\d{1,2})(?:st|nd|rd|th)?,?[\s\-/.]+(\d{4}|\d{2})")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _year(text: str, today: dt.date) -> int:
    year = int(text)
    if len(text) == 2:
        # A two-digit year is this century unless that would be in the future.
        year += 2000 if 2000 + year <= today.year else 1900
    return year


def parse_date(text: str, *, today: dt.date | None = None) -> dt.date | None:
    """A date of birth as people write it, or None for a blank cell. Raises ValueError,
    in words for the user, for anything else.

    Accepts 2011-03-04, 04/03/2011, 4/3/2011, 04-03-2011, 04.03.2011, 04/03/11, 20110304,
    04032011, 4 Mar 2011, 4th March 2011, 04-Mar-2011, March 4, 2011, a time after the
    date (Excel's "04/03/2011 00:00"), and Excel's day numbers (40606). Numbers that could
    be day/month or month/day are read the UK way; 03/25/2011 can only be 25 March.
    """
    today = today or dt.date.today()
    value = _TIME.sub("", (text or "").strip()).strip().lower()
    if not value:
        return None
    attempts: list[tuple[int, int, int]] = []
    if m := _ISO.fullmatch(value):
        attempts.append((int(m[1]), int(m[2]), int(m[3])))
    elif m := _NUMERIC.fullmatch(value):
        year = _year(m[3], today)
        attempts += [(year, int(m[2]), int(m[1])), (year, int(m[1]), int(m[2]))]
    elif _EIGHT.fullmatch(value):
        attempts += [
            (int(value[:4]), int(value[4:6]), int(value[6:])),
            (int(value[4:]), int(value[2:4]), int(value[:2])),
        ]
    elif (m := _DAY_MONTH_NAME.fullmatch(value)) and m[2] in _MONTHS:
        attempts.append((_year(m[3], today), _MONTHS[m[2]], int(m[1])))
    elif (m := _MONTH_NAME_DAY.fullmatch(value)) and m[1] in _MONTHS:
        attempts.append((_year(m[3], today), _MONTHS[m[1]], int(m[2])))
    elif value.isdigit() and len(value) == 5 and 10000 <= int(value) <= 80000:
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    else:
        raise ValueError(f"{text.strip()!r} is not a date in a format we recognise")
    for year, month, day in attempts:
        if 1880 <= year <= 2200:
            try:
                return dt.date(year, month, day)
            except ValueError:
                continue
    raise ValueError(f"{text.strip()!r} is not a real date")


_SEX_BLANK = {"", "u", "unknown", "not known", "notknown", "not stated", "not specified", "0", "9", "x", "n/k", "nk"}


def parse_sex(text: str) -> str:
    """ "M", "F" or "" (not known). Raises ValueError for a value it does not understand."""
    value = (text or "").strip().lower()
    sex = normalise_sex(value)
    if sex or value in _SEX_BLANK or value.startswith("unborn"):
        return sex
    raise ValueError(f"sex {text.strip()!r} is not male, female or not known")


# --- Reading ----------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _split(line: str, delimiter: str) -> list[str] | None:
    """The cells of one line, or None when a quotation mark is left open."""
    try:
        return next(csv.reader([line], delimiter=delimiter, strict=True), [])
    except csv.Error:
        return None


def read_people(
    path: Path | str,
    *,
    id_column: str,
    mapping: dict[str, str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ReadResult:
    """Read a list of people. ``id_column`` names the column whose value is each row's key;
    ``mapping`` (header key -> field, from :func:`parse_mapping`) adds to or overrides the
    recognised headers. Rows that cannot be read are reported in ``problems`` and left out.
    Raises LinkageError when the file itself will not do."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LinkageError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise LinkageError(f"{path} is a folder, not a file.") from None
    except OSError as error:
        raise LinkageError(f"{path} cannot be read: {error.strerror}.") from None
    lines = _decode(data).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise LinkageError(f"{path} is empty: it needs a header row naming its columns, then one row per person.")
    delimiter = _delimiter(lines[first])
    headers = [h.strip().lstrip("\ufeff") for h in (_split(lines[first], delimiter) or lines[first].split(delimiter))]
    keys = [header_key(h) for h in headers]
    wanted_id = header_key(id_column)
    if wanted_id not in keys:
        shown = ", ".join(h for h in headers if h) or "(none)"
        raise LinkageError(f"{path} has no column {id_column!r} (--id). Its columns are: {shown}.")
    id_index = keys.index(wanted_id)
    mapping = mapping or {}
    columns: dict[str, list[int]] = {}
    used: dict[str, str] = {}
    ignored: list[str] = []
    for i, (header, key) in enumerate(zip(headers, keys, strict=True)):
        name = mapping.get(key) or _BY_HEADER.get(key)
        if i == id_index and key not in mapping:
            continue
        if name is None:
            if header:
                ignored.append(header)
            continue
        columns.setdefault(name, []).append(i)
        used[header] = name
    if not columns:
        raise LinkageError(
            f"{path}: none of its columns is one we know ({', '.join(headers)}). "
            "Name them with --map HEADER=FIELD, for example --map 'Child surname=family_name'."
        )
    result = ReadResult(
        path=path, records=[], problems=[], headers=headers, mapping=used, id_column=headers[id_index], ignored=ignored
    )
    seen_ids: dict[str, int] = {}
    width = len(headers)
    i = first + 1
    pending = 0
    while i < len(lines):
        line_number = i + 1
        line = lines[i]
        i += 1
        if not line.strip() or not line.strip(delimiter + " \t"):
            continue
        result.rows += 1
        pending += 1
        if progress is not None and pending == 2000:
            progress(pending)
            pending = 0
        cells = _split(line, delimiter)
        if cells is None:
            # A quoted value may run over lines (an address with line breaks): join a few.
            joined = line
            for extra in range(1, 5):
                if i - 1 + extra >= len(lines):
                    break
                joined += "\n" + lines[i - 1 + extra]
                cells = _split(joined, delimiter)
                if cells is not None and len(cells) == width:
                    i += extra
                    break
                cells = None
            if cells is None:
                result.problems.append(
                    Problem(line_number, "a quotation mark is not closed, so the row cannot be read")
                )
                continue
        if len(cells) > width and not any(c.strip() for c in cells[width:]):
            cells = cells[:width]
        if len(cells) != width:
            more = "a comma inside a value that is not in quotes?" if len(cells) > width else "a value missing?"
            result.problems.append(Problem(line_number, f"has {len(cells)} values but the header has {width} ({more})"))
            continue
        key = cells[id_index].strip()
        if not key:
            result.problems.append(Problem(line_number, f"no ID in column {headers[id_index]!r}"))
            continue
        if key in seen_ids:
            result.problems.append(
                Problem(line_number, f"ID {key!r} is also on line {seen_ids[key]}; both rows are used", skipped=False)
            )
        else:
            seen_ids[key] = line_number
        record = _record(key, cells, columns, result, line_number)
        result.records.append(record)
    if progress is not None and pending:
        progress(pending)
    return result


def _cell(cells: list[str], columns: dict[str, list[int]], name: str) -> str:
    for i in columns.get(name, ()):
        value = " ".join(cells[i].split())
        if value:
            return value
    return ""


def _record(key: str, cells: list[str], columns: dict[str, list[int]], result: ReadResult, line: int) -> PersonRecord:
    born = None
    raw_dob = _cell(cells, columns, "date_of_birth")
    if raw_dob:
        try:
            born = parse_date(raw_dob)
        except ValueError as error:
            result.problems.append(Problem(line, f"date of birth: {error}; linked without it", skipped=False))
    sex = ""
    raw_sex = _cell(cells, columns, "sex")
    if raw_sex:
        try:
            sex = parse_sex(raw_sex)
        except ValueError as error:
            result.problems.append(Problem(line, f"{error}; linked without it", skipped=False))
    nhs = _cell(cells, columns, "nhs_number")
    if nhs and not nhs_number_is_valid(normalise_nhs_number(nhs)):
        result.invalid_nhs += 1
    upn = _cell(cells, columns, "upn")
    if upn and not upn_is_valid(normalise_upn(upn)):
        result.invalid_upn += 1
    address = ", ".join(
        part for part in (_cell(cells, columns, n) for n in ("address1", "address2", "address3", "town")) if part
    )
    return PersonRecord(
        key=key,
        given_name=_cell(cells, columns, "given_name"),
        family_name=_cell(cells, columns, "family_name"),
        date_of_birth=born,
        sex=sex,
        postcode=_cell(cells, columns, "postcode"),
        address=address,
        nhs_number=nhs,
        upn=upn,
    )


# --- Writing ----------------------------------------------------------------------------


def _outcome_cells(candidate: Candidate) -> list[str]:
    outcomes = {f.field: f.outcome for f in candidate.fields}
    notes = "; ".join(f"{f.field}: {f.note}" for f in candidate.fields if f.outcome in ("partial", "disagree"))
    return [
        f"{candidate.score:.1f}",
        "yes" if candidate.exact else "no",
        " ".join(f for f in OUTCOME_FIELDS if outcomes.get(f) == "agree"),
        *(outcomes.get(f, "missing") for f in OUTCOME_FIELDS),
        notes,
    ]


_OUTCOME_HEADER = ["score", "exact", "agreed", *OUTCOME_FIELDS, "notes"]


def write_pairs(path: Path | str, pairs: Iterable[tuple[str, str, Candidate]]) -> int:
    """Write ``left_id,right_id,score,exact,agreed``, each field's outcome (agree, partial,
    disagree, missing) and notes on what differed; returns the number of pairs written."""
    written = 0
    with Path(path).open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["left_id", "right_id", *_OUTCOME_HEADER])
        for left_id, right_id, candidate in pairs:
            writer.writerow([left_id, right_id, *_outcome_cells(candidate)])
            written += 1
    return written


def write_matches(
    path: Path | str, rows: Iterable[tuple[str, int, Candidate | None]], local_ids: dict[str, str]
) -> int:
    """Write one row per (list ID, rank, candidate) of ``match_file``: the register's person
    ID (uuid) and local ID, then as :func:`write_pairs`. A row without a candidate is a
    list row that matched nobody. Returns the number of matches written."""
    written = 0
    with Path(path).open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["list_id", "rank", "person_id", "local_id", "confident", *_OUTCOME_HEADER])
        for list_id, rank, candidate in rows:
            if candidate is None:
                writer.writerow([list_id, "", "", "", "", "", "", "", *([""] * len(OUTCOME_FIELDS)), "no match"])
                continue
            writer.writerow(
                [
                    list_id,
                    rank,
                    candidate.key,
                    local_ids.get(candidate.key, ""),
                    "yes" if candidate.confident else "no",
                    *_outcome_cells(candidate),
                ]
            )
            written += 1
    return written


# --- Summaries ----------------------------------------------------------------------------

# How many problems a summary lists for one file before saying how many more there are.
SHOWN_PROBLEMS = 50


def describe_read(result: ReadResult) -> list[str]:
    """Lines for a command's summary: what was read from one file and what was not."""
    name = result.path.name
    lines = [
        f"{name}: {result.rows:,} rows, {len(result.records):,} read, {len(result.skipped):,} skipped.",
        "  columns used: "
        + ", ".join(f"{header} as {field_name}" for header, field_name in result.mapping.items())
        + f"; ID from {result.id_column}.",
    ]
    if result.ignored:
        lines.append("  columns not used: " + ", ".join(result.ignored) + ".")
    if result.invalid_nhs:
        lines.append(f"  {result.invalid_nhs:,} NHS numbers are not valid and were not matched on.")
    if result.invalid_upn:
        lines.append(f"  {result.invalid_upn:,} UPNs are not valid and were not matched on.")
    for label, problems in (("skipped", result.skipped), ("read with a value left out", result.warnings)):
        for problem in problems[:SHOWN_PROBLEMS]:
            lines.append(f"  line {problem.line} {label}: {problem.message}.")
        if len(problems) > SHOWN_PROBLEMS:
            lines.append(f"  ... and {len(problems) - SHOWN_PROBLEMS:,} more lines {label}.")
    return lines
