"""What the operator launches and keeps: notification waves and their batches of letters.

A wave (design §3, issue 4 item 7) notifies a population: a department of residence, a list
of NIRs, or everyone not yet notified. Its counts are filled batch after batch, so the
operator page shows a wave in progress. People without an e-mail address get a postal letter:
the letters of one batch are one printable PDF, kept in the default storage.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WaveKind(models.TextChoices):
    DEPARTMENT = "department", _("un département")
    FILE = "file", _("une liste de NIR")
    ALL = "all", _("toute la population pas encore notifiée")


class WaveStatus(models.TextChoices):
    # Prepared from the operator page, waiting for the confirmation of its count.
    DRAFT = "draft", _("à confirmer")
    PENDING = "pending", _("en attente")
    RUNNING = "running", _("en cours")
    DONE = "done", _("terminée")
    FAILED = "failed", _("en échec")


class NotificationWave(models.Model):
    kind = models.CharField(_("population"), max_length=10, choices=WaveKind.choices)
    department = models.CharField(_("département"), max_length=3, blank=True)
    # One NIR a line: kept so that a wave launched later (Celery) reads the same list.
    nir_file = models.FileField(_("liste de NIR"), upload_to="vagues/", blank=True)
    nir_file_name = models.CharField(_("nom du fichier"), max_length=200, blank=True)
    status = models.CharField(
        _("statut"), max_length=8, choices=WaveStatus.choices, default=WaveStatus.DRAFT
    )
    launched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lancée par"),
    )
    # "ligne de commande" when launched with manage.py notify_wave.
    launched_by_label = models.CharField(_("lancée par"), max_length=150)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    started_at = models.DateTimeField(_("commencée le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminée le"), null=True, blank=True)
    # How many people had no space yet when the operator confirmed the wave.
    expected = models.PositiveIntegerField(_("personnes à notifier"), default=0)
    notified_email = models.PositiveIntegerField(_("notifiées par e-mail"), default=0)
    notified_letter = models.PositiveIntegerField(_("notifiées par courrier"), default=0)
    # A child's profile is notified with no message of its own: the parent manages it.
    notified_child = models.PositiveIntegerField(_("profils d'enfants"), default=0)
    # Already had a space (notified, active, opposed...): never notified twice.
    skipped = models.PositiveIntegerField(_("ignorées (espace existant)"), default=0)
    # Neither a valid e-mail address nor a postal address: left without a space.
    no_contact = models.PositiveIntegerField(_("sans coordonnées"), default=0)
    error = models.TextField(_("erreur"), blank=True)

    class Meta:
        verbose_name = _("vague de notification")
        verbose_name_plural = _("vagues de notification")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"vague {self.pk} ({self.criteria_label})"

    @property
    def criteria_label(self) -> str:
        if self.kind == WaveKind.DEPARTMENT:
            return _("département %(department)s") % {"department": self.department}
        if self.kind == WaveKind.FILE:
            return _("liste %(name)s") % {"name": self.nir_file_name or "-"}
        return str(WaveKind.ALL.label)

    @property
    def notified(self) -> int:
        return self.notified_email + self.notified_letter + self.notified_child


class LetterBatch(models.Model):
    """One printable PDF: the postal letters of one batch of a wave, one page a letter.

    The PDF holds provisional codes in clear (they are printed on the letters): it is served
    only to staff, through a view, never from a public URL, and deleted once those codes
    have expired (`letter_batches_purge`, run with the hourly transitions): a letter is of no
    use after that date, and a file of codes should not outlive its use.
    """

    wave = models.ForeignKey(NotificationWave, on_delete=models.CASCADE, related_name="letters")
    number = models.PositiveIntegerField(_("lot"))
    letters = models.PositiveIntegerField(_("nombre de courriers"))
    pdf = models.FileField(_("PDF"), upload_to="courriers/", blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    # The codes printed on the letters are valid until then (the automatic creation date).
    codes_expire_at = models.DateTimeField(_("codes valables jusqu'au"), null=True)
    purged_at = models.DateTimeField(_("PDF supprimé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("lot de courriers")
        verbose_name_plural = _("lots de courriers")
        ordering = ["wave", "number"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "number"], name="unique_letter_batch_number")
        ]

    def __str__(self) -> str:
        return f"courriers de la vague {self.wave_id}, lot {self.number}"
