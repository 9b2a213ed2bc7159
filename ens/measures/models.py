"""Health measurements of a person (design §5 "measurements ... each with its history and a
chart"; issue 6 "Mesures de santé").

One row per measurement. The BMI is not stored: it is computed from the latest weight and
height when shown. The first-visit answers (MedicalProfile.height_m / weight_kg) are not
copied here: the selectors read them as the first points of the weight and height histories.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .kinds import GlucoseContext, Kind


class Measurement(models.Model):
    person = models.ForeignKey(
        "registry.InsuredPerson", on_delete=models.CASCADE, related_name="measurements"
    )
    kind = models.CharField(_("type de mesure"), max_length=32, choices=Kind.choices)
    # The value in the kind's unit (kinds.SPECS); for blood pressure, the systolic pressure.
    value = models.DecimalField(_("valeur"), max_digits=6, decimal_places=2)
    diastolic = models.DecimalField(
        _("pression diastolique"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    context = models.CharField(
        _("contexte"), max_length=16, choices=GlucoseContext.choices, blank=True
    )
    measured_at = models.DateTimeField(_("date et heure de la mesure"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mesure de santé")
        verbose_name_plural = _("mesures de santé")
        indexes = [models.Index(fields=["person", "kind", "measured_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} du {self.measured_at:%d/%m/%Y}"
