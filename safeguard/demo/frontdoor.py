"""The demo's front door on a working day: contacts from every agency, some just in,
some due within the hour, some overdue, some waiting for partners' answers or for the
manager's authorisation, and a history of decided contacts whose outcomes the referrers
can see. Everything goes through the front door's own services, so it is audited and
obeys the same rules as a real day."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

from safeguard.accounts.models import Agency, Team, TeamKind, User
from safeguard.frontdoor import services
from safeguard.frontdoor.models import Contact
from safeguard.lib.workingdays import is_working_day
from safeguard.people.models import Person

LONDON = ZoneInfo("Europe/London")

# What each kind of referrer tends to write, by concern.
STORIES = {
    "domestic_abuse": "Police attended a reported domestic incident at the family home overnight. "
    "{name} was present and was heard crying upstairs. Mother had a cut lip; father left before officers arrived.",
    "neglect": "{name} has arrived at school hungry most days this month, in the same clothes, and has missed "
    "appointments with the dentist twice. The home was described by a visiting nurse as cold and without food.",
    "physical": "{name} had a bruise to the left cheek in the shape of a hand. The explanation given changed between "
    "the class teacher and the designated safeguarding lead.",
    "missing": "{name} was reported missing from home for the second time in three weeks and was found in the town "
    "centre at 02:10 with older males not known to the family.",
    "mental_health": "Mother disclosed at a health visitor appointment that she has had thoughts of harming herself "
    "and is struggling to care for {name}. She has stopped her medication.",
    "cse": "{name} has a new phone and expensive trainers the family cannot explain and is seen getting into a grey "
    "car outside school. Staff have overheard talk of 'parties' at a flat above a takeaway.",
    "substance_misuse": "Father was found unresponsive at home with {name} present; paramedics treated him for a "
    "suspected overdose. Drug paraphernalia was within reach of the children.",
    "emotional": "{name} told a teaching assistant that they are 'useless' and that no one at home talks to them; "
    "they have started self-harming by scratching their arms.",
}
QUESTIONS = {
    "police": "Any incidents, call-outs or intelligence at this address or for these adults in the last 12 months?",
    "health": "Any A&E attendances, missed appointments or health visitor concerns for the child or parents?",
    "school": "Attendance this term, any concerns raised by staff, and how the child presents in school?",
}
ANSWERS = {
    "police": "Three domestic call-outs to the address since March, the last with a bail condition for the father "
    "not to attend. No intelligence on the child.",
    "health": "Attended A&E in the spring with a head injury from a fall; health visitor notes low mood in mother. "
    "Two missed immunisation appointments.",
    "school": "Attendance 81% this term with late arrivals. The child is quiet and has been seen without lunch; "
    "no disclosures.",
}


@dataclass
class Cast:
    mash_workers: list[User]
    mash_manager: User
    referrers: dict[str, User]
    agencies: dict[str, Agency]
    teams: list[Team]


def _cast() -> Cast | None:
    workers = list(
        User.objects.filter(team__kind=TeamKind.MASH, role="social_worker", is_active=True).order_by("username")
    )
    manager = User.objects.filter(team__kind=TeamKind.MASH, role="team_manager").order_by("username").first()
    referrers = {
        kind: user
        for kind, username in [
            ("police", "police.pc"),
            ("health", "health.visitor"),
            ("school", "school.dsl"),
            ("gp", "gp"),
        ]
        if (user := User.objects.filter(username=username).select_related("agency").first()) is not None
    }
    if not workers or manager is None or "police" not in referrers:
        return None
    agencies = {kind: user.agency for kind, user in referrers.items() if user.agency is not None}
    teams = list(Team.objects.filter(kind__in=[TeamKind.ASSESSMENT, TeamKind.CHILD_PROTECTION]).order_by("name"))
    return Cast(workers, manager, referrers, agencies, teams)


def _misspell(name: str, rng: random.Random) -> str:
    if len(name) < 4 or rng.random() < 0.4:
        return name
    i = rng.randrange(1, len(name) - 1)
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :] if rng.random() < 0.5 else name[:i] + name[i + 1 :]


def _working_moment(now: dt.datetime, working_days_ago: int, hour: int, minute: int) -> dt.datetime:
    day = timezone.localtime(now).date()
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    for _ in range(working_days_ago):
        day -= dt.timedelta(days=1)
        while not is_working_day(day):
            day -= dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


def seed_front_door(*, actor: User, seed: int, children: int, now: dt.datetime | None = None) -> dict[str, int]:
    """Contacts in every state. Returns counts by state for the seeding summary."""
    cast = _cast()
    if cast is None:
        return {}
    rng = random.Random(seed * 7919)
    timing = random.Random(seed * 7927)  # when history was decided (apart, so the rest stays as it was)
    now = now or timezone.now()
    pool = list(
        Person.objects.filter(kind="child", merged_into__isnull=True, date_of_birth__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not pool:
        return {}
    open_count = min(36, max(10, children // 25))
    decided_count = min(90, max(14, children // 10))
    counts = {"open": 0, "overdue": 0, "awaiting_answers": 0, "awaiting_authorisation": 0, "decided": 0, "referrals": 0}
    kinds = list(cast.referrers)

    about: dict[int, Person] = {}  # the child each contact is really about

    def submit(received_at: dt.datetime) -> Contact:
        child = Person.objects.get(pk=rng.choice(pool))
        concern = rng.choice(list(STORIES))
        kind = rng.choice(kinds)
        referrer = cast.referrers[kind]
        known_name = child.given_name if rng.random() < 0.5 else child.known_as or child.given_name
        contact, _ = services.contact_submit(
            actor=referrer,
            received_at=received_at,
            data=services.ContactInput(
                narrative=STORIES[concern].format(name=known_name or "The child"),
                concerns=[concern] + (["emotional"] if concern == "domestic_abuse" else []),
                consent=(consent := rng.choice(["given", "not_sought", "not_sought"])),
                consent_reason=""
                if consent == "given"
                else "Seeking consent could place the child or parent at greater risk.",
                immediate_danger=concern in ("missing", "cse") and rng.random() < 0.3,
                referrer_role={
                    "police": "Public Protection Unit",
                    "health": "Health visitor",
                    "school": "Designated safeguarding lead",
                    "gp": "GP",
                }.get(kind, ""),
                child_given_name=_misspell(known_name, rng),
                child_family_name=_misspell(child.family_name, rng),
                child_date_of_birth=child.date_of_birth if rng.random() < 0.85 else None,
                child_sex=child.sex,
            ),
        )
        about[contact.pk] = child
        return contact

    def match(contact: Contact, worker: User) -> Contact:
        return services.contact_match(
            actor=worker, contact=contact, person=about[contact.pk], expected_version=contact.version
        )

    # History: decided contacts over the last three months, for outcomes and re-referrals.
    for n in range(decided_count):
        received = _working_moment(now, rng.randint(2, 60), rng.randint(8, 17), rng.choice([0, 15, 30, 45]))
        contact = submit(received)
        worker = rng.choice(cast.mash_workers)
        contact = match(contact, worker)
        contact = services.contact_rate(
            actor=worker,
            contact=contact,
            rag=rng.choice(["green", "amber", "red"]),
            rationale="Rated on the referrer's account and the history held.",
            expected_version=contact.version,
        )
        decision = rng.choices(["referral", "nfa", "early_help", "universal", "strategy"], [30, 25, 25, 10, 10])[0]
        team = rng.choice(cast.teams) if decision in ("referral", "strategy") else None
        services.contact_decide(
            actor=cast.mash_manager,
            contact=contact,
            decision=decision,
            team=team,
            expected_version=contact.version,
            rationale="Decision made on the information gathered from partners and the family's history.",
            advice="Advice given to the referrer on support available and when to contact us again."
            if decision == "nfa"
            else "",
        )
        # The services stamp the decision "now"; history is dated as it happened: most
        # contacts decided well inside the working day, about one in twelve late.
        late = timing.random() < 0.08
        decided = (
            contact.decision_due_at + dt.timedelta(hours=timing.randint(2, 30))
            if late
            else min(received + dt.timedelta(minutes=timing.randint(40, 60 * 7)), contact.decision_due_at)
        )
        Contact.objects.filter(pk=contact.pk).update(
            rag_set_at=received + (decided - received) / 3, decided_at=decided, authorised_at=decided
        )
        counts["decided"] += 1
        counts["referrals"] += decision in ("referral", "strategy")
        del n

    # Today's queue.
    for n in range(open_count):
        state = n % 6
        if state == 0:  # overdue: received two or three working days ago, still in triage
            received = _working_moment(now, rng.randint(2, 3), rng.randint(9, 16), 20)
        elif state == 1:  # due within the hour
            received = _working_moment(now, 1, timezone.localtime(now).hour, 0) + dt.timedelta(
                minutes=rng.randint(5, 50)
            )
        else:
            received = now - dt.timedelta(minutes=rng.randint(10, 300))
        received = min(received, now - dt.timedelta(minutes=5))
        contact = submit(received)
        counts["open"] += 1
        counts["overdue"] += contact.decision_due_at < now
        if state == 5:
            continue  # just in: not yet matched
        worker = cast.mash_workers[n % len(cast.mash_workers)]
        contact = match(contact, worker)
        if state in (2, 3, 4, 0):
            contact = services.contact_rate(
                actor=worker,
                contact=contact,
                rag=rng.choice(["red", "amber", "amber", "green"]),
                rationale="Concern about repeated incidents; information needed today.",
                expected_version=contact.version,
            )
        if state in (2, 3):
            for kind in ("police", "health", "school"):
                agency = cast.agencies.get(kind)
                if agency is None or agency == contact.referrer_agency:
                    continue
                request = services.request_send(
                    actor=worker,
                    contact=contact,
                    agency=agency,
                    question=QUESTIONS[kind],
                    due_at=max(now + dt.timedelta(hours=2), contact.information_due_at or now),
                )
                if state == 3 and kind != "school":
                    services.request_answer(actor=cast.referrers[kind], request=request, answer=ANSWERS[kind])
            counts["awaiting_answers"] += 1
        if state == 4:
            team = rng.choice(cast.teams)
            services.contact_decide(
                actor=worker,
                contact=contact,
                decision="referral",
                team=team,
                rationale="Repeated concerns and the partners' information meet the threshold for assessment.",
                expected_version=contact.version,
            )
            counts["awaiting_authorisation"] += 1
    # Make sure today's open queue is never empty of work that is already late.
    if counts["overdue"] == 0:
        submit(_working_moment(now, 3, 10, 5))
        counts["open"] += 1
        counts["overdue"] += 1
    return counts
