"""Rules of the activation services: codes sent once, used once; opposition kept once."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ens.activation.models import HealthSpace, ProvisionalCode, SpaceEvent, SpaceState
from ens.activation.services import (
    CodeUnusable,
    provisional_code_redeem,
    provisional_code_send,
    space_activate_by_parent,
    space_oppose,
    space_transition,
)
from ens.lib.codes import PROVISIONAL_ALPHABET
from ens.notifications.models import Notification
from ens.notifications.selectors import latest_outbox_message
from tests.activation.people import (
    CHRISTIAN_EMAIL,
    CHRISTIAN_MOBILE,
    christian,
    code_for,
    code_in,
    lea,
)

pytestmark = pytest.mark.django_db


def test_a_new_code_is_sent_by_email_with_its_validity():
    person = christian()

    assert provisional_code_send(person=person, contact_holder=person, channel="email")

    body = latest_outbox_message(CHRISTIAN_EMAIL).body_text
    code = code_in(body)
    assert len(code) == 12
    assert set(code) <= set(PROVISIONAL_ALPHABET)
    assert "15 minutes" in body


def test_a_new_code_is_valid_fifteen_minutes():
    person = christian()

    provisional_code_send(person=person, contact_holder=person, channel="sms")

    record = ProvisionalCode.objects.get(person=person)
    assert record.expires_at - record.created_at == pytest.approx(
        timedelta(minutes=15), abs=timedelta(seconds=5)
    )


def test_a_new_code_is_sent_by_sms_to_the_mobile():
    person = christian()

    provisional_code_send(person=person, contact_holder=person, channel="sms")

    assert latest_outbox_message(CHRISTIAN_MOBILE).channel == "sms"


def test_the_code_is_stored_only_as_a_keyed_hash():
    person = christian()
    provisional_code_send(person=person, contact_holder=person, channel="email")
    code = code_in(latest_outbox_message(CHRISTIAN_EMAIL).body_text)

    record = ProvisionalCode.objects.get(person=person)

    assert code not in record.code_hash
    assert len(record.code_hash) == 64


def test_a_second_request_right_after_the_first_sends_nothing():
    person = christian()
    provisional_code_send(person=person, contact_holder=person, channel="email")

    sent_again = provisional_code_send(person=person, contact_holder=person, channel="email")

    assert not sent_again
    assert ProvisionalCode.objects.filter(person=person).count() == 1
    assert Notification.objects.count() == 1


def test_a_childs_code_goes_to_the_parents_contact():
    parent = christian()
    child = lea(parent)

    provisional_code_send(person=child, contact_holder=parent, channel="email")

    assert ProvisionalCode.objects.get().person == child
    assert latest_outbox_message(CHRISTIAN_EMAIL) is not None


def test_a_code_is_used_once():
    person = christian()
    record, _code = code_for(person)

    provisional_code_redeem(code_id=record.pk, person=person)

    with pytest.raises(CodeUnusable) as refused:
        provisional_code_redeem(code_id=record.pk, person=person)
    assert refused.value.reason == "used"


def test_redeeming_marks_the_code_used():
    person = christian()
    record, _code = code_for(person)

    provisional_code_redeem(code_id=record.pk, person=person)

    record.refresh_from_db()
    assert record.used_at is not None


def test_an_expired_code_cannot_be_used():
    person = christian()
    record, _code = code_for(person, expired=True)

    with pytest.raises(CodeUnusable) as refused:
        provisional_code_redeem(code_id=record.pk, person=person)
    assert refused.value.reason == "expired"


def test_a_code_of_one_person_cannot_be_redeemed_for_another():
    person = christian()
    child = lea(person)
    record, _code = code_for(person)

    with pytest.raises(ProvisionalCode.DoesNotExist):
        provisional_code_redeem(code_id=record.pk, person=child)


def test_opposing_records_the_transition_and_who_made_it():
    person = christian()

    space = space_oppose(person=person, actor="assuré")

    assert space.state == SpaceState.OPPOSED
    event = SpaceEvent.objects.get(space=space)
    assert (event.from_state, event.to_state, event.actor) == ("", "opposed", "assuré")


def test_opposing_twice_keeps_the_first_opposition():
    person = christian()
    first = space_oppose(person=person, actor="assuré")

    space_oppose(person=person, actor="assuré")

    assert SpaceEvent.objects.count() == 1
    assert HealthSpace.objects.get().state_changed_at == first.state_changed_at


def test_an_active_space_cannot_be_opposed():
    person = christian()
    space_transition(person=person, to_state="active", actor="assuré")

    with pytest.raises(ValidationError):
        space_oppose(person=person, actor="assuré")


def test_a_parent_activates_a_childs_profile_in_their_name():
    parent = christian()
    child = lea(parent)

    space = space_activate_by_parent(child=child, parent=parent)

    assert space.state == SpaceState.ACTIVE
    assert space.events.get().actor == "parent:184127645108946"


def test_a_parent_activating_twice_creates_one_space():
    parent = christian()
    child = lea(parent)
    space_activate_by_parent(child=child, parent=parent)

    space_activate_by_parent(child=child, parent=parent)

    assert HealthSpace.objects.count() == 1
    assert SpaceEvent.objects.count() == 1


def test_a_parent_may_activate_a_child_who_had_opposed():
    parent = christian()
    child = lea(parent)
    space_oppose(person=child, actor="parent:184127645108946")

    space = space_activate_by_parent(child=child, parent=parent)

    assert space.state == SpaceState.ACTIVE
    assert space.state_changed_at <= timezone.now()
