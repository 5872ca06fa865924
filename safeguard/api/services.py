"""Actions on partner systems' API credentials."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.access import policy
from safeguard.access.enforce import require
from safeguard.audit import services as audit
from safeguard.audit.models import EventType

from .models import ApiClient

if TYPE_CHECKING:
    from safeguard.accounts.models import Agency, User


def api_client_create(*, actor: User, agency: Agency, name: str) -> tuple[ApiClient, str]:
    """Create a partner system's credential. Returns the client and its key, which is
    shown once and never stored (only its hash is)."""
    require(policy.can_manage_users(actor), actor=actor, action="create_api_client")
    if agency.is_council:
        raise ValidationError({"agency": "API credentials are for partner agencies' systems."})
    if not name.strip():
        raise ValidationError({"name": "Name the system, for example 'Northshire Police Niche RMS'."})
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    key = f"sg_{prefix}_{secret}"
    with transaction.atomic():
        client = ApiClient.objects.create(agency=agency, name=name.strip(), key_prefix=prefix, key_hash=hash_key(key))
        client.actor = api_actor(client)
        client.save(update_fields=["actor"])
        audit.record(
            actor=actor,
            event_type=EventType.API_CLIENT_CREATED,
            subject=client,
            data={"new": {"agency": str(agency), "name": client.name, "prefix": prefix}},
        )
    return client, key


def api_client_revoke(*, actor: User, client: ApiClient) -> ApiClient:
    require(policy.can_manage_users(actor), actor=actor, action="revoke_api_client")
    with transaction.atomic():
        locked = ApiClient.objects.select_for_update().get(pk=client.pk)
        locked.active = False
        locked.save(update_fields=["active"])
        audit.record(actor=actor, event_type=EventType.API_CLIENT_REVOKED, subject=locked)
        return locked


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_client_authenticate(key: str) -> ApiClient | None:
    """The active client a key belongs to, compared in constant time."""
    parts = (key or "").split("_")
    if len(parts) < 3 or parts[0] != "sg":
        return None
    client = ApiClient.objects.select_related("agency", "actor").filter(key_prefix=parts[1], active=True).first()
    if client is None or not hmac.compare_digest(client.key_hash, hash_key(key)):
        return None
    now = timezone.now()
    if client.last_used_at is None or now - client.last_used_at > LAST_USED_GRANULARITY:
        # Recorded to the minute, not on every call: a busy system would otherwise queue
        # every request behind one row.
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
    return client


LAST_USED_GRANULARITY = dt.timedelta(minutes=5)


def api_actor(client: ApiClient) -> User:
    """The named system account of a partner system: one per agency, a partner
    practitioner that cannot sign in."""
    from safeguard.accounts.models import Role, User

    if client.actor_id is not None and client.actor is not None:
        return client.actor
    username = f"api.{client.agency.code or client.agency.pk}".lower()[:150]
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": client.agency.name[:150],
            "last_name": "(system)",
            "role": Role.PARTNER,
            "agency": client.agency,
            "job_title": "Partner system",
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
