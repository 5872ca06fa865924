from django.urls import path

from . import views

app_name = "adoption"
CHILD = "<uuid:child_uuid>/"
HOUSEHOLD = "adopters/<uuid:household_uuid>/"

urlpatterns = [
    path("adopters/", views.households, name="households"),
    path("adopters/new/", views.household_new, name="household_new"),
    path(HOUSEHOLD, views.household, name="household"),
    path(f"{HOUSEHOLD}journey/", views.household_edit, name="household_edit"),
    path(f"{HOUSEHOLD}adopters/new/", views.adopter_new, name="adopter_new"),
    path(f"{HOUSEHOLD}adopters/<uuid:adopter_uuid>/", views.adopter_edit, name="adopter_edit"),
    path(CHILD, views.record, name="record"),
    path(f"{CHILD}decisions/new/", views.decision_new, name="decision_new"),
    path(f"{CHILD}decisions/<uuid:decision_uuid>/", views.decision_edit, name="decision_edit"),
]
