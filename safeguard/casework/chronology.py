"""A child's chronology: every significant event from every record, assembled, never
typed twice.

Each context contributes *sources*. A source is a function ``(user, child, decision)``
returning ``ChronologyEntry`` items for the child (merged duplicates' records included);
``decision`` is the policy's answer to ``can_view_child`` for this user and child, already
allowed. A source fetches its records in one or two queries and asks the policy about what
it returns (``PolicyMemo`` keeps that to one question per distinct answer, not per entry).

Later contexts add their own kinds and sources from their ``AppConfig.ready()``::

    from safeguard.casework import chronology

    chronology.register_kind("placement", "Placements")

    @chronology.source
    def placements(user, child, decision): ...

The rule partners see (access/policy.py rule 2): entries from meetings their agency took
part in (``can_view_meeting``), contacts their agency raised (``can_view_contact``) and
notes shared with their agency (``can_view_note``); nothing else of the council's record.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_lib
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from django.db.models import F, Q, QuerySet, Subquery
from django.db.models.functions import Left
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from safeguard.access import policy
from safeguard.access.enforce import require
from safeguard.accounts.models import Agency, AgencyKind
from safeguard.frontdoor.codes import Concern, ContactStatus, ReferralSource, RequestStatus
from safeguard.frontdoor.codes import Decision as ContactDecision
from safeguard.frontdoor.models import Contact, InformationRequest, Referral
from safeguard.lib.errors import NotVisible
from safeguard.people import selectors as people_selectors
from safeguard.people.models import Person

from .codes import (
    AbuseCategory,
    AssessmentOutcome,
    ConferenceDecision,
    ConferenceKind,
    EnquiryOutcome,
    NoteKind,
    PlanEndReason,
    ProtectionKind,
    StrategyDecision,
)
from .models import (
    Assessment,
    CaseClosure,
    CaseNote,
    ChildInNeedPlan,
    ChildInNeedReview,
    ChildProtectionPlan,
    Conference,
    CoreGroupMeeting,
    EmergencyProtection,
    Participant,
    Section47Enquiry,
    StrategyDiscussion,
)

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser, Decision
    from safeguard.people.selectors import ChildRecord

DETAIL_LIMIT = 600


@dataclass(slots=True)
class ChronologyEntry:
    """One event on a child's chronology."""

    when: dt.date | dt.datetime
    kind: str
    title: str
    detail: str
    agency: str
    source_url: str | None
    source_type: str
    source_id: str
    # Short warnings shown beside the entry: "Late by 3 days", "Not present: health".
    flags: tuple[str, ...] = ()

    @property
    def day(self) -> dt.date:
        if isinstance(self.when, dt.datetime):
            return timezone.localdate(self.when) if timezone.is_aware(self.when) else self.when.date()
        return self.when

    @property
    def time(self) -> dt.time | None:
        if isinstance(self.when, dt.datetime):
            return (timezone.localtime(self.when) if timezone.is_aware(self.when) else self.when).time()
        return None

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    def sort_key(self, tz: dt.tzinfo | None = None) -> tuple[dt.date, int, dt.time, str]:
        """Day, then events without a time of day before those with one, then time."""
        when = self.when
        if isinstance(when, dt.datetime):
            local = when.astimezone(tz or timezone.get_current_timezone()) if timezone.is_aware(when) else when
            return (local.date(), 1, local.time(), self.source_id)
        return (when, 0, dt.time.min, self.source_id)


Source = Callable[["AnyUser", Person, "Decision"], Iterable[ChronologyEntry]]

# The kinds of entry, in the order the filter lists them.
KINDS: dict[str, str] = {}
_sources: list[Source] = []


def register_kind(key: str, label: str) -> None:
    KINDS.setdefault(key, label)


def source(fn: Source) -> Source:
    """Register a source of entries (idempotent, so a re-imported module adds nothing)."""
    key = (fn.__module__, fn.__qualname__)
    if key not in {(s.__module__, s.__qualname__) for s in _sources}:
        _sources.append(fn)
    return fn


def sources() -> list[Source]:
    return list(_sources)


# --- Helpers for sources ------------------------------------------------------------------


