from __future__ import annotations

from django import template

from safeguard.frontdoor.codes import Concern

register = template.Library()

_FIELD_LABELS = {
    "nhs_number": "NHS number",
    "upn": "UPN",
    "given_name": "Given name",
    "family_name": "Family name",
    "date_of_birth": "Date of birth",
    "sex": "Sex",
    "postcode": "Postcode",
    "address": "Address",
}


@register.filter
def concern_labels(codes: list[str]) -> str:
    labels = dict(Concern.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or [])


@register.filter
def match_field_label(field: str) -> str:
    return _FIELD_LABELS.get(field, field.replace("_", " ").capitalize())
