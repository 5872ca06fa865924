"""Forms of the inspection pages, in GOV.UK style; rules live in services.py."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.fields import DateInputField
from django import forms

from safeguard.accounts.models import Role, User
from safeguard.lib.forms import GovForm

from .codes import Area, Grade, InspectionKind, SampleReason

GRADE_CHOICES = [("", "No judgement"), *[(str(v), label) for v, label in Grade.choices]]


def _date(label: str, *, required: bool = True, help_text: str = "For example, 10 3 2025") -> DateInputField:
    field = DateInputField(label=label, required=required, require_all_fields=False, help_text=help_text)
    if required:
        field.error_messages["required"] = f"Enter the {label[0].lower()}{label[1:]}."
    field.error_messages["invalid"] = f"The {label[0].lower()}{label[1:]} must be a real date."
    return field


def _grade(value: str) -> int | None:
    return int(value) if value else None


class InspectionForm(GovForm):
    submit_label = "Record the inspection"
    kind = forms.ChoiceField(
        label="Kind of inspection or visit",
        choices=[("", "Choose"), *InspectionKind.choices],
        error_messages={"required": "Choose the kind of inspection or visit."},
    )
    fieldwork_start = _date("First day of fieldwork")
    fieldwork_end = _date("Last day of fieldwork")
    published_on = _date("Date the report or letter was published", required=False, help_text="Optional.")
    summary = forms.CharField(label="Headline findings", widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for area, label in Area.choices:
            self.fields[area] = forms.ChoiceField(label=label, choices=GRADE_CHOICES, required=False)

    def judgements(self) -> dict[str, int]:
        return {area: grade for area in Area.values if (grade := _grade(self.cleaned_data.get(area) or ""))}


class SampleForm(GovForm):
    submit_label = "Add to the sample"
    child_id = forms.CharField(
        label="The child's Safeguard ID",
        help_text="As on the child's record, for example NB0001234.",
        max_length=20,
        error_messages={"required": "Enter the child's Safeguard ID."},
    )
    reason = forms.ChoiceField(
        label="How the inspectors will look",
        choices=SampleReason.choices,
        initial=SampleReason.SAMPLED,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the child is tracked or sampled."},
    )


class AccessForm(GovForm):
    submit_label = "Open access"
    inspector = forms.ModelChoiceField(
        label="Inspector",
        queryset=User.objects.none(),
        error_messages={"required": "Choose the inspector."},
    )
    starts_on = _date("Access opens on", help_text="From the start of the day, for example 23 11 2026.")
    ends_on = _date("Access closes after", help_text="At the end of the day.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["inspector"].queryset = User.objects.filter(role=Role.INSPECTOR, is_active=True)  # type: ignore[attr-defined]


class SelfEvaluationForm(GovForm):
    submit_label = "Save the self-evaluation"
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    grade = forms.ChoiceField(label="Our judgement", choices=GRADE_CHOICES, required=False)
    strengths = forms.CharField(
        label="What is working well, and the evidence", widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    priorities = forms.CharField(
        label="What must improve, and what we are doing about it",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    indicators = forms.MultipleChoiceField(
        label="Indicators this judgement rests on", choices=[], required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, indicator_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicators"].choices = indicator_choices  # type: ignore[attr-defined]

    def grade_value(self) -> int | None:
        return _grade(self.cleaned_data.get("grade") or "")
