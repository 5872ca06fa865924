"""Actions of the returns context: asking for a return, producing it (with progress),
validating it with the field's own validators, and downloading it. Each is audited:
``return.generated`` when the file is produced, ``return.validated`` when it is checked,
``export`` when someone downloads it."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone

from safeguard.access.enforce import require
from safeguard.accounts.models import Agency, AgencyKind, User
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.people.models import Person

from . import policy
from .codes import IssueType, ReturnKind, RunStatus
from .models import ReturnIssue, ReturnRun
from .periods import CollectionYear
from .validation import Issue, ValidationResult

log = logging.getLogger(__name__)

DEFAULT_LA_CODE = "801"
Progress = Callable[[int, int], None]


class ReturnError(ValueError):
    """A request for a return that cannot be produced, in the user's words."""


def la_code() -> str:
    """The authority's three-digit DfE LA code (CIN ``LEA``): the council agency's code."""
    configured = getattr(settings, "RETURNS_LA_CODE", "")
    if configured:
        return str(configured)
    code = (
        Agency.objects.filter(kind=AgencyKind.CHILDRENS_SOCIAL_CARE, code__regex=r"^\d{3}$")
        .values_list("code", flat=True)
        .first()
    )
    return code or DEFAULT_LA_CODE


# --- Asking for a return ---------------------------------------------------------------


def return_run_request(
    *,
    actor: User,
    kind: str,
    year: int | None = None,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    validate: bool = True,
) -> ReturnRun:
    """Queue a return to be produced; ``launch`` then runs it."""
    require(policy.can_produce_returns(actor), actor=actor, action="return_request")
    if kind in (ReturnKind.CIN, ReturnKind.SSDA903):
        if year is None:
            raise ReturnError("Choose the collection year.")
        if kind == ReturnKind.CIN:
            from .cin.years import layout_for

            try:
                layout_for(year)
            except ValueError as exc:
                raise ReturnError(str(exc)) from None
    if kind == ReturnKind.SSDA903:
        from django.apps import apps

        if not apps.is_installed("safeguard.care"):
            raise ReturnError("The SSDA903 return needs children in care's episodes, which are not recorded here.")
        if year is not None and year < 2026:
            raise ReturnError("The SSDA903 return is written from 2026 (the 2025/26 collection) on.")
    if kind == ReturnKind.ANNEX_A:
        if period_start is None or period_end is None:
            raise ReturnError("Enter the start and end of the look-back period.")
        if period_start > period_end:
            raise ReturnError("The start of the look-back period must be on or before its end.")
    with transaction.atomic():
        run = ReturnRun(
            kind=kind,
            year=year if kind != ReturnKind.ANNEX_A else None,
            period_start=period_start,
            period_end=period_end,
            validate=validate,
            requested_by=actor,
            stage="Waiting to start",
        )
        run.full_clean(exclude=["content"])
        run.save()
    return run


def launch(run: ReturnRun) -> None:
    """Produce ``run`` in a background thread once the request is committed, so that the
    page can show its progress; inline when ``RETURNS_RUN_INLINE`` is set (tests)."""
    if getattr(settings, "RETURNS_RUN_INLINE", False):
        return_run_execute(run_id=run.pk)
        return

    def start() -> None:
        def work() -> None:
            try:
                return_run_execute(run_id=run.pk)
            finally:
                close_old_connections()

        threading.Thread(target=work, name=f"return-{run.uuid}", daemon=True).start()

    transaction.on_commit(start)


# --- Producing it ------------------------------------------------------------------------


@dataclass
class Produced:
    file_name: str
    content_type: str
    content: bytes
    children: int
    # The return's child identifier -> the person it came from.
    child_ids: dict[str, int]
    # Our own findings, added to the validator's: values derived because casework did not
    # record them (CIN census), each a query the team can fix.
    findings: list[Issue] = field(default_factory=list)


