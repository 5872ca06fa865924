"""People: search, a child's record, and the forms that change it."""

from __future__ import annotations

import uuid as uuid_lib
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from safeguard.access import policy
from safeguard.access import services as access_services
from safeguard.access.enforce import require
from safeguard.accounts import selectors as account_selectors
from safeguard.accounts.http import AuthedRequest
from safeguard.lib.errors import AccessDenied, StaleEdit
from safeguard.lib.views import not_visible_is_404

from . import selectors, services
from .forms import (
    AccessLevelForm,
    AddressForm,
    AllocateForm,
    BreakGlassForm,
    MergeForm,
    NameForm,
    PersonForm,
    RelationshipForm,
    SearchForm,
    UnmergeForm,
    WarningForm,
)
from .models import Person, PersonKind, PersonMerge, PersonWarning
from .sections import sections_for


def _refused(request: AuthedRequest, exc: AccessDenied) -> HttpResponse:
    """A children's services user learns why they are refused and, where the policy
    allows, how to break the glass; anyone else gets the same 404 as a missing record."""
    person = exc.record
    if person is None:
        raise Http404("Page not found")
    if not (policy.can_know_child_exists(request.user) or policy.can_view_child(request.user, person)):
        raise Http404("Page not found")
    return render(
        request,
        "people/refused.html",
        {
            "person": person,
            "reason": exc.decision.reason,
            "can_break_glass": bool(policy.can_break_glass(request.user, person)),
        },
        status=403,
    )


