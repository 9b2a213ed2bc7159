"""Forms of the login and recovery pages (seeds 001, 003 and 004): shapes only."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ens.accounts.forms import PasswordChoiceForm, new_password_field
from ens.accounts.models import User
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


class NewPasswordForm(PasswordChoiceForm):
    """Seed 004, "Je choisis mon nouveau mot de passe": the rules of activation
    (ens.accounts.passwords, AUTH_PASSWORD_VALIDATORS), confirmed twice."""

    password = new_password_field(
        _("Nouveau mot de passe"),
        _("Choisissez votre nouveau mot de passe."),
        max_length=PASSWORD_INPUT_MAX_LENGTH,
    )
    password_confirm = new_password_field(
        _("Confirmer le nouveau mot de passe"),
        _("Saisissez une seconde fois votre nouveau mot de passe."),
        max_length=PASSWORD_INPUT_MAX_LENGTH,
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def password_user(self, cleaned: dict) -> User:
        return self.user

    def check_new_password(self, password: str) -> None:
        if self.user.check_password(password):
            self.add_error(
                "password",
                _("Choisissez un mot de passe différent de votre mot de passe actuel."),
            )
