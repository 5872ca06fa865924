"""Actions on agencies, teams and users, and the audit of signing in and out."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeguard.access import policy
from safeguard.access.enforce import require
from safeguard.audit import services as audit
from safeguard.audit.models import EventType, Outcome

from .models import Agency, AgencyKind, Role, Team, TeamKind, User

if TYPE_CHECKING:
    from django.http import HttpRequest

SYSTEM_USERNAME = "system"


def system_user() -> User:
    """The named account batch jobs act as. It has no usable password and cannot sign in."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "Safeguard", "last_name": "system", "role": Role.ADMINISTRATOR, "is_system": True},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def agency_create(*, actor: User, name: str, kind: AgencyKind, code: str = "") -> Agency:
    require(policy.can_manage_users(actor), actor=actor, action="create_agency")
    with transaction.atomic():
        agency = Agency(name=name.strip(), kind=kind, code=code.strip())
        agency.full_clean()
        agency.save()
        audit.record(
            actor=actor, event_type=EventType.AGENCY_CREATED, subject=agency, data={"new": {"name": name, "kind": kind}}
        )
        return agency


def team_create(*, actor: User, agency: Agency, name: str, kind: TeamKind) -> Team:
    require(policy.can_manage_users(actor), actor=actor, action="create_team")
    with transaction.atomic():
        team = Team(agency=agency, name=name.strip(), kind=kind)
        team.full_clean()
        team.save()
        audit.record(
            actor=actor, event_type=EventType.TEAM_CREATED, subject=team, data={"new": {"name": name, "kind": kind}}
        )
        return team


def _check_role_fits(role: str, agency: Agency | None, team: Team | None) -> None:
    errors: dict[str, str] = {}
    if agency is None:
        errors["agency"] = "Choose the user's agency."
    elif role == Role.PARTNER and agency.is_council:
        errors["role"] = "Partner practitioners belong to a partner agency, not children's social care."
    elif role == Role.INSPECTOR and agency.kind != AgencyKind.INSPECTORATE:
        errors["role"] = "Inspectors belong to an inspectorate (Ofsted, CQC, HMICFRS)."
    elif role not in (Role.PARTNER, Role.INSPECTOR) and not agency.is_council:
        errors["role"] = "Only the partner practitioner role can be given to someone from a partner agency."
    if team is not None and agency is not None and team.agency_id != agency.pk:
        errors["team"] = "Choose a team in the user's agency."
    if role in (Role.SOCIAL_WORKER, Role.TEAM_MANAGER) and team is None:
        errors["team"] = "Social workers and team managers belong to a team."
    if errors:
        raise ValidationError(errors)


def user_create(
    *,
    actor: User,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: Role,
    agency: Agency,
    team: Team | None = None,
    job_title: str = "",
    password: str | None = None,
    must_change_password: bool = True,
) -> tuple[User, str]:
    """Create a user. Returns the user and their first password (generated when none is
    given) which the administrator passes on; the user must change it on first sign-in."""
    require(policy.can_manage_users(actor), actor=actor, action="create_user")
    _check_role_fits(role, agency, team)
    username = username.strip().lower()
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": "That username is already taken."})
    initial = password or _temporary_password()
    with transaction.atomic():
        user = User(
            username=username,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email.strip().lower(),
            role=role,
            agency=agency,
            team=team,
            job_title=job_title.strip(),
            must_change_password=must_change_password,
        )
        user.set_password(initial)
        user.full_clean()
        user.save()
        audit.record(
            actor=actor,
            event_type=EventType.USER_CREATED,
            subject=user,
            data={"new": {"username": username, "role": role, "agency": str(agency), "team": str(team or "")}},
        )
        return user, initial


USER_EDITABLE = ("first_name", "last_name", "email", "role", "agency", "team", "job_title", "is_active")


def user_update(*, actor: User, user: User, **values: Any) -> User:
    require(policy.can_manage_users(actor), actor=actor, action="update_user", subject=user)
    unknown = set(values) - set(USER_EDITABLE)
    if unknown:
        raise TypeError(f"user_update got unexpected fields: {sorted(unknown)}")
    if user.pk == actor.pk and values.get("is_active") is False:
        raise ValidationError({"is_active": "You cannot deactivate your own account."})
    merged = {f: values.get(f, getattr(user, f)) for f in USER_EDITABLE}
    _check_role_fits(merged["role"], merged["agency"], merged["team"])
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        old = {f: str(getattr(locked, f)) for f in values if getattr(locked, f) != values[f]}
        for field, value in values.items():
            setattr(locked, field, value)
        locked.full_clean()
        locked.save()
        if old:
            audit.record(
                actor=actor,
                event_type=EventType.USER_UPDATED,
                subject=locked,
                data={"old": old, "new": {f: str(getattr(locked, f)) for f in old}},
            )
        return locked


