"""Reads of leaving care. Page reads take the viewer, ask the policy and record the view
(``person.viewed`` with the page's purpose); the child's-page section reads what the caller
has already been allowed to see. Deadlines come from the stored fields ``rules`` computed
(and, for the birthdays, from ``rules`` directly); what is worked out here is only where
each stands against today."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_lib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction

from safeguard.access import policy
from safeguard.access.enforce import require
from safeguard.audit import services as audit
from safeguard.audit.models import AuditEvent, EventType
from safeguard.casework.selectors import CaseFile, Due, Today
from safeguard.casework.selectors import open_case_file as _open
from safeguard.lib.errors import NotVisible, StaleEdit
from safeguard.lib.workingdays import add_months
from safeguard.people.models import Person
from safeguard.people.selectors import person_by_uuid as _person

from . import adapter, rules
from .eligibility import Eligibility, Period, age_on, birthday, first_eligible_day
from .models import KeepInTouch, LeavingCareCase, PathwayPlan
from .policy import can_allocate_adviser, can_record_leaving_care, can_view_caseload, can_view_leaving_care

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser, Decision
    from safeguard.people.selectors import ChildRecord

CONTACTS_SHOWN = 10
# Show the leaving-care section from this age (the 13 weeks count from 14).
SECTION_FROM_AGE = 14


# --- Opening a young person's leaving care ----------------------------------------------------


def open_for_work(
    *,
    user: AnyUser,
    child_uuid: uuid_lib.UUID | str,
    purpose: str,
    decide: Callable[[AnyUser, Person], Decision] = can_record_leaving_care,
) -> CaseFile:
    person = _person(child_uuid)
    return _open(user, person, decide(user, person), purpose)


def open_for_adviser(*, user: AnyUser, child_uuid: uuid_lib.UUID | str) -> CaseFile:
    return open_for_work(user=user, child_uuid=child_uuid, purpose="allocate_adviser", decide=can_allocate_adviser)


def plan_for_work(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, plan_uuid: uuid_lib.UUID | str, purpose: str
) -> tuple[CaseFile, PathwayPlan]:
    person = _person(child_uuid)
    plan = PathwayPlan.objects.filter(uuid=plan_uuid, child_id__in=person.identity_ids()).first()
    if plan is None:
        raise NotVisible
    return _open(user, person, can_record_leaving_care(user, person), purpose, subject=plan), plan


def plan_for_view(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, plan_uuid: uuid_lib.UUID | str
) -> tuple[CaseFile, PathwayPlan]:
    person = _person(child_uuid)
    plan = (
        PathwayPlan.objects.filter(uuid=plan_uuid, child_id__in=person.identity_ids())
        .select_related("recorded_by")
        .first()
    )
    if plan is None:
        raise NotVisible
    return _open(user, person, can_view_leaving_care(user, person), "pathway_plan", subject=plan), plan


def case_of(person: Person) -> LeavingCareCase | None:
    return LeavingCareCase.objects.filter(child=person).select_related("personal_adviser", "adviser_team").first()


# --- What the section and pages show ------------------------------------------------------------


@dataclass(frozen=True)
class Birthday:
    """One OC3 birthday (17th to 21st) and where its keeping-in-touch record stands."""

    age: int
    on: dt.date
    opens: dt.date
    closes: dt.date
    state: str  # recorded, due, missed, upcoming, not_reported
    record: KeepInTouch | None = None

    @property
    def label(self) -> str:
        return {
            "recorded": "Recorded",
            "due": "Due now",
            "missed": "Missed",
            "upcoming": "Not yet due",
            "not_reported": "Not reported: looked after on the birthday",
        }[self.state]


def looked_after_on_or_leaving(periods: list[Period], day: dt.date) -> bool:
    """Looked after on ``day``, or stopped being looked after that day (short breaks left
    out): how SSDA903 counts a 17th or 18th birthday (rule 1016)."""
    return any(p.start <= day and (p.end is None or p.end >= day) and not p.short_break for p in periods)


def birthdays_for(dob: dt.date, periods: list[Period], records: list[KeepInTouch], today: dt.date) -> list[Birthday]:
    """The five OC3 birthdays and each one's state today (records newest first)."""
    rows = []
    for age in rules.KEEP_IN_TOUCH_AGES:
        day = birthday(dob, age)
        opens, closes = rules.keep_in_touch_window(dob, age)
        record = next((r for r in records if r.birthday_age == age), None)
        died_or_home = next(
            (r.in_touch for r in records if r.in_touch in ("DIED", "RHOM") and r.contacted_on < opens), ""
        )
        # Whether they will still be looked after on a birthday to come is not known yet.
        # Leaving care on the birthday itself counts as looked after on it: DfE rule 1016
        # wants no care leaver information for a 17th or 18th birthday when the young
        # person's episode ended on or after that birthday.
        looked_after = day <= today and looked_after_on_or_leaving(periods, day)
        if not rules.oc3_applies(age=age, looked_after_on_birthday=looked_after, in_touch=died_or_home):
            state = "not_reported"
        elif record is not None:
            state = "recorded"
        elif today > closes:
            state = "missed"
        elif today >= opens:
            state = "due"
        else:
            state = "upcoming"
        rows.append(Birthday(age, day, opens, closes, state, record))
    return rows


