"""Reads of help and protection casework. Each page's read takes the viewer, asks the
policy and records the view (``person.viewed`` with the page's purpose); the child's-page
section and "My work" read what the caller has already been allowed to see.

Deadlines are read from the stored fields that ``rules`` computed; the only thing worked
out here is where each stands against today (overdue, due soon, later)."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_lib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Model, Prefetch, Q, QuerySet
from django.utils import timezone

from safeguard.access import policy
from safeguard.access.enforce import require
from safeguard.access.models import Involvement, InvolvementKind
from safeguard.audit import services as audit
from safeguard.audit.models import AuditEvent, EventType
from safeguard.frontdoor.models import Referral
from safeguard.lib.errors import NotVisible, StaleEdit
from safeguard.lib.workingdays import add_working_days
from safeguard.people.models import Person, PersonWarning
from safeguard.people.selectors import person_by_uuid as _person

from . import services
from .codes import AssessmentStatus
from .models import (
    Action,
    Assessment,
    CaseClosure,
    CaseNote,
    ChildInNeedPlan,
    ChildProtectionPlan,
    Conference,
    CoreGroupMeeting,
    EmergencyProtection,
    Invitation,
    Participant,
    Section47Enquiry,
    StrategyDiscussion,
)

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser, Decision
    from safeguard.people.selectors import ChildRecord

# "Due soon": within this many working days of today.
DUE_SOON_WORKING_DAYS = 5
RECENT = 5
RECENT_NOTES = 10
OPEN_ACTIONS_SHOWN = 30


# --- Where a deadline stands -------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """A stored deadline and where it stands today."""

    on: dt.date
    state: str  # "overdue", "due_soon" or "later"

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"

    @property
    def due_soon(self) -> bool:
        return self.state == "due_soon"


@dataclass(frozen=True)
class Today:
    day: dt.date
    soon_until: dt.date

    @classmethod
    def now(cls) -> Today:
        day = timezone.localdate()
        return cls(day, add_working_days(day, DUE_SOON_WORKING_DAYS))

    def due(self, on: dt.date) -> Due:
        if on < self.day:
            return Due(on, "overdue")
        return Due(on, "due_soon" if on <= self.soon_until else "later")


# --- Opening a child's casework -------------------------------------------------------------


@dataclass
class CaseFile:
    """The child a casework page is about, with what the identity bar shows."""

    person: Person
    decision: Decision
    allocation: Involvement | None
    warnings: list[PersonWarning]
    today: Today

    @property
    def partner_view(self) -> bool:
        # A partner let into a meeting because their agency took part has the basis
        # "participant": they see that meeting, nothing else of the council's record.
        return self.decision.partner_view or self.decision.basis == "participant"


def open_case_file(user: AnyUser, person: Person, decision: Decision, purpose: str, subject: Any = None) -> CaseFile:
    """Refuse (audited) or record the view, then load what the identity bar shows; every
    context whose pages show a child under the identity bar opens the child through this."""
    require(decision, actor=user, action=purpose, child=person, subject=subject)
    with transaction.atomic():
        audit.record(
            actor=user,  # type: ignore[arg-type]
            event_type=EventType.PERSON_VIEWED,
            subject=subject if subject is not None else person,
            child=person,
            data={"extra": {"purpose": purpose, "basis": decision.basis, "partner_view": decision.partner_view}},
        )
    allocation = (
        Involvement.objects.filter(child=person, kind=InvolvementKind.ALLOCATED_WORKER, ended_at__isnull=True)
        .select_related("user", "team")
        .first()
    )
    warnings = list(person.warnings.filter(ended_at__isnull=True))
    return CaseFile(person, decision, allocation, warnings, Today.now())


_open = open_case_file


def case_for_work(*, user: AnyUser, child_uuid: uuid_lib.UUID | str, purpose: str) -> CaseFile:
    """The child, for a page that records casework (the council's full view)."""
    person = _person(child_uuid)
    return _open(user, person, policy.can_work_on_case(user, person), purpose)


def case_for_authorising(*, user: AnyUser, child_uuid: uuid_lib.UUID | str, purpose: str) -> CaseFile:
    """The child, for a manager's decision (ending a plan)."""
    person = _person(child_uuid)
    return _open(user, person, policy.can_authorise_casework(user, person), purpose)


def _owned(queryset: QuerySet[Any], person: Person, record_uuid: uuid_lib.UUID | str) -> Any:
    """One of the child's records by its UUID; NotVisible when missing or another child's."""
    found = queryset.filter(uuid=record_uuid, child_id__in=person.identity_ids()).first()
    if found is None:
        raise NotVisible
    return found


def _record_for_work(
    user: AnyUser,
    child_uuid: uuid_lib.UUID | str,
    queryset: QuerySet[Any],
    record_uuid: uuid_lib.UUID | str,
    purpose: str,
    decide: Callable[[AnyUser, Person], Decision] = policy.can_work_on_case,
) -> tuple[CaseFile, Any]:
    person = _person(child_uuid)
    record = _owned(queryset, person, record_uuid)
    return _open(user, person, decide(user, person), purpose, subject=record), record


# --- Assessments ----------------------------------------------------------------------------


def referrals_awaiting_assessment(*, person: Person) -> list[Referral]:
    """The child's referrals no assessment has started from yet, newest first (the caller
    has opened the child's casework)."""
    return list(
        Referral.objects.filter(child_id__in=person.identity_ids(), assessments__isnull=True, nfa_on__isnull=True)
        .select_related("team")
        .order_by("-referral_date")[:10]
    )


def assessment_for(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, assessment_uuid: uuid_lib.UUID | str, purpose: str
) -> tuple[CaseFile, Assessment]:
    queryset = Assessment.objects.select_related("team", "worker", "submitted_by", "authorised_by", "referral")
    case, assessment = _record_for_work(user, child_uuid, queryset, assessment_uuid, purpose)
    return case, assessment


def assessment_of(*, case: CaseFile, assessment_uuid: str) -> Assessment | None:
    """The child's assessment a link names (None when there is none, or it is another
    child's); the caller has opened the child's casework."""
    try:
        key = uuid_lib.UUID(assessment_uuid)
    except ValueError:
        return None
    return Assessment.objects.filter(uuid=key, child_id__in=case.person.identity_ids()).first()


def assessment_changes_since(*, assessment: Assessment, opened_version: int) -> StaleEdit:
    """What others did to an assessment after ``opened_version``, from the audit trail:
    each field they changed (its value then and now) and who. Every version of an
    assessment is written by exactly one event about it, so the events after the first
    ``opened_version`` are the later versions."""
    kinds = [
        EventType.ASSESSMENT_STARTED,
        EventType.ASSESSMENT_UPDATED,
        EventType.ASSESSMENT_SUBMITTED,
        EventType.ASSESSMENT_AUTHORISED,
    ]
    events = list(
        AuditEvent.objects.filter(subject_id=str(assessment.uuid), event_type__in=kinds)
        .select_related("actor")
        .order_by("sequence")
    )[max(opened_version, 1) :]
    changes: dict[str, tuple[Any, Any]] = {}
    who: list[str] = []
    for event in events:
        if event.event_type == EventType.ASSESSMENT_SUBMITTED:
            changes.setdefault("status", ("In progress", "Submitted for authorisation"))
        for name, before in (event.data.get("old") or {}).items():
            changes.setdefault(name, (before, None))
        for name, after in (event.data.get("new") or {}).items():
            if name in changes:
                changes[name] = (changes[name][0], after)
        person = event.actor.display_name if event.actor else event.actor_username
        if person not in who:
            who.append(person)
    return StaleEdit(changes, changed_by=", ".join(who))


# --- Meetings -------------------------------------------------------------------------------


def _participants() -> Prefetch:
    return Prefetch("participants", queryset=Participant.objects.select_related("agency", "user").order_by("pk"))


def _actions() -> Prefetch:
    return Prefetch("actions", queryset=Action.objects.select_related("owner_agency", "owner", "completed_by"))


@dataclass
class ActionRow:
    action: Action
    due: Due | None  # None once completed
    can_complete: bool
    can_edit: bool = False


@dataclass
class MeetingView:
    case: CaseFile
    meeting: StrategyDiscussion | Conference
    participants: list[Participant]
    actions: list[ActionRow]
    missing: list[str]
    invitations: list[Invitation] = field(default_factory=list)
    can_work: bool = False

    @property
    def overdue_actions(self) -> int:
        return sum(1 for row in self.actions if row.due is not None and row.due.overdue)


def _meeting(
    user: AnyUser, child_uuid: uuid_lib.UUID | str, queryset: QuerySet[Any], meeting_uuid: Any, purpose: str
) -> MeetingView:
    person = _person(child_uuid)
    prefetch: list[Any] = [_participants(), _actions()]
    if queryset.model is Conference:
        prefetch.append(Prefetch("invitations", queryset=Invitation.objects.select_related("agency", "user")))
    meeting = _owned(queryset.prefetch_related(*prefetch), person, meeting_uuid)
    participants = list(meeting.participants.all())
    invitations = list(meeting.invitations.all()) if queryset.model is Conference else []
    # Invited agencies count as taking part (services.meeting_agency_ids).
    agencies = {p.agency_id for p in participants} | {i.agency_id for i in invitations}
    decision = policy.can_view_meeting(user, person, agencies)
    case = _open(user, person, decision, purpose, subject=meeting)
    can_work = not case.partner_view and bool(policy.can_work_on_case(user, person))
    rows = [
        ActionRow(
            a,
            None if a.completed_on else case.today.due(a.due_on),
            a.completed_on is None and bool(policy.can_complete_action(user, person, a.owner_id, a.owner_agency_id)),
            can_edit=can_work and a.completed_on is None,
        )
        for a in meeting.actions.all()
    ]
    return MeetingView(
        case, meeting, participants, rows, services.missing_agencies(participants), invitations, can_work
    )


def meeting_for_work(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, kind: str, meeting_uuid: uuid_lib.UUID | str, purpose: str
) -> tuple[CaseFile, StrategyDiscussion | Conference]:
    """A strategy discussion or conference, for correcting who took part, adding actions or
    inviting agencies (the council's full view)."""
    model: type[Model] = StrategyDiscussion if kind == "strategy" else Conference
    queryset = model.objects.prefetch_related(_participants())  # type: ignore[attr-defined]
    return _record_for_work(user, child_uuid, queryset, meeting_uuid, purpose)


def action_for_edit(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, action_uuid: uuid_lib.UUID | str
) -> tuple[CaseFile, Action]:
    queryset = Action.objects.select_related("owner_agency", "owner", "strategy_discussion", "conference")
    return _record_for_work(user, child_uuid, queryset, action_uuid, "edit_action")


def invitation_for(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, invitation_uuid: uuid_lib.UUID | str
) -> tuple[CaseFile, Invitation]:
    queryset = Invitation.objects.select_related("agency", "user", "conference")
    return _record_for_work(user, child_uuid, queryset, invitation_uuid, "record_conference_report")


def core_group_for(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, core_group_uuid: uuid_lib.UUID | str
) -> tuple[CaseFile, CoreGroupMeeting]:
    """A core group meeting, for the council or a partner whose agency is named in it."""
    person = _person(child_uuid)
    meeting = (
        CoreGroupMeeting.objects.select_related("plan", "recorded_by")
        .prefetch_related("agencies")
        .filter(uuid=core_group_uuid, plan__child_id__in=person.identity_ids())
        .first()
    )
    if meeting is None:
        raise NotVisible
    decision = policy.can_view_meeting(user, person, {a.pk for a in meeting.agencies.all()})
    return _open(user, person, decision, "core_group", subject=meeting), meeting


def closure_for(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, closure_uuid: uuid_lib.UUID | str, purpose: str
) -> tuple[CaseFile, CaseClosure]:
    queryset = CaseClosure.objects.select_related("proposed_by", "authorised_by")
    return _record_for_work(user, child_uuid, queryset, closure_uuid, purpose)


def protection_for(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, protection_uuid: uuid_lib.UUID | str, purpose: str
) -> tuple[CaseFile, EmergencyProtection]:
    return _record_for_work(user, child_uuid, EmergencyProtection.objects.all(), protection_uuid, purpose)


def referral_for_nfa(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, referral_uuid: uuid_lib.UUID | str
) -> tuple[CaseFile, Referral]:
    """The child's referral, for a manager to close with no further action."""
    queryset = Referral.objects.select_related("team", "child")
    return _record_for_work(
        user, child_uuid, queryset, referral_uuid, "close_referral_nfa", decide=policy.can_authorise_casework
    )


def changes_since(*, subject: Model, opened_version: int) -> StaleEdit:
    """What others changed on a meeting, action or invitation after ``opened_version``,
    from the audit trail: each event writing a later version carries ``extra.version``
    and the fields it changed (before and after), and who."""
    events = (
        AuditEvent.objects.filter(
            subject_id=str(subject.uuid),  # type: ignore[attr-defined]
            event_type__in=[
                EventType.RECORD_UPDATED,
                EventType.ACTION_COMPLETED,
                EventType.MEETING_INFORMATION_ADDED,
            ],
        )
        .select_related("actor")
        .order_by("sequence")
    )
    changes: dict[str, tuple[Any, Any]] = {}
    who: list[str] = []
    for event in events:
        if int((event.data.get("extra") or {}).get("version") or 0) <= opened_version:
            continue
        old, new = event.data.get("old") or {}, event.data.get("new") or {}
        for name in [*old, *(n for n in new if n not in old)]:
            before = changes[name][0] if name in changes else old.get(name)
            changes[name] = (before, new.get(name))
        person = event.actor.display_name if event.actor else event.actor_username
        if person not in who:
            who.append(person)
    return StaleEdit(changes, changed_by=", ".join(who))


def strategy_discussion_for(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, discussion_uuid: uuid_lib.UUID | str, purpose: str
) -> MeetingView:
    """A strategy discussion, for the council or a partner whose agency took part."""
    queryset = StrategyDiscussion.objects.select_related("chair", "assessment", "enquiry")
    return _meeting(user, child_uuid, queryset, discussion_uuid, purpose)


def conference_for(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, conference_uuid: uuid_lib.UUID | str, purpose: str
) -> MeetingView:
    """A conference, for the council or a partner whose agency took part."""
    queryset = Conference.objects.select_related("chair", "plan", "enquiry", "enquiry__strategy_discussion")
    return _meeting(user, child_uuid, queryset, conference_uuid, purpose)


def conference_for_recording(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, conference_uuid: uuid_lib.UUID | str
) -> tuple[CaseFile, Conference]:
    queryset = Conference.objects.select_related("plan", "enquiry")
    case, conference = _record_for_work(user, child_uuid, queryset, conference_uuid, "record_conference")
    return case, conference


def enquiry_for(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, enquiry_uuid: uuid_lib.UUID | str
) -> tuple[CaseFile, Section47Enquiry]:
    queryset = Section47Enquiry.objects.select_related("strategy_discussion")
    case, enquiry = _record_for_work(user, child_uuid, queryset, enquiry_uuid, "complete_enquiry")
    return case, enquiry


def action_for(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, action_uuid: uuid_lib.UUID | str
) -> tuple[Person, Action]:
    """An action, for completing it (the service asks the policy; nothing is shown)."""
    person = _person(child_uuid)
    action = _owned(Action.objects.select_related("strategy_discussion", "conference"), person, action_uuid)
    return person, action


# --- Plans ----------------------------------------------------------------------------------


@dataclass
class PlanView:
    case: CaseFile
    plan: ChildProtectionPlan
    core_groups: list[Any]
    conferences: list[Conference]
    next_core_group: Due
    next_review: Due
    next_visit: Due
    can_authorise: bool


def plan_for(
    *,
    user: AnyUser,
    child_uuid: uuid_lib.UUID | str,
    plan_uuid: uuid_lib.UUID | str,
    purpose: str = "cp_plan",
    authorise: bool = False,
) -> PlanView:
    decide = policy.can_authorise_casework if authorise else policy.can_work_on_case
    queryset = ChildProtectionPlan.objects.prefetch_related("core_groups__recorded_by", "conferences__chair")
    case, plan = _record_for_work(user, child_uuid, queryset, plan_uuid, purpose, decide)
    today = case.today
    return PlanView(
        case=case,
        plan=plan,
        core_groups=list(plan.core_groups.all()),
        conferences=sorted(plan.conferences.all(), key=lambda c: c.due_on, reverse=True),
        next_core_group=today.due(plan.next_core_group_due),
        next_review=today.due(plan.next_review_due),
        next_visit=today.due(plan.next_visit_due),
        can_authorise=authorise or bool(policy.can_authorise_casework(user, case.person)),
    )


@dataclass
class CinPlanView:
    case: CaseFile
    plan: ChildInNeedPlan
    reviews: list[Any]
    next_review: Due
    can_authorise: bool


def cin_plan_for(
    *,
    user: AnyUser,
    child_uuid: uuid_lib.UUID | str,
    plan_uuid: uuid_lib.UUID | str,
    purpose: str = "cin_plan",
    authorise: bool = False,
) -> CinPlanView:
    decide = policy.can_authorise_casework if authorise else policy.can_work_on_case
    queryset = ChildInNeedPlan.objects.prefetch_related("reviews__recorded_by")
    case, plan = _record_for_work(user, child_uuid, queryset, plan_uuid, purpose, decide)
    return CinPlanView(
        case=case,
        plan=plan,
        reviews=list(plan.reviews.all()),
        next_review=case.today.due(plan.next_review_due),
        can_authorise=authorise or bool(policy.can_authorise_casework(user, case.person)),
    )


# --- Notes ----------------------------------------------------------------------------------


def note_for(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, note_uuid: uuid_lib.UUID | str
) -> tuple[CaseFile, CaseNote]:
    """A case note, for the council (restricted ones for the allocated team) or a partner
    agency it was shared with."""
    person = _person(child_uuid)
    note = _owned(CaseNote.objects.select_related("author").prefetch_related("shared_with"), person, note_uuid)
    decision = policy.can_view_note(
        user, person, restricted=note.restricted, shared_agency_ids={a.pk for a in note.shared_with.all()}
    )
    return _open(user, person, decision, "case_note", subject=note), note


# --- The "Help and protection" section of a child's record ----------------------------------


@dataclass
class DiscussionRow:
    discussion: StrategyDiscussion
    missing: list[str]


@dataclass
class HelpAndProtection:
    partner_view: bool
    can_work: bool
    can_authorise: bool
    referrals: list[Referral] = field(default_factory=list)
    assessment: Assessment | None = None
    assessment_due: Due | None = None
    assessments_total: int = 0
    discussions: list[DiscussionRow] = field(default_factory=list)
    discussions_total: int = 0
    enquiries: list[tuple[Section47Enquiry, Due]] = field(default_factory=list)
    conferences_due: list[tuple[Conference, Due]] = field(default_factory=list)
    conferences_held: list[Conference] = field(default_factory=list)
    cp_plan: ChildProtectionPlan | None = None
    cp_due: dict[str, Due] = field(default_factory=dict)
    cin_plan: ChildInNeedPlan | None = None
    cin_due: Due | None = None
    actions: list[tuple[Action, Due]] = field(default_factory=list)
    actions_total: int = 0
    notes: list[CaseNote] = field(default_factory=list)
    restricted_hidden: bool = False
    closure: CaseClosure | None = None
    core_groups: list[CoreGroupMeeting] = field(default_factory=list)
    referrals_nfa: list[Referral] = field(default_factory=list)
    protections: list[EmergencyProtection] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.referrals
            or self.assessment
            or self.assessments_total
            or self.discussions
            or self.enquiries
            or self.conferences_due
            or self.conferences_held
            or self.cp_plan
            or self.cin_plan
            or self.actions
            or self.notes
            or self.core_groups
            or self.closure
            or self.referrals_nfa
            or self.protections
        )


