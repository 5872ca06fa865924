"""A child's chronology: the page, and its PDF and spreadsheet exports."""

from __future__ import annotations

import uuid as uuid_lib
from dataclasses import dataclass
from urllib.parse import urlencode

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from safeguard.access import policy
from safeguard.accounts.http import AuthedRequest
from safeguard.lib.errors import AccessDenied
from safeguard.lib.views import not_visible_is_404
from safeguard.people import selectors as people_selectors

from . import chronology_export
from .chronology import (
    KINDS,
    NEWEST_FIRST,
    OLDEST_FIRST,
    Chronology,
    ChronologyEntry,
    ChronologyFilter,
    chronology_for_export,
)
from .chronology import chronology_get_for as chronology_selector


class ChronologyFilterForm(forms.Form):
    """The filter, read from GET parameters. It only renders: ``ChronologyFilter`` parses
    the query and ignores values it does not know rather than refusing the page."""

    type = forms.MultipleChoiceField(label="Type", widget=forms.CheckboxSelectMultiple, required=False)
    agency = forms.MultipleChoiceField(label="Agency", widget=forms.CheckboxSelectMultiple, required=False)
    order = forms.ChoiceField(
        label="Order",
        choices=[(NEWEST_FIRST, "Newest first"), (OLDEST_FIRST, "Oldest first")],
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, chronology: Chronology) -> None:
        filters = chronology.filters
        super().__init__(
            initial={"type": sorted(filters.kinds), "agency": sorted(filters.agencies), "order": filters.order}
        )
        kinds = dict(chronology.kind_counts)
        for k in filters.kinds:  # a chosen type stays listed even when nothing of it is visible
            kinds.setdefault(k, 0)
        agencies = dict(chronology.agency_counts)
        for a in filters.agencies:
            agencies.setdefault(a, 0)
        self.fields["type"].choices = [(k, f"{KINDS[k]} ({kinds[k]})") for k in KINDS if k in kinds]  # type: ignore[attr-defined]
        self.fields["agency"].choices = [(a, f"{a} ({n})") for a, n in sorted(agencies.items())]  # type: ignore[attr-defined]
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # a GET form: a token would end up in the address
        self.helper.layout = Layout(
            Field.checkboxes("type", legend_size=Size.SMALL, small=True),
            Field.checkboxes("agency", legend_size=Size.SMALL, small=True),
            Field.radios("order", legend_size=Size.SMALL, small=True),
            Submit("filter", "Apply filters"),
        )


def _refused(request: AuthedRequest, exc: AccessDenied) -> HttpResponse:
    """As on the child's record: children's services staff learn why they are refused;
    anyone else gets the same 404 as a missing record."""
    person = exc.record
    if person is None or not policy.can_know_child_exists(request.user):
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


@not_visible_is_404
@require_GET
def chronology(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    filters = ChronologyFilter.from_query(request.GET)
    try:
        merged = people_selectors.merged_record_get_for(user=request.user, child_uuid=child_uuid)
        if merged is not None:
            return redirect(_with_query(reverse("casework:chronology", args=[merged.keep.uuid]), filters))
        found = chronology_selector(user=request.user, child_uuid=child_uuid, filters=filters)
    except AccessDenied as exc:
        return _refused(request, exc)
    person = found.person
    here = reverse("casework:chronology", args=[person.uuid])
    pages = max(1, -(-len(found.entries) // PAGE_SIZE))
    try:
        number = min(max(int(request.GET.get("page", "1")), 1), pages)
    except ValueError:
        number = 1
    first = (number - 1) * PAGE_SIZE
    shown = [_Shown.of(entry) for entry in found.entries[first : first + PAGE_SIZE]]
    return render(
        request,
        "casework/chronology.html",
        {
            "chronology": found,
            "record": found.record,
            "person": person,
            "entries": shown,
            "first_shown": first + 1,
            "last_shown": first + len(shown),
            "pagination": _pagination(here, filters, number, pages),
            "form": ChronologyFilterForm(found),
            "filtered": bool(filters.kinds or filters.agencies),
            "pdf_url": _with_query(reverse("casework:chronology_pdf", args=[person.uuid]), filters),
            "xlsx_url": _with_query(reverse("casework:chronology_xlsx", args=[person.uuid]), filters),
        },
    )


PAGE_SIZE = 100


@dataclass
class _Shown:
    """An entry with its date written out, here rather than by template filters: a page
    of a hundred entries renders in a fraction of the time."""

    entry: ChronologyEntry
    iso: str
    written: str
    day_written: str

    @classmethod
    def of(cls, entry: ChronologyEntry) -> _Shown:
        day, time = entry.day, entry.time
        day_written = f"{day.day} {day:%B %Y}"
        if time is None:
            return cls(entry, f"{day:%Y-%m-%d}", day_written, day_written)
        return cls(entry, f"{day:%Y-%m-%d}T{time:%H:%M}", f"{day_written} at {time:%H:%M}", day_written)


@dataclass
class Pagination:
    items: list[tuple[int | None, str, bool]]  # (page number or None for a gap, link, current)
    previous: str
    next: str


def _pagination(here: str, filters: ChronologyFilter, number: int, pages: int) -> Pagination | None:
    """GOV.UK pagination: the first and last pages, and those either side of this one."""
    if pages == 1:
        return None

    def link(n: int) -> str:
        query = filters.as_query() + ([("page", str(n))] if n > 1 else [])
        return f"{here}?{urlencode(query)}" if query else here

    wanted = sorted({1, pages, number - 1, number, number + 1} & set(range(1, pages + 1)))
    items: list[tuple[int | None, str, bool]] = []
    for n in wanted:
        if items and items[-1][0] is not None and n - (items[-1][0] or 0) > 1:
            items.append((None, "", False))
        items.append((n, link(n), n == number))
    return Pagination(
        items=items,
        previous=link(number - 1) if number > 1 else "",
        next=link(number + 1) if number < pages else "",
    )


def _with_query(url: str, filters: ChronologyFilter) -> str:
    query = urlencode(filters.as_query())
    return f"{url}?{query}" if query else url


def _download(request: AuthedRequest, child_uuid: uuid_lib.UUID, fmt: str) -> HttpResponse:
    filters = ChronologyFilter.from_query(request.GET)
    try:
        found = chronology_for_export(user=request.user, child_uuid=child_uuid, filters=filters)
    except AccessDenied as exc:
        return _refused(request, exc)
    if fmt == "pdf":
        content: bytes = chronology_export.chronology_pdf(user=request.user, chronology=found)
        content_type = chronology_export.PDF_CONTENT_TYPE
    else:
        base = request.build_absolute_uri("/").rstrip("/")
        content = chronology_export.chronology_xlsx(user=request.user, chronology=found, base_url=base)
        content_type = chronology_export.XLSX_CONTENT_TYPE
    name = f"chronology-{found.person.la_id}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@not_visible_is_404
@require_GET
def chronology_pdf(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    return _download(request, child_uuid, "pdf")


@not_visible_is_404
@require_GET
def chronology_xlsx(request: AuthedRequest, child_uuid: uuid_lib.UUID) -> HttpResponse:
    return _download(request, child_uuid, "xlsx")