@dataclass
class LeavingCare:
    """A young person's leaving care, as the section and the pages show it."""

    person: Person
    status: Eligibility | None
    case: LeavingCareCase | None
    plan: PathwayPlan | None
    plan_due: Due | None
    contact_due: Due | None
    contacts: list[KeepInTouch]
    birthdays: list[Birthday]
    can_record: bool = False
    can_allocate: bool = False
    earlier_plans: list[PathwayPlan] = field(default_factory=list)
    in_care_history: bool = False

    @property
    def is_empty(self) -> bool:
        return self.case is None and not (self.status and self.status.entitled) and self.plan is None

    @property
    def staying_put(self) -> bool:
        case = self.case
        return bool(case and case.staying_put_from and not case.staying_put_until)


def leaving_care(*, user: AnyUser, person: Person, today: Today | None = None) -> LeavingCare:
    """The caller has opened the young person's record with the council's view."""
    today = today or Today.now()
    case = case_of(person)
    periods = adapter.periods_for(person)
    status = adapter.eligibility_for(
        person,
        as_at=today.day,
        continuing_support=bool(case and case.continuing_support),
        returned_home_on=case.returned_home_on if case else None,
        periods=periods,
    )
    plans = list(
        PathwayPlan.objects.filter(child_id__in=person.identity_ids())
        .select_related("recorded_by")
        .order_by("-agreed_on")
    )
    plan = next((p for p in plans if p.ended_on is None), None)
    contacts = list(
        KeepInTouch.objects.filter(child_id__in=person.identity_ids()).select_related("recorded_by")[:CONTACTS_SHOWN]
    )
    birthday_records = list(KeepInTouch.objects.filter(child_id__in=person.identity_ids()))
    return LeavingCare(
        person=person,
        status=status,
        case=case,
        plan=plan,
        plan_due=today.due(plan.next_review_due) if plan else None,
        contact_due=today.due(case.next_contact_due) if case and case.next_contact_due else None,
        contacts=contacts,
        birthdays=birthdays_for(person.date_of_birth, periods, birthday_records, today.day)
        if person.date_of_birth
        else [],
        can_record=bool(can_record_leaving_care(user, person)),
        can_allocate=bool(can_allocate_adviser(user, person)),
        earlier_plans=[p for p in plans if p is not plan],
        in_care_history=bool(periods),
    )


def section_summary(*, user: AnyUser, record: ChildRecord) -> LeavingCare | None:
    """For the child's page: nothing for partners, nor for children under 14 without a
    leaving-care record."""
    person = record.person
    if record.partner_view or not can_view_leaving_care(user, person):
        return None
    if person.date_of_birth is None:
        return None
    today = Today.now()
    if age_on(person.date_of_birth, today.day) < SECTION_FROM_AGE and case_of(person) is None:
        return None  # decided before the care history is read: most children on the page
    summary = leaving_care(user=user, person=person, today=today)
    if summary.is_empty and not summary.in_care_history:
        return None
    return summary


