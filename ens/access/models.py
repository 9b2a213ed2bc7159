"""The access log: every read and write of a person's health data, append-only and hash-chained.

Design §5 ("every read or write of health data by anyone is an entry the patient can see") and
§6 ("an append-only, hash-chained access log"). Each person has their own chain: entry `seq`
n stores the hash of entry n-1 (`prev_hash`) and its own `entry_hash`, a keyed HMAC-SHA256 of
its canonical serialisation (ens.access.chain). `AccessChainHead` holds the last seq and hash
of each chain: writers lock it, so that two concurrent writers never fork a chain, and the
verifier compares it with the last entry, so that removing the tail is detected too.

Append-only in the application: an entry refuses to be saved twice or deleted, and its
queryset refuses `update()` and `delete()`. In production the database role of the
application should have only INSERT and SELECT on `access_accesslogentry` (and
SELECT/INSERT/UPDATE on `access_accesschainhead`), so that even a bug cannot rewrite history;
`manage.py verify_access_log` proves it was not rewritten by someone who could.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """An access-log entry was about to be changed or deleted."""


class Action(models.TextChoices):
    READ = "read", _("Consultation")
    CREATE = "create", _("Ajout")
    UPDATE = "update", _("Modification")
    DELETE = "delete", _("Suppression")
    DOWNLOAD = "download", _("Téléchargement")
    SHARE = "share", _("Partage")
    HIDE = "hide", _("Masquage")
    SHOW = "show", _("Affichage")


class ActorKind(models.TextChoices):
    PATIENT = "patient", _("Moi")
    PARENT = "parent", _("Représentant légal")
    PROFESSIONAL = "professional", _("Professionnel de santé")
    APP = "app", _("Service connecté")
    OPERATOR = "operator", _("Assurance Maladie")
    SYSTEM = "system", _("Système")


class Mode(models.TextChoices):
    NORMAL = "normal", _("Accès normal")
    EMERGENCY = "emergency", _("Accès en urgence")


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("access-log entries are never updated")

    def delete(self):
        raise AppendOnlyError("access-log entries are never deleted")


class AccessLogEntry(models.Model):
    person = models.ForeignKey(
        "registry.InsuredPerson",
        on_delete=models.PROTECT,
        related_name="access_log_entries",
        verbose_name=_("assuré"),
    )
    seq = models.PositiveBigIntegerField(_("rang dans la chaîne"))
    created_at = models.DateTimeField(_("date"))
    # No database constraint: the entry outlives the account, and a foreign key that
    # cascades or nulls would rewrite history. The label and kind are what the patient sees.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("auteur"),
    )
    actor_label = models.CharField(_("qui"), max_length=200)
    actor_kind = models.CharField(_("type d'auteur"), max_length=16, choices=ActorKind.choices)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    resource = models.CharField(_("quoi"), max_length=300)
    mode = models.CharField(_("comment"), max_length=16, choices=Mode.choices)
    detail = models.TextField(_("détail"), blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("entrée de l'historique des accès")
        verbose_name_plural = _("historique des accès")
        constraints = [
            models.UniqueConstraint(fields=["person", "seq"], name="access_log_unique_seq"),
        ]
        indexes = [
            models.Index(fields=["person", "-created_at"], name="access_log_person_date"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}#{self.seq} {self.action} {self.resource}"

    def save(self, *args, **kwargs):
        # An invariant, not business logic: the row is written once by
        # ens.access.services.access_record and never again.
        if not self._state.adding:
            raise AppendOnlyError("access-log entries are never updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("access-log entries are never deleted")


class AccessChainHead(models.Model):
    """The end of one person's chain: the row writers lock, and the verifier's anchor."""

    person = models.OneToOneField(
        "registry.InsuredPerson",
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="access_chain_head",
    )
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("fin de chaîne de l'historique")
        verbose_name_plural = _("fins de chaîne de l'historique")

    def __str__(self) -> str:
        return f"{self.person_id}#{self.last_seq}"
