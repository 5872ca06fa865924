from __future__ import annotations

from typing import Any

from django import forms

from safeguard.lib.forms import GovForm

from .models import Agency, Role, Team


class SignInForm(GovForm):
    submit_label = "Sign in"
    username = forms.CharField(
        label="Username",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(label="Password", widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username."
        self.fields["password"].error_messages["required"] = "Enter your password."


class TokenForm(GovForm):
    submit_label = "Continue"
    token = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code, for example 123456.",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"required": "Enter the 6-digit code from your authenticator app."},
    )


class PasswordChangeForm(GovForm):
    submit_label = "Change password"
    current = forms.CharField(
        label="Current password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your current password."},
    )
    new = forms.CharField(
        label="New password",
        help_text="At least 12 characters, not a common password.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a new password."},
    )
    confirm = forms.CharField(
        label="Confirm new password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter the new password again."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new") and data.get("confirm") and data["new"] != data["confirm"]:
            self.add_error("confirm", "The two new passwords are different.")
        return data


class UserForm(GovForm):
    submit_label = "Save user"
    username = forms.CharField(label="Username", max_length=150, error_messages={"required": "Enter a username."})
    first_name = forms.CharField(
        label="First name", max_length=150, error_messages={"required": "Enter the first name."}
    )
    last_name = forms.CharField(label="Last name", max_length=150, error_messages={"required": "Enter the last name."})
    email = forms.EmailField(label="Email address", required=False)
    job_title = forms.CharField(label="Job title", max_length=200, required=False)
    role = forms.ChoiceField(label="Role", choices=Role.choices, error_messages={"required": "Choose a role."})
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.filter(active=True), error_messages={"required": "Choose an agency."}
    )
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.filter(active=True).select_related("agency"), required=False
    )
    is_active = forms.BooleanField(label="Account is active", required=False, initial=True)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["username"].disabled = True
        else:
            del self.fields["is_active"]
        team_field = self.fields["team"]
        assert isinstance(team_field, forms.ModelChoiceField)
        team_field.label_from_instance = lambda obj: f"{obj.name} ({obj.agency})"  # type: ignore[method-assign]
