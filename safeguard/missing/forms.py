"""Forms of the missing-episode pages. They parse what was typed; the services validate
it against the child's other episodes and compute the return-interview deadline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms
from django.utils import timezone

from safeguard.accounts.models import Agency
from safeguard.lib.forms import GovForm

from .codes import AbsenceType, PoliceRisk


def _date(label: str, *, required: bool = True) -> DateInputField:
    field = DateInputField(
        label=label, required=required, require_all_fields=False, help_text="For example, 15 12 2025"
    )
    field.error_messages["required"] = f"Enter the {label[0].lower()}{label[1:]}."
    return field


def _time(label: str, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text="24-hour clock, for example 21:30",
        error_messages={"required": f"Enter the {label[0].lower()}{label[1:]}."},
    )


def parse_time(text: str) -> dt.time:
    try:
        return dt.datetime.strptime(text.strip().replace(".", ":"), "%H:%M").time()
    except ValueError:
        raise forms.ValidationError("Enter the time as hours and minutes, for example 21:30.") from None


def combine(day: dt.date | None, time: dt.time | None) -> dt.datetime | None:
    if day is None or time is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, time))


class _WhenForm(GovForm):
    """Pairs of ``<x>_on`` (date) and ``<x>_time`` (time) fields become ``<x>``."""

    pairs: tuple[str, ...] = ()

    def add_service_errors(self, error: Any) -> None:
        """A service names ``started_at``; the form shows it against the date field."""
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                target = f"{name}_on" if name in self.pairs else (name if name in self.fields else None)
                for message in messages:
                    self.add_error(target, message)
        else:
            super().add_service_errors(error)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for name in self.pairs:
            text = data.get(f"{name}_time")
            time = None
            if text:
                try:
                    time = parse_time(text)
                except forms.ValidationError as exc:
                    self.add_error(f"{name}_time", exc)
            data[name] = combine(data.get(f"{name}_on"), time)
        return data


class MissingStartForm(_WhenForm):
    submit_label = "Save missing episode"
    pairs = ("started_at", "ended_at")
    absence_type = forms.ChoiceField(
        label="Was the child missing, or away without authorisation?",
        choices=AbsenceType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the child was missing or away without authorisation."},
    )
    from_care = forms.BooleanField(label="The child is in care and went missing from their placement", required=False)
    started_at_on = _date("Date the child went missing")
    started_at_time = _time("Time the child went missing")
    reported_by = forms.CharField(
        label="Who reported it",
        max_length=200,
        error_messages={"required": "Say who reported the child missing."},
    )
    reported_by_agency = forms.ModelChoiceField(
        label="Their agency (optional)", queryset=Agency.objects.none(), required=False, empty_label="Not given"
    )
    police_risk = forms.ChoiceField(label="Police risk grading", choices=PoliceRisk.choices, required=False)
    circumstances = forms.CharField(
        label="Circumstances (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    ended_at_on = _date("Date the child returned (if they already have)", required=False)
    ended_at_time = _time("Time the child returned", required=False)
    where_found = forms.CharField(label="Where they were found (if they have returned)", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["reported_by_agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = Agency.objects.filter(active=True).order_by("name")
        self.helper.layout = Layout(
            Field.radios("absence_type", legend_size=Size.SMALL),
            Field.checkbox("from_care"),
            Fieldset(
                "started_at_on", Field.text("started_at_time", field_width=5), legend="When", legend_size=Size.SMALL
            ),
            Field.text("reported_by"),
            Field.select("reported_by_agency"),
            Field.select("police_risk"),
            Field.textarea("circumstances"),
            Fieldset(
                "ended_at_on",
                Field.text("ended_at_time", field_width=5),
                Field.text("where_found"),
                legend="Return",
                legend_size=Size.SMALL,
            ),
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("ended_at_on") and not data.get("ended_at_time") and "ended_at_time" not in self.errors:
            self.add_error("ended_at_time", "Enter the time the child returned.")
        if data.get("ended_at") and not (data.get("where_found") or "").strip():
            self.add_error("where_found", "Say where the child was found.")
        return data


class MissingEndForm(_WhenForm):
    submit_label = "Record the return"
    pairs = ("ended_at",)
    ended_at_on = _date("Date the child returned")
    ended_at_time = _time("Time the child returned")
    where_found = forms.CharField(
        label="Where the child was found",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say where the child was found."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "ended_at_on", Field.text("ended_at_time", field_width=5), Field.textarea("where_found"), "version"
        )


class ReturnInterviewForm(_WhenForm):
    submit_label = "Save return interview"
    pairs = ("offered_at", "held_at")
    offered_at_on = _date("Date the interview was offered")
    offered_at_time = _time("Time the interview was offered")
    declined = forms.BooleanField(label="The child declined the interview", required=False)
    held_at_on = _date("Date the interview was held", required=False)
    held_at_time = _time("Time the interview was held", required=False)
    interviewer = forms.CharField(label="Who held the interview", required=False, max_length=200)
    child_said = forms.CharField(
        label="What the child said",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="In the child's own words where you can.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Fieldset(
                "offered_at_on", Field.text("offered_at_time", field_width=5), legend="Offered", legend_size=Size.SMALL
            ),
            Field.checkbox("declined"),
            Fieldset(
                "held_at_on",
                Field.text("held_at_time", field_width=5),
                Field.text("interviewer"),
                Field.textarea("child_said"),
                legend="Held",
                legend_size=Size.SMALL,
            ),
            "version",
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("held_at_on") and not data.get("held_at_time") and "held_at_time" not in self.errors:
            self.add_error("held_at_time", "Enter the time the interview was held.")
        return data
