from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from safeguard.access import policy


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the page header and navigation need: the authority and the user's menu."""
    user = request.user
    nav: list[tuple[str, str, str]] = []
    if user.is_authenticated:
        nav.append(("accounts:home", "My work", "home"))
        if policy.can_triage_contacts(user):
            nav.append(("frontdoor:mash", "MASH queue", "mash"))
        if policy.can_search_people(user):
            nav.append(("people:search", "Find a person", "search"))
        if policy.can_submit_contact(user):
            nav.append(("frontdoor:contact_new", "Raise a concern", "contact_new"))
            nav.append(("frontdoor:contacts", "Contacts we raised", "contacts"))
        if policy.can_receive_requests(user):
            nav.append(("frontdoor:requests", "Information requests", "requests"))
        if policy.can_view_audit(user):
            nav.append(("audit:break_glass_queue", "Break-glass reviews", "audit"))
            nav.append(("audit:users", "Access by user", "audit_users"))
        if policy.can_manage_users(user):
            nav.append(("accounts:users", "Users", "users"))
            nav.append(("api_clients:list", "Partner systems", "api_clients"))
    return {"authority_name": settings.AUTHORITY_NAME, "shell_nav": nav}
