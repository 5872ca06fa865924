"""The every-URL, every-role access walk.

Every URL pattern in the project is requested anonymously and as every member of the
cast, against a child they have a relationship with and one they do not. The expected
answer for each is written out below by hand (not computed from the policy), and every
allowed view of a child's data must have written an audit event naming the viewer and
the child. A URL that is not classified here fails the test: classify each new URL.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from safeguard.access import services as access_services
from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast, client_for
from safeguard.people import services as people_services

from .walk_tables import (
    ACCESS_LEVEL,
    ALLOCATE,
    BREAK_GLASS,
    CASEWORK_EDIT_PAGES,
    CASEWORK_MANAGER,
    CASEWORK_MEETING_PAGES,
    CHILD_EDIT,
    CHILD_VIEW,
    CHRONOLOGY_PAGES,
    CONTACT_VIEW,
    COUNCIL,
    HELD_CONFERENCE,
    MEETING,
    PARTNERS,
    REQUEST_ANSWER,
    ROLES,
    SEARCHERS,
    SUBMITTERS,
    TRIAGE,
    TRIAGE_FORM,
    by_role,
    child_table,
)


def _extensions() -> list[ModuleType]:
    """Each app's ``tests/walk.py``: its URLs' expectations (``EXPECTED``), the converters
    that switch between its related and unrelated records (``SWITCHING``), the events its
    child-data pages must write (``CHILD_DATA_EVENTS``), and ``walk_data(cast)`` returning
    ``{"related": {...}, "unrelated": {...}}`` URL parameters for its records."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("safeguard."):
            continue
        try:
            found.append(importlib.import_module(f"{config.name}.tests.walk"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.tests.walk" and exc.name != f"{config.name}.tests":
                raise
    return found


EXPECTED: dict[str, Callable[[str, str], int]] = {
    "healthz": lambda role, which: 200,
    "accounts:login": lambda role, which: 302,  # signed-in users are sent to their work
    "accounts:logout": lambda role, which: 405,  # POST only
    "accounts:home": lambda role, which: 200,
    "accounts:account": lambda role, which: 200,
    "accounts:password_change": lambda role, which: 200,
    "accounts:two_factor": lambda role, which: 302,  # no authenticator yet: sent to set one up
    "accounts:two_factor_setup": lambda role, which: 200,
    "accounts:users": by_role({"admin"}),
    "accounts:user_new": by_role({"admin"}),
    "accounts:user_edit": by_role({"admin"}),
    "accounts:user_reset_password": lambda role, which: 405,
    "accounts:user_unlock": lambda role, which: 405,
    "accounts:user_reset_two_factor": lambda role, which: 405,
    "people:search": by_role(SEARCHERS),
    "people:new": by_role(COUNCIL),
    "people:child": child_table(CHILD_VIEW),
    "people:edit": child_table(CHILD_EDIT),
    "people:name_add": child_table(CHILD_EDIT),
    "people:address_add": child_table(CHILD_EDIT),
    "people:relationship_add": child_table(CHILD_EDIT),
    "people:warning_add": child_table(CHILD_EDIT),
    "people:warning_end": lambda role, which: 405,
    "people:access_level": child_table(ACCESS_LEVEL),
    "people:allocate": child_table(ALLOCATE),
    "people:break_glass": child_table(BREAK_GLASS),
    "people:merge": child_table(CHILD_EDIT),
    "people:unmerge": lambda role, which: 405,
    "frontdoor:contact_new": by_role(SUBMITTERS),
    "frontdoor:contacts": by_role(SUBMITTERS),
    "frontdoor:mash": by_role(TRIAGE),
    "frontdoor:contact": child_table(CONTACT_VIEW),
    "frontdoor:contact_rate": child_table(TRIAGE_FORM),
    "frontdoor:request_new": child_table(TRIAGE_FORM),
    "frontdoor:contact_decide": child_table(TRIAGE_FORM),
    "frontdoor:contact_return": child_table(TRIAGE_FORM),
    "frontdoor:contact_match": lambda role, which: 405,
    "frontdoor:contact_authorise": lambda role, which: 405,
    "frontdoor:requests": by_role(PARTNERS),
    "frontdoor:request": child_table(REQUEST_ANSWER),
    "api_clients:list": by_role({"admin"}),
    "api_clients:new": by_role({"admin"}),
    "api_clients:revoke": lambda role, which: 405,
    # The partner API authenticates partner systems by key, never by a browser session.
    "api-v1:openapi-json": lambda role, which: 200,
    "api-v1:api-root": lambda role, which: 404,
    "api-v1:contacts_create": lambda role, which: 405,
    "api-v1:contacts_read": lambda role, which: 401,
    **{f"casework:{name}": child_table(CHILD_EDIT) for name in CASEWORK_EDIT_PAGES},
    **{f"casework:{name}": child_table(MEETING) for name in CASEWORK_MEETING_PAGES},
    **{f"casework:{name}": child_table(CHILD_VIEW) for name in CHRONOLOGY_PAGES},
    "casework:conference_record": child_table(HELD_CONFERENCE),
    "casework:plan_end": child_table(CASEWORK_MANAGER),
    "casework:cin_plan_end": child_table(CASEWORK_MANAGER),
    "casework:assessment_authorise": lambda role, which: 405,
    "casework:action_complete": lambda role, which: 405,
    "audit:break_glass_queue": by_role({"ig"}),
    "audit:break_glass_review": by_role({"ig"}),
    "audit:child_access": by_role({"ig"}),
    "audit:users": by_role({"ig"}),
    "audit:user_access": by_role({"ig"}),
}
PUBLIC = {"healthz", "accounts:login", "api-v1:openapi-json"}
# Answered by the API itself for anonymous callers (no sign-in redirect).
API_ANONYMOUS = {"api-v1:api-root": 404, "api-v1:contacts_create": 405, "api-v1:contacts_read": 401}
# Converters that select the related or unrelated record of each kind.
SWITCHING = {
    "child_uuid",
    "contact_uuid",
    "request_uuid",
    "contact_id",
    "assessment_uuid",
    "discussion_uuid",
    "enquiry_uuid",
    "conference_uuid",
    "plan_uuid",
    "cin_plan_uuid",
    "note_uuid",
    "action_uuid",
}
# URL names whose 200 answer shows a child's data, and the event that must record it.
CHILD_DATA_EVENTS = {
    "people:child": EventType.PERSON_VIEWED,
    "people:edit": EventType.PERSON_VIEWED,
    "people:name_add": EventType.PERSON_VIEWED,
    "people:address_add": EventType.PERSON_VIEWED,
    "people:relationship_add": EventType.PERSON_VIEWED,
    "people:warning_add": EventType.PERSON_VIEWED,
    "people:access_level": EventType.PERSON_VIEWED,
    "people:allocate": EventType.PERSON_VIEWED,
    "people:merge": EventType.PERSON_VIEWED,
    "audit:child_access": EventType.AUDIT_VIEWED,
    "frontdoor:contact": EventType.CONTACT_VIEWED,
    "frontdoor:contact_rate": EventType.CONTACT_VIEWED,
    "frontdoor:request_new": EventType.CONTACT_VIEWED,
    "frontdoor:contact_decide": EventType.CONTACT_VIEWED,
    "frontdoor:contact_return": EventType.CONTACT_VIEWED,
    "frontdoor:request": EventType.CONTACT_VIEWED,
    **{f"casework:{name}": EventType.PERSON_VIEWED for name in CASEWORK_EDIT_PAGES + CASEWORK_MEETING_PAGES},
    "casework:chronology": EventType.PERSON_VIEWED,
    "casework:chronology_pdf": EventType.EXPORT,
    "casework:chronology_xlsx": EventType.EXPORT,
    "casework:plan_end": EventType.PERSON_VIEWED,
    "casework:cin_plan_end": EventType.PERSON_VIEWED,
    "audit:break_glass_review": EventType.AUDIT_VIEWED,
}

EXTENSIONS = _extensions()
for _extension in EXTENSIONS:
    EXPECTED.update(_extension.EXPECTED)
    SWITCHING |= set(getattr(_extension, "SWITCHING", set()))
    CHILD_DATA_EVENTS.update(getattr(_extension, "CHILD_DATA_EVENTS", {}))


@dataclass
class Route:
    name: str
    converters: list[str]


def _walk(patterns: list, namespace: str = "") -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern):
            yield Route(f"{namespace}{entry.name}", list(entry.pattern.converters))


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns))


