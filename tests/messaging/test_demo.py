"""Camille's demo messages: written by Claire through the services, added once."""

import pytest

from ens.messaging.demo import demo_messages_ensure
from ens.messaging.models import Attachment, Conversation
from ens.messaging.selectors import message_unread_count

pytestmark = pytest.mark.django_db


def test_the_demo_adds_claires_messages_once(patient, professional):
    claire = professional.professional

    added = demo_messages_ensure(camille=patient.person, claire=claire)
    again = demo_messages_ensure(camille=patient.person, claire=claire)

    assert (added, again) == (2, 0)
    assert Conversation.objects.filter(person=patient.person, professional=claire).count() == 2
    assert Attachment.objects.get().filename == "ordonnance_renouvellement.pdf"
    # The welcome message and Claire's two messages; Camille's answer is not counted.
    assert message_unread_count(person=patient.person) == 3
