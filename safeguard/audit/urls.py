from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("break-glass/", views.break_glass_queue, name="break_glass_queue"),
    path("break-glass/<uuid:grant_uuid>/", views.break_glass_review, name="break_glass_review"),
    path("children/<uuid:child_uuid>/", views.child_access, name="child_access"),
    path("users/", views.users, name="users"),
    path("users/<uuid:user_uuid>/", views.user_access, name="user_access"),
]
