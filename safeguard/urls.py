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
    path("returns/", include("safeguard.returns.urls")),
    path("indicators/", include("safeguard.indicators.urls")),
    path("quality/", include("safeguard.quality.urls")),
    path("care/", include("safeguard.care.urls")),
    path("adoption/", include("safeguard.adoption.urls")),
    path("missing/", include("safeguard.missing.urls")),
    path("early-help/", include("safeguard.early_help.urls")),
    path("exploitation/", include("safeguard.exploitation.urls")),
    path("leaving-care/", include("safeguard.leaving_care.urls")),
    path("api/v1/", api.urls),
    path("partner-systems/", include("safeguard.api.urls")),
    path("inspection/", include("safeguard.inspection.urls")),
    path("partnership/", include("safeguard.partnership.urls")),
    path("healthz", healthz, name="healthz"),
]

handler404 = "safeguard.accounts.views.not_found"
handler403 = "safeguard.accounts.views.forbidden"
