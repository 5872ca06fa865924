"""Actions at the front door: receiving contacts, matching them to the register, RAG
rating, asking partners for information, deciding, and authorising decisions."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from safeguard.access import policy
from safeguard.access import services as access_services
from safeguard.access.enforce import require
from safeguard.access.models import Involvement, InvolvementKind
from safeguard.accounts.models import Agency, AgencyKind, Team, TeamKind
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.lib.errors import InvalidTransition, StaleEdit
from safeguard.lib.identifiers import nhs_number_problem, normalise_nhs_number, normalise_upn, upn_problem
from safeguard.people import matching
from safeguard.people import services as people_services
from safeguard.people.codes import Sex
from safeguard.people.matching import PersonRecord
from safeguard.people.models import Person

from . import rules
from .codes import (
    REFERRAL_DECISIONS,
    Channel,
    Concern,
    Consent,
    ContactStatus,
    Decision,
    MatchStatus,
    PersonRole,
    Rag,
    ReferralSource,
    RequestStatus,
)
from .models import Contact, ContactPerson, InformationRequest, Referral

if TYPE_CHECKING:
    from safeguard.accounts.models import User
    from safeguard.api.models import ApiClient
    from safeguard.people.models import Person

# The referral source a partner's agency implies when the referrer does not choose one.
# Contacts searched per transaction by ``suggest_pending``.
SUGGEST_BATCH = 50

SOURCE_FOR_AGENCY = {
    AgencyKind.POLICE: ReferralSource.POLICE,
    AgencyKind.SCHOOL: ReferralSource.SCHOOLS,
    AgencyKind.GP_PRACTICE: ReferralSource.GP,
    AgencyKind.NHS_TRUST: ReferralSource.OTHER_HEALTH,
    AgencyKind.CHILDRENS_SOCIAL_CARE: ReferralSource.LA_SOCIAL_CARE,
    AgencyKind.OTHER: ReferralSource.OTHER,
}


@dataclass
class PersonAround:
    role: str
    name: str
    date_of_birth: dt.date | None = None
    address: str = ""
    notes: str = ""


@dataclass
class ContactInput:
    """A contact as a referrer submits it, from the web form or the API."""

    narrative: str
    concerns: list[str]
    consent: str
    consent_reason: str = ""
    immediate_danger: bool = False
    source: str = ""
    referrer_name: str = ""
    referrer_role: str = ""
    referrer_phone: str = ""
    referrer_email: str = ""
    child_given_name: str = ""
    child_family_name: str = ""
    child_date_of_birth: dt.date | None = None
    child_expected_date_of_birth: dt.date | None = None
    child_sex: str = Sex.UNKNOWN
    child_address: str = ""
    child_postcode: str = ""
    child_nhs_number: str = ""
    child_upn: str = ""
    child_school: str = ""
    people: list[PersonAround] = field(default_factory=list)

    def fingerprint(self) -> str:
        body = json.dumps(
            self.__dict__, default=lambda o: o.__dict__ if hasattr(o, "__dict__") else str(o), sort_keys=True
        )
        return hashlib.sha256(body.encode()).hexdigest()


def _validate(data: ContactInput, *, today: dt.date) -> dict[str, str]:
    """Every problem with a contact, by field, in the referrer's words."""
    errors: dict[str, str] = {}
    if not data.narrative.strip():
        errors["narrative"] = "Describe what happened, in your own words."
    if not data.concerns:
        errors["concerns"] = "Choose at least one concern."
    elif any(c not in Concern.values for c in data.concerns):
        errors["concerns"] = "Choose concerns from the list: " + ", ".join(Concern.values) + "."
    if data.consent not in Consent.values:
        errors["consent"] = "Say whether the family consented to this contact: given, refused or not sought."
    elif data.consent in (Consent.NOT_SOUGHT, Consent.REFUSED) and not data.consent_reason.strip():
        errors["consent_reason"] = (
            "Say why consent was not sought."
            if data.consent == Consent.NOT_SOUGHT
            else "Say what the family said when they refused, and why you are sharing anyway."
        )
    if data.source and data.source not in ReferralSource.values:
        errors["source"] = "Choose a source from the CIN census list, for example 6 for police."
    has_identity = any(
        [
            data.child_given_name.strip(),
            data.child_family_name.strip(),
            data.child_date_of_birth,
            data.child_expected_date_of_birth,
            data.child_nhs_number.strip(),
            data.child_upn.strip(),
        ]
    )
    if not has_identity:
        errors["child_family_name"] = (
            "Tell us who the child is: a name, a date of birth, an expected date of birth or an identifier."
        )
    dob, expected = data.child_date_of_birth, data.child_expected_date_of_birth
    if dob and expected:
        errors["child_expected_date_of_birth"] = "Give a date of birth or an expected date of birth, not both."
    if dob and dob > today:
        errors["child_date_of_birth"] = "The child's date of birth cannot be in the future."
    if dob and dob < today.replace(year=today.year - 19):
        errors["child_date_of_birth"] = "This date of birth makes the person an adult: check the year."
    if expected and expected < today - dt.timedelta(days=30):
        errors["child_expected_date_of_birth"] = "An expected date of birth cannot be more than a month ago."
    if expected and expected > today + dt.timedelta(days=300):
        errors["child_expected_date_of_birth"] = "An expected date of birth is at most ten months away."
    if data.child_sex and data.child_sex not in Sex.values:
        errors["child_sex"] = "Sex is M, F or U (not known)."
    if data.child_nhs_number.strip():
        problem = nhs_number_problem(data.child_nhs_number)
        if problem:
            errors["child_nhs_number"] = problem
    if data.child_upn.strip():
        problem = upn_problem(data.child_upn)
        if problem:
            errors["child_upn"] = problem
    for i, person in enumerate(data.people):
        if person.role not in PersonRole.values:
            errors[f"people.{i}.role"] = (
                "Choose the person's role: parent, carer, sibling, household, alleged or other."
            )
        if not person.name.strip():
            errors[f"people.{i}.name"] = "Give the person's name, or describe them."
    return errors


