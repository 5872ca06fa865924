"""The register held in memory by the contact-matching worker: the same answers as the
indexed queries, kept current as people change and merge."""

from __future__ import annotations

import datetime as dt

from safeguard.conftest import Cast
from safeguard.people import matching
from safeguard.people import services as people_services
from safeguard.people.register_index import RegisterIndex


def _tyler(**overrides: object) -> matching.PersonRecord:
    values: dict[str, object] = {
        "key": "contact",
        "given_name": "Tylor",
        "family_name": "Brooks",
        "date_of_birth": dt.date(2014, 5, 17),
        "sex": "M",
    }
    values.update(overrides)
    return matching.PersonRecord(**values)  # type: ignore[arg-type]


def test_it_finds_the_child_the_indexed_queries_find(cast: Cast) -> None:
    register = RegisterIndex()
    found = register.lookup(_tyler(), limit=1)
    queried = matching.register_lookup(_tyler(), limit=1)
    assert [c.key for c in found] == [c.key for c in queried] == [str(cast.child.uuid)]


def test_a_refresh_files_new_people_and_new_names(cast: Cast) -> None:
    register = RegisterIndex()
    assert register.lookup(_tyler(given_name="Zebedee", family_name="Quill"), limit=1) == []
    newcomer = people_services.person_create(
        actor=cast.system, given_name="Zebedee", family_name="Quill", date_of_birth=dt.date(2015, 1, 2), sex="M"
    )
    people_services.name_add(actor=cast.system, person=cast.child, kind="alias", given_name="Ty", family_name="Stone")
    assert register.refresh() >= 2
    zeb = register.lookup(_tyler(given_name="Zebedee", family_name="Quill", date_of_birth=dt.date(2015, 1, 2)))
    assert [c.key for c in zeb] == [str(newcomer.uuid)]
    by_alias = register.lookup(_tyler(given_name="Ty", family_name="Stone"), limit=1)
    assert [c.key for c in by_alias] == [str(cast.child.uuid)]
    # Filed again, not twice: the child is one candidate.
    assert [c.key for c in register.lookup(_tyler())].count(str(cast.child.uuid)) == 1


def test_a_person_merged_away_is_never_suggested(cast: Cast) -> None:
    twin = people_services.person_create(
        actor=cast.system, given_name="Tyler", family_name="Brooks", date_of_birth=dt.date(2014, 5, 17), sex="M"
    )
    register = RegisterIndex()
    assert str(twin.uuid) in {c.key for c in register.lookup(_tyler())}
    people_services.person_merge(actor=cast.system, keep=cast.child, duplicate=twin, reason="Same child")
    # Even before a refresh, the lookup checks the database.
    assert str(twin.uuid) not in {c.key for c in register.lookup(_tyler())}
    register.refresh()
    assert [c.key for c in register.lookup(_tyler())] == [str(cast.child.uuid)]
