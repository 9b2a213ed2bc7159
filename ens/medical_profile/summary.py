"""The lines of the summary that the page and the PDF share, as plain French text."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .measures import format_french_decimal
from .selectors import ProfileOverview


def _yes_no(value: bool | None) -> str:
    if value is None:
        return _("non renseigné")
    return _("oui") if value else _("non")


def answer_lines(overview: ProfileOverview) -> list[str]:
    """ "Taille : 1,75 m", "Allergies : non"... (the five first-visit answers)."""
    answers = overview.answers
    unknown = _("non renseigné")
    height = f"{format_french_decimal(answers.height_m, 2)} m" if answers.height_m else unknown
    weight = f"{format_french_decimal(answers.weight_kg, 1)} kg" if answers.weight_kg else unknown
    return [
        _("Taille : %(v)s") % {"v": height},
        _("Poids : %(v)s") % {"v": weight},
        _("Maladies ou sujets de santé : %(v)s") % {"v": _yes_no(answers.has_diseases)},
        _("Traitements : %(v)s") % {"v": _yes_no(answers.has_treatments)},
        _("Allergies : %(v)s") % {"v": _yes_no(answers.has_allergies)},
    ]


def measurement_lines(overview: ProfileOverview) -> list[str]:
    """ "Poids : 72,5 kg (12/03/2025)", "IMC : 23,4"."""
    lines = []
    for key, point in overview.measurements.items():
        if key == "bmi":
            lines.append(_("IMC : %(v)s (%(c)s)") % {"v": point.text, "c": point.category})
        else:
            when = timezone.localtime(point.measured_at).strftime("%d/%m/%Y")
            lines.append(f"{point.label} : {point.text} ({when})")
    return lines


def reminder_lines(overview: ProfileOverview) -> list[str]:
    return [r.text for r in overview.reminders]
