from django.urls import path

from . import views

app_name = "missing"

urlpatterns = [
    path("children/<uuid:child_uuid>/", views.episodes, name="episodes"),
    path("children/<uuid:child_uuid>/new/", views.start, name="start"),
    path("children/<uuid:child_uuid>/<uuid:missing_uuid>/", views.episode, name="episode"),
    path("children/<uuid:child_uuid>/<uuid:missing_uuid>/return/", views.end, name="end"),
    path(
        "children/<uuid:child_uuid>/<uuid:missing_uuid>/return-interview/",
        views.return_interview,
        name="return_interview",
    ),
]
