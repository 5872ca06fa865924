"""An Ofsted inspector and an inspection with a sample, for the inspection tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from safeguard.accounts import services as account_services
from safeguard.accounts.models import AgencyKind, Role, User
from safeguard.conftest import PASSWORD, Cast
from safeguard.inspection import services
from safeguard.inspection.models import Inspection, InspectorAccess


def inspector(cast: Cast, username: str = "inspector") -> User:
    ofsted = account_services.agency_create(actor=cast.admin, name=f"Ofsted ({username})", kind=AgencyKind.INSPECTORATE)
    user, _ = account_services.user_create(
        actor=cast.admin,
        username=username,
        first_name="Ida",
        last_name="Spector",
        email="",
        role=Role.INSPECTOR,
        agency=ofsted,
        job_title="His Majesty's Inspector",
        password=PASSWORD,
        must_change_password=False,
    )
    return user


def inspection(cast: Cast) -> Inspection:
    today = timezone.localdate()
    return services.inspection_record(
        actor=cast.hos,
        kind="focused",
        fieldwork_start=today,
        fieldwork_end=today + dt.timedelta(days=2),
        judgements={},
        summary="Focused visit: the front door.",
    )


def open_access(cast: Cast, who: User, on: Inspection, *, days: int = 10) -> InspectorAccess:
    now = timezone.now()
    return services.access_grant(
        actor=cast.hos,
        inspection=on,
        inspector=who,
        starts_at=now - dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(days=days),
    )
