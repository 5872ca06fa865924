"""Annex A List 2 for a hand-built case: which episodes are listed and what each row says."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from safeguard.conftest import Cast
from safeguard.early_help import services
from safeguard.early_help.models import EarlyHelpEpisode
from safeguard.returns.annex_a import columns as c
from safeguard.returns.annex_a.lists import annex_a_rows
from safeguard.returns.periods import LookBack

from . import support

END = dt.date(2026, 11, 20)
PERIOD = LookBack.months_before(END, 6)  # 21 May to 20 November 2026


def _episode(
    cast: Cast,
    given: str,
    *,
    started: dt.date,
    assessed: dt.date | None,
    completed: dt.date | None,
    closed: dt.date | None = None,
    organisation: str = "Northbrook Family Hub",
) -> EarlyHelpEpisode:
    person = support.child(cast, given, "Stone")
    episode = support.episode(cast, person)
    # History: the dates as they happened (the services date an action today).
    EarlyHelpEpisode.objects.filter(pk=episode.pk).update(
        started_on=started,
        assessment_started_on=assessed,
        assessment_completed_on=completed,
        assessment_organisation=organisation,
        closed_on=closed,
        outcome="needs_met" if closed else "",
    )
    return episode


def test_it_lists_assessments_in_the_period_and_current_early_help(cast: Cast) -> None:
    _episode(
        cast,
        "Amy",
        started=dt.date(2026, 6, 1),
        assessed=dt.date(2026, 6, 3),
        completed=dt.date(2026, 7, 1),
        closed=dt.date(2026, 9, 1),
    )
    # Assessed before the period, still open at its end: a current intervention.
    _episode(cast, "Ben", started=dt.date(2026, 1, 5), assessed=dt.date(2026, 1, 6), completed=dt.date(2026, 2, 1))
    # Assessed and closed before the period: not listed.
    _episode(
        cast,
        "Cat",
        started=dt.date(2026, 1, 5),
        assessed=dt.date(2026, 1, 6),
        completed=dt.date(2026, 2, 1),
        closed=dt.date(2026, 3, 1),
    )
    # Started before the period, completed in it, closed in it.
    _episode(
        cast,
        "Dan",
        started=dt.date(2026, 4, 1),
        assessed=dt.date(2026, 4, 2),
        completed=dt.date(2026, 6, 1),
        closed=dt.date(2026, 7, 1),
        organisation="Riverside Academy",
    )
    # Open but not yet assessed: the start date may not be blank, so not listed.
    _episode(cast, "Eve", started=dt.date(2026, 11, 1), assessed=None, completed=None)
    # Completed after the inspection date: listed with the completion blank.
    _episode(cast, "Fay", started=dt.date(2026, 10, 1), assessed=dt.date(2026, 10, 2), completed=dt.date(2026, 11, 22))

    annex = annex_a_rows(PERIOD)
    rows = annex.rows["List 2"]
    by_id = {annex.child_ids[row[0]]: row for row in rows}
    names = {EarlyHelpEpisode.objects.get(child_id=pk).child.given_name: row for pk, row in by_id.items()}
    assert sorted(names) == ["Amy", "Ben", "Dan", "Fay"]
    amy = names["Amy"]
    assert amy[1] == c.SEX["F"] and amy[2] == c.ETHNICITY["WBRI"] and amy[3] == dt.date(2016, 3, 4) and amy[4] == 10
    assert amy[5:] == [dt.date(2026, 6, 3), dt.date(2026, 7, 1), "Northbrook Family Hub"]
    assert names["Dan"][5:] == [dt.date(2026, 4, 2), dt.date(2026, 6, 1), "Riverside Academy"]
    assert names["Fay"][5:] == [dt.date(2026, 10, 2), None, "Northbrook Family Hub"]
    assert len(rows[0]) == len(c.headers(c.sex_header(END))["List 2"])


def test_it_names_the_agency_when_no_organisation_was_typed(cast: Cast) -> None:
    episode = _episode(cast, "Gus", started=dt.date(2026, 9, 1), assessed=None, completed=None, organisation="")
    EarlyHelpEpisode.objects.filter(pk=episode.pk).update(
        assessment_started_on=dt.date(2026, 9, 2), assessment_agency=cast.school_agency
    )
    rows = annex_a_rows(PERIOD).rows["List 2"]
    assert [row[5:] for row in rows] == [[dt.date(2026, 9, 2), None, cast.school_agency.name]]


def test_the_workbook_of_a_case_with_early_help_passes_the_annex_a_checks(cast: Cast) -> None:
    from safeguard.returns.annex_a.checks import check_annex_a
    from safeguard.returns.annex_a.workbook import annex_a_workbook

    eh = support.practitioner(cast)
    episode = support.episode(cast, support.child(cast), actor=eh)
    services.assessment_record(
        actor=eh,
        episode=episode,
        expected_version=episode.version,
        started_on=episode.started_on,
        completed_on=None,
        organisation="Northbrook Family Hub",
    )
    period = LookBack.months_before(timezone.localdate(), 6)
    book = annex_a_workbook(period.start, period.end)
    assert len(book.lists.rows["List 2"]) == 1
    result = check_annex_a(book.content, inspection_date=period.end, period_start=period.start)
    assert result.issues == []