def test_it_classifies_every_url_pattern() -> None:
    names = {r.name for r in all_routes()}
    assert names - set(EXPECTED) == set(), "classify these URLs in EXPECTED"
    assert set(EXPECTED) - names == set(), "remove these URLs from EXPECTED"


@pytest.fixture
def walk_data(cast: Cast) -> dict[str, dict[str, str]]:
    """Parameters for each URL against the related child and the unrelated one."""
    warning_related = people_services.warning_add(
        actor=cast.system, person=cast.child, category="other", text="Dog at home"
    )
    warning_unrelated = people_services.warning_add(
        actor=cast.system, person=cast.stranger, category="other", text="Dog"
    )
    from safeguard.accounts import services as account_services

    # Someone outside the walked cast broke the glass, so the queue has an entry to review.
    duty, _ = account_services.user_create(
        actor=cast.system,
        username="duty",
        first_name="Dee",
        last_name="Uty",
        email="",
        role="social_worker",
        agency=cast.council,
        team=cast.mash_team,
    )
    grant = access_services.break_glass_open(
        actor=duty, child=cast.stranger, reason="Police at the door now, child missing"
    )
    from safeguard.frontdoor import services as frontdoor_services
    from safeguard.frontdoor.tests.support import contact_input

    related, _ = frontdoor_services.contact_submit(actor=cast.police, data=contact_input())
    related = frontdoor_services.contact_match(
        actor=cast.system, contact=related, person=cast.child, expected_version=related.version
    )
    related_request = frontdoor_services.request_send(
        actor=cast.system, contact=related, agency=cast.nhs, question="A&E?"
    )
    unrelated, _ = frontdoor_services.contact_submit(
        actor=duty, data=contact_input(child_given_name="Ela", child_family_name="Marsh"), channel="phone"
    )
    unrelated_request = frontdoor_services.request_send(
        actor=cast.system, contact=unrelated, agency=cast.school_agency, question="Attendance?"
    )
    client, _ = _api_client(cast)
    related_case = _casework(cast, cast.child, actor=cast.sw, team=cast.assessment, partner=True)
    outside_team = account_services.team_create(
        actor=cast.system, agency=cast.council, name="Assessment Team East", kind="assessment"
    )
    unrelated_case = _casework(cast, cast.stranger, actor=cast.system, team=outside_team, partner=False)
    for involvement in cast.stranger.involvements.filter(ended_at__isnull=True, kind="open_work"):
        access_services.involvement_end(actor=cast.system, involvement=involvement)
    duplicate = people_services.person_create(actor=cast.system, kind="adult", given_name="Don", family_name="Brookes")
    merge = people_services.person_merge(actor=cast.system, keep=cast.mother, duplicate=duplicate, reason="Same person")
    extra: dict[str, dict[str, str]] = {"related": {}, "unrelated": {}}
    for extension in EXTENSIONS:
        for which, params in extension.walk_data(cast).items():
            extra[which].update(params)
    common = {
        "user_uuid": str(cast.sw.uuid),
        "grant_uuid": str(grant.uuid),
        "client_uuid": str(client.uuid),
        "merge_uuid": str(merge.uuid),
    }
    return {
        "related": {
            "child_uuid": str(cast.child.uuid),
            "warning_uuid": str(warning_related.uuid),
            "contact_uuid": str(related.uuid),
            "contact_id": str(related.uuid),
            "request_uuid": str(related_request.uuid),
            **related_case,
            **extra["related"],
            **common,
        },
        "unrelated": {
            "child_uuid": str(cast.stranger.uuid),
            "warning_uuid": str(warning_unrelated.uuid),
            "contact_uuid": str(unrelated.uuid),
            "contact_id": str(unrelated.uuid),
            "request_uuid": str(unrelated_request.uuid),
            **unrelated_case,
            **extra["unrelated"],
            **common,
        },
    }


