"""The access walk's expectation tables, shared by the walk and by each app's
``tests/walk.py`` extension (see ``test_every_url_every_role``).

Each table says, for the related and the unrelated record, which walked role gets which
status; a role not named gets 404, as for a record that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable

ROLES = ["sw", "manager", "hos", "sw_other", "mash", "police", "health", "school", "analyst", "ig", "admin", "outsider"]
COUNCIL = {"sw", "manager", "hos", "sw_other", "mash"}
SEARCHERS = COUNCIL | {"police", "health", "school", "outsider", "ig"}

# Who may open each child's record (200), who learns it exists but is refused (403);
# everyone else gets 404, as for a record that does not exist. The related child is
# allocated to sw (Assessment Team North), the subject of an open police contact that the
# MASH is triaging, about which the NHS trust has been asked for information.
CHILD_VIEW = {
    "related": {
        "sw": 200,
        "manager": 200,
        "hos": 200,
        "mash": 200,
        "police": 200,
        "health": 200,
        "sw_other": 403,
        "ig": 403,
    },
    "unrelated": {"sw": 403, "manager": 403, "hos": 403, "sw_other": 403, "mash": 403, "ig": 403},
}
# Changing a child's record: council practitioners with a relationship.
CHILD_EDIT = {
    "related": {
        "sw": 200,
        "manager": 200,
        "hos": 200,
        "mash": 200,
        "police": 403,
        "health": 403,
        "sw_other": 403,
        "ig": 403,
    },
    "unrelated": CHILD_VIEW["unrelated"],
}
ALLOCATE = {
    "related": {
        "sw": 403,
        "manager": 200,
        "hos": 200,
        "mash": 403,
        "police": 403,
        "health": 403,
        "sw_other": 403,
        "ig": 403,
    },
    "unrelated": CHILD_VIEW["unrelated"],
}
ACCESS_LEVEL = {
    "related": {
        "sw": 403,
        "manager": 403,
        "hos": 200,
        "mash": 403,
        "police": 403,
        "health": 403,
        "sw_other": 403,
        "ig": 403,
    },
    "unrelated": CHILD_VIEW["unrelated"],
}
# Break-glass: offered to council staff without a relationship; those who can already
# see the record are sent to it; the IG officer is told no.
BREAK_GLASS = {
    "related": {"sw": 302, "manager": 302, "hos": 302, "mash": 302, "sw_other": 200, "ig": 403},
    "unrelated": {"sw": 200, "manager": 200, "hos": 200, "sw_other": 200, "mash": 200, "ig": 403},
}


def by_role(allowed: set[str], yes: int = 200, no: int = 403) -> Callable[[str, str], int]:
    return lambda role, which: yes if role in allowed else no


def child_table(table: dict[str, dict[str, int]]) -> Callable[[str, str], int]:
    return lambda role, which: table[which].get(role, 404)


PARTNERS = {"police", "health", "school", "outsider"}
SUBMITTERS = COUNCIL | PARTNERS
TRIAGE = {"mash", "hos"}
# The related contact: raised by the police about the related child, matched, with a
# request to the NHS trust. The unrelated one: recorded by a MASH colleague (not in the
# walked cast) about the unrelated child, with a request to the school.
CONTACT_VIEW = {
    "related": {"mash": 200, "hos": 200, "police": 200, "sw": 200, "manager": 200},
    "unrelated": {"mash": 200, "hos": 200},
}
TRIAGE_FORM = {
    "related": {"mash": 200, "hos": 200, "police": 403, "sw": 403, "manager": 403},
    "unrelated": {"mash": 200, "hos": 200},
}
REQUEST_ANSWER = {"related": {"health": 200}, "unrelated": {"school": 200}}
# Casework on the related child: its meetings had the police take part and a note was
# shared with the police; the unrelated child's casework involved the council alone.
MEETING = {
    "related": {
        "sw": 200,
        "manager": 200,
        "hos": 200,
        "mash": 200,
        "police": 200,
        "health": 403,
        "sw_other": 403,
        "ig": 403,
    },
    "unrelated": CHILD_VIEW["unrelated"],
}
CASEWORK_MANAGER = {
    "related": {
        "sw": 403,
        "manager": 200,
        "hos": 200,
        "mash": 403,
        "police": 403,
        "health": 403,
        "sw_other": 403,
        "ig": 403,
    },
    "unrelated": CHILD_VIEW["unrelated"],
}
HELD_CONFERENCE = {
    "related": {
        "sw": 302,
        "manager": 302,
        "hos": 302,
        "mash": 302,
        "police": 403,
        "health": 403,
        "sw_other": 403,
        "ig": 403,
    },
    "unrelated": CHILD_VIEW["unrelated"],
}
CASEWORK_EDIT_PAGES = [
    "assessment_new",
    "assessment",
    "assessment_edit",
    "assessment_submit",
    "strategy_new",
    "enquiry_complete",
    "plan",
    "core_group_new",
    "cin_plan_new",
    "cin_plan",
    "cin_review_new",
    "note_new",
]
CASEWORK_MEETING_PAGES = ["strategy", "strategy_information", "conference", "conference_information", "note"]
CHRONOLOGY_PAGES = ["chronology", "chronology_pdf", "chronology_xlsx"]
