"""Why a child has no UPN (CIN census UPNunknown, UN1 to UN7): asked on the child's edit
form only when there is no UPN, and then required; a UPN and a reason together are
refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguard.conftest import Cast, client_for
from safeguard.people import services
from safeguard.people.models import Person
from safeguard.returns.rules import upn_check_letter

pytestmark = pytest.mark.django_db
UPN = upn_check_letter("801200000010") + "801200000010"


def _post(person: Person, **changes: Any) -> dict[str, Any]:
    dob = person.date_of_birth
    assert dob is not None
    data: dict[str, Any] = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "date_of_birth_0": str(dob.day),
        "date_of_birth_1": str(dob.month),
        "date_of_birth_2": str(dob.year),
        "sex": person.sex,
        "ethnicity": person.ethnicity,
        "upn": person.upn,
        "version": person.version,
    }
    data.update(changes)
    return data


def test_a_child_with_no_upn_is_asked_why_and_must_say(cast: Cast) -> None:
    client = client_for(cast.sw)
    url = reverse("people:edit", args=[cast.child.uuid])
    assert cast.child.upn == ""
    assert "Why is there no UPN?" in client.get(url).content.decode()
    refused = client.post(url, _post(cast.child))
    assert refused.status_code == 200
    assert "Choose why the child has no UPN, or enter the UPN." in refused.content.decode()

    assert client.post(url, _post(cast.child, upn_unknown_reason="UN4")).status_code == 302
    cast.child.refresh_from_db()
    assert cast.child.upn_unknown_reason == "UN4"
    page = client.get(reverse("people:child", args=[cast.child.uuid])).content.decode()
    assert "Not known (UN4: Newly looked after or new case, UPN not yet known)" in page


def test_a_upn_and_a_reason_together_are_refused(cast: Cast) -> None:
    client = client_for(cast.sw)
    url = reverse("people:edit", args=[cast.child.uuid])
    response = client.post(url, _post(cast.child, upn=UPN, upn_unknown_reason="UN2"))
    assert response.status_code == 200
    assert "A child with a UPN has no reason for it being unknown: clear the reason." in response.content.decode()
    with pytest.raises(ValidationError):
        services.person_update(
            actor=cast.sw, person=cast.child, expected_version=cast.child.version, upn=UPN, upn_unknown_reason="UN2"
        )

    # With the UPN alone it saves, and the question is no longer asked.
    assert client.post(url, _post(cast.child, upn=UPN)).status_code == 302
    cast.child.refresh_from_db()
    assert "Why is there no UPN?" not in client.get(url).content.decode()


def test_it_is_asked_only_when_editing_a_child_with_no_upn(cast: Cast) -> None:
    from safeguard.people.forms import PersonForm

    assert "upn_unknown_reason" not in PersonForm(editing=True, ask_upn_unknown=False).fields
    assert "upn_unknown_reason" not in PersonForm(ask_upn_unknown=True).fields  # not when adding a person
