"""ens.lib.bulk: COPY on PostgreSQL, bulk_create elsewhere; the same rows either way.

Run on both backends: SQLite by default, PostgreSQL with DATABASE_URL=postgres://...
"""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from ens.activation.models import ProvisionalCode
from ens.lib.bulk import bulk_insert
from ens.notifications.models import Notification, Status
from tests.factories import InsuredPersonFactory

pytestmark = pytest.mark.django_db

FIELDS = ["channel", "to", "template", "backend", "status", "created_at", "subject"]


def rows(count: int, *, at=None) -> list[tuple]:
    at = at or timezone.now()
    return [
        ("email", f"p{i}@example.fr", "login_code", "outbox", "sent", at, f"sujet {i}")
        for i in range(count)
    ]


def test_it_stores_every_row_with_its_values():
    at = timezone.now() - timedelta(days=1)

    bulk_insert(Notification, FIELDS, rows(3, at=at))

    stored = Notification.objects.order_by("to")
    assert [(n.to, n.subject, n.status, n.created_at) for n in stored] == [
        (f"p{i}@example.fr", f"sujet {i}", Status.SENT, at) for i in range(3)
    ]


def test_it_returns_the_ids_in_the_order_of_the_rows():
    ids = bulk_insert(Notification, FIELDS, rows(5), return_ids=True)

    assert dict(Notification.objects.values_list("pk", "to")) == {
        pk: f"p{i}@example.fr" for i, pk in enumerate(ids)
    }


def test_the_ids_it_returned_are_never_given_again():
    ids = bulk_insert(Notification, FIELDS, rows(5), return_ids=True)

    later = Notification.objects.create(channel="email", to="x@example.fr", template="t")

    assert later.pk not in ids


def test_it_returns_nothing_when_not_asked_for_the_ids():
    assert bulk_insert(Notification, FIELDS, rows(2)) is None
    assert Notification.objects.count() == 2


def test_a_column_left_out_gets_the_field_default():
    bulk_insert(
        Notification,
        ["channel", "to", "template", "backend"],
        [("sms", "+33712345678", "t", "http")],
    )

    stored = Notification.objects.get()
    assert (stored.status, stored.attempts, stored.error, stored.sent_at) == (
        Status.QUEUED,
        0,
        "",
        None,
    )
    assert timezone.now() - stored.created_at < timedelta(minutes=1)


def test_an_auto_now_add_column_left_out_gets_the_time_of_the_call():
    person = InsuredPersonFactory()
    expires = timezone.now() + timedelta(days=42)

    bulk_insert(
        ProvisionalCode,
        ["person_id", "code_hash", "channel", "expires_at"],
        [(person.pk, "a" * 64, "email", expires)],
    )

    code = ProvisionalCode.objects.get()
    assert (code.person, code.expires_at) == (person, expires)
    assert timezone.now() - code.created_at < timedelta(minutes=1)


def test_a_failing_row_leaves_none_of_the_rows():
    person = InsuredPersonFactory()
    expires = timezone.now()
    same_hash = [(person.pk, "b" * 64, "email", expires), (person.pk, "b" * 64, "email", expires)]

    with pytest.raises(IntegrityError), transaction.atomic():
        bulk_insert(ProvisionalCode, ["person_id", "code_hash", "channel", "expires_at"], same_hash)

    assert not ProvisionalCode.objects.exists()


def test_no_rows_write_nothing():
    assert bulk_insert(Notification, FIELDS, [], return_ids=True) == []
    assert not Notification.objects.exists()
