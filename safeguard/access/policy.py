"""The access policy: who may see or do what to which child's record, and why.

This module is written to be read top to bottom by an information-governance officer.
Every page, API endpoint, command and export asks it; none decides access by itself.
Each predicate returns a ``Decision`` that is truthy when allowed and carries the
reason as a sentence that can be shown to the user and written to the audit.

The rules, in plain English:

1. Council practitioners (social workers, team managers, heads of service) see a
   child's full record only with a legitimate relationship:
   a. they are the child's allocated worker; or
   b. their team is the allocated worker's team, or holds an open piece of work on the
      child (an assessment, an enquiry, a plan); team managers see what their team sees;
   c. heads of service see every child the service is currently working with; or
   d. they have broken the glass for this child in the last 24 hours.
2. Partner practitioners (police, health, schools) see the *partner view* of a child,
   and only while their agency is involved (it referred, was asked for information, or
   was invited to a meeting). They never see council case notes unless a note is
   shared with their agency.
3. A *restricted* record is seen only by the allocated worker's team and its managers;
   no other team, partner or break-glass reaches it.
4. A *sealed* record (for example after an adoption order) is seen only by the roles
   named in ``SEALED_RECORD_ROLES``.
5. Break-glass: a council practitioner without a relationship may open a standard
   record in an emergency after writing a reason; it lasts 24 hours, is flagged, and
   goes to the information-governance review queue.
6. Search tells anyone in children's services whether a child is known (name, date of
   birth, local ID); details are shown only as rules 1 to 5 allow. Partners find only
   the children their agency is involved with.
7. Analysts see aggregates, never a named child. Administrators manage users, not cases.
   Information-governance officers see the audit trail, not case records.
8. The front door: anyone in a partner agency or the council may raise a contact. The
   MASH (its social workers and manager) and heads of service triage every contact; only
   the MASH manager or a head of service authorises a decision. The referring partner
   agency (or, inside the council, the person who raised it) sees what was submitted and
   the outcome, never the MASH's working. A partner agency asked for
   information sees only the request (the question and the child's identifying details)
   and answers it; its staff cannot answer a request sent to another agency. Anyone who
   may see the matched child's full record may read the contact.
9. Merging duplicate person records (and undoing a merge) is for the MASH and for
   managers who can change both records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from typing_extensions import TypeIs

from safeguard.accounts.models import COUNCIL_PRACTICE_ROLES, Role, TeamKind, User
from safeguard.people.codes import AccessLevel

from .models import BreakGlass, Involvement, InvolvementKind

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from safeguard.frontdoor.models import Contact, InformationRequest
    from safeguard.people.models import Person

    AnyUser = User | AnonymousUser


SEALED_RECORD_ROLES = frozenset({Role.HEAD_OF_SERVICE})
SEARCH_ROLES = COUNCIL_PRACTICE_ROLES | {Role.IG_OFFICER}


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str
    # A short code for the ground of the decision, kept in the audit: allocated, team,
    # head_of_service, break_glass, agency, restricted, sealed, no_relationship, role.
    basis: str
    partner_view: bool = False

    def __bool__(self) -> bool:
        return self.allowed


SYSTEM = Decision(True, "Batch jobs act as the named system account, which cannot sign in.", "system")


def _is_system(user: AnyUser) -> bool:
    return bool(getattr(user, "is_system", False))


def _deny(reason: str, basis: str) -> Decision:
    return Decision(False, reason, basis)


def _active(user: AnyUser) -> TypeIs[User]:
    return bool(user.is_authenticated and user.is_active and not getattr(user, "is_system", False))


def _current_involvements(child: Person) -> list[Involvement]:
    return list(Involvement.objects.filter(child=child, ended_at__isnull=True).select_related("user", "team", "agency"))


def active_break_glass(user: User, child: Person) -> BreakGlass | None:
    return (
        BreakGlass.objects.filter(user=user, child=child, expires_at__gt=timezone.now()).order_by("-expires_at").first()
    )


# --- Viewing a child's record -------------------------------------------------------


def can_view_child(user: AnyUser, child: Person) -> Decision:
    """May ``user`` open ``child``'s record, and in which view?"""
    if _is_system(user):
        return SYSTEM
    if not _active(user):
        return _deny("You need to sign in.", "anonymous")
    name = child.full_name
    role = user.role

    if role in (Role.ANALYST,):
        return _deny("Analysts see aggregate figures, never a named child's record.", "role")
    if role == Role.ADMINISTRATOR:
        return _deny("Administrators manage user accounts, not children's records.", "role")
    if role == Role.IG_OFFICER:
        return _deny("Information-governance officers see who has looked at a record, not the record itself.", "role")

    if role == Role.INSPECTOR:
        return _inspection_decision(user, child)

    involvements = _current_involvements(child)

    if child.access_level == AccessLevel.SEALED:
        if role in SEALED_RECORD_ROLES:
            return Decision(
                True, f"{name}'s record is sealed; your role ({user.get_role_display()}) may open it.", "sealed"
            )
        return _deny("This record is sealed and only named roles may open it.", "sealed")

    if role == Role.PARTNER:
        if child.access_level == AccessLevel.RESTRICTED:
            return _deny("This record is restricted to the allocated team.", "restricted")
        for inv in involvements:
            if inv.kind == InvolvementKind.AGENCY and inv.agency_id == user.agency_id:
                return Decision(
                    True,
                    f"Your agency ({inv.agency}) is involved with {name}: {inv.reason}. "
                    "You see the partner view, which leaves out council case notes not shared with you.",
                    "agency",
                    partner_view=True,
                )
        return _deny(
            "Your agency is not currently involved with this child, so you cannot see their record.",
            "no_relationship",
        )

    if role not in COUNCIL_PRACTICE_ROLES:
        return _deny("Your role does not give access to children's records.", "role")

    allocated = next((i for i in involvements if i.kind == InvolvementKind.ALLOCATED_WORKER), None)

    if allocated is not None and allocated.user_id == user.pk:
        return Decision(True, f"You are {name}'s allocated worker.", "allocated")

    if user.team_id is not None and allocated is not None and allocated.team_id == user.team_id:
        who = "You manage the team" if role == Role.TEAM_MANAGER else "You are in the team"
        return Decision(True, f"{who} ({user.team}) of {name}'s allocated worker, {allocated.user}.", "team")

    if child.access_level == AccessLevel.RESTRICTED:
        if role == Role.HEAD_OF_SERVICE and allocated is not None:
            return Decision(
                True,
                f"{name}'s record is restricted; you are head of service for the allocated team.",
                "head_of_service",
            )
        return _deny("This record is restricted to the allocated team and its managers.", "restricted")

    if user.team_id is not None:
        for inv in involvements:
            if inv.kind == InvolvementKind.OPEN_WORK and inv.team_id == user.team_id:
                who = "You manage" if role == Role.TEAM_MANAGER else "You are in"
                return Decision(True, f"{who} {inv.team}, which holds open work with {name}: {inv.reason}.", "team")

    if role == Role.HEAD_OF_SERVICE and any(i.kind != InvolvementKind.AGENCY for i in involvements):
        return Decision(True, f"You are head of service and the service is working with {name}.", "head_of_service")

    grant = active_break_glass(user, child)
    if grant is not None:
        until = timezone.localtime(grant.expires_at).strftime("%-d %B %Y at %H:%M")
        return Decision(
            True,
            f'You broke the glass to open {name}\'s record, giving the reason "{grant.reason}". '
            f"This access ends on {until} and is reviewed by information governance.",
            "break_glass",
        )

    return _deny(
        "You have no current involvement with this child, so you cannot see their record. "
        "In an emergency you can break the glass, giving your reason; the access is reviewed.",
        "no_relationship",
    )


