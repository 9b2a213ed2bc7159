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


class DocumentCategory(models.TextChoices):
    """The categories of ens.documents.models.Category, repeated here as plain values so
    that this app does not import documents (documents imports this app)."""

    PRESCRIPTION = "ordonnance", _("Ordonnances")
    LAB_RESULT = "biologie", _("Résultats de biologie")
    IMAGING = "imagerie", _("Imagerie")
    REPORT = "compte-rendu", _("Comptes rendus")
    CERTIFICATE = "certificat", _("Certificats médicaux")
    VACCINATION = "vaccination", _("Vaccination")
    PREVENTION = "prevention", _("Prévention")
    OTHER = "autre", _("Autre")


class HabilitationRule(models.Model):
    """One cell of the *matrice d'habilitation*: may `profession` see `category`?

    Data the operator edits in the admin (issue 7, Professionals item 3); a profession or a
    category without a row is not allowed (deny by default). The profession is the directory's
    wording ("Médecin", "Masseur-kinésithérapeute", ...).
    """

    profession = models.CharField(_("profession"), max_length=100)
    category = models.CharField(
        _("catégorie de document"), max_length=20, choices=DocumentCategory.choices
    )
    allowed = models.BooleanField(_("autorisé"), default=False)

    class Meta:
        verbose_name = _("règle de la matrice d'habilitation")
        verbose_name_plural = _("matrice d'habilitation")
        ordering = ["profession", "category"]
        constraints = [
            models.UniqueConstraint(fields=["profession", "category"], name="one_rule_per_cell")
        ]

    def __str__(self) -> str:
        verdict = "oui" if self.allowed else "non"
        return f"{self.profession} × {self.category} : {verdict}"


class ProfessionalBlock(models.Model):
    """`person` blocked `professional`: they see nothing of the space (design §5)."""

    person = models.ForeignKey(
        "registry.InsuredPerson", on_delete=models.CASCADE, related_name="professional_blocks"
    )
    professional = models.ForeignKey(Professional, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("bloqué le"), auto_now_add=True)

    class Meta:
        verbose_name = _("professionnel bloqué")
        verbose_name_plural = _("professionnels bloqués")
        constraints = [
            models.UniqueConstraint(fields=["person", "professional"], name="one_block_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.professional} bloqué par {self.person}"


class EmergencyAccessOpposition(models.Model):
    """`person` opposed emergency access (*bris de glace*) to their space (issue 7 item 5)."""

    person = models.OneToOneField(
        "registry.InsuredPerson", on_delete=models.CASCADE, related_name="emergency_opposition"
    )
    created_at = models.DateTimeField(_("opposition enregistrée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("opposition à l'accès en urgence")
        verbose_name_plural = _("oppositions à l'accès en urgence")

    def __str__(self) -> str:
        return f"opposition de {self.person}"


class EmergencyAccess(models.Model):
    """An emergency access opened by `professional` on `person`'s space, with its reason."""

    professional = models.ForeignKey(Professional, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        "registry.InsuredPerson", on_delete=models.CASCADE, related_name="emergency_accesses"
    )
    reason = models.CharField(_("motif"), max_length=500)
    at = models.DateTimeField(_("ouvert le"), auto_now_add=True)

    class Meta:
        verbose_name = _("accès en urgence")
        verbose_name_plural = _("accès en urgence")
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["professional", "person", "-at"], name="emergency_pro_person")
        ]

    def __str__(self) -> str:
        return f"accès en urgence de {self.professional} à {self.person}"