FOREIGN_KEYS = [
    "referrer_agency",
    "referrer_user",
    "child",
    "matched_by",
    "suggested_child",
    "decided_by",
    "referred_to_team",
    "authorised_by",
    "api_client",
]


def _reference(now: dt.datetime, pk: int) -> str:
    """A reference a person can read out on the phone: the day and a serial number.
    Made from the primary key, so concurrent submissions can never collide."""
    return f"C{timezone.localtime(now):%y%m%d}-{pk:06d}"


def contact_submit(
    *,
    actor: User,
    data: ContactInput,
    channel: str = Channel.WEB,
    api_client: ApiClient | None = None,
    idempotency_key: str = "",
    referrer_agency: Agency | None = None,
    received_at: dt.datetime | None = None,
    match_now: bool = True,
) -> tuple[Contact, bool]:
    """Receive a contact. Returns the contact and whether it was created now (False when
    an API retry with the same Idempotency-Key returns the contact already made).

    With ``match_now`` the register is searched for the suggested child before the
    contact is saved; without it (partner systems, whose submissions must not wait) the
    search is left to ``suggest_pending``, which runs just after."""
    require(policy.can_submit_contact(actor), actor=actor, action="submit_contact")
    fingerprint = data.fingerprint()
    if api_client is not None and idempotency_key:
        existing = Contact.objects.filter(api_client=api_client, idempotency_key=idempotency_key).first()
        if existing is not None:
            return _idempotent_replay(existing, fingerprint)
    errors = _validate(data, today=timezone.localdate())
    if errors:
        raise ValidationError(errors)
    agency = referrer_agency or (api_client.agency if api_client else actor.agency)
    if agency is not None and not agency.active:
        raise ValidationError({"referrer_agency": f"{agency} is no longer an active agency in Safeguard."})
    now = received_at or timezone.now()
    suggestion = _best_candidate(_record_from_input(data)) if match_now else None
    try:
        with transaction.atomic():
            contact = Contact(
                reference=f"new-{uuid.uuid4().hex[:16]}",
                received_at=now,
                channel=channel,
                referrer_agency=agency,
                referrer_user=actor if not getattr(actor, "is_system", False) else None,
                referrer_name=data.referrer_name.strip() or actor.display_name,
                referrer_role=data.referrer_role.strip() or actor.job_title,
                referrer_phone=data.referrer_phone.strip() or actor.phone,
                referrer_email=data.referrer_email.strip() or actor.email,
                source=data.source
                or (SOURCE_FOR_AGENCY.get(AgencyKind(agency.kind)) if agency else None)
                or ReferralSource.UNKNOWN,
                child_given_name=" ".join(data.child_given_name.split()),
                child_family_name=" ".join(data.child_family_name.split()),
                child_date_of_birth=data.child_date_of_birth,
                child_expected_date_of_birth=data.child_expected_date_of_birth,
                child_sex=data.child_sex or Sex.UNKNOWN,
                child_address=data.child_address.strip(),
                child_postcode=" ".join(data.child_postcode.upper().split()),
                child_nhs_number=normalise_nhs_number(data.child_nhs_number),
                child_upn=normalise_upn(data.child_upn),
                child_school=data.child_school.strip(),
                concerns=sorted(set(data.concerns), key=Concern.values.index),
                narrative=data.narrative.strip(),
                immediate_danger=data.immediate_danger,
                consent=data.consent,
                consent_reason=data.consent_reason.strip(),
                decision_due_at=rules.contact_decision_due(now),
                suggested_child=suggestion[0] if suggestion else None,
                suggested_score=suggestion[1] if suggestion else None,
                suggestion_checked_at=now if match_now else None,
                api_client=api_client,
                idempotency_key=idempotency_key if api_client else "",
                idempotency_hash=fingerprint if api_client and idempotency_key else "",
            )
            # Inputs were checked above; this checks lengths and choices. Foreign keys and
            # uniqueness are the database's to enforce (no extra round trips per contact).
            contact.full_clean(exclude=FOREIGN_KEYS, validate_unique=False, validate_constraints=False)
            contact.save()
            contact.reference = _reference(now, contact.pk)
            contact.save(update_fields=["reference"])
            for person in data.people:
                ContactPerson.objects.create(
                    contact=contact,
                    role=person.role,
                    name=person.name.strip(),
                    date_of_birth=person.date_of_birth,
                    address=person.address.strip(),
                    notes=person.notes.strip(),
                )
            audit.record(
                actor=actor,
                event_type=EventType.CONTACT_SUBMITTED,
                subject=contact,
                data={
                    "new": {
                        "reference": contact.reference,
                        "channel": channel,
                        "agency": str(agency or ""),
                        "concerns": contact.concerns,
                        "immediate_danger": contact.immediate_danger,
                    }
                },
            )
            return contact, True
    except IntegrityError:
        # Two retries raced: the other one made the contact.
        if api_client is not None and idempotency_key:
            existing = Contact.objects.get(api_client=api_client, idempotency_key=idempotency_key)
            return _idempotent_replay(existing, fingerprint)
        raise


