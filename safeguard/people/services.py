"""Actions on people: creating and changing records, names, addresses, relationships
and warnings. Every action asks the policy first and audits in its own transaction."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.access import policy
from safeguard.access.enforce import require
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.lib.errors import InvalidTransition, StaleEdit
from safeguard.lib.identifiers import nhs_number_problem, normalise_nhs_number, normalise_upn, upn_problem
from safeguard.lib.names import fold

from .codes import Disability, NameKind, RelationshipKind, Sex, UpnUnknown, WarningCategory
from .models import Address, Person, PersonKind, PersonMerge, PersonName, PersonWarning, Relationship
from .phonetics import phonetic_key

if TYPE_CHECKING:
    from safeguard.accounts.models import User

# The fields a practitioner edits on the details form, in the order shown.
EDITABLE_FIELDS = (
    "given_name",
    "middle_names",
    "family_name",
    "known_as",
    "date_of_birth",
    "expected_date_of_birth",
    "date_of_death",
    "sex",
    "gender_identity",
    "ethnicity",
    "first_language",
    "interpreter_needed",
    "disabilities",
    "nhs_number",
    "upn",
    "former_upn",
    "upn_unknown_reason",
)


def _clean_identity(values: dict[str, Any], *, today: dt.date) -> dict[str, Any]:
    """Normalise identifiers and check the record's rules; raise one ValidationError
    naming every field that is wrong."""
    errors: dict[str, str] = {}
    cleaned = dict(values)
    for field in ("given_name", "middle_names", "family_name", "known_as", "gender_identity", "first_language"):
        if field in cleaned:
            cleaned[field] = " ".join((cleaned[field] or "").split())
    if cleaned.get("nhs_number"):
        cleaned["nhs_number"] = normalise_nhs_number(cleaned["nhs_number"])
        problem = nhs_number_problem(cleaned["nhs_number"])
        if problem:
            errors["nhs_number"] = problem
    for field in ("upn", "former_upn"):
        if cleaned.get(field):
            cleaned[field] = normalise_upn(cleaned[field])
            problem = upn_problem(cleaned[field])
            if problem:
                errors[field] = problem
    reason = cleaned.get("upn_unknown_reason") or ""
    if reason and reason not in UpnUnknown.values:
        errors["upn_unknown_reason"] = "Choose the reason from the list."
    elif reason and cleaned.get("upn"):
        errors["upn_unknown_reason"] = "A child with a UPN has no reason for it being unknown: clear the reason."
    dob = cleaned.get("date_of_birth")
    expected = cleaned.get("expected_date_of_birth")
    if dob and expected:
        errors["expected_date_of_birth"] = "Give a date of birth or an expected date of birth, not both."
    if dob and dob > today:
        errors["date_of_birth"] = "Date of birth must be today or in the past."
    if expected and expected < today - dt.timedelta(days=30):
        errors["expected_date_of_birth"] = (
            "An expected date of birth more than a month ago cannot be right: record the date of birth."
        )
    death = cleaned.get("date_of_death")
    if death and dob and death < dob:
        errors["date_of_death"] = "Date of death must be on or after the date of birth."
    if expected and not dob and cleaned.get("sex") not in (None, "", Sex.UNKNOWN):
        errors["sex"] = "An unborn child's sex is recorded as not known."
    disabilities = list(cleaned.get("disabilities") or [])
    if disabilities:
        valid = set(Disability.values)
        if any(code not in valid for code in disabilities):
            errors["disabilities"] = "Choose disabilities from the list."
        elif Disability.NONE in disabilities and len(disabilities) > 1:
            errors["disabilities"] = "'No disability' cannot be chosen with a disability."
        cleaned["disabilities"] = sorted(set(disabilities), key=Disability.values.index)
    if not any(cleaned.get(f) for f in ("given_name", "family_name")) and not expected:
        errors["family_name"] = "Enter the person's name, or an expected date of birth for an unborn child."
    if errors:
        raise ValidationError(errors)
    return cleaned


def _next_la_id() -> str:
    # From the highest local ID, not the highest primary key: the IDs stay contiguous and do
    # not depend on the database's sequence (which a rolled-back transaction still advances).
    last_id = (
        Person.objects.filter(la_id__regex=r"^NB[0-9]{7}$").order_by("-la_id").values_list("la_id", flat=True).first()
    )
    candidate = (int(last_id[2:]) if last_id else 0) + 1
    while Person.objects.filter(la_id=f"NB{candidate:07d}").exists():
        candidate += 1
    return f"NB{candidate:07d}"


def _apply_search_fields(person: Person) -> None:
    person.search_given = fold(person.given_name)
    person.search_family = fold(person.family_name)
    person.phonetic_given = phonetic_key(person.given_name)
    person.phonetic_family = phonetic_key(person.family_name)


def person_create(*, actor: User, kind: str = PersonKind.CHILD, **values: Any) -> Person:
    require(policy.can_create_person(actor), actor=actor, action="create_person")
    cleaned = _clean_identity(values, today=timezone.localdate())
    unknown = set(cleaned) - set(EDITABLE_FIELDS) - {"la_id", "access_level"}
    if unknown:
        raise TypeError(f"person_create got unexpected fields: {sorted(unknown)}")
    with transaction.atomic():
        person = Person(kind=kind, **cleaned)
        if not person.la_id:
            person.la_id = _next_la_id()
        _apply_search_fields(person)
        person.full_clean()
        person.save()
        audit.record(
            actor=actor,
            event_type=EventType.PERSON_CREATED,
            subject=person,
            child=person,
            data={"new": {f: getattr(person, f) for f in EDITABLE_FIELDS if getattr(person, f) not in ("", None, [])}},
        )
        return person


def person_update(*, actor: User, person: Person, expected_version: int, **values: Any) -> Person:
    """Change a person's details. ``expected_version`` is the version the user opened;
    if someone saved since, the change is refused with what they changed (StaleEdit)."""
    require(policy.can_edit_child(actor, person), actor=actor, action="edit_person", child=person)
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"person_update got unexpected fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        merged = {f: getattr(locked, f) for f in EDITABLE_FIELDS}
        merged.update(values)
        cleaned = _clean_identity(merged, today=timezone.localdate())
        stale = locked.version != expected_version
        if not stale:
            return _apply_update(actor, locked, cleaned)
    # Outside the rolled-back change, so the refused save stays on the record.
    with transaction.atomic():
        audit.record(
            actor=actor,
            event_type=EventType.PERSON_EDIT_CONFLICT,
            subject=locked,
            child=locked,
            data={"extra": {"opened_version": expected_version, "current_version": locked.version}},
        )
    raise _stale_edit(locked, expected_version)


def _apply_update(actor: User, locked: Person, cleaned: dict[str, Any]) -> Person:
    old = {f: getattr(locked, f) for f in cleaned if getattr(locked, f) != cleaned[f]}
    for field, value in cleaned.items():
        setattr(locked, field, value)
    _apply_search_fields(locked)
    if not old:
        return locked
    locked.version += 1
    locked.updated_at = timezone.now()
    locked.full_clean()
    locked.save()
    audit.record(
        actor=actor,
        event_type=EventType.PERSON_UPDATED,
        subject=locked,
        child=locked,
        data={"old": old, "new": {f: getattr(locked, f) for f in old}, "extra": {"version": locked.version}},
    )
    return locked


def _stale_edit(person: Person, opened_version: int) -> StaleEdit:
    """What others changed since ``opened_version``, from the audit trail: for each field,
    the value when the user opened the form and the value now, and who changed it."""
    from safeguard.audit.models import AuditEvent

    events = AuditEvent.objects.filter(child_uuid=person.uuid, event_type=EventType.PERSON_UPDATED).order_by("sequence")
    changes: dict[str, tuple[Any, Any]] = {}
    who: list[str] = []
    for event in events:
        if (event.data.get("extra") or {}).get("version", 0) <= opened_version:
            continue
        for field, before in (event.data.get("old") or {}).items():
            if field in EDITABLE_FIELDS and field not in changes:
                changes[field] = (before, None)
        for field, after in (event.data.get("new") or {}).items():
            if field in changes:
                changes[field] = (changes[field][0], after)
        name = event.actor.display_name if event.actor else event.actor_username
        if name not in who:
            who.append(name)
    return StaleEdit(changes, changed_by=", ".join(who))


def person_set_access_level(*, actor: User, person: Person, access_level: str, reason: str) -> Person:
    """Restrict or seal a record (heads of service only; the reason is kept)."""
    require(policy.can_set_access_level(actor, person), actor=actor, action="set_access_level", child=person)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the record's access is being changed."})
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        old = locked.access_level
        locked.access_level = access_level
        locked.version += 1
        locked.full_clean()
        locked.save(update_fields=["access_level", "version"])
        audit.record(
            actor=actor,
            event_type=EventType.PERSON_UPDATED,
            subject=locked,
            child=locked,
            reason=reason,
            data={"old": {"access_level": old}, "new": {"access_level": access_level}},
        )
        return locked


def touch(person: Person) -> None:
    """Mark that what identifies ``person`` (names, addresses) changed, for the in-memory
    register index of long-running processes (``people.register_index``)."""
    Person.objects.filter(pk=person.pk).update(updated_at=timezone.now())


def name_add(
    *,
    actor: User,
    person: Person,
    kind: NameKind,
    given_name: str,
    family_name: str,
    used_from: dt.date | None = None,
    used_to: dt.date | None = None,
) -> PersonName:
    require(policy.can_edit_child(actor, person), actor=actor, action="add_name", child=person)
    if not (given_name.strip() or family_name.strip()):
        raise ValidationError({"family_name": "Enter a given name or a family name."})
    if used_from and used_to and used_to < used_from:
        raise ValidationError({"used_to": "The date the name stopped being used must be after it started."})
    with transaction.atomic():
        name = PersonName(
            person=person,
            kind=kind,
            given_name=given_name.strip(),
            family_name=family_name.strip(),
            search_given=fold(given_name),
            search_family=fold(family_name),
            used_from=used_from,
            used_to=used_to,
        )
        name.full_clean()
        name.save()
        touch(person)
        audit.record(
            actor=actor,
            event_type=EventType.NAME_ADDED,
            subject=name,
            child=person,
            data={"new": {"kind": kind, "name": str(name)}},
        )
        return name


def address_add(
    *,
    actor: User,
    person: Person,
    line1: str,
    line2: str = "",
    town: str = "",
    postcode: str = "",
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
) -> Address:
    """Add an address. A new current address ends the person's previous current one the
    day before it starts, so the history has no overlaps."""
    require(policy.can_edit_child(actor, person), actor=actor, action="add_address", child=person)
    errors = {}
    if not line1.strip():
        errors["line1"] = "Enter the first line of the address."
    if start_date and end_date and end_date < start_date:
        errors["end_date"] = "The date they left must be after the date they moved in."
    if errors:
        raise ValidationError(errors)
    postcode = " ".join(postcode.upper().split())
    with transaction.atomic():
        if end_date is None and start_date is not None:
            for current in Address.objects.select_for_update().filter(person=person, end_date__isnull=True):
                if current.start_date is None or current.start_date < start_date:
                    current.end_date = start_date - dt.timedelta(days=1)
                    current.save(update_fields=["end_date"])
                    audit.record(
                        actor=actor,
                        event_type=EventType.ADDRESS_ENDED,
                        subject=current,
                        child=person,
                        data={"new": {"end_date": current.end_date}},
                    )
        address = Address(
            person=person,
            line1=line1.strip(),
            line2=line2.strip(),
            town=town.strip(),
            postcode=postcode,
            start_date=start_date,
            end_date=end_date,
        )
        address.full_clean()
        address.save()
        touch(person)
        audit.record(
            actor=actor,
            event_type=EventType.ADDRESS_ADDED,
            subject=address,
            child=person,
            data={"new": {"address": str(address), "start_date": start_date, "end_date": end_date}},
        )
        return address


def relationship_add(
    *,
    actor: User,
    person: Person,
    other: Person,
    kind: RelationshipKind,
    parental_responsibility: bool = False,
    description: str = "",
) -> Relationship:
    """Record that ``other`` is ``person``'s ``kind`` (``other`` is the parent of ``person``)."""
    require(policy.can_edit_child(actor, person), actor=actor, action="add_relationship", child=person)
    if other.pk == person.pk:
        raise ValidationError({"other": "A person cannot be related to themselves."})
    if kind == RelationshipKind.SIBLING:
        exists = Relationship.objects.filter(from_person=person, to_person=other, kind=kind).exists()
    else:
        exists = False
    if exists or Relationship.objects.filter(from_person=other, to_person=person, kind=kind).exists():
        raise ValidationError({"other": "This relationship is already recorded."})
    with transaction.atomic():
        relationship = Relationship(
            from_person=other,
            to_person=person,
            kind=kind,
            parental_responsibility=parental_responsibility,
            description=description.strip(),
        )
        relationship.full_clean()
        relationship.save()
        audit.record(
            actor=actor,
            event_type=EventType.RELATIONSHIP_ADDED,
            subject=relationship,
            child=person,
            data={"new": {"kind": kind, "other": str(other.uuid), "parental_responsibility": parental_responsibility}},
        )
        return relationship


