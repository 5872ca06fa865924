from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "safeguard.casework"
    label = "casework"
    verbose_name = "Help and protection casework"

    def ready(self) -> None:
        from . import sections  # noqa: F401  - registers the child's-record section
