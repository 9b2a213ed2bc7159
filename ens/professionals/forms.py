"""Forms of the professional portal: each checks the shape of its own fields only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ens.documents.forms import ACCEPT, _category_field, _check_date, _date_field, _name_field
from ens.lib.forms import BaseForm

DATE_FORMAT = "%d/%m/%Y"


class PatientSearchForm(BaseForm):
    """Find a patient: NIR and birth date, both required (issue 7, Professionals item 3)."""

    nir = forms.CharField(
        label=_("Numéro de sécurité sociale (NIR) du patient"),
        help_text=_("15 caractères, clé comprise ; les espaces sont acceptés"),
        max_length=40,
        error_messages={"required": _("Saisissez le NIR du patient.")},
    )
    birth_date = forms.DateField(
        label=_("Date de naissance du patient"),
        help_text=_("Format attendu : JJ/MM/AAAA"),
        input_formats=[DATE_FORMAT],
        error_messages={
            "required": _("Saisissez la date de naissance du patient."),
            "invalid": _("Saisissez une date valide au format JJ/MM/AAAA, par exemple 21/03/1991."),
        },
        widget=forms.DateInput(format=DATE_FORMAT, attrs={"inputmode": "numeric"}),
    )


class EmergencyForm(BaseForm):
    """The reason of an emergency access (issue 7, Professionals item 5)."""

    reason = forms.CharField(
        label=_("Motif de l'accès en urgence"),
        help_text=_("Il sera inscrit dans l'historique des accès que le patient consulte."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Indiquez le motif de l'accès en urgence."),
            "max_length": _("Le motif ne doit pas dépasser %(limit_value)d caractères."),
        },
    )


class ProDocumentForm(BaseForm):
    """A professional adds a document to the patient's space (issue 7 item 4)."""

    file = forms.FileField(
        label=_("Fichier à ajouter"),
        help_text=_("Formats acceptés : PDF, JPEG, PNG."),
        error_messages={
            "required": _("Choisissez le fichier à ajouter."),
            "empty": _("Ce fichier est vide (0 octet) : choisissez un autre fichier."),
            "invalid": _("Choisissez un fichier."),
        },
        widget=forms.FileInput(attrs={"class": "fr-upload", "accept": ACCEPT}),
    )
    name = _name_field(required=True)
    document_date = _date_field()
    category = _category_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.group_class = "fr-upload-group"
        self.fields["file"].widget.attrs["aria-describedby"] = "id_file_helptext"
        self._bound_fields_cache.pop("file", None)

    def clean_document_date(self):
        return _check_date(self.cleaned_data["document_date"])


class ConfirmForm(BaseForm):
    """An empty form: a POST with its CSRF token confirms an action."""
