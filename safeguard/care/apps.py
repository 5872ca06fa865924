from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "safeguard.care"
    label = "care"
    verbose_name = "Children in care"

    def ready(self) -> None:
        from . import chronology, mywork, sections  # noqa: F401  - register the section, chronology and My work