def warning_add(*, actor: User, person: Person, category: WarningCategory, text: str) -> PersonWarning:
    require(policy.can_edit_child(actor, person), actor=actor, action="add_warning", child=person)
    if not text.strip():
        raise ValidationError({"text": "Describe the warning so that colleagues know what to do."})
    with transaction.atomic():
        warning = PersonWarning(person=person, category=category, text=text.strip(), raised_by=actor)
        warning.full_clean()
        warning.save()
        audit.record(
            actor=actor,
            event_type=EventType.WARNING_ADDED,
            subject=warning,
            child=person,
            data={"new": {"category": category, "text": warning.text}},
        )
        return warning


def warning_end(*, actor: User, warning: PersonWarning) -> PersonWarning:
    require(policy.can_edit_child(actor, warning.person), actor=actor, action="end_warning", child=warning.person)
    with transaction.atomic():
        locked = PersonWarning.objects.select_for_update().get(pk=warning.pk)
        if locked.ended_at is not None:
            raise InvalidTransition("This warning has already been ended.")
        locked.ended_at = timezone.now()
        locked.save(update_fields=["ended_at"])
        audit.record(
            actor=actor,
            event_type=EventType.WARNING_ENDED,
            subject=locked,
            child=locked.person,
            data={"old": {"text": locked.text}},
        )
        return locked


