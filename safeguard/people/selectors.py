"""Reads of people's records. Each takes the viewer, asks the policy and audits."""

from __future__ import annotations

import datetime as dt
import re
import uuid as uuid_lib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet

from safeguard.access import policy
from safeguard.access.enforce import require
from safeguard.access.models import Involvement, InvolvementKind
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.lib.errors import NotVisible
from safeguard.lib.identifiers import normalise_nhs_number, normalise_upn
from safeguard.lib.names import fold, prefix_upper_bound

from .models import Address, Person, PersonMerge, PersonName, PersonWarning, Relationship

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser, Decision
    from safeguard.accounts.models import User


@dataclass
class ChildRecord:
    person: Person
    decision: Decision
    allocation: Involvement | None
    involvements: list[Involvement]
    warnings: list[PersonWarning]
    addresses: list[Address]
    other_names: list[PersonName]
    relationships: list[tuple[str, Relationship, Person]]

    @property
    def partner_view(self) -> bool:
        return self.decision.partner_view


def person_by_uuid(child_uuid: uuid_lib.UUID | str) -> Person:
    """The record with this id, or ``NotVisible`` (the same answer as a record the user
    may not learn of) when there is none or the id is malformed. Every context's pages
    open a child through this, then ask the policy."""
    try:
        return Person.objects.get(uuid=child_uuid)
    except (Person.DoesNotExist, ValueError, ValidationError):
        raise NotVisible from None


def child_get_for(*, user: AnyUser, child_uuid: uuid_lib.UUID | str, purpose: str = "view") -> ChildRecord:
    """Open a child's record for ``user``, auditing the view.

    Raises ``NotVisible`` when the record does not exist or the user may not learn that
    it does, and ``AccessDenied`` (carrying the policy's reason) when a children's
    services user may know of the child but not open the record.
    """
    person = person_by_uuid(child_uuid)
    decision = policy.can_view_child(user, person)
    require(decision, actor=user, action=purpose, child=person)
    with transaction.atomic():
        audit.record(
            actor=user,  # type: ignore[arg-type]
            event_type=EventType.PERSON_VIEWED,
            subject=person,
            child=person,
            data={"extra": {"purpose": purpose, "basis": decision.basis, "partner_view": decision.partner_view}},
        )
    involvements = list(
        Involvement.objects.filter(child=person, ended_at__isnull=True).select_related("user", "team", "agency")
    )
    allocation = next((i for i in involvements if i.kind == InvolvementKind.ALLOCATED_WORKER), None)
    relationships: list[tuple[str, Relationship, Person]] = []
    for rel in Relationship.objects.filter(to_person=person).select_related("from_person"):
        relationships.append((rel.get_kind_display(), rel, rel.from_person))
    for rel in Relationship.objects.filter(from_person=person).select_related("to_person"):
        relationships.append((_inverse_label(rel), rel, rel.to_person))
    return ChildRecord(
        person=person,
        decision=decision,
        allocation=allocation,
        involvements=involvements,
        warnings=list(person.warnings.filter(ended_at__isnull=True).select_related("raised_by")),
        addresses=[] if decision.partner_view and _address_withheld(person) else list(person.addresses.all()),
        other_names=list(person.other_names.all()),
        relationships=relationships,
    )


def _address_withheld(person: Person) -> bool:
    return person.warnings.filter(ended_at__isnull=True, category="address").exists()


def _inverse_label(rel: Relationship) -> str:
    return {
        "parent": "Child",
        "carer": "Cared for",
        "sibling": "Sibling",
        "household": "Household member",
        "other": "Other",
    }.get(rel.kind, rel.get_kind_display())


@dataclass
class MergedRecord:
    duplicate: Person
    keep: Person
    merge: PersonMerge | None
    can_undo: bool


def merged_record_get_for(*, user: User, child_uuid: uuid_lib.UUID | str) -> MergedRecord | None:
    """A record merged into another, seen through the record kept (None when the record
    was not merged). The policy answers for the record kept; the look is audited."""
    duplicate = Person.objects.filter(uuid=child_uuid, merged_into__isnull=False).select_related("merged_into").first()
    if duplicate is None:
        return None
    keep = duplicate.merged_into
    assert keep is not None
    require(policy.can_view_child(user, keep), actor=user, action="view", child=keep)
    with transaction.atomic():
        audit.record(
            actor=user,
            event_type=EventType.PERSON_VIEWED,
            subject=duplicate,
            child=duplicate,  # type: ignore[arg-type]
            data={"extra": {"purpose": "merged_record", "keep": str(keep.uuid)}},
        )
    merge = PersonMerge.objects.filter(duplicate=duplicate, undone_at__isnull=True).select_related("merged_by").first()
    return MergedRecord(duplicate, keep, merge, bool(policy.can_merge_people(user, keep, duplicate)))


