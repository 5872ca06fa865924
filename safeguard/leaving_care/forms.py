"""Forms of the leaving-care pages. They parse what was typed; the services check it
against the rules and compute every deadline."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from safeguard.accounts.models import COUNCIL_PRACTICE_ROLES, TeamKind, User
from safeguard.lib.forms import GovForm

from .codes import Accommodation, Activity, InTouch, Suitability


def _date(label: str, *, required: bool = True, help_text: str = "For example, 15 12 2025") -> DateInputField:
    field = DateInputField(label=label, required=required, require_all_fields=False, help_text=help_text)
    field.error_messages["required"] = f"Enter the {label[0].lower()}{label[1:]}."
    return field


def _text(label: str, *, required: bool = True, rows: int = 4, help_text: str = "", message: str = "") -> Any:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message or f"Enter the {label.lower()}."},
    )


def _submit(form: GovForm) -> None:
    form.helper.inputs = []
    form.helper.add_input(Submit("submit", form.submit_label))


class AdviserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name}, {obj.team}"


class AdviserForm(GovForm):
    submit_label = "Allocate personal adviser"
    adviser = AdviserChoice(
        label="Personal adviser",
        queryset=User.objects.none(),
        empty_label="Choose a personal adviser",
        error_messages={"required": "Choose the personal adviser."},
    )
    from_date = _date("Date the personal adviser starts")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["adviser"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            User.objects.filter(
                is_active=True, role__in=COUNCIL_PRACTICE_ROLES, team__kind=TeamKind.LEAVING_CARE, is_system=False
            )
            .select_related("team")
            .order_by("last_name", "first_name")
        )
        _submit(self)


class DetailsForm(GovForm):
    submit_label = "Save leaving-care details"
    needs_assessment_on = _date("Date the needs assessment was completed", required=False)
    continuing_support = forms.BooleanField(
        label="In education or training, or asking for a personal adviser's support (support continues up to 25)",
        required=False,
    )
    returned_home_on = _date(
        "Date the young person went home to live with a parent",
        required=False,
        help_text="Only when the return has been agreed as successful. For example, 15 12 2025",
    )
    staying_put_from = _date("Staying put: date it began", required=False, help_text="From 18. For example, 15 3 2026")
    staying_put_carer = forms.CharField(label="Staying put: former foster carers", max_length=200, required=False)
    staying_put_until = _date("Staying put: date it ended", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "needs_assessment_on",
            Field.checkbox("continuing_support"),
            "returned_home_on",
            Fieldset(
                "staying_put_from",
                Field.text("staying_put_carer"),
                "staying_put_until",
                legend="Staying put with former foster carers",
                legend_size=Size.MEDIUM,
            ),
            "version",
        )
        _submit(self)


class PathwayPlanForm(GovForm):
    submit_label = "Save pathway plan"
    agreed_on = _date("Date the pathway plan was agreed")
    summary = _text(
        "What the plan says",
        rows=6,
        help_text="Accommodation, education, training or work, health, money, family and friends, and support.",
        message="Summarise what the pathway plan says.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _submit(self)


class PathwayReviewForm(GovForm):
    submit_label = "Save review"
    held_on = _date("Date of the review")
    notes = _text("What the review found", rows=6, message="Record what the review found and what changes.")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _submit(self)


NO_SUITABILITY = ""


class KeepInTouchForm(GovForm):
    submit_label = "Save keeping in touch"
    contacted_on = _date("Date of the contact")
    in_touch = forms.ChoiceField(
        label="Is the council in touch with the young person?",
        choices=InTouch.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the council is in touch with the young person."},
    )
    activity = forms.ChoiceField(
        label="What the young person is doing",
        choices=[("", "Choose an activity"), *Activity.choices],
        error_messages={"required": "Choose what the young person is doing, or 'Not known'."},
    )
    accommodation = forms.ChoiceField(
        label="Where the young person lives",
        choices=[("", "Choose the accommodation"), *Accommodation.choices],
        error_messages={"required": "Choose where the young person lives, or 'Not known'."},
    )
    suitability = forms.ChoiceField(
        label="Is the accommodation suitable?",
        choices=[*Suitability.choices, (NO_SUITABILITY, "Not known (accommodation not known)")],
        widget=forms.RadioSelect,
        required=False,
    )
    notes = _text("Notes", required=False, rows=3)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "contacted_on",
            Field.radios("in_touch", legend_size=Size.MEDIUM),
            Field.select("activity"),
            Field.select("accommodation"),
            Field.radios("suitability", legend_size=Size.SMALL, small=True),
            Field.textarea("notes"),
        )
        _submit(self)


class EndSupportForm(GovForm):
    submit_label = "End leaving-care support"
    on = _date("Date support ended")
    reason = _text(
        "Why support is ending",
        rows=3,
        help_text="For example: reached 21 and not in education; no longer wants support; moved to another council.",
        message="Say why leaving-care support is ending.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _submit(self)
