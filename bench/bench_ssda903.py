"""The SSDA903 return for 1,500 children in care with a year of activity.

    .venv/bin/python bench/bench_ssda903.py [--children 1500] [--repeat 3]

Runs on the database DATABASE_URL names (PostgreSQL in `make bench`), migrated first; with
none set, on a scratch SQLite file. Writes in bulk, seeded, once per database (children
``B9030001``... are found again next time): 1,500 children looked after in the 2025/26
collection year (1 April 2025 to 31 March 2026), most from before it began, some coming
into care or leaving it during the year, a fifth with a placement move; two or three
reviews each, a missing episode for one in six, an SDQ, health assessment and dental check
and the year's outcomes for those looked after all year, previous permanence for those
who came in, one in twenty unaccompanied asylum seekers, and one or two allocated social
workers each. Then times the whole production of the return as the returns page and
`manage.py export_ssda903` do it (every table, zipped; without the DfE validator), median
of --repeat runs:

    BENCH returns.ssda903_seconds <s> s target <=10
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, SEED, bench_line, manage, note, remove_sqlite, sqlite_url

TARGET = 10
YEAR = 2026
PREFIX = "B903"


def build(children: int, seed: int) -> int:
    """The children and their year, in bulk (a benchmark's data, not a practitioner's
    work). Returns the number of children made (0 when they are there already)."""
    import datetime as dt
    import random

    from django.db import transaction
    from django.utils import timezone

    from safeguard.access.models import Involvement, InvolvementKind
    from safeguard.accounts import services as account_services
    from safeguard.accounts.models import Agency, AgencyKind, Role, Team, TeamKind, User
    from safeguard.care.models import (
        CareRecord,
        Episode,
        HealthCheck,
        PermanenceBefore,
        Review,
        SdqScore,
        YearOutcomes,
    )
    from safeguard.lib.names import fold
    from safeguard.missing.models import MissingEpisode
    from safeguard.people.models import Person

    if Person.objects.filter(la_id__startswith=PREFIX).exists():
        return 0
    rng = random.Random(seed)
    D = dt.date
    start, end = D(YEAR - 1, 4, 1), D(YEAR, 3, 31)
    system = account_services.system_user()
    council = Agency.objects.filter(kind=AgencyKind.CHILDRENS_SOCIAL_CARE).first() or account_services.agency_create(
        actor=system, name="Northbrook Children's Services", kind=AgencyKind.CHILDRENS_SOCIAL_CARE
    )
    team = Team.objects.filter(kind=TeamKind.CHILDREN_IN_CARE).first() or account_services.team_create(
        actor=system, agency=council, name="Children in Care Team", kind=TeamKind.CHILDREN_IN_CARE
    )

    def moment(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))

    def between(a: dt.date, b: dt.date) -> dt.date:
        return a + dt.timedelta(days=rng.randrange(max(1, (b - a).days)))

    with transaction.atomic():
        workers = [
            User(
                username=f"{PREFIX.lower()}.sw{n:02d}",
                first_name="Bench",
                last_name=f"Worker {n}",
                role=Role.SOCIAL_WORKER,
                agency=council,
                team=team,
                swe_number="" if n % 10 == 9 else f"SW{900000 + n}",
            )
            for n in range(30)
        ]
        User.objects.bulk_create(workers)
        workers = list(User.objects.filter(username__startswith=f"{PREFIX.lower()}.sw").order_by("username"))
        people = []
        for i in range(children):
            given, family = rng.choice(["Alex", "Sam", "Jo", "Kai", "Rio"]), rng.choice(["Reed", "Shaw", "Khan"])
            people.append(
                Person(
                    la_id=f"{PREFIX}{i + 1:04d}",
                    given_name=given,
                    family_name=family,
                    search_given=fold(given),
                    search_family=fold(family),
                    date_of_birth=D(2008, 6, 1) + dt.timedelta(days=rng.randrange(5000)),
                    sex=rng.choice("MF"),
                    ethnicity=rng.choice(["WBRI", "AIND", "BAFR", "MWBC"]),
                    disabilities=["NONE"],
                )
            )
        Person.objects.bulk_create(people, batch_size=2000)
        people = list(Person.objects.filter(la_id__startswith=PREFIX).order_by("la_id"))
        episodes, records, reviews, missing, sdqs, checks, outcomes, before, allocations = (
            [],
            [],
            [],
            [],
            [],
            [],
            [],
            [],
            [],
        )
        for person in people:
            dob = person.date_of_birth
            assert dob is not None
            roll = rng.random()
            came_in = roll < 0.2  # came into care during the year
            began = between(max(start, dob + dt.timedelta(days=30)), end - dt.timedelta(days=30)) if came_in else None
            if began is None:
                began = between(max(dob + dt.timedelta(days=30), D(2019, 1, 1)), start - dt.timedelta(days=10))
            left = (
                between(max(began, start) + dt.timedelta(days=20), end)
                if rng.random() < 0.1 and began < end - dt.timedelta(days=25)
                else None
            )
            moved = (
                between(max(began, start) + dt.timedelta(days=5), end - dt.timedelta(days=5))
                if (rng.random() < 0.2 and (left is None or left > start + dt.timedelta(days=30)))
                else None
            )
            if moved is not None and (moved <= began or (left is not None and moved >= left)):
                moved = None
            common = {
                "child": person,
                "legal_status": "C2",
                "category_of_need": "N1",
                "placement_provider": "PR1",
                "home_postcode": "BS1 5TX",
                "urn": "",
            }
            first_end = moved or left
            episodes.append(
                Episode(
                    start_date=began,
                    end_date=first_end,
                    reason_new_episode="S",
                    placement_type="U4",
                    placement_postcode="BS8 1RL",
                    end_reason=("X1" if moved else "E4A") if first_end else "",
                    placement_change_reason="CREQB" if moved else ("CARPL" if left else ""),
                    **common,
                )
            )
            if moved is not None:
                episodes.append(
                    Episode(
                        start_date=moved,
                        end_date=left,
                        reason_new_episode="P",
                        placement_type="U6",
                        placement_postcode="BS1 6QF",
                        end_reason="E4A" if left else "",
                        placement_change_reason="CARPL" if left else "",
                        **common,
                    )
                )
            uasc = rng.random() < 0.05 and (began - dob).days > 14 * 365
            records.append(
                CareRecord(child=person, in_care=left is None, period_start=began, period_end=left, uasc=uasc)
            )
            worker = workers[person.pk % len(workers)]
            for n in range(rng.randint(2, 3)):
                held = between(max(start, began), left or end)
                reviews.append(
                    Review(
                        child=person,
                        sequence=n + 1,
                        due_on=held,
                        held_on=held,
                        chair=worker,
                        participation="PN1",
                        decisions="The plan continues.",
                        recorded_by=worker,
                    )
                )
            if rng.random() < 1 / 6:
                gone = between(max(start, began), left or end)
                missing.append(
                    MissingEpisode(
                        child=person,
                        from_care=True,
                        started_at=moment(gone),
                        ended_at=moment(gone) + dt.timedelta(hours=20),
                    )
                )
            all_year = not came_in and left is None
            if all_year:
                age_end = (end - dob).days // 365
                if (start - dob).days // 365 >= 4 and age_end < 17:
                    sdqs.append(SdqScore(child=person, completed_on=between(start, end), score=12, recorded_by=worker))
                for kind in ("review", "dental"):
                    checks.append(
                        HealthCheck(
                            child=person,
                            kind=kind,
                            done_on=between(start, end),
                            by_whom="Nurse",
                            immunisations_up_to_date=True if kind == "review" else None,
                            recorded_by=worker,
                        )
                    )
                outcomes.append(
                    YearOutcomes(
                        child=person,
                        year=YEAR,
                        convicted=False if age_end >= 10 else None,
                        substance_misuse=False,
                        recorded_by=worker,
                    )
                )
            else:
                before.append(PermanenceBefore(child=person, period_start=began, option="Z1", recorded_by=worker))
            handover = between(max(start, began) + dt.timedelta(days=10), end) if rng.random() < 0.3 else None
            allocations.append(
                Involvement(
                    child=person,
                    kind=InvolvementKind.ALLOCATED_WORKER,
                    user=worker,
                    team=team,
                    reason="Allocated",
                    started_at=moment(began - dt.timedelta(days=7)),
                    ended_at=moment(handover) if handover else None,
                    change_reason="FCONTA",
                )
            )
            if handover is not None:
                other = workers[(person.pk + 1) % len(workers)]
                allocations.append(
                    Involvement(
                        child=person,
                        kind=InvolvementKind.ALLOCATED_WORKER,
                        user=other,
                        team=team,
                        reason="Allocated",
                        started_at=moment(handover),
                        change_reason="LEFTRL",
                    )
                )
        for model, rows in (
            (Episode, episodes),
            (CareRecord, records),
            (Review, reviews),
            (MissingEpisode, missing),
            (SdqScore, sdqs),
            (HealthCheck, checks),
            (YearOutcomes, outcomes),
            (PermanenceBefore, before),
            (Involvement, allocations),
        ):
            model.objects.bulk_create(rows, batch_size=2000)
    return len(people)


def measure(repeat: int) -> tuple[list[float], int, dict[str, int]]:
    from safeguard.returns import services
    from safeguard.returns.periods import CollectionYear
    from safeguard.returns.ssda903.tables import ssda903_tables

    runs = []
    children = 0
    for _ in range(repeat):
        began = time.perf_counter()
        produced = services.produce_ssda903(YEAR)
        runs.append(time.perf_counter() - began)
        children = produced.children
    rows = {table: len(found) for table, found in ssda903_tables(CollectionYear(YEAR)).tables.items()}
    return runs, children, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--children", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    scratch = None
    if not os.environ.get("DATABASE_URL"):
        scratch = Path(tempfile.mkdtemp(prefix="safeguard-bench-903-")) / "ssda903.sqlite3"
        remove_sqlite(scratch)
        os.environ["DATABASE_URL"] = sqlite_url(scratch)
    url = os.environ["DATABASE_URL"]
    try:
        note(f"migrating {url.split('@')[-1]}")
        manage(["migrate", "--no-input", "-v", "0"], url)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        started = time.perf_counter()
        made = build(args.children, SEED)
        note(f"made {made} children in care with a year of activity in {time.perf_counter() - started:.1f} s")
        runs, children, rows = measure(args.repeat)
        note(f"SSDA903 {YEAR}: {children} children, rows {rows}, runs {[round(x, 2) for x in runs]} s")
        print(bench_line("returns.ssda903_seconds", statistics.median(runs), "s", "<=", TARGET), flush=True)
    except subprocess.CalledProcessError as exc:
        note(f"failed: {exc}")
        print(bench_line("returns.ssda903_seconds", float("nan"), "s", "<=", TARGET), flush=True)
        sys.exit(1)
    finally:
        if scratch is not None:
            remove_sqlite(scratch)


if __name__ == "__main__":
    main()
