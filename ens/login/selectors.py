"""Reads of the login domain: where codes can go, the attempt of a browser, open sessions."""

import re
from datetime import timedelta

from django.conf import settings
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ens.accounts.models import User
from ens.activation.selectors import mask_email, mask_mobile

from .models import LoginChallenge, UserSession


def contacts_of(*, user: User) -> dict[str, str]:
    """Where a code can be sent, as {"email": address, "sms": mobile}: the contacts checked at
    activation when the account has them, else the registry's (design §4)."""
    person = user.person
    email = user.email or (person.email if person else "")
    mobile = user.mobile or (person.mobile if person else "")
    contacts = {}
    if email:
        contacts["email"] = email
    if mobile:
        contacts["sms"] = mobile
    return contacts


def masked_contacts(*, user: User) -> dict[str, str]:
    """The same contacts as the person sees them: c*****@gmail.com, +33 7 ** ** ** 12."""
    return {
        channel: mask_email(to) if channel == "email" else mask_mobile(to)
        for channel, to in contacts_of(user=user).items()
    }


def masked_destination(challenge: LoginChallenge) -> str:
    if challenge.channel == "email":
        return mask_email(challenge.destination)
    return mask_mobile(challenge.destination)


def challenge_get(*, public_id: str | None, purpose: str) -> LoginChallenge | None:
    """The attempt whose id this browser's session holds, if it is of this kind."""
    if not public_id:
        return None
    return (
        LoginChallenge.objects.select_related("user", "user__person")
        .filter(public_id=public_id, purpose=purpose)
        .first()
    )


def open_sessions(*, user: User) -> list[UserSession]:
    """The person's sessions that have not expired, most recently used first."""
    now = timezone.now()
    return list(
        UserSession.objects.filter(
            user=user,
            last_seen_at__gte=now - timedelta(minutes=settings.SESSION_IDLE_TIMEOUT_MINUTES),
            created_at__gte=now - timedelta(hours=settings.SESSION_ABSOLUTE_TIMEOUT_HOURS),
        ).order_by("-last_seen_at", "-pk")
    )


def open_session_get(*, user: User, pk: int) -> UserSession:
    """One of the person's own sessions; anyone else's is a 404."""
    session = UserSession.objects.filter(user=user, pk=pk).select_related("user").first()
    if session is None:
        raise Http404
    return session


_BROWSERS = (
    ("Edge", re.compile(r"Edg(e|A|iOS)?/")),
    ("Opera", re.compile(r"OPR/")),
    ("Samsung Internet", re.compile(r"SamsungBrowser/")),
    ("Firefox", re.compile(r"Firefox/|FxiOS/")),
    ("Chrome", re.compile(r"Chrome/|CriOS/|Chromium/")),
    ("Safari", re.compile(r"Safari/")),
)
_SYSTEMS = (
    ("Android", re.compile(r"Android")),
    ("iPhone", re.compile(r"iPhone")),
    ("iPad", re.compile(r"iPad")),
    ("Windows", re.compile(r"Windows")),
    ("macOS", re.compile(r"Macintosh|Mac OS X")),
    ("ChromeOS", re.compile(r"CrOS")),
    ("Linux", re.compile(r"Linux")),
)


def device_label(user_agent: str) -> str:
    """ "Firefox sur Windows" from a User-Agent header: enough to recognise one's device."""
    browser = next((name for name, pattern in _BROWSERS if pattern.search(user_agent)), "")
    system = next((name for name, pattern in _SYSTEMS if pattern.search(user_agent)), "")
    if browser and system:
        return _("%(browser)s sur %(system)s") % {"browser": browser, "system": system}
    return browser or system or ""
