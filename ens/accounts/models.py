"""Accounts: who logs in. A patient's account belongs to one insured person of the registry,
a professional's to one entry of the directory; operator staff have neither."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    # `username` is the identifier the person chose at activation (design §3).
    person = models.OneToOneField(
        "registry.InsuredPerson",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="account",
        verbose_name=_("assuré"),
    )
    professional = models.OneToOneField(
        "professionals.Professional",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="account",
        verbose_name=_("professionnel de santé"),
    )
    # Contacts checked at activation (a code sent to them proved they reach the person);
    # `email` comes from AbstractUser. E.164, like the registry's `mobile`.
    mobile = models.CharField(_("téléphone mobile"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("compte")
        verbose_name_plural = _("comptes")