def details_changes_since(*, case: LeavingCareCase, opened_version: int) -> StaleEdit:
    """What others changed in the leaving-care details after ``opened_version``, from the
    audit trail (each details change writes one event carrying the version it made)."""
    events = (
        AuditEvent.objects.filter(subject_id=str(case.uuid), event_type=EventType.CARE_LEAVER_RECORDED)
        .select_related("actor")
        .order_by("sequence")
    )
    changes: dict[str, tuple[Any, Any]] = {}
    who: list[str] = []
    for event in events:
        extra = event.data.get("extra") or {}
        if extra.get("action") != "details_updated" or int(extra.get("version", 0)) <= opened_version:
            continue
        for name, before in (event.data.get("old") or {}).items():
            changes.setdefault(name, (before, None))
        for name, after in (event.data.get("new") or {}).items():
            if name in changes:
                changes[name] = (changes[name][0], after)
        person = event.actor.display_name if event.actor else event.actor_username
        if person not in who:
            who.append(person)
    return StaleEdit(changes, changed_by=", ".join(who))


# --- The caseload --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseloadRow:
    person: Person
    age: int
    status: Eligibility | None
    case: LeavingCareCase
    contact_due: Due | None
    out_of_touch_days: int | None
    birthday: Birthday | None
    plan_due: Due | None


SCOPES = {"mine": "My young people", "team": "My team's young people", "all": "Everyone I can see"}
SORTS = {"due": "Contact due first", "out_of_touch": "Out of touch longest first"}


@dataclass
class Caseload:
    rows: list[CaseloadRow]
    scope: str
    sort: str
    today: Today
    due_count: int
    out_of_touch_count: int


def caseload_for(*, user: AnyUser, scope: str = "", sort: str = "due") -> Caseload:
    """The care leavers whose records ``user`` may open, with who is due a contact and who
    has been out of touch longest. Recorded as one view listing the young people shown."""
    require(can_view_caseload(user), actor=user, action="leaving_care_caseload")
    today = Today.now()
    if scope not in SCOPES:
        mine = LeavingCareCase.objects.filter(personal_adviser_id=user.pk).exists()
        scope = "mine" if mine else ("team" if getattr(user, "team_id", None) else "all")
    sort = sort if sort in SORTS else "due"
    cases = LeavingCareCase.objects.filter(
        child_id__in=policy.visible_child_ids(user), closed_on__isnull=True
    ).select_related("child", "personal_adviser")
    if scope == "mine":
        cases = cases.filter(personal_adviser_id=user.pk)
    elif scope == "team":
        cases = cases.filter(adviser_team_id=getattr(user, "team_id", None))
    cases_list = list(cases)
    ids = [c.child_id for c in cases_list]
    periods = adapter.periods_by_child(ids)
    records: dict[int, list[KeepInTouch]] = {}
    for record in KeepInTouch.objects.filter(child_id__in=ids).order_by("-contacted_on", "-recorded_at"):
        records.setdefault(record.child_id, []).append(record)
    plans = {
        p["child_id"]: p["next_review_due"]
        for p in PathwayPlan.objects.filter(child_id__in=ids, ended_on__isnull=True).values(
            "child_id", "next_review_due"
        )
    }
    rows: list[CaseloadRow] = []
    for case in cases_list:
        person = case.child
        dob = person.date_of_birth
        if dob is None:
            continue
        child_periods = periods.get(person.pk, [])
        status = adapter.eligibility_for(
            person,
            as_at=today.day,
            continuing_support=case.continuing_support,
            returned_home_on=case.returned_home_on,
            periods=child_periods,
        )
        if status is None or not status.entitled:
            continue
        days = birthdays_for(dob, child_periods, records.get(person.pk, []), today.day)
        current = next((b for b in days if b.state in ("due", "upcoming")), None)
        plan_due = plans.get(person.pk)
        rows.append(
            CaseloadRow(
                person=person,
                age=age_on(dob, today.day),
                status=status,
                case=case,
                contact_due=today.due(case.next_contact_due) if case.next_contact_due else None,
                out_of_touch_days=(today.day - case.last_in_touch_on).days if case.last_in_touch_on else None,
                birthday=current,
                plan_due=today.due(plan_due) if plan_due else None,
            )
        )
    far = dt.date.max
    if sort == "out_of_touch":
        rows.sort(key=lambda r: (r.case.last_in_touch_on or dt.date.min, r.person.family_name))
    else:
        rows.sort(key=lambda r: (r.case.next_contact_due or far, r.person.family_name))
    with transaction.atomic():
        audit.record(
            actor=user,  # type: ignore[arg-type]
            event_type=EventType.PERSON_VIEWED,
            data={"extra": {"purpose": "leaving_care_caseload", "children": [str(r.person.uuid) for r in rows]}},
        )
    return Caseload(
        rows=rows,
        scope=scope,
        sort=sort,
        today=today,
        due_count=sum(1 for r in rows if r.contact_due and r.contact_due.state != "later"),
        out_of_touch_count=sum(
            1 for r in rows if r.case.last_contact_on and r.case.last_in_touch_on != r.case.last_contact_on
        ),
    )


