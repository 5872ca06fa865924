"""The inspection pages: recording an inspection, the sample and access, the
self-evaluation with its stale-save refusal, and the PDF pack."""

from __future__ import annotations

import datetime as dt

from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast, client_for
from safeguard.inspection.models import Inspection, InspectorAccess, SampledChild, SelfEvaluation

from .support import inspection, inspector


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def test_a_head_of_service_records_an_inspection_with_its_judgements(cast: Cast) -> None:
    client = client_for(cast.hos)
    data = {
        "kind": "standard",
        **_date("fieldwork_start", dt.date(2025, 3, 10)),
        **_date("fieldwork_end", dt.date(2025, 3, 21)),
        "overall": "2",
        "help_protection": "3",
        "summary": "Good; help and protection requires improvement.",
    }
    response = client.post("/inspection/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    recorded = Inspection.objects.get()
    assert {j.area: j.grade for j in recorded.judgements.all()} == {"overall": 2, "help_protection": 3}
    page = client.get("/inspection/").content.decode()
    assert "Requires improvement" in page and "Standard inspection (ILACS), 10 March 2025" in page


def test_bad_input_is_explained_and_kept(cast: Cast) -> None:
    client = client_for(cast.hos)
    data = {
        "kind": "standard",
        **_date("fieldwork_start", dt.date(2025, 3, 10)),
        **_date("fieldwork_end", dt.date(2025, 3, 1)),
        "in_care": "2",
        "summary": "Kept words",
    }
    page = client.post("/inspection/new/", data).content.decode()
    assert "The last day of fieldwork must be on or after the first." in page
    assert "A graded inspection has an overall effectiveness judgement" in page
    assert "Kept words" in page
    assert not Inspection.objects.exists()


def test_the_sample_and_access_are_managed_on_the_inspection_page(cast: Cast) -> None:
    ida = inspector(cast)
    visit = inspection(cast)
    client = client_for(cast.hos)
    url = f"/inspection/{visit.uuid}/"
    page = client.post(url, {"form": "sample", "sample-child_id": "XX999", "sample-reason": "sampled"})
    assert "No record has the Safeguard ID XX999" in page.content.decode()
    response = client.post(url, {"form": "sample", "sample-child_id": cast.child.la_id, "sample-reason": "tracked"})
    assert response.status_code == 302
    assert SampledChild.objects.get().child == cast.child
    today = dt.date.today()
    response = client.post(
        url,
        {
            "form": "access",
            "access-inspector": str(ida.pk),
            **_date("access-starts_on", today),
            **_date("access-ends_on", today + dt.timedelta(days=9)),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    access = InspectorAccess.objects.get()
    assert access.inspector == ida
    assert client_for(ida).get(f"/people/{cast.child.uuid}/").status_code == 200
    client.post(f"/inspection/access/{access.uuid}/end/")
    assert client_for(ida).get(f"/people/{cast.child.uuid}/").status_code == 404
    assert AuditEvent.objects.filter(event_type=EventType.INSPECTION_ACCESS).count() >= 3


def test_two_people_saving_one_area_never_overwrite_each_other(cast: Cast) -> None:
    url = "/inspection/self-evaluation/in_care/"
    first, second = client_for(cast.hos), client_for(cast.hos)
    body = {"grade": "2", "strengths": "Stable placements.", "priorities": "Health assessments on time."}
    assert first.post(url, {**body, "version": ""}).status_code == 302
    page = second.post(url, {**body, "strengths": "My words", "version": ""}).content.decode()
    assert "saved this area&#x27;s self-evaluation after you opened it" in page or "saved this area's" in page
    assert "My words" in page
    assert SelfEvaluation.objects.get(area="in_care").strengths == "Stable placements."


def test_the_pack_is_a_pdf_and_its_export_is_audited(cast: Cast) -> None:
    response = client_for(cast.manager).get("/inspection/self-evaluation.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(actor=cast.manager, event_type=EventType.EXPORT).exists()


def test_the_self_evaluation_shows_its_indicators_month_by_month(cast: Cast) -> None:
    from django.utils import timezone

    from safeguard.indicators.models import IndicatorSnapshot
    from safeguard.inspection import services

    services.self_evaluation_save(
        actor=cast.hos,
        area="help_protection",
        grade=2,
        strengths="Timely decisions.",
        priorities="Repeat plans.",
        indicators=["contacts_decided_1wd"],
        expected_version=None,
    )
    this_month = timezone.localdate().replace(day=1)
    IndicatorSnapshot.objects.create(code="contacts_decided_1wd", month=this_month, numerator=9, denominator=10)
    page = client_for(cast.analyst).get("/inspection/").content.decode()
    assert "Contacts decided within one working day" in page
    assert "90%" in page and "not computed" in page
