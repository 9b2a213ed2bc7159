"""The medical profile of a person (design §5): for now the five answers of the first visit.

The profile issue extends it (diseases, treatments, allergies in detail, measurements with
their history...). Every field is nullable: "not answered" is not "no".
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MedicalProfile(models.Model):
    person = models.OneToOneField(
        "registry.InsuredPerson", on_delete=models.CASCADE, related_name="medical_profile"
    )
    height_m = models.DecimalField(
        _("taille (m)"), max_digits=3, decimal_places=2, null=True, blank=True
    )
    weight_kg = models.DecimalField(
        _("poids (kg)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    has_diseases = models.BooleanField(_("maladies ou autres sujets de santé"), null=True)
    has_treatments = models.BooleanField(_("traitements"), null=True)
    has_allergies = models.BooleanField(_("allergies"), null=True)
    # Last time any of the answers above was given.
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    # Set when the person finished or skipped the first-visit questions (seed 003): from then
    # on the home opens directly.
    first_visit_done_at = models.DateTimeField(
        _("première visite terminée le"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profil médical")
        verbose_name_plural = _("profils médicaux")

    def __str__(self) -> str:
        return f"profil médical de {self.person}"
