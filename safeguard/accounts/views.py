"""Signing in and out, two-factor authentication, passwords, the landing page for each
role, and user administration."""

from __future__ import annotations

import base64
from typing import Any

import segno
from axes.helpers import get_lockout_message
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeguard.access import policy
from safeguard.access.enforce import require
from safeguard.accounts.http import AuthedRequest
from safeguard.lib.errors import AccessDenied

from . import selectors, services
from .forms import PasswordChangeForm, SignInForm, TokenForm, UserForm
from .models import User


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return None


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:home")
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"].strip().lower()
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            return locked_out(request)
        if user is None or getattr(user, "is_system", False):
            services.record_login_failed(username=username)
            form.add_error(None, "The username or password is not right.")
        else:
            login(request, user)
            services.record_login(user=user)
            has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
            request.session["2fa_pending"] = has_device
            nxt = _safe_next(request)
            if has_device:
                return redirect(f"/accounts/two-factor/?next={nxt}" if nxt else "accounts:two_factor")
            if settings.SAFEGUARD_REQUIRE_2FA:
                return redirect("accounts:two_factor_setup")
            return redirect(nxt or "accounts:home")
    return render(request, "accounts/sign_in.html", {"form": form, "next": _safe_next(request) or ""})


def locked_out(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    username = (request.POST.get("username") or "").strip().lower()
    if username:
        services.record_login_failed(username=username, locked_out=True)
    return render(request, "accounts/locked_out.html", {"message": get_lockout_message()}, status=429)


@require_POST
def sign_out(request: AuthedRequest) -> HttpResponse:
    if request.user.is_authenticated:
        services.record_logout(user=request.user)
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def two_factor(request: AuthedRequest) -> HttpResponse:
    user = request.user
    devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    if not devices:
        return redirect("accounts:two_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip().replace(" ", "")
        device = next((d for d in devices if d.verify_token(token)), None)
        if device is not None:
            otp_login(request, device)
            request.session["2fa_pending"] = False
            return redirect(_safe_next(request) or "accounts:home")
        services.record_two_factor_failed(actor=user)
        form.add_error("token", "That code is not right. Check the time on your phone and try the newest code.")
    return render(request, "accounts/two_factor.html", {"form": form, "next": _safe_next(request) or ""})


@require_http_methods(["GET", "POST"])
def two_factor_setup(request: AuthedRequest) -> HttpResponse:
    user: User = request.user
    device_id = request.session.get("totp_setup_device")
    device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first() if device_id else None
    if device is None:
        device = services.totp_device_start(actor=user)
        request.session["totp_setup_device"] = device.pk
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(actor=user, device=device, token=form.cleaned_data["token"]):
            otp_login(request, device)
            request.session.pop("totp_setup_device", None)
            request.session["2fa_pending"] = False
            messages.success(
                request, "Two-factor authentication is set up. You will be asked for a code each time you sign in."
            )
            return redirect("accounts:home")
        form.add_error("token", "That code is not right. Scan the code again and enter the newest 6 digits.")
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR code for your authenticator app")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {"form": form, "qr_svg": qr_svg, "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))},
    )


@require_http_methods(["GET", "POST"])
def password_change(request: AuthedRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_change(
                actor=request.user, current=form.cleaned_data["current"], new=form.cleaned_data["new"]
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            from django.contrib.auth import update_session_auth_hash

            update_session_auth_hash(request, request.user)
            messages.success(request, "Your password has been changed.")
            return redirect("accounts:home")
    forced = getattr(request.user, "must_change_password", False)
    return render(request, "accounts/password_change.html", {"form": form, "forced": forced})


def home(request: AuthedRequest) -> HttpResponse:
    context = selectors.my_work(user=request.user)
    context["nav_active"] = "home"
    return render(request, f"accounts/home_{context['layout']}.html", context)


def account(request: AuthedRequest) -> HttpResponse:
    has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    return render(request, "accounts/account.html", {"has_device": has_device})


# --- User administration -------------------------------------------------------------


def users(request: AuthedRequest) -> HttpResponse:
    require(policy.can_manage_users(request.user), actor=request.user, action="list_users")
    return render(request, "accounts/users.html", {"rows": selectors.user_list(), "nav_active": "users"})


@require_http_methods(["GET", "POST"])
def user_new(request: AuthedRequest) -> HttpResponse:
    require(policy.can_manage_users(request.user), actor=request.user, action="create_user")
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, initial = services.user_create(
                actor=request.user,
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                role=data["role"],
                agency=data["agency"],
                team=data["team"],
                job_title=data["job_title"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            return render(
                request, "accounts/password_issued.html", {"subject": user, "password": initial, "created": True}
            )
    return render(request, "accounts/user_form.html", {"form": form, "title": "Add a user", "nav_active": "users"})


@require_http_methods(["GET", "POST"])
def user_edit(request: AuthedRequest, user_uuid: str) -> HttpResponse:
    require(policy.can_manage_users(request.user), actor=request.user, action="update_user")
    subject = get_object_or_404(User, uuid=user_uuid, is_system=False)
    initial = {
        f: getattr(subject, f)
        for f in ("username", "first_name", "last_name", "email", "job_title", "role", "agency", "team", "is_active")
    }
    form = UserForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "username"}
        try:
            services.user_update(actor=request.user, user=subject, **data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"{subject.display_name}'s account has been saved.")
            return redirect("accounts:users")
    return render(
        request,
        "accounts/user_form.html",
        {
            "form": form,
            "title": f"Change {subject.display_name}'s account",
            "subject": subject,
            "locked": selectors.is_locked_out(subject),
            "nav_active": "users",
        },
    )


@require_POST
def user_reset_password(request: AuthedRequest, user_uuid: str) -> HttpResponse:
    subject = get_object_or_404(User, uuid=user_uuid, is_system=False)
    temporary = services.user_reset_password(actor=request.user, user=subject)
    return render(
        request, "accounts/password_issued.html", {"subject": subject, "password": temporary, "created": False}
    )


@require_POST
def user_unlock(request: AuthedRequest, user_uuid: str) -> HttpResponse:
    subject = get_object_or_404(User, uuid=user_uuid, is_system=False)
    services.user_unlock(actor=request.user, user=subject)
    messages.success(request, f"{subject.display_name}'s account is unlocked.")
    return redirect("accounts:user_edit", user_uuid=subject.uuid)


@require_POST
def user_reset_two_factor(request: AuthedRequest, user_uuid: str) -> HttpResponse:
    subject = get_object_or_404(User, uuid=user_uuid, is_system=False)
    services.user_reset_two_factor(actor=request.user, user=subject)
    messages.success(request, f"{subject.display_name} will set up a new authenticator when they next sign in.")
    return redirect("accounts:user_edit", user_uuid=subject.uuid)


# --- Errors -----------------------------------------------------------------------------


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    reason = (
        exception.decision.reason if isinstance(exception, AccessDenied) else "You do not have permission to do that."
    )
    return render(request, "errors/403.html", {"reason": reason}, status=403)