def _record_from_input(data: ContactInput) -> PersonRecord:
    return PersonRecord(
        key="contact",
        given_name=data.child_given_name,
        family_name=data.child_family_name,
        date_of_birth=data.child_date_of_birth or data.child_expected_date_of_birth,
        sex=data.child_sex,
        postcode=data.child_postcode,
        address=data.child_address,
        nhs_number=data.child_nhs_number,
        upn=data.child_upn,
    )


def _record_from_contact(contact: Contact) -> PersonRecord:
    return PersonRecord(
        key="contact",
        given_name=contact.child_given_name,
        family_name=contact.child_family_name,
        date_of_birth=contact.child_date_of_birth or contact.child_expected_date_of_birth,
        sex=contact.child_sex,
        postcode=contact.child_postcode,
        address=contact.child_address,
        nhs_number=contact.child_nhs_number,
        upn=contact.child_upn,
    )


Lookup = Callable[[PersonRecord], list[matching.Candidate]]


def _best_candidate(record: PersonRecord, lookup: Lookup | None = None) -> tuple[Person, float] | None:
    """The register's best match for the child as described, if it reaches the
    matching threshold (people/matching.py), by ``lookup`` (default: indexed queries)."""
    best = lookup(record) if lookup is not None else matching.register_lookup(record, limit=1)
    if not best:
        return None
    person = Person.objects.filter(uuid=best[0].key).first()
    return (person, best[0].score) if person is not None else None


