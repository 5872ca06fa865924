"""Forms of the early help pages. They parse what was typed; the services validate it
(through ``rules``) and say what is wrong in the user's words."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms

from safeguard.accounts.models import Agency
from safeguard.frontdoor.codes import Concern, Consent
from safeguard.lib.forms import GovForm

from . import rules, selectors
from .codes import Outcome, ReviewKind


def _date(label: str, *, required: bool = True, help_text: str = "For example, 15 12 2025") -> DateInputField:
    field = DateInputField(label=label, required=required, require_all_fields=False, help_text=help_text)
    field.error_messages["required"] = f"Enter the {label[0].lower()}{label[1:]}."
    return field


def _agencies() -> Any:
    return Agency.objects.filter(active=True).order_by("name")


class _LeadForm(GovForm):
    lead_name = forms.CharField(
        label="Lead practitioner's name",
        max_length=200,
        error_messages={"required": "Name the lead practitioner who will coordinate the help."},
    )
    lead_agency = forms.ModelChoiceField(
        label="Lead practitioner's agency",
        queryset=Agency.objects.none(),
        empty_label="Choose an agency",
        error_messages={"required": "Choose the lead practitioner's agency."},
    )
    lead_user = forms.ModelChoiceField(
        label="Their Safeguard account (optional)",
        queryset=selectors.lead_candidates().none(),
        required=False,
        empty_label="They do not use Safeguard",
        help_text="The lead then finds the family's work on their early help list.",
    )
    lead_contact = forms.CharField(
        label="How to reach them (optional)", max_length=200, required=False, help_text="A phone number or email"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["lead_agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = _agencies()
        user = self.fields["lead_user"]
        assert isinstance(user, forms.ModelChoiceField)
        user.queryset = selectors.lead_candidates()
        user.label_from_instance = lambda obj: f"{obj.display_name} ({obj.agency})"  # type: ignore[method-assign]

    def lead_layout(self) -> Fieldset:
        return Fieldset(
            Field.text("lead_name"),
            Field.select("lead_agency"),
            Field.select("lead_user"),
            Field.text("lead_contact"),
            legend="Lead practitioner",
            legend_size=Size.SMALL,
        )


class StartForm(_LeadForm):
    submit_label = "Start early help"
    started_on = _date("Date early help started")
    reason = forms.CharField(
        label="What the family needs help with (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Leave blank to keep the front door's or the social worker's reasons.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout("started_on", self.lead_layout(), Field.textarea("reason"))


class DirectStartForm(_LeadForm):
    submit_label = "Start early help"
    requested_by = forms.CharField(
        label="Who asked for early help",
        max_length=200,
        error_messages={"required": "Say who asked for early help for this family."},
    )
    requested_by_agency = forms.ModelChoiceField(
        label="Their agency (optional)", queryset=Agency.objects.none(), required=False, empty_label="Not given"
    )
    started_on = _date("Date early help started")
    reason = forms.CharField(
        label="What the family needs help with",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what the family needs help with."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["requested_by_agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = _agencies()
        self.helper.layout = Layout(
            Field.text("requested_by"),
            Field.select("requested_by_agency"),
            "started_on",
            Field.textarea("reason"),
            self.lead_layout(),
        )


class EpisodeForm(_LeadForm):
    submit_label = "Save"
    plan_agreed_on = _date(
        "Date the plan was agreed with the family", required=False, help_text="Leave blank until it is agreed"
    )
    plan = forms.CharField(
        label="The family's plan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What will be done, by whom and by when.",
    )
    review_weeks = forms.IntegerField(
        label="Review the plan every (weeks)",
        min_value=rules.REVIEW_WEEKS_MIN,
        max_value=rules.REVIEW_WEEKS_MAX,
        help_text=f"Between {rules.REVIEW_WEEKS_MIN} and {rules.REVIEW_WEEKS_MAX} weeks.",
        error_messages={
            "required": "Say how often the plan is reviewed.",
            "min_value": f"Reviews are held at least {rules.REVIEW_WEEKS_MIN} weeks apart.",
            "max_value": f"The plan is reviewed at least every {rules.REVIEW_WEEKS_MAX} weeks.",
            "invalid": "Enter the number of weeks as a whole number, for example 8.",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            self.lead_layout(),
            Fieldset(
                "plan_agreed_on",
                Field.textarea("plan"),
                Field.text("review_weeks", field_width=2),
                legend="The family's plan",
                legend_size=Size.SMALL,
            ),
            "version",
        )


class AssessmentForm(GovForm):
    submit_label = "Save assessment"
    started_on = _date("Date the assessment started")
    completed_on = _date("Date the assessment was completed", required=False, help_text="Leave blank until it is")
    organisation = forms.CharField(
        label="Organisation completing the assessment",
        max_length=200,
        required=False,
        help_text="For example, Northbrook Family Hub or Riverside Academy. Or choose an agency below.",
    )
    agency = forms.ModelChoiceField(
        label="Or choose the agency (optional)",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Not listed",
    )
    needs = forms.CharField(
        label="What the family needs help with",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Needed once the assessment is completed.",
    )
    family_views = forms.CharField(
        label="What the child and family said (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = _agencies()
        self.helper.layout = Layout(
            "started_on",
            "completed_on",
            Field.text("organisation"),
            Field.select("agency"),
            Field.textarea("needs"),
            Field.textarea("family_views"),
            "version",
        )


class ReviewForm(GovForm):
    submit_label = "Save review"
    kind = forms.ChoiceField(
        label="Kind of meeting",
        choices=ReviewKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of meeting."},
    )
    held_on = _date("Date of the meeting")
    attended = forms.CharField(
        label="Who came",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The family and each practitioner, with their agency.",
        error_messages={"required": "Say who came: the family and each practitioner, with their agency."},
    )
    progress = forms.CharField(
        label="What has changed for the family",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say what has changed for the family since the plan was agreed or last reviewed."},
    )
    next_review_on = _date(
        "Date of the next review (optional)",
        required=False,
        help_text="Leave blank for the plan's usual interval. At most 12 weeks away.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.SMALL),
            "held_on",
            Field.textarea("attended"),
            Field.textarea("progress"),
            "next_review_on",
            "version",
        )


class CloseForm(GovForm):
    submit_label = "Close early help"
    closed_on = _date("Date early help closed")
    outcome = forms.ChoiceField(
        label="Why is early help ending?",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why early help is ending."},
    )
    outcome_detail = forms.CharField(
        label="Tell us more",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For a step-up, what has changed and what worries you: the MASH reads this.",
    )
    concerns = forms.MultipleChoiceField(
        label="For a step-up: the concerns",
        choices=Concern.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.ChoiceField(
        label="For a step-up: did the family consent to it?",
        choices=Consent.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    consent_reason = forms.CharField(
        label="If consent was not given, why you are sharing anyway",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    immediate_danger = forms.BooleanField(label="The child is in immediate danger", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "closed_on",
            Field.radios("outcome", legend_size=Size.SMALL),
            Field.textarea("outcome_detail"),
            Fieldset(
                Field.checkboxes("concerns", legend_size=Size.SMALL),
                Field.radios("consent", legend_size=Size.SMALL),
                Field.textarea("consent_reason"),
                Field.checkbox("immediate_danger"),
                legend="Stepping up to children's social care",
                legend_size=Size.MEDIUM,
            ),
            "version",
        )
