from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "safeguard.indicators"
    label = "indicators"
    verbose_name = "Performance indicators"
