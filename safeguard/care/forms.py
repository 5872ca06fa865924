"""Forms of the children-in-care pages. They parse what was typed; the services check
it against the SSDA903 episode rules and compute every deadline."""

from __future__ import annotations

from typing import Any, cast

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from safeguard.lib.forms import GovForm

from .codes import (
    CarePlanKind,
    CarerKind,
    CategoryOfNeed,
    EpisodeEndReason,
    HealthCheckKind,
    LegalStatus,
    PermanenceOption,
    PlacementChangeReason,
    PlacementProvider,
    PlacementType,
    PreviousPermanence,
    ReviewParticipation,
    SdqReason,
    VisitCadence,
)
from .services import ActionInput, Placement

BLANK = [("", "Choose")]
ACTION_ROWS = 3


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


def _choice(label: str, choices: Any, *, required: bool = True, message: str = "", help_text: str = "") -> Any:
    return forms.ChoiceField(
        label=label,
        choices=[*BLANK, *choices] if not required else choices,
        required=required,
        help_text=help_text,
        error_messages={"required": message or f"Choose the {label.lower()}."},
    )


def _submit(form: GovForm) -> None:
    form.helper.inputs = []
    form.helper.add_input(Submit("submit", form.submit_label))


def _coded(choices: Any) -> list[tuple[str, str]]:
    return [(value, f"{value}: {label}") for value, label in choices]