def suggest_pending(
    *, limit: int | None = None, progress: Callable[[int], object] | None = None, lookup: Lookup | None = None
) -> int:
    """Search the register for the suggested child of every contact received without
    one (``match_now=False``), oldest first; returns how many were searched.

    Safe to run from several processes at once: on PostgreSQL each takes its contacts
    with ``SKIP LOCKED``. The suggestion is derived data, so it neither changes the
    contact's ``version`` (no one's edit is refused because of it) nor is audited as a
    change; confirming a match stays a person's decision (``contact_match``). ``lookup``
    replaces the indexed queries, e.g. with a ``people.register_index.RegisterIndex``."""
    done = 0
    while limit is None or done < limit:
        batch = SUGGEST_BATCH if limit is None else min(SUGGEST_BATCH, limit - done)
        with transaction.atomic():
            pending = Contact.objects.filter(suggestion_checked_at__isnull=True).order_by("received_at")
            if connection.features.has_select_for_update_skip_locked:
                pending = pending.select_for_update(skip_locked=True)
            contacts = list(pending[:batch])
            if not contacts:
                break
            now = timezone.now()
            for contact in contacts:
                suggestion = None if contact.child_id else _best_candidate(_record_from_contact(contact), lookup)
                Contact.objects.filter(pk=contact.pk).update(
                    suggested_child=suggestion[0] if suggestion else None,
                    suggested_score=suggestion[1] if suggestion else None,
                    suggestion_checked_at=now,
                )
        done += len(contacts)
        if progress is not None:
            progress(len(contacts))
    return done


def pending_suggestions() -> int:
    return Contact.objects.filter(suggestion_checked_at__isnull=True).count()


def _idempotent_replay(existing: Contact, fingerprint: str) -> tuple[Contact, bool]:
    if existing.idempotency_hash and existing.idempotency_hash != fingerprint:
        raise ValidationError(
            {
                "Idempotency-Key": (
                    "This Idempotency-Key was already used for a different contact. Use a new key for a new contact."
                )
            }
        )
    return existing, False


def _locked(contact: Contact, expected_version: int | None, actor: User) -> Contact:
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleEdit({"version": (expected_version, locked.version)}, changed_by=_last_changer(locked))
    return locked


def _last_changer(contact: Contact) -> str:
    from safeguard.audit.models import AuditEvent

    event = (
        AuditEvent.objects.filter(subject_id=str(contact.uuid))
        .exclude(event_type=EventType.CONTACT_VIEWED)
        .order_by("-sequence")
        .first()
    )
    return event.actor_username if event else ""


def _bump(contact: Contact, fields: list[str]) -> None:
    contact.version += 1
    contact.save(update_fields=[*fields, "version"])


def _record_conflict(actor: User, contact: Contact, action: str) -> None:
    with transaction.atomic():
        audit.record(
            actor=actor,
            event_type=EventType.CONTACT_CONFLICT,
            subject=contact,
            child=contact.child,
            data={"extra": {"action": action}},
        )


def _guard_open(contact: Contact) -> None:
    if contact.status == ContactStatus.DECIDED:
        who = contact.authorised_by or contact.decided_by
        when = timezone.localtime(contact.authorised_at or contact.decided_at or contact.received_at)
        by = f" by {who.display_name}" if who else ""
        raise InvalidTransition(f"This contact was already decided{by} on {when:%-d %B at %H:%M}.")


