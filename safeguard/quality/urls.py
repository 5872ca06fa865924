from django.urls import path

from . import views

app_name = "quality"
urlpatterns = [
    path("", views.home, name="home"),
    path("escalations/", views.escalations, name="escalations"),
    path("results/", views.results, name="results"),
    path("rounds/", views.rounds, name="rounds"),
    path("rounds/new/", views.round_new, name="round_new"),
    path("rounds/<uuid:round_uuid>/", views.round_detail, name="round"),
    path("rounds/<uuid:round_uuid>/close/", views.round_close, name="round_close"),
    path("audits/<uuid:case_audit_uuid>/", views.audit, name="audit"),
    path("audits/<uuid:case_audit_uuid>/resolve/", views.resolve, name="resolve"),
    path("actions/<uuid:audit_action_uuid>/complete/", views.action_complete, name="action_complete"),
    path("standards/", views.standards, name="standards"),
    path("standards/new/", views.standard_new, name="standard_new"),
    path("standards/<uuid:standard_uuid>/", views.standard_edit, name="standard_edit"),
]
