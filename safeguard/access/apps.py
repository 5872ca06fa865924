from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "safeguard.access"
    label = "access"
