"""The indicators dashboard, its drill-downs and their spreadsheets. Thin views: the
selectors ask the policy and record each view."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeguard.accounts.http import AuthedRequest

from . import exports, selectors

View = Callable[..., HttpResponse]
# A drill-down page lists at most this many records; its spreadsheet has them all.
PAGE_ROWS = 500


def _known(view: View) -> View:
    """An unknown indicator, month or filter is a page that does not exist."""

    @wraps(view)
    def wrapper(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except (KeyError, ValueError):
            raise Http404("Page not found") from None

    return wrapper


@require_GET
def dashboard(request: AuthedRequest) -> HttpResponse:
    board = selectors.dashboard_for(user=request.user)
    return render(
        request,
        "indicators/dashboard.html",
        {"board": board, "charts": board.charts(), "nav_active": "indicators"},
    )


@require_GET
def dashboard_export(request: AuthedRequest) -> HttpResponse:
    board = selectors.dashboard_for(user=request.user)
    body = exports.dashboard_xlsx(user=request.user, board=board)
    response = HttpResponse(body, content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="indicators-{board.periods[-1].key}.xlsx"'
    return response


def _which(request: AuthedRequest) -> str:
    return request.GET.get("which", "all")


@require_GET
@_known
def drilldown(request: AuthedRequest, indicator_code: str, indicator_month: str) -> HttpResponse:
    drill = selectors.drilldown_for(
        user=request.user, code=indicator_code, month=indicator_month, which=_which(request)
    )
    return render(
        request,
        "indicators/drilldown.html",
        {"drill": drill, "page_rows": PAGE_ROWS, "page_slice": f":{PAGE_ROWS}", "nav_active": "indicators"},
    )


@require_GET
@_known
def drilldown_export(request: AuthedRequest, indicator_code: str, indicator_month: str) -> HttpResponse:
    drill = selectors.drilldown_for(
        user=request.user, code=indicator_code, month=indicator_month, which=_which(request)
    )
    body = exports.drilldown_xlsx(user=request.user, drill=drill)
    response = HttpResponse(body, content_type=exports.XLSX_CONTENT_TYPE)
    name = f"{drill.indicator.code}-{drill.period.key}-{drill.which}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
