"""Inspection pages: the history of judgements, recording an inspection, its sample and
inspectors' access (head of service), and the self-evaluation. Rules are in services.py
and the policy; each page reads through a selector."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_lib
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from safeguard.access import policy
from safeguard.access.enforce import require
from safeguard.accounts.http import AuthedRequest
from safeguard.lib.errors import InvalidTransition, StaleEdit
from safeguard.people.models import Person

from . import pack, selectors, services
from .codes import Area
from .forms import AccessForm, InspectionForm, SampleForm, SelfEvaluationForm
from .models import Inspection, InspectorAccess, SampledChild, SelfEvaluation


def _indicator_choices() -> list[tuple[str, str]]:
    try:
        from safeguard.indicators import definitions
    except ImportError:  # the indicators context is not installed
        return []
    return [(i.code, i.title) for i in definitions.available()]


def home(request: AuthedRequest) -> HttpResponse:
    history = selectors.judgement_history(user=request.user)
    evaluation = selectors.self_evaluation(user=request.user)
    return render(
        request,
        "inspection/home.html",
        {
            "history": history,
            "evaluation": evaluation,
            "can_manage": bool(policy.can_manage_inspections(request.user)),
            "nav_active": "inspection",
        },
    )


@require_http_methods(["GET", "POST"])
def inspection_new(request: AuthedRequest) -> HttpResponse:
    require(policy.can_manage_inspections(request.user), actor=request.user, action="record_inspection")
    form = InspectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inspection = services.inspection_record(
                actor=request.user,
                kind=data["kind"],
                fieldwork_start=data["fieldwork_start"],
                fieldwork_end=data["fieldwork_end"],
                published_on=data["published_on"],
                summary=data["summary"],
                judgements=form.judgements(),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"The {inspection} has been recorded.")
            return redirect("inspection:detail", inspection.uuid)
    return render(
        request,
        "inspection/form.html",
        {"form": form, "title": "Record an inspection or visit", "nav_active": "inspection"},
    )


def _inspection(request: AuthedRequest, inspection_uuid: uuid_lib.UUID) -> Inspection:
    try:
        return selectors.inspection_get(user=request.user, inspection_uuid=inspection_uuid)
    except Inspection.DoesNotExist:
        raise Http404("Page not found") from None


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@require_http_methods(["GET", "POST"])
def inspection_detail(request: AuthedRequest, inspection_uuid: uuid_lib.UUID) -> HttpResponse:
    inspection = _inspection(request, inspection_uuid)
    sample_form = SampleForm(request.POST if request.POST.get("form") == "sample" else None, prefix="sample")
    access_form = AccessForm(request.POST if request.POST.get("form") == "access" else None, prefix="access")
    if request.method == "POST" and request.POST.get("form") == "sample" and sample_form.is_valid():
        reference = sample_form.cleaned_data["child_id"].strip().upper()
        child = Person.objects.filter(la_id=reference).first()
        if child is None:
            sample_form.add_error(
                "child_id", f"No record has the Safeguard ID {reference}. Check it on the child's record."
            )
        else:
            try:
                services.sample_add(
                    actor=request.user, inspection=inspection, child=child, reason=sample_form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                sample_form.add_service_errors(exc)
            else:
                messages.success(request, f"{child.full_name} is in the sample.")
                return redirect("inspection:detail", inspection.uuid)
    if request.method == "POST" and request.POST.get("form") == "access" and access_form.is_valid():
        data = access_form.cleaned_data
        try:
            services.access_grant(
                actor=request.user,
                inspection=inspection,
                inspector=data["inspector"],
                starts_at=_start_of(data["starts_on"]),
                ends_at=_start_of(data["ends_on"] + dt.timedelta(days=1)),
            )
        except ValidationError as exc:
            access_form.add_service_errors(exc)
        else:
            messages.success(request, f"{data['inspector'].display_name} can read the sample while access is open.")
            return redirect("inspection:detail", inspection.uuid)
    return render(
        request,
        "inspection/detail.html",
        {
            "inspection": inspection,
            "judgements": list(inspection.judgements.all()),
            "sample": selectors.sample_for(inspection),
            "accesses": selectors.accesses_for(inspection),
            "now": timezone.now(),
            "sample_form": sample_form,
            "access_form": access_form,
            "nav_active": "inspection",
        },
    )


@require_POST
def sample_remove(request: AuthedRequest, inspection_uuid: uuid_lib.UUID, child_uuid: uuid_lib.UUID) -> HttpResponse:
    inspection = _inspection(request, inspection_uuid)
    sampled = SampledChild.objects.filter(inspection=inspection, child__uuid=child_uuid).select_related("child").first()
    if sampled is None:
        raise Http404("Page not found")
    services.sample_remove(actor=request.user, sampled=sampled)
    messages.success(request, f"{sampled.child.full_name} is no longer in the sample.")
    return redirect("inspection:detail", inspection.uuid)


@require_POST
def access_end(request: AuthedRequest, access_uuid: uuid_lib.UUID) -> HttpResponse:
    require(policy.can_manage_inspections(request.user), actor=request.user, action="end_inspector_access")
    access = InspectorAccess.objects.filter(uuid=access_uuid).select_related("inspection", "inspector").first()
    if access is None:
        raise Http404("Page not found")
    try:
        services.access_end(actor=request.user, access=access)
    except InvalidTransition as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{access.inspector.display_name}'s access has ended.")
    return redirect("inspection:detail", access.inspection.uuid)


@require_http_methods(["GET", "POST"])
def self_evaluation_edit(request: AuthedRequest, area: str) -> HttpResponse:
    require(policy.can_manage_inspections(request.user), actor=request.user, action="self_evaluate")
    if area not in Area.values:
        raise Http404("Page not found")
    current = SelfEvaluation.objects.filter(area=area).first()
    initial: dict[str, Any] = {"version": current.version if current else None}
    if current is not None:
        initial |= {
            "grade": str(current.grade or ""),
            "strengths": current.strengths,
            "priorities": current.priorities,
            "indicators": current.indicators,
        }
    choices = _indicator_choices()
    form = SelfEvaluationForm(request.POST or None, initial=initial, indicator_choices=choices)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.self_evaluation_save(
                actor=request.user,
                area=area,
                grade=form.grade_value(),
                strengths=data["strengths"],
                priorities=data["priorities"],
                indicators=data["indicators"],
                expected_version=data["version"],
            )
        except StaleEdit as exc:
            conflict = exc.changed_by or "someone else"
            fresh = SelfEvaluation.objects.get(area=area)
            resubmitted = request.POST.copy()
            resubmitted["version"] = str(fresh.version)
            form = SelfEvaluationForm(resubmitted, indicator_choices=choices)
            form.is_valid()
            form.add_error(
                None,
                f"{conflict} saved this area's self-evaluation after you opened it. Their version is shown below "
                "yours: check it, then save again to keep your words.",
            )
            current = fresh
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"The self-evaluation of {Area(area).label.lower()} has been saved.")
            return redirect("inspection:home")
    return render(
        request,
        "inspection/self_evaluation_form.html",
        {
            "form": form,
            "area_label": Area(area).label,
            "current": current,
            "conflict": conflict,
            "nav_active": "inspection",
        },
    )


def self_evaluation_pdf(request: AuthedRequest) -> HttpResponse:
    data = pack.build(user=request.user)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="self-evaluation.pdf"'
    return response