def _inspection_decision(user: User, child: Person) -> Decision:
    """Rule 11: an inspector reads the records of the children sampled for an inspection
    while their access window is open, whatever the record's access level (the council
    chose to sample it), and nothing else."""
    from safeguard.inspection.selectors import open_access_for

    access = open_access_for(user, child)
    if access is None:
        return _deny(
            "Inspectors see only the children sampled for their inspection, while their access is open.",
            "not_sampled",
        )
    until = timezone.localtime(access.ends_at).strftime("%-d %B %Y at %H:%M")
    return Decision(
        True,
        f"{child.full_name} is in the sample for the {access.inspection}. Your read-only access ends on {until}; "
        "every record you open is recorded.",
        "inspection",
    )


def explain(user: AnyUser, child: Person) -> str:
    """The policy's answer for ``user`` and ``child`` in one sentence."""
    return can_view_child(user, child).reason


def can_edit_child(user: AnyUser, child: Person) -> Decision:
    """Editing a child's details needs the full council view (partners read only)."""
    decision = can_view_child(user, child)
    if not decision:
        return decision
    if decision.partner_view:
        return _deny("Partner practitioners can read the partner view but not change the record.", "role")
    if decision.basis == "inspection":
        return _deny("Inspectors read records; they never change them.", "role")
    return decision


