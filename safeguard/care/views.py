"""Pages of children in care: the care record, episodes (start, change, end), reviews,
visits, plans, health and education, carers, and the children-in-care team view. Each
view opens the child through one selector (which asks the policy and records the view)
and acts through one service; a refusal is the policy's reason (403) or, for someone who
may not learn the child exists, the same 404 as a missing record."""

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
from django.views.decorators.http import require_http_methods

from safeguard.access import policy as access_policy
from safeguard.access.enforce import require
from safeguard.accounts.http import AuthedRequest
from safeguard.lib.errors import AccessDenied, InvalidTransition, NotVisible, StaleEdit

from . import policy, selectors, services
from .codes import CarerKind
from .forms import (
    BringForwardForm,
    CareEndForm,
    CarePlanForm,
    CarerEditForm,
    CarerForm,
    CareStartForm,
    EpisodeChangeForm,
    HealthCheckForm,
    IroForm,
    LibertyOrderForm,
    PepForm,
    PermanenceBeforeForm,
    ReviewForm,
    SdqForm,
    ShortBreakAgreementForm,
    UascForm,
    VisitForm,
    YearOutcomesForm,
    yes_no_initial,
)
from .models import Carer, CareRecord, Episode

View = Callable[..., HttpResponse]


def _refused(request: AuthedRequest, exc: AccessDenied) -> HttpResponse:
    person = exc.record
    if person is None:
        return render(request, "errors/403.html", {"reason": exc.decision.reason}, status=403)
    if not (access_policy.can_know_child_exists(request.user) or access_policy.can_view_child(request.user, person)):
        raise Http404("Page not found")
    return render(
        request,
        "people/refused.html",
        {
            "person": person,
            "reason": exc.decision.reason,
            "can_break_glass": bool(access_policy.can_break_glass(request.user, person)),
        },
        status=403,
    )


