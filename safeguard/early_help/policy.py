"""Who may see and record early help, built on ``access.policy`` (rule 12 in
docs/security-model.md).

- The early help team (social workers and managers in a team of kind ``early_help``) and
  heads of service see the queue of families waiting for early help: contacts the front
  door decided "early help" and casework closures stepped down to it. They pick a family
  up from the queue; starting an episode gives the early help team open work with the
  child, so its members then see the child's record through rule 1b.
- While an episode is open the lead practitioner's agency is involved with the child;
  a partner lead (a school, a health visiting team) sees the partner view of the record
  (rule 2) and records the assessment, the plan, its reviews and the closure.
- The episode itself (the assessment, the plan, the reviews) is for the council's full
  view and the lead's agency; other partners involved with the child see on the child's
  record only that early help is open and who leads it.
- Recording a direct request for early help is council casework for a child already
  worked with (``can_work_on_case``); a request about a child the council does not know
  comes through the front door.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from safeguard.access import policy
from safeguard.access.policy import Decision
from safeguard.accounts.models import Role, TeamKind

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser
    from safeguard.people.models import Person

    from .models import EarlyHelpEpisode


def in_early_help_team(user: AnyUser) -> bool:
    if not (user.is_authenticated and user.is_active and not getattr(user, "is_system", False)):
        return False
    if getattr(user, "role", None) not in (Role.SOCIAL_WORKER, Role.TEAM_MANAGER):
        return False
    team = getattr(user, "team", None)
    return team is not None and team.kind == TeamKind.EARLY_HELP


def can_use_queue(user: AnyUser) -> Decision:
    """The queue of families waiting for early help, and picking a family up from it."""
    if getattr(user, "is_system", False):
        return policy.SYSTEM
    if in_early_help_team(user):
        return Decision(
            True, "You work in the early help team, which picks up families waiting for help.", "early_help"
        )
    if user.is_authenticated and user.is_active and getattr(user, "role", None) == Role.HEAD_OF_SERVICE:
        return Decision(True, "Heads of service see the families waiting for early help.", "head_of_service")
    return Decision(
        False, "Only the early help team and heads of service see the families waiting for early help.", "role"
    )


def team_episodes_q(user: AnyUser) -> Q:
    """The open episodes the early help list shows: every team's to a head of service, the
    viewer's own team's to the rest (nothing without a team)."""
    if getattr(user, "role", None) == Role.HEAD_OF_SERVICE:
        return Q()
    team_id = getattr(user, "team_id", None)
    return Q(team_id=team_id) if team_id is not None else Q(pk__in=[])


def can_start_direct(user: AnyUser, child: Person) -> Decision:
    """A direct request recorded on the child's record: council casework."""
    return policy.can_work_on_case(user, child)


def _lead_agency(user: AnyUser, episode: EarlyHelpEpisode) -> bool:
    return (
        user.is_authenticated
        and getattr(user, "role", None) == Role.PARTNER
        and getattr(user, "agency_id", None) == episode.lead_agency_id
    )


def can_view_episode(user: AnyUser, child: Person, episode: EarlyHelpEpisode) -> Decision:
    """The episode's assessment, plan and reviews: the council's full view, or the lead
    practitioner's agency (in the partner view of the record)."""
    decision = policy.can_view_child(user, child)
    if not decision or not decision.partner_view:
        return decision
    if _lead_agency(user, episode):
        return Decision(
            True,
            f"Your agency ({episode.lead_agency}) leads {child.full_name}'s early help.",
            "early_help_lead",
            partner_view=True,
        )
    return Decision(
        False, "Only the lead practitioner's agency and children's services see the early help plan.", "role"
    )


def can_record_episode(user: AnyUser, child: Person, episode: EarlyHelpEpisode) -> Decision:
    """Recording the assessment, the plan, reviews and the closure: council practitioners
    with a relationship with the child, or the lead practitioner's agency."""
    view = can_view_episode(user, child, episode)
    if view and view.basis == "early_help_lead":
        return view
    if not view:
        return view
    return policy.can_work_on_case(user, child)
