from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "safeguard.missing"
    label = "missing"
    verbose_name = "Missing episodes"

    def ready(self) -> None:
        from . import chronology, mywork, sections  # noqa: F401  - register the section, chronology and My work
