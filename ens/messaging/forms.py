"""Forms of the messaging pages: each checks the shape of its own fields only; the services
check the content (ens.messaging.services) and the views put their refusal next to the field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ens.documents.forms import ACCEPT
from ens.lib.forms import BaseForm

from .services import BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH

DATE_FORMAT = "%d/%m/%Y"


def _body_field(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=BODY_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("%(limit)d caractères au maximum.") % {"limit": BODY_MAX_LENGTH},
        error_messages={
            "required": _("Saisissez votre message."),
            "max_length": _(
                "Le message ne doit pas dépasser %(limit_value)d caractères "
                "(il en compte %(show_value)d)."
            ),
        },
    )


def _attachment_field() -> forms.FileField:
    return forms.FileField(
        label=_("Pièce jointe"),
        required=False,
        help_text=_("Formats acceptés : PDF, JPEG, PNG."),
        error_messages={
            "empty": _("Ce fichier est vide (0 octet) : choisissez un autre fichier."),
            "invalid": _("Choisissez un fichier."),
        },
        widget=forms.FileInput(attrs={"class": "fr-upload", "accept": ACCEPT}),
    )


class _WithAttachment(BaseForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].widget.group_class = "fr-upload-group"
        self.fields["attachment"].widget.attrs["aria-describedby"] = "id_attachment_helptext"
        self._bound_fields_cache.pop("attachment", None)


class ReplyForm(_WithAttachment):
    """ "Répondre" in a conversation (patient or professional)."""

    body = _body_field(_("Votre réponse"))
    attachment = _attachment_field()


class StartForm(_WithAttachment):
    """A professional writes first to a patient found by NIR and birth date."""

    nir = forms.CharField(
        label=_("Numéro de sécurité sociale (NIR) du patient"),
        help_text=_("15 chiffres, espaces acceptés. Pour un enfant : celui de son parent."),
        max_length=25,
        error_messages={"required": _("Saisissez le numéro de sécurité sociale du patient.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    birth_date = forms.DateField(
        label=_("Date de naissance du patient"),
        help_text=_("Format attendu : JJ/MM/AAAA"),
        input_formats=[DATE_FORMAT],
        error_messages={
            "required": _("Saisissez la date de naissance du patient."),
            "invalid": _("Saisissez une date valide au format JJ/MM/AAAA, par exemple 12/03/1985."),
        },
        widget=forms.DateInput(format=DATE_FORMAT, attrs={"inputmode": "numeric"}),
    )
    subject = forms.CharField(
        label=_("Objet"),
        max_length=SUBJECT_MAX_LENGTH,
        error_messages={
            "required": _("Saisissez l'objet du message."),
            "max_length": _("L'objet ne doit pas dépasser %(limit_value)d caractères."),
        },
    )
    body = _body_field(_("Message"))
    attachment = _attachment_field()
