"""Pages of the national returns: ask for a return, watch it being produced, download it,
and see what the validators found, each finding linked to the child for those who may open
the child's record. Refusals are the policy's reason (403)."""

from __future__ import annotations

import uuid as uuid_lib

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.enforce import require
from safeguard.accounts.http import AuthedRequest

from . import policy, selectors, services
from .codes import ReturnKind, RunStatus
from .forms import AnnexAForm, CinCensusForm, Ssda903Form


@require_GET
def index(request: AuthedRequest) -> HttpResponse:
    user = request.user
    producer = bool(policy.can_produce_returns(user))
    runs = list(selectors.runs_visible_to(user=user)[:30]) if producer else selectors.latest_validated_runs(user=user)
    return render(
        request,
        "returns/index.html",
        {"runs": runs, "producer": producer, "nav_active": "returns"},
    )


@require_http_methods(["GET", "POST"])
def cin_new(request: AuthedRequest) -> HttpResponse:
    require(policy.can_produce_returns(request.user), actor=request.user, action="return_request")
    form = CinCensusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.return_run_request(
                actor=request.user,
                kind=ReturnKind.CIN,
                year=form.cleaned_data["year"],
                validate=form.cleaned_data["validate"],
            )
        except services.ReturnError as exc:
            form.add_error("year", str(exc))
        else:
            services.launch(run)
            return redirect("returns:run", run_uuid=run.uuid)
    return render(
        request,
        "returns/form.html",
        {
            "form": form,
            "title": "Produce the children in need census",
            "intro": "The census is written from the records as they are now, for the collection year you choose.",
        },
    )


@require_http_methods(["GET", "POST"])
def ssda903_new(request: AuthedRequest) -> HttpResponse:
    require(policy.can_produce_returns(request.user), actor=request.user, action="return_request")
    form = Ssda903Form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.return_run_request(
                actor=request.user,
                kind=ReturnKind.SSDA903,
                year=form.cleaned_data["year"],
                validate=form.cleaned_data["validate"],
            )
        except services.ReturnError as exc:
            form.add_error("year", str(exc))
        else:
            services.launch(run)
            return redirect("returns:run", run_uuid=run.uuid)
    return render(
        request,
        "returns/form.html",
        {
            "form": form,
            "title": "Produce the SSDA903 return",
            "intro": "The children looked after tables (a CSV file each, in a zip) for the collection year you choose.",
        },
    )


@require_http_methods(["GET", "POST"])
def annex_a_new(request: AuthedRequest) -> HttpResponse:
    require(policy.can_produce_returns(request.user), actor=request.user, action="return_request")
    form = AnnexAForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.return_run_request(
                actor=request.user,
                kind=ReturnKind.ANNEX_A,
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
                validate=form.cleaned_data["validate"],
            )
        except services.ReturnError as exc:
            form.add_error(None, str(exc))
        else:
            services.launch(run)
            return redirect("returns:run", run_uuid=run.uuid)
    return render(
        request,
        "returns/form.html",
        {
            "form": form,
            "title": "Produce the Ofsted Annex A lists",
            "intro": "One spreadsheet with a sheet for each of the 11 lists, in the template's columns and wording.",
        },
    )


@require_GET
def run(request: AuthedRequest, run_uuid: uuid_lib.UUID) -> HttpResponse:
    the_run = selectors.run_get_for(user=request.user, run_uuid=run_uuid)
    findings = None
    if the_run.validated_at is not None:
        findings = selectors.findings_for(user=request.user, run=the_run)
    return render(
        request,
        "returns/run.html",
        {
            "run": the_run,
            "findings": findings,
            "producer": bool(policy.can_produce_returns(request.user)),
            "status_url": reverse("returns:run_status", args=[the_run.uuid]),
            "nav_active": "returns",
        },
    )


@require_GET
def run_status(request: AuthedRequest, run_uuid: uuid_lib.UUID) -> JsonResponse:
    the_run = selectors.run_get_for(user=request.user, run_uuid=run_uuid)
    return JsonResponse(
        {
            "status": the_run.status,
            "stage": the_run.stage,
            "done": the_run.progress_done,
            "total": the_run.progress_total,
            "percent": the_run.percent,
            "finished": the_run.is_finished,
        }
    )


@require_GET
def run_download(request: AuthedRequest, run_uuid: uuid_lib.UUID) -> HttpResponse:
    require(policy.can_produce_returns(request.user), actor=request.user, action="return_download")
    the_run = selectors.run_get_for(user=request.user, run_uuid=run_uuid)
    if the_run.status != RunStatus.DONE:
        messages.info(request, "This return is not ready to download yet.")
        return redirect("returns:run", run_uuid=the_run.uuid)
    name, content_type, content = services.return_download(actor=request.user, run=the_run)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
