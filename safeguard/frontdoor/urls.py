from django.urls import path

from . import views

app_name = "frontdoor"
urlpatterns = [
    path("contacts/new/", views.contact_new, name="contact_new"),
    path("contacts/", views.contacts_mine, name="contacts"),
    path("contacts/<uuid:contact_uuid>/", views.contact_detail, name="contact"),
    path("contacts/<uuid:contact_uuid>/match/", views.contact_match, name="contact_match"),
    path("contacts/<uuid:contact_uuid>/rate/", views.contact_rate, name="contact_rate"),
    path("contacts/<uuid:contact_uuid>/requests/new/", views.request_new, name="request_new"),
    path("contacts/<uuid:contact_uuid>/decide/", views.contact_decide, name="contact_decide"),
    path("contacts/<uuid:contact_uuid>/authorise/", views.contact_authorise, name="contact_authorise"),
    path("contacts/<uuid:contact_uuid>/return/", views.contact_return, name="contact_return"),
    path("mash/", views.mash_queue, name="mash"),
    path("requests/", views.requests_queue, name="requests"),
    path("requests/<uuid:request_uuid>/", views.request_answer, name="request"),
]
