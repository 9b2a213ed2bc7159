"""Camille's demo messages (design §7): Dr Claire Martin wrote with a prescription attached;
Camille answered; a second message is waiting, unread."""

from ens.accounts.models import User
from ens.documents.demo import _pdf
from ens.professionals.models import Professional
from ens.registry.models import InsuredPerson

from .models import Conversation
from .services import Upload, conversation_start, message_deliver_welcome, message_reply


def demo_messages_ensure(*, camille: InsuredPerson, claire: Professional) -> int:
    """Add Camille's demo conversations unless she has some with Claire; returns how many."""
    doctor = User.objects.filter(professional=claire).first()
    patient = User.objects.filter(person=camille).first()
    if doctor is None or patient is None:
        return 0
    if Conversation.objects.filter(person=camille, professional=claire).exists():
        return 0
    message_deliver_welcome(person=camille)
    first = conversation_start(
        actor=doctor,
        person=camille,
        subject="Votre ordonnance de renouvellement",
        body=(
            "Bonjour Madame Durand,\n\nVous trouverez ci-joint l'ordonnance de renouvellement "
            "de votre traitement, valable trois mois.\n\nBien cordialement,\nDr Claire Martin"
        ),
        uploads=[
            Upload(
                filename="ordonnance_renouvellement.pdf",
                content=_pdf(
                    "Ordonnance",
                    ["Dr Claire Martin, médecin généraliste", "Renouvellement pour 3 mois."],
                ),
            )
        ],
    )
    message_reply(actor=patient, conversation_id=first.pk, body="Merci docteur, c'est bien reçu.")
    conversation_start(
        actor=doctor,
        person=camille,
        subject="Résultats de votre prise de sang",
        body=(
            "Bonjour,\n\nVos résultats sont arrivés : tout est normal. Nous en reparlerons "
            "lors de votre prochain rendez-vous.\n\nDr Claire Martin"
        ),
    )
    return 2
