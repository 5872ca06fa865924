"""Code lists of the returns context (its own states, not a national code list)."""

from django.db import models


class ReturnKind(models.TextChoices):
    CIN = "cin", "Children in need census"
    SSDA903 = "ssda903", "SSDA903 children looked after return"
    ANNEX_A = "annex_a", "Ofsted Annex A lists"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being produced"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class IssueType(models.TextChoices):
    ERROR = "ERROR", "Error"
    QUERY = "QUERY", "Query"
