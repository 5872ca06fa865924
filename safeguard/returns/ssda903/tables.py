"""SSDA903 tables for a collection year, from live data: one CSV per table with the exact
header the DfE validator recognises, dates dd/mm/yyyy, UTF-8 (shared/data-standards.md
§3.2). Header (people), Episodes (care episodes), Reviews (care reviews), UASC (care
records of unaccompanied asylum-seeking children), OC2 (children looked after for 12
months: SDQs, health checks and the yearly outcomes record), OC3 (care leavers around their
17th to 21st birthdays, ``leaving_care.selectors.oc3_rows``), AD1 and PlacedAdoption (the
adoption context, when installed), PrevPerm (previous permanence recorded at the start of
a period of care), Missing (missing and absent episodes from care), SWEpisodes (allocated
social workers, from the access context's allocation history) and, from the 2027
collection, DoLo (deprivation of liberty orders). Every table is written, header only
when empty (see docs/returns.md)."""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import importlib.util
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.utils import timezone

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
    "uasc": ["CHILD", "SEX", "DOB", "DUC"],
    "oc2": [
        "CHILD",
        "DOB",
        "SDQ_SCORE",
        "SDQ_REASON",
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ],
    "oc3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "ad1": ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"],
    "placed_adoption": ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
    "prev_perm": ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    "missing": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "sw_episodes": ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
    "dolo": ["CHILD", "DOB", "DOLO_START", "DOLO_END"],
}
# DoLo is collected from 2026/27 (the 2027 collection) on.
DOLO_FROM = 2027


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

    @property
    def table_names(self) -> list[str]:
        """The tables of this collection year: all of them, DoLo from 2027."""
        return [t for t in COLUMNS if t != "dolo" or self.year.year >= DOLO_FROM]

    def write_folder(self, folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for table in self.table_names:
            path = folder / f"{table}.csv"
            path.write_text(self.csv(table), encoding="utf-8")
            paths.append(path)
        return paths

    def zip_bytes(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for table in self.table_names:
                archive.writestr(f"{table}.csv", self.csv(table))
        return out.getvalue()


def ssda903_tables(year: CollectionYear, *, progress: Progress | None = None) -> Ssda903:
    """Children looked after at any time in ``year``, their episodes as the year knows them,
    and every other table of the year for them (see the module's docstring)."""
    result = Ssda903(year=year)
    for table in result.table_names:
        result.tables[table] = []
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
    by_child: dict[int, list[dict[str, Any]]] = {}
    for e in episodes:
        by_child.setdefault(e["child_id"], []).append(e)
    oc3 = _oc3(year)
    adoption = _adoption(year)
    # Every child in a table has a Header row (INT06): care leavers in OC3 and adopted
    # children in AD1 and PlacedAdoption too.
    extra_ids = {pk for pk, _ in oc3} | {pk for rows in adoption.values() for pk, _ in rows}
    child_ids = sorted(set(by_child) | extra_ids)
    people = {
        p["id"]: p
        for p in Person.objects.filter(pk__in=child_ids).values(
            "id", "la_id", "sex", "date_of_birth", "ethnicity", "upn", "upn_unknown_reason"
        )
    }
    result.child_ids = {p["la_id"]: pk for pk, p in people.items()}
    mothers = _mothers(child_ids)
    care_records = {
        r["child_id"]: r
        for r in apps.get_model("care", "CareRecord")
        .objects.filter(child_id__in=child_ids)
        .values("child_id", "uasc", "uasc_ceased_on")
    }
    # UASC at some time in the year: the status had not ceased before it began (rule 104).
    # A child whose status ceased earlier was in an earlier year's UASC table.
    uasc = {
        pk
        for pk, r in care_records.items()
        if r["uasc"] and (r["uasc_ceased_on"] is None or r["uasc_ceased_on"] >= start)
    }
    # Short breaks only (every episode V3 or V4): no mother item and no reviews (rule 399).
    # Care leavers with no episode in the year (OC3 only) carry no mother item either.
    short_breaks_only = {
        child_id for child_id in child_ids if all(e["legal_status"] in SHORT_BREAKS for e in by_child.get(child_id, []))
    }
    header = []
    for done, child_id in enumerate(child_ids, start=1):
        person = people[child_id]
        girl = person["sex"] == "F" and child_id not in short_breaks_only
        upn = person["upn"] if rules.upn_is_valid(person["upn"] or "") else ""
        own = by_child.get(child_id, [])
        header.append(
            {
                "CHILD": person["la_id"],
                "SEX": person["sex"],
                "DOB": _d(person["date_of_birth"]),
                "ETHNIC": person["ethnicity"],
                "UPN": upn
                or rules.ssda903_upn_unknown(
                    date_of_birth=person["date_of_birth"],
                    collection_start=start,
                    collection_end=end,
                    recorded=person["upn_unknown_reason"],
                    latest_episode_start=max((e["start_date"] for e in own), default=None),
                    looked_after_at_end=any(e["end_date"] is None or e["end_date"] > end for e in own),
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
        # Short-break episodes carry no postcodes (rules 398, 214). An unaccompanied
        # asylum-seeking child has no home postcode, so no placement distance (rule 406);
        # the placement postcode gives the placement's authority (rule 169).
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
                "HOME_POST": "" if short_break or e["child_id"] in uasc else e["home_postcode"],
                "PL_POST": "" if short_break else e["placement_postcode"],
                # Short breaks (rule 214), temporary and Z placements carry no URN.
                "URN": "" if short_break or e["placement_type"] in _NO_URN else (e["urn"] or "XXXXXX"),
            }
        )
    result.tables["episodes"] = rows
    looked_after = sorted(set(by_child))
    result.tables["reviews"] = [
        {
            "CHILD": people[r["child_id"]]["la_id"],
            "DOB": _d(people[r["child_id"]]["date_of_birth"]),
            "REVIEW": _d(r["held_on"]),
            "REVIEW_CODE": r["participation"],
        }
        for r in review_model.objects.filter(child_id__in=looked_after, held_on__gte=start, held_on__lte=end)
        .exclude(child_id__in=short_breaks_only)
        .order_by("child_id", "held_on")
        .values("child_id", "held_on", "participation")
    ]
    result.tables["uasc"] = [
        {
            "CHILD": people[pk]["la_id"],
            "SEX": people[pk]["sex"],
            "DOB": _d(people[pk]["date_of_birth"]),
            "DUC": _d(care_records[pk]["uasc_ceased_on"]),
        }
        for pk in sorted(uasc, key=lambda k: people[k]["la_id"])
        if pk in by_child
    ]
    continuous = [pk for pk in looked_after if _continuously_looked_after(by_child[pk], start, end)]
    result.tables["oc2"] = _oc2(continuous, people, year)
    result.tables["oc3"] = [row for _, row in oc3]
    for table, found in adoption.items():
        result.tables[table] = [
            {"CHILD": people[pk]["la_id"], "DOB": _d(people[pk]["date_of_birth"]), **row} for pk, row in found
        ]
    result.tables["prev_perm"] = _prev_perm(by_child, people, start, end)
    result.tables["missing"] = _missing(looked_after, people, start, end)
    care_ids = [pk for pk in looked_after if pk not in short_breaks_only]
    result.tables["sw_episodes"] = _sw_episodes(care_ids, by_child, people, start, end)
    if "dolo" in result.tables:
        result.tables["dolo"] = _dolo(looked_after, people, start, end)
    return result


def _continuously_looked_after(own: list[dict[str, Any]], start: dt.date, end: dt.date) -> bool:
    """Looked after continuously for 12 months at 31 March, as the DfE defines it (and
    the validator computes it): in care during the year, with no period of care starting
    after 1 April, none ending before 31 March, and no short-break episode."""
    for e in own:
        if e["legal_status"] in SHORT_BREAKS:
            return False
        if e["reason_new_episode"] == "S" and start < e["start_date"] <= end:
            return False
        ended = e["end_date"]
        if ended is not None and e["end_reason"] != "X1" and start <= ended < end:
            return False
    return bool(own)


def _age(dob: dt.date, day: dt.date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def _birthday(dob: dt.date, age: int) -> dt.date:
    try:
        return dob.replace(year=dob.year + age)
    except ValueError:  # 29 February
        return dob.replace(year=dob.year + age, day=28)


def _flag(value: bool | None) -> str:
    return "" if value is None else ("1" if value else "0")


def _oc2(child_ids: list[int], people: dict[int, Any], year: CollectionYear) -> list[dict[str, str]]:
    """OC2 for children looked after continuously for 12 months at 31 March: the year's
    latest SDQ (ages 4 to 16; SDQ1 for a child who turned 4 or 17 in the year with none),
    health checks in the year (care health checks), and conviction and substance misuse
    from the yearly outcomes record. Age limits: conviction from 10 (rules 542, 543), the
    development check (HEALTH_CHECK) under 5 only (rules 545, 546)."""
    start, end = year.start, year.end
    health_model = apps.get_model("care", "HealthCheck")
    sdq_model = apps.get_model("care", "SdqScore")
    outcomes_model = apps.get_model("care", "YearOutcomes")
    sdqs: dict[int, dict[str, Any]] = {}
    for sdq in (
        sdq_model.objects.filter(child_id__in=child_ids, completed_on__gte=start, completed_on__lte=end)
        .order_by("child_id", "completed_on", "id")
        .values("child_id", "score", "reason")
    ):
        sdqs[sdq["child_id"]] = sdq  # the latest wins
    checks: dict[int, set[str]] = {}
    immunised: dict[int, bool] = {}
    for check in (
        health_model.objects.filter(child_id__in=child_ids, done_on__lte=end)
        .order_by("child_id", "done_on", "id")
        .values("child_id", "kind", "done_on", "immunisations_up_to_date")
    ):
        if check["done_on"] >= start:
            checks.setdefault(check["child_id"], set()).add(check["kind"])
        if check["immunisations_up_to_date"] is not None:
            immunised[check["child_id"]] = check["immunisations_up_to_date"]
    outcomes = {
        o["child_id"]: o
        for o in outcomes_model.objects.filter(child_id__in=child_ids, year=year.year).values(
            "child_id", "convicted", "substance_misuse", "intervention_received", "intervention_offered"
        )
    }
    rows = []
    for pk in sorted(child_ids, key=lambda k: people[k]["la_id"]):
        dob = people[pk]["date_of_birth"]
        if dob is None:
            continue
        age = _age(dob, end)
        four, seventeen = _birthday(dob, 4), _birthday(dob, 17)
        score = reason = ""
        if four <= end and seventeen >= start:  # rules 188, 189
            sdq = sdqs.get(pk)
            if sdq is not None:
                score = "" if sdq["score"] is None else str(sdq["score"])
                reason = "" if score else sdq["reason"]
            elif start <= four <= end or start <= seventeen <= end:
                reason = "SDQ1"  # out of the age range for part of the year (rule 197B)
        kinds = checks.get(pk, set())
        found = outcomes.get(pk, {})
        misuse = found.get("substance_misuse")
        rows.append(
            {
                "CHILD": people[pk]["la_id"],
                "DOB": _d(dob),
                "SDQ_SCORE": score,
                "SDQ_REASON": reason,
                "CONVICTED": _flag(found.get("convicted")) if age >= 10 else "",
                "HEALTH_CHECK": ("1" if kinds & HEALTH_ASSESSMENTS else "0") if age < 5 else "",
                "IMMUNISATIONS": "1" if immunised.get(pk) else "0",
                "TEETH_CHECK": "1" if "dental" in kinds else "0",
                "HEALTH_ASSESSMENT": "1" if kinds & HEALTH_ASSESSMENTS else "0",
                "SUBSTANCE_MISUSE": _flag(misuse),
                "INTERVENTION_RECEIVED": _flag(found.get("intervention_received")) if misuse else "",
                "INTERVENTION_OFFERED": _flag(found.get("intervention_offered")) if misuse else "",
            }
        )
    return rows


HEALTH_ASSESSMENTS = frozenset({"initial", "review"})


def _prev_perm(
    by_child: dict[int, list[dict[str, Any]]], people: dict[int, Any], start: dt.date, end: dt.date
) -> list[dict[str, str]]:
    """PrevPerm for each child whose period of care began in the year (rule 630): the
    previous permanence recorded for the latest such period, else for an earlier one in
    the year; none recorded, no row (the validator then asks for it)."""
    model = apps.get_model("care", "PermanenceBefore")
    began = {
        pk: sorted(
            (e["start_date"] for e in own if e["reason_new_episode"] == "S" and e["start_date"] >= start), reverse=True
        )
        for pk, own in by_child.items()
    }
    began = {pk: days for pk, days in began.items() if days}
    recorded: dict[tuple[int, dt.date], dict[str, Any]] = {
        (r["child_id"], r["period_start"]): r
        for r in model.objects.filter(child_id__in=list(began), period_start__gte=start, period_start__lte=end).values(
            "child_id", "period_start", "option", "la_code", "order_date"
        )
    }
    rows = []
    for pk in sorted(began, key=lambda k: people[k]["la_id"]):
        found = next((recorded[(pk, day)] for day in began[pk] if (pk, day) in recorded), None)
        if found is None:
            continue
        rows.append(
            {
                "CHILD": people[pk]["la_id"],
                "DOB": _d(people[pk]["date_of_birth"]),
                "PREV_PERM": found["option"],
                "LA_PERM": found["la_code"],
                "DATE_PERM": _d(found["order_date"]),
            }
        )
    return rows


FIRST_CONTACT = "FCONTA"
SW_GAP_DAYS = 7  # a new episode more than 7 days after the last ended is a new first contact (SW10a)


def sw_id(user_id: int, swe_number: str) -> str:
    """SW_ID: the Social Work England registration number, else ``XX`` and the worker's
    own number in Safeguard (rule SW02STG1: starts SW or XX, at least 4 characters)."""
    if swe_number and swe_number.startswith("SW") and swe_number[2:].isdigit():
        return swe_number
    return f"XX{user_id:06d}"


def _sw_episodes(
    child_ids: list[int],
    by_child: dict[int, list[dict[str, Any]]],
    people: dict[int, Any],
    start: dt.date,
    end: dt.date,
) -> list[dict[str, str]]:
    """SWEpisodes from the allocation history (access Involvement, allocated worker) of
    each child looked after in the year (short breaks only left out): every allocation
    open at some time from the start of the child's first period of care in the year to 31
    March. An allocation made before that period began is reported from the day it began
    (rule SW12 rejects an episode that started before a period of care it holds); an end
    after 31 March is left blank. SW_REASON is the reason recorded with the allocation,
    else FCONTA for the child's first allocation or one more than 7 days after the last ended,
    else blank (rule SW13 then asks for it)."""
    from safeguard.access.models import Involvement, InvolvementKind

    tz = timezone.get_current_timezone()
    allocations: dict[int, list[dict[str, Any]]] = {}
    for found in (
        Involvement.objects.filter(child_id__in=child_ids, kind=InvolvementKind.ALLOCATED_WORKER)
        .order_by("child_id", "started_at", "id")
        .values("child_id", "user_id", "user__swe_number", "started_at", "ended_at", "change_reason")
    ):
        allocations.setdefault(found["child_id"], []).append(dict(found))
    period_starts = _period_starts(child_ids, by_child)
    rows = []
    for pk in sorted(child_ids, key=lambda k: people[k]["la_id"]):
        from_day = max(start, period_starts[pk])
        previous_end: dt.date | None = None
        for index, allocation in enumerate(allocations.get(pk, [])):
            inv: dict[str, Any] = allocation
            began = inv["started_at"].astimezone(tz).date()
            ended = inv["ended_at"].astimezone(tz).date() if inv["ended_at"] else None
            reason = inv["change_reason"] or (
                FIRST_CONTACT
                if index == 0 or (previous_end is not None and (began - previous_end).days > SW_GAP_DAYS)
                else ""
            )
            previous_end = ended
            if began > end or (ended is not None and ended <= from_day):
                continue
            rows.append(
                {
                    "CHILD": people[pk]["la_id"],
                    "DOB": _d(people[pk]["date_of_birth"]),
                    "SW_ID": sw_id(inv["user_id"], inv["user__swe_number"] or ""),
                    "SW_DECOM": _d(max(began, period_starts[pk])),
                    "SW_DEC": _d(ended if ended is not None and ended <= end else None),
                    "SW_REASON": reason,
                }
            )
    return rows


def _period_starts(child_ids: list[int], by_child: dict[int, list[dict[str, Any]]]) -> dict[int, dt.date]:
    """The start of each child's first period of care in the year: its first episode in
    the year when that starts one (RNE S), else the latest start of care before it."""
    model = apps.get_model("care", "Episode")
    earlier: dict[int, list[dt.date]] = {}
    for child_id, day in (
        model.objects.filter(child_id__in=child_ids, reason_new_episode="S")
        .order_by("child_id", "start_date")
        .values_list("child_id", "start_date")
    ):
        earlier.setdefault(child_id, []).append(day)
    found = {}
    for pk in child_ids:
        first = by_child[pk][0]["start_date"]
        found[pk] = max((day for day in earlier.get(pk, []) if day <= first), default=first)
    return found


def _dolo(child_ids: list[int], people: dict[int, Any], start: dt.date, end: dt.date) -> list[dict[str, str]]:
    """DoLo: each deprivation of liberty order in force at some time in the year; an end
    after 31 March is left blank (rule 704)."""
    model = apps.get_model("care", "LibertyOrder")
    return [
        {
            "CHILD": people[o["child_id"]]["la_id"],
            "DOB": _d(people[o["child_id"]]["date_of_birth"]),
            "DOLO_START": _d(o["start_date"]),
            "DOLO_END": _d(o["end_date"] if o["end_date"] and o["end_date"] <= end else None),
        }
        for o in model.objects.filter(child_id__in=child_ids, start_date__lte=end)
        .exclude(end_date__lt=start)
        .order_by("child_id", "start_date")
        .values("child_id", "start_date", "end_date")
    ]


def _adoption(year: CollectionYear) -> dict[str, list[tuple[int, dict[str, str]]]]:
    """AD1 and PlacedAdoption rows from the adoption context (every column but CHILD and
    DOB, which the writer fills), each with the child's id; none when it is not installed."""
    found: dict[str, list[tuple[int, dict[str, str]]]] = {"ad1": [], "placed_adoption": []}
    # The adoption context writes its rows in ``adoption/returns.py``; until that module
    # exists there is nothing to write.
    if not apps.is_installed("safeguard.adoption") or importlib.util.find_spec("safeguard.adoption.returns") is None:
        return found
    module = importlib.import_module("safeguard.adoption.returns")
    rows = module.ssda903_rows(year)
    for table in found:
        found[table] = [
            (pk, {k: v for k, v in row.items() if k not in ("CHILD", "DOB")}) for pk, row in rows.get(table, [])
        ]
    return found


def _oc3(year: CollectionYear) -> list[tuple[int, dict[str, str]]]:
    """Care leavers with a 17th to 21st birthday in the year (data-standards §3.2), from
    leaving care's keeping-in-touch records, each with the young person's id; leaving care
    names its years by the April they start in. Leaving care on the 17th or 18th birthday
    itself counts as looked after on it there (DfE rule 1016)."""
    if not apps.is_installed("safeguard.leaving_care"):
        return []
    from safeguard.leaving_care.selectors import oc3_rows

    return [
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
        for row in oc3_rows(collection_year=year.start.year)
    ]


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