def person_merge(*, actor: User, keep: Person, duplicate: Person, reason: str) -> PersonMerge:
    """Merge ``duplicate`` into ``keep``: reversible, audited, nothing deleted."""
    require(policy.can_merge_people(actor, keep, duplicate), actor=actor, action="merge", child=keep)
    keep, duplicate = Person.objects.get(pk=keep.pk), Person.objects.get(pk=duplicate.pk)
    errors: dict[str, str] = {}
    if keep.pk == duplicate.pk:
        errors["duplicate"] = "Choose two different records."
    elif duplicate.merged_into_id is not None:
        errors["duplicate"] = "That record has already been merged into another."
    elif keep.merged_into_id is not None:
        errors["keep"] = "The record to keep has itself been merged into another; merge into that one."
    elif Person.objects.filter(merged_into=duplicate).exists():
        errors["duplicate"] = "Other records were merged into that one; undo those merges first."
    elif keep.kind != duplicate.kind:
        errors["duplicate"] = "A child's record cannot be merged with an adult's."
    if not (reason or "").strip():
        errors["reason"] = "Say why these records are the same person."
    if errors:
        raise ValidationError(errors)
    from safeguard.access.models import Involvement

    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=duplicate.pk)
        if locked.merged_into_id is not None:
            raise InvalidTransition("That record has just been merged by someone else.")
        moved = list(Involvement.objects.filter(child=locked, ended_at__isnull=True).values_list("pk", flat=True))
        keep_has_allocation = Involvement.objects.filter(child=keep, kind="allocated", ended_at__isnull=True).exists()
        for involvement in Involvement.objects.filter(pk__in=moved):
            if involvement.kind == "allocated" and keep_has_allocation:
                continue  # the record kept keeps its own allocated worker
            involvement.child = keep
            involvement.save(update_fields=["child"])
        moved = list(Involvement.objects.filter(pk__in=moved, child=keep).values_list("pk", flat=True))
        locked.merged_into = keep
        locked.version += 1
        locked.updated_at = timezone.now()
        locked.save(update_fields=["merged_into", "version", "updated_at"])
        merge = PersonMerge.objects.create(
            keep=keep, duplicate=locked, reason=reason.strip(), merged_by=actor, moved_involvements=moved
        )
        for child in (keep, locked):
            audit.record(
                actor=actor,
                event_type=EventType.PERSON_MERGED,
                subject=merge,
                child=child,
                reason=merge.reason,
                data={"new": {"keep": str(keep.uuid), "duplicate": str(locked.uuid), "moved_involvements": len(moved)}},
            )
        return merge


