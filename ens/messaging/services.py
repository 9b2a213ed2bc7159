"""Writes of the secure messaging."""

from django.db import transaction
from django.utils.translation import gettext as _

from ens.registry.models import InsuredPerson

from .models import Message

SERVICE_SENDER = "Mon espace santé"


@transaction.atomic
def message_deliver_welcome(*, person: InsuredPerson) -> Message:
    """Leave the welcome message in the person's inbox once their space is activated.

    Seed 003: right after activation "un message nous attend déjà dans la messagerie".
    Delivered once: a second call returns the message already there.
    """
    subject = _("Bienvenue dans Mon espace santé")
    existing = Message.objects.filter(
        recipient=person, sender_label=SERVICE_SENDER, subject=subject
    ).first()
    if existing:
        return existing
    body = _(
        "Bonjour %(first_name)s,\n\n"
        "Bienvenue dans Mon espace santé, le service public qui vous permet de stocker et "
        "de partager vos informations de santé en toute sécurité.\n\n"
        "Votre messagerie de santé sécurisée vous permet d'échanger en toute confidentialité "
        "avec les professionnels de santé qui vous suivent. Pour protéger vos échanges, "
        "c'est toujours un professionnel de santé qui vous écrit en premier ; vous pouvez "
        "ensuite lui répondre et enregistrer les pièces jointes dans vos documents.\n\n"
        "Pour commencer, complétez votre profil médical : vos maladies, traitements, "
        "allergies et vaccinations seront ainsi disponibles pour vos professionnels de santé, "
        "si vous le souhaitez.\n\n"
        "Avec toute mon attention,\n"
        "Votre correspondant Mon espace santé"
    ) % {"first_name": person.first_name.title()}
    return Message.objects.create(
        recipient=person, sender_label=SERVICE_SENDER, subject=subject, body=body
    )
