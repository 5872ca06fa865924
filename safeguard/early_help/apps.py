from django.apps import AppConfig


class EarlyHelpConfig(AppConfig):
    name = "safeguard.early_help"
    label = "early_help"
    verbose_name = "Early help"

    def ready(self) -> None:
        from . import chronology, mywork, sections  # noqa: F401  - register the section, chronology and My work
