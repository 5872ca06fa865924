from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.hashers import get_hasher
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeguard.accounts import services
from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import PASSWORD, Cast

LOGIN = "/accounts/sign-in/"


def _sign_in(client: Client, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": username, "password": password})


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


@pytest.mark.argon2
def test_it_hashes_passwords_with_argon2(cast: Cast) -> None:
    services.password_change(actor=cast.sw, current=PASSWORD, new="a-new-long-passphrase-77")
    cast.sw.refresh_from_db()
    assert cast.sw.password.startswith("argon2")
    assert get_hasher("default").algorithm == "argon2"


def test_it_signs_in_and_audits_it(cast: Cast) -> None:
    client = Client()
    response = _sign_in(client, "sw")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(event_type=EventType.LOGIN, actor=cast.sw).count() == 1


def test_it_refuses_a_wrong_password_in_plain_words_and_audits_it(cast: Cast) -> None:
    response = _sign_in(Client(), "sw", "wrong")
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and "The username or password is not right." in body
    event = AuditEvent.objects.filter(event_type=EventType.LOGIN_FAILED).get()
    assert event.actor_username == "sw" and event.outcome == "denied"


def test_it_locks_the_account_after_repeated_failures(cast: Cast) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, "sw", "wrong").status_code == 200
    locked = _sign_in(client, "sw", "wrong")
    assert locked.status_code == 429
    assert "Your account is locked" in locked.content.decode()
    # Even the right password is refused while locked.
    assert _sign_in(Client(), "sw").status_code == 429
    assert AuditEvent.objects.filter(event_type=EventType.LOCKED_OUT).exists()


def test_an_administrator_unlocks_by_resetting_the_password(cast: Cast) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(Client(), "sw", "wrong")
    temporary = services.user_reset_password(actor=cast.admin, user=cast.sw)
    client = Client()
    response = _sign_in(client, "sw", temporary)
    assert response.status_code == 302
    # The user must choose a new password before doing anything else.
    assert client.get("/").url == reverse("accounts:password_change")
    response = client.post(
        reverse("accounts:password_change"),
        {"current": temporary, "new": "river-otter-lantern-51", "confirm": "river-otter-lantern-51"},
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    types = set(AuditEvent.objects.filter(subject_id=str(cast.sw.uuid)).values_list("event_type", flat=True))
    assert {EventType.PASSWORD_RESET, EventType.PASSWORD_CHANGED} <= types


def test_it_says_what_is_wrong_with_a_new_password(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.sw)
    response = client.post(
        reverse("accounts:password_change"), {"current": PASSWORD, "new": "short", "confirm": "short"}
    )
    body = response.content.decode()
    assert "This password is too short" in body


def test_it_asks_for_a_second_factor_once_one_is_set_up(cast: Cast) -> None:
    client = Client()
    _sign_in(client, "sw")
    response = client.get(reverse("accounts:two_factor_setup"))
    assert response.status_code == 200 and "<svg" in response.content.decode()
    device = TOTPDevice.objects.get(user=cast.sw, confirmed=False)
    bad = client.post(
        reverse("accounts:two_factor_setup"), {"token": "000000" if _code(device) != "000000" else "111111"}
    )
    assert "That code is not right" in bad.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp throttles after a failure; a person would wait a second
    assert client.post(reverse("accounts:two_factor_setup"), {"token": _code(device)}).status_code == 302
    # Next sign-in: nothing but the code page until the code is given.
    client = Client()
    response = _sign_in(client, "sw")
    assert response["Location"].startswith(reverse("accounts:two_factor"))
    assert client.get("/people/search/").url == reverse("accounts:two_factor")
    device.refresh_from_db()
    device.last_t = -1
    device.save()
    assert client.post(reverse("accounts:two_factor"), {"token": _code(device)}).status_code == 302
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(event_type=EventType.TWO_FACTOR_ENROLLED, actor=cast.sw).exists()


def test_production_mode_requires_a_second_factor(cast: Cast, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SAFEGUARD_REQUIRE_2FA = True
    client = Client()
    response = _sign_in(client, "sw")
    assert response["Location"] == reverse("accounts:two_factor_setup")
    assert client.get("/").url == reverse("accounts:two_factor")


def test_it_ends_an_idle_session_after_30_minutes() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_it_signs_out_and_audits_it(cast: Cast) -> None:
    client = Client()
    _sign_in(client, "sw")
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(event_type=EventType.LOGOUT, actor=cast.sw).exists()


def test_the_system_account_cannot_sign_in(cast: Cast) -> None:
    assert not cast.system.has_usable_password()
    assert _sign_in(Client(), "system", "").status_code == 200
