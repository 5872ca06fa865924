"""The case-audit pages: drawing a sample, grading, the escalation in front of the
manager, resolving it, and the standards."""

from __future__ import annotations

import pytest

from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast, client_for
from safeguard.quality import selectors
from safeguard.quality.models import AuditRound, CaseAudit, PracticeStandard

from .support import grade, quality_auditor, round_of


def _grading_post(case: CaseAudit, overall: str, **extra: str) -> dict[str, str]:
    data = {
        "version": str(case.version),
        "grade": overall,
        "strengths": "Regular visits.",
        "improvements": "No record of the child's wishes.",
        "action_1_description": "See Tyler alone and record his words",
    }
    for s in selectors.standards():
        data[f"standard_{s.pk}"] = overall
    data.update(extra)
    return data


def test_it_draws_a_chosen_sample_from_the_page(cast: Cast) -> None:
    auditor = quality_auditor(cast)
    client = client_for(cast.hos)
    assert client.get("/quality/rounds/new/").status_code == 200
    response = client.post(
        "/quality/rounds/new/",
        {"title": "Autumn audit", "method": "chosen", "chosen": cast.child.la_id, "auditors": [auditor.pk]},
    )
    audit_round = AuditRound.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/quality/rounds/{audit_round.uuid}/"
    assert client.get(response["Location"]).content.decode().count(cast.child.full_name) == 1


def test_it_says_which_field_is_wrong_when_drawing_a_sample(cast: Cast) -> None:
    response = client_for(cast.hos).post("/quality/rounds/new/", {"title": "", "method": "chosen", "chosen": "NOPE1"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter a title for the audit round." in body and "Choose at least one auditor." in body


def test_it_lets_the_auditor_grade_and_escalate_from_the_page(cast: Cast) -> None:
    auditor = quality_auditor(cast)
    case = round_of(cast, auditor).audits.get()
    client = client_for(auditor)
    page = client.get(f"/quality/audits/{case.uuid}/")
    body = page.content.decode()
    assert page.status_code == 200 and "The case file" in body and "The child's voice is heard" in body
    response = client.post(f"/quality/audits/{case.uuid}/", _grading_post(case, "4"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.grade == 4 and case.is_escalated and case.actions.get().owner == cast.sw
    # The manager sees it on the escalations page and can open the audit, not the case file.
    manager = client_for(cast.manager)
    listing = manager.get("/quality/escalations/").content.decode()
    assert cast.child.full_name in listing and "Inadequate" in listing
    opened = manager.get(f"/quality/audits/{case.uuid}/").content.decode()
    assert "No record of the child&#x27;s wishes." in opened and "The case file" not in opened
    resolved = manager.post(
        f"/quality/audits/{case.uuid}/resolve/",
        {"version": str(case.version), "resolution": "Tyler seen alone the next day."},
    )
    assert resolved.status_code == 302
    assert cast.child.full_name not in manager.get("/quality/escalations/").content.decode()


def test_it_keeps_the_auditors_input_when_someone_else_saved_first(cast: Cast) -> None:
    auditor = quality_auditor(cast)
    case = round_of(cast, auditor).audits.get()
    stale = _grading_post(case, "2", strengths="My own words about strengths")
    grade(case, auditor, 3)
    response = client_for(auditor).post(f"/quality/audits/{case.uuid}/", stale)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this record" in body and "My own words about strengths" in body
    case.refresh_from_db()
    assert f'name="version" value="{case.version}"' in body


def test_it_shows_the_grading_errors_in_the_users_words(cast: Cast) -> None:
    auditor = quality_auditor(cast)
    case = round_of(cast, auditor).audits.get()
    body = client_for(auditor).post(f"/quality/audits/{case.uuid}/", {"version": case.version}).content.decode()
    assert "Choose the overall grade for the case." in body and "Grade “The child&#x27;s voice is heard”." in body


@pytest.mark.parametrize("role", ["sw_other", "mash", "police", "analyst"])
def test_it_hides_an_audit_from_those_with_no_part_in_it(cast: Cast, role: str) -> None:
    auditor = quality_auditor(cast)
    case = round_of(cast, auditor).audits.get()
    assert client_for(cast.users()[role]).get(f"/quality/audits/{case.uuid}/").status_code == 404
    assert not AuditEvent.objects.filter(actor=cast.users()[role], event_type=EventType.PERSON_VIEWED).exists()


def test_it_lets_the_head_of_service_edit_a_standard(cast: Cast) -> None:
    standard = PracticeStandard.objects.get(title="Timeliness")
    client = client_for(cast.hos)
    response = client.post(
        f"/quality/standards/{standard.uuid}/",
        {"version": standard.version, "title": "Timeliness", "description": "Everything on time.", "active": "on"},
    )
    assert response.status_code == 302
    standard.refresh_from_db()
    assert standard.description == "Everything on time." and standard.version == 2
    assert client_for(cast.manager).get(f"/quality/standards/{standard.uuid}/").status_code == 403


def test_it_shows_results_to_managers_and_analysts(cast: Cast) -> None:
    auditor = quality_auditor(cast)
    grade(round_of(cast, auditor).audits.get(), auditor, 2)
    body = client_for(cast.analyst).get("/quality/results/").content.decode()
    assert "Assessment Team North" in body and cast.child.full_name not in body
    assert client_for(cast.sw).get("/quality/results/").status_code == 403