def _set_progress(run: ReturnRun, stage: str, done: int, total: int) -> None:
    ReturnRun.objects.filter(pk=run.pk).update(stage=stage, progress_done=done, progress_total=total)


def produce_cin_census(year: int, *, progress: Progress | None = None) -> Produced:
    from .cin.rows import cin_census_rows
    from .cin.writer import write_xml
    from .cin.years import layout_for

    census = cin_census_rows(CollectionYear(year), la_code=la_code(), progress=progress)
    content = "".join(write_xml(census, layout_for(year))).encode("utf-8")
    return Produced(
        file_name=f"cin_census_{year}.xml",
        content_type="application/xml",
        content=content,
        children=len(census.children),
        child_ids={c.la_child_id: c.person_id for c in census.children},
        findings=[
            Issue(
                f.rule_code,
                "QUERY",
                f.message,
                f.la_child_id,
                "ChildIdentifiers" if f.field == "UPNunknown" else "CINdetails",
                f.field,
                None,
            )
            for f in census.derived_findings()
        ],
    )


def produce_ssda903(year: int, *, progress: Progress | None = None) -> Produced:
    from .ssda903.tables import ssda903_tables

    tables = ssda903_tables(CollectionYear(year), progress=progress)
    return Produced(
        file_name=f"ssda903_{year}.zip",
        content_type="application/zip",
        content=tables.zip_bytes(),
        children=len(tables.child_ids),
        child_ids=tables.child_ids,
    )


def la_ons_code() -> str:
    """The authority's ONS code, for the SSDA903 validator's placement checks."""
    return str(getattr(settings, "RETURNS_LA_ONS_CODE", "") or "E06000023")


def produce_annex_a(start: dt.date, end: dt.date, *, progress: Progress | None = None) -> Produced:
    from .annex_a.workbook import annex_a_workbook

    workbook = annex_a_workbook(start, end, progress=progress)
    return Produced(
        file_name=f"annex_a_{start:%Y%m%d}_{end:%Y%m%d}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        content=workbook.content,
        children=workbook.children,
        child_ids=workbook.child_ids,
    )


def return_run_execute(*, run_id: int, progress: Progress | None = None) -> ReturnRun:
    """Produce the file, record ``return.generated``, then validate it. Progress is saved
    as it goes (outside the final transaction) so that the page can show it."""
    run = ReturnRun.objects.select_related("requested_by").get(pk=run_id)
    ReturnRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, stage="Reading the records")

    report = progress

    def saved_progress(done: int, total: int) -> None:
        _set_progress(run, "Reading the records", done, total)
        if report is not None:
            report(done, total)

    try:
        if run.kind == ReturnKind.CIN:
            assert run.year is not None
            produced = produce_cin_census(run.year, progress=saved_progress)
        elif run.kind == ReturnKind.ANNEX_A:
            assert run.period_start is not None and run.period_end is not None
            produced = produce_annex_a(run.period_start, run.period_end, progress=saved_progress)
        elif run.kind == ReturnKind.SSDA903:
            assert run.year is not None
            produced = produce_ssda903(run.year, progress=saved_progress)
        else:
            raise ReturnError(f"{run.get_kind_display()} cannot be produced yet.")
        with transaction.atomic():
            run = ReturnRun.objects.select_for_update().get(pk=run.pk)
            run.file_name = produced.file_name
            run.content_type = produced.content_type
            run.content = produced.content
            run.children = produced.children
            run.stage = "Validating" if run.validate else "Ready"
            run.save()
            audit.record(
                actor=run.requested_by,
                event_type=EventType.RETURN_GENERATED,
                subject=run,
                reason=f"{run.get_kind_display()} {run.period_label}",
                data={"extra": {"kind": run.kind, "period": run.period_label, "children": produced.children}},
            )
        if run.validate:
            _validate(run, produced)
        ReturnRun.objects.filter(pk=run.pk).update(
            status=RunStatus.DONE, stage="Ready", finished_at=timezone.now(), progress_done=produced.children
        )
    except Exception as exc:  # a failed run is shown on its page with the reason
        log.exception("Return %s failed", run.uuid)
        ReturnRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, stage="Failed", failure=str(exc)[:2000], finished_at=timezone.now()
        )
    run.refresh_from_db()
    return run


