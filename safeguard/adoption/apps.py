from django.apps import AppConfig


class AdoptionConfig(AppConfig):
    name = "safeguard.adoption"
    label = "adoption"
    verbose_name = "Adoption"

    def ready(self) -> None:
        from . import chronology, mywork, sections  # noqa: F401  - register the section, chronology and My work