def contact_match(
    *, actor: User, contact: Contact, person: Person | None, expected_version: int, score: float | None = None
) -> Contact:
    """Confirm which child on the register this contact is about; with ``person`` None,
    add the child to the register from the contact's details."""
    require(policy.can_triage_contacts(actor), actor=actor, action="match_contact", subject=contact)
    if person is not None and person.merged_into_id is not None:
        person = person.merged_into
    try:
        with transaction.atomic():
            locked = _locked(contact, expected_version, actor)
            _guard_open(locked)
            if person is None:
                person = people_services.person_create(
                    actor=actor,
                    given_name=locked.child_given_name,
                    family_name=locked.child_family_name,
                    date_of_birth=locked.child_date_of_birth,
                    expected_date_of_birth=locked.child_expected_date_of_birth,
                    sex=locked.child_sex,
                    nhs_number=locked.child_nhs_number,
                    upn=locked.child_upn,
                )
                status = MatchStatus.NEW_PERSON
            else:
                status = MatchStatus.CONFIRMED
            previous = locked.child
            locked.child = person
            locked.match_status = status
            locked.matched_by = actor
            locked.match_score = score
            if locked.status == ContactStatus.RECEIVED:
                locked.status = ContactStatus.TRIAGE
            _bump(locked, ["child", "match_status", "matched_by", "match_score", "status"])
            if previous is not None and previous.pk != person.pk:
                _end_contact_involvements(actor, locked, previous)
            _start_contact_involvements(actor, locked)
            if status == MatchStatus.NEW_PERSON and (locked.child_address or locked.child_postcode):
                # Once the MASH holds open work with the new record it may add to it.
                people_services.address_add(
                    actor=actor,
                    person=person,
                    line1=locked.child_address or "Address not given",
                    postcode=locked.child_postcode,
                    start_date=None,
                )
            audit.record(
                actor=actor,
                event_type=EventType.CONTACT_MATCHED,
                subject=locked,
                child=person,
                data={
                    "old": {"child": str(previous.uuid) if previous else ""},
                    "new": {"child": str(person.uuid), "how": status, "score": score},
                },
            )
            return locked
    except StaleEdit:
        _record_conflict(actor, contact, "match")
        raise


def _mash_team() -> Team | None:
    return Team.objects.filter(kind=TeamKind.MASH, active=True).order_by("pk").first()


def _contact_reason(contact: Contact) -> str:
    return f"contact {contact.reference}"


def _start_contact_involvements(actor: User, contact: Contact) -> None:
    """While the MASH works a contact, the MASH holds open work with the child and the
    referring agency is involved (it referred)."""
    assert contact.child is not None
    team = _mash_team()
    if team is not None and contact.is_open:
        access_services.involvement_start(
            actor=actor,
            child=contact.child,
            kind=InvolvementKind.OPEN_WORK,
            team=team,
            reason=f"MASH triage of {_contact_reason(contact)}",
        )
    if contact.referrer_agency is not None and not contact.referrer_agency.is_council:
        access_services.involvement_start(
            actor=actor,
            child=contact.child,
            kind=InvolvementKind.AGENCY,
            agency=contact.referrer_agency,
            reason=f"referred the child ({_contact_reason(contact)}, {_received_on(contact)})",
        )
    for request in contact.requests.filter(status=RequestStatus.OPEN):
        _involve_requested_agency(actor, contact, request)


def _received_on(contact: Contact) -> str:
    return f"{timezone.localtime(contact.received_at):%d/%m/%Y}"


def _involve_requested_agency(actor: User, contact: Contact, request: InformationRequest) -> None:
    if contact.child is None:
        return
    access_services.involvement_start(
        actor=actor,
        child=contact.child,
        kind=InvolvementKind.AGENCY,
        agency=request.agency,
        reason=f"asked for information ({_contact_reason(contact)})",
    )


def _end_contact_involvements(actor: User, contact: Contact, child: Person, *, keep_referrer: bool = False) -> None:
    current = Involvement.objects.filter(child=child, ended_at__isnull=True, reason__contains=_contact_reason(contact))
    for involvement in current:
        if (
            keep_referrer
            and involvement.kind == InvolvementKind.AGENCY
            and involvement.agency_id == contact.referrer_agency_id
        ):
            continue
        access_services.involvement_end(actor=actor, involvement=involvement)


