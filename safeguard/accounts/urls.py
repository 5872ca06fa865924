from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/sign-in/", views.sign_in, name="login"),
    path("accounts/sign-out/", views.sign_out, name="logout"),
    path("accounts/two-factor/", views.two_factor, name="two_factor"),
    path("accounts/two-factor/set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("accounts/password/", views.password_change, name="password_change"),
    path("accounts/me/", views.account, name="account"),
    path("users/", views.users, name="users"),
    path("users/new/", views.user_new, name="user_new"),
    path("users/<uuid:user_uuid>/", views.user_edit, name="user_edit"),
    path("users/<uuid:user_uuid>/reset-password/", views.user_reset_password, name="user_reset_password"),
    path("users/<uuid:user_uuid>/unlock/", views.user_unlock, name="user_unlock"),
    path("users/<uuid:user_uuid>/reset-two-factor/", views.user_reset_two_factor, name="user_reset_two_factor"),
]
