from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "safeguard.quality"
    label = "quality"
    verbose_name = "Case audits"

    def ready(self) -> None:
        from . import mywork  # noqa: F401  - registers audit actions as work on "My work"
