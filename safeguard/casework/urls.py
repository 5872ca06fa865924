from django.urls import include, path

app_name = "casework"
urlpatterns = [
    path("", include("safeguard.casework.pathway_urls")),
    path("", include("safeguard.casework.chronology_urls")),
]
