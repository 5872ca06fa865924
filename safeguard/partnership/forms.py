"""Forms of the partnership pages; rules live in services.py."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.fields import DateInputField
from django import forms

from safeguard.accounts.models import Agency
from safeguard.lib.forms import GovForm

from .models import ActionStatus, Priority


class ActionForm(GovForm):
    submit_label = "Add the action"
    priority = forms.ModelChoiceField(
        label="Priority", queryset=Priority.objects.none(), error_messages={"required": "Choose the priority."}
    )
    title = forms.CharField(label="Action", max_length=300, error_messages={"required": "Say what the action is."})
    owner_agency = forms.ModelChoiceField(
        label="Owning agency",
        queryset=Agency.objects.none(),
        error_messages={"required": "Choose the agency that owns the action."},
    )
    owner_name = forms.CharField(
        label="Named lead", max_length=200, error_messages={"required": "Name the lead in the owning agency."}
    )
    due_on = DateInputField(label="Deadline", require_all_fields=False, help_text="For example, 31 3 2027")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = Priority.objects.all()  # type: ignore[attr-defined]
        self.fields["owner_agency"].queryset = Agency.objects.filter(active=True).exclude(  # type: ignore[attr-defined]
            kind="inspectorate"
        )
        self.fields["due_on"].error_messages["required"] = "Enter the deadline."


class ReportForm(GovForm):
    submit_label = "Report progress"
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label="How is it going?",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the action is going."},
    )
    progress = forms.IntegerField(
        label="Progress (percent done)",
        min_value=0,
        max_value=100,
        error_messages={
            "required": "Enter how much is done, from 0 to 100.",
            "invalid": "Enter a whole number from 0 to 100.",
            "min_value": "Progress is a percentage from 0 to 100.",
            "max_value": "Progress is a percentage from 0 to 100.",
        },
    )
    note = forms.CharField(
        label="What has happened since the last report",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what has happened since the last report."},
    )
