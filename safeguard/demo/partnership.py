"""The Northbrook Safeguarding Children Partnership's strategy and action plan (synthetic):
three priorities with actions owned by the council, the police and health, some done, some
on track, some overdue, each with its progress reports."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from safeguard.accounts.models import Agency, AgencyKind, Role, User
from safeguard.partnership import services

PLAN = (
    (
        "Child exploitation",
        "Find and disrupt the networks that exploit children; no child goes missing without a return interview.",
        (
            (
                AgencyKind.POLICE,
                "DI Morgan",
                "Disruption visits to hotels and takeaways named at MACE",
                -20,
                "at_risk",
                60,
            ),
            (
                AgencyKind.CHILDRENS_SOCIAL_CARE,
                "Exploitation team manager",
                "Return interviews offered within 72 hours for every episode",
                45,
                "on_track",
                70,
            ),
            (
                AgencyKind.NHS_TRUST,
                "Named nurse",
                "Sexual health services share exploitation concerns with the MASH",
                90,
                "not_started",
                0,
            ),
        ),
    ),
    (
        "The front door",
        "Every contact decided within one working day, with partners' information.",
        (
            (
                AgencyKind.NHS_TRUST,
                "Designated nurse",
                "Health answers the MASH's requests within four hours",
                -35,
                "on_track",
                80,
            ),
            (
                AgencyKind.POLICE,
                "PPU sergeant",
                "Domestic abuse notifications triaged the same day",
                -60,
                "complete",
                100,
            ),
            (
                AgencyKind.CHILDRENS_SOCIAL_CARE,
                "MASH manager",
                "Consent recorded or its absence explained on every contact",
                30,
                "on_track",
                50,
            ),
        ),
    ),
    (
        "Neglect",
        "Recognise neglect early and act before it becomes chronic.",
        (
            (
                AgencyKind.SCHOOL,
                "Designated safeguarding leads' network",
                "Neglect toolkit training for every school's DSL",
                -5,
                "at_risk",
                40,
            ),
            (
                AgencyKind.CHILDRENS_SOCIAL_CARE,
                "Head of service",
                "Audit of repeat child protection plans for neglect",
                120,
                "not_started",
                0,
            ),
        ),
    ),
)


def seed_partnership(*, actor: User, seed: int, children: int) -> dict[str, int]:
    hos = User.objects.filter(role=Role.HEAD_OF_SERVICE, is_active=True).order_by("pk").first()
    assert hos is not None
    today = timezone.localdate()
    made = {"priorities": 0, "actions": 0, "overdue": 0, "progress_reports": 0}
    reporters = {
        agency.pk: User.objects.filter(agency=agency, is_active=True, role__in=[Role.PARTNER, Role.TEAM_MANAGER])
        .order_by("pk")
        .first()
        for agency in Agency.objects.all()
    }
    for title, description, actions in PLAN:
        priority = services.priority_add(actor=hos, title=title, description=description)
        made["priorities"] += 1
        for kind, lead, what, days, status, progress in actions:
            agency = Agency.objects.filter(kind=kind, active=True).order_by("pk").first()
            if agency is None:
                continue
            action = services.action_add(
                actor=hos,
                priority=priority,
                title=what,
                owner_agency=agency,
                owner_name=lead,
                due_on=today + dt.timedelta(days=days),
            )
            made["actions"] += 1
            if status != "not_started":
                reporter = reporters.get(agency.pk) or hos
                services.action_report(
                    actor=reporter,
                    action=action,
                    status=status,
                    progress=progress,
                    note=f"{lead}: {progress}% done; {'completed' if status == 'complete' else 'work continuing'}.",
                    expected_version=action.version,
                )
                made["progress_reports"] += 1
            made["overdue"] += days < 0 and status != "complete"
    return made
