"""The profile open in the space (own or a child's), kept in the session."""

from django.http import Http404, HttpRequest

from ens.registry.models import InsuredPerson

from .selectors import space_profile_get

SESSION_KEY = "space_profile_id"


def current_profile(request: HttpRequest) -> InsuredPerson:
    """The profile the session has open, checked again on every request.

    A profile the user may no longer open (a child who turned 18, a removed link) falls back
    to the user's own, never to an error page they cannot leave.
    """
    user = request.user
    try:
        return space_profile_get(user=user, person_id=request.session.get(SESSION_KEY))
    except Http404:
        request.session[SESSION_KEY] = user.person_id
        return space_profile_get(user=user, person_id=user.person_id)


def open_profile(request: HttpRequest, *, person_id: int | str | None) -> InsuredPerson:
    """Open `person_id` in the session if the user may act on it (else Http404)."""
    profile = space_profile_get(user=request.user, person_id=person_id)
    request.session[SESSION_KEY] = profile.pk
    return profile
