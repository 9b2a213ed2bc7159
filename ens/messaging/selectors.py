"""Reads of the secure messaging: only the recipient's own messages."""

from django.db.models import QuerySet

from ens.registry.models import InsuredPerson

from .models import Message


def message_list_for(*, person: InsuredPerson) -> QuerySet[Message]:
    return Message.objects.filter(recipient=person)


def message_unread_count(*, person: InsuredPerson) -> int:
    return Message.objects.filter(recipient=person, read_at__isnull=True).count()
