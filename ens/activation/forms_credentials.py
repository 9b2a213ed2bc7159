"""Forms of the last activation steps: contact details, identifier and password (design §3)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ens.accounts.contacts import normalize_email, normalize_mobile
from ens.accounts.forms import PasswordChoiceForm, new_password_field
from ens.accounts.models import User
from ens.accounts.passwords import identifier_problems
from ens.accounts.services import identifier_is_taken
from ens.lib.forms import BaseForm
from ens.registry.models import InsuredPerson

IDENTIFIER_TAKEN = _("Cet identifiant est déjà utilisé : choisissez-en un autre.")


class EmailChangeForm(BaseForm):
    value = forms.EmailField(
        label=_("Nouvelle adresse e-mail"),
        help_text=_("Format attendu : nom@domaine.fr. Un code de vérification y sera envoyé."),
        max_length=254,
        error_messages={
            "required": _("Saisissez votre nouvelle adresse e-mail."),
            "invalid": _("Saisissez une adresse e-mail valide, au format nom@domaine.fr."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def __init__(self, *args, current: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current

    def clean_value(self) -> str:
        value = normalize_email(self.cleaned_data["value"])
        if self.current and value.lower() == self.current.lower():
            raise ValidationError(_("C'est déjà votre adresse e-mail actuelle."))
        return value


class MobileChangeForm(BaseForm):
    value = forms.CharField(
        label=_("Nouveau numéro de mobile"),
        help_text=_("Ex. : 06 12 34 56 78 ou +33 6 12 34 56 78. Un code y sera envoyé par SMS."),
        max_length=25,
        error_messages={"required": _("Saisissez votre nouveau numéro de mobile.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def __init__(self, *args, current: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current

    def clean_value(self) -> str:
        number = normalize_mobile(self.cleaned_data["value"])
        if number is None:
            raise ValidationError(
                _(
                    "Saisissez un numéro de mobile français valide : 10 chiffres commençant "
                    "par 06 ou 07 (ex. : 06 12 34 56 78), ou au format +33 6 12 34 56 78."
                )
            )
        if number == self.current:
            raise ValidationError(_("C'est déjà votre numéro de mobile actuel."))
        return number


class ContactCodeForm(BaseForm):
    code = forms.CharField(
        label=_("Code de vérification"),
        help_text=_("6 chiffres. Ex. : 034567"),
        max_length=6,
        min_length=6,
        error_messages={
            "required": _("Saisissez le code de vérification à 6 chiffres reçu."),
            "min_length": _("Le code de vérification contient 6 chiffres."),
            "max_length": _("Le code de vérification contient 6 chiffres."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit():
            raise ValidationError(_("Le code de vérification ne contient que des chiffres."))
        return code


class CredentialsForm(PasswordChoiceForm):
    """Identifier and password. The password is never sent back to the page (a bound form
    shows the identifier typed, not the passwords); the checklist of rules is computed by the
    view from the submitted value."""

    identifier = forms.CharField(
        label=_("Identifiant"),
        help_text=_(
            "Ex. : prénom.nom ou pseudo. Minimum 8 caractères : lettres minuscules sans "
            "accent, chiffres, point (.), tiret (-) et tiret bas (_)."
        ),
        max_length=80,
        error_messages={"required": _("Choisissez votre identifiant.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    password = new_password_field(_("Mot de passe"), _("Choisissez votre mot de passe."))
    password_confirm = new_password_field(
        _("Confirmer le mot de passe"), _("Saisissez une seconde fois votre mot de passe.")
    )

    def __init__(self, *args, person: InsuredPerson, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_identifier(self) -> str:
        identifier = self.cleaned_data["identifier"]
        problems = identifier_problems(identifier)
        if problems:
            raise ValidationError(problems)
        if identifier_is_taken(identifier):
            raise ValidationError(IDENTIFIER_TAKEN, code="taken")
        return identifier

    def password_user(self, cleaned: dict) -> User:
        """The account to be: the identifier typed, the person's names."""
        return User(
            username=cleaned.get("identifier") or self.data.get("identifier", ""),
            first_name=self.person.first_name,
            last_name=self.person.last_name,
            person=self.person,
        )
