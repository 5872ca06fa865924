from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "safeguard.inspection"
    label = "inspection"
    verbose_name = "Inspection readiness"
