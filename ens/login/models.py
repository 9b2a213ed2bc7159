"""Login attempts, open sessions and the log of login events (design §4, OWASP ASVS 5.0 V6-V7)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    LOGIN = "login", _("connexion")
    IDENTIFIER = "identifier", _("identifiant oublié")
    PASSWORD = "password", _("mot de passe oublié")


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("SMS")


class LoginChallenge(models.Model):
    """One attempt to prove who one is with a one-time code: a login after the password, or a
    recovery after the identity proof.

    The browser that started the attempt holds `public_id` in its session; a code is checked
    only against the attempt that asked for it (ASVS 5.0 V6.6.2), is kept as a keyed hash
    (ens.lib.codes), works once, for a limited time, and dies after a few wrong tries.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_challenges"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Until a code is sent, the deadline to choose a channel; then the code's own deadline.
    expires_at = models.DateTimeField()
    channel = models.CharField(max_length=8, choices=Channel.choices, blank=True)
    destination = models.CharField(max_length=254, blank=True)
    code_hash = models.CharField(max_length=64, blank=True)
    code_sent_at = models.DateTimeField(null=True, blank=True)
    sends = models.PositiveSmallIntegerField(default=0)
    tries = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    # A password recovery is done once the new password is set.
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tentative de connexion")
        verbose_name_plural = _("tentatives de connexion")
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.public_id}"

    def is_dead(self, max_tries: int) -> bool:
        """A code that was used or refused too many times never works again."""
        return self.used_at is not None or self.tries >= max_tries


class UserSession(models.Model):
    """An open session of a person, so that they can see where they are logged in and end it
    (design §4, ASVS 5.0 V7.5). Ending one deletes the Django session it mirrors."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="open_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    user_agent = models.CharField(max_length=300, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()

    class Meta:
        verbose_name = _("session ouverte")
        verbose_name_plural = _("sessions ouvertes")
        indexes = [models.Index(fields=["user", "last_seen_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.ip or '-'} {self.created_at:%Y-%m-%d %H:%M}"


class Outcome(models.TextChoices):
    PASSWORD_ACCEPTED = "password_accepted", _("mot de passe accepté")
    PASSWORD_REFUSED = "password_refused", _("mot de passe refusé")
    UNKNOWN_IDENTIFIER = "unknown_identifier", _("identifiant inconnu")
    THROTTLED = "throttled", _("trop de tentatives")
    CODE_SENT = "code_sent", _("code envoyé")
    CODE_ACCEPTED = "code_accepted", _("code accepté")
    CODE_REFUSED = "code_refused", _("code refusé")
    CODE_EXPIRED = "code_expired", _("code expiré")
    CODE_DEAD = "code_dead", _("code épuisé ou déjà utilisé")
    LOGGED_IN = "logged_in", _("connexion réussie")
    LOGGED_OUT = "logged_out", _("déconnexion")
    SESSION_EXPIRED = "session_expired", _("session expirée")
    SESSION_ENDED = "session_ended", _("session fermée par la personne")
    IDENTITY_REFUSED = "identity_refused", _("justificatif d'identité refusé")
    IDENTITY_ACCEPTED = "identity_accepted", _("justificatif d'identité accepté")
    IDENTIFIER_SENT = "identifier_sent", _("identifiant envoyé")
    PASSWORD_CHANGED = "password_changed", _("mot de passe modifié")


class LoginEvent(models.Model):
    """Every login attempt and its outcome, success or failure (ASVS 5.0 V16.3.1), without
    any secret: no password, no code, and no identifier that matches no account (people
    sometimes type their password in the identifier field)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    purpose = models.CharField(max_length=16, choices=Purpose.choices, default=Purpose.LOGIN)
    outcome = models.CharField(max_length=24, choices=Outcome.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="login_events",
    )
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("événement de connexion")
        verbose_name_plural = _("événements de connexion")
        indexes = [models.Index(fields=["user", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.outcome}"
