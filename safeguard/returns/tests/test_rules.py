"""The derivation rules and episode building, without the database: each rule with its
edge cases (year ends, leap years, closures, overlapping referrals)."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.returns import rules
from safeguard.returns.cin.rows import (
    AssessmentRow,
    CarePeriodRow,
    CinPlanRow,
    ProtectionPlanRow,
    Section47Row,
    _Anchor,
    build_episodes,
    clip_to_year,
)
from safeguard.returns.periods import CollectionYear, LookBack, current_collection_year

D = dt.date


def test_a_collection_year_is_named_by_its_end() -> None:
    year = CollectionYear(2026)
    assert (year.start, year.end, year.reference_date) == (D(2025, 4, 1), D(2026, 3, 31), D(2026, 3, 31))
    assert year.ruleset("cin") == "cin2025_26"
    assert year.label == "2025/26"


@pytest.mark.parametrize(
    ("today", "year"),
    [(D(2026, 3, 31), 2026), (D(2026, 4, 1), 2027), (D(2026, 11, 23), 2027), (D(2027, 1, 1), 2027)],
)
def test_the_current_collection_year_turns_on_1_april(today: dt.date, year: int) -> None:
    assert current_collection_year(today).year == year


def test_a_six_month_look_back_ends_on_the_inspection_date() -> None:
    assert LookBack.months_before(D(2026, 11, 23), 6) == LookBack(D(2026, 5, 24), D(2026, 11, 23))
    # 31 August back six months lands on the last day of February, in a leap year too.
    assert LookBack.months_before(D(2028, 8, 31), 6).start == D(2028, 3, 1)


def test_the_upn_check_letter_is_rule_1510s() -> None:
    # Weights 2..13 over "80100000001" + "0": 8*2 + 1*4 + 1*12 = 32; 32 mod 23 = 9 -> K.
    assert rules.upn_check_letter("801000000010") == "K"
    assert rules.upn_is_valid("K801000000010")
    assert not rules.upn_is_valid("A801000000010")
    assert not rules.upn_is_valid("K80100000001")
    assert not rules.upn_is_valid("K8010000000I0"[:12] + "I")


@pytest.mark.parametrize(
    ("dob", "nfa", "code"),
    [
        (None, False, "UN1"),
        (D(2021, 4, 1), False, "UN1"),  # 4 on the reference date, 31 March 2026
        (D(2021, 3, 31), False, "UN4"),  # 5 on the day
        (D(2012, 1, 1), True, "UN7"),
        (D(2012, 1, 1), False, "UN4"),
    ],
)
def test_the_upn_unknown_reason(dob: dt.date | None, nfa: bool, code: str) -> None:
    assert rules.upn_unknown_reason(date_of_birth=dob, reference_date=D(2026, 3, 31), referral_nfa=nfa) == code


@pytest.mark.parametrize(
    ("factors", "protection", "nfa", "code"),
    [
        ([], True, False, "N1"),
        (["17A"], False, False, "N1"),
        (["6A", "4B"], False, False, "N2"),
        (["4B"], False, False, "N3"),
        (["3B"], False, False, "N5"),
        (["14A"], False, False, "N6"),
        (["9A"], False, False, "N8"),
        (["21"], False, True, "N9"),
        (["7A"], False, False, "N4"),
    ],
)
def test_the_primary_need_derivation(factors: list[str], protection: bool, nfa: bool, code: str) -> None:
    assert rules.primary_need(factors=factors, protection=protection, nfa_only=nfa) == code


def test_closure_reasons() -> None:
    assert rules.closure_reason_after_assessment("nfa") == "RC8"
    assert rules.closure_reason_after_assessment("early_help") == "RC9"
    assert rules.closure_reason_after_assessment("cin_plan") is None
    assert rules.closure_reason_after_protection_plan("died") == "RC2"
    assert rules.closure_reason_after_protection_plan("moved") == "RC5"
    assert rules.closure_reason_after_protection_plan("no_longer_at_risk") == "RC7"
    assert rules.closure_reason_after_protection_plan("looked_after") is None


def _episodes(anchors, assessments=(), cin=(), s47=(), cpp=(), death=None):  # type: ignore[no-untyped-def]
    return build_episodes(
        list(anchors),
        [(a, None) for a in assessments],
        list(cin),
        list(s47),
        list(cpp),
        referral_ids={},
        date_of_death=death,
    )


def test_an_assessment_with_no_further_action_closes_the_episode_rc8() -> None:
    (episode,) = _episodes(
        [_Anchor(D(2025, 5, 6), "6", ("r", 1))], [AssessmentRow(D(2025, 5, 6), D(2025, 6, 10), ["21"], "nfa")]
    )
    assert (episode.closure_date, episode.closure_reason, episode.primary_need) == (D(2025, 6, 10), "RC8", "N9")


def test_a_referral_while_the_episode_is_open_joins_it() -> None:
    episodes = _episodes(
        [_Anchor(D(2025, 5, 6), "6", ("r", 1)), _Anchor(D(2025, 8, 1), "2A", ("r", 2))],
        [AssessmentRow(D(2025, 5, 6), D(2025, 6, 10), ["4B"], "cin_plan")],
        cin=[CinPlanRow(D(2025, 6, 10), None)],
    )
    assert len(episodes) == 1
    assert episodes[0].closure_date is None


def test_a_referral_after_closure_opens_a_new_episode() -> None:
    episodes = _episodes(
        [_Anchor(D(2025, 5, 6), "6", ("r", 1)), _Anchor(D(2025, 8, 1), "2A", ("r", 2))],
        [AssessmentRow(D(2025, 5, 6), D(2025, 6, 10), ["4B"], "nfa"), AssessmentRow(D(2025, 8, 1), None, [], "")],
    )
    assert [(e.referral_date, e.closure_reason) for e in episodes] == [(D(2025, 5, 6), "RC8"), (D(2025, 8, 1), "")]


def test_a_plan_ended_because_the_child_became_looked_after_keeps_the_episode_open() -> None:
    (episode,) = _episodes(
        [_Anchor(D(2025, 5, 6), "6", ("r", 1))],
        s47=[
            Section47Row(
                D(2025, 5, 7),
                D(2025, 5, 28),
                D(2025, 5, 20),
                False,
                completed=D(2025, 5, 15),
                at_risk=True,
                icpc_decision="plan",
            )
        ],
        cpp=[ProtectionPlanRow(D(2025, 5, 20), D(2025, 9, 1), "NEG", "NEG", 0, [], end_reason="looked_after")],
    )
    assert episode.closure_date is None and episode.primary_need == "N1"


def test_a_childs_death_closes_the_open_episode_rc2() -> None:
    (episode,) = _episodes(
        [_Anchor(D(2025, 5, 6), "6", ("r", 1))], [AssessmentRow(D(2025, 5, 6), None, [], "")], death=D(2025, 7, 1)
    )
    assert (episode.closure_date, episode.closure_reason) == (D(2025, 7, 1), "RC2")


def test_clipping_to_a_year_hides_what_happened_after_it() -> None:
    (episode,) = _episodes(
        [_Anchor(D(2026, 3, 2), "6", ("r", 1))], [AssessmentRow(D(2026, 3, 2), D(2026, 4, 14), ["4B"], "nfa")]
    )
    clipped = clip_to_year(episode, CollectionYear(2026))
    assert clipped is not None
    assert clipped.closure_date is None and clipped.assessments[0].authorised is None
    assert clipped.assessments[0].factors == []
    assert clip_to_year(episode, CollectionYear(2025)) is None
    assert clip_to_year(episode, CollectionYear(2027)) is not None
    assert clip_to_year(episode, CollectionYear(2028)) is None


@pytest.mark.parametrize(
    ("rec", "code"),
    [("E11", "RC1"), ("E2", "RC2"), ("E41", "RC3"), ("E47", "RC4"), ("E3", "RC5"), ("E7", "RC6"), ("E4A", "RC7")],
)
def test_the_closure_reason_after_care(rec: str, code: str) -> None:
    assert rules.closure_reason_after_care(rec) == code


def test_a_period_of_care_keeps_the_episode_open_and_sets_the_need() -> None:
    anchors = [_Anchor(D(2025, 5, 6), "6", ("r", 1))]
    assessment = AssessmentRow(D(2025, 5, 6), D(2025, 6, 10), ["3B"], "nfa")
    in_care = build_episodes(
        anchors,
        [(assessment, None)],
        [],
        [],
        [],
        referral_ids={},
        date_of_death=None,
        care_periods=[CarePeriodRow(D(2025, 6, 1), None, "", "N4")],
    )
    assert [(e.closure_date, e.primary_need) for e in in_care] == [(None, "N4")]
    adopted = build_episodes(
        anchors,
        [(assessment, None)],
        [],
        [],
        [],
        referral_ids={},
        date_of_death=None,
        care_periods=[CarePeriodRow(D(2025, 6, 1), D(2026, 2, 2), "E11", "N1")],
    )
    assert [(e.closure_date, e.closure_reason) for e in adopted] == [(D(2026, 2, 2), "RC1")]


def test_an_authorised_case_closure_gives_the_episode_its_date_and_reason() -> None:
    def closed(closures: list[tuple[dt.date, str]]) -> list[tuple[dt.date | None, str]]:
        episodes = build_episodes(
            [_Anchor(D(2025, 5, 6), "6", ("r", 1)), _Anchor(D(2025, 11, 3), "2A", ("r", 2))],
            [(AssessmentRow(D(2025, 5, 6), D(2025, 6, 10), ["4B"], "cin_plan"), None)],
            [CinPlanRow(D(2025, 6, 10), D(2025, 9, 1))],
            [],
            [],
            referral_ids={},
            date_of_death=None,
            closures=closures,
        )
        return [(e.closure_date, e.closure_reason) for e in episodes]

    # Derived: the plan ended, services ceased (RC7).
    assert closed([])[0] == (D(2025, 9, 1), "RC7")
    # The manager recorded the child moving away (RC5) the day the plan ended.
    assert closed([(D(2025, 9, 1), "RC5")])[0] == (D(2025, 9, 1), "RC5")
    # "Closed after assessment" cannot describe an episode with a plan (CIN rule 2990).
    assert closed([(D(2025, 9, 1), "RC8")])[0] == (D(2025, 9, 1), "RC7")
    # A closure before the work ended, or after the next referral, is not this episode's.
    assert closed([(D(2025, 8, 1), "RC5")])[0] == (D(2025, 9, 1), "RC7")
    assert closed([(D(2025, 11, 4), "RC5")])[0] == (D(2025, 9, 1), "RC7")
