"""Forms of the case-audit pages. They parse what was typed; the services validate."""

from __future__ import annotations

from typing import Any, cast

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from safeguard.accounts.models import Role, Team, User
from safeguard.lib.forms import GovForm

from . import policy
from .codes import Grade, SampleMethod
from .models import PracticeStandard

ACTION_ROWS = 3
GRADE_CHOICES = [(str(v), f"{v}. {label}") for v, label in Grade.choices]


def _text(
    label: str, *, required: bool = True, rows: int = 4, message: str = "", help_text: str = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message or f"Enter {label[0].lower()}{label[1:]}."},
    )


def auditor_choices() -> Any:
    candidates = User.objects.filter(
        is_active=True, is_system=False, role__in=[Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE]
    ).select_related("team")
    return User.objects.filter(pk__in=[u.pk for u in candidates if policy.can_be_auditor(u)]).order_by(
        "last_name", "first_name"
    )


class AuditorField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.get_role_display()}{', ' + str(obj.team) if obj.team else ''})"


class RoundForm(GovForm):
    submit_label = "Draw the sample"
    title = forms.CharField(
        label="Title of the audit round", error_messages={"required": "Enter a title for the audit round."}
    )
    method = forms.ChoiceField(
        label="How should the sample be drawn?",
        choices=SampleMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how to draw the sample."},
    )
    size = forms.IntegerField(
        label="Random: how many cases",
        required=False,
        min_value=1,
        max_value=500,
        error_messages={
            "min_value": "Enter how many cases to sample, 1 or more.",
            "invalid": "Enter a whole number of cases.",
        },
    )
    per_stratum = forms.IntegerField(
        label="Stratified: how many cases from each team and stage",
        required=False,
        min_value=1,
        max_value=50,
        error_messages={
            "min_value": "Enter 1 or more cases from each team and stage.",
            "invalid": "Enter a whole number.",
        },
    )
    teams = forms.ModelMultipleChoiceField(
        label="Only these teams (random or stratified; leave empty for every team)",
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    chosen = forms.CharField(
        label="Chosen: the local IDs of the children, separated by commas or spaces",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    auditors = AuditorField(
        label="Auditors",
        help_text="Cases are shared between them, each going to an auditor outside the case's team where possible.",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one auditor."},
    )
    due_on = DateInputField(
        label="Complete the audits by",
        required=False,
        require_all_fields=False,
        help_text="Leave empty for 20 working days from today. For example, 15 12 2026",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["teams"]).queryset = (
            Team.objects.filter(agency__kind="csc", active=True)
            .exclude(kind__in=["performance", "information_governance", "systems", "quality", "reviewing"])
            .order_by("name")
        )
        cast(forms.ModelMultipleChoiceField, self.fields["auditors"]).queryset = auditor_choices()
        self.helper.layout = Layout(
            Field.text("title"),
            Field.radios("method"),
            Field.text("size", field_width=5),
            Field.text("per_stratum", field_width=5),
            Field.checkboxes("teams", small=True),
            Field.textarea("chosen"),
            Field.checkboxes("auditors", small=True),
            Field("due_on"),
        )

    def chosen_ids(self) -> list[str]:
        text = self.cleaned_data.get("chosen") or ""
        return [p for p in text.replace(",", " ").split() if p]


class AuditForm(GovForm):
    submit_label = "Save the audit"
    version = forms.IntegerField(widget=forms.HiddenInput)
    grade = forms.TypedChoiceField(
        label="Overall grade for the case",
        choices=GRADE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the overall grade for the case."},
    )
    serious_concerns = forms.BooleanField(
        label="There are serious concerns for the child's safety now",
        required=False,
        help_text="The case goes at once to the team manager and head of service, as an inadequate grade does.",
    )
    strengths = _text("Strengths", message="Record the strengths you found.")
    improvements = _text("What must improve", message="Record what must improve.")

    def __init__(self, *args: Any, standards: list[PracticeStandard], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.standards = standards
        layout: list[Any] = []
        for standard in standards:
            key = f"standard_{standard.pk}"
            self.fields[key] = forms.TypedChoiceField(
                label=standard.title,
                help_text=standard.description,
                choices=GRADE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": f"Grade “{standard.title}”."},
            )
            self.fields[f"{key}_comment"] = forms.CharField(
                label=f"Evidence for “{standard.title}” (optional)",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            layout += [Field.radios(key, legend_size=Size.SMALL, inline=False), Field.textarea(f"{key}_comment")]
        actions = []
        for n in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{n}_description"] = forms.CharField(
                label=f"Action {n} for the worker", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"action_{n}_due_on"] = DateInputField(
                label=f"Action {n} deadline",
                required=False,
                require_all_fields=False,
                help_text="Leave empty for 10 working days from today. For example, 15 12 2026",
            )
            actions += [Field.textarea(f"action_{n}_description"), Field(f"action_{n}_due_on")]
        self.helper.layout = Layout(
            Fieldset(*layout, legend="Grade each practice standard", legend_size=Size.MEDIUM),
            Fieldset(
                Field.radios("grade", legend_size=Size.SMALL),
                Field.checkbox("serious_concerns"),
                Field.textarea("strengths"),
                Field.textarea("improvements"),
                legend="The case overall",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(*actions, legend="Actions for the worker", legend_size=Size.MEDIUM),
            "version",
        )

    def grades(self) -> dict[int, tuple[int, str]]:
        return {
            s.pk: (self.cleaned_data[f"standard_{s.pk}"], self.cleaned_data.get(f"standard_{s.pk}_comment") or "")
            for s in self.standards
        }


class ResolveForm(GovForm):
    submit_label = "Record the resolution"
    version = forms.IntegerField(widget=forms.HiddenInput)
    resolution = _text(
        "What was done to resolve the concerns",
        message="Say what was done to resolve the concerns.",
        help_text="For example, the child was seen, a strategy discussion held, the case reallocated.",
    )


class StandardForm(GovForm):
    submit_label = "Save the standard"
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label="Standard", error_messages={"required": "Enter the standard."})
    description = _text("What good practice looks like", message="Say what good practice looks like.")
    active = forms.BooleanField(label="Auditors grade cases against this standard", required=False, initial=True)


def replace_submit(form: GovForm, label: str) -> None:
    form.helper.inputs = []
    form.helper.add_input(Submit("submit", label))
