from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

# Paths anyone may reach: signing in, static assets and the health check.
PUBLIC_PREFIXES = ("/accounts/sign-in/", "/static/", "/assets/", "/healthz", "/favicon.ico")
# Paths a signed-in user may reach before finishing two-factor or a forced password change.
SETUP_PREFIXES = ("/accounts/two-factor/", "/accounts/password/", "/accounts/sign-out/")


class SignInRequiredMiddleware:
    """Every page needs a signed-in user; then, where required, a verified second factor
    and a password the user chose themselves."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if path.startswith(PUBLIC_PREFIXES) or path.startswith("/api/"):
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.get_full_path()}")
        if not path.startswith(SETUP_PREFIXES):
            if getattr(user, "must_change_password", False):
                return redirect("accounts:password_change")
            needs_device = settings.SAFEGUARD_REQUIRE_2FA or request.session.get("2fa_pending", False)
            if needs_device and not user.is_verified():  # type: ignore[attr-defined,union-attr]  # set by OTPMiddleware
                return redirect("accounts:two_factor")
        return self.get_response(request)