def person_unmerge(*, actor: User, merge: PersonMerge, reason: str) -> PersonMerge:
    """Undo a merge: the duplicate stands alone again and takes back what moved."""
    require(
        policy.can_merge_people(actor, merge.keep, merge.duplicate), actor=actor, action="unmerge", child=merge.keep
    )
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the merge is being undone."})
    from safeguard.access.models import Involvement

    with transaction.atomic():
        locked = PersonMerge.objects.select_for_update().get(pk=merge.pk)
        if locked.undone_at is not None:
            raise InvalidTransition("This merge has already been undone.")
        Involvement.objects.filter(pk__in=locked.moved_involvements).update(child=locked.duplicate)
        Person.objects.filter(pk=locked.duplicate_id).update(merged_into=None, updated_at=timezone.now())
        locked.undone_by = actor
        locked.undone_at = timezone.now()
        locked.undo_reason = reason.strip()
        locked.save(update_fields=["undone_by", "undone_at", "undo_reason"])
        for child in (locked.keep, locked.duplicate):
            audit.record(
                actor=actor,
                event_type=EventType.PERSON_UNMERGED,
                subject=locked,
                child=child,
                reason=locked.undo_reason,
                data={"old": {"keep": str(locked.keep.uuid), "duplicate": str(locked.duplicate.uuid)}},
            )
        return locked
