from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "safeguard.returns"
    label = "returns"
    verbose_name = "National returns"