class PlacementFields(GovForm):
    """The fields of a placement, shared by starting care and changing placement."""

    placement_type = _choice(
        "Placement type",
        _coded(PlacementType.choices),
        required=False,
        help_text="The codes offered depend on the year: K3 from April 2024; Z11 to Z14 from April 2025.",
    )
    placement_provider = _choice(
        "Placement provider",
        _coded(PlacementProvider.choices),
        required=False,
        help_text="Leave blank for temporary moves (T0 to T4) and other placements (Z codes).",
    )
    carer: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Carer or setting",
        queryset=None,
        required=False,
        help_text="Add a carer or setting first if they are not listed.",
    )
    placement_postcode = forms.CharField(label="Placement postcode", max_length=10, required=False)
    urn = forms.CharField(
        label="Setting reference (Ofsted URN)",
        max_length=8,
        required=False,
        help_text="For children's homes and supported accommodation; XXXXXX if the setting has none.",
    )
    visit_cadence = forms.ChoiceField(
        label="Visiting pattern (Care Planning Regulations, reg 28)",
        choices=VisitCadence.choices,
        initial=VisitCadence.DEFAULT,
    )
    intended_to_18 = forms.BooleanField(
        label="This placement is intended to last until the child is 18", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        carer = self.fields["carer"]
        assert isinstance(carer, forms.ModelChoiceField)
        from .models import Carer

        carer.queryset = Carer.objects.filter(active=True).order_by("name")

    def placement(self) -> Placement | None:
        d = self.cleaned_data
        if not d.get("placement_type"):
            return None
        return Placement(
            placement_type=d["placement_type"],
            placement_provider=d.get("placement_provider") or "",
            placement_postcode=d.get("placement_postcode") or "",
            urn=d.get("urn") or "",
            carer=d.get("carer"),
            visit_cadence=d.get("visit_cadence") or VisitCadence.DEFAULT,
            intended_to_18=bool(d.get("intended_to_18")),
        )

    def placement_layout(self) -> Fieldset:
        return Fieldset(
            Field.select("placement_type"),
            Field.select("placement_provider"),
            Field.select("carer"),
            Field.text("placement_postcode", field_width=10),
            Field.text("urn", field_width=10),
            Field.select("visit_cadence"),
            Field.checkbox("intended_to_18"),
            legend="Placement",
            legend_size=Size.MEDIUM,
        )


class CareStartForm(PlacementFields):
    submit_label = "Record that the child is looked after"
    start_date = _date("Date the child started to be looked after")
    legal_status = _choice("Legal status", _coded(LegalStatus.choices), required=False)
    category_of_need = _choice("Category of need", _coded(CategoryOfNeed.choices), required=False)
    home_postcode = forms.CharField(label="Home postcode (where the child lived before)", max_length=10, required=False)
    iro: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Independent reviewing officer", queryset=None, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        iro = self.fields["iro"]
        assert isinstance(iro, forms.ModelChoiceField)
        from safeguard.accounts.models import TeamKind, User

        iro.queryset = User.objects.filter(
            is_active=True, team__kind=TeamKind.REVIEWING, role__in=["social_worker", "team_manager"]
        ).order_by("last_name")
        self.helper.layout = Layout(
            "start_date",
            Field.select("legal_status"),
            Field.select("category_of_need"),
            Field.text("home_postcode", field_width=10),
            self.placement_layout(),
            Field.select("iro"),
        )
        _submit(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, message in (
            ("legal_status", "Choose the legal status."),
            ("category_of_need", "Choose the category of need."),
            ("placement_type", "Choose the placement type."),
        ):
            if not data.get(name):
                self.add_error(name, message)
        return data


CHANGE_KINDS = [
    ("L", "Legal status only (L)"),
    ("P", "Placement and carer (P)"),
    ("T", "Placement, with the same carer (T)"),
    ("U", "Legal status and placement, with the same carer (U)"),
    ("B", "Legal status, placement and carer (B)"),
]


class EpisodeChangeForm(PlacementFields):
    submit_label = "Record the change"
    kind = forms.ChoiceField(
        label="What changed?",
        choices=CHANGE_KINDS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what changed."},
    )
    on = _date("Date of the change")
    legal_status = _choice(
        "New legal status", _coded(LegalStatus.choices), required=False, help_text="When the legal status changed."
    )
    placement_change_reason = _choice(
        "Why the placement changed",
        _coded(PlacementChangeReason.choices),
        required=False,
        help_text="When the placement changed (not for temporary moves).",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.MEDIUM),
            "on",
            Field.select("legal_status"),
            Field.select("placement_change_reason"),
            self.placement_layout(),
            "version",
        )
        _submit(self)


class CareEndForm(GovForm):
    submit_label = "Record that care has ended"
    on = _date("Date the child stopped being looked after")
    end_reason = _choice(
        "Reason care ended",
        _coded([(v, label) for v, label in EpisodeEndReason.choices if v != "X1"]),
        required=True,
        message="Choose why the child stopped being looked after.",
    )
    placement_change_reason = _choice("Why the placement ended", _coded(PlacementChangeReason.choices), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        end = self.fields["end_reason"]
        assert isinstance(end, forms.ChoiceField)
        end.choices = [*BLANK, *cast(list[tuple[str, str]], end.choices)]
        self.helper.layout = Layout(
            "on", Field.select("end_reason"), Field.select("placement_change_reason"), "version"
        )
        _submit(self)


class ReviewForm(GovForm):
    submit_label = "Record the review"
    held_on = _date("Date of the review")
    participation = forms.ChoiceField(
        label="How did the child take part?",
        choices=_coded(ReviewParticipation.choices),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the child took part."},
    )
    child_views = _text("The child's views", required=False, rows=4)
    decisions = _text("Decisions", rows=6, message="Enter the review's decisions.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rows = []
        for i in range(ACTION_ROWS):
            self.fields[f"action_{i}_description"] = forms.CharField(label="Action", required=False)
            self.fields[f"action_{i}_owner"] = forms.CharField(label="Who will do it", required=False)
            self.fields[f"action_{i}_due"] = _date("Due by", required=False, help_text="")
            rows.append(
                Fieldset(
                    f"action_{i}_description",
                    Field.text(f"action_{i}_owner", field_width=20),
                    f"action_{i}_due",
                    legend=f"Action {i + 1}",
                    legend_size=Size.SMALL,
                )
            )
        self.helper.layout = Layout(
            "held_on", Field.radios("participation", legend_size=Size.MEDIUM), "child_views", "decisions", *rows
        )
        _submit(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        actions = []
        for i in range(ACTION_ROWS):
            description = (data.get(f"action_{i}_description") or "").strip()
            owner = (data.get(f"action_{i}_owner") or "").strip()
            due = data.get(f"action_{i}_due")
            if not (description or owner or due):
                continue
            if not description:
                self.add_error(f"action_{i}_description", f"Enter what action {i + 1} is.")
            if not owner:
                self.add_error(f"action_{i}_owner", f"Enter who will do action {i + 1}.")
            if not due:
                self.add_error(f"action_{i}_due", f"Enter when action {i + 1} is due.")
            if description and owner and due:
                actions.append(ActionInput(description, owner, due))
        data["actions"] = actions
        return data


class BringForwardForm(GovForm):
    submit_label = "Bring the review forward"
    to = _date("Hold the review by")
    reason = _text("Why the review is brought forward", rows=3, message="Say why the review is being brought forward.")


class IroForm(GovForm):
    submit_label = "Assign"
    iro: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Independent reviewing officer",
        queryset=None,
        error_messages={"required": "Choose the independent reviewing officer."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["iro"]
        assert isinstance(field, forms.ModelChoiceField)
        from safeguard.accounts.models import TeamKind, User

        field.queryset = User.objects.filter(
            is_active=True, team__kind=TeamKind.REVIEWING, role__in=["social_worker", "team_manager"]
        ).order_by("last_name")
        self.helper.layout = Layout(Field.select("iro"))
        _submit(self)


class VisitForm(GovForm):
    submit_label = "Record the visit"
    visited_on = _date("Date of the visit")
    child_seen = forms.BooleanField(label="The child was seen", required=False, initial=True)
    child_seen_alone = forms.BooleanField(label="The child was seen alone", required=False)
    not_seen_alone_reason = forms.CharField(label="If not seen alone, why", required=False, max_length=300)
    child_requested = forms.BooleanField(label="The child or carer asked for this visit", required=False)
    summary = _text("What happened on the visit", rows=6, message="Enter what happened on the visit.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "visited_on",
            Fieldset(
                Field.checkbox("child_seen"),
                Field.checkbox("child_seen_alone"),
                Field.text("not_seen_alone_reason"),
                Field.checkbox("child_requested"),
                legend="Seeing the child",
                legend_size=Size.SMALL,
            ),
            "summary",
        )
        _submit(self)


class CarePlanForm(GovForm):
    submit_label = "Save the plan"
    kind = forms.ChoiceField(
        label="Which plan?",
        choices=CarePlanKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which plan."},
    )
    agreed_on = _date("Date agreed")
    permanence_option = _choice(
        "Plan for permanence", PermanenceOption.choices, required=False, help_text="For the permanence plan."
    )
    summary = _text("The plan", rows=8, message="Enter the plan.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.MEDIUM), "agreed_on", Field.select("permanence_option"), "summary"
        )
        _submit(self)


class HealthCheckForm(GovForm):
    submit_label = "Save"
    kind = forms.ChoiceField(
        label="What was done?",
        choices=HealthCheckKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of check it was."},
    )
    done_on = _date("Date")
    by_whom = forms.CharField(
        label="Carried out by", max_length=200, error_messages={"required": "Enter who carried it out."}
    )
    immunisations_up_to_date = forms.ChoiceField(
        label="Are the child's immunisations up to date?",
        choices=[("", "Not checked"), ("yes", "Yes"), ("no", "No")],
        required=False,
    )
    outcome = _text("Outcome and recommendations", required=False, rows=4)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.MEDIUM),
            "done_on",
            Field.text("by_whom"),
            Field.select("immunisations_up_to_date"),
            "outcome",
        )
        _submit(self)

    def up_to_date(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("immunisations_up_to_date") or "")


class SdqForm(GovForm):
    submit_label = "Save the SDQ"
    completed_on = _date("Date completed")
    score = forms.IntegerField(
        label="Score (0 to 40)",
        required=False,
        min_value=0,
        max_value=40,
        error_messages={"min_value": "The SDQ score is from 0 to 40.", "max_value": "The SDQ score is from 0 to 40."},
    )
    reason = _choice("Or why there is no score", _coded(SdqReason.choices), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout("completed_on", Field.text("score", field_width=3), Field.select("reason"))
        _submit(self)


class PepForm(GovForm):
    submit_label = "Save the PEP"
    reviewed_on = _date("Date of the PEP meeting")
    school = forms.CharField(label="School", max_length=200, error_messages={"required": "Enter the school."})
    designated_teacher = forms.CharField(label="Designated teacher", max_length=200, required=False)
    attendance_percent = forms.IntegerField(
        label="Attendance this term (%)",
        required=False,
        min_value=0,
        max_value=100,
        error_messages={"max_value": "Attendance is a percentage from 0 to 100."},
    )
    targets = _text("Targets and support", rows=6, message="Enter the plan's targets.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "reviewed_on",
            Field.text("school"),
            Field.text("designated_teacher"),
            Field.text("attendance_percent", field_width=3),
            "targets",
        )
        _submit(self)


class CarerForm(GovForm):
    submit_label = "Add the carer or setting"
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter the name."})
    kind = forms.ChoiceField(
        label="Kind",
        choices=CarerKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of carer or setting."},
    )
    provider = _choice("Usual placement provider", _coded(PlacementProvider.choices), required=False)
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)
    urn = forms.CharField(label="Ofsted URN", max_length=8, required=False)
    approved_on = _date("Date approved or registered", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.text("name"),
            Field.radios("kind", legend_size=Size.MEDIUM),
            Field.select("provider"),
            Field.text("postcode", field_width=10),
            Field.text("urn", field_width=10),
            "approved_on",
        )
        _submit(self)


class CarerEditForm(CarerForm):
    submit_label = "Save the changes"
    active = forms.BooleanField(
        label="In use for new placements",
        required=False,
        help_text="Untick when the carer or setting is no longer used. Its placements and agreements are kept.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.text("name"),
            Field.radios("kind", legend_size=Size.MEDIUM),
            Field.select("provider"),
            Field.text("postcode", field_width=10),
            Field.text("urn", field_width=10),
            "approved_on",
            Field.checkbox("active"),
            "version",
        )
        _submit(self)


class ShortBreakAgreementForm(GovForm):
    """A V4 agreement: the limits are the rules' (CPPCR 2010 reg 48), checked by the service."""

    submit_label = "Record the agreement"
    start_date = _date("Date the agreement starts")
    planned_days_per_year = forms.IntegerField(
        label="Planned days of short breaks a year",
        min_value=1,
        error_messages={
            "required": "Enter how many days of short breaks a year are planned.",
            "invalid": "Enter the planned days a year as a whole number, like 40.",
            "min_value": "Enter at least 1 planned day a year.",
        },
    )
    longest_stay_days = forms.IntegerField(
        label="Longest single stay (days)",
        min_value=1,
        error_messages={
            "required": "Enter the longest single stay in days.",
            "invalid": "Enter the longest single stay as a whole number of days, like 3.",
            "min_value": "A stay is at least 1 day.",
        },
    )
    carer: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Carer or setting (optional)",
        queryset=None,
        required=False,
        empty_label="Not yet known",
        help_text="Only carers and settings in use are listed.",
    )
    visit_interval_agreed = forms.CharField(
        label="Visiting intervals agreed with the IRO and parents (optional)",
        max_length=200,
        required=False,
        help_text="For example, at least every 3 months, at the carer's home.",
        error_messages={"max_length": "Keep the visiting intervals to 200 characters or fewer."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        carer = self.fields["carer"]
        assert isinstance(carer, forms.ModelChoiceField)
        from .models import Carer

        carer.queryset = Carer.objects.filter(active=True).order_by("name")
        carer.error_messages["invalid_choice"] = "Choose a carer or setting from the list."
        self.helper.layout = Layout(
            "start_date",
            Field.text("planned_days_per_year", field_width=3),
            Field.text("longest_stay_days", field_width=3),
            Field.select("carer"),
            Field.text("visit_interval_agreed"),
        )
        _submit(self)


# --- UASC, previous permanence, yearly outcomes, deprivation of liberty orders --------------

YES_NO = [("1", "Yes"), ("0", "No")]


def _yes_no(label: str, *, help_text: str = "", blank: str = "") -> Any:
    """Yes, No, or (with ``blank``) a third answer stored as not recorded."""
    choices = [*YES_NO, ("", blank)] if blank else YES_NO
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=lambda v: v == "1",
        empty_value=None,
        required=not blank,
        help_text=help_text,
        widget=forms.RadioSelect,
        error_messages={"required": f"Answer: {label[0].lower()}{label[1:]}"},
    )


def yes_no_initial(value: bool | None) -> str:
    return "" if value is None else ("1" if value else "0")


class UascForm(GovForm):
    submit_label = "Save"
    uasc = _yes_no("Is the child an unaccompanied asylum-seeking child (UASC)?")
    uasc_ceased_on = _date(
        "Date UASC status ceased",
        required=False,
        help_text="Leave to remain granted, an age assessment, or the 18th birthday at the latest. Leave blank "
        "while the status continues.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.radios("uasc", inline=True), "uasc_ceased_on", "version")
        _submit(self)


class PermanenceBeforeForm(GovForm):
    submit_label = "Save"
    option = forms.ChoiceField(
        label="What permanence option did the child have before this period of care?",
        choices=_coded(PreviousPermanence.choices),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the previous permanence option."},
    )
    la_code = forms.CharField(
        label="Local authority that arranged it",
        required=False,
        max_length=3,
        help_text="The DfE code, such as 801; WAL, SCO, NIR or NUK outside England. Blank for Z1.",
    )
    order_date = _date("Date of the order", required=False, help_text="Blank for Z1. For example, 15 12 2020")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("option"), Field.text("la_code", field_width=3), "order_date", "version"
        )
        _submit(self)


class YearOutcomesForm(GovForm):
    submit_label = "Save the outcomes"
    convicted = _yes_no(
        "Convicted, or given a final warning or reprimand, during the year?",
        help_text="Children aged 10 or over at 31 March.",
        blank="Not asked: under 10 at 31 March",
    )
    substance_misuse = _yes_no("Was a substance misuse problem identified during the year?")
    intervention_received = _yes_no(
        "Did the child receive an intervention for it?", blank="Not asked: no substance misuse problem"
    )
    intervention_offered = _yes_no(
        "Was an intervention offered but refused?", blank="Not asked: an intervention was received, or no problem"
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("convicted"),
            Field.radios("substance_misuse", inline=True),
            Field.radios("intervention_received"),
            Field.radios("intervention_offered"),
            "version",
        )
        _submit(self)


class LibertyOrderForm(GovForm):
    submit_label = "Save the order"
    start_date = _date("Date the order started")
    end_date = _date("Date the order ended", required=False, help_text="Leave blank while the order is in force.")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout("start_date", "end_date", "version")
        _submit(self)