def help_and_protection(*, user: AnyUser, record: ChildRecord) -> HelpAndProtection:
    """What the child's page shows of their casework. The caller has opened (and audited)
    the record; this reads a fixed number of queries however long the history is.
    Partners see only the meetings their agency took part in, their agency's actions and
    the notes shared with it."""
    person = record.person
    ids = person.identity_ids()
    today = Today.now()
    if record.partner_view:
        return _partner_section(user, ids, today)
    section = HelpAndProtection(
        partner_view=False,
        can_work=bool(policy.can_work_on_case(user, person)),
        can_authorise=bool(policy.can_authorise_casework(user, person)),
    )
    mine = Q(child_id__in=ids)
    section.referrals = list(
        Referral.objects.filter(mine, assessments__isnull=True, nfa_on__isnull=True)
        .select_related("team")
        .order_by("-referral_date")[:5]
    )
    section.referrals_nfa = list(
        Referral.objects.filter(mine, nfa_on__isnull=False).select_related("nfa_by").order_by("-nfa_on")[:RECENT]
    )
    section.protections = list(EmergencyProtection.objects.filter(mine).order_by("-started_on", "-pk")[:RECENT])
    assessments = Assessment.objects.filter(mine).select_related("worker", "team")
    section.assessments_total = assessments.count()
    section.assessment = assessments.order_by("-started_on", "-pk").first()
    if section.assessment is not None and section.assessment.status != AssessmentStatus.AUTHORISED:
        section.assessment_due = today.due(section.assessment.due_on)
    discussions = StrategyDiscussion.objects.filter(mine)
    section.discussions_total = discussions.count()
    section.discussions = [
        DiscussionRow(d, services.missing_agencies(list(d.participants.all())))
        for d in discussions.select_related("enquiry")
        .prefetch_related(_participants())
        .order_by("-held_on", "-pk")[:RECENT]
    ]
    section.enquiries = [
        (e, today.due(e.initial_conference_due))
        for e in Section47Enquiry.objects.filter(mine, completed_on__isnull=True)
        .select_related("strategy_discussion")
        .order_by("initial_conference_due")
    ]
    section.conferences_due = [
        (c, today.due(c.due_on)) for c in Conference.objects.filter(mine, held_on__isnull=True).order_by("due_on")
    ]
    section.conferences_held = list(
        Conference.objects.filter(mine, held_on__isnull=False).select_related("chair").order_by("-held_on")[:RECENT]
    )
    section.cp_plan = ChildProtectionPlan.objects.filter(mine, ended_on__isnull=True).order_by("-started_on").first()
    if section.cp_plan is not None:
        plan = section.cp_plan
        section.cp_due = {
            "core_group": today.due(plan.next_core_group_due),
            "review": today.due(plan.next_review_due),
            "visit": today.due(plan.next_visit_due),
        }
    section.cin_plan = ChildInNeedPlan.objects.filter(mine, ended_on__isnull=True).order_by("-started_on").first()
    if section.cin_plan is not None:
        section.cin_due = today.due(section.cin_plan.next_review_due)
    open_actions = Action.objects.filter(mine, completed_on__isnull=True)
    _fill_actions(section, open_actions, today)
    # Restricted notes are for the allocated team and its managers: ask the policy once.
    restricted_ok = bool(policy.can_view_note(user, person, restricted=True, shared_agency_ids=set()))
    notes = CaseNote.objects.filter(mine)
    if not restricted_ok:
        section.restricted_hidden = notes.filter(restricted=True).exists()
        notes = notes.filter(restricted=False)
    section.notes = list(notes.select_related("author").order_by("-occurred_at")[:RECENT_NOTES])
    section.closure = (
        CaseClosure.objects.filter(mine).select_related("proposed_by", "authorised_by", "reopened_by").first()
    )
    return section


