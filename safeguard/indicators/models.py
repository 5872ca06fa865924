"""Monthly snapshots of each indicator's numerator and denominator, so that the dashboard
reads a year of figures in one query. Refreshed nightly (``refresh_indicators``) and, for
the current month, whenever the dashboard finds its snapshot older than
``INDICATOR_SNAPSHOT_MAX_AGE_MINUTES``. Figures only: no child is named here; the
children behind a figure are read live, through the policy, when someone drills down."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class IndicatorSnapshot(models.Model):
    code = models.CharField(max_length=40)
    month = models.DateField(help_text="The first day of the month the figures are for.")
    numerator = models.PositiveIntegerField()
    denominator = models.PositiveIntegerField()
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["code", "month"]
        constraints = [models.UniqueConstraint(fields=["code", "month"], name="indicator_snapshot_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.month:%Y-%m}: {self.numerator}/{self.denominator}"
