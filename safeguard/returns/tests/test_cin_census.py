"""The CIN census written from live casework: golden files per collection year, the
schema's element order, and the DfE validator's verdict on it."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from safeguard.casework.models import Assessment
from safeguard.conftest import Cast
from safeguard.returns import rules, services
from safeguard.returns.cin.rows import cin_census_rows
from safeguard.returns.cin.writer import write_xml
from safeguard.returns.cin.years import layout_for
from safeguard.returns.codes import ReturnKind, RunStatus
from safeguard.returns.periods import CollectionYear
from safeguard.returns.validation import validate_cin_xml, validators_available

from .golden import assert_golden
from .support import referral_closed_nfa, small_authority

GENERATED_AT = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
needs_validators = pytest.mark.skipif(
    not validators_available(), reason="the DfE validators are not installed here: run `make validators`"
)

# The schema's xs:sequence for each element (LIIA CIN_schema_2026.xsd; data-standards §2.2).
SEQUENCE = {
    "Message": ["Header", "Children"],
    "Header": ["CollectionDetails", "Source"],
    "CollectionDetails": ["Collection", "Year", "ReferenceDate"],
    "Source": ["SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo", "DateTime"],
    "Children": ["Child"],
    "Child": ["ChildIdentifiers", "ChildCharacteristics", "CINdetails"],
    "ChildIdentifiers": [
        "LAchildID",
        "UPN",
        "FormerUPN",
        "UPNunknown",
        "PersonBirthDate",
        "ExpectedPersonBirthDate",
        "Sex",
        "PersonDeathDate",
    ],
    "ChildCharacteristics": ["Ethnicity", "Disabilities"],
    "Disabilities": ["Disability"],
    "CINdetails": [
        "CINreferralDate",
        "ReferralSource",
        "PrimaryNeedCode",
        "CINclosureDate",
        "ReasonForClosure",
        "DateOfInitialCPC",
        "Assessments",
        "CINPlanDates",
        "Section47",
        "ReferralNFA",
        "ChildProtectionPlans",
    ],
    "Assessments": [
        "AssessmentActualStartDate",
        "AssessmentInternalReviewDate",
        "AssessmentAuthorisationDate",
        "FactorsIdentifiedAtAssessment",
    ],
    "FactorsIdentifiedAtAssessment": ["AssessmentFactors"],
    "CINPlanDates": ["CINPlanStartDate", "CINPlanEndDate"],
    "Section47": ["S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired"],
    "ChildProtectionPlans": [
        "CPPstartDate",
        "CPPendDate",
        "InitialCategoryOfAbuse",
        "LatestCategoryOfAbuse",
        "NumberOfPreviousCPP",
        "Reviews",
    ],
    "Reviews": ["CPPreviewDate"],
}
REQUIRED = {
    "ChildIdentifiers": {"LAchildID", "Sex"},
    "CINdetails": {"CINreferralDate", "ReferralSource", "ReferralNFA"},
    "Section47": {"S47ActualStartDate", "ICPCnotRequired"},
    "ChildProtectionPlans": {"CPPstartDate", "InitialCategoryOfAbuse", "LatestCategoryOfAbuse", "NumberOfPreviousCPP"},
}


def census_xml(year: int) -> str:
    census = cin_census_rows(CollectionYear(year), la_code="801")
    return "".join(write_xml(census, layout_for(year), generated_at=GENERATED_AT))


def check_order(element: ET.Element) -> list[str]:
    problems = []
    order = SEQUENCE.get(element.tag)
    if order is not None:
        positions = []
        for child in element:
            if child.tag not in order:
                problems.append(f"{child.tag} is not allowed in {element.tag}")
                continue
            positions.append(order.index(child.tag))
        if positions != sorted(positions):
            problems.append(f"{element.tag}: {[c.tag for c in element]} is out of the schema's order")
        missing = REQUIRED.get(element.tag, set()) - {c.tag for c in element}
        if missing:
            problems.append(f"{element.tag} lacks {sorted(missing)}")
    for child in element:
        problems += check_order(child)
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("year", [2026, 2027])
def test_it_writes_the_golden_census_for_each_year(cast: Cast, year: int) -> None:
    small_authority(cast)
    assert_golden(f"cin_census_{year}.xml", census_xml(year))


@pytest.mark.django_db
def test_it_writes_elements_in_the_schema_order(cast: Cast) -> None:
    small_authority(cast)
    root = ET.fromstring(census_xml(2026))  # noqa: S314 - our own output
    assert check_order(root) == []
    ids = [c.findtext("ChildIdentifiers/LAchildID") for c in root.iter("Child")]
    assert ids == ["RA0001", "RA0002", "RA0003", "RA0004"]


@pytest.mark.django_db
def test_it_leaves_out_children_whose_work_is_outside_the_year(cast: Cast) -> None:
    small_authority(cast)
    root = ET.fromstring(census_xml(2026))  # noqa: S314 - our own output
    assert "RA0005" not in {c.findtext("ChildIdentifiers/LAchildID") for c in root.iter("Child")}
    in_2027 = ET.fromstring(census_xml(2027))  # noqa: S314 - our own output
    # Amy's episode closed in June 2025 and Ben's in March 2026: not in 2026/27.
    assert {c.findtext("ChildIdentifiers/LAchildID") for c in in_2027.iter("Child")} == {"RA0003", "RA0004", "RA0005"}


@needs_validators
@pytest.mark.django_db
@pytest.mark.parametrize("year", [2026, 2027])
def test_the_dfe_validator_finds_no_errors_in_the_small_authority(cast: Cast, year: int) -> None:
    small_authority(cast)
    result = validate_cin_xml(census_xml(year), year=year)
    assert result.ruleset == f"cin{year - 1}_{str(year)[2:]}"
    assert result.rules_not_run == []
    assert [(i.rule_code, i.message, i.child_id) for i in result.errors] == []


def _child_element(root: ET.Element, la_id: str) -> ET.Element:
    for child in root.iter("Child"):
        if child.findtext("ChildIdentifiers/LAchildID") == la_id:
            return child
    raise AssertionError(f"{la_id} is not in the census")


@pytest.mark.django_db
def test_a_referral_closed_with_no_further_action_is_a_referral_nfa_episode(cast: Cast) -> None:
    small_authority(cast)
    referral_closed_nfa(cast)
    xml = census_xml(2026)
    fay = _child_element(ET.fromstring(xml), "RA0006")  # noqa: S314 - our own output
    episode = fay.find("CINdetails")
    assert episode is not None
    assert {e.tag: e.text for e in episode} == {
        "CINreferralDate": "2026-02-09",
        "ReferralSource": "6",
        "PrimaryNeedCode": "N9",
        "CINclosureDate": "2026-02-10",
        "ReasonForClosure": "RC8",
        "ReferralNFA": "1",
    }
    # No UPN and no reason recorded: a referral with no further action is UN7 (rule 8772).
    assert fay.findtext("ChildIdentifiers/UPNunknown") == "UN7"
    next_year = ET.fromstring(census_xml(2027))  # noqa: S314 - our own output
    assert "RA0006" not in {c.findtext("ChildIdentifiers/LAchildID") for c in next_year.iter("Child")}
    if validators_available():
        result = validate_cin_xml(xml, year=2026)
        assert [(i.rule_code, i.message, i.child_id) for i in result.errors] == []


def test_the_recorded_upn_reason_is_used_when_the_census_rules_allow_it() -> None:
    ref = dt.date(2026, 3, 31)
    seven, three = dt.date(2019, 1, 20), dt.date(2023, 1, 1)
    assert rules.upn_unknown_for_census("UN2", date_of_birth=seven, reference_date=ref, referral_nfa=False) == (
        "UN2",
        False,
    )
    # UN1 (not of school age) for a seven-year-old breaks rule 8770Q: derived instead.
    assert rules.upn_unknown_for_census("UN1", date_of_birth=seven, reference_date=ref, referral_nfa=False) == (
        "UN4",
        True,
    )
    assert rules.upn_unknown_for_census("UN1", date_of_birth=three, reference_date=ref, referral_nfa=False) == (
        "UN1",
        False,
    )
    # UN7 only when every episode is a referral with no further action (rule 8772).
    assert rules.upn_unknown_for_census("UN7", date_of_birth=seven, reference_date=ref, referral_nfa=False)[1]
    assert rules.upn_unknown_for_census("UN7", date_of_birth=seven, reference_date=ref, referral_nfa=True) == (
        "UN7",
        False,
    )
    assert rules.upn_unknown_for_census("", date_of_birth=None, reference_date=ref, referral_nfa=False) == (
        "UN1",
        True,
    )


def test_the_primary_need_is_the_latest_assessments_recorded_one() -> None:
    march, june = dt.date(2026, 3, 1), dt.date(2026, 6, 1)
    assert rules.recorded_primary_need([(march, "N3"), (june, "N4")]) == "N4"
    assert rules.recorded_primary_need([(march, "N3"), (june, "")]) == "N3"
    assert rules.recorded_primary_need([(march, "")]) == ""


@needs_validators
@pytest.mark.django_db
def test_values_derived_for_older_records_are_findings_the_team_can_fix(cast: Cast) -> None:
    people = small_authority(cast)
    # A record from before the primary need was asked for: Cara's assessment has none.
    Assessment.objects.filter(child=people["cara"]).update(primary_need="")
    run = services.return_run_request(actor=cast.analyst, kind=ReturnKind.CIN, year=2026)
    run = services.return_run_execute(run_id=run.pk)
    assert run.status == RunStatus.DONE, run.failure
    assert run.error_count == 0
    derived = {
        (i.rule_code, i.return_child_id, i.field, i.issue_type, i.child_id)
        for i in run.issues.filter(rule_code__startswith="DERIVED")
    }
    assert derived == {
        # Eli has no UPN and no reason recorded; Cara's need was derived from the factors.
        ("DERIVED-N00135", "RA0004", "UPNunknown", "QUERY", people["eli"].pk),
        ("DERIVED-N00101", "RA0003", "PrimaryNeedCode", "QUERY", people["cara"].pk),
    }
    message = run.issues.get(rule_code="DERIVED-N00101").message
    assert message.startswith("Primary need not recorded at the assessment: the census derived N3.")
