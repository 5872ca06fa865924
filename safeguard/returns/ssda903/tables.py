"""SSDA903 tables for a collection year, from live data: one CSV per table with the exact
header the DfE validator recognises, dates dd/mm/yyyy, UTF-8 (shared/data-standards.md
§3.2). Written from what Safeguard records: Header (people), Episodes (care episodes),
Reviews (care reviews), Missing (missing and absent episodes from care) and OC3 (care
leavers around their 17th to 21st birthdays, ``leaving_care.selectors.oc3_rows``). UASC, OC2,
AD1, PlacedAdoption, PrevPerm and SWEpisodes are not written yet (see docs/returns.md)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps

from safeguard.people.models import Person

from .. import rules
from ..periods import CollectionYear

Progress = Callable[[int, int], None]

COLUMNS: dict[str, list[str]] = {
    "header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "episodes": [
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ],
    "reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "missing": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "oc3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
}


def _d(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


@dataclass
class Ssda903:
    year: CollectionYear
    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    child_ids: dict[str, int] = field(default_factory=dict)

    def csv(self, table: str) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS[table], lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.tables.get(table, []))
        return out.getvalue()

    def write_folder(self, folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for table in COLUMNS:
            path = folder / f"{table}.csv"
            path.write_text(self.csv(table), encoding="utf-8")
            paths.append(path)
        return paths

    def zip_bytes(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for table in COLUMNS:
                archive.writestr(f"{table}.csv", self.csv(table))
        return out.getvalue()


def ssda903_tables(year: CollectionYear, *, progress: Progress | None = None) -> Ssda903:
    """Children looked after at any time in ``year``, their episodes as the year knows them,
    their reviews and missing episodes in the year."""
    result = Ssda903(year=year)
    if not apps.is_installed("safeguard.care"):
        return result
    episode_model = apps.get_model("care", "Episode")
    review_model = apps.get_model("care", "Review")
    start, end = year.start, year.end
    episodes = list(
        episode_model.objects.filter(start_date__lte=end)
        .exclude(end_date__lt=start)
        .order_by("child_id", "start_date", "id")
        .values(
            "child_id",
            "start_date",
            "end_date",
            "reason_new_episode",
            "legal_status",
            "category_of_need",
            "placement_type",
            "placement_provider",
            "end_reason",
            "placement_change_reason",
            "home_postcode",
            "placement_postcode",
            "urn",
        )
    )
    ceased: dict[int, list[dt.date]] = {}
    for e in episodes:
        if e["end_date"] and e["end_date"] <= end:
            ceased.setdefault(e["child_id"], []).append(e["end_date"])
    oc3 = _oc3(year, ceased)
    # Every child in a table has a Header row (INT06): care leavers in OC3 too.
    child_ids = sorted({e["child_id"] for e in episodes} | {pk for pk, _ in oc3})
    people = {
        p["id"]: p
        for p in Person.objects.filter(pk__in=child_ids).values(
            "id", "la_id", "sex", "date_of_birth", "ethnicity", "upn"
        )
    }
    result.child_ids = {p["la_id"]: pk for pk, p in people.items()}
    mothers = _mothers(child_ids)
    # Short breaks only (every episode V3 or V4): no mother item and no reviews (rule 399).
    # Care leavers with no episode in the year (OC3 only) carry no mother item either.
    short_breaks_only = {
        child_id
        for child_id in child_ids
        if all(e["legal_status"] in SHORT_BREAKS for e in episodes if e["child_id"] == child_id)
    }
    header = []
    for done, child_id in enumerate(child_ids, start=1):
        person = people[child_id]
        girl = person["sex"] == "F" and child_id not in short_breaks_only
        upn = person["upn"] if rules.upn_is_valid(person["upn"] or "") else ""
        header.append(
            {
                "CHILD": person["la_id"],
                "SEX": person["sex"],
                "DOB": _d(person["date_of_birth"]),
                "ETHNIC": person["ethnicity"],
                "UPN": upn
                or rules.upn_unknown_reason(
                    date_of_birth=person["date_of_birth"], reference_date=end, referral_nfa=False
                ),
                # Recorded for girls: 1 and the first child's birth date when she is recorded
                # as a parent (people.Relationship), else 0.
                "MOTHER": ("1" if child_id in mothers else "0") if girl else "",
                "MC_DOB": _d(mothers.get(child_id)) if girl else "",
            }
        )
        if progress is not None and (done % 500 == 0 or done == len(child_ids)):
            progress(done, len(child_ids))
    result.tables["header"] = sorted(header, key=lambda r: r["CHILD"])
    rows = []
    for e in episodes:
        ended = e["end_date"] if e["end_date"] and e["end_date"] <= end else None
        # Short-break episodes carry no postcodes (rules 398, 214).
        short_break = e["legal_status"] in SHORT_BREAKS
        rows.append(
            {
                "CHILD": people[e["child_id"]]["la_id"],
                "DECOM": _d(e["start_date"]),
                "RNE": e["reason_new_episode"],
                "LS": e["legal_status"],
                "CIN": e["category_of_need"],
                "PLACE": e["placement_type"],
                "PLACE_PROVIDER": e["placement_provider"],
                "DEC": _d(ended),
                "REC": e["end_reason"] if ended else "",
                "REASON_PLACE_CHANGE": e["placement_change_reason"] if ended else "",
                "HOME_POST": "" if short_break else e["home_postcode"],
                "PL_POST": "" if short_break else e["placement_postcode"],
                # Short breaks (rule 214), temporary and Z placements carry no URN.
                "URN": "" if short_break or e["placement_type"] in _NO_URN else (e["urn"] or "XXXXXX"),
            }
        )
    result.tables["episodes"] = rows
    result.tables["reviews"] = [
        {
            "CHILD": people[r["child_id"]]["la_id"],
            "DOB": _d(people[r["child_id"]]["date_of_birth"]),
            "REVIEW": _d(r["held_on"]),
            "REVIEW_CODE": r["participation"],
        }
        for r in review_model.objects.filter(child_id__in=child_ids, held_on__gte=start, held_on__lte=end)
        .exclude(child_id__in=short_breaks_only)
        .order_by("child_id", "held_on")
        .values("child_id", "held_on", "participation")
    ]
    result.tables["missing"] = _missing(child_ids, people, start, end)
    result.tables["oc3"] = [row for _, row in oc3]
    return result


def _oc3(year: CollectionYear, ceased: dict[int, list[dt.date]]) -> list[tuple[int, dict[str, str]]]:
    """Care leavers with a 17th to 21st birthday in the year (data-standards §3.2), from
    leaving care's keeping-in-touch records, each with the young person's id; leaving care
    names its years by the April they start in.

    Left out, as DfE rule 1016 requires: a 17th or 18th birthday row for a young person
    whose episode in the year ended on or after that birthday (``ceased``: the end dates
    the Episodes table carries). ``oc3_rows`` counts leaving care on the birthday itself as
    a care leaver's birthday; the DfE does not (see docs/returns.md)."""
    if not apps.is_installed("safeguard.leaving_care"):
        return []
    from safeguard.leaving_care.eligibility import birthday
    from safeguard.leaving_care.selectors import oc3_rows

    rows = []
    for row in oc3_rows(collection_year=year.start.year):
        dob = row.child.date_of_birth
        if (
            dob is not None
            and row.birthday_age in (17, 18)
            and any(day >= birthday(dob, row.birthday_age) for day in ceased.get(row.child.pk, []))
        ):
            continue
        rows.append(
            (
                row.child.pk,
                {
                    "CHILD": row.child.la_id,
                    "DOB": _d(row.child.date_of_birth),
                    "IN_TOUCH": row.in_touch,
                    "ACTIV": row.activity,
                    "ACCOM": row.accommodation,
                },
            )
        )
    return rows


