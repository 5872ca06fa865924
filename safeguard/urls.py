from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from safeguard.api.v1 import api


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", include("safeguard.accounts.urls")),
    path("people/", include("safeguard.people.urls")),
    path("audit/", include("safeguard.audit.urls")),
    path("", include("safeguard.frontdoor.urls")),
    path("cases/", include("safeguard.casework.urls")),
    path("api/v1/", api.urls),
    path("partner-systems/", include("safeguard.api.urls")),
    path("healthz", healthz, name="healthz"),
]

handler404 = "safeguard.accounts.views.not_found"
handler403 = "safeguard.accounts.views.forbidden"
