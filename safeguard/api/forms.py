from __future__ import annotations

from django import forms

from safeguard.accounts.models import Agency
from safeguard.lib.forms import GovForm


class ApiClientForm(GovForm):
    submit_label = "Create credential"
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.filter(active=True).exclude(kind="csc"),
        error_messages={"required": "Choose the partner agency."},
    )
    name = forms.CharField(
        label="System name",
        max_length=200,
        help_text="For example, Northshire Police records system.",
        error_messages={"required": "Name the system."},
    )