def _casework(cast: Cast, child, *, actor, team, partner: bool) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """An assessment in progress, a strategy discussion with an open joint enquiry and an
    action, a second whose enquiry led to an initial conference and a plan, a child in
    need plan and a note (shared with the police when ``partner``)."""
    import datetime as dt

    from django.utils import timezone

    from safeguard.casework import services as casework
    from safeguard.casework.models import Conference

    people = [casework.ParticipantInput(agency=cast.council, name="Social worker", user=cast.sw)]
    if partner:
        people.append(casework.ParticipantInput(agency=cast.police_force, name="DC Lane", user=cast.police))
    assessment = casework.assessment_start(
        actor=actor, child=child, team=team, started_on=dt.date(2026, 9, 1), referral_date=dt.date(2026, 9, 1)
    )
    first = casework.strategy_discussion_record(
        actor=actor,
        child=child,
        held_on=dt.date(2026, 9, 7),
        reason="Disclosure",
        decision="s47_joint",
        decision_reason="Threshold met",
        participants=people,
        actions=[
            casework.ActionInput("Interview", cast.police_force if partner else cast.council, dt.date(2026, 9, 9))
        ],
    )
    second = casework.strategy_discussion_record(
        actor=actor,
        child=child,
        held_on=dt.date(2026, 9, 14),
        reason="Injury",
        decision="s47_single",
        decision_reason="Threshold met",
        participants=people,
    )
    enquiry = casework.enquiry_complete(
        actor=actor,
        enquiry=second.enquiry,
        findings="Substantiated",
        outcome="substantiated_at_risk",
        completed_on=dt.date(2026, 9, 21),
        expected_version=second.enquiry.version,
    )
    conference = Conference.objects.get(enquiry=enquiry)
    casework.conference_record(
        actor=actor,
        conference=conference,
        held_on=dt.date(2026, 9, 28),
        decision="plan",
        category="NEG",
        decision_reason="Continuing risk",
        participants=people,
        expected_version=conference.version,
    )
    conference.refresh_from_db()
    cin = casework.cin_plan_start(actor=actor, child=child, started_on=dt.date(2026, 8, 3))
    note = casework.case_note_add(
        actor=actor,
        child=child,
        note=casework.NoteInput(
            kind="note",
            occurred_at=timezone.now(),
            summary="Spoke to the school",
            shared_with=[cast.police_force] if partner else [],
        ),
    )
    assert conference.plan is not None
    return {
        "assessment_uuid": str(assessment.uuid),
        "discussion_uuid": str(first.uuid),
        "enquiry_uuid": str(first.enquiry.uuid),
        "conference_uuid": str(conference.uuid),
        "plan_uuid": str(conference.plan.uuid),
        "cin_plan_uuid": str(cin.uuid),
        "note_uuid": str(note.uuid),
        "action_uuid": str(first.actions.get().uuid),
    }


