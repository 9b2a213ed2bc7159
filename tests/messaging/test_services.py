import pytest

from ens.messaging.models import Message
from ens.messaging.selectors import message_unread_count
from ens.messaging.services import message_deliver_welcome
from tests.accounts.helpers import christian

pytestmark = pytest.mark.django_db


def test_the_welcome_message_greets_the_person_by_first_name():
    message = message_deliver_welcome(person=christian())
    assert message.sender_label == "Mon espace santé"
    assert message.body.startswith("Bonjour Christian,")


def test_the_welcome_message_is_delivered_once():
    person = christian()
    message_deliver_welcome(person=person)
    message_deliver_welcome(person=person)
    assert Message.objects.filter(recipient=person).count() == 1


def test_the_welcome_message_counts_as_unread():
    person = christian()
    message_deliver_welcome(person=person)
    assert message_unread_count(person=person) == 1
