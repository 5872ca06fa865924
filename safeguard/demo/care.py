"""The demo's children in care: every child allocated to the children-in-care team is
taken into care through ``safeguard.care.services`` (dates in the past, so it is all
audited and obeys the episode rules), with one of these stories:

- a new entrant, looked after for days: first visit and first review coming up (some
  visits already overdue);
- placement moves: section 20 in foster care, an interim care order (C1), a placement
  ending at the carer's request, a move with the same carer; reviews and visits on time;
- a review overdue: a care order child whose last review was more than six months ago,
  and visits slipping;
- settled long-term fostering (C2, U4, intended to 18): 3-monthly visits after the first
  year, reviews on time;
- a review due within days;
- 14 to 17 in a children's home (K2), or at 16 or 17 in supported accommodation (K3);
- placed for adoption under a placement order (E1, A6);
- short breaks (V3): stays of a few days in an NHS respite unit (R2), each ended;
- care ended: returned home (E4A) a few months ago.

Each child in care also has the NHS trust (its looked-after children's nurse, the demo
user ``lac.nurse``) and the virtual school (``virtual.school``, an agency of kind school
that this seeder creates) involved, with health assessments, dental checks, SDQs and
personal education plans recorded by them. The IRO is ``iro1`` or ``tm.iro``.

For the SSDA903 return, each period of care has its previous permanence recorded (mostly
none, some a child arrangements order or special guardianship order made here or
elsewhere); some teenagers accommodated under section 20 are unaccompanied
asylum-seeking children (a third of them with leave to remain, so the status has ceased);
children looked after for 12 months at 31 March have that year's outcomes recorded
(conviction, substance misuse); the first children placed in a children's home were under
a deprivation of liberty order for a while; and each child's social worker history
runs from the start of care: the worker allocated before, with the reason for each change.
One seed gives the same children in care every time (on the same day).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.access import services as access_services
from safeguard.access.models import Involvement, InvolvementKind
from safeguard.accounts import services as account_services
from safeguard.accounts.models import Agency, AgencyKind, Role, TeamKind, User
from safeguard.care import policy as care_policy
from safeguard.care import rules, services
from safeguard.care.models import Carer, CareRecord, Episode, PermanenceBefore, SdqScore, YearOutcomes
from safeguard.lib.errors import InvalidTransition
from safeguard.people.models import Person

from . import data

VIRTUAL_SCHOOL = "Northbrook Virtual School"
EPO_DAYS = 8  # an emergency protection order lasts at most 8 days (Children Act 1989 s45)
STORIES = (
    "new_entrant",
    "moves",
    "review_overdue",
    "settled",
    "review_due_soon",
    "older",
    "adoption",
    "short_breaks",
    "ended",
    "moves",
    "settled",
    "new_entrant",
)
# Real postcodes of public places in the demo authority's area (Bristol, LA 801, ONS
# E06000023), so that the SSDA903 validator's ONS postcode checks pass (rules 392c, 169,
# 179, 218). Postcodes only: never a street address, never a home.
PUBLIC_POSTCODES = (
    "BS1 5TR",  # City Hall
    "BS8 1RL",  # Bristol Museum and Art Gallery
    "BS1 6QF",  # Temple Meads station
    "BS2 8HW",  # Bristol Royal Infirmary
    "BS10 5NB",  # Southmead Hospital
    "BS1 5TJ",  # Bristol Cathedral
    "BS1 4RN",  # M Shed
    "BS8 1TH",  # University of Bristol, Senate House
    "BS3 2EJ",  # Ashton Gate Stadium
    "BS1 5TX",  # Watershed
    "BS1 5TL",  # Central Library
    "BS1 4ED",  # Bristol Old Vic
)
# Placements, a carer's new address after a move with the same carer, and the children's
# home postcodes in the return never share a postcode (a placement at the home postcode is P1 only).
PLACEMENT_POSTCODES = PUBLIC_POSTCODES[:8]
MOVE_POSTCODE = PUBLIC_POSTCODES[8]
HOME_POSTCODES = PUBLIC_POSTCODES[9:]


def home_postcode(child: Person) -> str:
    """The child's home postcode in the return: one of a fixed list, by the child's id."""
    return HOME_POSTCODES[child.pk % len(HOME_POSTCODES)]


CARERS = (
    ("The Okafor family", "foster", "PR1", PLACEMENT_POSTCODES[0], ""),
    ("Jo and Sam Patel", "foster", "PR1", PLACEMENT_POSTCODES[1], ""),
    ("Lee Morgan", "foster", "PR4", PLACEMENT_POSTCODES[2], ""),
    ("Brightstart Fostering: the Hughes family", "foster", "PR4", PLACEMENT_POSTCODES[3], ""),
    ("Anna Kowalski (aunt)", "connected", "PR1", PLACEMENT_POSTCODES[4], ""),
    ("The Greens (grandparents)", "connected", "PR1", PLACEMENT_POSTCODES[5], ""),
    ("Oakfield House", "home", "PR4", PLACEMENT_POSTCODES[6], "SC481234"),
    ("Northbrook Secure Unit", "home", "PR1", PLACEMENT_POSTCODES[7], "SC400012"),
    ("Millbridge Supported Living", "supported", "PR5", PLACEMENT_POSTCODES[0], "2701234"),
    # Short breaks in an NHS respite unit (R2, other public provision): the validator's rule
    # 218 asks a URN of a short break in a children's home (K2) that rule 214 forbids.
    ("Northbrook Short Breaks Centre", "setting", "PR3", PLACEMENT_POSTCODES[1], ""),
    ("Adopters: the Campbells", "adopter", "PR1", PLACEMENT_POSTCODES[2], ""),
)


class _Seeder:
    def __init__(self, *, actor: User, seed: int, children: int) -> None:
        self.actor = actor
        self.rng = random.Random(seed * 7919 + 6)
        self.today = timezone.localdate()
        self.children = children
        self.counts: Counter[str] = Counter()
        self.iros = list(
            User.objects.filter(team__kind=TeamKind.REVIEWING, is_active=True, role__in=[Role.SOCIAL_WORKER])
        ) or list(User.objects.filter(team__kind=TeamKind.REVIEWING, is_active=True))
        self.nurse = User.objects.filter(username="lac.nurse").first()
        self.nhs = self.nurse.agency if self.nurse else Agency.objects.filter(kind=AgencyKind.NHS_TRUST).first()
        self.school, self.teacher = self.virtual_school()
        self.carers = self.make_carers()
        self.assessors = list(
            User.objects.filter(team__kind=TeamKind.ASSESSMENT, is_active=True, role=Role.SOCIAL_WORKER).order_by(
                "username"
            )
        )

    # --- set-up -------------------------------------------------------------------------

    def virtual_school(self) -> tuple[Agency, User]:
        agency = Agency.objects.filter(name=VIRTUAL_SCHOOL).first() or account_services.agency_create(
            actor=self.actor, name=VIRTUAL_SCHOOL, kind=AgencyKind.SCHOOL, code="801VS"
        )
        user = User.objects.filter(username="virtual.school").first()
        if user is None:
            user, _ = account_services.user_create(
                actor=self.actor,
                username="virtual.school",
                first_name="Grace",
                last_name="Achebe",
                email=f"virtual.school@{data.EMAIL_DOMAIN}",
                role=Role.PARTNER,
                agency=agency,
                team=None,
                job_title="Virtual school headteacher",
                password=data.DEMO_PASSWORD,
                must_change_password=False,
            )
        return agency, user

    def make_carers(self) -> dict[str, list[Carer]]:
        made: dict[str, list[Carer]] = {}
        for name, kind, provider, postcode, urn in CARERS:
            carer = Carer.objects.filter(name=name).first() or services.carer_create(
                actor=self.actor, name=name, kind=kind, provider=provider, postcode=postcode, urn=urn
            )
            made.setdefault(kind, []).append(carer)
        return made

    def carer(self, kind: str, other_than: Carer | None = None) -> Carer:
        return self.rng.choice([c for c in self.carers[kind] if c != other_than] or self.carers[kind])

    def placement(self, kind: str, place: str, other_than: Carer | None = None, **extra: object) -> services.Placement:
        carer = self.carer(kind, other_than)
        return services.Placement(
            placement_type=place,
            placement_provider=carer.provider,
            placement_postcode=carer.postcode,
            urn=carer.urn if place in {"K1", "K2", "K3"} else "",
            carer=carer,
            **extra,  # type: ignore[arg-type]
        )

    # --- the children -------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        allocations = (
            Involvement.objects.filter(
                kind=InvolvementKind.ALLOCATED_WORKER, ended_at__isnull=True, team__kind=TeamKind.CHILDREN_IN_CARE
            )
            .select_related("child", "user")
            .order_by("child_id")
        )
        offset = self.rng.randrange(len(STORIES))
        for index, involvement in enumerate(allocations):
            child = involvement.child
            worker = involvement.user
            if worker is None or child.date_of_birth is None or CareRecord.objects.filter(child=child).exists():
                continue
            story = STORIES[(index + offset) % len(STORIES)]
            try:
                with transaction.atomic():
                    self.tell(story, child, worker, index)
                    self.return_items(story, child, worker, involvement)
                self.counts[story] += 1
            except (ValidationError, InvalidTransition) as exc:  # a story that does not fit this child
                self.counts["skipped"] += 1
                self.counts[f"skipped:{type(exc).__name__}"] += 1
        counts = dict(self.counts)
        counts["in_care"] = CareRecord.objects.filter(in_care=True).count()
        counts["reviews_overdue"] = CareRecord.objects.filter(in_care=True, next_review_due__lt=self.today).count()
        counts["visits_overdue"] = CareRecord.objects.filter(in_care=True, next_visit_due__lt=self.today).count()
        return counts

    def tell(self, story: str, child: Person, worker: User, index: int) -> None:
        age = child.age_on(self.today) or 0
        born = child.date_of_birth
        assert born is not None
        if story == "older" and age < 14:
            story = "settled"
        if story == "adoption" and age > 8:
            story = "moves"
        iro = self.iros[index % len(self.iros)] if self.iros else None

        def start_back(days_low: int, days_high: int) -> dt.date:
            return max(
                self.today - dt.timedelta(days=self.rng.randint(days_low, days_high)), born + dt.timedelta(days=7)
            )

        def begin(on: dt.date, status: str, placement: services.Placement) -> None:
            services.care_start(
                actor=worker,
                child=child,
                start_date=on,
                legal_status=status,
                category_of_need=self.rng.choice(("N1", "N1", "N1", "N2", "N4", "N5")),
                placement=placement,
                home_postcode=home_postcode(child),
                iro=iro,
            )
            self.permanence_before(child, worker, on)
            for agency, reason in ((self.nhs, "Looked-after children's health"), (self.school, "Virtual school")):
                if agency is not None:
                    access_services.involvement_start(
                        actor=self.actor, child=child, kind=InvolvementKind.AGENCY, agency=agency, reason=reason
                    )

        def change(on: dt.date, kind: str, **kw: object) -> None:
            version = CareRecord.objects.get(child=child).version
            services.episode_change(actor=worker, child=child, on=on, kind=kind, expected_version=version, **kw)  # type: ignore[arg-type]

        def work(until: dt.date, *, late_reviews: bool = False, late_visits: bool = False) -> None:
            self.duties(child, worker, iro, until, late_reviews=late_reviews, late_visits=late_visits)

        foster = lambda: self.placement("foster", "U6")  # noqa: E731
        if story == "new_entrant":
            status = self.rng.choice(("V2", "V2", "L2", "C1"))
            on = start_back(EPO_DAYS + 1, 12) if status == "L2" else start_back(3, 12)
            epo_end = on + dt.timedelta(days=EPO_DAYS)
            if status == "L2" and epo_end >= self.today:
                # Too young for the order to have ended by today: the validator counts
                # an open EPO to the end of the collection year (rule 362), so none is left open.
                status = "C1"
            begin(on, status, foster())
            if status == "L2":
                # An emergency protection order lasts 8 days at most (rule 362: never over 21),
                # then the court makes an interim care order.
                work(epo_end)
                change(epo_end, "L", legal_status="C1")
            work(self.today, late_visits=self.rng.random() < 0.4)
        elif story == "moves":
            on = start_back(240, 480)
            begin(on, "V2", foster())
            icoo = on + dt.timedelta(days=self.rng.randint(30, 60))
            work(icoo)
            change(icoo, "L", legal_status="C1")
            move = icoo + dt.timedelta(days=self.rng.randint(50, 100))
            work(move)
            current = Episode.objects.get(child=child, end_date__isnull=True).carer
            change(move, "P", placement=self.placement("foster", "U6", current), placement_change_reason="CREQB")
            same = move + dt.timedelta(days=self.rng.randint(40, 80))
            if same < self.today - dt.timedelta(days=20):
                work(same)
                carer = Episode.objects.get(child=child, end_date__isnull=True).carer
                change(
                    same,
                    "T",
                    placement=services.Placement(
                        placement_type="U6",
                        placement_provider=carer.provider if carer else "PR1",
                        placement_postcode=MOVE_POSTCODE,
                        carer=carer,
                    ),
                    placement_change_reason="PLACE",
                )
            work(self.today)
        elif story == "review_overdue":
            on = start_back(420, 900)
            begin(on, "C2", self.placement("foster", "U4"))
            work(self.today, late_reviews=True, late_visits=self.rng.random() < 0.5)
        elif story == "settled":
            on = start_back(500, 1500)
            begin(on, "C2", self.placement("foster", "U4", intended_to_18=True))
            work(self.today)
        elif story == "review_due_soon":
            # The second review falls due 3 months after the first (about 4 months in).
            on = start_back(118, 126)
            begin(on, "C1", foster())
            work(self.today - dt.timedelta(days=8))
        elif story == "older":
            on = start_back(60, 300)
            place = "K3" if rules.collection_year(on) >= 2024 else "H5"
            if (child.age_on(on) or 0) < 16 or self.rng.random() < 0.4:
                # Supported accommodation is for 16 and over (rule 371): a children's home.
                begin(on, "C2", self.placement("home", "K2"))
            else:
                begin(on, "V2", self.placement("supported", place))
            work(self.today)
        elif story == "adoption":
            on = start_back(500, 800)
            begin(on, "C1", foster())
            order = on + dt.timedelta(days=self.rng.randint(200, 300))
            if order >= self.today - dt.timedelta(days=7):
                # Too young for the placement order to have been made yet.
                work(self.today)
                return
            work(order)
            change(
                order,
                "B",
                legal_status="E1",
                placement=self.placement("adopter", "A6"),
                placement_change_reason="CARPL",
            )
            work(self.today)
        elif story == "short_breaks":
            on = start_back(200, 300)
            home = self.placement("setting", "R2")
            for _ in range(4):
                begin(on, "V3", home)
                end = on + dt.timedelta(days=self.rng.randint(2, 4))
                if end >= self.today:
                    break
                services.care_end(
                    actor=worker,
                    child=child,
                    on=end,
                    end_reason="E8",
                    expected_version=CareRecord.objects.get(child=child).version,
                )
                on = end + dt.timedelta(days=self.rng.randint(25, 40))
                if on >= self.today:
                    break
        elif story == "ended":
            on = start_back(300, 500)
            begin(on, "V2", foster())
            end = self.today - dt.timedelta(days=self.rng.randint(30, 90))
            work(end)
            services.care_end(
                actor=worker,
                child=child,
                on=end,
                end_reason="E4A",
                expected_version=CareRecord.objects.get(child=child).version,
            )

    def duties(
        self, child: Person, worker: User, iro: User | None, until: dt.date, *, late_reviews: bool, late_visits: bool
    ) -> None:
        """Reviews, visits, health and education in date order up to ``until``, each held
        a few days before its stored due date (or, for late stories, left undone for the
        last months)."""
        rng = self.rng
        stop_reviews = self.today - dt.timedelta(days=rng.randint(200, 260)) if late_reviews else until
        stop_visits = self.today - dt.timedelta(days=rng.randint(60, 120)) if late_visits else until
        blocked: set[str] = set()  # kinds no demo actor may record for this child
        for _ in range(200):
            record = CareRecord.objects.get(child=child)
            candidates: list[tuple[dt.date, str]] = []
            for due, kind, stop in (
                (record.next_review_due, "review", stop_reviews),
                (record.next_visit_due, "visit", stop_visits),
                (record.next_health_assessment_due, "health", until),
                (record.next_dental_due, "dental", until),
                (record.next_pep_due, "pep", until),
                (record.next_sdq_due, "sdq", until),
            ):
                if due is None or kind in blocked:
                    continue
                on = min(due - dt.timedelta(days=rng.randint(0, 6)), self.today - dt.timedelta(days=1))
                on = max(on, record.period_start)
                if on <= min(stop, self.today - dt.timedelta(days=1)) and due <= until + dt.timedelta(days=6):
                    candidates.append((on, kind))
            if not candidates:
                return
            on, kind = min(candidates)
            if (kind == "review" and iro is None) or not self.do(kind, child, worker, iro, on):
                blocked.add(kind)

    def actor_for(self, kind: str, child: Person, worker: User, iro: User | None) -> User | None:
        """The first demo user the access policy lets record ``kind`` for this child (the
        partner first, then the allocated worker), or None: restricted and sealed records
        are limited to the allocated team, so partners are refused there."""
        checks: dict[str, tuple[Callable[[User, Person], object], tuple[User | None, ...]]] = {
            "review": (care_policy.can_chair_review, (iro,)),
            "visit": (care_policy.can_record_care, (worker,)),
            "health": (care_policy.can_record_care_health, (self.nurse, worker)),
            "dental": (care_policy.can_record_care_health, (self.nurse, worker)),
            "sdq": (care_policy.can_record_care_health, (self.nurse, worker)),
            "pep": (care_policy.can_record_care_education, (self.teacher, worker)),
        }
        allowed, users = checks[kind]
        return next((u for u in users if u is not None and allowed(u, child)), None)

    def do(self, kind: str, child: Person, worker: User, iro: User | None, on: dt.date) -> bool:
        age = child.age_on(on) or 0
        actor = self.actor_for(kind, child, worker, iro)
        if actor is None:  # a restricted or sealed record that no demo actor here may write to
            self.counts["not_allowed"] += 1
            return False
        actions: dict[str, Callable[[], object]] = {
            "review": lambda: services.review_record(
                actor=actor,
                child=child,
                held_on=on,
                participation="PN0" if age < 4 else self.rng.choice(("PN1", "PN1", "PN2", "PN5", "PN6")),
                child_views="Likes the carers; wants more time with their brother.",
                decisions="The care plan continues. Contact with birth family fortnightly, supervised.",
                actions=[
                    services.ActionInput(
                        "Update the care plan after the review", worker.get_full_name(), on + dt.timedelta(days=20)
                    )
                ],
            ),
            "visit": lambda: services.visit_record(
                actor=actor,
                child=child,
                visited_on=on,
                summary="Visited at the placement. Saw the child's room; talked about school and contact.",
                child_seen=True,
                child_seen_alone=age >= 5,
                not_seen_alone_reason="" if age >= 5 else "Too young to be seen alone; seen with the carer.",
            ),
            "health": lambda: services.health_check_record(
                actor=actor,
                child=child,
                kind="review" if child.care_health_checks.exists() else "initial",
                done_on=on,
                by_whom="Looked-after children's nurse" if actor == self.nurse else "GP",
                outcome="Growth and development within normal range. Immunisations up to date.",
                immunisations_up_to_date=True,
            ),
            "dental": lambda: services.health_check_record(
                actor=actor, child=child, kind="dental", done_on=on, by_whom="Northbrook Dental Practice"
            ),
            "pep": lambda: services.pep_record(
                actor=actor,
                child=child,
                reviewed_on=on,
                school=self.rng.choice(("Northbrook Academy", "Eastfield Primary School", "Millbridge High School")),
                designated_teacher="Ms R Ahmed",
                attendance_percent=self.rng.randint(78, 100),
                targets="Reading age; maths catch-up tutoring funded from pupil premium plus.",
            ),
            "sdq": lambda: services.sdq_record(
                actor=actor, child=child, completed_on=on, score=self.rng.randint(6, 24)
            ),
        }
        actions[kind]()
        self.counts[kind + "s"] += 1
        return True

    # --- what the SSDA903 return asks beyond episodes ------------------------------------

    def permanence_before(self, child: Person, worker: User, on: dt.date) -> None:
        """Previous permanence at the start of each period of care: mostly none (Z1); some
        a child arrangements order (P3) or special guardianship order (P2) that broke down,
        made here (801) or by a neighbouring authority."""
        roll = self.rng.random()
        born = child.date_of_birth
        assert born is not None
        option, la_code, order_date = "Z1", "", None
        if roll < 0.15 and (on - born).days > 400:
            option = "P3" if roll < 0.1 else "P2"
            la_code = self.rng.choice(("801", "801", "803", "866"))
            order_date = born + dt.timedelta(days=self.rng.randint(180, (on - born).days - 30))
        services.permanence_before_record(
            actor=worker, child=child, option=option, la_code=la_code, order_date=order_date, expected_version=0
        )
        self.counts["previous_permanence"] += 1

    def return_items(self, story: str, child: Person, worker: User, allocation: Involvement) -> None:
        record = CareRecord.objects.get(child=child)
        first = Episode.objects.filter(child=child).order_by("start_date").first()
        born = child.date_of_birth
        if (
            first is not None
            and born is not None
            and first.legal_status == "V2"
            and rules.age_on(born, first.start_date) >= 13
        ):
            self.uasc(child, worker, record)
        if story != "short_breaks":
            self.outcomes(child, worker, record)
        if story == "older" and self.counts["liberty_orders"] < 2:
            self.liberty_order(child, worker)
        self.social_workers(child, record, allocation)

    def uasc(self, child: Person, worker: User, record: CareRecord) -> None:
        """Two in five of the teenagers accommodated under section 20 arrived as
        unaccompanied asylum seekers; a third of those have since been granted leave to
        remain, which ends the status. The first such teenager always did, so that even a
        small demo shows one."""
        if self.counts["uasc"] and self.rng.random() >= 0.4:
            return
        ceased = None
        if self.rng.random() < 1 / 3:
            granted = record.period_start + dt.timedelta(days=self.rng.randint(40, 200))
            if (
                granted < self.today
                and child.date_of_birth
                and granted <= rules.eighteenth_birthday(child.date_of_birth)
            ):
                ceased = granted
        services.uasc_record(actor=worker, child=child, uasc=True, ceased_on=ceased, expected_version=record.version)
        self.counts["uasc"] += 1

    def outcomes(self, child: Person, worker: User, record: CareRecord) -> None:
        """The yearly outcomes (OC2) of each collection year so far for which the child was
        looked after from its 1 April: no conviction for most, a substance misuse problem
        for some teenagers, most of them getting help."""
        born = child.date_of_birth
        assert born is not None
        last = self.today.year + 1 if self.today.month >= 4 else self.today.year
        for year in (last - 1, last):
            if record.period_start > dt.date(year - 1, 4, 1):
                continue
            if record.period_end is not None and record.period_end < dt.date(year, 3, 31):
                continue
            age = rules.age_on(born, dt.date(year, 3, 31))
            misuse = age >= 13 and self.rng.random() < 0.12
            received = misuse and self.rng.random() < 0.6
            services.year_outcomes_record(
                actor=worker,
                child=child,
                year=year,
                convicted=(self.rng.random() < 0.06) if age >= 10 else None,
                substance_misuse=misuse,
                intervention_received=received if misuse else None,
                intervention_offered=(self.rng.random() < 0.7) if misuse and not received else None,
                expected_version=0,
            )
            self.counts["year_outcomes"] += 1

    def liberty_order(self, child: Person, worker: User) -> None:
        """The High Court authorised depriving the first children placed in a children's
        home of their liberty a few weeks in; the orders have since ended."""
        home = Episode.objects.filter(child=child, placement_type="K2", end_date__isnull=True).first()
        if home is None:
            return
        start = home.start_date + dt.timedelta(days=self.rng.randint(10, 30))
        if start >= self.today - dt.timedelta(days=20):
            return
        # Both have ended: the DfE validator counts an open episode as ending on 31 March,
        # so it reports an order still in force as one left open after care ended (707).
        end = min(start + dt.timedelta(days=self.rng.randint(40, 90)), self.today - dt.timedelta(days=5))
        services.liberty_order_record(actor=worker, child=child, start_date=start, end_date=end, expected_version=0)
        self.counts["liberty_orders"] += 1

    def social_workers(self, child: Person, record: CareRecord, allocation: Involvement) -> None:
        """The social worker history from the start of care. A child allocated to the
        children-in-care worker after coming into care had an assessment-team worker
        first (first contact, FCONTA), who handed over under the standard process
        (TSPROC)."""
        if not self.assessors:
            return
        tz = timezone.get_current_timezone()
        began = Episode.objects.filter(child=child).order_by("start_date").values_list("start_date", flat=True).first()
        assert began is not None
        allocated = allocation.started_at.astimezone(tz).date()
        if allocated <= began:
            Involvement.objects.filter(pk=allocation.pk).update(change_reason="FCONTA")
            return
        first = timezone.make_aware(
            dt.datetime.combine(began - dt.timedelta(days=self.rng.randint(3, 30)), dt.time(10, 0))
        )
        handover = allocation.started_at
        if allocated - began > dt.timedelta(days=14):
            assessor = self.assessors[child.pk % len(self.assessors)]
            Involvement.objects.create(
                child=child,
                kind=InvolvementKind.ALLOCATED_WORKER,
                user=assessor,
                team=assessor.team,
                reason="Allocated",
                started_at=first,
                ended_at=handover,
                change_reason="FCONTA",
            )
            Involvement.objects.filter(pk=allocation.pk).update(change_reason="TSPROC")
        else:
            Involvement.objects.filter(pk=allocation.pk).update(started_at=first, change_reason="FCONTA")
        self.counts["social_worker_changes"] += 1


def seed_care(*, actor: User, seed: int, children: int) -> dict[str, int]:
    """Children in care at every stage (see the module's docstring). Returns counts."""
    return _Seeder(actor=actor, seed=seed, children=children).run()


class _ReturnItems:
    """What the SSDA903 return asks of every child in care, whichever demo seeder took
    them into care (the leaving care seeder takes its own young people into care): the
    social worker history from the start of care, previous permanence for each period of
    care, the yearly outcomes, and an SDQ in each collection year so far for a 4- to
    16-year-old looked after for 12 months. What is already recorded is kept."""

    def __init__(self, *, actor: User, seed: int) -> None:
        self.actor = actor
        self.rng = random.Random(seed * 104729 + 11)
        self.today = timezone.localdate()
        self.counts: Counter[str] = Counter()
        self.nurse = User.objects.filter(username="lac.nurse").first()
        self.cic_workers = list(
            User.objects.filter(team__kind=TeamKind.CHILDREN_IN_CARE, is_active=True, role=Role.SOCIAL_WORKER).order_by(
                "username"
            )
        )
        self.leaving_workers = (
            list(
                User.objects.filter(team__kind=TeamKind.LEAVING_CARE, is_active=True, role=Role.SOCIAL_WORKER).order_by(
                    "username"
                )
            )
            or self.cic_workers
        )
        # The first day of the earliest collection year the demo's returns cover (the last
        # complete one): 1 April 2025 in 2026/27.
        current = self.today.year + 1 if self.today.month >= 4 else self.today.year
        self.reported_from = dt.date(current - 2, 4, 1)

    @staticmethod
    def least_loaded(workers: list[User]) -> User:
        """The worker with the fewest children allocated now (the first such by username)."""
        loads = Counter(
            Involvement.objects.filter(
                kind=InvolvementKind.ALLOCATED_WORKER, ended_at__isnull=True, user__in=workers
            ).values_list("user_id", flat=True)
        )
        return min(workers, key=lambda w: (loads[w.pk], w.username))

    @staticmethod
    def moment(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))

    def run(self) -> dict[str, int]:
        children = Person.objects.filter(care_record__isnull=False).order_by("pk")
        for child in children:
            episodes = list(Episode.objects.filter(child=child).order_by("start_date", "id"))
            if not episodes or child.date_of_birth is None:
                continue
            with transaction.atomic():
                self.social_workers(child, episodes)
                worker = self.worker_of(child)
                if worker is None:
                    continue
                for episode in episodes:
                    if (
                        episode.reason_new_episode == "S"
                        and not PermanenceBefore.objects.filter(child=child, period_start=episode.start_date).exists()
                    ):
                        self.permanence_before(child, worker, episode.start_date)
                if any(e.legal_status not in ("V3", "V4") for e in episodes):
                    self.yearly(child, worker, episodes)
        return dict(self.counts)

    def worker_of(self, child: Person) -> User | None:
        current = (
            Involvement.objects.filter(child=child, kind=InvolvementKind.ALLOCATED_WORKER)
            .order_by("-started_at")
            .select_related("user")
            .first()
        )
        worker = current.user if current else None
        if worker is None or not care_policy.can_record_care(worker, child):
            return None
        return worker

    def social_workers(self, child: Person, episodes: list[Episode]) -> None:
        """A child with no allocated worker from the start of care had one from the
        children-in-care team (first contact) until the current worker took over under
        the standard process; a change with no reason recorded was that transfer."""
        tz = timezone.get_current_timezone()
        began = episodes[0].start_date
        allocations = list(
            Involvement.objects.filter(child=child, kind=InvolvementKind.ALLOCATED_WORKER).order_by("started_at")
        )
        first = allocations[0] if allocations else None
        left = episodes[-1].end_date
        if first is None and left is not None and left < self.reported_from:
            return  # left care before any year the returns cover: no history needed
        late = first is None or first.started_at.astimezone(tz).date() > began + dt.timedelta(days=2)
        if late and self.cic_workers:
            worker = (
                self.cic_workers[child.pk % len(self.cic_workers)]
                if first or left
                else self.least_loaded(self.cic_workers)
            )
            # With no worker now, the children-in-care worker held the case until the young
            # person left care, then a leaving care worker took over.
            handover = first.started_at if first else (self.moment(left) if left else None)
            Involvement.objects.create(
                child=child,
                kind=InvolvementKind.ALLOCATED_WORKER,
                user=worker,
                team=worker.team,
                reason="Allocated",
                started_at=self.moment(began - dt.timedelta(days=self.rng.randint(3, 30))),
                ended_at=handover,
                change_reason="FCONTA",
            )
            if first is None and handover is not None and self.leaving_workers:
                after = self.least_loaded(self.leaving_workers)
                Involvement.objects.create(
                    child=child,
                    kind=InvolvementKind.ALLOCATED_WORKER,
                    user=after,
                    team=after.team,
                    reason="Allocated",
                    started_at=handover,
                    change_reason="TSPROC",
                )
            self.counts["social_worker_histories"] += 1
        for index, allocation in enumerate(
            Involvement.objects.filter(child=child, kind=InvolvementKind.ALLOCATED_WORKER).order_by("started_at")
        ):
            if not allocation.change_reason:
                Involvement.objects.filter(pk=allocation.pk).update(change_reason="FCONTA" if index == 0 else "TSPROC")
        self.handed_over_in_care(child, episodes)

    def handed_over_in_care(self, child: Person, episodes: list[Episode]) -> None:
        """A child who has left care was handed to the current worker while still looked
        after, not after (the base seeding allocates on a random day)."""
        ended = episodes[-1].end_date
        if ended is None:
            return
        allocations = list(
            Involvement.objects.filter(child=child, kind=InvolvementKind.ALLOCATED_WORKER).order_by("started_at")
        )
        if len(allocations) < 2:
            return
        tz = timezone.get_current_timezone()
        last, previous = allocations[-1], allocations[-2]
        if last.started_at.astimezone(tz).date() <= ended:
            return
        earliest = previous.started_at.astimezone(tz).date() + dt.timedelta(days=3)
        day = max(earliest, ended - dt.timedelta(days=self.rng.randint(5, 40)))
        if day >= ended:
            return
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
        Involvement.objects.filter(pk=last.pk).update(started_at=moment)
        Involvement.objects.filter(pk=previous.pk).update(ended_at=moment)
        self.counts["handed_over_in_care"] += 1

    def permanence_before(self, child: Person, worker: User, on: dt.date) -> None:
        """None recorded: no previous permanence (the service records it for the child's
        current period of care, so only that one is filled in)."""
        if CareRecord.objects.filter(child=child, period_start=on).exists():
            services.permanence_before_record(
                actor=worker, child=child, option="Z1", la_code="", order_date=None, expected_version=0
            )
            self.counts["previous_permanence"] += 1

    def yearly(self, child: Person, worker: User, episodes: list[Episode]) -> None:
        born = child.date_of_birth
        assert born is not None
        last = self.today.year + 1 if self.today.month >= 4 else self.today.year
        for year in (last - 1, last):
            start, end = dt.date(year - 1, 4, 1), dt.date(year, 3, 31)
            if not _looked_after_all_year(episodes, start, end):
                continue
            age = rules.age_on(born, end)
            if not YearOutcomes.objects.filter(child=child, year=year).exists():
                misuse = age >= 13 and self.rng.random() < 0.12
                received = misuse and self.rng.random() < 0.6
                services.year_outcomes_record(
                    actor=worker,
                    child=child,
                    year=year,
                    convicted=(self.rng.random() < 0.06) if age >= 10 else None,
                    substance_misuse=misuse,
                    intervention_received=received if misuse else None,
                    intervention_offered=(self.rng.random() < 0.7) if misuse and not received else None,
                    expected_version=0,
                )
                self.counts["year_outcomes"] += 1
            sdq_age = rules.age_on(born, start) >= 4 and rules.age_on(born, end) < 17
            done = SdqScore.objects.filter(child=child, completed_on__gte=start, completed_on__lte=end).exists()
            if sdq_age and not done:
                latest = min(end, self.today - dt.timedelta(days=1))
                on = latest - dt.timedelta(days=self.rng.randint(0, max(0, min(150, (latest - start).days))))
                actor = next(
                    (u for u in (self.nurse, worker) if u is not None and care_policy.can_record_care_health(u, child)),
                    None,
                )
                if actor is not None:
                    services.sdq_record(actor=actor, child=child, completed_on=on, score=self.rng.randint(6, 24))
                    self.counts["sdqs"] += 1


def _looked_after_all_year(episodes: list[Episode], start: dt.date, end: dt.date) -> bool:
    """Looked after from 1 April to 31 March (so far) with no break and no short breaks:
    the children the OC2 table is about."""
    if start > timezone.localdate():
        return False
    during = [e for e in episodes if e.start_date <= end and (e.end_date is None or e.end_date >= start)]
    if not during or any(e.legal_status in ("V3", "V4") for e in during):
        return False
    if any(e.reason_new_episode == "S" and start < e.start_date <= end for e in during):
        return False
    return not any(e.end_date is not None and e.end_reason != "X1" and start <= e.end_date < end for e in during)


def seed_care_returns(*, actor: User, seed: int, children: int) -> dict[str, int]:
    """After the other seeders: what the SSDA903 return asks of every child in care (see
    ``_ReturnItems``). Returns counts."""
    return _ReturnItems(actor=actor, seed=seed).run()
