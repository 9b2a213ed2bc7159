"""Forms of the login and recovery pages (seeds 001, 003 and 004): shapes only."""

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ens.accounts.models import User
from ens.accounts.passwords import password_checklist
from ens.activation.forms import NewCodeForm
from ens.lib.forms import BaseForm

# Far above any password people choose (NIST SP 800-63B asks for at least 64); the bound only
# keeps a request from hashing megabytes. A longer password is refused, never truncated.
PASSWORD_INPUT_MAX_LENGTH = 1024


class LoginForm(BaseForm):
    """Seed 003, "1 Je m'identifie"."""

    identifier = forms.CharField(
        label=_("Mon identifiant"),
        max_length=150,
        error_messages={"required": _("Saisissez votre identifiant.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    # strip=False: a space is a character of the password like any other.
    password = forms.CharField(
        label=_("Mon mot de passe"),
        strip=False,
        max_length=PASSWORD_INPUT_MAX_LENGTH,
        error_messages={
            "required": _("Saisissez votre mot de passe."),
            "max_length": _("Le mot de passe saisi est trop long."),
        },
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class ChannelForm(BaseForm):
    """Seed 003, "2 Je choisis le mode de réception de mon code d'accès": only the channels
    the person has, shown masked."""

    channel = forms.ChoiceField(
        label=_("Je choisis de recevoir mon code d'accès"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez comment recevoir votre code d'accès.")},
    )

    def __init__(self, *args, masked: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = {"email": _("Par e-mail : %(to)s"), "sms": _("Par SMS : %(to)s")}
        self.fields["channel"].choices = [
            (channel, labels[channel] % {"to": to}) for channel, to in masked.items()
        ]
        if len(masked) == 1:
            self.fields["channel"].initial = next(iter(masked))


class CodeForm(BaseForm):
    """Seed 003, "3 Je saisis le code d'accès"."""

    code = forms.CharField(
        label=_("Code d'accès à usage unique"),
        help_text=_("Ex. : 034567"),
        max_length=20,
        error_messages={"required": _("Saisissez le code à 6 chiffres reçu.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if len(code) != 6 or not (code.isascii() and code.isdigit()):
            raise ValidationError(
                _("Le code d'accès est composé de 6 chiffres, par exemple 034567.")
            )
        return code


class RecoveryForm(NewCodeForm):
    """Seed 004, "J'ai oublié mon identifiant / mon mot de passe": the same identity proof as
    for a new provisional code (NIR, birth date, carte Vitale)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_date"].help_text = _("Ex. : 14/12/1984")


class NewPasswordForm(BaseForm):
    """Seed 004, "Je choisis mon nouveau mot de passe": the rules of activation
    (ens.accounts.passwords, AUTH_PASSWORD_VALIDATORS), confirmed twice."""

    password = forms.CharField(
        label=_("Nouveau mot de passe"),
        strip=False,
        max_length=PASSWORD_INPUT_MAX_LENGTH,
        error_messages={"required": _("Choisissez votre nouveau mot de passe.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_confirm = forms.CharField(
        label=_("Confirmer le nouveau mot de passe"),
        strip=False,
        max_length=PASSWORD_INPUT_MAX_LENGTH,
        error_messages={"required": _("Saisissez une seconde fois votre nouveau mot de passe.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["password"].widget.attrs["aria-describedby"] = "id_password-rules"

    def full_clean(self) -> None:
        super().full_clean()
        for name, described_by in (
            ("password", "id_password-rules id_password-desc-error"),
            ("password_confirm", "id_password_confirm-desc-error"),
        ):
            if name in self.errors:
                self.fields[name].widget.attrs["aria-describedby"] = described_by

    def clean(self) -> dict:
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            try:
                validate_password(password, user=self.user)
            except ValidationError as error:
                self.add_error("password", error)
            else:
                if self.user.check_password(password):
                    self.add_error(
                        "password",
                        _("Choisissez un mot de passe différent de votre mot de passe actuel."),
                    )
        confirm = cleaned.get("password_confirm")
        if password and confirm and password != confirm:
            self.add_error(
                "password_confirm",
                _("Les deux mots de passe ne sont pas identiques : saisissez-les à nouveau."),
            )
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