class PolicyMemo:
    """Asks a policy predicate once per distinct key: entries sharing an answer (the same
    participating agencies, the same sharing) cost one question, not one each."""

    def __init__(self) -> None:
        self._answers: dict[Hashable, bool] = {}

    def allows(self, key: Hashable, ask: Callable[[], Any]) -> bool:
        if key not in self._answers:
            self._answers[key] = bool(ask())
        return self._answers[key]


def identity_ids(child: Person) -> QuerySet[Person, int]:
    """The child's record and the duplicates merged into it, as a subquery (no query of its own)."""
    root = child.merged_into_id or child.pk
    return Person.objects.order_by().filter(Q(pk=root) | Q(merged_into_id=root)).values_list("pk", flat=True)


def council_name() -> Subquery:
    """The council's name, as a subquery for records the council owns without naming it."""
    return Subquery(Agency.objects.filter(kind=AgencyKind.CHILDRENS_SOCIAL_CARE).order_by("pk").values("name")[:1])


def _head(field_name: str, limit: int = DETAIL_LIMIT) -> Left:
    """The start of a long text field, enough for ``clip``: a note can run to pages, and
    the chronology shows its opening."""
    return Left(field_name, limit * 2)


def clip(text: str, limit: int = DETAIL_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def sentence(*parts: str) -> str:
    """Parts joined as sentences: a full stop closes each part that another follows."""
    kept = [p.strip() for p in parts if p and p.strip()]
    closed = [p if p[-1] in ".?!…\"'" else f"{p}." for p in kept[:-1]]
    return " ".join(closed + kept[-1:])


_PLACEHOLDER = uuid_lib.UUID(int=0)


def url_maker(names: Iterable[str], child: Person, anchor: str) -> Callable[[Any], str]:
    """A function from a record's UUID to its page: the first of ``names`` that exists
    (taking the record's UUID, or the child's and then the record's), else the child's
    record at ``anchor``. Reversed once, not once per entry."""
    placeholder = str(_PLACEHOLDER)
    for name in names:
        pattern = ""
        for args in ([child.uuid, _PLACEHOLDER], [_PLACEHOLDER]):
            try:
                pattern = reverse(name, args=args)
                break
            except NoReverseMatch:
                continue
        if not pattern:
            continue

        def page(record_uuid: Any, pattern: str = pattern) -> str:
            return pattern.replace(placeholder, str(record_uuid))

        return page
    fallback = f"{reverse('people:child', args=[child.uuid])}#{anchor}"

    def on_record(record_uuid: Any) -> str:
        return fallback

    return on_record


def _date(day: dt.date | None) -> str:
    return f"{day:%-d %B %Y}" if day else ""


# --- The sources of help and protection, and of the front door ----------------------------

register_kind("contact", "Contacts and decisions")
register_kind("referral", "Referrals")
register_kind("information", "Partner information")
register_kind("assessment", "Assessments")
register_kind("strategy", "Strategy discussions")
register_kind("s47", "Section 47 enquiries")
register_kind("conference", "Conferences")
register_kind("cp_plan", "Child protection plans")
register_kind("core_group", "Core groups")
register_kind("cin_plan", "Child in need plans")
register_kind("visit", "Visits with the child seen")
register_kind("significant", "Significant events")
register_kind("closure", "Closures and re-openings")
register_kind("emergency_protection", "Emergency protection")

CASEWORK_ANCHOR = "section-casework"
CONTACTS_ANCHOR = "section-contacts"
# Sources read rows as dictionaries (``values()``), not model instances: a long history
# is thousands of rows, and building a model for each costs more than the query.
_LABELS: dict[str, dict[str, str]] = {
    "concern": dict(Concern.choices),
    "contact_decision": dict(ContactDecision.choices),
    "source": dict(ReferralSource.choices),
    "assessment_outcome": dict(AssessmentOutcome.choices),
    "strategy_decision": dict(StrategyDecision.choices),
    "enquiry_outcome": dict(EnquiryOutcome.choices),
    "conference_kind": dict(ConferenceKind.choices),
    "conference_decision": dict(ConferenceDecision.choices),
    "category": dict(AbuseCategory.choices),
    "plan_end": dict(PlanEndReason.choices),
    "note_kind": dict(NoteKind.choices),
    "protection_kind": dict(ProtectionKind.choices),
}


def _label(codes: str, value: str) -> str:
    return str(_LABELS[codes].get(value, value))


def _full_name(first: str | None, last: str | None, username: str | None) -> str:
    return " ".join(p for p in (first, last) if p) or (username or "")


@source
def contacts(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    """Contacts received and their decisions. Partners see only contacts their agency
    raised, and of those what was sent and the outcome, not the MASH's reasoning."""
    rows = (
        Contact.objects.filter(child_id__in=identity_ids(child))
        .order_by()
        .values(
            "uuid",
            "received_at",
            "referrer_agency_id",
            "referrer_agency__name",
            "referrer_user_id",
            "referrer_name",
            "source",
            "concerns",
            "immediate_danger",
            "status",
            "decision",
            "decided_at",
            "authorised_at",
            "authorised_by__agency__name",
            "decided_by__agency__name",
            narrative_head=_head("narrative"),
            rationale_head=_head("decision_rationale"),
        )
    )
    memo = PolicyMemo()
    link = url_maker(["frontdoor:contact"], child, CONTACTS_ANCHOR)
    me, mine = getattr(user, "pk", None), getattr(user, "agency_id", None)
    for row in rows:
        # What can_view_contact reads of a contact, besides the child: whether the
        # viewer's agency, or the viewer, raised it.
        key = (
            row["referrer_agency_id"] is not None and row["referrer_agency_id"] == mine,
            row["referrer_user_id"] == me,
        )
        # Asked about as a contact on this child's record (a merged duplicate's included).
        probe = Contact(
            referrer_agency_id=row["referrer_agency_id"], referrer_user_id=row["referrer_user_id"], child=child
        )
        if not memo.allows(key, partial(policy.can_view_contact, user, probe)):
            continue
        url = link(row["uuid"])
        agency = row["referrer_agency__name"] or _label("source", row["source"])
        concerns = ", ".join(_label("concern", c) for c in row["concerns"] or [])
        yield ChronologyEntry(
            when=row["received_at"],
            kind="contact",
            title=f"Contact received from {row['referrer_agency__name'] or row['referrer_name']}",
            detail=sentence(f"Concerns: {concerns}" if concerns else "", clip(row["narrative_head"])),
            agency=agency,
            source_url=url,
            source_type="Contact",
            source_id=str(row["uuid"]),
            flags=("Immediate danger",) if row["immediate_danger"] else (),
        )
        if row["status"] == ContactStatus.DECIDED and row["decision"]:
            yield ChronologyEntry(
                when=row["authorised_at"] or row["decided_at"] or row["received_at"],
                kind="contact",
                title=f"Contact decision: {_label('contact_decision', row['decision'])}",
                detail="" if decision.partner_view else clip(row["rationale_head"]),
                agency=row["authorised_by__agency__name"] or row["decided_by__agency__name"] or agency,
                source_url=url,
                source_type="Contact",
                source_id=str(row["uuid"]),
            )


@source
def referrals(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    if decision.partner_view:
        return
    link = url_maker(["frontdoor:contact"], child, CONTACTS_ANCHOR)
    rows = (
        Referral.objects.filter(child_id__in=identity_ids(child))
        .order_by()
        .values(
            "uuid",
            "referral_date",
            "route",
            "source",
            "is_re_referral",
            "team__name",
            "team__agency__name",
            "nfa_on",
            "nfa_reason",
        )
        .annotate(contact_uuid=F("contact__uuid"))
    )
    for row in rows:
        if row["nfa_on"] is not None:
            yield ChronologyEntry(
                when=row["nfa_on"],
                kind="referral",
                title="Referral closed with no further action",
                detail=clip(row["nfa_reason"]),
                agency=row["team__agency__name"],
                source_url=link(row["contact_uuid"]),
                source_type="Referral",
                source_id=f"{row['uuid']}-nfa",
            )
        yield ChronologyEntry(
            when=row["referral_date"],
            kind="referral",
            title=f"Referral to {row['team__name']}",
            detail=sentence(_label("contact_decision", row["route"]), f"Source: {_label('source', row['source'])}."),
            agency=row["team__agency__name"],
            source_url=link(row["contact_uuid"]),
            source_type="Referral",
            source_id=str(row["uuid"]),
            flags=("Re-referral within 12 months",) if row["is_re_referral"] else (),
        )


@source
def information(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    """Partners' answers to the MASH's requests: the answer is part of the MASH's working,
    so it is shown only in the council's full view."""
    if decision.partner_view:
        return
    link = url_maker(["frontdoor:contact"], child, CONTACTS_ANCHOR)
    rows = (
        InformationRequest.objects.filter(contact__child_id__in=identity_ids(child), status=RequestStatus.ANSWERED)
        .order_by()
        .values("uuid", "question", "answer", "requested_at", "answered_at", "due_at", "agency__name")
        .annotate(contact_uuid=F("contact__uuid"))
    )
    for row in rows:
        answered = row["answered_at"]
        yield ChronologyEntry(
            when=answered or row["requested_at"],
            kind="information",
            title=f"Information shared by {row['agency__name']}",
            detail=sentence(f"Asked: {clip(row['question'], 200)}", f"Answer: {clip(row['answer'])}"),
            agency=row["agency__name"],
            source_url=link(row["contact_uuid"]),
            source_type="Information request",
            source_id=str(row["uuid"]),
            flags=("Answered late",) if answered and answered > row["due_at"] else (),
        )


@source
def assessments(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    if decision.partner_view:
        return
    link = url_maker(["casework:assessment"], child, CASEWORK_ANCHOR)
    today = timezone.localdate()
    rows = (
        Assessment.objects.filter(child_id__in=identity_ids(child))
        .order_by()
        .values("uuid", "started_on", "due_on", "authorised_on", "outcome", "outcome_reason")
        .annotate(team_name=F("team__name"), agency=F("team__agency__name"))
    )
    for row in rows:
        url = link(row["uuid"])
        authorised, due = row["authorised_on"], row["due_on"]
        yield ChronologyEntry(
            when=row["started_on"],
            kind="assessment",
            title="Child and family assessment started",
            detail=f"By {row['team_name']}; due {_date(due)}.",
            agency=row["agency"],
            source_url=url,
            source_type="Assessment",
            source_id=str(row["uuid"]),
            flags=("Overdue",) if authorised is None and today > due else (),
        )
        if authorised is not None:
            late = (authorised - due).days
            outcome = _label("assessment_outcome", row["outcome"]) if row["outcome"] else "outcome not recorded"
            yield ChronologyEntry(
                when=authorised,
                kind="assessment",
                title=f"Assessment authorised: {outcome}",
                detail=clip(row["outcome_reason"]),
                agency=row["agency"],
                source_url=url,
                source_type="Assessment",
                source_id=str(row["uuid"]),
                flags=(f"Late by {late} day{'s' if late != 1 else ''}",) if late > 0 else (),
            )


@dataclass
class _Meeting:
    agency_ids: set[int] = field(default_factory=set)
    present: list[str] = field(default_factory=list)
    # (agency kind, attended) of each participant, for ``missing_agencies``.
    attendance: list[SimpleNamespace] = field(default_factory=list)

    @property
    def present_text(self) -> str:
        return ", ".join(self.present) or "none recorded"

    def missing(self) -> list[str]:
        from .services import missing_agencies

        return missing_agencies(self.attendance)


def _meetings(link_field: str, meeting_ids: QuerySet[Any, Any]) -> dict[int, _Meeting]:
    """Who took part in each meeting, from one query."""
    meetings: dict[int, _Meeting] = {}
    rows = (
        Participant.objects.filter(**{f"{link_field}__in": meeting_ids})
        .order_by("pk")
        .values_list(link_field, "agency_id", "agency__name", "agency__kind", "attended")
    )
    for meeting_id, agency_id, name, kind, attended in rows:
        meeting = meetings.setdefault(meeting_id, _Meeting())
        meeting.agency_ids.add(agency_id)
        meeting.attendance.append(SimpleNamespace(agency=SimpleNamespace(kind=kind), attended=attended))
        if attended and name not in meeting.present:
            meeting.present.append(name)
    return meetings


@source
def strategy_discussions(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    found = StrategyDiscussion.objects.filter(child_id__in=identity_ids(child)).order_by()
    meetings = _meetings("strategy_discussion_id", found.values("pk"))
    rows = found.values("pk", "uuid", "held_on", "reason", "decision", "chair__agency__name")
    memo = PolicyMemo()
    link = url_maker(["casework:strategy"], child, CASEWORK_ANCHOR)
    for row in rows:
        meeting = meetings.get(row["pk"]) or _Meeting()
        agencies = frozenset(meeting.agency_ids)
        if not memo.allows(agencies, partial(policy.can_view_meeting, user, child, set(agencies))):
            continue
        yield ChronologyEntry(
            when=row["held_on"],
            kind="strategy",
            title=f"Strategy discussion: {_label('strategy_decision', row['decision'])}",
            detail=sentence(clip(row["reason"], 300), f"Agencies present: {meeting.present_text}."),
            agency=row["chair__agency__name"] or "",
            source_url=link(row["uuid"]),
            source_type="Strategy discussion",
            source_id=str(row["uuid"]),
            flags=tuple(f"Not present: {m}" for m in meeting.missing()),
        )


@source
def enquiries(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    if decision.partner_view:
        return
    rows = (
        Section47Enquiry.objects.filter(child_id__in=identity_ids(child))
        .order_by()
        .values(
            "uuid",
            "joint_with_police",
            "started_on",
            "initial_conference_due",
            "findings",
            "outcome",
            "completed_on",
        )
        .annotate(discussion=F("strategy_discussion__uuid"), agency=F("strategy_discussion__chair__agency__name"))
    )
    # An enquiry is recorded on the page of the strategy discussion that started it.
    link = url_maker(["casework:strategy"], child, CASEWORK_ANCHOR)
    for row in rows:
        url = link(row["discussion"])
        agency = row["agency"] or ""
        yield ChronologyEntry(
            when=row["started_on"],
            kind="s47",
            title="Section 47 enquiry started" + (", joint with police" if row["joint_with_police"] else ""),
            detail=f"Initial conference due {_date(row['initial_conference_due'])} if concerns are substantiated.",
            agency=agency,
            source_url=url,
            source_type="Section 47 enquiry",
            source_id=str(row["uuid"]),
        )
        if row["completed_on"] is not None:
            yield ChronologyEntry(
                when=row["completed_on"],
                kind="s47",
                title=f"Section 47 enquiry completed: {_label('enquiry_outcome', row['outcome'])}",
                detail=clip(row["findings"]),
                agency=agency,
                source_url=url,
                source_type="Section 47 enquiry",
                source_id=str(row["uuid"]),
            )


@source
def conferences(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    found = Conference.objects.filter(child_id__in=identity_ids(child), held_on__isnull=False).order_by()
    meetings = _meetings("conference_id", found.values("pk"))
    rows = found.values(
        "pk",
        "uuid",
        "kind",
        "due_on",
        "held_on",
        "decision",
        "category",
        "chair__first_name",
        "chair__last_name",
        "chair__username",
        "chair__agency__name",
    )
    memo = PolicyMemo()
    link = url_maker(["casework:conference"], child, CASEWORK_ANCHOR)
    for row in rows:
        meeting = meetings.get(row["pk"]) or _Meeting()
        agencies = frozenset(meeting.agency_ids)
        if not memo.allows(agencies, partial(policy.can_view_meeting, user, child, set(agencies))):
            continue
        chair = _full_name(row["chair__first_name"], row["chair__last_name"], row["chair__username"])
        held = row["held_on"]
        assert held is not None
        yield ChronologyEntry(
            when=held,
            kind="conference",
            title=f"{_label('conference_kind', row['kind'])}: {_label('conference_decision', row['decision'])}",
            detail=sentence(
                f"Category: {_label('category', row['category'])}." if row["category"] else "",
                f"Chaired by {chair}." if chair else "",
                f"Agencies present: {meeting.present_text}.",
            ),
            agency=row["chair__agency__name"] or "",
            source_url=link(row["uuid"]),
            source_type="Conference",
            source_id=str(row["uuid"]),
            flags=("Held late",) if held > row["due_on"] else (),
        )


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}.get(n, f"{n}th")


@source
def protection_plans(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    if decision.partner_view:
        return
    rows = (
        ChildProtectionPlan.objects.filter(child_id__in=identity_ids(child))
        .order_by()
        .values(
            "uuid",
            "initial_category",
            "latest_category",
            "started_on",
            "ended_on",
            "end_reason",
            "previous_plans",
            "repeat_within_two_years",
            "first_core_group_due",
        )
        .annotate(council=council_name())
    )
    link = url_maker(["casework:plan"], child, CASEWORK_ANCHOR)
    for row in rows:
        url = link(row["uuid"])
        flags: list[str] = []
        if row["previous_plans"]:
            flags.append(f"{_ordinal(row['previous_plans'] + 1).capitalize()} plan")
        if row["repeat_within_two_years"]:
            flags.append("Repeat plan within two years")
        started, ended = row["started_on"], row["ended_on"]
        yield ChronologyEntry(
            when=started,
            kind="cp_plan",
            title=f"Child protection plan started: {_label('category', row['initial_category'])}",
            detail=f"First core group due {_date(row['first_core_group_due'])}.",
            agency=row["council"] or "",
            source_url=url,
            source_type="Child protection plan",
            source_id=str(row["uuid"]),
            flags=tuple(flags),
        )
        if ended is not None:
            months = (ended.year - started.year) * 12 + ended.month - started.month
            yield ChronologyEntry(
                when=ended,
                kind="cp_plan",
                title=f"Child protection plan ended: {_label('plan_end', row['end_reason'])}",
                detail=f"The plan lasted about {months} month{'s' if months != 1 else ''} "
                f"(latest category: {_label('category', row['latest_category'])}).",
                agency=row["council"] or "",
                source_url=url,
                source_type="Child protection plan",
                source_id=str(row["uuid"]),
            )


@source
def core_groups(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    if decision.partner_view:
        return
    rows = (
        CoreGroupMeeting.objects.filter(plan__child_id__in=identity_ids(child))
        .order_by()
        .values("uuid", "held_on", "notes", "recorded_by__agency__name")
        .annotate(plan_uuid=F("plan__uuid"))
    )
    link = url_maker(["casework:plan"], child, CASEWORK_ANCHOR)
    for row in rows:
        yield ChronologyEntry(
            when=row["held_on"],
            kind="core_group",
            title="Core group meeting",
            detail=clip(row["notes"]),
            agency=row["recorded_by__agency__name"] or "",
            source_url=link(row["plan_uuid"]),
            source_type="Core group meeting",
            source_id=str(row["uuid"]),
        )


@source
def child_in_need_plans(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    if decision.partner_view:
        return
    identity = identity_ids(child)
    link = url_maker(["casework:cin_plan"], child, CASEWORK_ANCHOR)
    plans = (
        ChildInNeedPlan.objects.filter(child_id__in=identity)
        .order_by()
        .values("uuid", "started_on", "ended_on", "end_reason", "next_review_due")
        .annotate(council=council_name())
    )
    for row in plans:
        url = link(row["uuid"])
        yield ChronologyEntry(
            when=row["started_on"],
            kind="cin_plan",
            title="Child in need plan started",
            detail="",
            agency=row["council"] or "",
            source_url=url,
            source_type="Child in need plan",
            source_id=str(row["uuid"]),
        )
        if row["ended_on"] is not None:
            yield ChronologyEntry(
                when=row["ended_on"],
                kind="cin_plan",
                title="Child in need plan ended",
                detail=clip(row["end_reason"]),
                agency=row["council"] or "",
                source_url=url,
                source_type="Child in need plan",
                source_id=str(row["uuid"]),
            )
    reviews = (
        ChildInNeedReview.objects.filter(plan__child_id__in=identity)
        .order_by()
        .values("uuid", "held_on", "notes", "recorded_by__agency__name")
        .annotate(plan_uuid=F("plan__uuid"))
    )
    for row in reviews:
        yield ChronologyEntry(
            when=row["held_on"],
            kind="cin_plan",
            title="Child in need plan reviewed",
            detail=clip(row["notes"]),
            agency=row["recorded_by__agency__name"] or "",
            source_url=link(row["plan_uuid"]),
            source_type="Child in need review",
            source_id=str(row["uuid"]),
        )


VISIT_KINDS = (NoteKind.VISIT, NoteKind.STATUTORY_VISIT)


@source
def notes(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    """Visits at which the child was seen, and any note a practitioner marked significant.
    Restricted notes and sharing with partners follow ``can_view_note``."""
    found = (
        CaseNote.objects.filter(child_id__in=identity_ids(child))
        .filter(Q(kind__in=VISIT_KINDS, child_seen=True) | Q(significant=True))
        .order_by()
    )
    shared: dict[int, set[int]] = {}
    through = CaseNote.shared_with.through
    for note_id, agency_id in (
        through.objects.filter(casenote_id__in=found.values("pk")).order_by().values_list("casenote_id", "agency_id")
    ):
        shared.setdefault(note_id, set()).add(agency_id)
    rows = found.values(
        "pk",
        "uuid",
        "kind",
        "occurred_at",
        "child_seen",
        "child_seen_alone",
        "restricted",
        "significant",
        "author__agency__name",
        summary_head=_head("summary"),
        words_head=_head("child_words", 300),
    )
    memo = PolicyMemo()
    link = url_maker(["casework:note"], child, CASEWORK_ANCHOR)
    for row in rows:
        sharing = frozenset(shared.get(row["pk"], ()))
        restricted = row["restricted"]
        ask = partial(policy.can_view_note, user, child, restricted=restricted, shared_agency_ids=set(sharing))
        if not memo.allows((restricted, sharing), ask):
            continue
        kind = _label("note_kind", row["kind"])
        visit = row["kind"] in VISIT_KINDS and row["child_seen"]
        if visit:
            title = f"{kind}: child seen alone" if row["child_seen_alone"] else f"{kind}: child seen, not alone"
        else:
            title = f"{kind} marked significant"
        flags: list[str] = []
        if visit and row["significant"]:
            flags.append("Significant")
        if restricted:
            flags.append("Restricted")
        words = row["words_head"]
        yield ChronologyEntry(
            when=row["occurred_at"],
            kind="visit" if visit else "significant",
            title=title,
            detail=sentence(clip(row["summary_head"]), f'The child said: "{clip(words, 300)}"' if words else ""),
            agency=row["author__agency__name"] or "",
            source_url=link(row["uuid"]),
            source_type="Case note",
            source_id=str(row["uuid"]),
            flags=tuple(flags),
        )


@source
def closures(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    """Closures and step-downs once a manager authorised them, and re-openings."""
    if decision.partner_view:
        return
    rows = (
        CaseClosure.objects.filter(child_id__in=identity_ids(child), status__in=["authorised", "reopened"])
        .order_by()
        .values("uuid", "kind", "census_reason", "closed_on", "reason", "reopened_on", "reopen_reason")
        .annotate(council=council_name())
    )
    link = url_maker([], child, CASEWORK_ANCHOR)
    labels = {"closed": "Case closed", "step_down": "Stepped down to early help"}
    for row in rows:
        yield ChronologyEntry(
            when=row["closed_on"],
            kind="closure",
            title=labels.get(row["kind"], row["kind"]),
            detail=sentence(f"Reason for closure: {row['census_reason']}", clip(row["reason"])),
            agency=row["council"] or "",
            source_url=link(row["uuid"]),
            source_type="Case closure",
            source_id=str(row["uuid"]),
        )
        if row["reopened_on"] is not None:
            yield ChronologyEntry(
                when=row["reopened_on"],
                kind="closure",
                title="Case re-opened",
                detail=clip(row["reopen_reason"]),
                agency=row["council"] or "",
                source_url=link(row["uuid"]),
                source_type="Case closure",
                source_id=f"{row['uuid']}-reopened",
            )


@source
def emergency_protections(user: AnyUser, child: Person, decision: Decision) -> Iterator[ChronologyEntry]:
    """Police protection, emergency protection orders and child assessment orders: when
    each started and, once recorded, when it ended."""
    if decision.partner_view:
        return
    rows = (
        EmergencyProtection.objects.filter(child_id__in=identity_ids(child))
        .order_by()
        .values("uuid", "kind", "started_on", "ended_on", "authority", "notes")
        .annotate(council=council_name())
    )
    link = url_maker([], child, CASEWORK_ANCHOR)
    for row in rows:
        label = _label("protection_kind", row["kind"])
        yield ChronologyEntry(
            when=row["started_on"],
            kind="emergency_protection",
            title=f"{label} started",
            detail=sentence(row["authority"], clip(row["notes"])),
            agency=row["council"] or "",
            source_url=link(row["uuid"]),
            source_type="Emergency protection",
            source_id=str(row["uuid"]),
        )
        if row["ended_on"] is not None:
            yield ChronologyEntry(
                when=row["ended_on"],
                kind="emergency_protection",
                title=f"{label} ended",
                detail="",
                agency=row["council"] or "",
                source_url=link(row["uuid"]),
                source_type="Emergency protection",
                source_id=f"{row['uuid']}-ended",
            )


# --- Assembly -------------------------------------------------------------------------------

NEWEST_FIRST = "newest"
OLDEST_FIRST = "oldest"
MAX_FILTER_VALUES = 50


@dataclass(frozen=True)
class ChronologyFilter:
    """What the viewer asked to see: empty sets mean every kind and every agency."""

    kinds: frozenset[str] = frozenset()
    agencies: frozenset[str] = frozenset()
    order: str = NEWEST_FIRST

    @classmethod
    def from_query(cls, query: Any) -> ChronologyFilter:
        """Read ``?type=…&agency=…&order=…``; unknown types are ignored."""
        kinds = frozenset(k for k in query.getlist("type")[:MAX_FILTER_VALUES] if k in KINDS)
        agencies = frozenset(a[:200] for a in query.getlist("agency")[:MAX_FILTER_VALUES] if a)
        order = OLDEST_FIRST if query.get("order") == OLDEST_FIRST else NEWEST_FIRST
        return cls(kinds, agencies, order)

    def as_query(self) -> list[tuple[str, str]]:
        pairs = [("type", k) for k in KINDS if k in self.kinds]
        pairs += [("agency", a) for a in sorted(self.agencies)]
        if self.order != NEWEST_FIRST:
            pairs.append(("order", self.order))
        return pairs

    def keeps(self, entry: ChronologyEntry) -> bool:
        return (not self.kinds or entry.kind in self.kinds) and (not self.agencies or entry.agency in self.agencies)

    def describe(self) -> str:
        parts = []
        if self.kinds:
            parts.append("types: " + ", ".join(KINDS[k] for k in KINDS if k in self.kinds))
        if self.agencies:
            parts.append("agencies: " + ", ".join(sorted(self.agencies)))
        return "; ".join(parts) or "every entry"


@dataclass
class Chronology:
    person: Person
    decision: Decision
    filters: ChronologyFilter
    entries: list[ChronologyEntry]
    # Everything the viewer may see, before the filter, by kind and by agency.
    total: int
    kind_counts: dict[str, int] = field(default_factory=dict)
    agency_counts: dict[str, int] = field(default_factory=dict)
    record: ChildRecord | None = None

    @property
    def partner_view(self) -> bool:
        return self.decision.partner_view


def assemble(user: AnyUser, child: Person, decision: Decision, filters: ChronologyFilter) -> Chronology:
    """Every source's entries the viewer may see, counted, filtered and sorted."""
    everything: list[ChronologyEntry] = []
    for fn in _sources:
        everything.extend(fn(user, child, decision))
    kind_counts = Counter(e.kind for e in everything)
    agency_counts = Counter(e.agency for e in everything if e.agency)
    kept = [e for e in everything if filters.keeps(e)]
    tz = timezone.get_current_timezone()
    kept.sort(key=lambda e: e.sort_key(tz), reverse=filters.order == NEWEST_FIRST)
    return Chronology(
        person=child,
        decision=decision,
        filters=filters,
        entries=kept,
        total=len(everything),
        kind_counts={k: kind_counts[k] for k in KINDS if kind_counts[k]},
        agency_counts=dict(sorted(agency_counts.items())),
    )


def chronology_get_for(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, filters: ChronologyFilter | None = None
) -> Chronology:
    """Open a child's chronology: the policy is asked and the view audited (one
    ``person.viewed`` event with purpose "chronology") by ``child_get_for``."""
    record = people_selectors.child_get_for(user=user, child_uuid=child_uuid, purpose="chronology")
    chronology = assemble(user, record.person, record.decision, filters or ChronologyFilter())
    chronology.record = record
    return chronology


def chronology_for_export(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, filters: ChronologyFilter | None = None
) -> Chronology:
    """The chronology for an export. The policy is asked here; the read is audited by the
    export's own ``export`` event (chronology_export.py), written in the same request."""
    person = Person.objects.filter(uuid=child_uuid, merged_into__isnull=True).first()
    if person is None:
        raise NotVisible
    decision = require(policy.can_view_child(user, person), actor=user, action="chronology_export", child=person)
    return assemble(user, person, decision, filters or ChronologyFilter())
