"""Partner systems' credentials for the API."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone


class ApiClient(models.Model):
    """A partner agency's system, authenticating to the API with its own key. Only a
    hash of the key is kept; the key is shown once when the client is created."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="api_clients")
    name = models.CharField(max_length=200)
    key_prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    # The named account the system acts as (a partner practitioner that cannot sign in).
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="api_clients"
    )

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"
