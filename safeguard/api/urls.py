from django.urls import path

from . import views

app_name = "api_clients"
urlpatterns = [
    path("", views.api_clients, name="list"),
    path("new/", views.api_client_new, name="new"),
    path("<uuid:client_uuid>/revoke/", views.api_client_revoke, name="revoke"),
]
