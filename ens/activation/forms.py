"""Forms of the activation pages (seeds 001 and 003): each checks only the shape of its fields."""

import re
from datetime import date

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ens.lib.codes import PROVISIONAL_LENGTH
from ens.lib.forms import BaseForm
from ens.registry.nir import parse_nir
from ens.registry.vitale import parse_vitale_serial

VITALE_WITHOUT_PHOTO = "sans-photo"
VITALE_WITH_PHOTO = "avec-photo"


class NirField(forms.CharField):
    """A NIR typed as on the carte Vitale, spaces allowed; cleans to its 15 characters."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Numéro de sécurité sociale"))
        kwargs.setdefault("help_text", _("Ex. : 1 55 12 55 555 555 55"))
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault(
            "error_messages",
            {"required": _("Saisissez votre numéro de sécurité sociale.")},
        )
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return parse_nir(value).value


class ProvisionalCodeField(forms.CharField):
    """A 12-character provisional code; spaces around or inside (a copy and paste) are ignored."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Code provisoire composé de 12 caractères"))
        kwargs.setdefault("help_text", _("Ex. : HuqZF3KXCz8k"))
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("error_messages", {"required": _("Saisissez le code provisoire reçu.")})
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "autocomplete": "one-time-code",
                    "spellcheck": "false",
                    "autocapitalize": "off",
                }
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = re.sub(r"\s+", "", super().clean(value))
        if len(value) != PROVISIONAL_LENGTH or not value.isascii() or not value.isalnum():
            raise forms.ValidationError(
                _(
                    "Le code provisoire est composé de 12 caractères, lettres et chiffres, "
                    "par exemple HuqZF3KXCz8k."
                ),
                code="shape",
            )
        return value


class CarteVitaleFieldsMixin(forms.Form):
    vitale_type = forms.ChoiceField(
        label=_("Ma carte Vitale"),
        choices=[
            (VITALE_WITHOUT_PHOTO, _("Carte Vitale sans photo")),
            (VITALE_WITH_PHOTO, _("Carte Vitale avec photo")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Indiquez si votre carte Vitale a une photo.")},
    )
    vitale_serial = forms.CharField(
        label=_("Numéro de série de carte Vitale"),
        help_text=_("Ex : 0102457612 4"),
        max_length=30,
        error_messages={"required": _("Saisissez le numéro de série de votre carte Vitale.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_vitale_serial(self) -> str:
        return parse_vitale_serial(self.cleaned_data["vitale_serial"])

    @property
    def has_photo(self) -> bool:
        return self.cleaned_data["vitale_type"] == VITALE_WITH_PHOTO


class NewCodeForm(BaseForm, CarteVitaleFieldsMixin):
    """Seed 003, "Je génère un nouveau code provisoire"."""

    nir = NirField()
    birth_date = forms.DateField(
        label=_("Date de naissance (JJ/MM/AAAA)"),
        help_text=_(
            "Si la demande me concerne, je saisis ma date de naissance. Si cela concerne mon "
            "enfant, j'indique sa date de naissance. Ex. : 14/12/1984"
        ),
        input_formats=["%d/%m/%Y"],
        error_messages={
            "required": _("Saisissez la date de naissance."),
            "invalid": _(
                "Saisissez une date de naissance valide au format JJ/MM/AAAA, par exemple "
                "14/12/1984."
            ),
        },
        widget=forms.TextInput(attrs={"autocomplete": "bday"}),
    )
    field_order = ["nir", "birth_date", "vitale_type", "vitale_serial"]

    def clean_birth_date(self) -> date:
        born = self.cleaned_data["birth_date"]
        if born > date.today() or born.year < 1900:
            raise forms.ValidationError(
                _("La date de naissance doit être une date passée, par exemple 14/12/1984."),
                code="out_of_range",
            )
        return born


class IdentifyForm(BaseForm):
    """Seed 001, "Je m'identifie": the provisional code and the NIR."""

    code = ProvisionalCodeField()
    nir = NirField()


class IdentifyCardForm(BaseForm, CarteVitaleFieldsMixin):
    """Seed 001, second step of "Je m'identifie": the carte Vitale."""


class ChannelForm(BaseForm):
    """Where to send the new code, among the registry's contacts shown masked (seed 003)."""

    channel = forms.ChoiceField(
        label=_("Je choisis de recevoir mon code provisoire"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez comment recevoir votre code provisoire.")},
    )

    def __init__(self, *args, masked: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = {"email": _("Par e-mail : %(to)s"), "sms": _("Par SMS : %(to)s")}
        self.fields["channel"].choices = [
            (channel, labels[channel] % {"to": to}) for channel, to in masked.items()
        ]


class CodeEntryForm(BaseForm):
    """Seed 003, "Je saisis mon code provisoire"."""

    code = ProvisionalCodeField()


ACTIVATE = "activate"
OPPOSE = "oppose"


class DecisionForm(BaseForm):
    """Seed 001, "Je prends ma décision"; opposition is offered only when the lifecycle
    allows it (design §3)."""

    decision = forms.ChoiceField(
        label=_("Je prends ma décision"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez d'activer Mon espace santé ou de vous y opposer.")
        },
    )
    # Required only to activate (checked in clean), so not marked "optional" either.
    cgu = forms.BooleanField(required=False, template_name="activation/_cgu_field.html")

    def __init__(self, *args, can_oppose: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(ACTIVATE, _("J'active Mon espace santé"))]
        if can_oppose:
            choices.append((OPPOSE, _("Je m'oppose à la création de Mon espace santé")))
        self.fields["decision"].choices = choices
        self["cgu"].label = format_html(
            # One span: the DSFR label is a flex box, which would drop the spaces.
            '<span>{} <a href="{}#cgu">{}</a> {} <a href="{}">{}</a>.</span>',
            _("J'accepte les"),
            reverse("core:legal"),
            _("Conditions Générales d'Utilisation"),
            _("et la"),
            reverse("core:privacy"),
            _("Politique de protection des données personnelles"),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == ACTIVATE and not cleaned.get("cgu"):
            self.add_error(
                "cgu",
                _(
                    "Pour activer Mon espace santé, acceptez les Conditions Générales "
                    "d'Utilisation et la Politique de protection des données personnelles."
                ),
            )
        return cleaned


class OppositionConfirmForm(BaseForm):
    """Seed 003: the second confirmation of an opposition."""

    confirm = forms.BooleanField(
        label=_("Je valide l'opposition à la création de Mon espace santé"),
        help_text=_(
            "En validant cette décision, Mon espace santé ne sera pas créé. Vous pourrez créer "
            "Mon espace santé à tout moment."
        ),
        error_messages={"required": _("Cochez la case pour valider l'opposition, ou annulez.")},
    )


class ProfileForm(BaseForm):
    """Seed 003: "Je peux sélectionner un profil et cliquer sur le bouton Gérer le profil"."""

    profile = forms.TypedChoiceField(
        label=_("Profils que je peux gérer"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Sélectionnez le profil à gérer.")},
    )

    def __init__(self, *args, profiles: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].choices = profiles
