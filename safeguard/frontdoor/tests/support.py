"""Helpers for front-door tests: a contact as a police officer would send it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from safeguard.conftest import Cast
from safeguard.frontdoor import services
from safeguard.frontdoor.models import Contact


def contact_input(**overrides: Any) -> services.ContactInput:
    values: dict[str, Any] = {
        "narrative": "Officers attended a domestic incident at the home overnight. Tyler was present and upset.",
        "concerns": ["domestic_abuse", "emotional"],
        "consent": "not_sought",
        "consent_reason": "Seeking consent could increase the risk to the child.",
        "child_given_name": "Tylor",
        "child_family_name": "Brooks",
        "child_date_of_birth": dt.date(2014, 5, 17),
        "child_sex": "M",
        "child_postcode": "NB1 2AB",
        "people": [services.PersonAround(role="parent", name="Dawn Brookes")],
    }
    values.update(overrides)
    return services.ContactInput(**values)


def police_contact(cast: Cast, **overrides: Any) -> Contact:
    contact, _ = services.contact_submit(actor=cast.police, data=contact_input(**overrides))
    return contact
