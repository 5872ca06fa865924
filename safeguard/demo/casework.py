"""The demo's help and protection casework: children at every stage of the statutory
pathway, so that a social worker signing in finds a real caseload, with work due, due
soon and overdue.

After the bulk seeding and the front door, a share of the allocated children (10%, at
least 8 and at most 400, and first a few of each named demo social worker's) is taken
along the pathway by their own allocated worker, with the team manager authorising:

- assessments in progress (some due within days, some overdue, some in good time) and
  assessments awaiting the manager's authorisation;
- assessments that led to child in need plans, with reviews held and the next one due;
- strategy discussions with police, social care and health (a few without health, so the
  flag shows), actions for partner agencies (some done, some overdue), section 47
  enquiries in progress with the initial conference due, and enquiries concluded;
- child protection plans: initial conferences (on working days), core groups, review
  conferences coming up or overdue, statutory visits (some overdue), second plans and
  repeat plans within two years;
- case notes: visits, supervision and management decisions, a few restricted, a few
  shared with a partner, a few marked significant;
- every assessment records the child's primary need (the concern's); partner agencies
  are invited to the conferences not yet held and named in the core groups;
- a case closed after an assessment with no further action and one stepped down to early
  help, each authorised by the manager; a few referrals nobody assessed, closed by a
  manager with no further action; police protection and an emergency protection order for
  children who went on to a plan; and, for some children with no UPN, the reason.

Everything goes through ``safeguard.casework.services`` with dates in the past, so it is
audited and obeys the same rules as real work. Where a child came through the front door
with a referral, the assessment starts from that referral. One seed gives the same
casework every time (on the same day).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.access.models import Involvement, InvolvementKind
from safeguard.accounts.models import Agency, AgencyKind, Role, Team, User
from safeguard.casework import services
from safeguard.casework.codes import (
    AssessmentOutcome,
    AssessmentStatus,
    ClosureReason,
    ConferenceDecision,
    ConferenceKind,
    EnquiryOutcome,
    NoteKind,
    PlanEndReason,
    ProtectionKind,
    StrategyDecision,
)
from safeguard.casework.models import (
    Action,
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    ChildProtectionPlan,
    Conference,
    Section47Enquiry,
    StrategyDiscussion,
)
from safeguard.frontdoor.models import Referral
from safeguard.lib.errors import AccessDenied, InvalidTransition
from safeguard.lib.workingdays import add_months, add_working_days, is_working_day
from safeguard.people import services as people_services
from safeguard.people.codes import AccessLevel
from safeguard.people.models import Person

from . import data

ONE_DAY = dt.timedelta(days=1)

# --- Stages and when their next deadline falls ------------------------------------------

ASSESSMENT = "assessment"  # in progress
SUBMITTED = "submitted"  # awaiting the manager's authorisation
CIN = "cin_plan"
STRATEGY = "strategy"  # strategy discussion, no section 47, assessment continues
ENQUIRY = "enquiry"  # section 47 in progress, initial conference due
ICPC = "icpc"  # enquiry concluded at continuing risk, initial conference booked
ENQUIRY_CLOSED = "enquiry_closed"  # concerns not substantiated, assessment continues
PLAN = "cp_plan"
SECOND = "second_plan"  # an earlier plan more than two years ago
REPEAT = "repeat_plan"  # an earlier plan ended within the last two years
LOOKED_AFTER = "looked_after"  # a plan ended when the child came into care; return home assessed

OVERDUE, SOON, IN_TIME = "overdue", "soon", "in_time"
TIMINGS = (OVERDUE, SOON, IN_TIME)

# What each case-holding team tends to hold.
TEAM_STAGES: dict[str, tuple[tuple[str, float], ...]] = {
    "mash": ((ASSESSMENT, 3), (STRATEGY, 3), (ENQUIRY, 2)),
    "assessment": (
        (ASSESSMENT, 5),
        (SUBMITTED, 2),
        (STRATEGY, 1.5),
        (ENQUIRY, 2),
        (ICPC, 1),
        (ENQUIRY_CLOSED, 1),
        (CIN, 1),
    ),
    "cp": ((PLAN, 6), (SECOND, 1), (REPEAT, 1), (CIN, 2), (ICPC, 1), (ENQUIRY, 1)),
    "cic": ((LOOKED_AFTER, 2), (ASSESSMENT, 1), (CIN, 1)),
    "leaving": ((ASSESSMENT, 2), (SUBMITTED, 1), (CIN, 2)),
    "exploitation": ((ASSESSMENT, 2), (STRATEGY, 2), (ENQUIRY, 1), (CIN, 2), (PLAN, 1)),
}
TEAM_STAGES["assessment.south"] = TEAM_STAGES["assessment"]
TEAM_STAGES["cp.west"] = TEAM_STAGES["cp"]

# How far back (days) a stage's history reaches: the child must have been born by then.
DEPTH = {
    ASSESSMENT: 110,
    SUBMITTED: 100,
    STRATEGY: 110,
    ENQUIRY: 50,
    ICPC: 50,
    ENQUIRY_CLOSED: 110,
    CIN: 430,
    PLAN: 530,
    REPEAT: 1000,
    SECOND: 2100,
    LOOKED_AFTER: 560,
}
PRE_BIRTH = (ASSESSMENT, SUBMITTED)

# Stages the demo must always show, with the timing of their deadline, in this order.
MUST_HAVE: tuple[tuple[str, str], ...] = (
    (PLAN, SOON),
    (REPEAT, SOON),
    (ASSESSMENT, OVERDUE),
    (SUBMITTED, SOON),
    (CIN, OVERDUE),
    (STRATEGY, OVERDUE),
    (ENQUIRY, SOON),
    (PLAN, OVERDUE),
    (SECOND, IN_TIME),
    (ICPC, SOON),
    (ASSESSMENT, SOON),
    (CIN, SOON),
)

DEMO_QUOTA = 8  # at most this many of each named demo worker's children
OTHERS_PER_WORKER = 4  # the rest go to other workers a few children at a time


# --- Words ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Concern:
    key: str
    factors: tuple[str, ...]
    category: str
    reason: str
    findings: str
    analysis: str
    need: str = "N1"  # the CIN census primary need an assessment of this concern records


CONCERNS: tuple[Concern, ...] = (
    Concern(
        "domestic_abuse",
        ("3A", "3B", "17A"),
        "EMO",
        "Third police call-out in two months to domestic abuse at the home; {name} was present and told officers "
        "they hide when the shouting starts.",
        "{name} has lived with repeated domestic abuse. Mother describes controlling behaviour and two assaults; "
        "father denies this. {name}'s account is consistent and detailed.",
        "Cumulative harm from living with domestic abuse; mother's capacity to protect is limited while she remains "
        "in contact with father, who has not engaged.",
    ),
    Concern(
        "neglect",
        ("16A", "4B"),
        "NEG",
        "{name} has been arriving at school hungry and unkempt; a home visit found no food, no working heating and "
        "dog faeces on the floors.",
        "Home conditions are very poor and have been for months. Health appointments have been missed and "
        "{name}'s dental pain has gone untreated.",
        "Chronic neglect: basic care is not met consistently. Mother's low mood is the main driver; she wants help "
        "and has engaged with her GP.",
    ),
    Concern(
        "physical",
        ("18C",),
        "PHY",
        "{name} arrived at school with a bruise to the cheek in the shape of a hand; the explanations given by "
        "the parents differ.",
        "The paediatric assessment found the bruising non-accidental. {name} said father hit them when they would "
        "not go to bed.",
        "Physical harm from father's harsh discipline; mother minimises it. Risk is high when father is stressed "
        "and drinking.",
    ),
    Concern(
        "mental_health",
        ("4B", "17A", "7A"),
        "EMO",
        "Mother was detained under the Mental Health Act after a crisis at home; {name} had been caring for her and "
        "a younger sibling for several days.",
        "Mother's mental health has fluctuated for years with periods when {name} takes on care that no child should.",
        "Emotional harm and the burden of caring; when mother is well, care is good enough. A relapse plan is needed.",
        "N3",
    ),
    Concern(
        "substances",
        ("2B", "1B", "16A"),
        "NEG",
        "Father was found unresponsive after a suspected overdose with {name} at home; paraphernalia was within reach.",
        "Both parents use heroin and crack cocaine; drug-related debt has brought unknown adults to the home.",
        "Neglect driven by parental substance misuse; father is now in treatment, mother is not.",
        "N5",
    ),
    Concern(
        "sexual",
        ("19C",),
        "SAB",
        "{name} disclosed to a teaching assistant that mother's partner touches them when mother is at work.",
        "{name} repeated the disclosure in an Achieving Best Evidence interview; the partner has been arrested "
        "and bailed away from the home.",
        "Sexual abuse by a household member; mother believes {name} and has acted protectively so far.",
    ),
)
EXPLOITATION: tuple[Concern, ...] = (
    Concern(
        "cce",
        ("24A", "10A", "13A"),
        "MUL",
        "{name} was found 40 miles from home in a flat used to deal drugs; they had £300 and two phones.",
        "{name} is being criminally exploited by a county line; they owe a 'debt' for drugs taken from them.",
        "Extra-familial harm: criminal exploitation. Parents are protective but cannot keep {name} safe alone.",
    ),
    Concern(
        "cse",
        ("11A", "10A", "15A"),
        "SAB",
        "{name} has gone missing overnight four times this month and was seen getting into cars with older men.",
        "{name} has been groomed online and sexually exploited at parties in a flat in the town centre.",
        "Child sexual exploitation; {name} does not yet see themselves as a victim. Disruption of the adults is key.",
    ),
)
CONCERN_WEIGHTS = (30, 35, 8, 15, 9, 3)

CATEGORY_WORDS = {
    "NEG": "neglect",
    "PHY": "physical abuse",
    "EMO": "emotional abuse",
    "SAB": "sexual abuse",
    "MUL": "more than one category of abuse",
}

WORDS_YOUNG = (
    "Babbled and smiled at me; went straight to mum for comfort when the door banged.",
    "Pointed to the cupboard and said 'biscuit'; there was little food in the kitchen.",
    "Clung to mum and cried when dad's name was mentioned; settled when picked up.",
    "Played with the bricks and showed me the new cot; was relaxed with mum.",
)
WORDS_CHILD = (
    "'Daddy shouts at mummy and I hide under my bed with my teddy.'",
    "'I like school because I get breakfast there.'",
    "'Mum was crying again. I made her a sandwich and put the telly on for my brother.'",
    "'I don't want to go home when he's there. My tummy hurts.'",
    "'It's better now the police came. Mum smiles more.'",
    "'I wish I had my own bed. My sister kicks me.'",
)
WORDS_TEEN = (
    "'Nobody listens to me at home, so what's the point in telling you?'",
    "'I'm fine. I just want everyone to stop asking me questions.'",
    "'I stay at my mate's because it's calmer there.'",
    "'They said I owe them for the phone. I can't tell mum.'",
    "'Mum's trying, she really is. It's better than it was.'",
    "'I want to stay with my nan. I feel safe there.'",
)
FAMILY_VIEWS = (
    "Mother accepts things must change and agreed to the plan; father did not attend and disputes the concerns.",
    "Both parents attended with an advocate. They feel judged but agreed to work with the plan.",
    "Mother was upset and left early; she later told the social worker she will do 'whatever it takes'.",
    "Grandmother attended and offered to have the children stay at weekends.",
)
POLICE_NAMES = ("DC Sarah Holt", "DS Mark Ellison", "PC Ravi Patel", "DC Joanne Firth")
NURSE_NAMES = ("Amira Said (named nurse)", "Kate Rowley (school nurse)", "Janet Moss (health visitor)")
TEACHER_NAMES = ("Mr Daniel Shaw (DSL)", "Mrs Ruth Palmer (DSL)", "Ms Nisha Kaur (deputy DSL)")

POLICE_INFO = (
    "Three domestic call-outs to the address this year; father on bail with a condition not to attend.",
    "No recorded incidents at the address; mother's partner has a conviction for assault (2019).",
    "The child was reported missing twice last month; intelligence links them to older males.",
)
HEALTH_INFO = (
    "Two missed immunisation appointments; A&E attendance in the spring with a head injury from a 'fall'.",
    "The health visitor has noted mother's low mood; weight is on the 9th centile and dropping.",
    "Registered with the practice; no concerns recorded, last seen for asthma in the summer.",
)
SCHOOL_INFO = (
    "Attendance 81% this term with late arrivals; often hungry and tired.",
    "Attendance good; quiet and withdrawn lately, and upset on Mondays.",
    "Several fixed-term exclusions this year; staff worried about who collects the child.",
)


# --- The cast and the cases -------------------------------------------------------------


@dataclass
class _Case:
    child: Person
    worker: User
    team: Team
    team_key: str
    manager: User
    chair: User
    referral: Referral | None
    school: Agency | None
    health: Agency
    concern: Concern
    stage: str = ""
    timing: str = IN_TIME
    partners: list[Agency] = field(default_factory=list)  # who took part in this child's meetings

    @property
    def name(self) -> str:
        return self.child.known_as or self.child.given_name or "the baby"


class _Casework:
    def __init__(self, *, seed: int, children: int, today: dt.date) -> None:
        self.restricted_noted = False
        self.cin_reviewed = False
        self.rng = random.Random(seed * 104_729)
        self.today = today
        self.children = children
        self.back_cache: dict[int, dt.date] = {}
        team_keys = {spec.name: spec.key for spec in data.TEAMS}
        self.teams = {t.pk: t for t in Team.objects.all()}
        self.team_key = {pk: team_keys.get(t.name, "") for pk, t in self.teams.items()}
        names = {spec.name: spec.key for spec in data.AGENCIES}
        self.agencies = {names[a.name]: a for a in Agency.objects.filter(name__in=names)}
        self.users = {u.username: u for u in User.objects.filter(username__in=[s.username for s in data.DEMO_USERS])}
        self.partner_user: dict[int, User] = {}
        for spec in data.DEMO_USERS:
            user = self.users.get(spec.username)
            if (
                spec.role == Role.PARTNER
                and user is not None
                and user.agency_id is not None
                and user.agency_id not in self.partner_user
            ):
                self.partner_user[user.agency_id] = user
        self.managers: dict[int, User] = {}
        for manager in User.objects.filter(role=Role.TEAM_MANAGER, is_active=True).order_by("username"):
            if manager.team_id is not None:
                self.managers.setdefault(manager.team_id, manager)
        self.iro = self.users.get("iro1")
        self.counts: dict[str, int] = defaultdict(int)

    # -- dates -------------------------------------------------------------------------

    def back(self, n: int) -> dt.date:
        """The date ``n`` working days before today."""
        if n not in self.back_cache:
            day, left = self.today, n
            while left > 0:
                day -= ONE_DAY
                if is_working_day(day):
                    left -= 1
            self.back_cache[n] = day
        return self.back_cache[n]

    @staticmethod
    def workday(day: dt.date) -> dt.date:
        """The working day on or before ``day``."""
        while not is_working_day(day):
            day -= ONE_DAY
        return day

    def after(self, day: dt.date, n: int) -> dt.date:
        """``n`` working days after ``day``, but no later than the last working day."""
        return min(add_working_days(day, n), self.workday(self.today))

    def at(self, day: dt.date, low: int = 9, high: int = 17) -> dt.datetime:
        clock = dt.time(self.rng.randint(low, high), self.rng.choice((0, 10, 15, 30, 40, 45)))
        moment = timezone.make_aware(dt.datetime.combine(day, clock))
        return min(moment, timezone.now() - dt.timedelta(minutes=10))

    def between(self, start: dt.date, end: dt.date) -> dt.date:
        if end <= start:
            return start
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    # -- choosing the children -----------------------------------------------------------

    def choose(self) -> list[_Case]:
        rows = list(
            Involvement.objects.filter(
                kind=InvolvementKind.ALLOCATED_WORKER,
                ended_at__isnull=True,
                user__isnull=False,
                child__merged_into__isnull=True,
            )
            .order_by("child__la_id")
            .values_list("child_id", "user_id", "team_id")
        )
        if not rows:
            return []
        by_worker: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for child_id, user_id, team_id in rows:
            by_worker[user_id].append((child_id, team_id))
        budget = min(400, max(8, round(0.10 * len(rows))))
        quota = min(DEMO_QUOTA, max(1, len(rows) // 25))
        picked: list[tuple[int, int, int]] = []
        seen: set[int] = set()

        def take(worker_id: int, count: int) -> None:
            kids = by_worker.get(worker_id, [])[:]
            self.rng.shuffle(kids)
            for child_id, team_id in kids[:count]:
                if child_id not in seen:
                    seen.add(child_id)
                    picked.append((child_id, worker_id, team_id))

        demo_ids: list[int] = []
        for spec in data.DEMO_USERS:
            user = self.users.get(spec.username)
            if spec.username.startswith("sw.") and user is not None and user.pk in by_worker:
                demo_ids.append(user.pk)
                take(user.pk, min(quota, 3) if spec.team in ("cic", "leaving") else quota)
        # Children who came through today's front door with a referral.
        allocation = {child_id: (user_id, team_id) for child_id, user_id, team_id in rows}
        referred = sorted(
            set(Referral.objects.filter(child_id__in=list(allocation)).values_list("child_id", flat=True))
        )
        for child_id in referred:
            if child_id not in seen:
                seen.add(child_id)
                picked.append((child_id, *allocation[child_id]))
        others = sorted(w for w in by_worker if w not in set(demo_ids))
        self.rng.shuffle(others)
        for worker_id in others:
            if len(picked) >= budget:
                break
            take(worker_id, min(OTHERS_PER_WORKER, budget - len(picked)))
        return self.cases(picked)

    def cases(self, picked: list[tuple[int, int, int]]) -> list[_Case]:
        child_ids = [c for c, _, _ in picked]
        people = Person.objects.in_bulk(child_ids)
        workers = User.objects.in_bulk({w for _, w, _ in picked})
        referrals: dict[int, Referral] = {}
        for referral in Referral.objects.filter(child_id__in=child_ids).order_by("referral_date", "pk"):
            referrals[referral.child_id] = referral
        involved: dict[int, list[int]] = defaultdict(list)
        for child_id, agency_id in (
            Involvement.objects.filter(child_id__in=child_ids, kind=InvolvementKind.AGENCY)
            .order_by("pk")
            .values_list("child_id", "agency_id")
        ):
            involved[child_id].append(agency_id)
        iro_team = next((pk for pk, key in self.team_key.items() if key == "iro"), 0)
        chaired = set(
            Involvement.objects.filter(
                child_id__in=child_ids, kind=InvolvementKind.OPEN_WORK, team_id=iro_team, ended_at__isnull=True
            ).values_list("child_id", flat=True)
        )
        by_pk = {a.pk: a for a in self.agencies.values()}
        cases = []
        for child_id, worker_id, team_id in picked:
            child, worker = people[child_id], workers[worker_id]
            manager = self.managers.get(team_id)
            key = self.team_key.get(team_id, "")
            if manager is None or key not in TEAM_STAGES:
                continue
            known = [by_pk[a] for a in involved[child_id] if a in by_pk]
            cases.append(
                _Case(
                    child=child,
                    worker=worker,
                    team=self.teams[team_id],
                    team_key=key,
                    manager=manager,
                    # The reviewing service chairs where it holds open work (it cannot open
                    # a restricted record); otherwise the team manager.
                    chair=self.iro
                    if self.iro is not None and child_id in chaired and child.access_level == AccessLevel.STANDARD
                    else manager,
                    referral=referrals.get(child_id),
                    school=self.school_for(child, known),
                    health=self.health_for(known),
                    concern=self.concern_for(key),
                )
            )
        return cases

    def school_for(self, child: Person, known: Sequence[Agency]) -> Agency | None:
        for agency in known:
            if agency.kind == AgencyKind.SCHOOL:
                return agency
        age = child.age_on(self.today)
        if age is None or age < 4 or age > 16:
            return None
        keys = data.SECONDARY_SCHOOLS if age >= 11 else data.PRIMARY_SCHOOLS
        return self.agencies.get(self.rng.choice(keys))

    def health_for(self, known: Sequence[Agency]) -> Agency:
        for agency in known:
            if agency.kind in (AgencyKind.GP_PRACTICE, AgencyKind.NHS_TRUST):
                return agency
        if self.rng.random() < 0.5:
            return self.agencies[data.NHS_TRUST]
        return self.agencies[self.rng.choice(data.GP_PRACTICES)]

    def concern_for(self, team_key: str) -> Concern:
        if team_key == "exploitation":
            return self.rng.choice(EXPLOITATION)
        return self.rng.choices(CONCERNS, weights=CONCERN_WEIGHTS)[0]

    def feasible(self, case: _Case, stage: str) -> bool:
        born = case.child.date_of_birth
        if born is None:
            return stage in PRE_BIRTH
        return born <= self.today - dt.timedelta(days=DEPTH[stage])

    def assign(self, cases: list[_Case]) -> None:
        """Give each case a stage and the timing of its next deadline: the must-haves
        first, among the named demo workers' children where possible, then by team."""
        demo = {u.pk for u in self.users.values()}
        order = sorted(range(len(cases)), key=lambda i: (cases[i].worker.pk not in demo, i))
        for stage, timing in MUST_HAVE:
            for strict in (True, False):
                found = next(
                    (
                        cases[i]
                        for i in order
                        if not cases[i].stage
                        and cases[i].referral is None
                        and self.feasible(cases[i], stage)
                        and (not strict or any(s == stage for s, _ in TEAM_STAGES[cases[i].team_key]))
                    ),
                    None,
                )
                if found is not None:
                    found.stage, found.timing = stage, timing
                    break
        by_worker: dict[int, list[_Case]] = defaultdict(list)
        for case in cases:
            by_worker[case.worker.pk].append(case)
        for worker_cases in by_worker.values():
            offset = self.rng.randrange(3)
            for n, case in enumerate(worker_cases):
                if case.stage:
                    continue
                case.timing = TIMINGS[(n + offset) % 3]
                if case.referral is not None:
                    case.stage = ENQUIRY if case.referral.route == "strategy" else ASSESSMENT
                    continue
                stages = [(s, w) for s, w in TEAM_STAGES[case.team_key] if self.feasible(case, s)]
                if not stages:
                    stages = [(ASSESSMENT, 1)]
                case.stage = self.rng.choices([s for s, _ in stages], weights=[w for _, w in stages])[0]

    # -- the building blocks -----------------------------------------------------------

    def words(self, case: _Case) -> str:
        age = case.child.age_on(self.today)
        if age is None or age < 4:
            return self.rng.choice(WORDS_YOUNG)
        return self.rng.choice(WORDS_CHILD if age < 11 else WORDS_TEEN)

    def participants(
        self, case: _Case, *, police: bool = True, health_present: bool = True, school: bool = False
    ) -> list[services.ParticipantInput]:
        council = self.agencies[data.COUNCIL]
        people = [
            services.ParticipantInput(
                agency=council,
                name=case.worker.get_full_name() or case.worker.username,
                role="Allocated social worker",
                user=case.worker,
                information=f"Summary of the assessment so far and of {case.name}'s views.",
            )
        ]
        if police:
            force = self.agencies[data.POLICE]
            officer = self.partner_user.get(force.pk) if self.rng.random() < 0.5 else None
            people.append(
                services.ParticipantInput(
                    agency=force,
                    name=f"PC {officer.get_full_name()}" if officer else self.rng.choice(POLICE_NAMES),
                    role="Public Protection Unit",
                    user=officer,
                    information=self.rng.choice(POLICE_INFO),
                )
            )
        health = case.health
        nurse = self.partner_user.get(health.pk) if self.rng.random() < 0.6 else None
        people.append(
            services.ParticipantInput(
                agency=health,
                name=nurse.get_full_name() if nurse else self.rng.choice(NURSE_NAMES),
                role="GP" if health.kind == AgencyKind.GP_PRACTICE else "Safeguarding nurse",
                user=nurse,
                attended=health_present,
                information=self.rng.choice(HEALTH_INFO) if health_present else "",
            )
        )
        if school and case.school is not None:
            dsl = self.partner_user.get(case.school.pk) if self.rng.random() < 0.6 else None
            people.append(
                services.ParticipantInput(
                    agency=case.school,
                    name=dsl.get_full_name() if dsl else self.rng.choice(TEACHER_NAMES),
                    role="Designated safeguarding lead",
                    user=dsl,
                    information=self.rng.choice(SCHOOL_INFO),
                )
            )
        for p in people[1:]:
            if p.attended and p.agency not in case.partners:
                case.partners.append(p.agency)
        return people

    def owner(self, agency: Agency) -> User | None:
        return self.partner_user.get(agency.pk)

    def complete_actions(self, case: _Case, actions: Sequence[Action], *, keep_open: bool = False) -> None:
        """Partners complete most of their actions, some late; some stay open."""
        for n, action in enumerate(actions):
            if keep_open and n == 0:
                continue
            # Recent actions are often still open; old ones were done long ago.
            still_open = 0.35 if action.due_on > self.today - dt.timedelta(days=30) else 0.03
            if action.due_on >= self.today or self.rng.random() < still_open:
                continue
            done = min(self.after(action.due_on, self.rng.choice((0, 0, 0, 1, 3))), self.back(1))
            services.action_complete(actor=action.owner or case.worker, action=action, completed_on=done)

    def start_assessment(self, case: _Case, referral_date: dt.date) -> Assessment:
        """Start the assessment from the child's front-door referral if there is one,
        otherwise from a referral on ``referral_date``."""
        referral = case.referral
        if referral is not None:
            referral_date = referral.referral_date
        started = max(referral_date, self.after(referral_date, self.rng.choice((0, 1, 1, 2, 3))))
        assessment = services.assessment_start(
            actor=case.worker,
            child=case.child,
            team=case.team,
            started_on=started,
            referral=referral,
            referral_date=referral_date,
        )
        case.referral = None  # a referral starts one assessment
        factors = list(case.concern.factors)
        self.rng.shuffle(factors)
        return services.assessment_update(
            actor=case.worker,
            assessment=assessment,
            expected_version=assessment.version,
            factors=factors[: self.rng.randint(1, len(factors))],
            primary_need=case.concern.need,
            family_views="Mother was open about the difficulties at home; father declined to meet.",
        )

    def finish_assessment(
        self, case: _Case, assessment: Assessment, outcome: str, authorised_on: dt.date | None
    ) -> Assessment:
        assessment = services.assessment_update(
            actor=case.worker,
            assessment=assessment,
            expected_version=assessment.version,
            child_views=self.words(case),
            analysis=case.concern.analysis.format(name=case.name),
        )
        reasons = {
            AssessmentOutcome.CIN_PLAN: "Needs are met only with a coordinated plan of support under section 17.",
            AssessmentOutcome.STRATEGY: "Reasonable cause to suspect significant harm: strategy discussion held.",
            AssessmentOutcome.NFA: "Needs met by universal services; the family has the school's support.",
            AssessmentOutcome.EARLY_HELP: "Needs met with the family support service's help: step down to early help.",
        }
        assessment = services.assessment_submit(
            actor=case.worker,
            assessment=assessment,
            outcome=outcome,
            outcome_reason=reasons[AssessmentOutcome(outcome)],
            expected_version=assessment.version,
        )
        if authorised_on is None:
            return assessment
        authorised_on = max(authorised_on, assessment.started_on)
        return services.assessment_authorise(
            actor=case.manager, assessment=assessment, expected_version=assessment.version, authorised_on=authorised_on
        )

    def strategy(
        self,
        case: _Case,
        held_on: dt.date,
        decision: str,
        *,
        assessment: Assessment | None,
        health_present: bool = True,
        keep_open: bool = False,
    ) -> StrategyDiscussion:
        people = self.participants(case, health_present=health_present, school=self.rng.random() < 0.6)
        agencies = {p.agency.kind: p.agency for p in people if p.attended}
        actions = [
            services.ActionInput(
                "Carry out checks on the adults in the household (PNC, PND and local intelligence) and share them "
                "with the allocated social worker.",
                self.agencies[data.POLICE],
                add_working_days(held_on, 1),
                owner=self.owner(self.agencies[data.POLICE]),
            )
        ]
        if decision == StrategyDecision.S47_JOINT:
            actions.append(
                services.ActionInput(
                    f"Arrange an Achieving Best Evidence interview with {case.name}.",
                    self.agencies[data.POLICE],
                    add_working_days(held_on, 3),
                    owner=self.owner(self.agencies[data.POLICE]),
                )
            )
        if case.health.kind in agencies or not health_present:
            actions.append(
                services.ActionInput(
                    f"Share health records for {case.name} and siblings: A&E attendances, GP and health visiting "
                    "contacts.",
                    case.health,
                    add_working_days(held_on, 3),
                    owner=self.owner(case.health),
                )
            )
        if case.school is not None and AgencyKind.SCHOOL in agencies:
            actions.append(
                services.ActionInput(
                    f"Share {case.name}'s attendance and any recorded concerns; check in with {case.name} daily.",
                    case.school,
                    add_working_days(held_on, 2),
                    owner=self.owner(case.school),
                )
            )
        reason = {
            StrategyDecision.NO_S47: "Below the threshold for section 47: the assessment continues with the "
            "partners' checks, and a further discussion if anything new emerges.",
            StrategyDecision.S47_SINGLE: "Reasonable cause to suspect significant harm: single-agency section 47 "
            "enquiries by children's social care.",
            StrategyDecision.S47_JOINT: "Reasonable cause to suspect significant harm and a possible offence: joint "
            "section 47 enquiries with the police.",
        }[StrategyDecision(decision)]
        discussion = services.strategy_discussion_record(
            actor=case.worker,
            child=case.child,
            held_on=held_on,
            reason=case.concern.reason.format(name=case.name),
            decision=decision,
            decision_reason=reason,
            participants=people,
            actions=actions,
            assessment=assessment,
        )
        self.counts["health_missing"] += not health_present
        self.complete_actions(case, list(discussion.actions.order_by("due_on", "pk")), keep_open=keep_open)
        return discussion

    def note(
        self,
        case: _Case,
        day: dt.date,
        kind: str,
        summary: str,
        *,
        author: User | None = None,
        seen: bool = False,
        significant: bool = False,
        restricted: bool = False,
        shared: bool = False,
    ) -> None:
        age = case.child.age_on(day)
        alone = seen and age is not None and age >= 4 and self.rng.random() < 0.9
        services.case_note_add(
            actor=author or case.worker,
            child=case.child,
            note=services.NoteInput(
                kind=kind,
                occurred_at=self.at(day),
                summary=summary.format(name=case.name),
                who_seen=f"{case.name}, mother" if seen else "",
                child_seen=seen,
                child_seen_alone=alone,
                not_seen_alone_reason=""
                if alone or not seen
                else (
                    f"{case.name} is too young to be seen alone; observed with mother."
                    if age is None or age < 4
                    else "Mother would not leave the room; a visit at school is arranged."
                ),
                child_words=self.words(case) if seen else "",
                analysis="Home conditions and the child's presentation recorded; the plan is on track in part."
                if seen
                else "",
                significant=significant,
                restricted=restricted,
                shared_with=[self.sharing_partner(case)] if shared and not restricted else [],
            ),
        )
        self.counts["case_notes"] += 1

    def sharing_partner(self, case: _Case) -> Agency:
        """Who a note is shared with: a partner from the child's meetings, else the school
        or health."""
        if case.partners:
            return self.rng.choice(case.partners)
        return case.school or case.health

    def notes(self, case: _Case, since: dt.date) -> None:
        """The everyday record: a visit, supervision, a management decision, a call."""
        last = self.back(1)
        if since > last:
            return
        r = self.rng.random
        if r() < 0.8:
            self.note(
                case,
                self.between(since, last),
                NoteKind.VISIT,
                "Home visit. Saw {name} and mother; the home was warm with food in the cupboards.",
                seen=True,
                significant=r() < 0.1,
                shared=r() < 0.15,
            )
        if r() < 0.6:
            self.note(
                case,
                self.workday(self.between(since, last)),
                NoteKind.SUPERVISION,
                "Case discussed in supervision: the plan, the family's engagement and the next steps were reviewed. "
                "Actions: chase the health information; visit {name} at school.",
                author=case.manager,
            )
        if r() < 0.35:
            self.note(
                case,
                self.workday(self.between(since, last)),
                NoteKind.MANAGEMENT_DECISION,
                "Management decision: the case stays open to the team while the assessment of risk is completed; "
                "escalate to a strategy discussion if there is any new incident.",
                author=case.manager,
                significant=r() < 0.4,
            )
        if r() < 0.3:
            self.note(
                case,
                self.between(since, last),
                NoteKind.PHONE,
                "Call from the school: {name} was upset this morning and said they did not sleep; DSL to keep an eye.",
                shared=r() < 0.3,
            )
        if r() < 0.08 or not self.restricted_noted:
            self.restricted_noted = True  # every demo holds at least one restricted note
            self.note(
                case,
                self.between(since, last),
                NoteKind.CASE_NOTE,
                "Police shared that a criminal investigation into mother's partner is ongoing; not to be disclosed to "
                "the family while enquiries continue.",
                restricted=True,
                significant=True,
            )

    def visits(self, case: _Case, start: dt.date, *, overdue: bool, count: int) -> None:
        """Statutory child protection visits, the child seen (alone where old enough) and
        their words recorded; the last one recent, or more than ten working days ago."""
        last = self.back(self.rng.randint(12, 22) if overdue else self.rng.randint(1, 8))
        days = [last]
        for _ in range(count - 1):
            earlier = days[-1] - dt.timedelta(days=self.rng.randint(10, 14))
            if earlier <= start:
                break
            days.append(earlier)
        for day in reversed(days):
            if day < start:
                continue
            self.note(
                case,
                day,
                NoteKind.STATUTORY_VISIT,
                "Statutory visit under the child protection plan. Saw {name} in their bedroom and around the home; "
                "the plan's actions were discussed with mother.",
                seen=True,
                significant=self.rng.random() < 0.05,
            )
            self.counts["statutory_visits"] += 1

    # -- child protection -----------------------------------------------------------------

    def wd_before(self, day: dt.date, n: int) -> dt.date:
        """The date ``n`` working days before ``day``."""
        while n > 0:
            day -= ONE_DAY
            if is_working_day(day):
                n -= 1
        return day

    def at_risk(self, case: _Case, strategy_on: dt.date, completed_on: dt.date) -> tuple[Conference, Assessment]:
        """Referral, assessment, strategy discussion and a section 47 enquiry concluded on
        ``completed_on`` with the child at continuing risk: the initial conference is booked."""
        referral_date = strategy_on - dt.timedelta(days=self.rng.randint(0, 4))
        if case.referral is not None and case.referral.referral_date > strategy_on:
            case.referral = None
        assessment = self.start_assessment(case, referral_date)
        strategy_on = max(strategy_on, assessment.started_on)
        joint = case.concern.category in ("PHY", "SAB") or self.rng.random() < 0.4
        discussion = self.strategy(
            case,
            strategy_on,
            StrategyDecision.S47_JOINT if joint else StrategyDecision.S47_SINGLE,
            assessment=assessment,
            health_present=self.rng.random() > 0.08,
        )
        enquiry = discussion.enquiry
        completed_on = max(completed_on, strategy_on)
        services.enquiry_complete(
            actor=case.worker,
            enquiry=enquiry,
            findings=case.concern.findings.format(name=case.name),
            outcome=EnquiryOutcome.SUBSTANTIATED_AT_RISK,
            completed_on=completed_on,
            expected_version=enquiry.version,
        )
        self.note(
            case,
            completed_on,
            NoteKind.MANAGEMENT_DECISION,
            "Management decision: the section 47 enquiry substantiates the concerns and {name} is judged at "
            "continuing risk of significant harm. Initial child protection conference to be convened.",
            author=case.manager,
            significant=True,
        )
        return Conference.objects.get(enquiry=enquiry, kind=ConferenceKind.INITIAL), assessment

    def to_plan(self, case: _Case, icpc_on: dt.date) -> ChildProtectionPlan:
        """The pathway to an initial conference held on ``icpc_on`` that starts a plan;
        now and then the conference is late (more than 15 working days after the
        strategy discussion)."""
        icpc_on = self.workday(icpc_on)
        late = self.rng.random() < 0.08
        strategy_on = self.wd_before(icpc_on, self.rng.randint(17, 22) if late else self.rng.randint(8, 14))
        completed_on = max(strategy_on, self.wd_before(icpc_on, self.rng.randint(1, 4)))
        conference, assessment = self.at_risk(case, strategy_on, completed_on)
        conference = self.hold_initial(case, conference, icpc_on)
        self.finish_assessment(case, assessment, AssessmentOutcome.STRATEGY, icpc_on)
        assert conference.plan is not None
        return conference.plan

    def hold_initial(self, case: _Case, conference: Conference, held_on: dt.date) -> Conference:
        category = case.concern.category
        age = case.child.age_on(held_on)
        child_views = (
            f"{case.name} is too young to share views; the social worker described how they present at home."
            if age is None or age < 5
            else f"{case.name} met the chair beforehand and said: {self.words(case)}"
        )
        people = self.participants(case, police=self.rng.random() < 0.8, school=True)
        actions = []
        if case.school is not None:
            actions.append(
                services.ActionInput(
                    f"Designated safeguarding lead to check in with {case.name} daily and share attendance weekly "
                    "with the core group.",
                    case.school,
                    add_working_days(held_on, 10),
                    owner=self.owner(case.school),
                )
            )
        actions.append(
            services.ActionInput(
                f"Health to complete a health assessment of {case.name} and share it with the core group.",
                case.health,
                add_working_days(held_on, 15),
                owner=self.owner(case.health),
            )
        )
        services.conference_record(
            actor=case.chair,
            conference=conference,
            held_on=self.workday(held_on),
            decision=ConferenceDecision.PLAN,
            category=category,
            decision_reason=f"The conference agreed that {case.name} is at continuing risk of significant harm "
            f"through {CATEGORY_WORDS[category]}; a child protection plan is needed.",
            participants=people,
            child_views=child_views,
            family_views=self.rng.choice(FAMILY_VIEWS),
            actions=actions,
            expected_version=conference.version,
        )
        conference.refresh_from_db()
        self.complete_actions(case, list(conference.actions.order_by("due_on", "pk")))
        return conference

    def run_plan(
        self,
        case: _Case,
        plan: ChildProtectionPlan,
        *,
        until: dt.date,
        leave_overdue: bool = False,
        end_at_review_after: dt.date | None = None,
    ) -> ChildProtectionPlan:
        """Review conferences on time up to ``until`` (the last one left overdue, or the
        plan ended at the first review after ``end_at_review_after``), then core groups
        every six weeks or so while the plan lasts."""
        while True:
            review = Conference.objects.filter(plan=plan, kind=ConferenceKind.REVIEW, held_on__isnull=True).first()
            if review is None or review.due_on > min(until, self.today):
                break
            if leave_overdue and review.due_on >= self.today - dt.timedelta(days=45):
                break
            held = self.workday(review.due_on)
            if self.rng.random() < 0.1:
                held = self.after(held, self.rng.randint(1, 5))
            ending = end_at_review_after is not None and held >= end_at_review_after
            services.conference_record(
                actor=case.chair,
                conference=review,
                held_on=held,
                decision=ConferenceDecision.END if ending else ConferenceDecision.CONTINUE,
                category="" if ending else plan.latest_category,
                decision_reason=(
                    f"Sustained progress: {case.name} is no longer at continuing risk of significant harm. "
                    "The plan ends and support continues under a child in need plan."
                    if ending
                    else "Some progress, but the risks that led to the plan remain; the plan continues."
                ),
                participants=self.participants(case, police=self.rng.random() < 0.3, school=True),
                child_views=f"{case.name} said: {self.words(case)}",
                family_views=self.rng.choice(FAMILY_VIEWS),
                expected_version=review.version,
            )
            plan.refresh_from_db()
            if ending:
                break
        last = min(until, plan.ended_on or until, self.back(1))
        day = add_working_days(plan.started_on, self.rng.randint(5, 10))
        stop_early = self.rng.random() < 0.15 and plan.ended_on is None
        while day <= last:
            if stop_early and day > self.today - dt.timedelta(weeks=7):
                break  # the core group is now overdue
            services.core_group_record(
                actor=case.worker,
                plan=plan,
                held_on=day,
                notes="Core group reviewed the plan's actions with the family and partners.",
                agencies=list(case.partners),
            )
            day = self.workday(day + dt.timedelta(weeks=6) - dt.timedelta(days=self.rng.randint(0, 6)))
        plan.refresh_from_db()
        return plan

    def plan_start(self, timing: str, reviews: Sequence[int]) -> dt.date:
        """The start of a plan whose next review conference falls due at ``timing``,
        after ``reviews`` (one drawn) reviews held on time."""
        if timing == OVERDUE:
            target = self.today - dt.timedelta(days=self.rng.randint(3, 30))
        elif timing == SOON:
            target = self.today + dt.timedelta(days=self.rng.randint(1, 10))
        else:
            target = self.today + dt.timedelta(days=self.rng.randint(21, 75))
        held = self.rng.choice(reviews)
        return min(self.workday(add_months(target, -(3 + 6 * held))), self.back(3))

    def child_protection(self, case: _Case, *, timing: str, start: dt.date | None = None) -> ChildProtectionPlan:
        start = start or self.plan_start(timing, (0, 0, 1, 1, 2))
        plan = self.to_plan(case, start)
        plan = self.run_plan(case, plan, until=self.today, leave_overdue=timing == OVERDUE)
        overdue_visits = timing == OVERDUE or self.rng.random() < 0.2
        self.visits(case, plan.started_on, overdue=overdue_visits, count=self.rng.randint(3, 6))
        self.notes(case, max(plan.started_on, self.today - dt.timedelta(days=90)))
        return plan

    def earlier_plan(self, case: _Case, start: dt.date, *, end_on: dt.date, by_manager: str = "") -> dt.date:
        """An earlier episode: a plan from ``start``, ended by a manager's decision on
        ``end_on`` (``by_manager`` is the reason) or at the first review after it."""
        plan = self.to_plan(case, start)
        self.visits_between(case, plan.started_on, end_on)
        if by_manager:
            plan = self.run_plan(case, plan, until=end_on)
            self.note(
                case,
                end_on,
                NoteKind.MANAGEMENT_DECISION,
                {
                    PlanEndReason.MOVED_LA: "Management decision: the family has moved to another local authority, "
                    "which held a transfer-in conference; the plan here ends.",
                    PlanEndReason.LOOKED_AFTER: "Management decision: {name} is now looked after under an interim "
                    "care order; the care plan manages the risk and the child protection plan ends.",
                }[PlanEndReason(by_manager)],
                author=case.manager,
                significant=True,
            )
            plan = services.plan_end(
                actor=case.manager, plan=plan, ended_on=end_on, reason=by_manager, expected_version=plan.version
            )
        else:
            plan = self.run_plan(case, plan, until=self.today, end_at_review_after=end_on)
        if plan.ended_on is None:
            raise ValidationError("The earlier plan did not end.")
        return plan.ended_on

    def visits_between(self, case: _Case, start: dt.date, end: dt.date) -> None:
        for _ in range(2):
            day = self.between(start + ONE_DAY, min(end, self.back(1)))
            if start < day <= end:
                self.note(
                    case,
                    day,
                    NoteKind.STATUTORY_VISIT,
                    "Statutory visit: saw {name} at home; the plan's actions were discussed with mother.",
                    seen=True,
                )

    def repeat(self, case: _Case) -> None:
        """A plan ended within the last two years, then a new initial conference."""
        start2 = self.plan_start(case.timing, (0,))
        by_manager = self.rng.choice((PlanEndReason.MOVED_LA, PlanEndReason.LOOKED_AFTER, ""))
        if not self.counts["repeat_plans"]:
            by_manager = PlanEndReason.MOVED_LA  # the first is ended by a manager's decision
        if by_manager:
            end1 = self.workday(start2 - dt.timedelta(days=self.rng.randint(120, 400)))
            start1 = self.workday(end1 - dt.timedelta(days=self.rng.randint(150, 330)))
        else:
            end1 = self.workday(start2 - dt.timedelta(days=self.rng.randint(240, 420)))
            start1 = self.workday(end1 - dt.timedelta(days=self.rng.randint(90, 200)))
        ended = self.earlier_plan(case, start1, end_on=end1, by_manager=by_manager)
        if ended >= start2 - dt.timedelta(days=40):
            raise ValidationError("The earlier plan ended too late.")
        self.child_protection(case, timing=case.timing, start=start2)
        self.counts["repeat_plans"] += 1

    def second(self, case: _Case) -> None:
        """A plan more than two years after an earlier one, with a child in need plan
        (stepped down and closed by a manager) in between."""
        start2 = self.plan_start(case.timing, (0, 1))
        end_target = self.workday(add_months(start2, -self.rng.randint(33, 40)))
        start1 = self.workday(add_months(end_target, -self.rng.randint(6, 12)))
        ended = self.earlier_plan(case, start1, end_on=end_target)
        cin = services.cin_plan_start(actor=case.worker, child=case.child, started_on=ended)
        services.cin_review_record(
            actor=case.worker,
            plan=cin,
            held_on=self.workday(ended + dt.timedelta(weeks=12)),
            notes="Child in need review: the family are engaging; the plan is working.",
        )
        cin.refresh_from_db()
        closed = self.workday(ended + dt.timedelta(days=self.rng.randint(120, 200)))
        services.cin_plan_end(
            actor=case.manager,
            plan=cin,
            ended_on=closed,
            reason="Step down to early help: the family are working well with the family support worker.",
            expected_version=cin.version,
        )
        if add_months(closed, 1) > start2:
            raise ValidationError("The earlier episode ran into the new one.")
        self.child_protection(case, timing=case.timing, start=start2)

    def looked_after(self, case: _Case) -> None:
        """A plan ended when the child came into care; now an assessment of a return home."""
        start1 = self.workday(self.today - dt.timedelta(days=self.rng.randint(240, 480)))
        end1 = self.workday(start1 + dt.timedelta(days=self.rng.randint(60, 150)))
        self.earlier_plan(case, start1, end_on=end1, by_manager=PlanEndReason.LOOKED_AFTER)
        self.assessment(case, submitted=False, not_before=end1 + dt.timedelta(days=14))

    # -- child in need, assessments and enquiries ------------------------------------------

    def referral_date(self, timing: str, *, submitted: bool = False) -> dt.date:
        if timing == OVERDUE:
            return self.back(self.rng.randint(48, 60) if submitted else self.rng.randint(50, 70))
        if timing == SOON:
            return self.back(self.rng.randint(40, 45))
        return self.back(self.rng.randint(16, 35) if submitted else self.rng.randint(5, 30))

    def assessment(self, case: _Case, *, submitted: bool, not_before: dt.date | None = None) -> None:
        referral_date = self.referral_date(case.timing, submitted=submitted)
        if not_before is not None:
            referral_date = max(referral_date, min(not_before, self.back(2)))
        assessment = self.start_assessment(case, referral_date)
        self.notes(case, assessment.started_on)
        if submitted:
            self.finish_assessment(
                case,
                assessment,
                self.rng.choice((AssessmentOutcome.CIN_PLAN, AssessmentOutcome.CIN_PLAN, AssessmentOutcome.NFA)),
                None,
            )

    def child_in_need(self, case: _Case) -> None:
        if case.timing == OVERDUE:
            due = self.today - dt.timedelta(days=self.rng.randint(3, 25))
        elif case.timing == SOON:
            due = self.today + dt.timedelta(days=self.rng.randint(0, 10))
        else:
            due = self.today + dt.timedelta(days=self.rng.randint(21, 63))
        reviews = self.rng.randint(0, 3)
        if not self.cin_reviewed:
            reviews = max(reviews, 1)  # every demo holds a child in need plan already reviewed
        start = self.workday(due - dt.timedelta(weeks=12 * (reviews + 1)))
        referral_date = self.workday(start - dt.timedelta(days=self.rng.randint(30, 60)))
        case.referral = None
        assessment = self.start_assessment(case, referral_date)
        self.finish_assessment(case, assessment, AssessmentOutcome.CIN_PLAN, max(start, assessment.started_on))
        plan = ChildInNeedPlan.objects.get(assessment=assessment)
        for n in range(1, reviews + 1):
            held = self.workday(plan.started_on + dt.timedelta(weeks=12 * n))
            if held >= self.today:
                break
            services.cin_review_record(
                actor=case.worker,
                plan=plan,
                held_on=held,
                notes="Child in need review with the family and the school: progress on the plan, next steps agreed.",
            )
            self.cin_reviewed = True
            plan.refresh_from_db()
        self.notes(case, max(plan.started_on, self.today - dt.timedelta(days=90)))

    def strategy_only(self, case: _Case, *, keep_open: bool, health_present: bool) -> None:
        assessment = self.start_assessment(case, self.referral_date(case.timing))
        held = max(assessment.started_on, self.after(assessment.started_on, self.rng.randint(1, 6)))
        self.strategy(
            case,
            held,
            StrategyDecision.NO_S47,
            assessment=assessment,
            health_present=health_present,
            keep_open=keep_open,
        )
        self.notes(case, held)

    def enquiry(self, case: _Case, *, outcome: str = "") -> None:
        """A section 47 in progress, or concluded at continuing risk with the initial
        conference booked, or concluded with the concerns not substantiated."""
        if outcome == EnquiryOutcome.SUBSTANTIATED_AT_RISK:
            span = {OVERDUE: (16, 22), SOON: (10, 14), IN_TIME: (6, 9)}[case.timing]
            strategy_on = self.back(self.rng.randint(*span))
            self.at_risk(case, strategy_on, min(self.after(strategy_on, self.rng.randint(4, 8)), self.back(1)))
            self.notes(case, strategy_on)
            return
        if outcome:
            referral_date = self.referral_date(case.timing)
            if case.timing == IN_TIME:
                referral_date = self.back(self.rng.randint(16, 30))
            assessment = self.start_assessment(case, referral_date)
            held = max(assessment.started_on, self.after(assessment.started_on, self.rng.randint(1, 3)))
        else:
            held_wd = {OVERDUE: (16, 25), SOON: (11, 15), IN_TIME: (2, 8)}[case.timing]
            held = self.back(self.rng.randint(*held_wd))
            referral_date = held - dt.timedelta(days=self.rng.randint(0, 4))
            if case.referral is not None:
                held = max(held, case.referral.referral_date)
            assessment = self.start_assessment(case, referral_date)
            held = max(held, assessment.started_on)
        joint = case.concern.category in ("PHY", "SAB") or self.rng.random() < 0.4
        discussion = self.strategy(
            case,
            held,
            StrategyDecision.S47_JOINT if joint else StrategyDecision.S47_SINGLE,
            assessment=assessment,
            health_present=self.rng.random() > 0.12,
        )
        if outcome:
            enquiry = discussion.enquiry
            completed = min(self.after(held, self.rng.randint(5, 12)), self.back(1))
            services.enquiry_complete(
                actor=case.worker,
                enquiry=enquiry,
                findings=f"The enquiry found no evidence that {case.name} has suffered significant harm; the family "
                "accept support.",
                outcome=self.rng.choice((EnquiryOutcome.NOT_SUBSTANTIATED, EnquiryOutcome.SUBSTANTIATED_NO_RISK)),
                completed_on=max(completed, held),
                expected_version=enquiry.version,
            )
        self.notes(case, held)

    # -- the whole ---------------------------------------------------------------------------

    def build(self, case: _Case) -> None:
        stage = case.stage
        if stage == ASSESSMENT:
            self.assessment(case, submitted=False)
        elif stage == SUBMITTED:
            self.assessment(case, submitted=True)
        elif stage == CIN:
            self.child_in_need(case)
        elif stage == STRATEGY:
            first = self.counts["strategy_only"] == 0
            self.strategy_only(case, keep_open=first, health_present=not first and self.rng.random() > 0.15)
            self.counts["strategy_only"] += 1
        elif stage == ENQUIRY:
            self.enquiry(case)
        elif stage == ICPC:
            self.enquiry(case, outcome=EnquiryOutcome.SUBSTANTIATED_AT_RISK)
        elif stage == ENQUIRY_CLOSED:
            self.enquiry(case, outcome=EnquiryOutcome.NOT_SUBSTANTIATED)
        elif stage == PLAN:
            self.child_protection(case, timing=case.timing)
        elif stage == REPEAT:
            self.repeat(case)
        elif stage == SECOND:
            self.second(case)
        elif stage == LOOKED_AFTER:
            self.looked_after(case)
        else:  # pragma: no cover
            raise ValueError(stage)

    def run(self) -> dict[str, int]:
        cases = self.choose()
        self.assign(cases)
        for case in cases:
            referral = case.referral
            try:
                with transaction.atomic():
                    self.build(case)
            except (ValidationError, InvalidTransition):
                # A date that the rules refuse on this day: fall back to an assessment.
                self.counts["fallbacks"] += 1
                case.referral, case.stage, case.partners = referral, ASSESSMENT, []
                with transaction.atomic():
                    self.build(case)
        with transaction.atomic():
            self.extras(cases)
        return self.summary(cases)

    # -- after the pathway: invitations, closures, referrals closed, emergency powers ------------

    def extras(self, cases: list[_Case]) -> None:
        self.invitations(cases)
        self.closures(cases)
        self.referrals_closed()
        self.emergency_protection(cases)
        self.upn_reasons(cases)

    def invitations(self, cases: list[_Case]) -> None:
        """The agencies that took part in the child's meetings are invited to the
        conferences not yet held (a few days ago, or today for one due soon)."""
        for case in cases:
            for conference in Conference.objects.filter(child=case.child, held_on__isnull=True).order_by("pk"):
                invited_on = max(self.back(2), conference.due_on - dt.timedelta(days=10))
                invited_on = min(invited_on, self.today)
                for agency in {a.pk: a for a in case.partners}.values():
                    services.conference_invite(
                        actor=case.worker,
                        conference=conference,
                        invitation=services.InvitationInput(agency=agency, user=self.partner_user.get(agency.pk)),
                        invited_on=invited_on,
                    )
                    self.counts["invitations"] += 1

    def closures(self, cases: list[_Case]) -> None:
        """Two more allocated children, not yet assessed, are assessed now: one with no
        further action, the other stepped down to early help; the worker closes each case
        and the manager authorises it."""
        taken = {c.child.pk for c in cases}
        rows = list(
            Involvement.objects.filter(
                kind=InvolvementKind.ALLOCATED_WORKER,
                ended_at__isnull=True,
                user__isnull=False,
                child__merged_into__isnull=True,
                child__access_level=AccessLevel.STANDARD,
                child__date_of_birth__isnull=False,
            )
            .exclude(child_id__in=taken)
            .exclude(child__assessments__isnull=False)
            .exclude(child__referrals__isnull=False)
            .order_by("child__la_id")
            .values_list("child_id", "user_id", "team_id")[:20]
        )
        chosen = self.cases(rows)[:2]
        reasons = (
            (
                AssessmentOutcome.NFA,
                ClosureReason.RC8,
                "The assessment found the family's needs met by universal services; the school will keep in touch "
                "with mother.",
            ),
            (
                AssessmentOutcome.EARLY_HELP,
                ClosureReason.RC9,
                "Stepped down to the family support service, which will work with mother on routines; the family "
                "agreed.",
            ),
        )
        for case, (outcome, census_reason, why) in zip(chosen, reasons, strict=False):
            try:
                with transaction.atomic():
                    assessment = self.start_assessment(case, self.back(30))
                    day = max(assessment.started_on, self.back(3))
                    self.finish_assessment(case, assessment, outcome, day)
                    closure = services.closure_propose(
                        actor=case.worker, child=case.child, census_reason=census_reason, closed_on=day, reason=why
                    )
                    services.closure_authorise(actor=case.manager, closure=closure, expected_version=closure.version)
            except (ValidationError, InvalidTransition, AccessDenied):
                continue
            case.stage = "closed"
            self.counts["closures"] += 1

    def referrals_closed(self) -> None:
        """A few referrals from the front door that nobody has assessed: the team manager
        closes them with no further action the next working day."""
        waiting = (
            Referral.objects.filter(assessments__isnull=True, nfa_on__isnull=True)
            .exclude(child__strategy_discussions__isnull=False)
            .select_related("child", "team")
            .order_by("referral_date", "pk")
        )
        closed = 0
        for referral in waiting:
            if closed >= 3:
                break
            manager = self.managers.get(referral.team_id)
            day = min(add_working_days(referral.referral_date, 1), self.today)
            if manager is None:
                continue
            try:
                with transaction.atomic():
                    services.referral_nfa_close(
                        actor=manager,
                        referral=referral,
                        closed_on=day,
                        reason="The information from the school and health visitor shows the family's needs are "
                        "met; advice given to mother and to the referrer.",
                        expected_version=referral.version,
                    )
            except (ValidationError, InvalidTransition, AccessDenied):
                continue
            closed += 1
        self.counts["referrals_closed_nfa"] = closed

    def emergency_protection(self, cases: list[_Case]) -> None:
        """Police protection for one child and an emergency protection order for another,
        each just before the strategy discussion that led to their plan (within six
        months, so Annex A's List 7 shows them)."""
        since = self.today - dt.timedelta(days=150)
        powers = (
            (
                ProtectionKind.POLICE,
                2,
                "PC Ravi Patel took the child into police protection; designated officer Inspector Clare Dunn",
                "Placed with the maternal grandmother overnight; mother told at the station.",
            ),
            (
                ProtectionKind.EPO,
                8,
                "Family Court at Bristol (HHJ Rowe)",
                "Placed with foster carers under the order; contact with mother supervised.",
            ),
        )
        chosen = []
        for case in cases:
            plan = ChildProtectionPlan.objects.filter(child=case.child, started_on__gte=since).first()
            discussion = (
                StrategyDiscussion.objects.filter(child=case.child, held_on__lte=plan.started_on)
                .order_by("-held_on")
                .first()
                if plan is not None
                else None
            )
            if plan is not None and discussion is not None:
                chosen.append((case, discussion.held_on))
            if len(chosen) == len(powers):
                break
        for (case, held_on), (kind, days, authority, notes) in zip(chosen, powers, strict=False):
            start = held_on - dt.timedelta(days=1)
            end = start + dt.timedelta(days=days)
            services.emergency_protection_record(
                actor=case.worker,
                child=case.child,
                kind=kind,
                started_on=start,
                ended_on=end if end <= self.today else None,
                authority=authority,
                notes=notes,
            )
            self.counts["emergency_protection"] += 1

    def upn_reasons(self, cases: list[_Case]) -> None:
        """Why some children have no UPN: not yet of school age, or new to the authority
        with the UPN not yet known (every third is left for the returns to flag)."""
        without = [c for c in cases if not c.child.upn and c.child.date_of_birth is not None]
        for n, case in enumerate(without):
            child = Person.objects.get(pk=case.child.pk)
            if child.upn or n % 3 == 2:
                continue
            age = (self.today - child.date_of_birth).days // 365 if child.date_of_birth else 0
            reason = "UN1" if age < 4 else ("UN4" if n % 2 else "UN2")
            try:
                people_services.person_update(
                    actor=case.worker, person=child, expected_version=child.version, upn_unknown_reason=reason
                )
            except (ValidationError, AccessDenied):
                continue
            self.counts["upn_reasons"] += 1

    def summary(self, cases: list[_Case]) -> dict[str, int]:
        today = self.today
        open_plans = ChildProtectionPlan.objects.filter(ended_on__isnull=True)
        counts = {
            "children": len(cases),
            "assessments_in_progress": Assessment.objects.filter(status=AssessmentStatus.IN_PROGRESS).count(),
            "awaiting_authorisation": Assessment.objects.filter(status=AssessmentStatus.SUBMITTED).count(),
            "assessments_overdue": Assessment.objects.exclude(status=AssessmentStatus.AUTHORISED)
            .filter(due_on__lt=today)
            .count(),
            "child_in_need_plans": ChildInNeedPlan.objects.filter(ended_on__isnull=True).count(),
            "strategy_discussions": StrategyDiscussion.objects.count(),
            "enquiries_open": Section47Enquiry.objects.filter(completed_on__isnull=True).count(),
            "conferences_due": Conference.objects.filter(held_on__isnull=True).count(),
            "protection_plans": open_plans.count(),
            "reviews_overdue": open_plans.filter(next_review_due__lt=today).count(),
            "second_plans": open_plans.filter(previous_plans__gte=1).count(),
            "repeat_plans": open_plans.filter(repeat_within_two_years=True).count(),
            "visits_overdue": open_plans.filter(next_visit_due__lt=today).count(),
            "actions_overdue": Action.objects.filter(completed_on__isnull=True, due_on__lt=today).count(),
            "case_notes": CaseNote.objects.count(),
            "restricted_notes": CaseNote.objects.filter(restricted=True).count(),
            "shared_notes": CaseNote.objects.filter(shared_with__isnull=False).distinct().count(),
            "from_referrals": Assessment.objects.filter(referral__isnull=False).count(),
            "invitations": self.counts["invitations"],
            "closures": self.counts["closures"],
            "referrals_closed_nfa": self.counts["referrals_closed_nfa"],
            "emergency_protection": self.counts["emergency_protection"],
            "upn_reasons": self.counts["upn_reasons"],
        }
        if self.counts["fallbacks"]:
            counts["fallbacks"] = self.counts["fallbacks"]
        return counts


def seed_casework(*, seed: int, children: int, today: dt.date | None = None) -> dict[str, int]:
    """Casework at every stage for a share of the allocated children. Returns counts by
    stage for the seeding summary."""
    return _Casework(seed=seed, children=children, today=today or timezone.localdate()).run()
