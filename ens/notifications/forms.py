from django import forms
from django.utils.translation import gettext_lazy as _

from ens.lib.forms import BaseForm


class OutboxFilterForm(BaseForm):
    to = forms.CharField(
        label=_("Destinataire"),
        help_text=_("Adresse e-mail ou numéro de mobile, par exemple christian@example.fr"),
        required=False,
        max_length=254,
    )
