"""The CIN census XML, written in the element order of the schema's ``xs:sequence``
(shared/data-standards.md §2.2; LIIA's ``CIN_schema_2026.xsd``): dates ``YYYY-MM-DD``,
yes/no items ``1``/``0`` (the schema's ``yesnotype``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils import timezone

from .rows import CinCensus, CinChild, Episode

SOFTWARE_CODE = "Safeguard"


@dataclass(frozen=True)
class CinLayout:
    """What changes between collection years in the XML: the sex item's name."""

    sex_element: str = "Sex"  # GenderCurrent up to 2023/24


def _d(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _el(name: str, value: object, indent: str) -> str:
    if value is None or value == "":
        return ""
    return f"{indent}<{name}>{escape(str(value))}</{name}>\n"


def _yes_no(value: bool) -> str:
    return "1" if value else "0"


def _child(child: CinChild, layout: CinLayout) -> str:
    i3, i4, i5, i6 = "      ", "        ", "          ", "            "
    parts = ["    <Child>\n", f"{i3}<ChildIdentifiers>\n"]
    parts += [
        _el("LAchildID", child.la_child_id, i4),
        _el("UPN", child.upn, i4),
        _el("FormerUPN", child.former_upn, i4),
        _el("UPNunknown", child.upn_unknown, i4),
        _el("PersonBirthDate", _d(child.date_of_birth), i4),
        _el("ExpectedPersonBirthDate", _d(child.expected_date_of_birth), i4),
        _el(layout.sex_element, child.sex, i4),
        _el("PersonDeathDate", _d(child.date_of_death), i4),
        f"{i3}</ChildIdentifiers>\n",
        f"{i3}<ChildCharacteristics>\n",
        _el("Ethnicity", child.ethnicity, i4),
    ]
    if child.disabilities:
        parts.append(f"{i4}<Disabilities>\n")
        parts += [_el("Disability", code, i5) for code in child.disabilities]
        parts.append(f"{i4}</Disabilities>\n")
    parts.append(f"{i3}</ChildCharacteristics>\n")
    for episode in child.episodes:
        parts.append(_episode(episode, i3, i4, i5, i6))
    parts.append("    </Child>\n")
    return "".join(parts)


def _episode(e: Episode, i3: str, i4: str, i5: str, i6: str) -> str:
    parts = [
        f"{i3}<CINdetails>\n",
        _el("CINreferralDate", _d(e.referral_date), i4),
        _el("ReferralSource", e.source, i4),
        _el("PrimaryNeedCode", e.primary_need, i4),
        _el("CINclosureDate", _d(e.closure_date), i4),
        _el("ReasonForClosure", e.closure_reason, i4),
    ]
    for a in e.assessments:
        parts += [
            f"{i4}<Assessments>\n",
            _el("AssessmentActualStartDate", _d(a.start), i5),
            _el("AssessmentAuthorisationDate", _d(a.authorised), i5),
        ]
        if a.factors:
            parts.append(f"{i5}<FactorsIdentifiedAtAssessment>\n")
            parts += [_el("AssessmentFactors", f, i6) for f in a.factors]
            parts.append(f"{i5}</FactorsIdentifiedAtAssessment>\n")
        parts.append(f"{i4}</Assessments>\n")
    for cin_plan in e.cin_plans:
        parts += [
            f"{i4}<CINPlanDates>\n",
            _el("CINPlanStartDate", _d(cin_plan.start), i5),
            _el("CINPlanEndDate", _d(cin_plan.end), i5),
            f"{i4}</CINPlanDates>\n",
        ]
    for s in e.section47s:
        parts += [
            f"{i4}<Section47>\n",
            _el("S47ActualStartDate", _d(s.start), i5),
            _el("InitialCPCtarget", _d(s.icpc_target), i5),
            _el("DateOfInitialCPC", _d(s.icpc_date), i5),
            _el("ICPCnotRequired", _yes_no(s.icpc_not_required), i5),
            f"{i4}</Section47>\n",
        ]
    parts.append(_el("ReferralNFA", _yes_no(e.referral_nfa), i4))
    for p in e.protection_plans:
        parts += [
            f"{i4}<ChildProtectionPlans>\n",
            _el("CPPstartDate", _d(p.start), i5),
            _el("CPPendDate", _d(p.end), i5),
            _el("InitialCategoryOfAbuse", p.initial_category, i5),
            _el("LatestCategoryOfAbuse", p.latest_category, i5),
            _el("NumberOfPreviousCPP", p.previous_plans, i5),
        ]
        if p.reviews:
            parts.append(f"{i5}<Reviews>\n")
            parts += [_el("CPPreviewDate", _d(r), i6) for r in p.reviews]
            parts.append(f"{i5}</Reviews>\n")
        parts.append(f"{i4}</ChildProtectionPlans>\n")
    parts.append(f"{i3}</CINdetails>\n")
    return "".join(parts)


def write_xml(
    census: CinCensus, layout: CinLayout, *, serial: int = 1, generated_at: dt.datetime | None = None
) -> Iterator[str]:
    """The census as XML text, in pieces (one child at a time)."""
    when = (generated_at or timezone.now()).astimezone(dt.UTC).replace(microsecond=0, tzinfo=None)
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n  <Header>\n'
    yield "    <CollectionDetails>\n"
    yield "      <Collection>CIN</Collection>\n"
    yield f"      <Year>{census.year.year}</Year>\n"
    yield f"      <ReferenceDate>{census.year.reference_date.isoformat()}</ReferenceDate>\n"
    yield "    </CollectionDetails>\n    <Source>\n"
    yield "      <SourceLevel>L</SourceLevel>\n"
    yield f"      <LEA>{escape(census.la_code)}</LEA>\n"
    yield f"      <SoftwareCode>{SOFTWARE_CODE}</SoftwareCode>\n"
    yield "      <Release>1</Release>\n"
    yield f"      <SerialNo>{serial:03d}</SerialNo>\n"
    yield f"      <DateTime>{when.isoformat()}</DateTime>\n"
    yield "    </Source>\n  </Header>\n  <Children>\n"
    for child in census.children:
        yield _child(child, layout)
    yield "  </Children>\n</Message>\n"
