from __future__ import annotations

from django import forms

from safeguard.access.models import ReviewStatus
from safeguard.lib.forms import GovForm


class BreakGlassReviewForm(GovForm):
    submit_label = "Save review"
    status = forms.ChoiceField(
        label="Was this access justified?",
        choices=[(ReviewStatus.JUSTIFIED, "Justified"), (ReviewStatus.REFERRED, "Referred for investigation")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the access was justified or is referred."},
    )
    note = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 3}), required=False)
