from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("new/", views.person_new, name="new"),
    path("<uuid:child_uuid>/", views.child, name="child"),
    path("<uuid:child_uuid>/edit/", views.person_edit, name="edit"),
    path("<uuid:child_uuid>/names/new/", views.name_add, name="name_add"),
    path("<uuid:child_uuid>/addresses/new/", views.address_add, name="address_add"),
    path("<uuid:child_uuid>/relationships/new/", views.relationship_add, name="relationship_add"),
    path("<uuid:child_uuid>/warnings/new/", views.warning_add, name="warning_add"),
    path("<uuid:child_uuid>/warnings/<uuid:warning_uuid>/end/", views.warning_end, name="warning_end"),
    path("<uuid:child_uuid>/access/", views.access_level, name="access_level"),
    path("<uuid:child_uuid>/allocate/", views.allocate, name="allocate"),
    path("<uuid:child_uuid>/break-glass/", views.break_glass, name="break_glass"),
    path("<uuid:child_uuid>/merge/", views.merge, name="merge"),
    path("merges/<uuid:merge_uuid>/undo/", views.unmerge, name="unmerge"),
]