def can_view_restricted_material(user: AnyUser, child: Person) -> Decision:
    """Material marked restricted on a record (a note, a document) is seen only by the
    allocated worker's team and its managers (rule 3)."""
    decision = can_view_child(user, child)
    if not decision:
        return decision
    if decision.basis in {"allocated", "head_of_service", "sealed", "inspection"}:
        return decision
    if decision.basis == "team" and _is_allocated_team(user, child):
        return decision
    return _deny("This material is restricted to the allocated team and its managers.", "restricted")


def _is_allocated_team(user: AnyUser, child: Person) -> bool:
    if not _active(user) or user.team_id is None:
        return False
    return Involvement.objects.filter(
        child=child, kind=InvolvementKind.ALLOCATED_WORKER, ended_at__isnull=True, team_id=user.team_id
    ).exists()


def can_set_access_level(user: AnyUser, child: Person) -> Decision:
    """Restricting or sealing a record is a head of service's decision (rules 3 and 4)."""
    decision = can_edit_child(user, child)
    if decision and not _is_system(user) and getattr(user, "role", None) != Role.HEAD_OF_SERVICE:
        return _deny("Only a head of service can restrict or seal a record.", "role")
    return decision


def can_break_glass(user: AnyUser, child: Person) -> Decision:
    if not _active(user) or user.role not in COUNCIL_PRACTICE_ROLES:
        return _deny("Only council practitioners can break the glass.", "role")
    if child.access_level != AccessLevel.STANDARD:
        return _deny("Break-glass does not open restricted or sealed records.", child.access_level)
    current = can_view_child(user, child)
    if current:
        return _deny("You can already see this record.", current.basis)
    return Decision(True, "You may open this record in an emergency, giving your reason.", "break_glass")


def can_allocate(user: AnyUser, child: Person) -> Decision:
    """Team managers allocate children their team can see; heads of service any child."""
    if _is_system(user):
        return SYSTEM
    if not _active(user) or user.role not in (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE):
        return _deny("Only team managers and heads of service allocate workers.", "role")
    decision = can_view_child(user, child)
    if not decision or decision.basis == "break_glass":
        return _deny("You can allocate only children your team is working with.", "no_relationship")
    return decision


# --- Organisation-wide capabilities --------------------------------------------------


def _role_in(user: AnyUser, roles: frozenset[str] | set[str], message: str) -> Decision:
    if _is_system(user):
        return SYSTEM
    if _active(user) and user.role in roles:
        return Decision(True, "Your role allows this.", "role")
    return _deny(message, "role")


def can_search_people(user: AnyUser) -> Decision:
    return _role_in(user, SEARCH_ROLES | {Role.PARTNER}, "Your role does not include searching for children.")


