from django.urls import path

from . import views

app_name = "inspection"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.inspection_new, name="new"),
    path("self-evaluation/<str:area>/", views.self_evaluation_edit, name="self_evaluation_edit"),
    path("self-evaluation.pdf", views.self_evaluation_pdf, name="self_evaluation_pdf"),
    path("access/<uuid:access_uuid>/end/", views.access_end, name="access_end"),
    path("<uuid:inspection_uuid>/", views.inspection_detail, name="detail"),
    path("<uuid:inspection_uuid>/sample/<uuid:child_uuid>/remove/", views.sample_remove, name="sample_remove"),
]
