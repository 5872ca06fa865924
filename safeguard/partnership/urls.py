from django.urls import path

from . import views

app_name = "partnership"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("actions/new/", views.action_new, name="action_new"),
    path("actions/<uuid:plan_action_uuid>/", views.action_detail, name="action"),
]
