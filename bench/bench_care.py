"""Children in care: the team view with 400 children in care, and episode histories for
1,500 children rebuilt and checked against the SSDA903 episode rules.

    .venv/bin/python bench/bench_care.py [--children 1500] [--team 400] [--requests 60]

Builds a fresh SQLite database in a temporary folder (migrated through manage.py), then,
in a subprocess with Django set up, writes in bulk: --children children in care (default
1,500, a large authority), each with a care history of 1 to 8 episodes drawn at random
but valid by the rules (a start, changes of legal status and placement of every kind, a
period ended and a second begun), carers, reviews and visits; the stored deadlines of
each child are computed by ``care.services.refresh_duties``. --team of them (default 400)
are allocated to the 20 social workers of one children-in-care team; the rest to another.

Then it measures:

    BENCH care.team_view_p95 <ms> ms target <=200
        GET /care/team/ as the children-in-care team manager (400 rows), through the whole
        middleware stack with a signed-in session: policy, query, audit event, template.
    BENCH care.histories_check_seconds <s> s target <=10
        every episode of the --children children read back from the database, each
        child's ordered history rebuilt (periods of care, placements, stability figures)
        and checked against every episode rule (``care.rules.check_history``): median of 3.

It also prints (as a note) how long recomputing every child's stored deadlines takes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import PYTHON, ROOT, SEED, bench_line, env_for, manage, note, percentile, sqlite_url

TEAM_VIEW_TARGET_MS = 200
HISTORIES_TARGET_S = 10


def build(children: int, team_size: int) -> dict:
    import datetime as dt
    import random

    from django.db import transaction

    from safeguard.access.models import Involvement, InvolvementKind
    from safeguard.accounts import services as account_services
    from safeguard.accounts.models import AgencyKind, Role, TeamKind, User
    from safeguard.care import rules, services
    from safeguard.care.models import Carer, CareRecord, Episode, Review, Visit
    from safeguard.people.models import Person

    rng = random.Random(SEED)
    today = dt.date.today()
    system = account_services.system_user()
    council = account_services.agency_create(actor=system, name="Bench Council", kind=AgencyKind.CHILDRENS_SOCIAL_CARE)
    cic = account_services.team_create(actor=system, agency=council, name="CiC Bench", kind=TeamKind.CHILDREN_IN_CARE)
    other = account_services.team_create(actor=system, agency=council, name="CiC Other", kind=TeamKind.CHILDREN_IN_CARE)
    reviewing = account_services.team_create(actor=system, agency=council, name="IRO Bench", kind=TeamKind.REVIEWING)

    def user(name: str, role: str, team) -> User:  # type: ignore[no-untyped-def]
        made, _ = account_services.user_create(
            actor=system,
            username=name,
            first_name=name,
            last_name="Bench",
            email="",
            role=role,
            agency=council,
            team=team,
            password="bench-password-not-secret-42",
            must_change_password=False,
        )
        return made

    manager = user("tm.bench", Role.TEAM_MANAGER, cic)
    workers = [user(f"sw.bench{i}", Role.SOCIAL_WORKER, cic) for i in range(20)]
    others = [user(f"sw.other{i}", Role.SOCIAL_WORKER, other) for i in range(20)]
    iros = [user(f"iro.bench{i}", Role.SOCIAL_WORKER, reviewing) for i in range(4)]
    kinds = ["foster"] * 6 + ["connected", "home", "supported"]
    carers = Carer.objects.bulk_create(
        Carer(name=f"Carer {i}", kind=rng.choice(kinds), provider="PR4", postcode=f"NB{i % 9 + 1} {i % 9}AB")
        for i in range(300)
    )
    people = Person.objects.bulk_create(
        Person(
            la_id=f"BC{n:07d}",
            given_name=f"Child{n}",
            family_name="Bench",
            date_of_birth=today - dt.timedelta(days=rng.randint(3 * 365, 15 * 365)),
            search_given=f"child{n}",
            search_family="bench",
        )
        for n in range(children)
    )
    involvements, episodes, records, reviews, visits = [], [], [], [], []
    for n, child in enumerate(people):
        worker = workers[n % len(workers)] if n < team_size else others[n % len(others)]
        involvements.append(
            Involvement(child=child, kind=InvolvementKind.ALLOCATED_WORKER, user=worker, team=worker.team)
        )
        iro = iros[n % len(iros)]
        involvements.append(
            Involvement(child=child, kind=InvolvementKind.OPEN_WORK, team=reviewing, reason=services.IRO_REASON)
        )
        history = history_for(rng, child.date_of_birth, today, carers, may_end=n >= team_size)
        for e in history:
            e.child = child
        episodes.extend(history)
        start = rules.period_start(history) or history[0].start_date
        records.append(CareRecord(child=child, period_start=start, iro=iro, in_care=history[-1].end_date is None))
        held = start + dt.timedelta(days=rng.randint(15, 28))
        sequence = 1
        while held < today:
            reviews.append(
                Review(
                    child=child,
                    sequence=sequence,
                    due_on=held,
                    held_on=held,
                    chair=iro,
                    participation="PN1",
                    decisions="Plan continues.",
                    recorded_by=iro,
                )
            )
            held += dt.timedelta(days=rng.randint(80, 200))
            sequence += 1
        day = history[-1].start_date + dt.timedelta(days=rng.randint(3, 10))
        while day < today:
            visits.append(
                Visit(
                    child=child,
                    visited_on=day,
                    visitor=worker,
                    child_seen=True,
                    child_seen_alone=True,
                    summary="Seen at the placement.",
                )
            )
            day += dt.timedelta(days=rng.randint(30, 50))
    with transaction.atomic():
        Involvement.objects.bulk_create(involvements, batch_size=2000)
        Episode.objects.bulk_create(episodes, batch_size=2000)
        CareRecord.objects.bulk_create(records, batch_size=2000)
        Review.objects.bulk_create(reviews, batch_size=2000)
        Visit.objects.bulk_create(visits, batch_size=2000)
    began = time.perf_counter()
    with transaction.atomic():
        for child in people:
            services.refresh_duties(child)
    duties_seconds = time.perf_counter() - began
    return {
        "children": len(people),
        "episodes": len(episodes),
        "reviews": len(reviews),
        "visits": len(visits),
        "in_care": CareRecord.objects.filter(in_care=True).count(),
        "duties_seconds": round(duties_seconds, 2),
        "manager": manager.username,
    }


def history_for(rng, dob, today, carers, *, may_end: bool = True):  # type: ignore[no-untyped-def]
    """A random care history that keeps every episode rule: foster placements with
    changes of each kind (L, P, T, U, B), sometimes a period ended and a second begun."""
    import datetime as dt

    from safeguard.care.models import Episode

    def foster(carer):  # type: ignore[no-untyped-def]
        return {
            "placement_type": "U6",
            "placement_provider": "PR4",
            "placement_postcode": carer.postcode,
            "urn": "",
            "carer_id": carer.pk,
        }

    start = max(today - dt.timedelta(days=rng.randint(30, 4 * 365)), dob + dt.timedelta(days=30))
    episodes = []
    status = "V2"
    carer = rng.choice(carers)
    current = Episode(
        start_date=start, reason_new_episode="S", legal_status=status, category_of_need="N1", **foster(carer)
    )
    episodes.append(current)
    day = start
    for _ in range(rng.randint(0, 7)):
        day = day + dt.timedelta(days=rng.randint(20, 120))
        if day >= today:
            break
        kind = rng.choice("LPTUB")
        change_legal, change_placement, change_carer = {
            "L": (True, False, False),
            "P": (False, True, True),
            "T": (False, True, False),
            "U": (True, True, False),
            "B": (True, True, True),
        }[kind]
        new_status = {"V2": "C1", "C1": "C2", "C2": "E1", "E1": "C2"}[status] if change_legal else status
        new_carer = rng.choice([c for c in carers if c.pk != carer.pk]) if change_carer else carer
        placement = foster(new_carer)
        if change_placement and not change_carer:
            placement["placement_postcode"] = f"NB{rng.randint(1, 9)} {rng.randint(1, 9)}ZZ"
            if placement["placement_postcode"] == current.placement_postcode:
                placement["placement_postcode"] = "NB1 1YY" if current.placement_postcode != "NB1 1YY" else "NB2 2YY"
        if not change_placement:
            placement = {
                k: getattr(current, k)
                for k in ("placement_type", "placement_provider", "placement_postcode", "urn", "carer_id")
            }
        current.end_date, current.end_reason = day, "X1"
        current.placement_change_reason = "CARPL" if change_placement else ""
        current = Episode(
            start_date=day, reason_new_episode=kind, legal_status=new_status, category_of_need="N1", **placement
        )
        episodes.append(current)
        status, carer = new_status, new_carer
    if may_end and rng.random() < 0.1 and day + dt.timedelta(days=60) < today:
        current.end_date, current.end_reason = day + dt.timedelta(days=30), "E4A"
    return episodes


def measure(requests: int, repeat: int) -> dict:
    from collections import defaultdict

    from django.test import Client

    from safeguard.accounts.models import User
    from safeguard.care import rules
    from safeguard.care.models import Episode
    from safeguard.people.models import Person

    client = Client()
    client.force_login(User.objects.get(username="tm.bench"))
    response = client.get("/care/team/")
    assert response.status_code == 200, response.status_code
    rows = response.content.decode().count('class="govuk-table__row"') - 1
    for _ in range(5):  # warm-up
        client.get("/care/team/")
    samples, cpu = [], []
    for _ in range(requests):
        began, began_cpu = time.perf_counter(), time.process_time()
        client.get("/care/team/")
        samples.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)

    class Row:
        __slots__ = (
            "carer_id",
            "category_of_need",
            "end_date",
            "end_reason",
            "legal_status",
            "placement_change_reason",
            "placement_postcode",
            "placement_provider",
            "placement_type",
            "reason_new_episode",
            "start_date",
            "urn",
        )

    fields = Row.__slots__
    runs, problems, checked = [], 0, 0
    for _ in range(repeat):
        began = time.perf_counter()
        dobs = dict(Person.objects.filter(care_episodes__isnull=False).distinct().values_list("pk", "date_of_birth"))
        histories: dict[int, list[Row]] = defaultdict(list)
        for values in Episode.objects.order_by("child_id", "start_date", "id").values_list("child_id", *fields):
            row = Row()
            for name, value in zip(fields, values[1:], strict=True):
                setattr(row, name, value)
            histories[values[0]].append(row)
        problems, checked = 0, 0
        today = time.strftime("%Y-%m-%d")
        import datetime as dt

        on = dt.date.fromisoformat(today)
        for child_id, history in histories.items():
            problems += len(rules.check_history(history, dob=dobs.get(child_id)))
            rules.placements_in_last_12_months(history, on)
            rules.current_placement_since(history)
            checked += 1
        runs.append(time.perf_counter() - began)
    return {
        "team_rows": rows,
        "team_ms": samples,
        "team_cpu_ms": cpu,
        "histories": runs,
        "problems": problems,
        "checked": checked,
    }


def inside(action: str, args: argparse.Namespace) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    result = build(args.children, args.team) if action == "build" else measure(args.requests, args.repeat)
    print("RESULT " + json.dumps(result), flush=True)


def run_inside(action: str, url: str, args: argparse.Namespace) -> dict:
    out = subprocess.run(
        [
            PYTHON,
            __file__,
            "--inside",
            action,
            "--children",
            str(args.children),
            "--team",
            str(args.team),
            "--requests",
            str(args.requests),
            "--repeat",
            str(args.repeat),
        ],
        env={**env_for(url), "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1"},
        cwd=ROOT,
        check=True,
        text=True,
        stdout=subprocess.PIPE,
        timeout=3600,
    ).stdout
    return json.loads(next(line for line in out.splitlines() if line.startswith("RESULT "))[len("RESULT ") :])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--children", type=int, default=int(os.environ.get("BENCH_CARE_CHILDREN") or 1500))
    parser.add_argument("--team", type=int, default=int(os.environ.get("BENCH_CARE_TEAM") or 400))
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--inside", choices=["build", "measure"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        inside(args.inside, args)
        return
    workdir = Path(tempfile.mkdtemp(prefix="safeguard-bench-care-"))
    db = workdir / "care.sqlite3"
    try:
        note(f"migrating {db}")
        manage(["migrate", "--no-input", "-v", "0"], sqlite_url(db))
        began = time.perf_counter()
        built = run_inside("build", sqlite_url(db), args)
        note(f"built in {time.perf_counter() - began:.1f} s: {built}")
        note(f"recomputing the stored deadlines of {built['children']} children took {built['duties_seconds']} s")
        result = run_inside("measure", sqlite_url(db), args)
        note(
            f"team view: {result['team_rows']} rows, {len(result['team_ms'])} requests, "
            f"median {statistics.median(result['team_ms']):.1f} ms; CPU time per request (this process, SQLite "
            f"in-process) median {statistics.median(result['team_cpu_ms']):.1f} ms, "
            f"p95 {percentile(result['team_cpu_ms'], 95):.1f} ms; load average {os.getloadavg()[0]:.1f}"
        )
        note(
            f"histories: {result['checked']} children checked, {result['problems']} rule problems, "
            f"runs {[round(x, 2) for x in result['histories']]} s"
        )
        print(bench_line("care.team_view_p95", percentile(result["team_ms"], 95), "ms", "<=", TEAM_VIEW_TARGET_MS))
        ok = result["problems"] == 0 and statistics.median(result["histories"]) <= HISTORIES_TARGET_S
        print(
            bench_line(
                "care.histories_check_seconds",
                statistics.median(result["histories"]),
                "s",
                "<=",
                HISTORIES_TARGET_S,
                ok=ok,
            )
        )
    finally:
        if os.environ.get("BENCH_CARE_KEEP"):
            note(f"kept {db}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
