"""The access helper of the space: whose profile a user may open."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from ens.accounts.models import User
from ens.space.selectors import space_profile_get, space_profiles

from .people import child_of

pytestmark = pytest.mark.django_db


def test_the_own_profile_comes_first_then_the_children_by_first_name(christian, lea):
    zoe = child_of(christian, "Zoé", birth_date=date(2019, 2, 1))
    adam = child_of(christian, "Adam", birth_date=date(2012, 7, 30))

    assert space_profiles(user=christian) == [christian.person, adam, lea, zoe]


def test_a_child_is_no_longer_a_profile_on_their_eighteenth_birthday(christian):
    today = timezone.localdate()
    day = 28 if (today.month, today.day) == (2, 29) else today.day
    adult = child_of(christian, "Inès", birth_date=today.replace(year=today.year - 18, day=day))

    assert adult not in space_profiles(user=christian)


def test_a_strangers_child_is_not_found(christian, strangers_child):
    with pytest.raises(Http404):
        space_profile_get(user=christian, person_id=strangers_child.pk)


def test_a_parent_is_not_a_profile_of_their_child_account(christian, lea):
    lea_account = User.objects.create_user(username="lea.dupont", person=lea)

    with pytest.raises(Http404):
        space_profile_get(user=lea_account, person_id=christian.person_id)


def test_an_id_that_is_not_a_number_is_not_found(christian):
    with pytest.raises(Http404):
        space_profile_get(user=christian, person_id="1 OR 1=1")


def test_a_user_who_is_not_an_insured_person_is_refused(db):
    with pytest.raises(PermissionDenied):
        space_profiles(user=User.objects.create_user(username="operateur.test"))
