"""Forms of the help and protection pages. They parse what was typed; the services
validate it against the pathway and compute every deadline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms
from django.utils import timezone

from safeguard.accounts.models import COUNCIL_PRACTICE_ROLES, Agency, Role, Team, User
from safeguard.frontdoor.models import Referral
from safeguard.lib.forms import GovForm

from . import services
from .codes import (
    AbuseCategory,
    AssessmentFactor,
    AssessmentOutcome,
    ClosureReason,
    ConferenceDecision,
    ConferenceKind,
    EnquiryOutcome,
    NoteKind,
    PlanEndReason,
    PrimaryNeed,
    ProtectionKind,
    StrategyDecision,
)

PARTICIPANT_ROWS = 6
ACTION_ROWS = 4


def _date(label: str, *, required: bool = True, help_text: str = "For example, 15 12 2025") -> DateInputField:
    field = DateInputField(label=label, required=required, require_all_fields=False, help_text=help_text)
    field.error_messages["required"] = f"Enter the {label[0].lower()}{label[1:]}."
    return field


def _text(
    label: str, *, required: bool = True, rows: int = 4, help_text: str = "", message: str = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message or f"Enter the {label.lower()}."},
    )


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput)


def _agencies() -> Any:
    return Agency.objects.filter(active=True).order_by("name")


def _replace_submit(form: GovForm) -> None:
    form.helper.inputs = []
    form.helper.add_input(Submit("submit", form.submit_label))


# --- Assessment ---------------------------------------------------------------------------

NO_REFERRAL = "none"


class AssessmentStartForm(GovForm):
    submit_label = "Start assessment"
    referral = forms.ChoiceField(
        label="Which referral does this assessment respond to?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the referral, or say there is none on the record."},
    )
    referral_date = _date("Referral date", required=False, help_text="Only when the referral is not listed above.")
    started_on = _date("Date the assessment started")
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.none(), error_messages={"required": "Choose the team doing the assessment."}
    )

    def __init__(self, *args: Any, referrals: list[Referral], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.referrals = {str(r.uuid): r for r in referrals}
        choices = [
            (key, f"Referral received {r.referral_date:%-d %B %Y} ({r.team})") for key, r in self.referrals.items()
        ]
        referral = self.fields["referral"]
        assert isinstance(referral, forms.ChoiceField)
        referral.choices = [*choices, (NO_REFERRAL, "The referral is not listed: I will give its date")]
        team = self.fields["team"]
        assert isinstance(team, forms.ModelChoiceField)
        team.queryset = Team.objects.filter(active=True, agency__kind="csc").order_by("name")
        self.helper.layout = Layout(
            Field.radios("referral", legend_size=Size.MEDIUM),
            "referral_date",
            "started_on",
            Field.select("team"),
        )
        _replace_submit(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        choice = data.get("referral")
        data["referral_obj"] = self.referrals.get(choice or "")
        if choice == NO_REFERRAL and not data.get("referral_date"):
            self.add_error("referral_date", "Enter the date of the referral the assessment responds to.")
        return data


class AssessmentForm(GovForm):
    submit_label = "Save assessment"
    factors = forms.MultipleChoiceField(
        label="Factors identified (CIN census assessment factors)",
        choices=AssessmentFactor.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply, or 'No factors identified'.",
    )
    primary_need = forms.ChoiceField(
        label="The child's primary need (CIN census)",
        choices=[("", "Not chosen yet"), *PrimaryNeed.choices],
        required=False,
        help_text=(
            "The main reason the child needs help. Needed before you submit the assessment for a child in need "
            "plan or a strategy discussion."
        ),
    )
    child_views = _text(
        "The child's views",
        required=False,
        rows=5,
        help_text="In the child's own words where you can: what they said, and how they feel.",
    )
    family_views = _text("The family's views", required=False, rows=4)
    analysis = _text("Analysis", required=False, rows=8, help_text="What the information means for the child's safety.")
    version = _version()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.checkboxes("factors", legend_size=Size.MEDIUM, small=True),
            Field.select("primary_need", label_size=Size.MEDIUM),
            Field.textarea("child_views", label_size=Size.MEDIUM),
            Field.textarea("family_views", label_size=Size.MEDIUM),
            Field.textarea("analysis", label_size=Size.MEDIUM),
            "version",
        )
        _replace_submit(self)


class AssessmentSubmitForm(GovForm):
    submit_label = "Submit for authorisation"
    outcome = forms.ChoiceField(
        label="Outcome of the assessment",
        choices=AssessmentOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome of the assessment."},
    )
    outcome_reason = _text("Why this is the right outcome", message="Say why this is the right outcome.")
    version = _version()


# --- Rows of participants and actions ---------------------------------------------------------


class _MeetingRows:
    """Fixed sets of rows for who took part and the actions agreed. A row is used when
    any of its text is filled in; a used row needs its agency and name (or due date)."""

    def _add_rows(self: Any, *, with_actions: bool) -> tuple[list[Any], list[Any]]:
        participant_sets: list[Any] = []
        for n in range(1, PARTICIPANT_ROWS + 1):
            self.fields[f"p{n}_agency"] = forms.ModelChoiceField(label="Agency", queryset=_agencies(), required=False)
            self.fields[f"p{n}_name"] = forms.CharField(label="Name", max_length=200, required=False)
            self.fields[f"p{n}_role"] = forms.CharField(label="Role", max_length=200, required=False)
            self.fields[f"p{n}_information"] = forms.CharField(
                label="Information they shared",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            participant_sets.append(
                Fieldset(
                    Field.select(f"p{n}_agency"),
                    Field.text(f"p{n}_name", field_width=20),
                    Field.text(f"p{n}_role", field_width=20),
                    Field.textarea(f"p{n}_information", rows=2),
                    legend=f"Person {n}",
                    legend_size=Size.SMALL,
                )
            )
        action_sets: list[Any] = []
        if with_actions:
            for n in range(1, ACTION_ROWS + 1):
                self.fields[f"a{n}_description"] = forms.CharField(label="Action", max_length=1000, required=False)
                self.fields[f"a{n}_agency"] = forms.ModelChoiceField(
                    label="Owner agency", queryset=_agencies(), required=False
                )
                self.fields[f"a{n}_due_on"] = _date("Due date", required=False)
                action_sets.append(
                    Fieldset(
                        Field.text(f"a{n}_description"),
                        Field.select(f"a{n}_agency"),
                        f"a{n}_due_on",
                        legend=f"Action {n}",
                        legend_size=Size.SMALL,
                    )
                )
        return participant_sets, action_sets

    def participants(self: Any) -> list[services.ParticipantInput]:
        rows = []
        for n in range(1, PARTICIPANT_ROWS + 1):
            d = self.cleaned_data
            if d.get(f"p{n}_agency") and d.get(f"p{n}_name"):
                rows.append(
                    services.ParticipantInput(
                        agency=d[f"p{n}_agency"],
                        name=d[f"p{n}_name"],
                        role=d.get(f"p{n}_role", ""),
                        information=d.get(f"p{n}_information", ""),
                    )
                )
        return rows

    def actions(self: Any) -> list[services.ActionInput]:
        rows = []
        for n in range(1, ACTION_ROWS + 1):
            d = self.cleaned_data
            if d.get(f"a{n}_description") and d.get(f"a{n}_agency") and d.get(f"a{n}_due_on"):
                rows.append(
                    services.ActionInput(
                        description=d[f"a{n}_description"], owner_agency=d[f"a{n}_agency"], due_on=d[f"a{n}_due_on"]
                    )
                )
        return rows

    def _clean_rows(self: Any, data: dict[str, Any]) -> None:
        for n in range(1, PARTICIPANT_ROWS + 1):
            used = any(data.get(f"p{n}_{f}") for f in ("name", "role", "information"))
            if used and not data.get(f"p{n}_agency"):
                self.add_error(f"p{n}_agency", f"Choose the agency of person {n}.")
            if (used or data.get(f"p{n}_agency")) and not data.get(f"p{n}_name"):
                self.add_error(f"p{n}_name", f"Enter the name of person {n}.")
        for n in range(1, ACTION_ROWS + 1):
            if f"a{n}_description" not in self.fields:
                continue
            used = bool(data.get(f"a{n}_description")) or bool(data.get(f"a{n}_agency"))
            if not used:
                continue
            if not data.get(f"a{n}_description"):
                self.add_error(f"a{n}_description", f"Describe action {n}.")
            if not data.get(f"a{n}_agency"):
                self.add_error(f"a{n}_agency", f"Choose the agency that owns action {n}.")
            if not data.get(f"a{n}_due_on") and f"a{n}_due_on" not in self.errors:
                self.add_error(f"a{n}_due_on", f"Enter the date action {n} is due.")


# --- Strategy discussion and section 47 -----------------------------------------------------


class StrategyDiscussionForm(_MeetingRows, GovForm):
    submit_label = "Record strategy discussion"
    held_on = _date("Date held")
    reason = _text("Why the strategy discussion was held", message="Say why the strategy discussion was held.")
    decision = forms.ChoiceField(
        label="Decision",
        choices=StrategyDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Record the decision about a section 47 enquiry."},
    )
    decision_reason = _text("Reasons for the decision", message="Say why this decision was reached.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people, actions = self._add_rows(with_actions=True)
        self.helper.layout = Layout(
            "held_on",
            Field.textarea("reason"),
            Fieldset(
                *people,
                legend="Who took part",
                legend_size=Size.MEDIUM,
            ),
            Field.radios("decision", legend_size=Size.MEDIUM),
            Field.textarea("decision_reason"),
            Fieldset(*actions, legend="Actions agreed", legend_size=Size.MEDIUM),
        )
        _replace_submit(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._clean_rows(data)
        return data


class EnquiryCompleteForm(GovForm):
    submit_label = "Complete enquiry"
    findings = _text("Findings", rows=6, message="Record what the enquiry found.")
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=EnquiryOutcome.choices,
        widget=forms.RadioSelect,
        help_text="A child judged at continuing risk of significant harm goes to an initial conference.",
        error_messages={"required": "Record the outcome of the enquiry."},
    )
    completed_on = _date("Date completed")
    version = _version()


class MeetingInformationForm(GovForm):
    submit_label = "Add information"
    information = _text(
        "What your agency knows",
        rows=8,
        help_text="Include dates and sources. It is added to the meeting's record with your name.",
        message="Write what your agency knows.",
    )


# --- Conferences and plans -----------------------------------------------------------------------


class ConferenceForm(_MeetingRows, GovForm):
    submit_label = "Record conference"
    held_on = _date("Date held")
    child_views = _text("The child's views", required=False, help_text="In the child's own words where you can.")
    family_views = _text("The family's views", required=False)
    decision = forms.ChoiceField(
        label="Decision", widget=forms.RadioSelect, error_messages={"required": "Record the conference's decision."}
    )
    category = forms.ChoiceField(
        label="Category of abuse",
        choices=AbuseCategory.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="When the child is, or remains, subject to a plan.",
    )
    decision_reason = _text("Reasons for the decision", message="Record the reasons for the decision.")
    version = _version()

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        decision = self.fields["decision"]
        assert isinstance(decision, forms.ChoiceField)
        wanted = (
            (ConferenceDecision.PLAN, ConferenceDecision.NO_PLAN)
            if kind == ConferenceKind.INITIAL
            else (ConferenceDecision.CONTINUE, ConferenceDecision.END)
        )
        decision.choices = [(d.value, d.label) for d in wanted]
        people, actions = self._add_rows(with_actions=True)
        self.helper.layout = Layout(
            "held_on",
            Fieldset(*people, legend="Who took part", legend_size=Size.MEDIUM),
            Field.textarea("child_views", label_size=Size.SMALL),
            Field.textarea("family_views", label_size=Size.SMALL),
            Field.radios("decision", legend_size=Size.MEDIUM),
            Field.radios("category", legend_size=Size.SMALL),
            Field.textarea("decision_reason"),
            Fieldset(*actions, legend="Actions agreed", legend_size=Size.MEDIUM),
            "version",
        )
        _replace_submit(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._clean_rows(data)
        return data


class CoreGroupForm(GovForm):
    submit_label = "Record core group"
    held_on = _date("Date held")
    agencies = forms.ModelMultipleChoiceField(
        label="Agencies in the core group",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Their staff will see this meeting.",
    )
    attendees = forms.CharField(
        label="Who came", max_length=1000, required=False, help_text="Names and roles, including the family."
    )
    notes = _text("Notes", required=False, rows=6)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = self.fields["agencies"]
        assert isinstance(agencies, forms.ModelMultipleChoiceField)
        agencies.queryset = _agencies()
        self.helper.layout = Layout(
            "held_on",
            Field.checkboxes("agencies", legend_size=Size.SMALL, small=True),
            Field.text("attendees"),
            Field.textarea("notes", rows=6),
        )
        _replace_submit(self)


class PlanEndForm(GovForm):
    submit_label = "End the plan"
    ended_on = _date("Date the plan ended")
    reason = forms.ChoiceField(
        label="Why the plan is ending",
        choices=[(r.value, r.label) for r in PlanEndReason if r != PlanEndReason.NO_LONGER_AT_RISK],
        widget=forms.RadioSelect,
        help_text="When the child is no longer at continuing risk, a review conference ends the plan.",
        error_messages={"required": "Choose why the plan is ending."},
    )
    version = _version()


class CinPlanStartForm(GovForm):
    submit_label = "Start child in need plan"
    started_on = _date("Date the plan started")


class CinReviewForm(GovForm):
    submit_label = "Record review"
    held_on = _date("Date of the review")
    notes = _text("Notes", required=False, rows=6)


class CinPlanEndForm(GovForm):
    submit_label = "End the plan"
    ended_on = _date("Date the plan ended")
    reason = _text(
        "Why the plan is ending",
        help_text="For example: closed, stepped down to early help, or moved away.",
        message="Say why the plan is ending.",
    )
    version = _version()


# --- Notes and visits ----------------------------------------------------------------------------


class NoteForm(GovForm):
    submit_label = "Save note"
    kind = forms.ChoiceField(
        label="Type of note",
        choices=NoteKind.choices,
        widget=forms.RadioSelect,
        initial=NoteKind.CASE_NOTE,
        error_messages={"required": "Choose the type of note."},
    )
    occurred_on = _date("Date")
    occurred_time = forms.CharField(
        label="Time", max_length=5, required=False, help_text="For example, 14:30. Leave blank if not known."
    )
    summary = _text("What happened", rows=6, message="Write what happened.")
    who_seen = forms.CharField(label="Who was seen", max_length=300, required=False)
    child_seen = forms.BooleanField(label="The child was seen", required=False)
    child_seen_alone = forms.BooleanField(label="The child was seen alone", required=False)
    not_seen_alone_reason = forms.CharField(label="If not seen alone, why not", max_length=300, required=False)
    child_words = _text(
        "What the child said, in their own words", required=False, help_text="And how they feel, as they put it."
    )
    analysis = _text("Your analysis", required=False)
    significant = forms.BooleanField(
        label="Significant event (shown on the chronology)", required=False, help_text="Mark events that matter."
    )
    restricted = forms.BooleanField(
        label="Restricted: only the allocated team and its managers may read it", required=False
    )
    shared_with = forms.ModelMultipleChoiceField(
        label="Share with partner agencies",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Their staff involved with the child will be able to read this note.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        shared = self.fields["shared_with"]
        assert isinstance(shared, forms.ModelMultipleChoiceField)
        shared.queryset = _agencies().exclude(kind="csc")
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.MEDIUM),
            "occurred_on",
            Field.text("occurred_time", field_width=5),
            Field.textarea("summary", label_size=Size.SMALL),
            Fieldset(
                Field.text("who_seen"),
                Field.checkbox("child_seen"),
                Field.checkbox("child_seen_alone"),
                Field.text("not_seen_alone_reason"),
                legend="Who was seen",
                legend_size=Size.MEDIUM,
            ),
            Field.textarea("child_words", label_size=Size.SMALL),
            Field.textarea("analysis", label_size=Size.SMALL),
            Fieldset(
                Field.checkbox("significant"),
                Field.checkbox("restricted"),
                Field.checkboxes("shared_with", legend_size=Size.SMALL, small=True),
                legend="Who can read it",
                legend_size=Size.MEDIUM,
            ),
        )
        _replace_submit(self)

    def clean_occurred_time(self) -> dt.time | None:
        text = (self.cleaned_data.get("occurred_time") or "").strip()
        if not text:
            return None
        try:
            return dt.datetime.strptime(text.replace(".", ":"), "%H:%M").time()
        except ValueError:
            raise forms.ValidationError("Enter the time as hours and minutes, for example 14:30.") from None

    def note_input(self) -> services.NoteInput:
        d = self.cleaned_data
        when = d.get("occurred_time")
        if when is None:  # not known: midday, or now for something earlier today
            now = timezone.localtime()
            when = now.time().replace(second=0, microsecond=0) if d["occurred_on"] == now.date() else dt.time(12, 0)
        occurred_at = timezone.make_aware(dt.datetime.combine(d["occurred_on"], when))
        return services.NoteInput(
            kind=d["kind"],
            occurred_at=occurred_at,
            summary=d["summary"],
            who_seen=d.get("who_seen", ""),
            child_seen=d.get("child_seen", False),
            child_seen_alone=d.get("child_seen_alone", False),
            not_seen_alone_reason=d.get("not_seen_alone_reason", ""),
            child_words=d.get("child_words", ""),
            analysis=d.get("analysis", ""),
            restricted=d.get("restricted", False),
            significant=d.get("significant", False),
            shared_with=list(d.get("shared_with") or []),
        )


# --- Meetings after recording, and invitations ------------------------------------------------

EXTRA_PARTICIPANT_ROWS = 3


def _people() -> Any:
    """Everyone who can own an action or be invited by name: council practitioners and
    partner practitioners, with their agency."""
    return (
        User.objects.filter(is_active=True, agency__isnull=False, role__in=[*COUNCIL_PRACTICE_ROLES, Role.PARTNER])
        .select_related("agency")
        .order_by("last_name", "first_name")
    )


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.agency})"


class MeetingParticipantsForm(GovForm):
    """Who took part in a recorded meeting: one row per person already recorded (which can
    be changed or removed) and a few empty rows for anyone missed. A row keeps the key of
    the participant it changes; a key no longer on the record (someone else removed the
    row meanwhile) adds the person again."""

    submit_label = "Save who took part"
    version = _version()

    def __init__(self, data: Any = None, *, existing: list[Any], **kwargs: Any) -> None:
        initial = dict(kwargs.pop("initial", None) or {})
        for n, p in enumerate(existing, start=1):
            initial.update(
                {
                    f"p{n}_key": str(p.uuid),
                    f"p{n}_agency": p.agency_id,
                    f"p{n}_name": p.name,
                    f"p{n}_role": p.role,
                    f"p{n}_attended": "yes" if p.attended else "no",
                    f"p{n}_information": p.information,
                }
            )
        super().__init__(data, initial=initial, **kwargs)
        self.existing = {str(p.uuid): p for p in existing}
        self.rows = len(existing) + EXTRA_PARTICIPANT_ROWS
        if data is not None:
            posted = [n for n in range(1, 100) if f"p{n}_name" in data or f"p{n}_agency" in data]
            self.rows = max([self.rows, *posted])
        sets: list[Any] = []
        for n in range(1, self.rows + 1):
            recorded = bool(data.get(f"p{n}_key")) if data is not None else n <= len(existing)
            self.fields[f"p{n}_key"] = forms.CharField(widget=forms.HiddenInput, required=False)
            self.fields[f"p{n}_agency"] = forms.ModelChoiceField(label="Agency", queryset=_agencies(), required=False)
            self.fields[f"p{n}_name"] = forms.CharField(label="Name", max_length=200, required=False)
            self.fields[f"p{n}_role"] = forms.CharField(label="Role", max_length=200, required=False)
            self.fields[f"p{n}_attended"] = forms.ChoiceField(
                label="Did they attend?",
                choices=[("yes", "Attended"), ("no", "Sent information but did not attend")],
                widget=forms.RadioSelect,
                required=False,
                initial="yes",
            )
            self.fields[f"p{n}_information"] = forms.CharField(
                label="Information they shared", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"p{n}_remove"] = forms.BooleanField(label=f"Remove person {n} from the record", required=False)
            row = [
                f"p{n}_key",
                Field.select(f"p{n}_agency"),
                Field.text(f"p{n}_name", field_width=20),
                Field.text(f"p{n}_role", field_width=20),
                Field.radios(f"p{n}_attended", legend_size=Size.SMALL, small=True, inline=True),
                Field.textarea(f"p{n}_information", rows=2),
            ]
            if recorded:
                row.append(Field.checkbox(f"p{n}_remove"))
            sets.append(Fieldset(*row, legend=f"Person {n}", legend_size=Size.SMALL))
        self.helper.layout = Layout(Fieldset(*sets, legend="Who took part", legend_size=Size.MEDIUM), "version")
        _replace_submit(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, self.rows + 1):
            if data.get(f"p{n}_remove"):
                continue
            used = any(data.get(f"p{n}_{f}") for f in ("name", "role", "information"))
            if used and not data.get(f"p{n}_agency"):
                self.add_error(f"p{n}_agency", f"Choose the agency of person {n}.")
            if (used or data.get(f"p{n}_agency")) and not data.get(f"p{n}_name"):
                self.add_error(f"p{n}_name", f"Enter the name of person {n}.")
        if not self.errors and not self.participants():
            self.add_error(None, "Record at least one person who took part.")
        return data

    def participants(self) -> list[services.ParticipantInput]:
        d = self.cleaned_data
        rows = []
        for n in range(1, self.rows + 1):
            if d.get(f"p{n}_remove") or not (d.get(f"p{n}_agency") and d.get(f"p{n}_name")):
                continue
            key = d.get(f"p{n}_key") or ""
            known = self.existing.get(key)
            rows.append(
                services.ParticipantInput(
                    agency=d[f"p{n}_agency"],
                    name=d[f"p{n}_name"],
                    role=d.get(f"p{n}_role", ""),
                    attended=d.get(f"p{n}_attended") != "no",
                    information=d.get(f"p{n}_information", ""),
                    user=known.user if known is not None else None,
                    key=key if known is not None else "",
                )
            )
        return rows


class ActionForm(GovForm):
    """An action on a meeting: what, which agency owns it (and, if known, who), and when
    it is due."""

    submit_label = "Save action"
    description = forms.CharField(
        label="Action",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Describe the action."},
    )
    owner_agency = forms.ModelChoiceField(
        label="Owner agency",
        queryset=Agency.objects.none(),
        error_messages={"required": "Choose the agency that owns the action."},
    )
    owner = _PersonChoice(
        label="Owner (optional)",
        queryset=User.objects.none(),
        required=False,
        help_text="Someone in the owner agency. Anyone in that agency can mark it complete.",
    )
    due_on = _date("Due date")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["owner_agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = _agencies()
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = _people()
        self.helper.layout = Layout(
            Field.textarea("description", rows=3),
            Field.select("owner_agency"),
            Field.select("owner"),
            "due_on",
            "version",
        )
        _replace_submit(self)

    def action_input(self) -> services.ActionInput:
        d = self.cleaned_data
        return services.ActionInput(
            description=d["description"], owner_agency=d["owner_agency"], due_on=d["due_on"], owner=d.get("owner")
        )


class InvitationForm(GovForm):
    submit_label = "Invite"
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.none(), error_messages={"required": "Choose the agency to invite."}
    )
    user = _PersonChoice(
        label="Person with a Safeguard account (optional)",
        queryset=User.objects.none(),
        required=False,
        help_text="They will see the conference when they sign in.",
    )
    name = forms.CharField(
        label="Name (optional)",
        max_length=200,
        required=False,
        help_text="For someone without an account. Leave blank to invite the agency.",
    )
    role = forms.CharField(label="Role (optional)", max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = _agencies()
        user = self.fields["user"]
        assert isinstance(user, forms.ModelChoiceField)
        user.queryset = _people()
        self.helper.layout = Layout(
            Field.select("agency"),
            Field.select("user"),
            Field.text("name", field_width=20),
            Field.text("role", field_width=20),
        )
        _replace_submit(self)

    def invitation_input(self) -> services.InvitationInput:
        d = self.cleaned_data
        return services.InvitationInput(
            agency=d["agency"], name=d.get("name", ""), role=d.get("role", ""), user=d.get("user")
        )


class ConferenceReportForm(GovForm):
    submit_label = "Save report"
    received_on = _date("Date the report was received")
    report = _text(
        "What the report says",
        rows=8,
        help_text="A summary, or the report itself.",
        message="Write what the report says.",
    )
    version = _version()


# --- Closure, step-down and re-opening ---------------------------------------------------------


class ClosureForm(GovForm):
    submit_label = "Send to a manager to authorise"
    census_reason = forms.ChoiceField(
        label="Reason for closure",
        choices=[(c.value, f"{c.value}: {c.label}") for c in ClosureReason],
        widget=forms.RadioSelect,
        help_text="The CIN census reason. RC9 steps the family down to early help.",
        error_messages={"required": "Choose the reason for closure."},
    )
    closed_on = _date("Date the case closes")
    reason = _text(
        "Why the case is closing",
        rows=5,
        help_text="What has changed for the child, and who will support the family now.",
        message="Say why the case is closing.",
    )


class ReopenForm(GovForm):
    submit_label = "Re-open the case"
    reopened_on = _date("Date the case re-opened")
    reason = _text("Why the case is re-opening", rows=5, message="Say why the case is re-opening.")
    team = forms.ModelChoiceField(
        label="Team taking the work", queryset=Team.objects.none(), error_messages={"required": "Choose the team."}
    )
    version = _version()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team = self.fields["team"]
        assert isinstance(team, forms.ModelChoiceField)
        team.queryset = Team.objects.filter(active=True, agency__kind="csc").order_by("name")
        self.helper.layout = Layout("reopened_on", Field.textarea("reason", rows=5), Field.select("team"), "version")
        _replace_submit(self)


class ReferralNfaForm(GovForm):
    submit_label = "Close the referral with no further action"
    closed_on = _date("Date of the decision")
    reason = _text(
        "Why no further action is needed",
        rows=5,
        help_text="What you considered, and the advice given to the family and the referrer.",
        message="Say why no further action is needed.",
    )
    version = _version()


class EmergencyProtectionForm(GovForm):
    submit_label = "Save"
    kind = forms.ChoiceField(
        label="Which power was used?",
        choices=ProtectionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the power used."},
    )
    started_on = _date("Date it started")
    ended_on = _date(
        "Date it ended",
        required=False,
        help_text="Leave blank while it is still in force. Police protection lasts at most 72 hours.",
    )
    authority = forms.CharField(
        label="Court, or police officer",
        max_length=300,
        help_text="The court that made the order, or the officer who took the child into police protection.",
        error_messages={"required": "Enter the court, or the police officer."},
    )
    notes = _text("Notes", required=False, rows=4, help_text="Where the child stayed, and who was told.")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.SMALL),
            "started_on",
            "ended_on",
            Field.text("authority"),
            Field.textarea("notes", rows=4),
            "version",
        )
        _replace_submit(self)
