from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    name = "safeguard.frontdoor"
    label = "frontdoor"
    verbose_name = "The front door (MASH)"

    def ready(self) -> None:
        from . import sections  # noqa: F401  - registers the child's-record section
