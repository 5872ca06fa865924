from __future__ import annotations

from typing import Any

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from safeguard.accounts.models import Agency, Team
from safeguard.lib.forms import GovForm
from safeguard.people.codes import Sex

from .codes import Concern, Consent, Decision, PersonRole, Rag, ReferralSource


def _date(label: str, help_text: str = "For example, 27 3 2014") -> DateInputField:
    return DateInputField(label=label, required=False, require_all_fields=False, help_text=help_text)


class ContactForm(GovForm):
    submit_label = "Send to the MASH"
    immediate_danger = forms.TypedChoiceField(
        label="Is the child in immediate danger?",
        help_text="If the child is in immediate danger, call 999 first, then send this.",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the child is in immediate danger."},
    )
    child_given_name = forms.CharField(label="Given name", max_length=100, required=False)
    child_family_name = forms.CharField(label="Family name", max_length=100, required=False)
    child_date_of_birth = _date("Date of birth")
    child_expected_date_of_birth = _date("Expected date of birth (unborn child)", "For example, 14 2 2027")
    child_sex = forms.ChoiceField(label="Sex", choices=Sex.choices, widget=forms.RadioSelect, initial=Sex.UNKNOWN)
    child_address = forms.CharField(label="Address", max_length=300, required=False)
    child_postcode = forms.CharField(label="Postcode", max_length=10, required=False)
    child_nhs_number = forms.CharField(label="NHS number", max_length=14, required=False)
    child_upn = forms.CharField(label="Unique pupil number (UPN)", max_length=15, required=False)
    child_school = forms.CharField(label="School or nursery", max_length=200, required=False)
    concerns = forms.MultipleChoiceField(
        label="What are you worried about?",
        choices=Concern.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one concern."},
    )
    narrative = forms.CharField(
        label="What happened?",
        help_text="In your own words: what you saw or were told, when, and by whom.",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Describe what happened, in your own words."},
    )
    people_around = forms.CharField(
        label="People around the child",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One person a line: name, then their role (parent, carer, sibling, household, alleged or other). "
        "For example: Dawn Brookes, parent",
    )
    consent = forms.ChoiceField(
        label="Did the family agree to this contact?",
        choices=Consent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the family consented to this contact."},
    )
    consent_reason = forms.CharField(
        label="If consent was refused or not sought, why",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    referrer_role = forms.CharField(label="Your role", max_length=200, required=False)
    referrer_phone = forms.CharField(label="A phone number the MASH can reach you on", max_length=40, required=False)

    def __init__(self, *args: Any, recording_for_others: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        extra: list[Any] = []
        if recording_for_others:
            self.fields["referrer_agency"] = forms.ModelChoiceField(
                label="Referrer's agency",
                queryset=Agency.objects.filter(active=True),
                required=False,
                help_text="Leave blank for a member of the public.",
                error_messages={
                    "invalid_choice": "Choose an agency from the list, or leave it blank for a member of the public."
                },
            )
            self.fields["referrer_name"] = forms.CharField(
                label="Referrer's name", max_length=200, error_messages={"required": "Enter the referrer's name."}
            )
            self.fields["source"] = forms.ChoiceField(label="Source (CIN census)", choices=ReferralSource.choices)
            extra = [
                Fieldset(
                    "referrer_name",
                    "referrer_agency",
                    Field.select("source"),
                    legend="Who is referring",
                    legend_size=Size.MEDIUM,
                )
            ]
        self.helper.layout = Layout(
            Field.radios("immediate_danger", legend_size=Size.MEDIUM, inline=True),
            *extra,
            Fieldset(
                Field.text("child_given_name", field_width=20),
                Field.text("child_family_name", field_width=20),
                "child_date_of_birth",
                "child_expected_date_of_birth",
                Field.radios("child_sex", legend_size=Size.SMALL, inline=True),
                Field.text("child_address"),
                Field.text("child_postcode", field_width=10),
                Field.text("child_nhs_number", field_width=10),
                Field.text("child_upn", field_width=10),
                Field.text("child_school"),
                legend="The child",
                legend_size=Size.MEDIUM,
            ),
            Field.checkboxes("concerns", legend_size=Size.MEDIUM, small=True),
            Field.textarea("narrative", label_size=Size.MEDIUM),
            Field.textarea("people_around", label_size=Size.SMALL),
            Field.radios("consent", legend_size=Size.MEDIUM),
            Field.textarea("consent_reason"),
            Fieldset(
                Field.text("referrer_role", field_width=20),
                Field.text("referrer_phone", field_width=20),
                legend="About you",
                legend_size=Size.MEDIUM,
            ),
        )
        self.helper.inputs = []
        self.helper.add_input(Submit("submit", self.submit_label))

    def clean_people_around(self) -> list[tuple[str, str]]:
        rows = []
        for number, line in enumerate((self.cleaned_data.get("people_around") or "").splitlines(), start=1):
            if not line.strip():
                continue
            name, _, role = line.rpartition(",")
            role = role.strip().lower()
            if not name.strip() or role not in PersonRole.values:
                raise forms.ValidationError(
                    f"Line {number}: write a name, a comma, then one of: "
                    "parent, carer, sibling, household, alleged, other."
                )
            rows.append((name.strip(), role))
        return rows


class RateForm(GovForm):
    submit_label = "Save rating"
    rag = forms.ChoiceField(
        label="RAG rating",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose red, amber, green or blue."},
    )
    rationale = forms.CharField(
        label="Why this rating",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why you chose this rating."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class RequestForm(GovForm):
    submit_label = "Send request"
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.none(), error_messages={"required": "Choose the agency to ask."}
    )
    question = forms.CharField(
        label="What do you need to know?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what you need to know."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = Agency.objects.filter(active=True).exclude(kind="csc").order_by("name")


class AnswerForm(GovForm):
    submit_label = "Send answer"
    answer = forms.CharField(
        label="What your agency knows",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Include dates and sources. If your agency holds nothing about this child, say so.",
        error_messages={"required": "Write what your agency knows, or that it holds nothing about this child."},
    )


class DecideForm(GovForm):
    submit_label = "Record decision"
    decision = forms.ChoiceField(
        label="Decision",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a decision."},
    )
    team = forms.ModelChoiceField(
        label="Refer to team",
        queryset=Team.objects.none(),
        required=False,
        help_text="For a referral or a strategy discussion.",
    )
    rationale = forms.CharField(
        label="Reasons for the decision",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Explain the decision: what you weighed and why."},
    )
    advice = forms.CharField(
        label="Advice given",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required for no further action.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team = self.fields["team"]
        assert isinstance(team, forms.ModelChoiceField)
        team.queryset = Team.objects.filter(
            active=True,
            agency__kind="csc",
            kind__in=["assessment", "child_protection", "exploitation", "children_in_care"],
        ).order_by("name")


class ReturnForm(GovForm):
    submit_label = "Send back"
    reason = forms.CharField(
        label="What needs to change",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what needs to change before you can authorise."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
