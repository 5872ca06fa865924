from django.urls import path

from . import views

app_name = "returns"
urlpatterns = [
    path("", views.index, name="index"),
    path("cin-census/new/", views.cin_new, name="cin_new"),
    path("ssda903/new/", views.ssda903_new, name="ssda903_new"),
    path("annex-a/new/", views.annex_a_new, name="annex_a_new"),
    path("runs/<uuid:run_uuid>/", views.run, name="run"),
    path("runs/<uuid:run_uuid>/status/", views.run_status, name="run_status"),
    path("runs/<uuid:run_uuid>/download/", views.run_download, name="run_download"),
]
