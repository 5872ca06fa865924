from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "safeguard.casework"
    label = "casework"
    verbose_name = "Help and protection casework"
