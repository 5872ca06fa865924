from django.urls import path

from . import chronology_views as views

urlpatterns = [
    path("<uuid:child_uuid>/chronology/", views.chronology, name="chronology"),
    path("<uuid:child_uuid>/chronology.pdf", views.chronology_pdf, name="chronology_pdf"),
    path("<uuid:child_uuid>/chronology.xlsx", views.chronology_xlsx, name="chronology_xlsx"),
]