def _temporary_password() -> str:
    words = secrets.token_urlsafe(12)
    return f"Temp-{words}"


def user_reset_password(*, actor: User, user: User) -> str:
    """Give ``user`` a one-time password (shown once to the administrator), unlock the
    account, and make the user choose a new password when they next sign in."""
    require(policy.can_manage_users(actor), actor=actor, action="reset_password", subject=user)
    temporary = _temporary_password()
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.set_password(temporary)
        locked.must_change_password = True
        locked.save(update_fields=["password", "must_change_password"])
        axes_reset(username=locked.username)
        audit.record(actor=actor, event_type=EventType.PASSWORD_RESET, subject=locked)
    return temporary


def user_reset_two_factor(*, actor: User, user: User) -> None:
    """Remove a user's authenticator (lost phone): they set up a new one at next sign-in."""
    require(policy.can_manage_users(actor), actor=actor, action="reset_two_factor", subject=user)
    with transaction.atomic():
        count, _ = TOTPDevice.objects.filter(user=user).delete()
        audit.record(
            actor=actor,
            event_type=EventType.USER_UPDATED,
            subject=user,
            data={"old": {"authenticators": count}, "new": {"authenticators": 0}},
        )


def user_unlock(*, actor: User, user: User) -> None:
    require(policy.can_manage_users(actor), actor=actor, action="unlock", subject=user)
    with transaction.atomic():
        axes_reset(username=user.username)
        audit.record(actor=actor, event_type=EventType.ACCOUNT_UNLOCKED, subject=user)


def password_change(*, actor: User, current: str, new: str) -> None:
    """A user changes their own password (required after an administrator's reset)."""
    errors: dict[str, Any] = {}
    if not actor.check_password(current):
        errors["current"] = "Your current password is not right."
    try:
        validate_password(new, user=actor)
    except ValidationError as exc:
        errors["new"] = exc.messages
    if new and actor.check_password(new):
        errors["new"] = "Choose a password different from your current one."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        actor.set_password(new)
        actor.must_change_password = False
        actor.save(update_fields=["password", "must_change_password"])
        audit.record(actor=actor, event_type=EventType.PASSWORD_CHANGED, subject=actor)


def record_login(*, user: User, request: HttpRequest | None = None) -> None:
    with transaction.atomic():
        audit.record(actor=user, event_type=EventType.LOGIN, subject=user)


def record_login_failed(*, username: str, locked_out: bool = False) -> None:
    existing = User.objects.filter(username=username.strip().lower()).first()
    with transaction.atomic():
        audit.record(
            actor=None,
            actor_username=username[:150],
            event_type=EventType.LOCKED_OUT if locked_out else EventType.LOGIN_FAILED,
            outcome=Outcome.DENIED,
            subject=existing,
        )


def record_logout(*, user: User) -> None:
    with transaction.atomic():
        audit.record(actor=user, event_type=EventType.LOGOUT, subject=user)


def record_two_factor_failed(*, actor: User) -> None:
    with transaction.atomic():
        audit.record(actor=actor, event_type=EventType.TWO_FACTOR_FAILED, outcome=Outcome.DENIED, subject=actor)


def totp_device_start(*, actor: User) -> TOTPDevice:
    """An unconfirmed authenticator for ``actor`` to scan; replaces any earlier unconfirmed one."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
        return TOTPDevice.objects.create(user=actor, name="Authenticator app", confirmed=False)


def totp_device_confirm(*, actor: User, device: TOTPDevice, token: str) -> bool:
    if device.user_id != actor.pk:
        raise ValidationError({"token": "This authenticator does not belong to you."})
    if not device.verify_token(token.strip().replace(" ", "")):
        record_two_factor_failed(actor=actor)
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=actor, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record(actor=actor, event_type=EventType.TWO_FACTOR_ENROLLED, subject=actor)
    return True
