from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", include("safeguard.accounts.urls")),
    path("people/", include("safeguard.people.urls")),
    path("audit/", include("safeguard.audit.urls")),
    path("healthz", healthz, name="healthz"),
]

handler404 = "safeguard.accounts.views.not_found"
handler403 = "safeguard.accounts.views.forbidden"
