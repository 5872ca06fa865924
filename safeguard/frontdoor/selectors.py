"""Reads at the front door: the MASH queue, a contact in the view its reader may have,
the history at the point of decision, candidates for the child, and partners' queues."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_lib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from safeguard.access import policy
from safeguard.access.enforce import require
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.casework.models import ChildInNeedPlan, ChildProtectionPlan
from safeguard.lib.errors import NotVisible
from safeguard.people.models import Person, PersonWarning

from . import rules
from .codes import ContactStatus, RequestStatus
from .models import Contact, InformationRequest, Referral

if TYPE_CHECKING:
    from safeguard.access.policy import Decision
    from safeguard.accounts.models import User
    from safeguard.people.matching import Candidate


@dataclass
class Clock:
    """Time left to a deadline, as the queue shows it."""

    due_at: dt.datetime
    now: dt.datetime

    @property
    def overdue(self) -> bool:
        return self.now > self.due_at

    @property
    def due_soon(self) -> bool:
        return not self.overdue and self.due_at - self.now <= dt.timedelta(hours=2)

    @property
    def text(self) -> str:
        delta = self.due_at - self.now if not self.overdue else self.now - self.due_at
        hours, rem = divmod(int(delta.total_seconds()) // 60, 60)
        days, hours = divmod(hours, 24)
        span = (f"{days} day{'s' if days != 1 else ''} " if days else "") + (
            f"{hours} hour{'s' if hours != 1 else ''}" if hours or days else f"{rem} minute{'s' if rem != 1 else ''}"
        )
        return f"Overdue by {span}" if self.overdue else f"{span} left"


@dataclass
class QueueRow:
    contact: Contact
    clock: Clock
    info_clock: Clock | None
    open_requests: int
    answered_requests: int


def mash_queue(*, user: User, now: dt.datetime | None = None) -> list[QueueRow]:
    """Every open contact, most urgent first, with its decision clock."""
    require(policy.can_triage_contacts(user), actor=user, action="view_mash_queue")
    now = now or timezone.now()
    contacts = (
        Contact.objects.exclude(status=ContactStatus.DECIDED)
        .select_related("child", "referrer_agency", "decided_by", "suggested_child")
        .annotate(
            open_requests=Count("requests", filter=Q(requests__status=RequestStatus.OPEN)),
            answered_requests=Count("requests", filter=Q(requests__status=RequestStatus.ANSWERED)),
        )
        .order_by("decision_due_at")
    )
    rows = []
    for contact in contacts:
        rows.append(
            QueueRow(
                contact=contact,
                clock=Clock(contact.decision_due_at, now),
                info_clock=Clock(contact.information_due_at, now) if contact.information_due_at else None,
                open_requests=contact.open_requests,  # type: ignore[attr-defined]
                answered_requests=contact.answered_requests,  # type: ignore[attr-defined]
            )
        )
    return rows


@dataclass
class ContactView:
    contact: Contact
    decision: Decision
    clock: Clock

    @property
    def mode(self) -> str:
        """triage (the MASH), referrer (the agency that raised it) or reader (someone
        who may see the child's record)."""
        return {"referrer": "referrer", "child": "reader"}.get(self.decision.basis, "triage")


def contact_get_for(*, user: User, contact_uuid: uuid_lib.UUID | str) -> ContactView:
    contact = (
        Contact.objects.select_related(
            "child", "referrer_agency", "referrer_user", "decided_by", "authorised_by", "referred_to_team", "matched_by"
        )
        .filter(uuid=contact_uuid)
        .first()
    )
    if contact is None:
        raise NotVisible
    decision = policy.can_view_contact(user, contact)
    if not decision:
        # The same answer as for a contact that does not exist, but the attempt is kept.
        try:
            require(decision, actor=user, action="view_contact", subject=contact, child=contact.child)
        except Exception:
            raise NotVisible from None
    with transaction.atomic():
        audit.record(
            actor=user,
            event_type=EventType.CONTACT_VIEWED,
            subject=contact,
            child=contact.child,
            data={"extra": {"basis": decision.basis}},
        )
    return ContactView(contact=contact, decision=decision, clock=Clock(contact.decision_due_at, timezone.now()))


@dataclass
class History:
    """What is known about the child at the point of decision."""

    previous_contacts: list[Contact]
    referrals: list[Referral]
    re_referral: bool
    warnings: list[PersonWarning]
    involvements: list
    protection_plans: list
    cin_plans: list


def contact_history(*, user: User, contact: Contact) -> History | None:
    """The matched child's previous contacts and referrals (a referral within the last 12
    months makes a new one a re-referral), warnings and current involvement."""
    require(policy.can_triage_contacts(user), actor=user, action="view_history", subject=contact)
    if contact.child is None:
        return None
    identity = contact.child.identity_ids()
    previous = list(
        Contact.objects.filter(child_id__in=identity)
        .exclude(pk=contact.pk)
        .select_related("referrer_agency")
        .order_by("-received_at")[:50]
    )
    referrals = list(Referral.objects.filter(child_id__in=identity).select_related("team").order_by("-referral_date"))
    received = timezone.localtime(contact.received_at).date()
    from safeguard.access.models import Involvement

    return History(
        previous_contacts=previous,
        referrals=referrals,
        re_referral=rules.is_re_referral(received, [r.referral_date for r in referrals if r.contact_id != contact.pk]),
        warnings=list(PersonWarning.objects.filter(person_id__in=identity, ended_at__isnull=True)),
        involvements=list(
            Involvement.objects.filter(child_id__in=identity, ended_at__isnull=True).select_related(
                "user", "team", "agency"
            )
        ),
        protection_plans=list(ChildProtectionPlan.objects.filter(child_id__in=identity).order_by("-started_on")),
        cin_plans=list(ChildInNeedPlan.objects.filter(child_id__in=identity).order_by("-started_on")),
    )


@dataclass
class CandidateRow:
    person: Person
    candidate: Candidate


def contact_candidates(*, user: User, contact: Contact, limit: int = 8) -> list[CandidateRow]:
    """People on the register who may be the contact's child, best first, with which
    details agreed and which did not."""
    from safeguard.people import matching

    require(policy.can_triage_contacts(user), actor=user, action="match_contact", subject=contact)
    record = matching.PersonRecord(
        key=str(contact.uuid),
        given_name=contact.child_given_name,
        family_name=contact.child_family_name,
        date_of_birth=contact.child_date_of_birth or contact.child_expected_date_of_birth,
        sex=contact.child_sex,
        postcode=contact.child_postcode,
        address=contact.child_address,
        nhs_number=contact.child_nhs_number,
        upn=contact.child_upn,
    )
    candidates = matching.register_lookup(record, limit=limit)
    people = {str(p.uuid): p for p in Person.objects.filter(uuid__in=[c.key for c in candidates])}
    return [CandidateRow(people[c.key], c) for c in candidates if c.key in people]


def contacts_raised_by_agency(*, user: User) -> QuerySet[Contact]:
    """The contacts the user's agency raised, newest first, with their outcome."""
    require(policy.can_submit_contact(user), actor=user, action="view_own_contacts")
    agency_id = user.agency_id
    if agency_id is None:
        return Contact.objects.none()
    if user.role != "partner":  # inside the council, only what the user raised
        return Contact.objects.filter(referrer_user_id=user.pk).order_by("-received_at")
    return Contact.objects.filter(referrer_agency_id=agency_id).select_related("referrer_user").order_by("-received_at")


def requests_for_agency(*, user: User) -> tuple[list[InformationRequest], list[InformationRequest]]:
    """Open requests to the user's agency (soonest due first) and the last 50 answered."""
    require(policy.can_receive_requests(user), actor=user, action="view_requests")
    agency_id = user.agency_id
    assert agency_id is not None  # the policy allows only partners, who belong to an agency
    base = InformationRequest.objects.filter(agency_id=agency_id).select_related(
        "contact", "requested_by", "answered_by"
    )
    open_requests = list(base.filter(status=RequestStatus.OPEN).order_by("due_at"))
    answered = list(base.exclude(status=RequestStatus.OPEN).order_by("-answered_at")[:50])
    return open_requests, answered


def request_get_for(*, user: User, request_uuid: uuid_lib.UUID | str) -> InformationRequest:
    request = (
        InformationRequest.objects.select_related("contact", "agency", "requested_by", "answered_by")
        .filter(uuid=request_uuid)
        .first()
    )
    if request is None:
        raise NotVisible
    decision = policy.can_answer_request(user, request)
    if not decision:
        try:
            require(decision, actor=user, action="view_request", subject=request)
        except Exception:
            raise NotVisible from None
    with transaction.atomic():
        audit.record(
            actor=user,
            event_type=EventType.CONTACT_VIEWED,
            subject=request,
            child=request.contact.child,
            data={"extra": {"basis": "request", "what": "information_request"}},
        )
    return request


def contacts_for_child(*, user: User, child: Person) -> list[Contact]:
    """A child's contacts for their record page (the caller has already opened the
    record through the policy)."""
    return list(
        Contact.objects.filter(child_id__in=child.identity_ids())
        .select_related("referrer_agency", "referral", "referral__team")
        .order_by("-received_at")[:100]
    )
