"""Reads of the activation domain: identity proofs and masked contacts."""

from datetime import date

import pytest

from ens.activation.selectors import (
    Identity,
    identity_prove,
    mask_email,
    mask_mobile,
    provisional_code_find,
    represented_profiles,
)
from tests.activation.people import (
    CHRISTIAN_NIR_VALUE,
    CHRISTIAN_SERIAL,
    LEA_SERIAL,
    christian,
    code_for,
    lea,
    stranger,
)


def test_an_email_is_masked_but_for_its_first_letter_and_domain():
    assert mask_email("christian@gmail.com") == "c*****@gmail.com"


def test_a_french_mobile_is_masked_but_for_its_first_and_last_digits():
    assert mask_mobile("+33712345612") == "+33 7 ** ** ** 12"


@pytest.mark.django_db
def test_nir_birth_date_and_card_prove_an_identity():
    person = christian()

    identity = identity_prove(
        nir=CHRISTIAN_NIR_VALUE,
        birth_date=date(1984, 12, 14),
        has_photo=True,
        serial=CHRISTIAN_SERIAL,
    )

    assert identity == Identity(person=person)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("birth_date", "has_photo", "serial"),
    [
        (date(1984, 12, 15), True, CHRISTIAN_SERIAL),
        (date(1984, 12, 14), False, CHRISTIAN_SERIAL),
        (date(1984, 12, 14), True, "8025000003"),
    ],
)
def test_any_mismatch_proves_nothing(birth_date, has_photo, serial):
    christian()

    assert (
        identity_prove(
            nir=CHRISTIAN_NIR_VALUE, birth_date=birth_date, has_photo=has_photo, serial=serial
        )
        is None
    )


@pytest.mark.django_db
def test_a_parents_nir_and_a_childs_birth_date_and_card_prove_the_child():
    parent = christian()
    child = lea(parent)

    identity = identity_prove(
        nir=CHRISTIAN_NIR_VALUE, birth_date=date(2015, 5, 3), has_photo=False, serial=LEA_SERIAL
    )

    assert identity == Identity(person=child, parent=parent)
    assert identity.contact_holder == parent


@pytest.mark.django_db
def test_a_code_is_found_only_with_its_owners_nir():
    person = christian()
    other = stranger()
    _record, code = code_for(other)

    assert provisional_code_find(code=code, nir=person.nir) is None
    assert provisional_code_find(code=code, nir=other.nir) is not None


@pytest.mark.django_db
def test_a_parent_represents_themselves_and_their_children():
    parent = christian()
    child = lea(parent)

    assert represented_profiles(identity=Identity(person=parent)) == [parent, child]


@pytest.mark.django_db
def test_a_parent_acting_through_a_childs_code_represents_only_that_child():
    parent = christian()
    child = lea(parent)

    assert represented_profiles(identity=Identity(person=child, parent=parent)) == [child]
