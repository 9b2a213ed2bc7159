"""Health documents (design §5 "Documents"): metadata here, encrypted content in storage."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ens.professionals.models import Professional
from ens.registry.models import InsuredPerson


class Category(models.TextChoices):
    """The categories of the real service (issue 6, item 1)."""

    PRESCRIPTION = "ordonnance", _("Ordonnances")
    LAB_RESULT = "biologie", _("Résultats de biologie")
    IMAGING = "imagerie", _("Imagerie")
    REPORT = "compte-rendu", _("Comptes rendus")
    CERTIFICATE = "certificat", _("Certificats médicaux")
    VACCINATION = "vaccination", _("Vaccination")
    PREVENTION = "prevention", _("Prévention")
    OTHER = "autre", _("Autre")


class AuthorKind(models.TextChoices):
    """Who the document comes from (*ajouté par*), as the person declares it."""

    SELF = "moi", _("Moi")
    PROFESSIONAL = "professionnel", _("Un professionnel de santé")
    ASSURANCE_MALADIE = "assurance-maladie", _("L'Assurance Maladie")
    ESTABLISHMENT = "etablissement", _("Un établissement de santé")


class ContentType(models.TextChoices):
    """The only formats accepted, as detected from the content (ens.documents.content)."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"


class DocumentQuerySet(models.QuerySet):
    def visible_to_professionals(self) -> "DocumentQuerySet":
        """What a professional may be shown: the person hid the others (design §5)."""
        return self.filter(hidden_from_professionals=False)


class Document(models.Model):
    # A random id: URLs carry it, and it is bound into the ciphertext (AES-GCM associated
    # data), so it must be known before the record is written.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        InsuredPerson,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("assuré"),
    )
    name = models.CharField(_("nom du document"), max_length=150)
    document_date = models.DateField(_("date du document"))
    category = models.CharField(_("catégorie"), max_length=20, choices=Category.choices)
    author_kind = models.CharField(_("ajouté par"), max_length=20, choices=AuthorKind.choices)
    # The professional's or establishment's name as typed, or taken from the directory.
    author_name = models.CharField(_("nom de l'auteur"), max_length=150, blank=True)
    professional = models.ForeignKey(
        Professional,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("professionnel de l'annuaire"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_from_professionals = models.BooleanField(_("masqué aux professionnels"), default=False)

    # The file: detected type, plaintext size, a safe file name for downloads (never a path).
    content_type = models.CharField(max_length=20, choices=ContentType.choices)
    size = models.PositiveBigIntegerField()
    filename = models.CharField(max_length=100)
    # Where the ciphertext is, the document key wrapped by a master key, and which one.
    storage_name = models.CharField(max_length=255, unique=True)
    wrapped_key = models.BinaryField()
    key_id = models.CharField(max_length=40, db_index=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document de santé")
        verbose_name_plural = _("documents de santé")
        ordering = ["-document_date", "-created_at"]
        indexes = [
            # The list, its filters and the home cards: one person's documents by date.
            models.Index(
                fields=["person", "-document_date", "-created_at"], name="document_person_date"
            ),
            models.Index(
                fields=["person", "category", "-document_date"], name="document_person_category"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.content_type in (ContentType.JPEG, ContentType.PNG)

    @property
    def added_by(self) -> str:
        """The "ajouté par" column: a name when one is known, else the kind of author."""
        if self.author_kind == AuthorKind.ASSURANCE_MALADIE:
            return str(_("Assurance Maladie"))
        if self.author_kind == AuthorKind.SELF:
            return str(_("Moi"))
        return self.author_name or str(self.get_author_kind_display())
