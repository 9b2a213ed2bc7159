"""The filters of the access history: a period (du/au, JJ/MM/AAAA) and a kind of actor."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ens.lib.forms import BaseForm

from .models import ActorKind
from .selectors import HistoryFilter

DATE_FORMAT = "%d/%m/%Y"
DATE_ERRORS = {
    "invalid": _("Saisissez une date qui existe, au format JJ/MM/AAAA, par exemple 14/03/2025.")
}

ACTOR_CHOICES = [
    ("", _("Tout le monde")),
    (ActorKind.PATIENT, _("Moi")),
    (ActorKind.PARENT, _("Mes représentants légaux (parents)")),
    (ActorKind.PROFESSIONAL, _("Professionnels de santé")),
    (ActorKind.APP, _("Services connectés")),
    (ActorKind.OPERATOR, _("Assurance Maladie")),
    (ActorKind.SYSTEM, _("Traitements automatiques")),
]


def _date_field(label) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=[DATE_FORMAT],
        error_messages=DATE_ERRORS,
        help_text=_("Format attendu : JJ/MM/AAAA"),
        widget=forms.DateInput(format=DATE_FORMAT, attrs={"inputmode": "numeric"}),
    )


class HistoryFilterForm(BaseForm):
    du = _date_field(_("Date de début"))
    au = _date_field(_("Date de fin"))
    qui = forms.ChoiceField(
        label=_("Qui a accédé"),
        required=False,
        choices=ACTOR_CHOICES,
        help_text=_("Vous, un professionnel, un service connecté…"),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("du"), cleaned.get("au")
        if start and end and end < start:
            self.add_error(
                "au", _("La date de fin doit être le même jour que la date de début ou après.")
            )
        return cleaned

    def history_filter(self) -> HistoryFilter:
        """The filter the valid form asks for (call after is_valid())."""
        data = self.cleaned_data
        return HistoryFilter(date_from=data["du"], date_to=data["au"], actor_kind=data["qui"])
