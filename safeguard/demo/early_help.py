"""The demo's early help team on a working day: the Early Help Hub (a manager and two
practitioners, signing in as ``early.help``, ``early.help.2`` and ``early.help.manager``)
has picked up most of the contacts the front door decided "early help" over the last three
months; the newest few still wait in its queue. The families it holds are at every stage:
awaiting an assessment, assessing (one past its 45 working days), plans with reviews done,
due soon and overdue, and closed ones (needs met, declined, moved away, and a step-up whose
new contact waits in the MASH's queue). A few are led by a school's safeguarding lead.

Everything goes through the early help services, dated as it happened; one ``Random``
seeded from the seed decides which family is at which stage, so a seed gives the same
authority every time (on the same day)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.core.exceptions import ValidationError
from django.utils import timezone

from safeguard.accounts import services as account_services
from safeguard.accounts.models import Agency, AgencyKind, Role, Team, TeamKind, User
from safeguard.early_help import services
from safeguard.early_help.models import EarlyHelpEpisode
from safeguard.frontdoor.codes import ContactStatus, Decision
from safeguard.frontdoor.models import Contact
from safeguard.lib.errors import InvalidTransition
from safeguard.lib.workingdays import add_working_days

from . import data

TEAM_NAME = "Early Help Hub"
# (username, first, last, role, job title)
STAFF = (
    ("early.help.manager", "Priya", "Nair", Role.TEAM_MANAGER, "Early help team manager"),
    ("early.help", "Erin", "Holt", Role.SOCIAL_WORKER, "Early help practitioner"),
    ("early.help.2", "Kwame", "Asante", Role.SOCIAL_WORKER, "Family support worker"),
)
LEFT_WAITING = 3
CYCLE = ("review_overdue", "reviewed", "closed", "assessing", "reviewed", "awaiting", "review_overdue", "closed")
NEEDS = (
    "Mum is struggling with the children's bedtimes and mornings; school attendance has slipped to 88%.",
    "Dad's hours were cut and the family is behind on rent; the children are anxious about moving.",
    "Parents argue in front of the children; no violence reported. They asked for help with communication.",
    "The eldest is refusing school and spending nights gaming; Mum feels she has lost control.",
)
PLANS = (
    "Family hub parenting course (6 weeks); school attendance officer to agree a morning plan; review routines.",
    "Money advice appointment within 2 weeks; housing options interview; school to offer breakfast club.",
    "Relationship support sessions for the parents; school counsellor for the children; family time plan.",
    "Graded return to school with the SENCO; youth worker sessions weekly; parenting support for Mum.",
)


def _team_and_staff(actor: User) -> tuple[Team, list[User]] | None:
    council = Agency.objects.filter(kind=AgencyKind.CHILDRENS_SOCIAL_CARE, active=True).order_by("pk").first()
    if council is None:
        return None
    team = Team.objects.filter(kind=TeamKind.EARLY_HELP, agency=council).first() or account_services.team_create(
        actor=actor, agency=council, name=TEAM_NAME, kind=TeamKind.EARLY_HELP
    )
    staff = []
    for username, first, last, role, title in STAFF:
        user = User.objects.filter(username=username).first()
        if user is None:
            user, _ = account_services.user_create(
                actor=actor,
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@{data.EMAIL_DOMAIN}",
                role=role,
                agency=council,
                team=team,
                job_title=title,
                password=data.DEMO_PASSWORD,
                must_change_password=False,
            )
        staff.append(user)
    return team, staff


def _day(day: dt.date, today: dt.date) -> dt.date:
    return min(day, today)


def seed_early_help(*, actor: User, seed: int, children: int) -> dict[str, int]:
    """The early help team and its families (see the module's docstring). Returns counts."""
    made = _team_and_staff(actor)
    if made is None:
        return {}
    _team, staff = made
    manager, practitioners = staff[0], staff[1:]
    school_lead = User.objects.filter(username="school.dsl").select_related("agency").first()
    rng = random.Random(seed * 7919 + 11)
    today = timezone.localdate()
    counts: Counter[str] = Counter()
    waiting = list(
        Contact.objects.filter(
            status=ContactStatus.DECIDED, decision=Decision.EARLY_HELP, early_help_episode__isnull=True
        ).order_by("authorised_at", "pk")
    )
    picked = waiting[:-LEFT_WAITING] if len(waiting) > LEFT_WAITING else []
    counts["waiting"] = len(waiting) - len(picked)
    closures = iter(["needs_met", "declined", "needs_met", "moved_away"] * len(picked))
    for n, contact in enumerate(picked):
        # The oldest family's plan review is overdue, the next has an assessment past its 45
        # working days, the third steps up; the rest cycle through the stages (younger
        # families get as far as time allows).
        stage = ("review_overdue", "assessment_overdue", "step_up")[n] if n < 3 else CYCLE[(n - 3) % len(CYCLE)]
        decided = timezone.localtime(contact.authorised_at or contact.received_at).date()
        started = _day(add_working_days(decided, rng.randint(1, 4)), today)
        worker = practitioners[n % len(practitioners)]
        partner_lead = school_lead is not None and school_lead.agency is not None and n % 5 == 3
        lead = (
            services.Lead(
                name=school_lead.display_name, agency=school_lead.agency, user=school_lead, contact="01632 960 114"
            )
            if partner_lead and school_lead is not None
            else services.Lead(name=worker.display_name, agency=worker.agency, user=worker, contact=worker.email)
        )
        try:
            episode = services.start_from_contact(actor=worker, contact=contact, lead=lead, started_on=started)
        except (InvalidTransition, ValidationError):  # a child with early help already open: left waiting
            counts["waiting"] += 1
            continue
        counts["episodes"] += 1
        age = (today - started).days
        recorder = school_lead if partner_lead and school_lead is not None else worker
        if age < 6 or stage == "awaiting":
            counts["awaiting_assessment"] += 1
            continue
        assessed = _day(started + dt.timedelta(days=rng.randint(1, 5)), today)
        organisation = recorder.agency.name if recorder.agency and recorder is school_lead else "Northbrook Family Hub"
        # One assessment runs past its 45 working days; the young ones are still going.
        overdue = stage == "assessment_overdue"
        completed = (
            None
            if stage in ("assessing", "assessment_overdue") or age < 14
            else _day(assessed + dt.timedelta(days=rng.randint(8, 20)), today)
        )
        need = NEEDS[n % len(NEEDS)]
        episode = services.assessment_record(
            actor=recorder,
            episode=episode,
            expected_version=episode.version,
            started_on=assessed,
            completed_on=completed,
            organisation=organisation,
            needs=need if completed else "",
            family_views="Mum said she wants help before things get worse." if completed else "",
        )
        if completed is None:
            counts["assessment_overdue" if overdue and episode.assessment_due < today else "assessing"] += 1  # type: ignore[operator]
            continue
        agreed = _day(completed + dt.timedelta(days=rng.randint(2, 8)), today)
        weeks = 6 if stage == "review_overdue" else rng.choice([6, 6, 8, 12])
        episode = services.episode_update(
            actor=recorder,
            episode=episode,
            expected_version=episode.version,
            lead=lead,
            plan_agreed_on=agreed,
            plan=PLANS[n % len(PLANS)],
            review_weeks=weeks,
        )
        held = agreed + dt.timedelta(weeks=weeks) - dt.timedelta(days=rng.randint(0, 6))
        # Reviews on time while they fall before today; some families' next review is left
        # overdue (the team has not met yet), the rest due later.
        while held < today - dt.timedelta(days=3) and stage != "review_overdue":
            services.review_record(
                actor=recorder,
                episode=episode,
                expected_version=episode.version,
                held_on=held,
                attended="Mum; " + f"{lead.name} ({lead.agency}); class teacher; health visitor",
                progress=rng.choice(
                    [
                        "Mornings are calmer and attendance is up to 94%.",
                        "Rent arrears plan agreed; the children are sleeping better.",
                        "Some progress; Dad has not come to the sessions yet.",
                    ]
                ),
            )
            counts["reviews"] += 1
            episode.refresh_from_db()
            held = episode.next_review_due or held + dt.timedelta(weeks=weeks)
        # Close some of the older families, each with its reason; one steps up to the MASH.
        if stage in ("closed", "step_up"):
            outcome = "step_up" if stage == "step_up" else next(closures)
            closer = manager if recorder is not school_lead else recorder
            last = episode.reviews.order_by("-held_on").values_list("held_on", flat=True).first()
            latest = max(d for d in (episode.plan_agreed_on, last, started) if d is not None)
            closed_on = _day(max(today - dt.timedelta(days=rng.randint(0, 20)), latest), today)
            services.episode_close(
                actor=closer if outcome != "step_up" else recorder,
                episode=episode,
                expected_version=episode.version,
                closed_on=today if outcome == "step_up" else closed_on,
                outcome=outcome,
                detail={
                    "needs_met": "",
                    "declined": "Mum said the family no longer wants support now that school is going better.",
                    "moved_away": "The family moved to another authority; their early help team was told.",
                    "step_up": "Mum disclosed that her new partner has hit the eldest child; bruising seen at school.",
                }[outcome],
                step_up=services.StepUp(
                    concerns=["physical", "domestic_abuse"],
                    consent="not_sought",
                    consent_reason="Telling the family first could put the child at greater risk.",
                )
                if outcome == "step_up"
                else None,
            )
            counts[f"closed_{outcome}"] += 1
        elif episode.next_review_due and episode.next_review_due < today:
            counts["review_overdue"] += 1
        else:
            counts["plan"] += 1
    counts["open"] = EarlyHelpEpisode.objects.filter(closed_on__isnull=True).count()
    del children
    return dict(counts)
