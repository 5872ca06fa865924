"""Northbrook's inspection history, this week's short inspection with its sample and the
inspector's open access, and the self-evaluation of each ILACS area (all synthetic).

History: a standard inspection in June 2019 judged the service as requiring improvement;
a focused visit on the front door followed in 2021; the standard inspection of February
2023 judged it good, with care leavers' experiences requiring improvement; a focused visit
on care leavers in October 2024. This week Ofsted is on site for a short inspection."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from safeguard.accounts.models import Role, User
from safeguard.casework.models import Assessment, ChildInNeedPlan, ChildProtectionPlan
from safeguard.frontdoor.models import Referral
from safeguard.inspection import services
from safeguard.inspection.codes import Area, SampleReason
from safeguard.lib.workingdays import add_working_days
from safeguard.people.models import Person

HISTORY: tuple[tuple[str, dt.date, dt.date, dict[str, int], str], ...] = (
    (
        "standard",
        dt.date(2019, 6, 3),
        dt.date(2019, 6, 14),
        {"overall": 3, "leaders": 3, "help_protection": 3, "in_care": 2},
        "Requires improvement to be good. Too many children wait too long at the front door; "
        "children in care are well supported.",
    ),
    (
        "focused",
        dt.date(2021, 11, 9),
        dt.date(2021, 11, 10),
        {},
        "Focused visit: the front door. Decisions are now timely; partners' information is used well.",
    ),
    (
        "standard",
        dt.date(2023, 2, 6),
        dt.date(2023, 2, 17),
        {"overall": 2, "leaders": 2, "help_protection": 2, "in_care": 2, "care_leavers": 3},
        "Good. Leaders know their service well. Care leavers' pathway plans are not always reviewed on time.",
    ),
    (
        "focused",
        dt.date(2024, 10, 15),
        dt.date(2024, 10, 16),
        {},
        "Focused visit: care leavers. Personal advisers know young people well; some are out of touch for too long.",
    ),
)

EVALUATION = {
    Area.OVERALL: (
        2,
        "Leaders know the service well; practice is consistently good in help and protection and for children in care.",
        "Care leavers in touch and in suitable accommodation; the stability of long-term placements.",
        ["contacts_decided_1wd", "assessments_45wd", "caseload"],
    ),
    Area.LEADERS: (
        2,
        "A stable workforce with manageable caseloads; audits lead to action.",
        "Evidence that audit actions improve children's plans; supervision recorded on every case.",
        ["caseload", "cp_plans_2_years"],
    ),
    Area.HELP_AND_PROTECTION: (
        2,
        "The MASH decides contacts within a working day; assessments are timely and children are seen alone.",
        "Repeat child protection plans within two years; the timeliness of initial conferences.",
        ["contacts_decided_1wd", "re_referrals", "assessments_45wd", "icpc_15wd", "second_cp_plans"],
    ),
    Area.IN_CARE: (
        2,
        "Children in care are seen regularly and their reviews are on time.",
        "Health assessments and personal education plans on time; return interviews within 72 hours.",
        ["three_placements", "long_term_stability", "return_interviews_72h"],
    ),
    Area.CARE_LEAVERS: (
        3,
        "Personal advisers know young people well.",
        "Too many care leavers out of touch; pathway plans reviewed late.",
        ["care_leavers_in_touch", "care_leavers_suitable", "care_leavers_eet"],
    ),
}


def _head_of_service() -> User:
    return User.objects.filter(role=Role.HEAD_OF_SERVICE, is_active=True).order_by("pk").first()  # type: ignore[return-value]


def seed_inspection(*, actor: User, seed: int, children: int) -> dict[str, int]:
    """Load the history, this week's inspection and the self-evaluation. ``actor`` (the
    system account) is not used: inspections are the head of service's to record."""
    hos = _head_of_service()
    rng = random.Random(seed * 31 + 7)
    made = {"inspections": 0, "sampled_children": 0, "inspector_accesses": 0, "self_evaluated_areas": 0}
    for kind, start, end, grades, summary in HISTORY:
        services.inspection_record(
            actor=hos,
            kind=kind,
            fieldwork_start=start,
            fieldwork_end=end,
            judgements=grades,
            published_on=end + dt.timedelta(days=40),
            summary=summary,
        )
        made["inspections"] += 1
    today = timezone.localdate()
    current = services.inspection_record(
        actor=hos,
        kind="short",
        fieldwork_start=today,
        fieldwork_end=add_working_days(today, 4),
        judgements={},
        summary="Short inspection under way: fieldwork this week.",
    )
    made["inspections"] += 1
    pools = [
        list(ChildProtectionPlan.objects.filter(ended_on__isnull=True).values_list("child_id", flat=True)),
        list(ChildInNeedPlan.objects.filter(ended_on__isnull=True).values_list("child_id", flat=True)),
        list(Assessment.objects.values_list("child_id", flat=True)),
        list(Referral.objects.values_list("child_id", flat=True)),
    ]
    chosen: list[int] = []
    for pool in pools:
        candidates = sorted(set(pool) - set(chosen))
        chosen += rng.sample(candidates, min(3, len(candidates)))
    for i, child in enumerate(Person.objects.filter(pk__in=chosen, merged_into__isnull=True).order_by("pk")):
        reason = SampleReason.TRACKED if i % 4 == 0 else SampleReason.SAMPLED
        services.sample_add(actor=hos, inspection=current, child=child, reason=reason)
        made["sampled_children"] += 1
    inspector = User.objects.filter(role=Role.INSPECTOR, is_active=True).order_by("pk").first()
    if inspector is not None:
        now = timezone.now()
        services.access_grant(
            actor=hos,
            inspection=current,
            inspector=inspector,
            starts_at=now - dt.timedelta(hours=2),
            ends_at=timezone.make_aware(dt.datetime.combine(add_working_days(today, 9), dt.time(18))),
        )
        made["inspector_accesses"] += 1
    for area, (grade, strengths, priorities, indicators) in EVALUATION.items():
        services.self_evaluation_save(
            actor=hos,
            area=area,
            grade=grade,
            strengths=strengths,
            priorities=priorities,
            indicators=indicators,
            expected_version=None,
        )
        made["self_evaluated_areas"] += 1
    return made