def _mothers(child_ids: list[int]) -> dict[int, dt.date | None]:
    """Looked-after young people recorded as the parent of a child: the earliest child's
    date of birth (SSDA903 MOTHER and MC_DOB)."""
    from safeguard.people.codes import RelationshipKind
    from safeguard.people.models import Relationship

    found: dict[int, dt.date | None] = {}
    for row in (
        Relationship.objects.filter(from_person_id__in=child_ids, kind=RelationshipKind.PARENT)
        .order_by("to_person__date_of_birth")
        .values("from_person_id", "to_person__date_of_birth")
    ):
        found.setdefault(row["from_person_id"], row["to_person__date_of_birth"])
    return found


SHORT_BREAKS = frozenset({"V3", "V4"})
# Temporary and Z placements carry no URN (rules 218/222); the rest "XXXXXX" when none.
_NO_URN = frozenset({"T0", "T1", "T2", "T3", "T4", "Z1", "Z11", "Z12", "Z13", "Z14"})


def _missing(child_ids: list[int], people: dict[int, Any], start: dt.date, end: dt.date) -> list[dict[str, str]]:
    if not apps.is_installed("safeguard.missing"):
        return []
    model = apps.get_model("missing", "MissingEpisode")
    rows = []
    for m in (
        model.objects.filter(child_id__in=child_ids, from_care=True, started_at__date__lte=end)
        .exclude(ended_at__date__lt=start)
        .order_by("child_id", "started_at")
        .values("child_id", "absence_type", "started_at", "ended_at")
    ):
        ended = m["ended_at"].date() if m["ended_at"] and m["ended_at"].date() <= end else None
        rows.append(
            {
                "CHILD": people[m["child_id"]]["la_id"],
                "DOB": _d(people[m["child_id"]]["date_of_birth"]),
                "MISSING": "A" if m["absence_type"] in ("A", "absent", "away") else "M",
                "MIS_START": _d(m["started_at"].date()),
                "MIS_END": _d(ended),
            }
        )
    return rows