def person_get_for_edit(*, user: AnyUser, child_uuid: uuid_lib.UUID | str) -> Person:
    """The person, for a form that changes them (edit permission checked, view audited)."""
    record = child_get_for(user=user, child_uuid=child_uuid, purpose="edit")
    require(policy.can_edit_child(user, record.person), actor=user, action="edit", child=record.person)
    return record.person


# --- Search -------------------------------------------------------------------------

_DATE_LIKE = re.compile(r"[0-9][0-9/.\-]{5,9}")


def parse_date(text: str) -> dt.date | None:
    """A date typed into search (17/05/2014, 2014-05-17, 20140517), read as linkage reads
    dates in files; None when the text is not a date."""
    from .linkage import parse_date as parse_written_date

    if not _DATE_LIKE.fullmatch(text):
        return None
    try:
        return parse_written_date(text)
    except ValueError:
        return None


@dataclass
class SearchHit:
    person: Person
    can_open: bool
    # What the searcher may see: "full" (name, date of birth, identifiers, address) or
    # "known" (only that the child is known: name, date of birth, local ID).
    detail: str


@dataclass
class SearchResults:
    query: str
    hits: list[SearchHit]
    truncated: bool
    understood: str


SEARCH_LIMIT = 50


@dataclass
class _ParsedQuery:
    filters: list[Q]
    name_tokens: list[str]
    understood: str


_SPACED_NHS = re.compile(r"\b(\d{3})[\s-](\d{3})[\s-](\d{4})\b")


def _parse_query(query: str) -> _ParsedQuery:
    filters: list[Q] = []
    terms: list[str] = []
    name_tokens: list[str] = []
    query = _SPACED_NHS.sub(r"\1\2\3", query)  # 943 476 5919 is one NHS number
    for token in query.split():
        digits = normalise_nhs_number(token)
        if re.fullmatch(r"\d{10}", digits):
            filters.append(Q(nhs_number=digits))
            terms.append(f"NHS number {digits}")
            continue
        upn = normalise_upn(token)
        if re.fullmatch(r"[A-Z]\d{11}[0-9A-Z]", upn):
            filters.append(Q(upn=upn) | Q(former_upn=upn))
            terms.append(f"UPN {upn}")
            continue
        if re.fullmatch(r"[A-Za-z]{2}\d{5,}", token):
            filters.append(Q(la_id=token.upper()))
            terms.append(f"local ID {token.upper()}")
            continue
        day = parse_date(token)
        if day is not None:
            born = Person.objects.filter(date_of_birth=day).order_by().values_list("pk", flat=True)
            due = Person.objects.filter(expected_date_of_birth=day).order_by().values_list("pk", flat=True)
            filters.append(Q(pk__in=set(born.union(due))))
            terms.append(f"born {day:%-d %B %Y}")
            continue
        folded = fold(token)
        if folded:
            name_tokens.append(folded)
            terms.append(f"name starting “{folded}”")
    # The longest name part narrows most.
    name_tokens.sort(key=len, reverse=True)
    return _ParsedQuery(filters, name_tokens, ", ".join(terms))


def _name_part(token: str) -> Q:
    """Current or other name starting with ``token``, as index ranges."""
    bound = prefix_upper_bound(token)
    family = Q(search_family__gte=token, search_family__lt=bound)
    given = Q(search_given__gte=token, search_given__lt=bound)
    return family | given | Q(pk__in=PersonName.objects.filter(family | given).values("person_id"))


MATERIALISE_LIMIT = 5000
SortKey = tuple[str, str, Any, int]


def _ranked_by_name_part(token: str) -> list[SortKey] | None:
    """Everyone whose current or other name has this part, with their sort key, from one
    UNION of four index range scans; None when so many match that the database should
    filter and sort instead."""
    bound = prefix_upper_bound(token)
    family = Q(search_family__gte=token, search_family__lt=bound)
    given = Q(search_given__gte=token, search_given__lt=bound)
    own = ("search_family", "search_given", "date_of_birth", "pk")
    via = ("person__search_family", "person__search_given", "person__date_of_birth", "person_id")
    rows = list(
        Person.objects.filter(family)
        .order_by()
        .values_list(*own)
        .union(
            Person.objects.filter(given).order_by().values_list(*own),
            PersonName.objects.filter(family).order_by().values_list(*via),
            PersonName.objects.filter(given).order_by().values_list(*via),
        )[: MATERIALISE_LIMIT + 1]
    )
    if len(rows) > MATERIALISE_LIMIT:
        return None
    return sorted(set(rows), key=lambda r: (r[0], r[1], r[2] or dt.date.min, r[3]))


