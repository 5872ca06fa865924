"""The national returns at full scale: the CIN census and Annex A for 50,000 children with
a year of activity.

    .venv/bin/python bench/bench_returns.py [--children N] [--repeat 3]

Takes a copy of the database bench_seed.py left at $BENCH_SQLITE_DB when it exists (else
migrates and seeds its own SQLite file with `seed_demo --children N`), then writes a year
of help and protection activity in bulk, seeded, for every child: the 2025/26 collection
year (1 April 2025 to 31 March 2026), each child with a contact and a referral and an
assessment; one in ten a strategy discussion and section 47 enquiry, half of those an
initial conference (on a working day) and a child protection plan with reviews; one in
five a child in need plan. Then times, in a separate process, the whole production of each
file as `manage.py export_cin_census` and `export_annex_a` do it (reading, building,
writing; without the DfE validator), median of --repeat runs:

    BENCH returns.cin_census_seconds <s> s target <=30
    BENCH returns.annex_a_seconds <s> s target <=20
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

from _common import PYTHON, ROOT, SEED, bench_line, children_from_env, env_for, manage, note, remove_sqlite, sqlite_url

CIN_TARGET = 30
ANNEX_A_TARGET = 20
YEAR = 2026


def ensure_authority(children: int, rng) -> None:  # type: ignore[no-untyped-def]
    """When the demo seed could not run: a council, a team, a worker and ``children``
    children, in bulk."""
    import datetime as dt

    from safeguard.accounts import services as account_services
    from safeguard.accounts.models import Agency, AgencyKind, Team, TeamKind
    from safeguard.lib.names import fold
    from safeguard.people.models import Person

    system = account_services.system_user()
    council = Agency.objects.filter(kind=AgencyKind.CHILDRENS_SOCIAL_CARE).first() or account_services.agency_create(
        actor=system, name="Northbrook Children's Services", kind=AgencyKind.CHILDRENS_SOCIAL_CARE
    )
    if not Team.objects.filter(kind=TeamKind.ASSESSMENT).exists():
        team = account_services.team_create(
            actor=system, agency=council, name="Assessment Team", kind=TeamKind.ASSESSMENT
        )
        account_services.user_create(
            actor=system,
            username="sw.bench",
            first_name="Sam",
            last_name="Bench",
            email="sw.bench@northbrook.example",
            role="social_worker",
            agency=council,
            team=team,
        )
    have = Person.objects.filter(kind="child").count()
    people = []
    for i in range(have, children):
        given, family = rng.choice(["Ava", "Noah", "Mia", "Leo"]), rng.choice(["Hughes", "Patel", "Khan", "Walsh"])
        people.append(
            Person(
                la_id=f"NB8{i:07d}",
                given_name=given,
                family_name=family,
                search_given=fold(given),
                search_family=fold(family),
                date_of_birth=dt.date(2008, 1, 1) + dt.timedelta(days=rng.randrange(6000)),
                sex=rng.choice("MF"),
                ethnicity=rng.choice(["WBRI", "AIND", "BAFR", "MWBC"]),
                disabilities=["NONE"],
            )
        )
    Person.objects.bulk_create(people, batch_size=5000)


def build(seed: int, children: int) -> dict[str, int]:
    """A year of activity for every child, written in bulk (a benchmark's data, not a
    practitioner's work: the services would take hours for 50,000 children)."""
    import datetime as dt
    import random

    from django.db import transaction
    from django.utils import timezone

    from safeguard.accounts.models import Agency, AgencyKind, Team, TeamKind, User
    from safeguard.casework import models as cw
    from safeguard.frontdoor.models import Contact, Referral
    from safeguard.lib.workingdays import add_working_days, is_working_day
    from safeguard.people.models import Person

    rng = random.Random(seed)
    start = dt.date(YEAR - 1, 4, 1)
    ensure_authority(children, rng)
    council = Agency.objects.filter(kind=AgencyKind.CHILDRENS_SOCIAL_CARE).order_by("pk").first()
    team = Team.objects.filter(kind=TeamKind.ASSESSMENT).order_by("pk").first()
    chair = User.objects.filter(team=team).order_by("pk").first() or User.objects.order_by("pk").first()
    assert council is not None and team is not None and chair is not None
    children = list(
        Person.objects.filter(kind="child", merged_into__isnull=True, date_of_birth__lt=start).values_list(
            "pk", flat=True
        )
    )
    sources = ["1A", "2A", "3A", "3E", "4", "5A", "6", "8"]

    def weekday(day: dt.date) -> dt.date:
        while not is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    counts = {"children": len(children), "referrals": 0, "enquiries": 0, "plans": 0, "cin_plans": 0}
    batch = 5000
    for offset in range(0, len(children), batch):
        chunk = children[offset : offset + batch]
        with transaction.atomic():
            contacts, referral_days = [], []
            for n, child_id in enumerate(chunk):
                day = weekday(start + dt.timedelta(days=rng.randrange(0, 200)))
                received = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
                source = rng.choice(sources)
                referral_days.append(day)
                contacts.append(
                    Contact(
                        reference=f"RB{offset + n:07d}",
                        received_at=received,
                        referrer_name="Bench referrer",
                        source=source,
                        narrative="Concerns about the child's care at home.",
                        consent="given",
                        child_id=child_id,
                        match_status="confirmed",
                        status="decided",
                        decision_due_at=received + dt.timedelta(days=1),
                        decision="referral",
                        decision_rationale="Threshold met.",
                        decided_at=received + dt.timedelta(hours=4),
                        referred_to_team=team,
                    )
                )
            Contact.objects.bulk_create(contacts)
            referrals = [
                Referral(child_id=c.child_id, contact=c, referral_date=d, source=c.source, route="referral", team=team)
                for c, d in zip(contacts, referral_days, strict=True)
            ]
            Referral.objects.bulk_create(referrals)
            assessments, discussions, plan_specs, cin_plans = [], [], [], []
            for referral in referrals:
                day = referral.referral_date
                roll = rng.random()
                authorised = add_working_days(day, rng.randrange(10, 44))
                outcome = "strategy" if roll < 0.1 else ("cin_plan" if roll < 0.3 else "nfa")
                assessments.append(
                    cw.Assessment(
                        child_id=referral.child_id,
                        referral=referral,
                        team=team,
                        referral_date=day,
                        started_on=day,
                        due_on=add_working_days(day, 45),
                        factors=rng.sample(["3B", "4B", "16A", "17A", "1B", "14A"], 2),
                        outcome=outcome,
                        status="authorised",
                        authorised_on=authorised,
                    )
                )
                if outcome == "strategy":
                    held = add_working_days(day, 1)
                    discussions.append(
                        cw.StrategyDiscussion(
                            child_id=referral.child_id,
                            held_on=held,
                            chair=chair,
                            reason="Significant harm suspected",
                            decision="s47_single",
                            decision_reason="Threshold met",
                        )
                    )
                    plan_specs.append(rng.random() < 0.5)
                elif outcome == "cin_plan":
                    ended = authorised + dt.timedelta(days=rng.randrange(60, 300))
                    cin_plans.append(
                        cw.ChildInNeedPlan(
                            child_id=referral.child_id,
                            started_on=authorised,
                            ended_on=ended if ended <= dt.date(YEAR, 3, 31) else None,
                            end_reason="Needs met" if ended <= dt.date(YEAR, 3, 31) else "",
                            next_review_due=authorised + dt.timedelta(days=90),
                        )
                    )
            cw.Assessment.objects.bulk_create(assessments)
            cw.StrategyDiscussion.objects.bulk_create(discussions)
            cw.ChildInNeedPlan.objects.bulk_create(cin_plans)
            enquiries = [
                cw.Section47Enquiry(
                    child_id=d.child_id,
                    strategy_discussion=d,
                    started_on=d.held_on,
                    initial_conference_due=add_working_days(d.held_on, 15),
                    outcome="substantiated_at_risk" if at_risk else "not_substantiated",
                    completed_on=add_working_days(d.held_on, 8),
                    findings="Findings recorded.",
                )
                for d, at_risk in zip(discussions, plan_specs, strict=True)
            ]
            cw.Section47Enquiry.objects.bulk_create(enquiries)
            plans, icpcs = [], []
            for enquiry, at_risk in zip(enquiries, plan_specs, strict=True):
                if not at_risk:
                    continue
                held = add_working_days(enquiry.started_on, 12)
                plans.append(
                    cw.ChildProtectionPlan(
                        child_id=enquiry.child_id,
                        initial_category="NEG",
                        latest_category=rng.choice(["NEG", "EMO", "PHY"]),
                        started_on=held,
                        first_core_group_due=add_working_days(held, 10),
                        next_core_group_due=add_working_days(held, 10),
                        next_review_due=held + dt.timedelta(days=90),
                        next_visit_due=held + dt.timedelta(days=10),
                    )
                )
                icpcs.append((enquiry, held))
            cw.ChildProtectionPlan.objects.bulk_create(plans)
            conferences = []
            for plan, (enquiry, held) in zip(plans, icpcs, strict=True):
                conferences.append(
                    cw.Conference(
                        child_id=plan.child_id,
                        kind="initial",
                        enquiry=enquiry,
                        plan=plan,
                        due_on=enquiry.initial_conference_due,
                        held_on=held,
                        chair=chair,
                        decision="plan",
                        category="NEG",
                    )
                )
                review = weekday(held + dt.timedelta(days=90))
                if review <= dt.date(YEAR, 3, 31):
                    conferences.append(
                        cw.Conference(
                            child_id=plan.child_id,
                            kind="review",
                            plan=plan,
                            due_on=review,
                            held_on=review,
                            chair=chair,
                            decision="continue",
                            category=plan.latest_category,
                        )
                    )
            cw.Conference.objects.bulk_create(conferences)
        counts["referrals"] += len(referrals)
        counts["enquiries"] += len(enquiries)
        counts["plans"] += len(plans)
        counts["cin_plans"] += len(cin_plans)
    return counts


def measure(repeat: int) -> dict[str, list[float] | int]:
    """Produce each file as the commands do (no validation), ``repeat`` times."""
    import datetime as dt

    from safeguard.returns import services

    cin: list[float] = []
    annex: list[float] = []
    children = 0
    rows = 0
    for _ in range(repeat):
        began = time.perf_counter()
        produced = services.produce_cin_census(YEAR)
        cin.append(time.perf_counter() - began)
        children = produced.children
        began = time.perf_counter()
        workbook = services.produce_annex_a(dt.date(YEAR - 1, 10, 1), dt.date(YEAR, 3, 31))
        annex.append(time.perf_counter() - began)
        rows = workbook.children
    return {"cin": cin, "annex_a": annex, "cin_children": children, "annex_a_children": rows}


def inside(action: str, repeat: int, children: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    result = build(SEED, children) if action == "build" else measure(repeat)
    print("RESULT " + json.dumps(result), flush=True)


def run_inside(action: str, url: str, repeat: int, children: int) -> dict:
    out = subprocess.run(
        [PYTHON, __file__, "--inside", action, "--repeat", str(repeat), "--children", str(children)],
        env=env_for(url),
        cwd=ROOT,
        check=True,
        text=True,
        stdout=subprocess.PIPE,
        timeout=3600,
    ).stdout
    return json.loads(next(line for line in out.splitlines() if line.startswith("RESULT "))[len("RESULT ") :])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--children", type=int, default=children_from_env())
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--inside", choices=["build", "measure"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        inside(args.inside, args.repeat, args.children)
        return
    workdir = Path(tempfile.mkdtemp(prefix="safeguard-bench-returns-"))
    db = workdir / "returns.sqlite3"
    shared = os.environ.get("BENCH_SQLITE_DB")
    try:
        if shared and Path(shared).exists():
            note(f"copying the seeded database {shared}")
            shutil.copyfile(shared, db)
            manage(["migrate", "--no-input", "-v", "0"], sqlite_url(db))
        else:
            remove_sqlite(db)
            note(f"migrating and seeding {args.children} children at {db}")
            manage(["migrate", "--no-input", "-v", "0"], sqlite_url(db))
            try:
                manage(["seed_demo", "--children", str(args.children), "--seed", str(SEED), "-v", "0"], sqlite_url(db))
            except subprocess.CalledProcessError:
                note("seed_demo failed: making the children in bulk instead")
                remove_sqlite(db)
                manage(["migrate", "--no-input", "-v", "0"], sqlite_url(db))
        started = time.perf_counter()
        built = run_inside("build", sqlite_url(db), 1, args.children)
        note(f"wrote a year of activity in {time.perf_counter() - started:.1f} s: {built}")
        result = run_inside("measure", sqlite_url(db), args.repeat, args.children)
        note(f"CIN census: {result['cin_children']} children, runs {[round(x, 1) for x in result['cin']]} s")
        note(f"Annex A: {result['annex_a_children']} children, runs {[round(x, 1) for x in result['annex_a']]} s")
        print(bench_line("returns.cin_census_seconds", statistics.median(result["cin"]), "s", "<=", CIN_TARGET))
        print(bench_line("returns.annex_a_seconds", statistics.median(result["annex_a"]), "s", "<=", ANNEX_A_TARGET))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