def can_know_child_exists(user: AnyUser) -> Decision:
    """Rule 6: anyone in children's services may learn that a child is known."""
    return _role_in(user, SEARCH_ROLES, "Only children's services staff can see whether a child is known.")


def can_create_person(user: AnyUser) -> Decision:
    return _role_in(user, COUNCIL_PRACTICE_ROLES, "Only council practitioners can add people to the register.")


def can_manage_users(user: AnyUser) -> Decision:
    return _role_in(user, {Role.ADMINISTRATOR}, "Only system administrators manage user accounts.")


def can_manage_inspections(user: AnyUser) -> Decision:
    """Recording inspections, choosing the sample, opening inspectors' access and the
    self-evaluation: the head of service (the director's delegate)."""
    return _role_in(user, {Role.HEAD_OF_SERVICE}, "Only a head of service manages inspections and their samples.")


def can_view_inspection_history(user: AnyUser) -> Decision:
    """Judgements and the self-evaluation are the service's public story: managers,
    analysts and the head of service read them."""
    return _role_in(
        user,
        {Role.HEAD_OF_SERVICE, Role.TEAM_MANAGER, Role.ANALYST},
        "Inspection judgements and the self-evaluation are for managers and analysts.",
    )


def can_view_partnership(user: AnyUser) -> Decision:
    """The partnership dashboard is figures only, never a named child: the three partners
    (the council's managers, the police and health) and the agencies with them see it."""
    return _role_in(
        user,
        {Role.HEAD_OF_SERVICE, Role.TEAM_MANAGER, Role.ANALYST, Role.PARTNER},
        "The partnership dashboard is for the safeguarding partners and their agencies.",
    )


def can_manage_partnership_plan(user: AnyUser) -> Decision:
    """Adding priorities and actions to the partnership's plan: the head of service, for the
    partners' executive."""
    return _role_in(user, {Role.HEAD_OF_SERVICE}, "Only a head of service adds to the partnership's plan.")


def can_update_plan_action(user: AnyUser, owner_agency_id: int) -> Decision:
    """Progress on an action is reported by its owning agency (a partner practitioner or a
    council manager in it), or by the head of service."""
    if _is_system(user):
        return SYSTEM
    if not _active(user):
        return _deny("You need to sign in.", "anonymous")
    if user.role == Role.HEAD_OF_SERVICE:
        return Decision(True, "Your role allows this.", "role")
    if user.role in (Role.PARTNER, Role.TEAM_MANAGER) and user.agency_id == owner_agency_id:
        return Decision(True, "Your agency owns this action.", "owner")
    return _deny("Only the agency that owns an action reports its progress.", "not_owner")


def can_view_audit(user: AnyUser) -> Decision:
    return _role_in(user, {Role.IG_OFFICER}, "Only information-governance officers can read the audit trail.")


def can_review_break_glass(user: AnyUser) -> Decision:
    return _role_in(user, {Role.IG_OFFICER}, "Only information-governance officers review break-glass access.")


# --- The front door (rule 8) and merging (rule 9) -----------------------------------


def in_mash(user: AnyUser) -> bool:
    if not _active(user) or user.role not in (Role.SOCIAL_WORKER, Role.TEAM_MANAGER):
        return False
    team = user.team
    return team is not None and team.kind == TeamKind.MASH


def can_submit_contact(user: AnyUser) -> Decision:
    return _role_in(
        user,
        COUNCIL_PRACTICE_ROLES | {Role.PARTNER},
        "Only practitioners in the council or a partner agency raise contacts.",
    )


def can_triage_contacts(user: AnyUser) -> Decision:
    if _is_system(user):
        return SYSTEM
    if in_mash(user) or (_active(user) and user.role == Role.HEAD_OF_SERVICE):
        return Decision(True, "You work in the MASH, which triages every contact.", "mash")
    return _deny("Only the MASH and heads of service triage contacts.", "role")


