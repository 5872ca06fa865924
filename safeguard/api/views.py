"""Administrators' pages for partner systems' API credentials."""

from __future__ import annotations

import uuid as uuid_lib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from safeguard.access import policy
from safeguard.access.enforce import require
from safeguard.accounts.http import AuthedRequest

from . import services
from .forms import ApiClientForm
from .models import ApiClient


def api_clients(request: AuthedRequest) -> HttpResponse:
    require(policy.can_manage_users(request.user), actor=request.user, action="list_api_clients")
    clients = ApiClient.objects.select_related("agency").order_by("agency__name", "name")
    return render(request, "api/clients.html", {"clients": clients, "nav_active": "api_clients"})


@require_http_methods(["GET", "POST"])
def api_client_new(request: AuthedRequest) -> HttpResponse:
    require(policy.can_manage_users(request.user), actor=request.user, action="create_api_client")
    form = ApiClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            client, key = services.api_client_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            return render(request, "api/client_key.html", {"client": client, "key": key})
    return render(request, "api/client_new.html", {"form": form, "nav_active": "api_clients"})


@require_POST
def api_client_revoke(request: AuthedRequest, client_uuid: uuid_lib.UUID) -> HttpResponse:
    require(policy.can_manage_users(request.user), actor=request.user, action="revoke_api_client")
    client = ApiClient.objects.filter(uuid=client_uuid).first()
    if client is None:
        raise Http404("Page not found")
    services.api_client_revoke(actor=request.user, client=client)
    messages.success(request, f"{client.name} can no longer send contacts.")
    return redirect("api_clients:list")
