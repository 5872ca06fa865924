"""Forms of the returns pages: which return, for which year or look-back period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.utils import timezone

from safeguard.lib.forms import GovForm

from .cin.years import YEARS
from .periods import LookBack, current_collection_year


def _year_label(year: int) -> str:
    return f"{year - 1}/{str(year)[2:]} (1 April {year - 1} to 31 March {year})"


class CinCensusForm(GovForm):
    submit_label = "Produce the CIN census"
    year = forms.TypedChoiceField(
        label="Collection year",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the collection year."},
    )
    validate = forms.BooleanField(label="Check it with the DfE validation rules", required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year_field = self.fields["year"]
        assert isinstance(year_field, forms.TypedChoiceField)
        year_field.choices = [(y, _year_label(y)) for y in sorted(YEARS, reverse=True)]
        current = current_collection_year(timezone.localdate()).year
        year_field.initial = current if current in YEARS else max(YEARS)


class Ssda903Form(GovForm):
    submit_label = "Produce the SSDA903 return"
    year = forms.TypedChoiceField(
        label="Collection year",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the collection year."},
    )
    validate = forms.BooleanField(label="Check it with the DfE validation rules", required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year_field = self.fields["year"]
        assert isinstance(year_field, forms.TypedChoiceField)
        current = current_collection_year(timezone.localdate()).year
        year_field.choices = [(y, _year_label(y)) for y in range(current, 2025, -1)]
        year_field.initial = current


class AnnexAForm(GovForm):
    submit_label = "Produce the Annex A lists"
    period_start = DateInputField(
        label="Start of the look-back period",
        help_text="Usually 6 months before the inspection date. For example, 24 5 2026",
        require_all_fields=False,
    )
    period_end = DateInputField(
        label="End of the look-back period (the inspection date)",
        help_text="For example, 23 11 2026",
        require_all_fields=False,
    )
    validate = forms.BooleanField(label="Check the lists against the template", required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period_start"].error_messages["required"] = "Enter the start of the look-back period."
        self.fields["period_end"].error_messages["required"] = "Enter the end of the look-back period."
        today = timezone.localdate()
        default = LookBack.months_before(today, 6)
        self.fields["period_start"].initial = default.start
        self.fields["period_end"].initial = default.end

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: dt.date | None = data.get("period_start")
        end: dt.date | None = data.get("period_end")
        if start and end and start > end:
            self.add_error("period_start", "The start of the look-back period must be on or before its end.")
        if end and end > timezone.localdate():
            self.add_error("period_end", "The end of the look-back period cannot be in the future.")
        return data