def can_authorise_contact_decision(user: AnyUser) -> Decision:
    if _is_system(user):
        return SYSTEM
    if _active(user) and (user.role == Role.HEAD_OF_SERVICE or (in_mash(user) and user.role == Role.TEAM_MANAGER)):
        return Decision(True, "You manage the MASH and authorise its decisions.", "mash_manager")
    return _deny("Only the MASH manager or a head of service authorises a decision on a contact.", "role")


def can_view_contact(user: AnyUser, contact: Contact) -> Decision:
    """The MASH's full view, the referrer's view (what was sent and the outcome), or the
    read-only view of someone who may see the matched child's record."""
    triage = can_triage_contacts(user)
    if triage:
        return triage
    if not _active(user):
        return _deny("You need to sign in.", "anonymous")
    same_agency = contact.referrer_agency_id is not None and contact.referrer_agency_id == user.agency_id
    # A partner agency's staff share its contacts; inside the council only the person who
    # raised a contact has the referrer's view (analysts and others share the agency).
    if same_agency and (user.role == Role.PARTNER or contact.referrer_user_id == user.pk):
        return Decision(
            True, f"Your agency ({user.agency}) raised this contact: you see what was sent and the outcome.", "referrer"
        )
    if contact.child_id is not None and contact.child is not None:
        child_decision = can_view_child(user, contact.child)
        if child_decision and not child_decision.partner_view:
            return Decision(True, child_decision.reason, "child")
    return _deny(
        "You can see a contact only if your agency raised it or you can see the child's record.", "no_relationship"
    )


def can_receive_requests(user: AnyUser) -> Decision:
    """Partner agencies' staff see the MASH's information requests to their agency."""
    if _active(user) and user.role == Role.PARTNER and user.agency_id is not None:
        return Decision(True, "The MASH asks your agency for information here.", "agency")
    return _deny("Only partner agencies receive information requests.", "role")


def can_answer_request(user: AnyUser, request: InformationRequest) -> Decision:
    if not _active(user):
        return _deny("You need to sign in.", "anonymous")
    if user.role == Role.PARTNER and user.agency_id == request.agency_id:
        return Decision(True, f"The MASH asked your agency ({request.agency}) for this information.", "request")
    return _deny("This request was not sent to your agency.", "no_relationship")


def can_merge_people(user: AnyUser, keep: Person, duplicate: Person) -> Decision:
    if can_triage_contacts(user):
        return Decision(True, "The MASH keeps the register free of duplicates.", "mash")
    manager = _active(user) and user.role in (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE)
    if manager and can_edit_child(user, keep) and can_edit_child(user, duplicate):
        return Decision(True, "You manage work with both records.", "manager")
    return _deny("Only the MASH, or a manager who can change both records, merges duplicates.", "role")


# --- Casework (issue: help and protection) ---------------------------------------------


def can_work_on_case(user: AnyUser, child: Person) -> Decision:
    """Recording casework needs the full council view (rule 1); partners contribute only
    to the meetings they are part of."""
    return can_edit_child(user, child)


def can_authorise_casework(user: AnyUser, child: Person) -> Decision:
    """Managers authorise assessments, the end of plans and closures for children their
    team works with (heads of service for any child the service works with)."""
    decision = can_edit_child(user, child)
    if not decision:
        return decision
    if _is_system(user) or (_active(user) and user.role in (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE)):
        return decision
    return _deny("A team manager or head of service authorises this.", "role")


def can_view_meeting(user: AnyUser, child: Person, participating_agency_ids: set[int]) -> Decision:
    """A strategy discussion or conference: the council's full view, or a partner whose
    agency took part or was invited."""
    decision = can_view_child(user, child)
    if decision and not decision.partner_view:
        return decision
    if _active(user) and user.role == Role.PARTNER and user.agency_id in participating_agency_ids:
        return Decision(True, f"Your agency ({user.agency}) took part in this meeting.", "participant")
    return _deny("Only the agencies that took part in this meeting can see it.", "no_relationship")


