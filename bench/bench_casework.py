"""Casework pages with a long history and a full team, on PostgreSQL.

    .venv/bin/python bench/bench_casework.py [--children 2000] [--requests 100]

Builds a fresh PostgreSQL database (`safeguard_bench_casework` at $BENCH_PG_SERVER,
default postgres://postgres@127.0.0.1:5432, dropped and recreated): the synthetic
authority (`seed_demo --children N`, a background of other children), then, written in
bulk:

- one child with five years of history, 2,000 chronology events across every source
  (contacts and their decisions, referrals, partners' answers, assessments, strategy
  discussions, section 47 enquiries, conferences, child protection plans, core groups,
  child in need plans and reviews, visits with the child seen, significant events), plus
  ordinary case notes that are not chronology events; allocated to a demo social worker;
- a team of 20 social workers and their manager holding 600 open cases (allocations, open
  work, assessments, plans, visits and reviews due, some overdue).

Then serves the app (`manage.py runserver --noreload`, DEBUG off), signs in through the
real form, and times, after a warm-up, --requests requests each of:

    BENCH casework.child_page_p95 <ms> ms target <=200        the child's record
    BENCH casework.chronology_p95 <ms> ms target <=300        /cases/<uuid>/chronology/
    BENCH casework.chronology_pdf_seconds <s> s target <=3    one PDF of all 2,000 entries (median of 3)
    BENCH casework.my_work_p95 <ms> ms target <=200           "/" for the team's manager

Every request is a real view: it asks the policy and writes its audit event.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from typing import Any

from _common import PYTHON, ROOT, SEED, bench_line, manage, note, percentile
from bench_pages import server, sign_in, timed

PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
PG_DATABASE = "safeguard_bench_casework"
BACKGROUND_CHILDREN = 2000
HISTORY_WORKER = "sw.assessment1"
TEAM_MANAGER = "tm.bench"
TEAM_SIZE = 20
TEAM_CASES = 600
EVENTS = 2000
YEARS = 5

# How the 2,000 chronology entries of the long history are made up: records of each
# kind, and the entries each record gives (a decided contact is received and decided).
HISTORY = {
    "contacts": 120,  # x2 entries
    "referrals": 40,  # of those contacts
    "answers": 60,
    "assessments": 40,  # x2: started, authorised
    "strategy": 40,
    "enquiries": 30,  # x2: started, completed
    "conferences": 40,
    "cp_plans": 10,  # x2 but the last is open: 19
    "core_groups": 100,
    "cin_plans": 8,  # x2: 16
    "cin_reviews": 40,
    "visits": 1000,
    "significant": 265,
}
ORDINARY_NOTES = 500


def expected_entries() -> int:
    h = HISTORY
    return (
        2 * h["contacts"]
        + h["referrals"]
        + h["answers"]
        + 2 * h["assessments"]
        + h["strategy"]
        + 2 * h["enquiries"]
        + h["conferences"]
        + 2 * h["cp_plans"]
        - 1
        + h["core_groups"]
        + 2 * h["cin_plans"]
        + h["cin_reviews"]
        + h["visits"]
        + h["significant"]
    )


# --- Building the data (runs inside `manage.py shell`) ------------------------------------


def build(seed: int = SEED) -> dict[str, Any]:
    """Write the long history and the team in bulk; return what the timings need."""
    import datetime as dt
    import random

    from django.db import connection, transaction
    from django.utils import timezone

    from safeguard.access.models import Involvement, InvolvementKind
    from safeguard.accounts import services as account_services
    from safeguard.accounts.models import Agency, AgencyKind, Role, TeamKind, User
    from safeguard.casework import models as cw
    from safeguard.demo.data import DEMO_PASSWORD
    from safeguard.frontdoor.models import Contact, InformationRequest, Referral
    from safeguard.lib.names import fold
    from safeguard.people.models import Person

    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    start = today - dt.timedelta(days=365 * YEARS)
    span = (today - start).days - 1

    def day(i: int, n: int) -> dt.date:
        """The i-th of n dates spread over the five years, with a little jitter."""
        return start + dt.timedelta(days=min(span, max(0, int(span * (i + rng.random()) / n))))

    def moment(d: dt.date, hour: int = 10) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(d, dt.time(hour, rng.randrange(60))))

    system = account_services.system_user()
    worker = User.objects.get(username=HISTORY_WORKER)
    council = Agency.objects.filter(kind=AgencyKind.CHILDRENS_SOCIAL_CARE).order_by("pk").first()
    partners = list(Agency.objects.exclude(kind=AgencyKind.CHILDRENS_SOCIAL_CARE).order_by("pk"))
    police = next(a for a in partners if a.kind == AgencyKind.POLICE)
    health = next(a for a in partners if a.kind == AgencyKind.NHS_TRUST)
    assert council is not None and worker.team is not None
    team = worker.team
    manager = User.objects.filter(team=team, role=Role.TEAM_MANAGER).first() or worker
    child = (
        Person.objects.filter(
            involvements__kind=InvolvementKind.ALLOCATED_WORKER,
            involvements__user=worker,
            involvements__ended_at__isnull=True,
            access_level="standard",
        )
        .order_by("pk")
        .first()
    )
    assert child is not None, f"{HISTORY_WORKER} holds no case"
    h = HISTORY

    with transaction.atomic():
        # Contacts, their decisions, referrals and partners' answers.
        contacts = []
        for i in range(h["contacts"]):
            received = moment(day(i, h["contacts"]), 9)
            agency = rng.choice(partners)
            referred = i % (h["contacts"] // h["referrals"]) == 0
            contacts.append(
                Contact(
                    reference=f"CB{i:06d}",
                    received_at=received,
                    referrer_agency=agency,
                    referrer_name=f"Officer {i}",
                    source="6" if agency.kind == AgencyKind.POLICE else "8",
                    child_given_name=child.given_name,
                    child_family_name=child.family_name,
                    child_date_of_birth=child.date_of_birth,
                    concerns=rng.sample(["neglect", "domestic_abuse", "emotional", "missing", "physical"], 2),
                    narrative="Called to the address after neighbours reported shouting. "
                    "The child was present, tearful, and said they wanted to stay with their grandmother.",
                    consent="not_sought",
                    consent_reason="Seeking consent could place the child at risk.",
                    child=child,
                    match_status="confirmed",
                    matched_by=worker,
                    status="decided",
                    decision_due_at=received + dt.timedelta(days=1),
                    decision="referral" if referred else rng.choice(["nfa", "early_help", "open_case"]),
                    decision_rationale="Threshold considered against the continuum of need; history weighed.",
                    decision_advice="Advice given to the referrer.",
                    decided_by=manager,
                    decided_at=received + dt.timedelta(hours=6),
                    authorised_by=manager,
                    authorised_at=received + dt.timedelta(hours=8),
                    referred_to_team=team if referred else None,
                )
            )
        Contact.objects.bulk_create(contacts)
        referrals = [
            Referral(
                child=child,
                contact=c,
                referral_date=timezone.localdate(c.received_at),
                source=c.source,
                route="referral",
                team=team,
                is_re_referral=n > 0,
            )
            for n, c in enumerate(c for c in contacts if c.decision == "referral")
        ]
        Referral.objects.bulk_create(referrals)
        InformationRequest.objects.bulk_create(
            InformationRequest(
                contact=contacts[i % len(contacts)],
                agency=health if i % 2 else police,
                question="What does your agency know about this child and household?",
                child_details=child.full_name,
                requested_by=worker,
                requested_at=contacts[i % len(contacts)].received_at + dt.timedelta(hours=1),
                due_at=contacts[i % len(contacts)].received_at + dt.timedelta(hours=24),
                status="answered",
                answer="Two attendances at A&E last year; missed immunisations; known to the school nurse.",
                answered_by=None,
                answered_at=contacts[i % len(contacts)].received_at + dt.timedelta(hours=20),
            )
            for i in range(h["answers"])
        )

        # Assessments, strategy discussions, enquiries, conferences.
        assessments = []
        for i in range(h["assessments"]):
            begun = day(i, h["assessments"])
            assessments.append(
                cw.Assessment(
                    child=child,
                    team=team,
                    worker=worker,
                    referral_date=begun,
                    started_on=begun,
                    due_on=begun + dt.timedelta(days=63),
                    factors=["3A", "16A"],
                    child_views="Says home is noisy and they worry about mum.",
                    analysis="Cumulative neglect; parents engage intermittently.",
                    outcome=rng.choice(["cin_plan", "strategy", "nfa"]),
                    outcome_reason="Needs are met only with support.",
                    status="authorised",
                    submitted_by=worker,
                    submitted_at=moment(begun + dt.timedelta(days=40)),
                    authorised_by=manager,
                    authorised_on=begun + dt.timedelta(days=rng.choice([30, 45, 70])),
                )
            )
        cw.Assessment.objects.bulk_create(assessments)
        discussions = [
            cw.StrategyDiscussion(
                child=child,
                held_on=day(i, h["strategy"]),
                chair=manager,
                reason="Disclosure at school of being hit with a belt.",
                decision="s47_joint" if i < h["enquiries"] else "no_s47",
                decision_reason="Threshold for significant harm met.",
            )
            for i in range(h["strategy"])
        ]
        cw.StrategyDiscussion.objects.bulk_create(discussions)
        enquiries = [
            cw.Section47Enquiry(
                child=child,
                strategy_discussion=d,
                joint_with_police=True,
                started_on=d.held_on,
                initial_conference_due=d.held_on + dt.timedelta(days=21),
                findings="Injury consistent with the account; parents minimise.",
                outcome="substantiated_at_risk",
                completed_on=d.held_on + dt.timedelta(days=10),
            )
            for d in discussions[: h["enquiries"]]
        ]
        cw.Section47Enquiry.objects.bulk_create(enquiries)
        plans = []
        for i in range(h["cp_plans"]):
            begun = day(i, h["cp_plans"])
            last = i == h["cp_plans"] - 1
            plans.append(
                cw.ChildProtectionPlan(
                    child=child,
                    initial_category="NEG",
                    latest_category="NEG",
                    started_on=begun,
                    ended_on=None if last else begun + dt.timedelta(days=120),
                    end_reason="" if last else "no_longer_at_risk",
                    previous_plans=i,
                    repeat_within_two_years=i > 0,
                    first_core_group_due=begun + dt.timedelta(days=14),
                    next_core_group_due=today + dt.timedelta(days=20),
                    next_review_due=today + dt.timedelta(days=60),
                    next_visit_due=today + dt.timedelta(days=5),
                )
            )
        cw.ChildProtectionPlan.objects.bulk_create(plans)
        conferences = [
            cw.Conference(
                child=child,
                kind="initial" if i < h["cp_plans"] else "review",
                plan=plans[i % len(plans)],
                due_on=day(i, h["conferences"]),
                held_on=day(i, h["conferences"]),
                chair=manager,
                decision="plan" if i < h["cp_plans"] else "continue",
                category="NEG",
                decision_reason="Continuing risk of neglect.",
            )
            for i in range(h["conferences"])
        ]
        cw.Conference.objects.bulk_create(conferences)
        participants = []
        links: list[dict[str, Any]] = [{"strategy_discussion": d} for d in discussions]
        links += [{"conference": c} for c in conferences]
        for link in links:
            for agency, name in ((council, "Social worker"), (police, "DC Lane"), (health, "Health visitor")):
                participants.append(cw.Participant(agency=agency, name=name, information="Shared history.", **link))
        cw.Participant.objects.bulk_create(participants)
        cw.CoreGroupMeeting.objects.bulk_create(
            cw.CoreGroupMeeting(
                plan=plans[i % len(plans)],
                held_on=day(i, h["core_groups"]),
                notes="Plan reviewed; school attendance improving.",
                recorded_by=worker,
            )
            for i in range(h["core_groups"])
        )
        cin_plans = [
            cw.ChildInNeedPlan(
                child=child,
                started_on=day(i, h["cin_plans"]),
                ended_on=day(i, h["cin_plans"]) + dt.timedelta(days=90),
                end_reason="Needs met; stepped down to early help.",
                next_review_due=day(i, h["cin_plans"]) + dt.timedelta(days=90),
            )
            for i in range(h["cin_plans"])
        ]
        cw.ChildInNeedPlan.objects.bulk_create(cin_plans)
        cw.ChildInNeedReview.objects.bulk_create(
            cw.ChildInNeedReview(
                plan=cin_plans[i % len(cin_plans)],
                held_on=day(i, h["cin_reviews"]),
                notes="Review held with the family.",
                recorded_by=worker,
            )
            for i in range(h["cin_reviews"])
        )

        # Visits, significant events, and ordinary notes that are not on the chronology.
        notes = []
        for i in range(h["visits"]):
            notes.append(
                cw.CaseNote(
                    child=child,
                    author=worker,
                    kind="statutory_visit" if i % 2 else "visit",
                    occurred_at=moment(day(i, h["visits"]), 15),
                    summary="Home visit. The child showed me their room; the home was warm and there was food.",
                    who_seen="Child, mother",
                    child_seen=True,
                    child_seen_alone=i % 3 != 0,
                    not_seen_alone_reason="" if i % 3 else "Mother would not leave the room.",
                    child_words="I like it when grandma picks me up from school.",
                    analysis="Some improvement.",
                    significant=i % 40 == 0,
                )
            )
        for i in range(h["significant"]):
            notes.append(
                cw.CaseNote(
                    child=child,
                    author=worker,
                    kind="note",
                    occurred_at=moment(day(i, h["significant"]), 11),
                    summary="Police called to the home overnight; mother's partner arrested.",
                    significant=True,
                    restricted=i % 50 == 0,
                )
            )
        for i in range(ORDINARY_NOTES):
            notes.append(
                cw.CaseNote(
                    child=child,
                    author=worker,
                    kind="phone",
                    occurred_at=moment(day(i, ORDINARY_NOTES), 12),
                    summary="Phoned school about attendance.",
                )
            )
        cw.CaseNote.objects.bulk_create(notes, batch_size=1000)
        shared = [n for n in notes if n.significant and n.kind == "note" and not n.restricted][::5]
        through = cw.CaseNote.shared_with.through
        through.objects.bulk_create(through(casenote_id=n.pk, agency_id=police.pk) for n in shared)

    # The team of 20 workers and its manager, and their 600 open cases.
    bench_team = account_services.team_create(
        actor=system, agency=council, name="Child Protection Team Bench", kind=TeamKind.CHILD_PROTECTION
    )
    tm, _ = account_services.user_create(
        actor=system,
        username=TEAM_MANAGER,
        first_name="Bea",
        last_name="Manager",
        email="tm.bench@northbrook.example",
        role=Role.TEAM_MANAGER,
        agency=council,
        team=bench_team,
        password=DEMO_PASSWORD,
        must_change_password=False,
    )
    workers = [
        account_services.user_create(
            actor=system,
            username=f"sw.bench{n}",
            first_name=f"Worker{n}",
            last_name="Bench",
            email=f"sw.bench{n}@northbrook.example",
            role=Role.SOCIAL_WORKER,
            agency=council,
            team=bench_team,
            password=DEMO_PASSWORD,
            must_change_password=False,
        )[0]
        for n in range(1, TEAM_SIZE + 1)
    ]
    with transaction.atomic():
        given = ["Ava", "Noah", "Mia", "Leo", "Isla", "Alfie", "Ruby", "Oscar", "Evie", "Archie"]
        family = ["Hughes", "Patel", "Khan", "Walsh", "Kowalski", "Okafor", "Murphy", "Singh", "Evans", "Ali"]
        people = []
        for i in range(TEAM_CASES):
            g, f = given[i % len(given)], family[(i // len(given)) % len(family)]
            people.append(
                Person(
                    la_id=f"NB9{i:06d}",
                    given_name=g,
                    family_name=f,
                    search_given=fold(g),
                    search_family=fold(f),
                    date_of_birth=today - dt.timedelta(days=365 * rng.randrange(1, 17) + rng.randrange(365)),
                    sex=rng.choice("MF"),
                )
            )
        Person.objects.bulk_create(people)
        involvements = []
        assessments = []
        plans = []
        reviews = []
        cin_plans = []
        for i, person in enumerate(people):
            owner = workers[i % TEAM_SIZE]
            begun = now - dt.timedelta(days=rng.randrange(10, 400))
            involvements.append(
                Involvement(
                    child=person,
                    kind=InvolvementKind.ALLOCATED_WORKER,
                    user=owner,
                    team=bench_team,
                    reason="Allocated",
                    started_at=begun,
                )
            )
            involvements.append(
                Involvement(
                    child=person,
                    kind=InvolvementKind.OPEN_WORK,
                    team=bench_team,
                    reason="Child protection plan",
                    started_at=begun,
                )
            )
            due = today + dt.timedelta(days=rng.randrange(-15, 40))
            if i % 3 == 0:
                assessments.append(
                    cw.Assessment(
                        child=person,
                        team=bench_team,
                        worker=owner,
                        referral_date=due - dt.timedelta(days=63),
                        started_on=due - dt.timedelta(days=60),
                        due_on=due,
                    )
                )
            elif i % 3 == 1:
                plans.append(
                    cw.ChildProtectionPlan(
                        child=person,
                        initial_category="EMO",
                        latest_category="EMO",
                        started_on=due - dt.timedelta(days=120),
                        first_core_group_due=due - dt.timedelta(days=106),
                        next_core_group_due=due + dt.timedelta(days=rng.randrange(-5, 20)),
                        next_review_due=due + dt.timedelta(days=rng.randrange(0, 60)),
                        next_visit_due=due,
                    )
                )
            else:
                cin_plans.append(
                    cw.ChildInNeedPlan(child=person, started_on=due - dt.timedelta(days=90), next_review_due=due)
                )
        Involvement.objects.bulk_create(involvements, batch_size=1000)
        cw.Assessment.objects.bulk_create(assessments)
        cw.ChildProtectionPlan.objects.bulk_create(plans)
        cw.ChildInNeedPlan.objects.bulk_create(cin_plans)
        for plan in plans:
            reviews.append(cw.Conference(child=plan.child, kind="review", plan=plan, due_on=plan.next_review_due))
        cw.Conference.objects.bulk_create(reviews)

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "child": str(child.uuid),
        "child_name": child.full_name,
        "worker": worker.username,
        "manager": tm.username,
        "entries": expected_entries(),
    }


BUILD = (
    "import sys; sys.path.insert(0, {bench!r}); import json, bench_casework; "
    "print('BUILD ' + json.dumps(bench_casework.build()))"
)


# --- Measuring -----------------------------------------------------------------------------


def prepare(children: int) -> str | None:
    import psycopg

    try:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_DATABASE}")
    except psycopg.OperationalError as exc:
        note(f"PostgreSQL is not reachable at {PG_SERVER}: {exc}")
        return None
    url = f"{PG_SERVER}/{PG_DATABASE}"
    manage(["migrate", "--no-input", "-v", "0"], url)
    started = time.perf_counter()
    manage(["seed_demo", "--children", str(children), "--seed", str(SEED), "-v", "0"], url)
    note(f"seeded the authority with {children} children in {time.perf_counter() - started:.1f} s")
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--children", type=int, default=BACKGROUND_CHILDREN, help="background children")
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()

    targets = (
        ("casework.child_page_p95", "ms", 200),
        ("casework.chronology_p95", "ms", 300),
        ("casework.chronology_pdf_seconds", "s", 3),
        ("casework.my_work_p95", "ms", 200),
    )
    url = prepare(args.children)
    if url is None:
        for name, unit, target in targets:
            print(bench_line(name, float("nan"), unit, "<=", target), flush=True)
        sys.exit(1)
    started = time.perf_counter()
    out = manage(["shell", "-v", "0", "-c", BUILD.format(bench=str(ROOT / "bench"))], url, capture=True)
    facts = json.loads(next(line for line in out.splitlines() if line.startswith("BUILD "))[len("BUILD ") :])
    note(
        f"built {facts['entries']} chronology events for {facts['child_name']} and a team of {TEAM_SIZE} "
        f"with {TEAM_CASES} open cases in {time.perf_counter() - started:.1f} s ({PYTHON})"
    )

    lines: list[str] = []
    with server(url) as (_proc, base):
        worker = sign_in(base, facts["worker"])
        child_url = f"{base}/people/{facts['child']}/"
        chronology_url = f"{base}/cases/{facts['child']}/chronology/"
        page = worker.get(chronology_url, timeout=60)
        shown = re.search(r"(\d+) entries", page.text)
        note(f"the chronology answered {page.status_code} showing {shown.group(1) if shown else '?'} entries")
        if shown is None or int(shown.group(1)) < EVENTS:
            note(f"expected at least {EVENTS} entries")

        for name, target_url in (("child_page", child_url), ("chronology", chronology_url)):
            samples, failed = timed(worker, [target_url], args.requests)
            target = {n: t for n, _, t in targets}[f"casework.{name}_p95"]
            note(
                f"{name}: median {percentile(samples, 50):.1f} ms, max {max(samples):.1f} ms "
                f"over {len(samples)} requests, {failed} not 200"
            )
            lines.append(
                bench_line(
                    f"casework.{name}_p95",
                    percentile(samples, 95),
                    "ms",
                    "<=",
                    target,
                    ok=False if failed else None,
                )
            )

        pdf_url = f"{base}/cases/{facts['child']}/chronology.pdf"
        worker.get(pdf_url, timeout=120)
        runs: list[float] = []
        sizes: list[int] = []
        for _ in range(3):
            began = time.perf_counter()
            response = worker.get(pdf_url, timeout=120)
            runs.append(time.perf_counter() - began)
            sizes.append(len(response.content) if response.status_code == 200 else -1)
        note(f"PDF exports: {', '.join(f'{r:.2f} s' for r in runs)}; {sizes[-1] // 1024} KB")
        lines.append(
            bench_line(
                "casework.chronology_pdf_seconds",
                statistics.median(runs),
                "s",
                "<=",
                3,
                ok=False if min(sizes) < 0 else None,
            )
        )

        manager = sign_in(base, facts["manager"])
        samples, failed = timed(manager, [f"{base}/"], args.requests)
        note(
            f"my work (/ for {facts['manager']}): median {percentile(samples, 50):.1f} ms, "
            f"max {max(samples):.1f} ms, {failed} not 200"
        )
        lines.append(
            bench_line("casework.my_work_p95", percentile(samples, 95), "ms", "<=", 200, ok=False if failed else None)
        )
    for line in lines:
        print(line, flush=True)


if __name__ == "__main__":
    main()
