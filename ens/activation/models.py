"""The health space of an insured person and its lifecycle (design §3).

States: notified → (active | opposed | auto_created), active/auto_created → closed,
opposed → active, closed → active. A person who was never notified may also activate or
oppose directly after asking for a new provisional code (seed 003). Every transition is
kept, timestamped, in `SpaceEvent`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SpaceState(models.TextChoices):
    NOTIFIED = "notified", _("notifié")
    ACTIVE = "active", _("activé")
    OPPOSED = "opposed", _("opposition")
    AUTO_CREATED = "auto_created", _("créé automatiquement")
    CLOSED = "closed", _("clôturé")


# None stands for "no space yet" (never notified).
ALLOWED_TRANSITIONS: dict[str | None, set[str]] = {
    None: {SpaceState.NOTIFIED, SpaceState.ACTIVE, SpaceState.OPPOSED},
    SpaceState.NOTIFIED: {SpaceState.ACTIVE, SpaceState.OPPOSED, SpaceState.AUTO_CREATED},
    SpaceState.ACTIVE: {SpaceState.CLOSED},
    SpaceState.AUTO_CREATED: {SpaceState.ACTIVE, SpaceState.CLOSED},
    SpaceState.OPPOSED: {SpaceState.ACTIVE},
    SpaceState.CLOSED: {SpaceState.ACTIVE},
}


class HealthSpace(models.Model):
    person = models.OneToOneField(
        "registry.InsuredPerson", on_delete=models.CASCADE, related_name="space"
    )
    state = models.CharField(_("état"), max_length=16, choices=SpaceState.choices)
    notified_at = models.DateTimeField(_("notifié le"), null=True, blank=True)
    # Without opposition by then, the space is created automatically (run_transitions).
    auto_creation_due_at = models.DateTimeField(_("création automatique le"), null=True, blank=True)
    state_changed_at = models.DateTimeField(_("état depuis le"))

    class Meta:
        verbose_name = _("espace santé")
        verbose_name_plural = _("espaces santé")
        indexes = [
            # Only what run_transitions looks for: the spaces still waiting for their date.
            # A space leaves this index when it moves on, so the hourly move of millions of
            # spaces writes two index entries per space rather than three.
            models.Index(
                fields=["auto_creation_due_at"],
                condition=models.Q(state="notified"),
                name="space_notified_due_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_state_display()}"

    def can_become(self, state: str) -> bool:
        """Whether design §3's lifecycle allows moving from the current state to `state`."""
        return state in ALLOWED_TRANSITIONS[self.state]


class SpaceEvent(models.Model):
    """One transition of a space, kept forever so the operator can read the history."""

    space = models.ForeignKey(HealthSpace, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=16, choices=SpaceState.choices, blank=True)
    to_state = models.CharField(max_length=16, choices=SpaceState.choices)
    at = models.DateTimeField(_("date"))
    # Who made it happen: "assuré", "parent:<NIR>", "opérateur:<login>", "système".
    actor = models.CharField(_("acteur"), max_length=100)

    class Meta:
        verbose_name = _("événement d'un espace santé")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state or '∅'} → {self.to_state} ({self.at:%d/%m/%Y %H:%M})"


class CodeChannel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("SMS")
    LETTER = "letter", _("courrier")


class ProvisionalCode(models.Model):
    """A 12-character provisional code; only its keyed hash is stored (ens.lib.codes).

    Valid 15 minutes when asked for on the site, until the automatic creation date when sent
    by a notification wave; usable once.
    """

    person = models.ForeignKey(
        "registry.InsuredPerson", on_delete=models.CASCADE, related_name="provisional_codes"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    channel = models.CharField(max_length=8, choices=CodeChannel.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("code provisoire")
        verbose_name_plural = _("codes provisoires")

    def __str__(self) -> str:
        return f"code provisoire de {self.person} ({self.get_channel_display()})"
