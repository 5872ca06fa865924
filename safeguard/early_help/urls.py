from django.urls import path

from . import views

app_name = "early_help"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("waiting/contacts/<uuid:queued_contact_uuid>/start/", views.start_contact, name="start_contact"),
    path("waiting/step-downs/<uuid:step_down_uuid>/start/", views.start_step_down, name="start_step_down"),
    path("children/<uuid:child_uuid>/new/", views.start_direct, name="start_direct"),
    path("children/<uuid:child_uuid>/<uuid:episode_uuid>/", views.episode, name="episode"),
    path("children/<uuid:child_uuid>/<uuid:episode_uuid>/plan/", views.edit, name="edit"),
    path("children/<uuid:child_uuid>/<uuid:episode_uuid>/assessment/", views.assessment, name="assessment"),
    path("children/<uuid:child_uuid>/<uuid:episode_uuid>/review/", views.review, name="review"),
    path("children/<uuid:child_uuid>/<uuid:episode_uuid>/close/", views.close, name="close"),
]
