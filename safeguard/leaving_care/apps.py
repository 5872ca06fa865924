from django.apps import AppConfig


class LeavingCareConfig(AppConfig):
    name = "safeguard.leaving_care"
    label = "leaving_care"
    verbose_name = "Care leavers"

    def ready(self) -> None:
        from . import chronology, sections  # noqa: F401  - register the section and the chronology sources
