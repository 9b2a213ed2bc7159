"""The directory of health professionals, identified by their RPPS number."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Professional(models.Model):
    rpps = models.CharField(_("numéro RPPS"), max_length=11, unique=True)
    last_name = models.CharField(_("nom"), max_length=100)
    first_name = models.CharField(_("prénom"), max_length=100)
    profession = models.CharField(_("profession"), max_length=100)
    specialty = models.CharField(_("spécialité"), max_length=100, blank=True)
    place_of_practice = models.CharField(_("lieu d'exercice"), max_length=200, blank=True)
    email = models.EmailField(_("adresse e-mail"), blank=True)

    class Meta:
        verbose_name = _("professionnel de santé")
        verbose_name_plural = _("professionnels de santé")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.profession})"