# --- The SSDA903 OC3 table -------------------------------------------------------------------------


@dataclass(frozen=True)
class Oc3Row:
    """One OC3 row (data-standards.md §3.2: CHILD, DOB, IN_TOUCH, ACTIV, ACCOM)."""

    child: Person
    birthday_age: int
    in_touch: str
    activity: str
    accommodation: str


def oc3_rows(*, collection_year: int) -> list[Oc3Row]:
    """The OC3 rows for the collection year starting 1 April ``collection_year``: one for each
    young person who was an eligible child and has a 17th to 21st birthday in the year, from
    the keeping-in-touch record made for that birthday. No record in the window means the
    council was not in touch: NO, 0, 0. Left out: 17- and 18-year-olds looked after on the
    birthday (rule 1007), and anyone who died or had returned home for good before it (rule
    344). A building block for the returns export, which asks the policy itself."""
    start, end = dt.date(collection_year, 4, 1), dt.date(collection_year + 1, 3, 31)
    oldest, youngest = birthday_range(start, end)
    ids = list(
        Person.objects.filter(care_episodes__isnull=False, date_of_birth__gte=oldest, date_of_birth__lte=youngest)
        .values_list("pk", flat=True)
        .distinct()
    )
    people = Person.objects.in_bulk(ids)
    periods = adapter.periods_by_child(ids)
    records: dict[int, list[KeepInTouch]] = {}
    for record in KeepInTouch.objects.filter(child_id__in=ids).order_by("-contacted_on", "-recorded_at"):
        records.setdefault(record.child_id, []).append(record)
    rows: list[Oc3Row] = []
    for pk in sorted(people, key=lambda k: people[k].la_id):
        person, dob = people[pk], people[pk].date_of_birth
        assert dob is not None
        child_periods = periods.get(pk, [])
        if first_eligible_day(adapter.counted_ranges(child_periods, end), dob) is None:
            continue
        for entry in birthdays_for(dob, child_periods, records.get(pk, []), today=end + dt.timedelta(days=1)):
            if not start <= entry.on <= end or entry.state == "not_reported":
                continue
            found = entry.record
            rows.append(
                Oc3Row(
                    child=person,
                    birthday_age=entry.age,
                    in_touch=found.in_touch if found else "NO",
                    activity=found.activity if found else "0",
                    accommodation=found.accom if found else "0",
                )
            )
    return rows


def birthday_range(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The dates of birth whose 17th to 21st birthday falls between ``start`` and ``end``."""
    return add_months(start, -21 * 12), add_months(end, -17 * 12)
