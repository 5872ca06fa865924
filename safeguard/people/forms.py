from __future__ import annotations

from typing import Any

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from safeguard.access.models import SwReason
from safeguard.accounts.models import User
from safeguard.lib.forms import GovForm

from .codes import AccessLevel, Disability, Ethnicity, NameKind, RelationshipKind, Sex, UpnUnknown, WarningCategory
from .models import PersonKind


def _date(label: str, help_text: str = "") -> DateInputField:
    field = DateInputField(
        label=label, required=False, require_all_fields=False, help_text=help_text or "For example, 27 3 2014"
    )
    return field


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Name, date of birth or identifier",
        help_text="For example, Tyler Brookes, 17/05/2014, an NHS number, a UPN or a local ID.",
        max_length=200,
        required=False,
    )


class PersonForm(GovForm):
    submit_label = "Save"
    kind = forms.ChoiceField(
        label="Is this a child or an adult?",
        choices=PersonKind.choices,
        widget=forms.RadioSelect,
        initial=PersonKind.CHILD,
    )
    given_name = forms.CharField(label="Given name", max_length=100, required=False)
    middle_names = forms.CharField(label="Middle names", max_length=200, required=False)
    family_name = forms.CharField(label="Family name", max_length=100, required=False)
    known_as = forms.CharField(
        label="Known as",
        max_length=100,
        required=False,
        help_text="The name the person likes to be called, if different.",
    )
    date_of_birth = _date("Date of birth")
    expected_date_of_birth = _date("Expected date of birth", "Only for an unborn child. For example, 14 2 2027")
    date_of_death = _date("Date of death")
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, widget=forms.RadioSelect, initial=Sex.UNKNOWN)
    gender_identity = forms.CharField(
        label="Gender identity",
        max_length=100,
        required=False,
        help_text="In the person's own words, if they have shared it.",
    )
    ethnicity = forms.ChoiceField(label="Ethnicity", choices=Ethnicity.choices, initial=Ethnicity.NOBT)
    first_language = forms.CharField(label="First language", max_length=100, required=False)
    interpreter_needed = forms.BooleanField(label="Needs an interpreter", required=False)
    disabilities = forms.MultipleChoiceField(
        label="Disability", choices=Disability.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    nhs_number = forms.CharField(
        label="NHS number", max_length=14, required=False, help_text="10 digits, for example 943 476 5919."
    )
    upn = forms.CharField(
        label="Unique pupil number (UPN)",
        max_length=15,
        required=False,
        help_text="13 characters, for example X801200000001.",
    )
    former_upn = forms.CharField(label="Former UPN", max_length=15, required=False)
    upn_unknown_reason = forms.ChoiceField(
        label="Why is there no UPN?",
        choices=[("", "Choose a reason"), *UpnUnknown.choices],
        required=False,
        help_text="Only for a child with no UPN: the reason the CIN census reports (UPN unknown).",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, editing: bool = False, ask_upn_unknown: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["kind"]
        # The reason a UPN is unknown is asked only when editing a child who has no UPN
        # (or whose UPN is being removed), and is then required.
        self.ask_upn_unknown = editing and ask_upn_unknown
        if not self.ask_upn_unknown:
            del self.fields["upn_unknown_reason"]
        self.helper.layout = Layout(
            *([Field.radios("kind", legend_size=Size.SMALL, inline=True)] if not editing else []),
            Fieldset(
                Field.text("given_name", field_width=20),
                Field.text("middle_names", field_width=20),
                Field.text("family_name", field_width=20),
                Field.text("known_as", field_width=20),
                legend="Name",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                "date_of_birth",
                "expected_date_of_birth",
                "date_of_death",
                legend="Dates",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.radios("sex", legend_size=Size.SMALL, inline=True),
                Field.text("gender_identity", field_width=20),
                Field.select("ethnicity"),
                Field.text("first_language", field_width=20),
                Field.checkbox("interpreter_needed"),
                Field.checkboxes("disabilities", legend_size=Size.SMALL, small=True),
                legend="About the person",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("nhs_number", field_width=10),
                Field.text("upn", field_width=10),
                Field.text("former_upn", field_width=10),
                *([Field.select("upn_unknown_reason")] if self.ask_upn_unknown else []),
                legend="Identifiers",
                legend_size=Size.MEDIUM,
            ),
            "version",
        )
        self.helper.inputs = []
        self.helper.add_input(Submit("submit", self.submit_label))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.ask_upn_unknown and not (data.get("upn") or "").strip() and not data.get("upn_unknown_reason"):
            self.add_error("upn_unknown_reason", "Choose why the child has no UPN, or enter the UPN.")
        return data


class NameForm(GovForm):
    submit_label = "Add name"
    kind = forms.ChoiceField(
        label="Type of name",
        choices=NameKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether this is a previous name or an alias."},
    )
    given_name = forms.CharField(label="Given name", max_length=100, required=False)
    family_name = forms.CharField(label="Family name", max_length=100, required=False)
    used_from = _date("Used from")
    used_to = _date("Used until")


class AddressForm(GovForm):
    submit_label = "Add address"
    line1 = forms.CharField(
        label="Address line 1", max_length=200, error_messages={"required": "Enter the first line of the address."}
    )
    line2 = forms.CharField(label="Address line 2", max_length=200, required=False)
    town = forms.CharField(label="Town or city", max_length=100, required=False)
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)
    start_date = _date("Moved in")
    end_date = _date("Moved out", "Leave blank if they still live here.")


class RelationshipForm(GovForm):
    submit_label = "Add relationship"
    other_la_id = forms.CharField(
        label="Local ID of the related person",
        max_length=20,
        help_text="For example, NB0000123. Find it with Find a person.",
        error_messages={"required": "Enter the related person's local ID."},
    )
    kind = forms.ChoiceField(
        label="They are this person's",
        choices=RelationshipKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the relationship."},
    )
    parental_responsibility = forms.BooleanField(label="Has parental responsibility", required=False)
    description = forms.CharField(
        label="Description", max_length=200, required=False, help_text="For example, maternal grandmother."
    )


class WarningForm(GovForm):
    submit_label = "Add warning"
    category = forms.ChoiceField(
        label="Type of warning",
        choices=WarningCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of warning."},
    )
    text = forms.CharField(
        label="What colleagues need to know",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Describe the warning so that colleagues know what to do."},
    )


class BreakGlassForm(GovForm):
    submit_label = "Open the record"
    reason = forms.CharField(
        label="Why do you need to see this record now?",
        help_text=(
            "Information governance reviews every emergency access. Say what has happened and why it cannot wait."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Explain why you need to see this record now."},
    )


class AllocateForm(GovForm):
    submit_label = "Allocate"
    worker = forms.ModelChoiceField(
        label="Worker", queryset=User.objects.none(), error_messages={"required": "Choose a worker."}
    )
    # Why the social worker changes (SSDA903 SW_REASON); optional.
    change_reason = forms.ChoiceField(
        label="Reason for the change of social worker (optional)",
        choices=[("", "Choose a reason"), *SwReason.choices],
        required=False,
    )

    def __init__(self, *args: Any, workers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        worker = self.fields["worker"]
        assert isinstance(worker, forms.ModelChoiceField)
        worker.queryset = workers if workers is not None else User.objects.none()
        worker.label_from_instance = lambda obj: f"{obj.display_name} ({obj.team})"  # type: ignore[method-assign]


class AccessLevelForm(GovForm):
    submit_label = "Change access"
    access_level = forms.ChoiceField(
        label="Who can see this record", choices=AccessLevel.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the record's access is being changed."},
    )


class MergeForm(GovForm):
    submit_label = "Merge records"
    duplicate_la_id = forms.CharField(
        label="Local ID of the duplicate record",
        max_length=20,
        help_text="For example, NB0000123.",
        error_messages={"required": "Enter the duplicate record's local ID."},
    )
    reason = forms.CharField(
        label="Why are these the same person?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why these records are the same person."},
    )
    confirm = forms.BooleanField(label="I have compared both records and they are the same person", required=False)


class UnmergeForm(GovForm):
    submit_label = "Undo the merge"
    reason = forms.CharField(
        label="Why is the merge being undone?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the merge is being undone."},
    )