def _fill_actions(section: HelpAndProtection, actions: QuerySet[Action], today: Today) -> None:
    shown = list(
        actions.select_related("owner_agency", "owner", "strategy_discussion", "conference").order_by("due_on", "pk")[
            : OPEN_ACTIONS_SHOWN + 1
        ]
    )
    section.actions_total = len(shown) if len(shown) <= OPEN_ACTIONS_SHOWN else actions.count()
    section.actions = [(a, today.due(a.due_on)) for a in shown[:OPEN_ACTIONS_SHOWN]]


def _partner_section(user: AnyUser, ids: list[int], today: Today) -> HelpAndProtection:
    agency_id = getattr(user, "agency_id", None)
    section = HelpAndProtection(partner_view=True, can_work=False, can_authorise=False)
    if agency_id is None:
        return section
    mine = Q(child_id__in=ids)
    took_part = Participant.objects.filter(agency_id=agency_id)
    section.discussions = [
        DiscussionRow(d, [])
        for d in StrategyDiscussion.objects.filter(mine, pk__in=took_part.values("strategy_discussion_id")).order_by(
            "-held_on"
        )[:RECENT]
    ]
    invited = Invitation.objects.filter(agency_id=agency_id)
    section.conferences_held = list(
        Conference.objects.filter(mine, held_on__isnull=False, pk__in=took_part.values("conference_id")).order_by(
            "-held_on"
        )[:RECENT]
    )
    section.core_groups = list(
        CoreGroupMeeting.objects.filter(plan__child_id__in=ids, agencies__id=agency_id)
        .select_related("plan")
        .order_by("-held_on")[:RECENT]
    )
    # Conferences their agency is invited to, not yet held (policy.can_view_meeting lets
    # invited agencies see them).
    section.conferences_due = [
        (c, today.due(c.due_on))
        for c in Conference.objects.filter(mine, held_on__isnull=True, pk__in=invited.values("conference_id")).order_by(
            "due_on"
        )
    ]
    _fill_actions(section, Action.objects.filter(mine, completed_on__isnull=True, owner_agency_id=agency_id), today)
    section.notes = list(
        CaseNote.objects.filter(mine, restricted=False, shared_with__id=agency_id)
        .select_related("author")
        .order_by("-occurred_at")[:RECENT_NOTES]
    )
    return section
