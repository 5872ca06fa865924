from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest

from safeguard.access import policy
from safeguard.accounts.models import Role, TeamKind
from safeguard.care import policy as care_policy
from safeguard.early_help import policy as early_help_policy
from safeguard.exploitation import policy as exploitation_policy
from safeguard.indicators.policy import can_view_indicators
from safeguard.leaving_care import policy as leaving_care_policy
from safeguard.quality import policy as quality_policy
from safeguard.returns import policy as returns_policy


def _in_team_or_head(user: Any, kind: str) -> bool:
    """Menu entries for one team's work: its members and heads of service."""
    team = getattr(user, "team", None)
    return getattr(user, "role", None) == Role.HEAD_OF_SERVICE or (team is not None and team.kind == kind)


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
        if exploitation_policy.can_view_intelligence(user):
            nav.append(("exploitation:home", "Exploitation", "exploitation"))
        if early_help_policy.can_use_queue(user):
            nav.append(("early_help:queue", "Early help", "early_help"))
        if care_policy.can_view_cic_team(user):
            nav.append(("care:team", "Children in care", "care"))
        if apps.is_installed("safeguard.adoption"):
            from safeguard.adoption import policy as adoption_policy

            if adoption_policy.can_view_adopters(user):
                nav.append(("adoption:households", "Adopters", "adoption"))
        if leaving_care_policy.can_view_caseload(user) and _in_team_or_head(user, TeamKind.LEAVING_CARE):
            nav.append(("leaving_care:caseload", "Leaving care", "leaving_care"))
        if returns_policy.can_view_return_findings(user):
            nav.append(("returns:index", "National returns", "returns"))
        if can_view_indicators(user):
            nav.append(("indicators:dashboard", "Indicators", "indicators"))
        if quality_policy.can_use_audits(user):
            nav.append(("quality:home", "Case audits", "quality"))
        elif quality_policy.can_view_results(user):
            nav.append(("quality:results", "Case audit results", "quality"))
        if policy.can_view_partnership(user):
            nav.append(("partnership:dashboard", "Partnership", "partnership"))
        if policy.can_view_inspection_history(user):
            nav.append(("inspection:home", "Inspection", "inspection"))
        if policy.can_view_audit(user):
            nav.append(("audit:break_glass_queue", "Break-glass reviews", "audit"))
            nav.append(("audit:users", "Access by user", "audit_users"))
        if policy.can_manage_users(user):
            nav.append(("accounts:users", "Users", "users"))
            nav.append(("api_clients:list", "Partner systems", "api_clients"))
    return {"authority_name": settings.AUTHORITY_NAME, "shell_nav": nav}
