"""The demo's care leavers: young people at every stage of leaving care, so that the
leaving-care team manager (``tm.leaving``), its social worker (``sw.leaving1``) and a
personal adviser (``pa1``) find a real caseload.

Runs after the children-in-care seeder. Young people the care seeder left aged 16 or over
with a care history are taken on first; then the authority's older care leavers (18 to 23,
who are not among the demo's children) are added with a care history recorded through
``safeguard.care.services``. Each is one of these stories:

- eligible: still in care at 16 or 17, pathway plan agreed, its review overdue or due;
- relevant: left care at 17 into supported lodgings, in touch;
- former relevant, in touch, staying put with former foster carers;
- former relevant, out of touch for months (recent attempts failed), plan review overdue;
- former relevant whose birthday return window is open now, with no record yet;
- former relevant who missed a birthday return;
- qualifying: looked after for a few weeks after 16 and went home;
- former relevant aged 22 or 23 in higher education, supported up to 25.

Everything goes through the services with dates in the past, so it is audited and obeys
the same rules as real work. One seed gives the same care leavers every time (on the same day).
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.exceptions import ValidationError
from django.utils import timezone

from safeguard.access import services as access_services
from safeguard.accounts.models import User
from safeguard.care import services as care_services
from safeguard.care.models import CareRecord, Episode
from safeguard.leaving_care import services
from safeguard.leaving_care.eligibility import ELIGIBLE, FORMER_RELEVANT, RELEVANT, age_on, birthday
from safeguard.leaving_care.models import LeavingCareCase
from safeguard.lib.workingdays import add_months
from safeguard.people import services as people_services
from safeguard.people.models import Person

from . import data
from .care import PUBLIC_POSTCODES, home_postcode

DAY = dt.timedelta(days=1)
STORIES = (
    "eligible",
    "former_in_touch",
    "former_out_of_touch",
    "relevant",
    "birthday_due",
    "former_staying_put",
    "missed_birthday",
    "qualifying",
    "to_25",
)
FOSTER = care_services.Placement(placement_type="U4", placement_provider="PR1", placement_postcode=PUBLIC_POSTCODES[0])
FAMILY_NAMES = ("Hughes", "Marsh", "Cole", "Bennett", "Walsh", "Doherty", "Lambert", "Pryce", "Fenwick", "Rowe")
CARERS = ("Mr and Mrs Okafor", "Ms Whitley", "Mr and Mr Dunne", "Mrs Patel", "Ms Kowalska and Mr Byrne")
PLANS = (
    "Accommodation: stay with foster carers, then a supported flat. Education: level 3 course at Northbrook College. "
    "Health: registered with a GP; dentist booked. Money: bank account open, budgeting with the personal adviser.",
    "Accommodation: supported lodgings in Millbridge. Work: apprenticeship applications with the careers adviser. "
    "Family: contact with sister every fortnight. Identity documents: passport applied for.",
    "Accommodation: council tenancy from the care leavers' quota when ready. Education: English and maths resits. "
    "Health: CAMHS transition to adult services. Support: weekly contact with the personal adviser.",
)


class _Seeder:
    def __init__(self, *, actor: User, seed: int, children: int) -> None:
        self.actor = actor
        self.rng = random.Random(f"leaving-care-{seed}")
        self.today = timezone.localdate()
        self.target = max(9, children // 20)
        self.counts: dict[str, int] = dict.fromkeys(STORIES, 0)
        self.counts |= {"pathway_plans": 0, "keeping_in_touch": 0, "advisers": 0, "from_care_seeder": 0}
        users = {u.username: u for u in User.objects.filter(username__in=["pa1", "sw.leaving1", "tm.leaving"])}
        self.advisers = [u for name in ("pa1", "sw.leaving1") if (u := users.get(name)) is not None]
        self.social_worker = users.get("sw.leaving1")

    # --- helpers ---------------------------------------------------------------------

    def past(self, day: dt.date) -> dt.date:
        return min(day, self.today - DAY)

    def person(self, age_days: int) -> Person:
        group = data.NAME_GROUPS["british"]
        girl = self.rng.random() < 0.5
        given = self.rng.choice(group.girls if girl else group.boys)
        family = self.rng.choice(group.surnames or FAMILY_NAMES)
        return people_services.person_create(
            actor=self.actor,
            given_name=given,
            family_name=family,
            date_of_birth=self.today - dt.timedelta(days=age_days),
            sex="F" if girl else "M",
            ethnicity="WBRI",
        )

    def care(self, child: Person, start: dt.date, end: dt.date | None, status: str, reason: str) -> None:
        care_services.care_start(
            actor=self.actor,
            child=child,
            start_date=start,
            legal_status=status,
            category_of_need=self.rng.choice(("N1", "N1", "N2", "N4")),
            placement=FOSTER,
            home_postcode=home_postcode(child),
        )
        if end is not None:
            care_services.care_end(
                actor=self.actor,
                child=child,
                on=end,
                end_reason=reason,
                expected_version=CareRecord.objects.get(child=child).version,
            )

    def adviser(self, child: Person, on: dt.date, index: int) -> User | None:
        if not self.advisers:
            return None
        pa = self.advisers[index % len(self.advisers)]
        services.adviser_allocate(actor=self.actor, child=child, adviser=pa, from_date=on)
        self.counts["advisers"] += 1
        return pa

    def plan(self, actor: User, child: Person, agreed: dt.date, reviews: int = 0) -> None:
        plan = services.pathway_plan_start(actor=actor, child=child, agreed_on=agreed, summary=self.rng.choice(PLANS))
        held = agreed
        for _ in range(reviews):
            held = add_months(held, 6) - dt.timedelta(days=self.rng.randint(3, 20))
            if held >= self.today:
                break
            services.pathway_plan_review(
                actor=actor,
                plan=plan,
                held_on=held,
                notes="Plan reviewed with the young person.",
                expected_version=plan.version,
            )
        self.counts["pathway_plans"] += 1

    def touch(self, actor: User, child: Person, on: dt.date, in_touch: str = "YES") -> None:
        assert child.date_of_birth is not None
        age = age_on(child.date_of_birth, on)
        if in_touch == "YES":
            activity = self.rng.choice(("F2", "F2", "F5", "P5", "F4", "G5", "G6"))
            accommodation = self.rng.choice(("U", "D", "E", "Z", "K")) if age >= 18 else "E"
            suitability = "1" if self.rng.random() < 0.85 else "2"
        else:
            activity, accommodation, suitability = "0", "0", ""
        services.keep_in_touch_record(
            actor=actor,
            child=child,
            contacted_on=on,
            in_touch=in_touch,
            activity=activity,
            accommodation=accommodation,
            suitability=suitability,
            notes="" if in_touch == "YES" else "Phone not answered; message left; visited the flat, no answer.",
        )
        self.counts["keeping_in_touch"] += 1

    # --- the stories -----------------------------------------------------------------

    def story(self, name: str, index: int) -> None:
        rng = self.rng
        years = {
            "eligible": 17,
            "relevant": 17,
            "qualifying": 18,
            "to_25": rng.choice((22, 23)),
            "former_in_touch": rng.choice((19, 20)),
            "former_out_of_touch": rng.choice((19, 20)),
            "former_staying_put": 18,
            "missed_birthday": 19,
            "birthday_due": 20,
        }[name]
        offset = rng.randint(60, 300)
        if name == "birthday_due":
            offset = 365 - rng.randint(10, 50)  # the 21st birthday is 10 to 50 days away
        elif name == "missed_birthday":
            offset = rng.randint(100, 200)  # the 19th birthday's window closed 2 to 5 months ago
        person = self.person(int(years * 365.25) + offset)
        dob = person.date_of_birth
        assert dob is not None
        fourteen, sixteen, eighteen = (birthday(dob, a) for a in (14, 16, 18))
        entered = fourteen + dt.timedelta(days=rng.randint(30, 500))
        if name == "eligible":
            self.care(person, entered, None, "C2", "")
            if self.social_worker is not None:
                access_services.allocation_set(actor=self.actor, child=person, worker=self.social_worker)
            actor = self.social_worker or self.actor
            agreed = self.past(sixteen + dt.timedelta(days=rng.randint(20, 60)))
            self.plan(actor, person, agreed, reviews=1)
            self.adviser(person, self.past(add_months(sixteen, 9)), index)
        elif name == "qualifying":
            start = sixteen + dt.timedelta(days=rng.randint(10, 60))
            self.care(person, start, start + dt.timedelta(days=rng.randint(20, 70)), "V2", "E4A")
            pa = self.adviser(person, self.past(add_months(eighteen, 1)), index)
            if pa is not None:
                self.touch(pa, person, self.today - dt.timedelta(days=rng.randint(20, 80)))
        else:
            left = eighteen if name != "relevant" else sixteen + dt.timedelta(days=rng.randint(200, 300))
            left = self.past(left)
            reason = {"relevant": "E5", "former_staying_put": "E17"}.get(name, rng.choice(("E17", "E5", "E6")))
            self.care(person, entered, left, "C2", reason)
            pa = self.adviser(person, add_months(left, -3), index)
            actor = pa or self.actor
            agreed = add_months(left, -2)
            self.plan(actor, person, agreed, reviews=0 if name == "former_out_of_touch" else 8)
            if name == "to_25":
                # Supported up to 25 (in higher education): recorded before the contacts after 21.
                services.case_update(actor=actor, child=person, expected_version=1, continuing_support=True)
            self.keep_in_touch_history(actor, person, name, left)
            if name == "former_staying_put":
                services.case_update(
                    actor=actor,
                    child=person,
                    expected_version=LeavingCareCase.objects.get(child=person).version,
                    staying_put_from=left,
                    staying_put_carer=rng.choice(CARERS),
                )
        self.counts[name] += 1

    def keep_in_touch_history(self, actor: User, person: Person, name: str, left: dt.date) -> None:
        """Contacts at each birthday whose window has passed (but for the missed one), and
        every couple of months, up to today."""
        rng, dob = self.rng, person.date_of_birth
        assert dob is not None
        for age in (17, 18, 19, 20, 21):
            day = birthday(dob, age)
            if day > self.today or (name == "missed_birthday" and age == 19):
                continue
            if age == 17 and day < left:
                continue  # looked after on the 17th birthday: not reported (903 rule 1007)
            on = self.past(day + dt.timedelta(days=rng.randint(-20, 20)))
            if on > left:
                self.touch(actor, person, on)
        if name == "former_out_of_touch":
            for months_ago in (5, 3, 1):
                self.touch(actor, person, add_months(self.today, -months_ago), "NO")
        elif name != "birthday_due":
            self.touch(actor, person, self.today - dt.timedelta(days=rng.randint(5, 70)))

    def from_care_seeder(self) -> int:
        """Young people the care seeder left aged 16 or over with a care history: a personal
        adviser and a pathway plan for each one who is eligible, relevant or former relevant."""
        taken = 0
        ids = Episode.objects.values_list("child_id", flat=True).distinct()
        sixteen_ago = add_months(self.today, -16 * 12)
        for index, person in enumerate(
            Person.objects.filter(pk__in=ids, date_of_birth__lte=sixteen_ago).exclude(leaving_care__isnull=False)
        ):
            status = services.eligibility_on(person, self.today)
            if status is None or status.category not in (ELIGIBLE, RELEVANT, FORMER_RELEVANT):
                continue
            try:
                pa = self.adviser(person, self.today - dt.timedelta(days=self.rng.randint(10, 120)), index)
                assert status.eligible_from is not None
                self.plan(pa or self.actor, person, max(status.eligible_from, self.today - dt.timedelta(days=150)))
            except ValidationError:
                continue
            taken += 1
        return taken

    def run(self) -> dict[str, int]:
        self.counts["from_care_seeder"] = self.from_care_seeder()
        for index in range(self.target):
            self.story(STORIES[index % len(STORIES)], index)
        return self.counts


def seed_leaving_care(*, actor: User, seed: int, children: int) -> dict[str, int]:
    """Care leavers at every stage (see the module's docstring). Returns counts for the summary."""
    return _Seeder(actor=actor, seed=seed, children=children).run()