def search(request: AuthedRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        results = selectors.people_search(user=request.user, query=form.cleaned_data["q"])
    else:
        require(policy.can_search_people(request.user), actor=request.user, action="search")
    return render(
        request,
        "people/search.html",
        {
            "form": form,
            "results": results,
            "can_create": bool(policy.can_create_person(request.user)),
            "audit_links": bool(policy.can_view_audit(request.user)),
            "nav_active": "search",
        },
    )


@not_visible_is_404
def child(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    try:
        merged = selectors.merged_record_get_for(user=request.user, child_uuid=child_uuid)
        if merged is not None:
            return render(request, "people/merged.html", {"merged": merged, "form": UnmergeForm()})
        record = selectors.child_get_for(user=request.user, child_uuid=child_uuid)
    except AccessDenied as exc:
        return _refused(request, exc)
    person = record.person
    context: dict[str, Any] = {
        "record": record,
        "person": person,
        "can_edit": bool(policy.can_edit_child(request.user, person)),
        "can_allocate": bool(policy.can_allocate(request.user, person)),
        "can_set_access": bool(policy.can_set_access_level(request.user, person)),
        "can_merge": bool(policy.can_triage_contacts(request.user)) or request.user.is_manager,
        "sections": sections_for(request.user, record),
    }
    return render(request, "people/child.html", context)


def _load_for_edit(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> Person | HttpResponse:
    try:
        return selectors.person_get_for_edit(user=request.user, child_uuid=child_uuid)
    except AccessDenied as exc:
        return _refused(request, exc)


@require_http_methods(["GET", "POST"])
def person_new(request: AuthedRequest) -> HttpResponse:
    require(policy.can_create_person(request.user), actor=request.user, action="create_person")
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("version", "kind")}
        try:
            person = services.person_create(actor=request.user, kind=form.cleaned_data["kind"], **data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"{person.full_name} has been added with local ID {person.la_id}.")
            return redirect("people:child", child_uuid=person.uuid)
    return render(request, "people/person_form.html", {"form": form, "title": "Add a person", "nav_active": "search"})


@not_visible_is_404
@require_http_methods(["GET", "POST"])
def person_edit(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    loaded = _load_for_edit(request, child_uuid)
    if isinstance(loaded, HttpResponse):
        return loaded
    person = loaded
    initial = {f: getattr(person, f) for f in services.EDITABLE_FIELDS}
    initial["version"] = person.version
    # A child with no UPN (or whose UPN is being removed) is asked why there is none.
    ask = person.kind == PersonKind.CHILD and (
        not person.upn or (request.method == "POST" and not request.POST.get("upn", "").strip())
    )
    form = PersonForm(request.POST or None, initial=initial, editing=True, ask_upn_unknown=ask)
    conflict: StaleEdit | None = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        opened = form.cleaned_data.get("version") or person.version
        try:
            services.person_update(actor=request.user, person=person, expected_version=opened, **data)
        except StaleEdit as exc:
            conflict = exc
            # Keep everything the user typed; move the form to the current version so that
            # saving again, after reading what changed, is a deliberate choice.
            resubmitted = request.POST.copy()
            resubmitted["version"] = str(Person.objects.get(pk=person.pk).version)
            form = PersonForm(resubmitted, editing=True, ask_upn_unknown=ask)
            form.is_valid()
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"{person.full_name}'s details have been saved.")
            return redirect("people:child", child_uuid=person.uuid)
    labels = {name: field.label for name, field in PersonForm.base_fields.items()}
    return render(
        request,
        "people/person_form.html",
        {
            "form": form,
            "person": person,
            "title": f"Change {person.full_name}'s details",
            "conflict": conflict,
            "labels": labels,
        },
    )


def _simple_form(
    request: AuthedRequest, child_uuid: uuid_lib.UUID, form_class: type, title: str, action: Any, success: str
) -> HttpResponse:
    loaded = _load_for_edit(request, child_uuid)
    if isinstance(loaded, HttpResponse):
        return loaded
    person = loaded
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action(person, form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, success)
            return redirect("people:child", child_uuid=person.uuid)
    return render(request, "people/simple_form.html", {"form": form, "person": person, "title": title})


@not_visible_is_404
@require_http_methods(["GET", "POST"])
def name_add(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    return _simple_form(
        request,
        child_uuid,
        NameForm,
        "Add a previous name or alias",
        lambda p, d: services.name_add(actor=request.user, person=p, **d),
        "The name has been added.",
    )


@not_visible_is_404
@require_http_methods(["GET", "POST"])
def address_add(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    return _simple_form(
        request,
        child_uuid,
        AddressForm,
        "Add an address",
        lambda p, d: services.address_add(actor=request.user, person=p, **d),
        "The address has been added.",
    )


@not_visible_is_404
@require_http_methods(["GET", "POST"])
def relationship_add(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    def act(person: Person, data: dict[str, Any]) -> None:
        other = Person.objects.filter(la_id=data["other_la_id"].strip().upper()).first()
        if other is None:
            raise ValidationError({"other_la_id": "No one on the register has that local ID."})
        services.relationship_add(
            actor=request.user,
            person=person,
            other=other,
            kind=data["kind"],
            parental_responsibility=data["parental_responsibility"],
            description=data["description"],
        )

    return _simple_form(
        request, child_uuid, RelationshipForm, "Add a relationship", act, "The relationship has been added."
    )


@not_visible_is_404
@require_http_methods(["GET", "POST"])
def warning_add(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    return _simple_form(
        request,
        child_uuid,
        WarningForm,
        "Add a warning",
        lambda p, d: services.warning_add(actor=request.user, person=p, **d),
        "The warning has been added.",
    )


@not_visible_is_404
@require_POST
def warning_end(request: AuthedRequest, child_uuid: uuid_lib.UUID, warning_uuid: uuid_lib.UUID) -> HttpResponse:
    loaded = _load_for_edit(request, child_uuid)
    if isinstance(loaded, HttpResponse):
        return loaded
    warning = PersonWarning.objects.filter(uuid=warning_uuid, person=loaded).first()
    if warning is None:
        raise Http404("Page not found")
    services.warning_end(actor=request.user, warning=warning)
    messages.success(request, "The warning has been ended.")
    return redirect("people:child", child_uuid=loaded.uuid)


@not_visible_is_404
@require_http_methods(["GET", "POST"])
def access_level(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    loaded = _load_for_edit(request, child_uuid)
    if isinstance(loaded, HttpResponse):
        return loaded
    person = loaded
    try:
        require(
            policy.can_set_access_level(request.user, person),
            actor=request.user,
            action="set_access_level",
            child=person,
        )
    except AccessDenied as exc:
        return _refused(request, exc)
    form = AccessLevelForm(request.POST or None, initial={"access_level": person.access_level})
    if request.method == "POST" and form.is_valid():
        try:
            services.person_set_access_level(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "Who can see this record has been changed.")
            return redirect("people:child", child_uuid=person.uuid)
    return render(
        request, "people/simple_form.html", {"form": form, "person": person, "title": "Who can see this record"}
    )


@not_visible_is_404
@require_http_methods(["GET", "POST"])
def allocate(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    loaded = _load_for_edit(request, child_uuid)
    if isinstance(loaded, HttpResponse):
        return loaded
    person = loaded
    try:
        require(policy.can_allocate(request.user, person), actor=request.user, action="allocate", child=person)
    except AccessDenied as exc:
        return _refused(request, exc)
    workers = account_selectors.workers_allocatable_by(request.user)
    form = AllocateForm(request.POST or None, workers=workers)
    if request.method == "POST" and form.is_valid():
        try:
            access_services.allocation_set(
                actor=request.user,
                child=person,
                worker=form.cleaned_data["worker"],
                change_reason=form.cleaned_data.get("change_reason") or "",
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"{person.full_name} is allocated to {form.cleaned_data['worker'].display_name}.")
            return redirect("people:child", child_uuid=person.uuid)
    return render(
        request, "people/simple_form.html", {"form": form, "person": person, "title": f"Allocate {person.full_name}"}
    )


@not_visible_is_404
@require_http_methods(["GET", "POST"])
def break_glass(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    person = Person.objects.filter(uuid=child_uuid).first()
    if person is None or not policy.can_know_child_exists(request.user):
        raise Http404("Page not found")
    decision = policy.can_break_glass(request.user, person)
    if not decision:
        if policy.can_view_child(request.user, person):
            return redirect("people:child", child_uuid=person.uuid)
        try:
            require(decision, actor=request.user, action="break_glass", child=person)
        except AccessDenied as exc:
            return _refused(request, exc)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            access_services.break_glass_open(actor=request.user, child=person, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            return redirect("people:child", child_uuid=person.uuid)
    return render(request, "people/break_glass.html", {"form": form, "person": person})


@not_visible_is_404
@require_http_methods(["GET", "POST"])
def merge(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    """Merge a duplicate into this record: find it by local ID, compare, confirm."""
    loaded = _load_for_edit(request, child_uuid)
    if isinstance(loaded, HttpResponse):
        return loaded
    keep = loaded
    form = MergeForm(request.POST or None)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        duplicate = Person.objects.filter(la_id=form.cleaned_data["duplicate_la_id"].strip().upper()).first()
        if duplicate is None:
            form.add_error("duplicate_la_id", "No one on the register has that local ID.")
        elif form.cleaned_data.get("confirm"):
            try:
                services.person_merge(
                    actor=request.user, keep=keep, duplicate=duplicate, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            except AccessDenied as exc:
                form.add_error(None, exc.decision.reason)
            else:
                messages.success(
                    request, f"{duplicate.la_id} has been merged into this record. The merge can be undone."
                )
                return redirect("people:child", child_uuid=keep.uuid)
        else:
            form.add_error("confirm", "Check both records, then confirm they are the same person.")
    return render(request, "people/merge.html", {"form": form, "person": keep, "duplicate": duplicate})


@not_visible_is_404
@require_POST
def unmerge(request: AuthedRequest, merge_uuid: uuid_lib.UUID) -> HttpResponse:
    record = (
        PersonMerge.objects.filter(uuid=merge_uuid, undone_at__isnull=True).select_related("keep", "duplicate").first()
    )
    if record is None:
        raise Http404("Page not found")
    form = UnmergeForm(request.POST)
    if form.is_valid():
        try:
            services.person_unmerge(actor=request.user, merge=record, reason=form.cleaned_data["reason"])
        except AccessDenied as exc:
            return _refused(request, exc)
        messages.success(request, f"The merge is undone: {record.duplicate.la_id} is a record of its own again.")
        return redirect("people:child", child_uuid=record.duplicate.uuid)
    merged = selectors.merged_record_get_for(user=request.user, child_uuid=record.duplicate.uuid)
    return render(request, "people/merged.html", {"merged": merged, "form": form}, status=400)
