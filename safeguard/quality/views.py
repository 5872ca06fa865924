"""Case-audit pages. Thin views: parse a form, read through one selector, act through one
service. A record the user may not see answers 404; a refusal the policy explains, 403."""

from __future__ import annotations

import uuid as uuid_lib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from safeguard.access.enforce import require
from safeguard.accounts.http import AuthedRequest
from safeguard.lib.errors import InvalidTransition, NotVisible, StaleEdit
from safeguard.people.models import Person

from . import policy, rules, selectors, services
from .codes import SampleMethod
from .forms import ACTION_ROWS, AuditForm, ResolveForm, RoundForm, StandardForm

View = Callable[..., HttpResponse]


def page(view: View) -> View:
    @wraps(view)
    def wrapper(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotVisible:
            raise Http404("Page not found") from None

    return wrapper


def _render(request: AuthedRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    context.setdefault("nav_active", "quality")
    return render(request, template, context)


@page
def home(request: AuthedRequest) -> HttpResponse:
    user = request.user
    require(policy.can_use_audits(user), actor=user, action="view case audits")
    return _render(
        request,
        "quality/home.html",
        {
            "assigned": selectors.assigned_to(user=user),
            "actions": selectors.actions_for(user=user),
            "escalations": selectors.escalations_for(user=user),
            "can_run": bool(policy.can_run_audits(user)),
            "can_edit_standards": bool(policy.can_edit_standards(user)),
            "can_see_results": bool(policy.can_view_results(user)),
        },
    )


@page
def escalations(request: AuthedRequest) -> HttpResponse:
    user = request.user
    require(policy.can_use_audits(user), actor=user, action="view audit escalations")
    return _render(request, "quality/escalations.html", {"escalations": selectors.escalations_for(user=user)})


@page
def results(request: AuthedRequest) -> HttpResponse:
    results = selectors.results_for(user=request.user)
    return _render(request, "quality/results.html", {"results": results, "charts": results.charts()})


@page
def rounds(request: AuthedRequest) -> HttpResponse:
    return _render(request, "quality/rounds.html", {"rounds": selectors.rounds_for(user=request.user)})


@page
@require_http_methods(["GET", "POST"])
def round_new(request: AuthedRequest) -> HttpResponse:
    user = request.user
    require(policy.can_run_audits(user), actor=user, action="draw audit sample")
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ids = form.chosen_ids()
        chosen = list(Person.objects.filter(la_id__in=ids))
        unknown = sorted(set(ids) - {p.la_id for p in chosen})
        if unknown:
            form.add_error("chosen", f"No child has the local ID {', '.join(unknown)}.")
        else:
            try:
                audit_round = services.round_create(
                    actor=user,
                    title=data["title"],
                    method=data["method"],
                    auditors=list(data["auditors"]),
                    size=data.get("size") or 0,
                    per_stratum=data.get("per_stratum") or 0,
                    teams=list(data.get("teams") or []),
                    chosen=chosen if data["method"] == SampleMethod.CHOSEN else [],
                    due_on=data.get("due_on"),
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, f"Sample drawn: {audit_round.audits.count()} cases.")
                return redirect("quality:round", audit_round.uuid)
    return _render(
        request,
        "quality/form.html",
        {
            "form": form,
            "title": "Draw an audit sample",
            "back_url": reverse("quality:rounds"),
            "back_text": "Back to audit rounds",
        },
    )


@page
def round_detail(request: AuthedRequest, round_uuid: uuid_lib.UUID) -> HttpResponse:
    return _render(
        request, "quality/round.html", {"page": selectors.round_get_for(user=request.user, round_uuid=round_uuid)}
    )


@page
@require_POST
def round_close(request: AuthedRequest, round_uuid: uuid_lib.UUID) -> HttpResponse:
    found = selectors.round_get_for(user=request.user, round_uuid=round_uuid)
    try:
        services.round_close(actor=request.user, audit_round=found.audit_round)
        messages.success(request, "The round is closed.")
    except InvalidTransition as exc:
        messages.info(request, str(exc))
    return redirect("quality:round", round_uuid)


def _audit_form(request: AuthedRequest, audit_page: selectors.AuditPage) -> AuditForm:
    case = audit_page.case
    initial: dict[str, Any] = {
        "version": case.version,
        "grade": case.grade,
        "serious_concerns": case.serious_concerns,
        "strengths": case.strengths,
        "improvements": case.improvements,
    }
    for standard_id, grade in audit_page.grades.items():
        initial[f"standard_{standard_id}"] = grade.grade
        initial[f"standard_{standard_id}_comment"] = grade.comment
    return AuditForm(request.POST or None, initial=initial, standards=selectors.standards())


@page
@require_http_methods(["GET", "POST"])
def audit(request: AuthedRequest, case_audit_uuid: uuid_lib.UUID) -> HttpResponse:
    audit_page = selectors.audit_get_for(user=request.user, case_uuid=case_audit_uuid)
    form = _audit_form(request, audit_page) if audit_page.may_grade else None
    conflict, changes = None, None
    if request.method == "POST":
        if form is None:
            raise Http404("Page not found")
        if form.is_valid():
            data = form.cleaned_data
            actions = []
            for n in range(1, ACTION_ROWS + 1):
                text = (data.get(f"action_{n}_description") or "").strip()
                if text:
                    due = data.get(f"action_{n}_due_on") or rules.action_due(timezone.localdate())
                    actions.append(services.ActionInput(text, due))
            try:
                case = services.audit_record(
                    actor=request.user,
                    case=audit_page.case,
                    expected_version=data["version"],
                    grades=form.grades(),
                    grade=data["grade"],
                    serious_concerns=data["serious_concerns"],
                    strengths=data["strengths"],
                    improvements=data["improvements"],
                    actions=actions,
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            except StaleEdit as stale:
                conflict = stale.changed_by or "someone else"
                changes = [(name, before, after) for name, (before, after) in stale.changes.items()]
                # Keep what this user typed; a second save goes on top of the other person's.
                kept = request.POST.copy()
                kept["version"] = str(selectors.current_version(audit_page.case))
                form.data = kept
            else:
                if case.is_escalated:
                    messages.success(
                        request, "Audit saved. The case has gone to the team manager and head of service as a concern."
                    )
                else:
                    messages.success(request, "Audit saved.")
                return redirect("quality:audit", case.uuid)
    return _render(
        request,
        "quality/audit.html",
        {"page": audit_page, "case": audit_page.case, "form": form, "conflict": conflict, "changes": changes},
    )


@page
@require_http_methods(["GET", "POST"])
def resolve(request: AuthedRequest, case_audit_uuid: uuid_lib.UUID) -> HttpResponse:
    case = selectors.case_for_action(user=request.user, case_uuid=case_audit_uuid, check="resolve")
    if not case.is_escalated:
        messages.info(request, "This audit has no open escalation.")
        return redirect("quality:audit", case.uuid)
    form = ResolveForm(request.POST or None, initial={"version": case.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.escalation_resolve(
                actor=request.user,
                case=case,
                resolution=form.cleaned_data["resolution"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        except StaleEdit as stale:
            conflict = stale.changed_by or "someone else"
        except InvalidTransition as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The escalation is resolved.")
            return redirect("quality:escalations")
    return _render(
        request,
        "quality/form.html",
        {
            "form": form,
            "title": f"Resolve the concerns about {case.child.full_name}'s case",
            "conflict": conflict,
            "back_url": reverse("quality:audit", args=[case.uuid]),
            "back_text": "Back to the audit",
            "intro": case.improvements,
        },
    )


@page
@require_POST
def action_complete(request: AuthedRequest, audit_action_uuid: uuid_lib.UUID) -> HttpResponse:
    action = selectors.action_get_for(user=request.user, action_uuid=audit_action_uuid)
    try:
        services.action_complete(actor=request.user, action=action)
        messages.success(request, "Action completed.")
    except InvalidTransition as exc:
        messages.info(request, str(exc))
    return redirect("quality:home")


@page
def standards(request: AuthedRequest) -> HttpResponse:
    user = request.user
    require(policy.can_use_audits(user), actor=user, action="view practice standards")
    return _render(
        request,
        "quality/standards.html",
        {"standards": selectors.standards(active_only=False), "can_edit": bool(policy.can_edit_standards(user))},
    )


@page
@require_http_methods(["GET", "POST"])
def standard_new(request: AuthedRequest) -> HttpResponse:
    require(policy.can_edit_standards(request.user), actor=request.user, action="create practice standard")
    form = StandardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.standard_create(
                actor=request.user, title=form.cleaned_data["title"], description=form.cleaned_data["description"]
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "Standard added.")
            return redirect("quality:standards")
    return _render(
        request,
        "quality/form.html",
        {
            "form": form,
            "title": "Add a practice standard",
            "back_url": reverse("quality:standards"),
            "back_text": "Back to the standards",
        },
    )


@page
@require_http_methods(["GET", "POST"])
def standard_edit(request: AuthedRequest, standard_uuid: uuid_lib.UUID) -> HttpResponse:
    require(policy.can_edit_standards(request.user), actor=request.user, action="change practice standard")
    standard = selectors.standard_get(standard_uuid=standard_uuid)
    form = StandardForm(
        request.POST or None,
        initial={
            "version": standard.version,
            "title": standard.title,
            "description": standard.description,
            "active": standard.active,
        },
    )
    conflict, changes = None, None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.standard_update(
                actor=request.user,
                standard=standard,
                expected_version=data["version"] or 0,
                title=data["title"],
                description=data["description"],
                active=data["active"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        except StaleEdit as stale:
            conflict = stale.changed_by or "someone else"
            changes = [(name, before, after) for name, (before, after) in stale.changes.items()]
            kept = request.POST.copy()
            kept["version"] = str(selectors.standard_get(standard_uuid=standard_uuid).version)
            form.data = kept
        else:
            messages.success(request, "Standard saved.")
            return redirect("quality:standards")
    return _render(
        request,
        "quality/form.html",
        {
            "form": form,
            "title": "Change a practice standard",
            "conflict": conflict,
            "changes": changes,
            "back_url": reverse("quality:standards"),
            "back_text": "Back to the standards",
        },
    )
