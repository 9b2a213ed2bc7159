"""`{% space_menu as menu %}`: what the header of the space shows, read from the request."""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ens.registry.models import InsuredPerson
from ens.space.sections import SECTIONS, SETTINGS
from ens.space.selectors import space_profiles, unread_message_count

register = template.Library()


@dataclass(frozen=True)
class MenuLink:
    label: Promise | str
    url: str
    current: bool
    badge: int = 0


@dataclass(frozen=True)
class SpaceMenu:
    links: list[MenuLink]
    first_name: str
    profile: InsuredPerson  # the open profile
    is_own: bool
    profiles: list[InsuredPerson]
    settings_url: str | None


def _is_current(path: str, url: str, home: str) -> bool:
    return path == url if url == home else path.startswith(url)


@register.simple_tag(takes_context=True)
def space_menu(context) -> SpaceMenu:
    request = context["request"]
    cached = getattr(request, "_space_menu", None)
    if cached is not None:  # the header and the profile bar share one computation
        return cached
    profile = request.space_profile
    home = reverse("space:home")
    links = [MenuLink(_("Accueil"), home, _is_current(request.path, home, home))]
    for section in SECTIONS:
        url = section.url()
        if url is None:
            continue
        badge = unread_message_count(person=profile) if section.slug == "messagerie" else 0
        links.append(MenuLink(section.label, url, _is_current(request.path, url, home), badge))
    request._space_menu = SpaceMenu(
        links=links,
        first_name=request.user.person.first_name,
        profile=profile,
        is_own=profile.pk == request.user.person_id,
        profiles=space_profiles(user=request.user),
        settings_url=SETTINGS.url(),
    )
    return request._space_menu