def _validate(run: ReturnRun, produced: Produced) -> None:
    _set_progress(run, "Validating with the DfE rules", produced.children, produced.children)
    result: ValidationResult
    if run.kind == ReturnKind.CIN:
        from .validation import validate_cin_xml

        assert run.year is not None
        result = validate_cin_xml(produced.content, year=run.year)
    elif run.kind == ReturnKind.SSDA903:
        import io
        import tempfile
        import zipfile
        from pathlib import Path

        from .validation import validate_903_folder

        assert run.year is not None
        with tempfile.TemporaryDirectory(prefix="safeguard-903-") as folder:
            zipfile.ZipFile(io.BytesIO(produced.content)).extractall(folder)
            result = validate_903_folder(Path(folder), year=run.year, la_ons_code=la_ons_code())
    else:
        from .annex_a.checks import check_annex_a

        assert run.period_end is not None
        result = check_annex_a(produced.content, inspection_date=run.period_end, period_start=run.period_start)
    if produced.findings:
        result = ValidationResult(
            ruleset=result.ruleset,
            issues=[*result.issues, *produced.findings],
            rules_run=result.rules_run,
            rules_not_run=result.rules_not_run,
        )
    return_run_record_findings(run=run, result=result, child_ids=produced.child_ids)


def return_run_record_findings(*, run: ReturnRun, result: ValidationResult, child_ids: dict[str, int]) -> None:
    """Store a validation's findings, each linked to the child it is about."""
    with transaction.atomic():
        run = ReturnRun.objects.select_for_update().get(pk=run.pk)
        run.issues.all().delete()
        existing = set(Person.objects.filter(pk__in=set(child_ids.values())).values_list("pk", flat=True))
        ReturnIssue.objects.bulk_create(
            [
                ReturnIssue(
                    run=run,
                    rule_code=issue.rule_code[:20],
                    issue_type=IssueType.ERROR if issue.rule_type == "ERROR" else IssueType.QUERY,
                    message=issue.message,
                    child_id=child_ids.get(issue.child_id) if child_ids.get(issue.child_id) in existing else None,
                    return_child_id=issue.child_id[:40],
                    table=issue.table[:40],
                    field=issue.field[:200],
                    row=issue.row,
                )
                for issue in result.issues
            ],
            batch_size=1000,
        )
        run.ruleset = result.ruleset
        run.validated_at = timezone.now()
        run.error_count = len(result.errors)
        run.query_count = len(result.queries)
        run.save()
        audit.record(
            actor=run.requested_by,
            event_type=EventType.RETURN_VALIDATED,
            subject=run,
            reason=f"{run.get_kind_display()} {run.period_label}: {run.error_count} errors, {run.query_count} queries",
            data={
                "extra": {
                    "ruleset": result.ruleset,
                    "errors": run.error_count,
                    "queries": run.query_count,
                    "rules_not_run": [r["rule_code"] for r in result.rules_not_run],
                }
            },
        )


# --- Downloading it ------------------------------------------------------------------------


def return_download(*, actor: User, run: ReturnRun) -> tuple[str, str, bytes]:
    """The produced file, for those who produce returns; the download is audited."""
    require(policy.can_produce_returns(actor), actor=actor, action="return_download", subject=run)
    if run.status != RunStatus.DONE or run.content is None:
        raise ReturnError("This return is not ready to download.")
    with transaction.atomic():
        audit.record(
            actor=actor,
            event_type=EventType.EXPORT,
            subject=run,
            reason=f"Downloaded {run.get_kind_display()} {run.period_label}",
            data={"extra": {"kind": run.kind, "file": run.file_name, "children": run.children}},
        )
    return run.file_name, run.content_type, bytes(run.content)
