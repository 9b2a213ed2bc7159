"""Forms of the documents pages: each checks the shape of its own fields only.

What the file really is, and whether it is accepted, is decided by the service
(ens.documents.content); the view puts its refusal next to the file field.
"""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from ens.lib.forms import BaseForm

from .models import AuthorKind, Category
from .selectors import DocumentFilters

DATE_FORMAT = "%d/%m/%Y"
NAME_MAX_LENGTH = 150
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def _date_field() -> forms.DateField:
    return forms.DateField(
        label=_("Date du document"),
        help_text=_("Format attendu : JJ/MM/AAAA, par exemple 12/03/2025"),
        input_formats=[DATE_FORMAT],
        error_messages={
            "required": _("Saisissez la date du document."),
            "invalid": _("Saisissez une date valide au format JJ/MM/AAAA, par exemple 12/03/2025."),
        },
        widget=forms.DateInput(format=DATE_FORMAT, attrs={"inputmode": "numeric"}),
    )


def _name_field(*, required: bool) -> forms.CharField:
    return forms.CharField(
        label=_("Nom du document"),
        required=required,
        max_length=NAME_MAX_LENGTH,
        help_text=None if required else _("Sans nom, le nom du fichier est repris."),
        error_messages={
            "required": _("Saisissez le nom du document."),
            "max_length": _(
                "Le nom du document ne doit pas dépasser %(limit_value)d caractères "
                "(il en compte %(show_value)d)."
            ),
        },
    )


def _category_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Catégorie"),
        choices=[("", _("Sélectionnez une catégorie")), *Category.choices],
        error_messages={
            "required": _("Choisissez la catégorie du document."),
            "invalid_choice": _("Choisissez une catégorie de la liste."),
        },
    )


def _check_date(value: date) -> date:
    if value > date.today():
        raise forms.ValidationError(
            _("La date du document ne peut pas être dans le futur."), code="future"
        )
    if value.year < 1900:
        raise forms.ValidationError(_("Saisissez une date après 1900."), code="too_old")
    return value


class DocumentUploadForm(BaseForm):
    """ "Ajouter un document de santé" (issue 6, Documents item 1)."""

    file = forms.FileField(
        label=_("Fichier à ajouter"),
        help_text=_("Formats acceptés : PDF, JPEG, PNG. Taille maximale : %(size)s Mo."),
        error_messages={
            "required": _("Choisissez le fichier à ajouter."),
            "empty": _("Ce fichier est vide (0 octet) : choisissez un autre fichier."),
            "invalid": _("Choisissez un fichier."),
        },
        widget=forms.FileInput(attrs={"class": "fr-upload", "accept": ACCEPT}),
    )
    name = _name_field(required=False)
    document_date = _date_field()
    category = _category_field()
    author_kind = forms.ChoiceField(
        label=_("Ajouté par"),
        choices=AuthorKind.choices,
        initial=AuthorKind.SELF,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Indiquez qui a produit ce document."),
            "invalid_choice": _("Choisissez une réponse de la liste."),
        },
    )
    author_name = forms.CharField(
        label=_("Nom du professionnel ou de l'établissement"),
        required=False,
        max_length=NAME_MAX_LENGTH,
        help_text=_(
            "Pour un professionnel : son nom, ou son numéro RPPS (11 chiffres) pour le "
            "retrouver dans l'annuaire. Pour un établissement : son nom."
        ),
        error_messages={
            "max_length": _("Ce nom ne doit pas dépasser %(limit_value)d caractères."),
        },
    )

    def __init__(self, *args, max_upload_mb: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.group_class = "fr-upload-group"
        self.fields["file"].help_text = self.fields["file"].help_text % {"size": max_upload_mb}
        self.fields["file"].widget.attrs["aria-describedby"] = "id_file_helptext"
        # DsfrBaseForm built the bound fields already: rebuild this one with its help text.
        self._bound_fields_cache.pop("file", None)
        if not self.is_bound:
            self.initial.setdefault("document_date", date.today())

    def clean_document_date(self) -> date:
        return _check_date(self.cleaned_data["document_date"])

    def clean(self):
        cleaned = super().clean()
        kind, name = cleaned.get("author_kind"), cleaned.get("author_name", "").strip()
        if kind == AuthorKind.PROFESSIONAL and not name:
            self.add_error("author_name", _("Indiquez le nom du professionnel ou son numéro RPPS."))
        elif kind == AuthorKind.ESTABLISHMENT and not name:
            self.add_error("author_name", _("Indiquez le nom de l'établissement."))
        return cleaned


class DocumentEditForm(BaseForm):
    """Rename, re-categorise, re-date a document (issue 6, Documents item 2)."""

    name = _name_field(required=True)
    category = _category_field()
    document_date = _date_field()

    def clean_document_date(self) -> date:
        return _check_date(self.cleaned_data["document_date"])


SORT_CHOICES = [
    ("recent", _("Les plus récents d'abord")),
    ("ancien", _("Les plus anciens d'abord")),
]


class DocumentFilterForm(BaseForm):
    """The list's filters, as a GET form that works without JavaScript.

    A value that is not one of the choices (an edited URL) is ignored rather than refused:
    the list shows everything for that filter.
    """

    q = forms.CharField(label=_("Rechercher par nom"), required=False, max_length=150)
    categorie = forms.ChoiceField(
        label=_("Catégorie"),
        required=False,
        choices=[("", _("Toutes les catégories")), *Category.choices],
    )
    auteur = forms.ChoiceField(
        label=_("Ajouté par"),
        required=False,
        choices=[("", _("Tous")), *AuthorKind.choices],
    )
    annee = forms.IntegerField(
        label=_("Année"), required=False, min_value=1900, max_value=2100, widget=forms.Select
    )
    tri = forms.ChoiceField(label=_("Trier par date"), required=False, choices=SORT_CHOICES)

    def set_years(self, years: list[int]) -> None:
        """Offer the years the person has documents in (known once the list is read)."""
        self.fields["annee"].widget.choices = [
            ("", _("Toutes les années")),
            *((year, year) for year in years),
        ]

    def filters(self) -> DocumentFilters:
        """The filters asked for; a field in error counts as "all" (call after is_valid())."""
        data = self.cleaned_data  # holds the valid fields only
        return DocumentFilters(
            search=(data.get("q") or "").strip(),
            category=data.get("categorie") or "",
            author=data.get("auteur") or "",
            year=data.get("annee"),
            oldest_first=data.get("tri") == "ancien",
        )