def contact_rate(*, actor: User, contact: Contact, rag: str, rationale: str, expected_version: int) -> Contact:
    """Set or change the RAG rating; the rationale is required every time (a re-rating
    must say why the risk changed)."""
    require(policy.can_triage_contacts(actor), actor=actor, action="rate_contact", subject=contact)
    if rag not in Rag.values:
        raise ValidationError({"rag": "Choose red, amber, green or blue."})
    if not rationale.strip():
        raise ValidationError(
            {"rationale": "Say why you chose this rating." if not contact.rag else "Say why the rating has changed."}
        )
    try:
        with transaction.atomic():
            locked = _locked(contact, expected_version, actor)
            _guard_open(locked)
            old = {"rag": locked.rag, "rationale": locked.rag_rationale}
            now = timezone.now()
            locked.rag = rag
            locked.rag_rationale = rationale.strip()
            locked.rag_set_at = now
            locked.information_due_at = rules.information_due(now, rag)
            if locked.status == ContactStatus.RECEIVED:
                locked.status = ContactStatus.TRIAGE
            _bump(locked, ["rag", "rag_rationale", "rag_set_at", "information_due_at", "status"])
            audit.record(
                actor=actor,
                event_type=EventType.CONTACT_RATED,
                subject=locked,
                child=locked.child,
                data={
                    "old": old,
                    "new": {
                        "rag": rag,
                        "rationale": locked.rag_rationale,
                        "information_due_at": locked.information_due_at,
                    },
                },
            )
            return locked
    except StaleEdit:
        _record_conflict(actor, contact, "rate")
        raise


def request_send(
    *, actor: User, contact: Contact, agency: Agency, question: str, due_at: dt.datetime | None = None
) -> InformationRequest:
    """Ask a partner agency what it knows. The partner sees only the question and the
    child's identifying details, not the contact."""
    require(policy.can_triage_contacts(actor), actor=actor, action="request_information", subject=contact)
    errors = {}
    if agency.is_council:
        errors["agency"] = "Ask a partner agency: police, health, a school or another agency."
    if not agency.active:
        errors["agency"] = f"{agency} is no longer an active agency in Safeguard."
    if not question.strip():
        errors["question"] = "Say what you need to know."
    now = timezone.now()
    if due_at is not None and due_at <= now:
        errors["due_at"] = "The answer must be due in the future."
    if errors:
        raise ValidationError(errors)
    _guard_open(contact)
    with transaction.atomic():
        due = due_at or contact.information_due_at or now + dt.timedelta(hours=_default_request_hours())
        request = InformationRequest.objects.create(
            contact=contact,
            agency=agency,
            question=question.strip(),
            child_details=_child_details(contact),
            requested_by=actor,
            requested_at=now,
            due_at=due,
        )
        _involve_requested_agency(actor, contact, request)
        audit.record(
            actor=actor,
            event_type=EventType.REQUEST_SENT,
            subject=request,
            child=contact.child,
            data={"new": {"contact": contact.reference, "agency": str(agency), "due_at": due}},
        )
        return request


def _default_request_hours() -> int:
    from django.conf import settings

    return int(settings.MASH_REQUEST_DEFAULT_HOURS)


def _child_details(contact: Contact) -> str:
    child = contact.child
    if child is not None:
        parts = [child.full_name]
        if child.date_of_birth:
            parts.append(f"born {child.date_of_birth:%-d %B %Y}")
        elif child.expected_date_of_birth:
            parts.append(f"unborn, due {child.expected_date_of_birth:%-d %B %Y}")
        address = child.addresses.filter(end_date__isnull=True).first()
        if address:
            parts.append(str(address))
        return ", ".join(parts)
    parts = [contact.child_name_as_reported]
    if contact.child_date_of_birth:
        parts.append(f"born {contact.child_date_of_birth:%-d %B %Y}")
    if contact.child_address or contact.child_postcode:
        parts.append(", ".join(p for p in [contact.child_address, contact.child_postcode] if p))
    return ", ".join(parts)


