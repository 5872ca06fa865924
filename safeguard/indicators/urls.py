from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indicators.xlsx", views.dashboard_export, name="export"),
    path("<slug:indicator_code>/<str:indicator_month>/", views.drilldown, name="drilldown"),
    path("<slug:indicator_code>/<str:indicator_month>/records.xlsx", views.drilldown_export, name="drilldown_export"),
]
