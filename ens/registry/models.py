"""The registry of insured people, as the Assurance Maladie sends it (design §2).

The portal never invents an identity: every space starts from one of these rows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "M", _("Homme")
    FEMALE = "F", _("Femme")


class InsuredPerson(models.Model):
    # Normalised NIR: 15 characters, no spaces; Corsica keeps "2A"/"2B" (see registry.nir).
    # Unique through Meta.constraints rather than unique=True: on PostgreSQL the latter also
    # builds a second (LIKE) index, never used, that each import would have to maintain.
    nir = models.CharField(_("NIR"), max_length=15)
    birth_date = models.DateField(_("date de naissance"))
    last_name = models.CharField(_("nom"), max_length=100)
    first_name = models.CharField(_("prénom"), max_length=100)
    sex = models.CharField(_("sexe"), max_length=1, choices=Sex.choices)
    # Contacts known to ameli; either can be missing (about 9 % of people have no e-mail).
    email = models.EmailField(_("adresse e-mail"), max_length=254, blank=True)
    mobile = models.CharField(_("téléphone mobile"), max_length=16, blank=True)  # E.164
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=5, blank=True)
    city = models.CharField(_("commune"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("assuré")
        verbose_name_plural = _("assurés")
        indexes = [models.Index(fields=["postal_code"])]
        constraints = [models.UniqueConstraint(fields=["nir"], name="registry_person_nir_unique")]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def department(self) -> str:
        """Department of residence, from the postal code ("2A"/"2B" for Corsica, "971"...)."""
        code = self.postal_code
        if code.startswith("20"):
            return "2A" if code < "20200" else "2B"
        if code.startswith("97"):
            return code[:3]
        return code[:2]


class CarteVitale(models.Model):
    """The card a person shows to prove they hold the NIR (activation, new code)."""

    person = models.OneToOneField(
        InsuredPerson, on_delete=models.CASCADE, related_name="carte_vitale"
    )
    serial = models.CharField(_("numéro de série"), max_length=11)
    has_photo = models.BooleanField(_("avec photo"))

    class Meta:
        verbose_name = _("carte Vitale")
        verbose_name_plural = _("cartes Vitale")

    def __str__(self) -> str:
        return self.serial


class ParentLink(models.Model):
    """A minor child attached to one of its (one or two) parents, *ouvrants droit*."""

    child = models.ForeignKey(InsuredPerson, on_delete=models.CASCADE, related_name="parent_links")
    parent = models.ForeignKey(InsuredPerson, on_delete=models.CASCADE, related_name="child_links")

    class Meta:
        verbose_name = _("rattachement d'un enfant")
        constraints = [
            models.UniqueConstraint(fields=["child", "parent"], name="unique_parent_link"),
            models.CheckConstraint(
                condition=~models.Q(child=models.F("parent")), name="child_is_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} ← {self.parent}"
