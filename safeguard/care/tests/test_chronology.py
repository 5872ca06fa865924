"""Children in care on the chronology: episodes, reviews, visits for the council; the
health part for the NHS trust, the education part for the school; nothing for the police."""

from __future__ import annotations

import datetime as dt

from safeguard.care import services
from safeguard.casework.chronology import chronology_get_for

from .conftest import START, CareCast, foster_placement

D = dt.date


def _history(care: CareCast) -> None:
    c = care.cast
    services.care_start(
        actor=c.sw,
        child=c.child,
        start_date=START,
        legal_status="V2",
        category_of_need="N1",
        placement=foster_placement(care.foster),
        iro=care.iro,
    )
    services.episode_change(
        actor=c.sw, child=c.child, on=D(2025, 8, 1), kind="L", expected_version=1, legal_status="C1"
    )
    services.review_record(
        actor=care.iro, child=c.child, held_on=D(2025, 7, 10), participation="PN1", decisions="Continue."
    )
    services.visit_record(
        actor=c.sw,
        child=c.child,
        visited_on=D(2025, 6, 12),
        summary="Settled.",
        child_seen=True,
        child_seen_alone=True,
    )
    services.health_check_record(actor=c.health, child=c.child, kind="initial", done_on=D(2025, 6, 20), by_whom="Dr")
    services.pep_record(actor=c.school, child=c.child, reviewed_on=D(2025, 10, 1), school="Riverside", targets="x")


def _titles(user, care: CareCast) -> set[str]:  # type: ignore[no-untyped-def]
    return {e.title for e in chronology_get_for(user=user, child_uuid=care.cast.child.uuid).entries}


def test_it_puts_care_on_the_councils_chronology(care: CareCast) -> None:
    _history(care)
    titles = _titles(care.cast.sw, care)
    assert "Started to be looked after" in titles
    assert "Change of legal status only" in titles
    assert any(t.startswith("Looked-after review 1") for t in titles)
    assert "Statutory visit: child seen alone" in titles
    assert "Initial health assessment" in titles
    assert "Personal education plan (autumn term)" in titles


def test_it_shows_partners_only_their_part(care: CareCast) -> None:
    _history(care)
    nurse = _titles(care.cast.health, care)
    assert "Initial health assessment" in nurse
    assert "Started to be looked after" not in nurse and "Personal education plan (autumn term)" not in nurse
    school = _titles(care.cast.school, care)
    assert "Personal education plan (autumn term)" in school and "Initial health assessment" not in school
    police = _titles(care.cast.police, care)
    assert not {"Initial health assessment", "Started to be looked after"} & police