def _search_rows(parsed: _ParsedQuery, scope: Q | None, limit: int) -> list[Person]:
    """Up to ``limit`` people matching every part of the query, in name order."""
    ordering = ("search_family", "search_given", "date_of_birth")
    conditions = list(parsed.filters) + [_name_part(t) for t in parsed.name_tokens[1:]]
    if scope is not None:
        conditions.append(scope)
    ranked = _ranked_by_name_part(parsed.name_tokens[0]) if parsed.name_tokens else None
    if ranked is None:
        people = Person.objects.filter(*conditions)
        if parsed.name_tokens:
            people = people.filter(_name_part(parsed.name_tokens[0]))
        return list(people.select_related("merged_into").order_by(*ordering)[:limit])
    order = [row[3] for row in ranked]
    if conditions:
        allowed = set(Person.objects.filter(pk__in=order).filter(*conditions).values_list("pk", flat=True))
        order = [pk for pk in order if pk in allowed]
    top = order[:limit]
    by_pk = Person.objects.select_related("merged_into").in_bulk(top)
    return [by_pk[pk] for pk in top if pk in by_pk]


def people_search(*, user: AnyUser, query: str) -> SearchResults:
    """Find people by name (or part of it), date of birth, NHS number, UPN or local ID.

    Children's services staff learn whether a child is known; each hit says whether the
    searcher may open the record. Partners see only children their agency is involved
    with. The search itself is audited with its terms.
    """
    require(policy.can_search_people(user), actor=user, action="search")
    query = " ".join((query or "").split())[:200]
    if not query:
        return SearchResults(query="", hits=[], truncated=False, understood="")
    parsed = _parse_query(query)
    visible = policy.visible_children_q(user)
    scope = None if policy.can_know_child_exists(user) else visible
    found = _search_rows(parsed, scope, SEARCH_LIMIT + 1) if parsed.filters or parsed.name_tokens else []
    understood = parsed.understood
    truncated = len(found) > SEARCH_LIMIT
    # A merged duplicate is found by its own (perhaps misspelt) name but shown as the
    # record it was merged into, once.
    rows: list[Person] = []
    for person in found[:SEARCH_LIMIT]:
        shown = person.merged_into or person
        if shown not in rows:
            rows.append(shown)
    openable = set(Person.objects.filter(pk__in=[p.pk for p in rows]).filter(visible).values_list("pk", flat=True))
    hits = [SearchHit(p, p.pk in openable, "full" if p.pk in openable else "known") for p in rows]
    with transaction.atomic():
        audit.record(
            actor=user,  # type: ignore[arg-type]
            event_type=EventType.SEARCH,
            data={"extra": {"query": query, "results": len(hits), "openable": len(openable)}},
        )
    return SearchResults(query=query, hits=hits, truncated=truncated, understood=understood)


def children_for_worker(*, user: User) -> QuerySet[Person]:
    """The children allocated to ``user`` (their caseload), for the "my work" page."""
    return (
        Person.objects.filter(
            involvements__kind=InvolvementKind.ALLOCATED_WORKER,
            involvements__user_id=user.pk,
            involvements__ended_at__isnull=True,
        )
        .prefetch_related(Prefetch("warnings", queryset=PersonWarning.objects.filter(ended_at__isnull=True)))
        .order_by("family_name", "given_name")
    )


def children_for_team(*, user: User) -> QuerySet[Person]:
    """Children allocated in, or with open work held by, the user's team."""
    if user.team_id is None:
        return Person.objects.none()
    return (
        Person.objects.filter(pk__in=policy.visible_child_ids(user))
        .filter(involvements__team_id=user.team_id, involvements__ended_at__isnull=True)
        .distinct()
        .order_by("family_name", "given_name")
    )


def team_unallocated(*, user: User) -> QuerySet[Person]:
    """Children with open work in the user's team but no allocated worker: the manager's
    allocation queue."""
    if user.team_id is None:
        return Person.objects.none()
    allocated = Involvement.objects.filter(kind=InvolvementKind.ALLOCATED_WORKER, ended_at__isnull=True)
    return (
        Person.objects.filter(
            involvements__kind=InvolvementKind.OPEN_WORK,
            involvements__team_id=user.team_id,
            involvements__ended_at__isnull=True,
        )
        .exclude(pk__in=allocated.values("child_id"))
        .distinct()
        .order_by("family_name", "given_name")
    )