def can_view_note(user: AnyUser, child: Person, *, restricted: bool, shared_agency_ids: set[int]) -> Decision:
    """Case notes: restricted notes for the allocated team and its managers (rule 3);
    partners see a note only when it is shared with their agency (rule 2)."""
    decision = can_view_child(user, child)
    if not decision:
        return decision
    if decision.partner_view:
        if getattr(user, "agency_id", None) in shared_agency_ids:
            return Decision(True, "This note was shared with your agency.", "shared")
        return _deny("This note has not been shared with your agency.", "not_shared")
    if restricted:
        return can_view_restricted_material(user, child)
    return decision


def can_complete_action(user: AnyUser, child: Person, owner_id: int | None, owner_agency_id: int) -> Decision:
    """An action is completed by its owner, anyone in the owning partner agency, or a
    council practitioner working on the case."""
    if _active(user) and (user.pk == owner_id or (user.role == Role.PARTNER and user.agency_id == owner_agency_id)):
        return Decision(True, "This action is yours or your agency's.", "owner")
    return can_work_on_case(user, child)


# --- Scopes for lists --------------------------------------------------------------


NOTHING = Q(pk__in=[])


def visible_children_q(user: AnyUser) -> Q:
    """A filter on ``Person`` matching the children whose record ``user`` may open (in
    full or partner view). It must agree with ``can_view_child``; the policy tests check
    that it does for every role."""
    if not _active(user):
        return NOTHING
    current = Involvement.objects.filter(ended_at__isnull=True)
    standard = Q(access_level=AccessLevel.STANDARD)
    role = user.role
    if role == Role.PARTNER:
        if user.agency_id is None:
            return NOTHING
        agency = current.filter(kind=InvolvementKind.AGENCY, agency_id=user.agency_id)
        return standard & Q(pk__in=agency.values("child_id"))
    if role == Role.INSPECTOR:
        from safeguard.inspection.selectors import open_sample_ids

        return Q(pk__in=open_sample_ids(user))
    if role not in COUNCIL_PRACTICE_ROLES:
        return NOTHING
    glass = BreakGlass.objects.filter(user_id=user.pk, expires_at__gt=timezone.now()).values("child_id")
    allocated = current.filter(kind=InvolvementKind.ALLOCATED_WORKER)
    if role == Role.HEAD_OF_SERVICE:
        working = current.filter(kind__in=[InvolvementKind.ALLOCATED_WORKER, InvolvementKind.OPEN_WORK])
        return (
            (standard & Q(pk__in=working.values("child_id")))
            | Q(access_level=AccessLevel.RESTRICTED, pk__in=allocated.values("child_id"))
            | Q(access_level=AccessLevel.SEALED)
            | (standard & Q(pk__in=glass))
        )
    # Separate subqueries for "allocated to me" and "allocated in my team", so that each
    # uses its own index rather than one scan filtering every allocation.
    mine = Q(pk__in=allocated.filter(user_id=user.pk).values("child_id"))
    if user.team_id is not None:
        mine |= Q(pk__in=allocated.filter(team_id=user.team_id).values("child_id"))
    team_work = current.filter(kind=InvolvementKind.OPEN_WORK, team_id=user.team_id) if user.team_id else current.none()
    return (
        (~Q(access_level=AccessLevel.SEALED) & mine)
        | (standard & Q(pk__in=team_work.values("child_id")))
        | (standard & Q(pk__in=glass))
    )


def visible_child_ids(user: AnyUser) -> QuerySet[Person, int]:
    """``visible_children_q`` as a subquery of primary keys, for filtering other tables:
    ``Contact.objects.filter(child_id__in=visible_child_ids(user))``."""
    from safeguard.people.models import Person

    return Person.objects.order_by().filter(visible_children_q(user)).values_list("pk", flat=True)


def break_glass_hours() -> int:
    return int(getattr(settings, "BREAK_GLASS_HOURS", 24))