def request_answer(*, actor: User, request: InformationRequest, answer: str) -> InformationRequest:
    require(policy.can_answer_request(actor, request), actor=actor, action="answer_request", subject=request)
    if not answer.strip():
        raise ValidationError({"answer": "Write what your agency knows, or that it holds nothing about this child."})
    with transaction.atomic():
        locked = InformationRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != RequestStatus.OPEN:
            who = locked.answered_by.display_name if locked.answered_by else "someone"
            raise InvalidTransition(
                f"This request was already answered by {who}. Your answer has not been saved; "
                "if you have more to add, contact the MASH."
                if locked.status == RequestStatus.ANSWERED
                else "The MASH withdrew this request."
            )
        locked.status = RequestStatus.ANSWERED
        locked.answer = answer.strip()
        locked.answered_by = actor
        locked.answered_at = timezone.now()
        locked.save(update_fields=["status", "answer", "answered_by", "answered_at"])
        audit.record(
            actor=actor,
            event_type=EventType.REQUEST_ANSWERED,
            subject=locked,
            child=locked.contact.child,
            data={"new": {"contact": locked.contact.reference, "late": locked.answered_at > locked.due_at}},
        )
        return locked


def contact_decide(
    *,
    actor: User,
    contact: Contact,
    decision: str,
    rationale: str,
    expected_version: int,
    advice: str = "",
    team: Team | None = None,
) -> Contact:
    """Record the decision. A MASH manager's decision is authorised at once; a MASH
    worker's waits for the manager."""
    require(policy.can_triage_contacts(actor), actor=actor, action="decide_contact", subject=contact)
    errors: dict[str, str] = {}
    if decision not in Decision.values:
        errors["decision"] = "Choose a decision."
    if not rationale.strip():
        errors["rationale"] = "Explain the decision: what you weighed and why."
    if decision == Decision.NFA and not advice.strip():
        errors["advice"] = "Record the advice given to the referrer and the family."
    if decision in REFERRAL_DECISIONS:
        if team is None:
            errors["team"] = "Choose the team the referral goes to."
        elif not team.agency.is_council:
            errors["team"] = "A referral goes to a children's social care team."
    if decision in REFERRAL_DECISIONS | {Decision.OPEN_CASE} and contact.child is None:
        errors["decision"] = "Match the contact to a child on the register before referring or adding to a case."
    if (
        decision == Decision.OPEN_CASE
        and contact.child is not None
        and not Involvement.objects.filter(
            child=contact.child,
            kind__in=[InvolvementKind.ALLOCATED_WORKER, InvolvementKind.OPEN_WORK],
            ended_at__isnull=True,
        )
        .exclude(reason__contains=_contact_reason(contact))
        .exists()
    ):
        errors["decision"] = "This child has no open case to add the contact to."
    if errors:
        raise ValidationError(errors)
    authorise_now = bool(policy.can_authorise_contact_decision(actor))
    try:
        with transaction.atomic():
            locked = _locked(contact, expected_version, actor)
            _guard_open(locked)
            now = timezone.now()
            locked.decision = decision
            locked.decision_rationale = rationale.strip()
            locked.decision_advice = advice.strip()
            locked.referred_to_team = team if decision in REFERRAL_DECISIONS else None
            locked.decided_by = actor
            locked.decided_at = now
            locked.status = ContactStatus.AWAITING_AUTHORISATION
            _bump(
                locked,
                [
                    "decision",
                    "decision_rationale",
                    "decision_advice",
                    "referred_to_team",
                    "decided_by",
                    "decided_at",
                    "status",
                ],
            )
            audit.record(
                actor=actor,
                event_type=EventType.CONTACT_DECISION_PROPOSED,
                subject=locked,
                child=locked.child,
                reason=locked.decision_rationale,
                data={"new": {"decision": decision, "team": str(team or "")}},
            )
            if authorise_now:
                _authorise(actor, locked)
            return locked
    except StaleEdit:
        _record_conflict(actor, contact, "decide")
        raise


