"""The partnership's pages: the dashboard (figures only), the action plan, and progress
reports by the owning agencies."""

from __future__ import annotations

import uuid as uuid_lib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from safeguard.access import policy
from safeguard.access.enforce import require
from safeguard.accounts.http import AuthedRequest
from safeguard.lib.errors import StaleEdit

from . import selectors, services
from .forms import ActionForm, ReportForm
from .models import PlanAction


def dashboard(request: AuthedRequest) -> HttpResponse:
    board = selectors.dashboard(user=request.user)
    return render(
        request,
        "partnership/dashboard.html",
        {
            "board": board,
            "can_manage": bool(policy.can_manage_partnership_plan(request.user)),
            "nav_active": "partnership",
        },
    )


@require_http_methods(["GET", "POST"])
def action_new(request: AuthedRequest) -> HttpResponse:
    require(policy.can_manage_partnership_plan(request.user), actor=request.user, action="add_partnership_action")
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_add(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"“{action.title}” is in the plan, owned by {action.owner_agency}.")
            return redirect("partnership:dashboard")
    return render(request, "partnership/action_new.html", {"form": form, "nav_active": "partnership"})


@require_http_methods(["GET", "POST"])
def action_detail(request: AuthedRequest, plan_action_uuid: uuid_lib.UUID) -> HttpResponse:
    try:
        action = selectors.action_get(user=request.user, action_uuid=plan_action_uuid)
    except PlanAction.DoesNotExist:
        raise Http404("Page not found") from None
    can_report = bool(policy.can_update_plan_action(request.user, action.owner_agency_id))
    form = None
    if can_report:
        initial = {"version": action.version, "status": action.status, "progress": action.progress}
        form = ReportForm(request.POST or None, initial=initial)
    elif request.method == "POST":
        require(
            policy.can_update_plan_action(request.user, action.owner_agency_id),
            actor=request.user,
            action="report_partnership_action",
        )
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_report(
                actor=request.user,
                action=action,
                status=data["status"],
                progress=data["progress"],
                note=data["note"],
                expected_version=data["version"],
            )
        except StaleEdit as exc:
            action.refresh_from_db()
            resubmitted = request.POST.copy()
            resubmitted["version"] = str(action.version)
            form = ReportForm(resubmitted)
            form.is_valid()
            form.add_error(
                None,
                f"{exc.changed_by or 'Someone else'} reported on this action after you opened it: their report is "
                "at the top of the history. Check it, then report again; your words are kept below.",
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "Your progress report has been saved.")
            return redirect("partnership:action", action.uuid)
    return render(
        request,
        "partnership/action.html",
        {
            "plan_action": action,
            "updates": list(action.updates.select_related("author")),
            "form": form,
            "overdue": action.overdue_on(selectors.timezone.localdate()),
            "nav_active": "partnership",
        },
    )
