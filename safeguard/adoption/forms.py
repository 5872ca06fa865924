"""Forms of the adoption pages. They parse what was typed; the services check it against
the rules."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from safeguard.lib.forms import GovForm
from safeguard.people.codes import Ethnicity

from .codes import AdopterSex, AdoptersLegalStatus, Disability, LeftReason, NoLongerPlacedReason
from .models import AdopterHousehold


def _date(label: str, *, required: bool = False, help_text: str = "For example, 15 3 2026") -> DateInputField:
    field = DateInputField(label=label, required=required, require_all_fields=False, help_text=help_text)
    field.error_messages["required"] = f"Enter the {label[0].lower()}{label[1:]}."
    return field


def _submit(form: GovForm) -> None:
    form.helper.inputs = []
    form.helper.add_input(Submit("submit", form.submit_label))


YES_NO_BLANK = [("yes", "Yes"), ("no", "No")]


class HouseholdChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        names = " and ".join(a.full_name for a in obj.adopters.all())
        return f"{obj.reference}: {names}" if names else obj.reference


class DecisionNewForm(GovForm):
    submit_label = "Save the decision"
    decided_on = _date("Date of the decision that the child should be placed for adoption", required=True)
    placement_order_on = _date("Date of the placement order", help_text="If the court has made one.")
    ffa_placed_on = _date(
        "Date placed in a fostering for adoption or concurrent planning placement",
        help_text="If the child is already placed with approved adopters as foster carers.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _submit(self)


class DecisionForm(GovForm):
    submit_label = "Save adoption record"
    decided_on = _date("Date of the decision that the child should be placed for adoption", required=True)
    placement_order_on = _date("Date of the placement order")
    ffa_placed_on = _date("Date placed in a fostering for adoption or concurrent planning placement")
    matched_on = _date("Date matched with prospective adopters")
    household = HouseholdChoice(
        label="Adopters the child is matched with",
        queryset=AdopterHousehold.objects.none(),
        required=False,
        empty_label="Not matched yet",
    )
    placed_on = _date("Date placed for adoption")
    placed_with_foster_carer = forms.ChoiceField(
        label="Were the adopters the child's foster carers when the child was placed?",
        choices=YES_NO_BLANK,
        widget=forms.RadioSelect,
        required=False,
    )
    adoption_order_on = _date("Date of the adoption order")
    no_longer_on = _date("Date of the decision that the child should no longer be placed for adoption")
    no_longer_reason = forms.ChoiceField(
        label="Why the child should no longer be placed for adoption",
        choices=[("", "Choose a reason"), *NoLongerPlacedReason.choices],
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, households: list[AdopterHousehold] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["household"]
        assert isinstance(field, forms.ModelChoiceField)
        ids = [h.pk for h in households or []]
        field.queryset = AdopterHousehold.objects.filter(pk__in=ids).prefetch_related("adopters").order_by("reference")
        self.helper.layout = Layout(
            "decided_on",
            "placement_order_on",
            "ffa_placed_on",
            Fieldset(
                "matched_on",
                Field.select("household"),
                legend="Match",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                "placed_on",
                Field.radios("placed_with_foster_carer", legend_size=Size.SMALL, inline=True),
                "adoption_order_on",
                legend="Placement and adoption order",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                "no_longer_on",
                Field.select("no_longer_reason"),
                legend="If the plan for adoption has changed",
                legend_size=Size.MEDIUM,
            ),
            "version",
        )
        _submit(self)

    def values(self) -> dict[str, Any]:
        d = self.cleaned_data
        foster = d.get("placed_with_foster_carer") or ""
        return {
            "decided_on": d["decided_on"],
            "placement_order_on": d.get("placement_order_on"),
            "ffa_placed_on": d.get("ffa_placed_on"),
            "matched_on": d.get("matched_on"),
            "household": d.get("household"),
            "placed_on": d.get("placed_on"),
            "placed_with_foster_carer": {"yes": True, "no": False}.get(foster),
            "adoption_order_on": d.get("adoption_order_on"),
            "no_longer_on": d.get("no_longer_on"),
            "no_longer_reason": d.get("no_longer_reason") or "",
        }


def _adopter_fields(prefix: str, *, required: bool) -> dict[str, forms.Field]:
    return {
        f"{prefix}given_name": forms.CharField(
            label="First name",
            max_length=100,
            required=required,
            error_messages={"required": "Enter the adopter's first name."},
        ),
        f"{prefix}family_name": forms.CharField(
            label="Last name",
            max_length=100,
            required=required,
            error_messages={"required": "Enter the adopter's last name."},
        ),
        f"{prefix}sex": forms.ChoiceField(
            label="Sex",
            choices=AdopterSex.choices,
            widget=forms.RadioSelect,
            required=required,
            error_messages={"required": "Choose the adopter's sex."},
        ),
        f"{prefix}ethnicity": forms.ChoiceField(
            label="Ethnicity",
            choices=[("", "Choose an ethnicity"), *Ethnicity.choices],
            required=required,
            error_messages={"required": "Choose the adopter's ethnicity, or 'Information not yet obtained'."},
        ),
        f"{prefix}disability": forms.ChoiceField(
            label="Does the adopter have a disability?",
            choices=Disability.choices,
            widget=forms.RadioSelect,
            required=required,
            error_messages={"required": "Say whether the adopter has a disability."},
        ),
        f"{prefix}fostering_for_adoption": forms.BooleanField(label="Approved to foster for adoption", required=False),
    }


def _adopter_layout(prefix: str, legend: str) -> Fieldset:
    return Fieldset(
        Field.text(f"{prefix}given_name"),
        Field.text(f"{prefix}family_name"),
        Field.radios(f"{prefix}sex", legend_size=Size.SMALL, inline=True),
        Field.select(f"{prefix}ethnicity"),
        Field.radios(f"{prefix}disability", legend_size=Size.SMALL, inline=True),
        Field.checkbox(f"{prefix}fostering_for_adoption"),
        legend=legend,
        legend_size=Size.MEDIUM,
    )


class HouseholdNewForm(GovForm):
    submit_label = "Save the household"
    enquiry_on = _date("Date the enquiry was received", required=True)
    legal_status = forms.ChoiceField(
        label="Are the adopters single or a couple?",
        choices=AdoptersLegalStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the adopters are single or how they are a couple."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_adopter_fields("", required=True))
        self.fields.update(_adopter_fields("second_", required=False))
        self.helper.layout = Layout(
            "enquiry_on",
            Field.radios("legal_status", legend_size=Size.MEDIUM),
            _adopter_layout("", "First adopter"),
            _adopter_layout("second_", "Second adopter (for a couple)"),
        )
        _submit(self)

    def has_second(self) -> bool:
        d = self.cleaned_data
        return any(d.get(f"second_{n}") for n in ("given_name", "family_name", "sex", "ethnicity"))


class AdopterForm(GovForm):
    submit_label = "Save the adopter"

    def __init__(self, *args: Any, with_legal_status: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_adopter_fields("", required=True))
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
        parts: list[Any] = [_adopter_layout("", "Adopter")]
        if with_legal_status:
            self.fields["legal_status"] = forms.ChoiceField(
                label="How are the adopters a couple?",
                choices=[c for c in AdoptersLegalStatus.choices if c[0] != AdoptersLegalStatus.L0],
                widget=forms.RadioSelect,
                error_messages={"required": "Choose how the adopters are a couple."},
            )
            parts.append(Field.radios("legal_status", legend_size=Size.MEDIUM))
        parts.append("version")
        self.helper.layout = Layout(*parts)
        _submit(self)


class JourneyForm(GovForm):
    submit_label = "Save the journey"
    legal_status = forms.ChoiceField(
        label="Are the adopters single or a couple?",
        choices=AdoptersLegalStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the adopters are single or how they are a couple."},
    )
    enquiry_on = _date("Date the enquiry was received", required=True)
    stage1_started_on = _date("Date stage 1 started")
    stage1_ended_on = _date("Date stage 1 ended")
    stage2_started_on = _date("Date stage 2 started")
    application_on = _date("Date the application was submitted")
    stage2_ended_on = _date("Date stage 2 ended")
    approved_on = _date("Date the application was approved")
    matched_on = _date("Date matched with a child or children")
    placed_on = _date("Date a child or children were placed")
    children_placed = forms.IntegerField(
        label="Number of children placed", min_value=1, max_value=9, required=False, widget=forms.NumberInput
    )
    adoption_order_on = _date("Date of the adoption order")
    left_on = _date("Date the household left the adoption process")
    left_reason = forms.ChoiceField(
        label="Why the household left the adoption process",
        choices=[("", "Choose a reason"), *LeftReason.choices],
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("legal_status", legend_size=Size.MEDIUM),
            Fieldset(
                "enquiry_on",
                "stage1_started_on",
                "stage1_ended_on",
                "stage2_started_on",
                "application_on",
                "stage2_ended_on",
                "approved_on",
                legend="Approval",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                "matched_on",
                "placed_on",
                Field.text("children_placed", field_width=2),
                "adoption_order_on",
                legend="Match, placement and adoption",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                "left_on",
                Field.select("left_reason"),
                legend="If the household left the process",
                legend_size=Size.MEDIUM,
            ),
            "version",
        )
        _submit(self)