def care_page(view: View) -> View:
    @wraps(view)
    def wrapper(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotVisible:
            raise Http404("Page not found") from None
        except AccessDenied as exc:
            return _refused(request, exc)

    return wrapper


def _record_url(care: selectors.CareFile) -> str:
    return reverse("care:record", args=[care.person.uuid])


def _form_page(
    request: AuthedRequest,
    care: selectors.CareFile,
    form: Any,
    title: str,
    *,
    back: tuple[str, str] | None = None,
    conflict: str | None = None,
    changes: list[tuple[str, Any, Any]] | None = None,
    intro: str = "",
) -> HttpResponse:
    back_url, back_text = back or (_record_url(care), "Back to the care record")
    return render(
        request,
        "casework/form.html",
        {
            "record": care,
            "person": care.person,
            "form": form,
            "title": title,
            "back_url": back_url,
            "back_text": back_text,
            "conflict": conflict,
            "changes": changes or [],
            "intro": intro,
        },
    )


def _save(form: Any, act: Callable[[], Any]) -> tuple[Any, str | None]:
    try:
        return act(), None
    except ValidationError as exc:
        form.add_service_errors(exc)
    except InvalidTransition as exc:
        form.add_error(None, str(exc))
    except StaleEdit as exc:
        return None, exc.changed_by or "Someone else"
    return None, None


def _open(request: AuthedRequest, child_uuid: uuid_lib.UUID, purpose: str, check: Any) -> selectors.CareFile:
    return selectors.care_file_for(user=request.user, child_uuid=child_uuid, purpose=purpose, check=check)


# --- The care record ---------------------------------------------------------------------------


@care_page
def record(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    care = _open(request, child_uuid, "care_record", policy.can_view_care)
    summary = selectors.care_summary(user=request.user, person=care.person, today=care.today, limit=200)
    return render(request, "care/record.html", {"record": care, "person": care.person, "c": summary})


@care_page
@require_http_methods(["GET", "POST"])
def start(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    care = _open(request, child_uuid, "care_start", policy.can_record_care)
    form = CareStartForm(request.POST or None, initial={"start_date": care.today.day})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        placement = form.placement()
        assert placement is not None
        episode, _ = _save(
            form,
            lambda: services.care_start(
                actor=request.user,
                child=care.person,
                start_date=d["start_date"],
                legal_status=d["legal_status"],
                category_of_need=d["category_of_need"],
                placement=placement,
                home_postcode=d.get("home_postcode") or "",
                iro=d.get("iro"),
            ),
        )
        if episode is not None:
            messages.success(
                request, f"{care.person.full_name} is recorded as looked after from {d['start_date']:%-d %B %Y}."
            )
            return redirect("care:record", child_uuid=care.person.uuid)
    return _form_page(request, care, form, "Record that the child is looked after")


def _current(care: selectors.CareFile) -> Episode | None:
    return Episode.objects.filter(child=care.person, end_date__isnull=True).select_related("carer").first()


def _record_version(care: selectors.CareFile) -> int:
    return CareRecord.objects.filter(child=care.person).values_list("version", flat=True).first() or 0


def _episode_text(episode: Episode | None) -> str:
    if episode is None:
        return "not looked after"
    return f"{episode.legal_status} / {episode.placement_type} from {episode.start_date:%-d %B %Y}"


@care_page
@require_http_methods(["GET", "POST"])
def change(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    care = _open(request, child_uuid, "care_episode_change", policy.can_record_care)
    current = _current(care)
    if current is None:
        messages.info(request, "The child is not looked after: record the start of care first.")
        return redirect("care:record", child_uuid=care.person.uuid)
    initial = {
        "on": care.today.day,
        "version": care.record.version if care.record else 0,
        "placement_type": current.placement_type,
        "placement_provider": current.placement_provider,
        "placement_postcode": current.placement_postcode,
        "urn": current.urn,
        "carer": current.carer_id,
        "visit_cadence": current.visit_cadence,
        "intended_to_18": current.placement_intended_to_18,
    }
    form = EpisodeChangeForm(request.POST or None, initial=initial)
    conflict, changes = None, None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        episode, conflict = _save(
            form,
            lambda: services.episode_change(
                actor=request.user,
                child=care.person,
                on=d["on"],
                kind=d["kind"],
                expected_version=d["version"],
                legal_status=d.get("legal_status") or None,
                placement=form.placement(),
                placement_change_reason=d.get("placement_change_reason") or "",
            ),
        )
        if episode is not None:
            messages.success(request, f"The change is recorded: new episode from {episode.start_date:%-d %B %Y}.")
            return redirect("care:record", child_uuid=care.person.uuid)
        if conflict:
            now = _current(care)
            changes = [("Current episode", f"version {d['version']} when you opened it", _episode_text(now))]
            data = request.POST.copy()
            data["version"] = str(_record_version(care))
            form = EpisodeChangeForm(data, initial=initial)
            form.is_valid()
    return _form_page(
        request,
        care,
        form,
        "Record a change of placement or legal status",
        conflict=conflict,
        changes=changes,
        intro=f"The current episode: {_episode_text(current)}. It ends on the date of the change and the next one "
        "starts the same day.",
    )


@care_page
@require_http_methods(["GET", "POST"])
def end(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    care = _open(request, child_uuid, "care_end", policy.can_record_care)
    current = _current(care)
    if current is None:
        messages.info(request, "The child is not looked after.")
        return redirect("care:record", child_uuid=care.person.uuid)
    version = care.record.version if care.record else 0
    form = CareEndForm(request.POST or None, initial={"on": care.today.day, "version": version})
    conflict, changes = None, None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        episode, conflict = _save(
            form,
            lambda: services.care_end(
                actor=request.user,
                child=care.person,
                on=d["on"],
                end_reason=d["end_reason"],
                expected_version=d["version"],
                placement_change_reason=d.get("placement_change_reason") or "",
            ),
        )
        if episode is not None:
            messages.success(request, f"{care.person.full_name} stopped being looked after on {d['on']:%-d %B %Y}.")
            return redirect("care:record", child_uuid=care.person.uuid)
        if conflict:
            now = _current(care)
            changes = [("Current episode", f"version {d['version']} when you opened it", _episode_text(now))]
            data = request.POST.copy()
            data["version"] = str(_record_version(care))
            form = CareEndForm(data)
            form.is_valid()
    return _form_page(
        request, care, form, "Record that the child has stopped being looked after", conflict=conflict, changes=changes
    )


@care_page
@require_http_methods(["GET", "POST"])
def iro(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    care = _open(request, child_uuid, "care_iro_assign", policy.can_record_care)
    form = IroForm(request.POST or None, initial={"iro": care.record.iro_id if care.record else None})
    if request.method == "POST" and form.is_valid():
        done, _ = _save(
            form, lambda: services.iro_assign(actor=request.user, child=care.person, iro=form.cleaned_data["iro"])
        )
        if done is not None:
            messages.success(
                request, f"{form.cleaned_data['iro'].get_full_name()} is the independent reviewing officer."
            )
            return redirect("care:record", child_uuid=care.person.uuid)
    return _form_page(request, care, form, "Assign the independent reviewing officer")


# --- Reviews, visits, plans ---------------------------------------------------------------


@care_page
@require_http_methods(["GET", "POST"])
def review_new(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    care = _open(request, child_uuid, "care_review", policy.can_chair_review)
    form = ReviewForm(request.POST or None, initial={"held_on": care.today.day})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        review, _ = _save(
            form,
            lambda: services.review_record(
                actor=request.user,
                child=care.person,
                held_on=d["held_on"],
                participation=d["participation"],
                decisions=d["decisions"],
                child_views=d.get("child_views") or "",
                actions=d["actions"],
            ),
        )
        if review is not None:
            care_record = CareRecord.objects.get(child=care.person)
            due = care_record.next_review_due
            messages.success(
                request,
                f"Review {review.sequence} is recorded."
                + (f" The next review is due by {due:%-d %B %Y}." if due else ""),
            )
            return redirect("care:record", child_uuid=care.person.uuid)
    due = care.record.next_review_due if care.record else None
    intro = f"This review is due by {due:%-d %B %Y}." if due else ""
    return _form_page(request, care, form, "Record a looked-after review", intro=intro)


@care_page
@require_http_methods(["GET", "POST"])
def review_bring_forward(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    care = _open(request, child_uuid, "care_review_bring_forward", policy.can_chair_review)
    form = BringForwardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done, _ = _save(
            form,
            lambda: services.review_bring_forward(
                actor=request.user, child=care.person, to=d["to"], reason=d["reason"]
            ),
        )
        if done is not None:
            messages.success(request, f"The review is brought forward to {d['to']:%-d %B %Y}.")
            return redirect("care:record", child_uuid=care.person.uuid)
    return _form_page(request, care, form, "Bring the next review forward")


@care_page
@require_http_methods(["GET", "POST"])
def visit_new(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    care = _open(request, child_uuid, "care_visit", policy.can_record_care)
    form = VisitForm(request.POST or None, initial={"visited_on": care.today.day, "child_seen": True})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        visit, _ = _save(
            form,
            lambda: services.visit_record(
                actor=request.user,
                child=care.person,
                visited_on=d["visited_on"],
                summary=d["summary"],
                child_seen=d["child_seen"],
                child_seen_alone=d["child_seen_alone"],
                not_seen_alone_reason=d.get("not_seen_alone_reason") or "",
                child_requested=d["child_requested"],
            ),
        )
        if visit is not None:
            messages.success(request, f"The visit of {d['visited_on']:%-d %B %Y} is recorded.")
            return redirect("care:record", child_uuid=care.person.uuid)
    return _form_page(request, care, form, "Record a statutory visit")


@care_page
@require_http_methods(["GET", "POST"])
def plan_new(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    care = _open(request, child_uuid, "care_plan", policy.can_record_care)
    form = CarePlanForm(request.POST or None, initial={"agreed_on": care.today.day})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        plan, _ = _save(
            form,
            lambda: services.care_plan_record(
                actor=request.user,
                child=care.person,
                kind=d["kind"],
                agreed_on=d["agreed_on"],
                summary=d["summary"],
                permanence_option=d.get("permanence_option") or "",
            ),
        )
        if plan is not None:
            messages.success(request, f"The {plan.get_kind_display().lower()} is saved.")
            return redirect("care:record", child_uuid=care.person.uuid)
    return _form_page(request, care, form, "Record the care plan or permanence plan")


@care_page
@require_http_methods(["GET", "POST"])
def short_break_agreement_new(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    care = _open(request, child_uuid, "care_short_break", policy.can_record_care)
    form = ShortBreakAgreementForm(request.POST or None, initial={"start_date": care.today.day})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        agreement, _ = _save(
            form,
            lambda: services.short_break_agreement_record(
                actor=request.user,
                child=care.person,
                start_date=d["start_date"],
                planned_days_per_year=d["planned_days_per_year"],
                longest_stay_days=d["longest_stay_days"],
                carer=d.get("carer"),
                visit_interval_agreed=d.get("visit_interval_agreed") or "",
            ),
        )
        if agreement is not None:
            messages.success(request, f"The short-break agreement from {agreement.start_date:%-d %B %Y} is recorded.")
            return redirect("care:record", child_uuid=care.person.uuid)
    intro = (
        "A series of pre-planned short breaks in one place (legal status V4). No single stay may be longer than "
        "17 days and the short breaks may not add up to more than 75 days a year (Care Planning Regulations 2010, "
        "reg 48)."
    )
    return _form_page(request, care, form, "Record a short-break agreement", intro=intro)


# --- Health and education (partners too) -----------------------------------------------------


@care_page
def health(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    care = _open(request, child_uuid, "care_health", policy.can_view_care_health)
    summary = selectors.care_summary(user=request.user, person=care.person, today=care.today, limit=200)
    return render(request, "care/health.html", {"record": care, "person": care.person, "c": summary})


@care_page
@require_http_methods(["GET", "POST"])
def health_new(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    care = _open(request, child_uuid, "care_health_record", policy.can_record_care_health)
    form = HealthCheckForm(request.POST or None, initial={"done_on": care.today.day})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        check, _ = _save(
            form,
            lambda: services.health_check_record(
                actor=request.user,
                child=care.person,
                kind=d["kind"],
                done_on=d["done_on"],
                by_whom=d["by_whom"],
                outcome=d.get("outcome") or "",
                immunisations_up_to_date=form.up_to_date(),
            ),
        )
        if check is not None:
            messages.success(request, f"The {check.get_kind_display().lower()} is recorded.")
            return redirect("care:health", child_uuid=care.person.uuid)
    back = (reverse("care:health", args=[care.person.uuid]), "Back to health")
    return _form_page(request, care, form, "Record a health assessment or check", back=back)


@care_page
@require_http_methods(["GET", "POST"])
def sdq_new(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    care = _open(request, child_uuid, "care_sdq", policy.can_record_care_health)
    form = SdqForm(request.POST or None, initial={"completed_on": care.today.day})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        sdq, _ = _save(
            form,
            lambda: services.sdq_record(
                actor=request.user,
                child=care.person,
                completed_on=d["completed_on"],
                score=d.get("score"),
                reason=d.get("reason") or "",
            ),
        )
        if sdq is not None:
            messages.success(request, "The SDQ is recorded.")
            return redirect("care:health", child_uuid=care.person.uuid)
    back = (reverse("care:health", args=[care.person.uuid]), "Back to health")
    return _form_page(request, care, form, "Record a Strengths and Difficulties Questionnaire", back=back)


@care_page
def education(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    care = _open(request, child_uuid, "care_education", policy.can_view_care_education)
    summary = selectors.care_summary(user=request.user, person=care.person, today=care.today, limit=200)
    return render(request, "care/education.html", {"record": care, "person": care.person, "c": summary})


@care_page
@require_http_methods(["GET", "POST"])
def pep_new(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    care = _open(request, child_uuid, "care_pep", policy.can_record_care_education)
    form = PepForm(request.POST or None, initial={"reviewed_on": care.today.day})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        pep, _ = _save(
            form,
            lambda: services.pep_record(
                actor=request.user,
                child=care.person,
                reviewed_on=d["reviewed_on"],
                school=d["school"],
                targets=d["targets"],
                designated_teacher=d.get("designated_teacher") or "",
                attendance_percent=d.get("attendance_percent"),
            ),
        )
        if pep is not None:
            messages.success(request, "The personal education plan is recorded.")
            return redirect("care:education", child_uuid=care.person.uuid)
    back = (reverse("care:education", args=[care.person.uuid]), "Back to education")
    return _form_page(request, care, form, "Record a personal education plan meeting", back=back)


# --- Carers and the team view -------------------------------------------------------------


@care_page
@require_http_methods(["GET", "POST"])
def carer_new(request: AuthedRequest) -> HttpResponse:
    require(policy.can_add_carer(request.user), actor=request.user, action="carer_create")
    form = CarerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        carer, _ = _save(
            form,
            lambda: services.carer_create(
                actor=request.user,
                name=d["name"],
                kind=d["kind"],
                provider=d.get("provider") or "",
                postcode=d.get("postcode") or "",
                urn=d.get("urn") or "",
                approved_on=d.get("approved_on"),
            ),
        )
        if carer is not None:
            messages.success(request, f"{carer.name} is added to the carers and settings.")
            return redirect(request.GET["next"]) if _safe_next(request) else redirect("care:carers")
    return render(request, "care/carer_form.html", {"form": form, "title": "Add a carer or setting"})


CARER_LABELS = {
    "name": "Name",
    "kind": "Kind",
    "provider": "Usual placement provider",
    "postcode": "Postcode",
    "urn": "Ofsted URN",
    "approved_on": "Date approved or registered",
    "active": "In use for new placements",
}


def _carer_initial(carer: Carer) -> dict[str, Any]:
    return {
        "name": carer.name,
        "kind": carer.kind,
        "provider": carer.provider,
        "postcode": carer.postcode,
        "urn": carer.urn,
        "approved_on": carer.approved_on,
        "active": carer.active,
        "version": carer.version,
    }


def _carer_value(name: str, value: Any) -> Any:
    """A value from the audit trail in words: yes or no, the kind's name."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if name == "kind" and value in CarerKind.values:
        return CarerKind(value).label
    return value


@care_page
@require_http_methods(["GET", "POST"])
def carer_edit(request: AuthedRequest, carer_uuid: uuid_lib.UUID) -> HttpResponse:
    require(policy.can_add_carer(request.user), actor=request.user, action="carer_update")
    carer = selectors.carer_by_uuid(carer_uuid)
    if carer is None:
        raise Http404("Page not found")
    form = CarerEditForm(request.POST or None, initial=_carer_initial(carer))
    page: dict[str, Any] = {"form": form, "title": f"Change {carer.name}", "carer": carer}
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done, stale = _save_versioned(
            form,
            lambda: services.carer_update(
                actor=request.user,
                carer=carer,
                expected_version=d["version"],
                name=d["name"],
                kind=d["kind"],
                provider=d.get("provider") or "",
                postcode=d.get("postcode") or "",
                urn=d.get("urn") or "",
                approved_on=d.get("approved_on"),
                active=bool(d.get("active")),
            ),
        )
        if done is not None:
            messages.success(request, f"{done.name} is saved.")
            return redirect("care:carers")
        if stale is not None:
            # The user's input kept, with the version now, and what others changed.
            carer.refresh_from_db()
            data = request.POST.copy()
            data["version"] = str(carer.version)
            form = CarerEditForm(data, initial=_carer_initial(carer))
            form.is_valid()
            page.update(
                form=form,
                conflict=stale.changed_by or "Someone else",
                changes=[
                    (CARER_LABELS.get(n, n), _carer_value(n, before), _carer_value(n, after))
                    for n, (before, after) in stale.changes.items()
                ],
            )
    return render(request, "care/carer_form.html", page)


@care_page
def carers(request: AuthedRequest) -> HttpResponse:
    require(policy.can_add_carer(request.user), actor=request.user, action="carer_list")
    return render(request, "care/carers.html", {"carers": selectors.carers_with_counts()})


def _safe_next(request: AuthedRequest) -> bool:
    target = request.GET.get("next", "")
    return target.startswith("/") and not target.startswith("//")


@care_page
def team(request: AuthedRequest) -> HttpResponse:
    show = request.GET.get("show", "all")
    if show not in selectors.TEAM_FILTERS:
        show = "all"
    rows = selectors.team_view(user=request.user, show=show)
    return render(
        request,
        "care/team.html",
        {
            "rows": rows,
            "show": show,
            "filters": selectors.TEAM_FILTERS,
            "can_add_carer": bool(policy.can_add_carer(request.user)),
        },
    )


# --- UASC, previous permanence, yearly outcomes, deprivation of liberty orders -------------


def _save_versioned(form: Any, act: Callable[[], Any]) -> tuple[Any, StaleEdit | None]:
    """Like ``_save``, keeping the refusal of a stale save to show what changed."""
    try:
        return act(), None
    except ValidationError as exc:
        form.add_service_errors(exc)
    except InvalidTransition as exc:
        form.add_error(None, str(exc))
    except StaleEdit as exc:
        return None, exc
    return None, None


def _stale_page(
    request: AuthedRequest,
    care: selectors.CareFile,
    form_class: Any,
    stale: StaleEdit,
    version: int,
    title: str,
    labels: dict[str, str],
    **page: Any,
) -> HttpResponse:
    """The user's input kept, with the record's version now, and what changed."""
    data = request.POST.copy()
    data["version"] = str(version)
    form = form_class(data)
    form.is_valid()
    changes = [(labels.get(name, name), "as you opened it", now) for name, (_, now) in stale.changes.items()]
    return _form_page(request, care, form, title, conflict=stale.changed_by or "Someone else", changes=changes, **page)


@care_page
@require_http_methods(["GET", "POST"])
def uasc(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    care = _open(request, child_uuid, "care_uasc", policy.can_record_care)
    if care.record is None:
        messages.info(request, "The child has never been looked after.")
        return redirect("care:record", child_uuid=care.person.uuid)
    initial = {
        "uasc": yes_no_initial(care.record.uasc),
        "uasc_ceased_on": care.record.uasc_ceased_on,
        "version": care.record.version,
    }
    form = UascForm(request.POST or None, initial=initial)
    title = "Unaccompanied asylum-seeking child"
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done, stale = _save_versioned(
            form,
            lambda: services.uasc_record(
                actor=request.user,
                child=care.person,
                uasc=bool(d["uasc"]),
                ceased_on=d.get("uasc_ceased_on"),
                expected_version=d["version"],
            ),
        )
        if done is not None:
            messages.success(request, "The UASC status is saved.")
            return redirect("care:record", child_uuid=care.person.uuid)
        if stale is not None:
            labels = {"uasc": "UASC", "uasc_ceased_on": "Date UASC status ceased"}
            return _stale_page(request, care, UascForm, stale, _record_version(care), title, labels)
    return _form_page(request, care, form, title)


@care_page
@require_http_methods(["GET", "POST"])
def permanence_before(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    care = _open(request, child_uuid, "care_permanence_before", policy.can_record_care)
    if care.record is None:
        messages.info(request, "The child has never been looked after.")
        return redirect("care:record", child_uuid=care.person.uuid)
    found = selectors.permanence_before_of(care.person, care.record.period_start)
    initial = (
        {"option": found.option, "la_code": found.la_code, "order_date": found.order_date, "version": found.version}
        if found
        else {"version": 0}
    )
    form = PermanenceBeforeForm(request.POST or None, initial=initial)
    title = "Previous permanence option"
    intro = f"Before the period of care that began on {care.record.period_start:%-d %B %Y} (SSDA903 PrevPerm)."
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done, stale = _save_versioned(
            form,
            lambda: services.permanence_before_record(
                actor=request.user,
                child=care.person,
                option=d["option"],
                la_code=d.get("la_code") or "",
                order_date=d.get("order_date"),
                expected_version=d["version"],
            ),
        )
        if done is not None:
            messages.success(request, "The previous permanence option is saved.")
            return redirect("care:record", child_uuid=care.person.uuid)
        if stale is not None:
            now = selectors.permanence_before_of(care.person, care.record.period_start)
            labels = {"option": "Previous permanence", "la_code": "Authority", "order_date": "Date of the order"}
            return _stale_page(
                request, care, PermanenceBeforeForm, stale, now.version if now else 0, title, labels, intro=intro
            )
    return _form_page(request, care, form, title, intro=intro)


@care_page
@require_http_methods(["GET", "POST"])
def outcomes(request: AuthedRequest, child_uuid: uuid_lib.UUID, year: int) -> HttpResponse:
    care = _open(request, child_uuid, "care_year_outcomes", policy.can_record_care)
    if care.record is None:
        messages.info(request, "The child has never been looked after.")
        return redirect("care:record", child_uuid=care.person.uuid)
    if not 2000 < year <= care.today.day.year + 1:
        raise Http404("Page not found")
    found = selectors.year_outcomes_of(care.person, year)
    initial: dict[str, Any] = {"version": found.version if found else 0}
    if found is not None:
        initial.update({name: yes_no_initial(getattr(found, name)) for name in services.OUTCOME_FIELDS})
    form = YearOutcomesForm(request.POST or None, initial=initial)
    title = f"Outcomes for the year to 31 March {year}"
    intro = "For a child looked after for 12 months at 31 March (SSDA903 OC2)."
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done, stale = _save_versioned(
            form,
            lambda: services.year_outcomes_record(
                actor=request.user,
                child=care.person,
                year=year,
                expected_version=d["version"],
                **{name: d.get(name) for name in services.OUTCOME_FIELDS},
            ),
        )
        if done is not None:
            messages.success(request, f"The outcomes for the year to 31 March {year} are saved.")
            return redirect("care:record", child_uuid=care.person.uuid)
        if stale is not None:
            now = selectors.year_outcomes_of(care.person, year)
            labels = {
                "convicted": "Convicted",
                "substance_misuse": "Substance misuse",
                "intervention_received": "Intervention received",
                "intervention_offered": "Intervention offered",
            }
            return _stale_page(
                request, care, YearOutcomesForm, stale, now.version if now else 0, title, labels, intro=intro
            )
    return _form_page(request, care, form, title, intro=intro)


@care_page
@require_http_methods(["GET", "POST"])
def liberty_order(
    request: AuthedRequest, child_uuid: uuid_lib.UUID, order_uuid: uuid_lib.UUID | None = None
) -> HttpResponse:
    care = _open(request, child_uuid, "care_liberty_order", policy.can_record_care)
    order = None
    if order_uuid is not None:
        order = selectors.liberty_order_of(care.person, order_uuid)
        if order is None:
            raise Http404("Page not found")
    initial = (
        {"start_date": order.start_date, "end_date": order.end_date, "version": order.version}
        if order
        else {"version": 0}
    )
    form = LibertyOrderForm(request.POST or None, initial=initial)
    title = "Deprivation of liberty order" if order is None else "Change the deprivation of liberty order"
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done, stale = _save_versioned(
            form,
            lambda: services.liberty_order_record(
                actor=request.user,
                child=care.person,
                start_date=d["start_date"],
                end_date=d.get("end_date"),
                expected_version=d["version"],
                order=order,
            ),
        )
        if done is not None:
            messages.success(request, "The deprivation of liberty order is saved.")
            return redirect("care:record", child_uuid=care.person.uuid)
        if stale is not None:
            now = selectors.liberty_order_of(care.person, order_uuid) if order_uuid else None
            labels = {"start_date": "Start", "end_date": "End"}
            return _stale_page(request, care, LibertyOrderForm, stale, now.version if now else 0, title, labels)
    return _form_page(request, care, form, title)