def _api_client(cast: Cast):  # type: ignore[no-untyped-def]
    from safeguard.api import services as api_services

    return api_services.api_client_create(actor=cast.admin, agency=cast.police_force, name="Police records system")


def _url(route: Route, params: dict[str, str]) -> str:
    from django.urls import reverse

    return reverse(route.name, kwargs={c: params[c] for c in route.converters})


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_it_answers_every_url_as_the_policy_says(cast: Cast, walk_data: dict[str, dict[str, str]], role: str) -> None:
    client = Client() if role == "anonymous" else client_for(cast.users()[role])
    failures: list[str] = []
    for route in all_routes():
        for which in ("related", "unrelated"):
            if which == "unrelated" and not SWITCHING & set(route.converters):
                continue
            url = _url(route, walk_data[which])
            before = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0
            response = client.get(url)
            if role == "anonymous" and route.name in API_ANONYMOUS:
                expected = API_ANONYMOUS[route.name]
            elif role == "anonymous":
                expected = 200 if route.name in PUBLIC else 302
                if route.name not in PUBLIC | set(API_ANONYMOUS) and response.status_code == 302:
                    if "/accounts/sign-in/" not in response["Location"]:
                        failures.append(f"{url}: anonymous redirected to {response['Location']}")
                    continue
            else:
                expected = EXPECTED[route.name](role, which)
            if response.status_code != expected:
                failures.append(
                    f"{role} GET {url} ({route.name}, {which}): {response.status_code}, expected {expected}"
                )
                continue
            if role != "anonymous" and response.status_code == 200 and route.name in CHILD_DATA_EVENTS:
                viewer = cast.users()[role]
                child_uuid = walk_data[which]["child_uuid"] if "child_uuid" in route.converters else None
                events = AuditEvent.objects.filter(
                    sequence__gt=before, actor=viewer, event_type=CHILD_DATA_EVENTS[route.name]
                )
                if child_uuid is not None:
                    events = events.filter(child_uuid=child_uuid)
                if not events.exists():
                    failures.append(f"{role} GET {url}: allowed view of child data wrote no audit event")
            if role != "anonymous" and response.status_code == 403 and "child_uuid" in route.converters:
                denied = AuditEvent.objects.filter(sequence__gt=before, event_type=EventType.ACCESS_DENIED)
                if not denied.exists():
                    failures.append(f"{role} GET {url}: refusal wrote no audit event")
    assert not failures, "\n".join(failures)
