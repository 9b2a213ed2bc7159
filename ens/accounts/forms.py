"""Choosing a password (design §3), shared by the activation's credentials step (seed 001) and
the password recovery (seed 004): a new password typed twice, checked by the validators of
ens.accounts.passwords (AUTH_PASSWORD_VALIDATORS), with the checklist of rules."""

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ens.accounts.models import User
from ens.accounts.passwords import password_checklist
from ens.lib.forms import BaseForm

PASSWORDS_DIFFER = _("Les deux mots de passe ne sont pas identiques : saisissez-les à nouveau.")


def new_password_field(label, required_message, *, max_length: int | None = None):
    """A field for a password being chosen. strip=False: a space is a character like any
    other (NIST SP 800-63B: no truncation, no rewriting of what the person chose)."""
    return forms.CharField(
        label=label,
        strip=False,
        max_length=max_length,
        error_messages={"required": required_message},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class PasswordChoiceForm(BaseForm):
    """The logic of a form whose `password` and `password_confirm` fields (made with
    `new_password_field`, declared by the subclass) choose a new password.

    The password is validated against the account it will belong to (`password_user`), then
    `check_new_password` may refuse it further; the confirmation must be the same. The
    password input is described by the checklist of rules (`checklist`, rendered by the
    template with the id `id_password-rules`) and, when in error, by its error messages.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The checklist of rules (credentials_password_field.html) describes the input.
        self.fields["password"].widget.attrs["aria-describedby"] = "id_password-rules"

    def full_clean(self) -> None:
        super().full_clean()
        for name, described_by in (
            ("password", "id_password-rules id_password-desc-error"),
            ("password_confirm", "id_password_confirm-desc-error"),
        ):
            if name in self.errors:
                self.fields[name].widget.attrs["aria-describedby"] = described_by

    def password_user(self, cleaned: dict) -> User:
        """The account the password is for, as the validators compare against it."""
        raise NotImplementedError

    def check_new_password(self, password: str) -> None:
        """Further checks of a password the validators accepted (add errors to the form)."""

    def clean(self) -> dict:
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            try:
                validate_password(password, user=self.password_user(cleaned))
            except ValidationError as error:
                self.add_error("password", error)
            else:
                self.check_new_password(password)
        confirm = cleaned.get("password_confirm")
        if password and confirm and password != confirm:
            self.add_error("password_confirm", PASSWORDS_DIFFER)
        return cleaned

    def checklist(self) -> list[dict]:
        """The rules with their state for the submitted password (works without JavaScript)."""
        typed = self.data.get("password", "") if self.is_bound else ""
        return [
            {
                "rule": rule,
                "state": "valid" if met else ("error" if self.is_bound else "info"),
            }
            for rule, met in password_checklist(typed)
        ]
