from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ens.activation.waves import normalize_department, read_nirs
from ens.lib.forms import BaseForm
from ens.operator.models import WaveKind
from ens.registry.nir import parse_nir

# A list of a few million NIRs is about 50 MB; anything bigger is a wrong file.
MAX_NIR_FILE_BYTES = 64 * 1024 * 1024


class OperatorLoginForm(BaseForm, AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Identifiant ou mot de passe incorrect. Les deux champs tiennent compte des "
            "majuscules et des minuscules."
        ),
        "inactive": _("Ce compte est désactivé."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Identifiant")
        self.fields["password"].label = _("Mot de passe")
        # DsfrBaseForm built the bound fields already: let them pick up the new labels.
        self._bound_fields_cache.clear()


class WaveForm(BaseForm):
    kind = forms.ChoiceField(
        label=_("Population à notifier"),
        choices=WaveKind.choices,
        widget=forms.RadioSelect,
        initial=WaveKind.DEPARTMENT,
    )
    department = forms.CharField(
        label=_("Département de résidence"),
        help_text=_("Pour une vague par département. Par exemple : 76, 2A ou 971"),
        required=False,
        max_length=3,
    )
    nir_file = forms.FileField(
        label=_("Liste de NIR"),
        help_text=_(
            "Pour une vague sur une liste. Fichier texte avec un NIR par ligne, ou fichier CSV "
            "avec une colonne « nir »."
        ),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == WaveKind.DEPARTMENT:
            value = cleaned.get("department", "").strip()
            if not value:
                self.add_error("department", _("Indiquez le numéro du département."))
            else:
                try:
                    cleaned["department"] = normalize_department(value)
                except ValidationError as exc:
                    self.add_error("department", exc)
        elif kind == WaveKind.FILE:
            upload = cleaned.get("nir_file")
            if upload is None:
                self.add_error("nir_file", _("Choisissez le fichier de la liste de NIR."))
            elif upload.size > MAX_NIR_FILE_BYTES:
                self.add_error("nir_file", _("Ce fichier est trop gros (64 Mo au plus)."))
            else:
                try:
                    text = upload.read().decode("utf-8-sig")
                    nirs, _invalid = read_nirs(text)
                except UnicodeDecodeError:
                    self.add_error("nir_file", _("Ce fichier n'est pas un fichier texte (UTF-8)."))
                except ValidationError as exc:
                    self.add_error("nir_file", exc)
                else:
                    if not nirs:
                        self.add_error("nir_file", _("Ce fichier ne contient aucun NIR valide."))
                    cleaned["nirs"] = nirs
        return cleaned


class HistorySearchForm(BaseForm):
    nir = forms.CharField(
        label=_("Numéro de sécurité sociale"),
        help_text=_("15 caractères, espaces permis. Par exemple : 1 84 12 76 451 089 46"),
        max_length=25,
    )

    def clean_nir(self) -> str:
        return parse_nir(self.cleaned_data["nir"]).value
