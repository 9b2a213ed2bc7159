"""Reads of the space: whose profile a user may open, and what the home shows.

`space_profile_get` is the one access helper of the space: every view that shows or changes
a profile's data gets the profile from it, never from an id alone.
"""

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from ens.accounts.models import User
from ens.messaging.selectors import message_unread_count
from ens.registry.models import InsuredPerson

if TYPE_CHECKING:
    from ens.documents.models import Document

ADULT_AGE = 18


def _is_minor(person: InsuredPerson, today: date) -> bool:
    birthday_passed = (today.month, today.day) >= (person.birth_date.month, person.birth_date.day)
    age = today.year - person.birth_date.year - (0 if birthday_passed else 1)
    return age < ADULT_AGE


def space_profiles(*, user: User) -> list[InsuredPerson]:
    """The profiles `user` may open: their own first, then their minor children by first name.

    Design §1: a legal representative manages the profiles of their *minor* children (a
    *profil rattaché*, registry.ParentLink); at 18 the child's profile is their own alone.
    """
    if user.person_id is None:
        raise PermissionDenied
    today = timezone.localdate()
    children = InsuredPerson.objects.filter(parent_links__parent_id=user.person_id).order_by(
        "first_name", "birth_date", "id"
    )
    return [user.person, *(child for child in children if _is_minor(child, today))]


def space_profile_get(*, user: User, person_id: int | str | None) -> InsuredPerson:
    """The profile `person_id` if `user` may act on it: their own or a minor child's.

    Raises PermissionDenied for a user who is not an insured person (a professional, an
    operator) and Http404 for any other id, so a guessed id tells nothing.
    """
    for profile in space_profiles(user=user):
        if str(profile.pk) == str(person_id):
            return profile
    raise Http404


def home_documents(*, profile: InsuredPerson, viewer: User, limit: int = 5) -> list["Document"]:
    """The latest documents of `profile` for the home table (ens.documents, which records
    the read in the access log when something is shown; `viewer` is who reads)."""
    from ens.documents.selectors import document_latest  # ens.documents imports this module

    return document_latest(person=profile, viewer=viewer, limit=limit)


def home_prescriptions(*, profile: InsuredPerson, viewer: User, limit: int = 3) -> list["Document"]:
    """The latest prescriptions (*ordonnances*) of `profile`: see home_documents."""
    from ens.documents.models import Category
    from ens.documents.selectors import document_latest

    return document_latest(
        person=profile,
        viewer=viewer,
        categories=(Category.PRESCRIPTION,),
        limit=limit,
        resource="Dernières ordonnances (accueil)",
    )


def home_vaccinations(*, profile: InsuredPerson, viewer: User, limit: int = 3) -> list["Document"]:
    """The latest vaccination documents of `profile`: see home_documents."""
    from ens.documents.models import Category
    from ens.documents.selectors import document_latest

    return document_latest(
        person=profile,
        viewer=viewer,
        categories=(Category.VACCINATION,),
        limit=limit,
        resource="Dernières vaccinations (accueil)",
    )


def unread_message_count(*, person: InsuredPerson) -> int:
    """How many messages of `person`'s secure messaging are unread (the menu's badge)."""
    return message_unread_count(person=person)