def contact_authorise(*, actor: User, contact: Contact, expected_version: int) -> Contact:
    require(policy.can_authorise_contact_decision(actor), actor=actor, action="authorise_contact", subject=contact)
    try:
        with transaction.atomic():
            locked = _locked(contact, expected_version, actor)
            _guard_open(locked)
            if locked.status != ContactStatus.AWAITING_AUTHORISATION:
                raise InvalidTransition("There is no decision waiting to be authorised on this contact.")
            _authorise(actor, locked)
            return locked
    except StaleEdit:
        _record_conflict(actor, contact, "authorise")
        raise


def contact_return(*, actor: User, contact: Contact, reason: str, expected_version: int) -> Contact:
    """The manager sends a proposed decision back to triage, saying why."""
    require(policy.can_authorise_contact_decision(actor), actor=actor, action="return_contact", subject=contact)
    if not reason.strip():
        raise ValidationError({"reason": "Say what needs to change before you can authorise."})
    with transaction.atomic():
        locked = _locked(contact, expected_version, actor)
        if locked.status != ContactStatus.AWAITING_AUTHORISATION:
            raise InvalidTransition("There is no decision waiting to be authorised on this contact.")
        old = {"decision": locked.decision}
        locked.status = ContactStatus.TRIAGE
        locked.decision = ""
        _bump(locked, ["status", "decision"])
        audit.record(
            actor=actor,
            event_type=EventType.CONTACT_RETURNED,
            subject=locked,
            child=locked.child,
            reason=reason.strip(),
            data={"old": old},
        )
        return locked


def _authorise(actor: User, contact: Contact) -> None:
    """Apply the decision: a referral for the chosen team; the MASH's work ends; the
    referrer sees the outcome."""
    now = timezone.now()
    contact.status = ContactStatus.DECIDED
    contact.authorised_by = actor
    contact.authorised_at = now
    _bump(contact, ["status", "authorised_by", "authorised_at"])
    referral = None
    if contact.decision in REFERRAL_DECISIONS:
        assert contact.child is not None and contact.referred_to_team is not None
        identity = contact.child.identity_ids()
        previous = list(Referral.objects.filter(child_id__in=identity).values_list("referral_date", flat=True))
        referral_date = timezone.localtime(contact.received_at).date()
        referral = Referral.objects.create(
            child=contact.child,
            contact=contact,
            referral_date=referral_date,
            source=contact.source,
            route=contact.decision,
            team=contact.referred_to_team,
            is_re_referral=rules.is_re_referral(referral_date, previous),
        )
        access_services.involvement_start(
            actor=actor,
            child=contact.child,
            kind=InvolvementKind.OPEN_WORK,
            team=contact.referred_to_team,
            reason=f"{'referral for assessment' if contact.decision == Decision.REFERRAL else 'strategy discussion'} "
            f"({_contact_reason(contact)})",
        )
        audit.record(
            actor=actor,
            event_type=EventType.REFERRAL_CREATED,
            subject=referral,
            child=contact.child,
            data={"new": {"team": str(contact.referred_to_team), "re_referral": referral.is_re_referral}},
        )
    if contact.child is not None:
        ongoing = contact.decision in REFERRAL_DECISIONS | {Decision.OPEN_CASE}
        for involvement in Involvement.objects.filter(
            child=contact.child, ended_at__isnull=True, reason__contains=_contact_reason(contact)
        ):
            if (
                referral is not None
                and involvement.kind == InvolvementKind.OPEN_WORK
                and involvement.team_id == contact.referred_to_team_id
            ):
                continue
            if ongoing and involvement.kind == InvolvementKind.AGENCY:
                continue  # partners stay involved while the case goes on
            access_services.involvement_end(actor=actor, involvement=involvement)
    InformationRequest.objects.filter(contact=contact, status=RequestStatus.OPEN).update(status=RequestStatus.WITHDRAWN)
    audit.record(
        actor=actor,
        event_type=EventType.CONTACT_DECIDED,
        subject=contact,
        child=contact.child,
        reason=contact.decision_rationale,
        data={
            "new": {
                "decision": contact.decision,
                "late": now > contact.decision_due_at,
                "proposed_by": contact.decided_by.username if contact.decided_by else "",
            }
        },
    )
