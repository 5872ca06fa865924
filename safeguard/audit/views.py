"""Information-governance pages: who looked at a child, what a user looked at, and the
break-glass review queue."""

from __future__ import annotations

import uuid as uuid_lib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from safeguard.access import services as access_services
from safeguard.accounts.http import AuthedRequest
from safeguard.lib.errors import InvalidTransition
from safeguard.lib.views import not_visible_is_404

from . import selectors
from .forms import BreakGlassReviewForm


def _page(request: AuthedRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


@not_visible_is_404
def child_access(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    person, page = selectors.child_access_log(user=request.user, child_uuid=child_uuid, page=_page(request))
    return render(request, "audit/child_access.html", {"person": person, "page": page, "nav_active": "audit"})


def users(request: AuthedRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:100]
    rows = selectors.users_for_audit(user=request.user, query=query)
    return render(request, "audit/users.html", {"rows": rows, "query": query, "nav_active": "audit_users"})


@not_visible_is_404
def user_access(request: AuthedRequest, user_uuid: uuid_lib.UUID) -> HttpResponse:
    subject, page = selectors.user_activity_log(user=request.user, user_uuid=user_uuid, page=_page(request))
    names = selectors.child_names_for(list(page.object_list))
    return render(
        request,
        "audit/user_access.html",
        {"subject": subject, "page": page, "names": names, "nav_active": "audit_users"},
    )


def break_glass_queue(request: AuthedRequest) -> HttpResponse:
    pending, reviewed = selectors.break_glass_queue(user=request.user)
    return render(
        request, "audit/break_glass_queue.html", {"pending": pending, "reviewed": reviewed, "nav_active": "audit"}
    )


@not_visible_is_404
@require_http_methods(["GET", "POST"])
def break_glass_review(request: AuthedRequest, grant_uuid: uuid_lib.UUID) -> HttpResponse:
    grant, during = selectors.break_glass_get(user=request.user, grant_uuid=grant_uuid)
    form = BreakGlassReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            access_services.break_glass_review(actor=request.user, grant=grant, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except InvalidTransition as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"The review of {grant.user.display_name}'s access has been saved.")
            return redirect("audit:break_glass_queue")
    return render(
        request,
        "audit/break_glass_review.html",
        {"grant": grant, "during": during, "form": form, "nav_active": "audit"},
    )
