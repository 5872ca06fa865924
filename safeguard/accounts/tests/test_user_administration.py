from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguard.accounts import services
from safeguard.accounts.models import Role, User
from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast, client_for
from safeguard.lib.errors import AccessDenied


def test_an_administrator_adds_a_user_who_must_change_the_password(cast: Cast) -> None:
    client = client_for(cast.admin)
    response = client.post(
        reverse("accounts:user_new"),
        {
            "username": "J.Patel",
            "first_name": "Jaya",
            "last_name": "Patel",
            "email": "",
            "job_title": "Social worker",
            "role": Role.SOCIAL_WORKER,
            "agency": cast.council.pk,
            "team": cast.assessment.pk,
        },
    )
    assert response.status_code == 200
    assert "One-time password" in response.content.decode()
    user = User.objects.get(username="j.patel")
    assert user.must_change_password
    assert AuditEvent.objects.filter(event_type=EventType.USER_CREATED, subject_id=str(user.uuid)).exists()


def test_it_refuses_a_partner_role_in_the_council_and_says_why(cast: Cast) -> None:
    with pytest.raises(ValidationError) as error:
        services.user_create(
            actor=cast.admin,
            username="x",
            first_name="X",
            last_name="Y",
            email="",
            role=Role.PARTNER,
            agency=cast.council,
        )
    assert "partner agency" in error.value.message_dict["role"][0]
    with pytest.raises(ValidationError) as error:
        services.user_create(
            actor=cast.admin,
            username="y",
            first_name="X",
            last_name="Y",
            email="",
            role=Role.SOCIAL_WORKER,
            agency=cast.council,
        )
    assert "belong to a team" in error.value.message_dict["team"][0]


def test_it_shows_service_errors_against_the_form_field(cast: Cast) -> None:
    response = client_for(cast.admin).post(
        reverse("accounts:user_new"),
        {
            "username": "sw",
            "first_name": "Dup",
            "last_name": "Licate",
            "role": Role.ANALYST,
            "agency": cast.council.pk,
        },
    )
    body = response.content.decode()
    assert "There is a problem" in body and "That username is already taken." in body


def test_only_administrators_manage_users(cast: Cast) -> None:
    for user in (cast.sw, cast.hos, cast.ig, cast.police):
        with pytest.raises(AccessDenied):
            services.user_reset_password(actor=user, user=cast.sw)
    assert client_for(cast.hos).get(reverse("accounts:users")).status_code == 403


def test_an_administrator_deactivates_and_changes_a_role(cast: Cast) -> None:
    services.user_update(actor=cast.admin, user=cast.sw_other, role=Role.TEAM_MANAGER, is_active=False)
    cast.sw_other.refresh_from_db()
    assert cast.sw_other.role == Role.TEAM_MANAGER and not cast.sw_other.is_active
    event = AuditEvent.objects.filter(event_type=EventType.USER_UPDATED).get()
    assert event.data["old"] == {"role": "social_worker", "is_active": "True"}
    with pytest.raises(ValidationError):
        services.user_update(actor=cast.admin, user=cast.admin, is_active=False)


def test_the_users_page_runs_a_fixed_number_of_queries(cast: Cast, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.admin)
    client.get(reverse("accounts:users"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("accounts:users")).status_code == 200
