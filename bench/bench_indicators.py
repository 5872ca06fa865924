"""The indicators dashboard with 50,000 children and a year of activity.

    .venv/bin/python bench/bench_indicators.py [--children 50000] [--requests 100]
    BENCH_DATABASE_URL=postgresql://... to measure on PostgreSQL (default: a fresh SQLite file)

Builds a fresh database and writes in bulk, for ``--children`` children over the last 12
months: a contact for every child (decided, most within one working day), a referral for
40% (a fifth of them re-referrals), an assessment for 35% (authorised, most within 45
working days), a section 47 enquiry, initial conference and child protection plan for 6%
(some second plans, some ended after two years), and an allocated worker for 30%,
spread over one worker per 17 children. Then it runs the nightly refresh
(``refresh_indicators``, timed), serves the app (``runserver --noreload``, DEBUG off),
signs an analyst in through the real form and times, after a warm-up, ``--requests``
requests of the dashboard and of a drill-down (pseudonymised, a month of contacts):

    BENCH indicators.refresh_seconds <s> s target <=600
    BENCH indicators.dashboard_p95 <ms> ms target <=300
    BENCH indicators.drilldown_p95 <ms> ms target <=1000

Every request is the real view: it asks the policy and writes its audit event.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import ROOT, SEED, bench_line, manage, note, percentile, remove_sqlite, sqlite_url
from bench_pages import server, sign_in, timed

ANALYST = "analyst.bench"
CASES_PER_WORKER = 17


def build(children: int, seed: int = SEED) -> dict[str, Any]:
    """Write a year of activity in bulk (called inside ``manage.py shell``)."""
    import datetime as dt
    import random

    from django.db import connection, transaction
    from django.utils import timezone

    from safeguard.access.models import Involvement, InvolvementKind
    from safeguard.accounts import services as account_services
    from safeguard.accounts.models import AgencyKind, Role, TeamKind, User
    from safeguard.casework import models as cw
    from safeguard.casework import rules as cw_rules
    from safeguard.demo.data import DEMO_PASSWORD
    from safeguard.frontdoor import rules as fd_rules
    from safeguard.frontdoor.models import Contact, Referral
    from safeguard.lib.names import fold
    from safeguard.people.models import Person

    rng = random.Random(seed)
    system = account_services.system_user()
    council = account_services.agency_create(
        actor=system, name="Bench Children's Services", kind=AgencyKind.CHILDRENS_SOCIAL_CARE
    )
    teams = [
        account_services.team_create(actor=system, agency=council, name=f"Bench Team {n}", kind=TeamKind.ASSESSMENT)
        for n in range(1, 21)
    ]
    perf = account_services.team_create(
        actor=system, agency=council, name="Bench Performance", kind=TeamKind.PERFORMANCE
    )
    account_services.user_create(
        actor=system,
        username=ANALYST,
        first_name="Bench",
        last_name="Analyst",
        email="analyst.bench@northbrook.example",
        role=Role.ANALYST,
        agency=council,
        team=perf,
        password=DEMO_PASSWORD,
        must_change_password=False,
    )
    now = timezone.now()
    today = timezone.localdate()
    start = today - dt.timedelta(days=365)

    def moment(day: dt.date, hour: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, rng.choice([0, 15, 30, 45])), tzinfo=fd_rules.LONDON)

    with transaction.atomic():
        worker_count = max(1, int(children * 0.3) // CASES_PER_WORKER)
        User.objects.bulk_create(
            [
                User(
                    username=f"sw.indbench{n}",
                    first_name="Worker",
                    last_name=f"Bench{n}",
                    role=Role.SOCIAL_WORKER,
                    agency=council,
                    team=teams[n % len(teams)],
                    password="!",
                )
                for n in range(worker_count)
            ],
            batch_size=1000,
        )
        workers = list(User.objects.filter(username__startswith="sw.indbench").values_list("pk", "team_id"))
        people = [
            Person(
                la_id=f"IB{i:07d}",
                given_name="Child",
                family_name=f"Bench{i}",
                search_given=fold("Child"),
                search_family=fold(f"Bench{i}"),
                date_of_birth=today - dt.timedelta(days=rng.randrange(30, 17 * 365)),
                sex=rng.choice("MF"),
            )
            for i in range(children)
        ]
        Person.objects.bulk_create(people, batch_size=2000)
        contacts, referral_rows, assessments, plans_rows, involvements = [], [], [], [], []
        for i, person in enumerate(people):
            day = start + dt.timedelta(days=rng.randrange(365))
            received = moment(day, rng.randrange(8, 18))
            due = fd_rules.contact_decision_due(received)
            decided = (
                due - dt.timedelta(hours=rng.randrange(1, 6)) if rng.random() < 0.85 else due + dt.timedelta(days=1)
            )
            decided = min(decided, now)
            contacts.append(
                Contact(
                    reference=f"IB-{i:07d}",
                    received_at=received,
                    referrer_name="Bench referrer",
                    source="5A",
                    narrative="Bench contact",
                    consent="given",
                    child=person,
                    match_status="confirmed",
                    status="decided",
                    decision_due_at=due,
                    decision="referral" if i % 5 < 2 else "nfa",
                    decided_at=decided,
                )
            )
            if i % 5 < 2:
                referral_rows.append((i, person, day))
            if i % 20 < 7:
                referral = day
                started = referral + dt.timedelta(days=rng.randrange(0, 5))
                due_on = cw_rules.assessment_due(referral)
                authorised = started + dt.timedelta(days=rng.randrange(20, 75))
                if authorised <= today:
                    assessments.append(
                        cw.Assessment(
                            child=person,
                            team=teams[i % len(teams)],
                            referral_date=referral,
                            started_on=started,
                            due_on=due_on,
                            status="authorised",
                            outcome="nfa",
                            authorised_on=authorised,
                        )
                    )
            if i % 50 < 3:
                plans_rows.append((person, day))
            if i % 10 < 3:
                worker_id, team_id = workers[i % len(workers)]
                involvements.append(
                    Involvement(
                        child=person,
                        kind=InvolvementKind.ALLOCATED_WORKER,
                        user_id=worker_id,
                        team_id=team_id,
                        reason="Allocated",
                        started_at=now - dt.timedelta(days=rng.randrange(1, 400)),
                    )
                )
        Contact.objects.bulk_create(contacts, batch_size=2000)
        by_ref = {c.reference: c for c in contacts}
        Referral.objects.bulk_create(
            [
                Referral(
                    child=person,
                    contact=by_ref[f"IB-{i:07d}"],
                    referral_date=day,
                    source="5A",
                    route="referral",
                    team=teams[i % len(teams)],
                    is_re_referral=i % 25 == 0,
                )
                for i, person, day in referral_rows
            ],
            batch_size=2000,
        )
        cw.Assessment.objects.bulk_create(assessments, batch_size=2000)
        Involvement.objects.bulk_create(involvements, batch_size=2000)
        discussions = [
            cw.StrategyDiscussion(
                child=person, held_on=day, chair=system, reason="Bench", decision="s47_single", decision_reason="Bench"
            )
            for person, day in plans_rows
        ]
        cw.StrategyDiscussion.objects.bulk_create(discussions, batch_size=2000)
        enquiries = [
            cw.Section47Enquiry(
                child=d.child,
                strategy_discussion=d,
                started_on=d.held_on,
                initial_conference_due=cw_rules.initial_conference_due(d.held_on),
            )
            for d in discussions
        ]
        cw.Section47Enquiry.objects.bulk_create(enquiries, batch_size=2000)
        plans, conferences = [], []
        for n, enquiry in enumerate(enquiries):
            held = min(enquiry.started_on + dt.timedelta(days=rng.randrange(10, 28)), today)
            plan = cw.ChildProtectionPlan(
                child=enquiry.child,
                initial_category="NEG",
                latest_category="NEG",
                started_on=held,
                previous_plans=1 if n % 6 == 0 else 0,
                first_core_group_due=held,
                next_core_group_due=held,
                next_review_due=held,
                next_visit_due=held,
            )
            plans.append(plan)
            conferences.append(
                cw.Conference(
                    child=enquiry.child,
                    kind="initial",
                    enquiry=enquiry,
                    due_on=enquiry.initial_conference_due,
                    held_on=held,
                    decision="plan",
                )
            )
            if n % 4 == 0:  # an older plan that ended this year
                begun = held - dt.timedelta(days=rng.choice([400, 800]))
                plans.append(
                    cw.ChildProtectionPlan(
                        child=enquiry.child,
                        initial_category="EMO",
                        latest_category="EMO",
                        started_on=begun,
                        ended_on=held - dt.timedelta(days=1),
                        end_reason="moved",
                        first_core_group_due=begun,
                        next_core_group_due=begun,
                        next_review_due=begun,
                        next_visit_due=begun,
                    )
                )
        cw.ChildProtectionPlan.objects.bulk_create(plans, batch_size=2000)
        cw.Conference.objects.bulk_create(conferences, batch_size=2000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    month = (today.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    return {
        "children": children,
        "contacts": len(contacts),
        "referrals": len(referral_rows),
        "assessments": len(assessments),
        "plans": len(plans),
        "allocations": len(involvements),
        "workers": len(workers),
        "drill_month": month,
    }


BUILD = (
    "import sys; sys.path.insert(0, {bench!r}); import json, bench_indicators; "
    "print('BUILD ' + json.dumps(bench_indicators.build({children})))"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--children", type=int, default=int(os.environ.get("BENCH_CHILDREN") or 50_000))
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()

    path: Path | None = None
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url:
        path = Path(tempfile.gettempdir()) / "safeguard-bench-indicators.sqlite3"
        remove_sqlite(path)
        url = sqlite_url(path)
    manage(["migrate", "--no-input", "-v", "0"], url)
    started = time.perf_counter()
    out = manage(
        ["shell", "-v", "0", "-c", BUILD.format(bench=str(ROOT / "bench"), children=args.children)], url, capture=True
    )
    facts = json.loads(next(line for line in out.splitlines() if line.startswith("BUILD "))[len("BUILD ") :])
    note(f"built {json.dumps(facts)} in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    manage(["refresh_indicators", "--quiet"], url)
    refresh = time.perf_counter() - started
    note(f"nightly refresh of 13 months: {refresh:.1f} s")

    lines = [bench_line("indicators.refresh_seconds", refresh, "s", "<=", 600)]
    with server(url) as (_proc, base):
        analyst = sign_in(base, ANALYST)
        for name, target_url, target in (
            ("dashboard", f"{base}/indicators/", 300),
            ("drilldown", f"{base}/indicators/contacts_decided_1wd/{facts['drill_month']}/", 1000),
        ):
            samples, failed = timed(analyst, [target_url], args.requests)
            note(
                f"{name}: median {percentile(samples, 50):.1f} ms, max {max(samples):.1f} ms "
                f"over {len(samples)} requests, {failed} not 200"
            )
            lines.append(
                bench_line(
                    f"indicators.{name}_p95", percentile(samples, 95), "ms", "<=", target, ok=False if failed else None
                )
            )
    if path is not None:
        remove_sqlite(path)
    for line in lines:
        print(line, flush=True)
    if any(line.endswith("FAIL") for line in lines):
        sys.exit(1)


if __name__ == "__main__":
    main()
