"""The glue between Django's session and the login services: what a request needs.

Timestamps are kept in the session as POSIX seconds so that the middleware can decide
without a query whether a session is idle or too old (design §4, ASVS 5.0 V7.3).
"""

import time

from django.conf import settings
from django.contrib.auth import login, logout
from django.http import HttpRequest

from ens.accounts.models import User
from ens.lib.ratelimit import client_address

from . import services
from .models import Outcome

LOGIN_AT = "ens_login_at"
SEEN_AT = "ens_seen_at"
# Activity is written back at most this often: not one session write per request.
TOUCH_EVERY_SECONDS = 60


def client_of(request: HttpRequest) -> services.Client:
    return services.Client(
        ip=client_address(request), user_agent=request.META.get("HTTP_USER_AGENT", "")
    )


def log_user_in(request: HttpRequest, user: User) -> None:
    """Open a session for `user`: a new session id (django.contrib.auth.login cycles the key,
    ASVS 5.0 V7.2.4), its timestamps, and its row in the list of open sessions."""
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    now = time.time()
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now
    request.session.save()
    services.user_session_open(
        user=user, session_key=request.session.session_key, client=client_of(request)
    )


def log_user_out(request: HttpRequest, *, outcome: str = Outcome.LOGGED_OUT) -> None:
    """End the session on the server (ASVS 5.0 V7.4.1): its data is deleted, not just the
    cookie."""
    user = request.user
    key = request.session.session_key
    logout(request)
    if user.is_authenticated:
        services.user_session_closed(
            user=user, session_key=key, outcome=outcome, client=client_of(request)
        )


def expiry_reason(request: HttpRequest, now: float) -> str | None:
    """Why the logged-in session of `request` is over, if it is: "duree" (older than the
    absolute lifetime) or "inactivite" (idle too long)."""
    session = request.session
    login_at = session.get(LOGIN_AT)
    seen_at = session.get(SEEN_AT)
    if login_at is not None and now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT_HOURS * 3600:
        return "duree"
    if seen_at is not None and now - seen_at > settings.SESSION_IDLE_TIMEOUT_MINUTES * 60:
        return "inactivite"
    return None


def note_activity(request: HttpRequest, now: float) -> None:
    session = request.session
    if session.get(LOGIN_AT) is None:
        # A session opened without the login pages (tests' force_login): starts now.
        session[LOGIN_AT] = now
    seen_at = session.get(SEEN_AT)
    if seen_at is None or now - seen_at >= TOUCH_EVERY_SECONDS:
        session[SEEN_AT] = now
        if session.session_key:
            services.user_session_touch(
                user=request.user, session_key=session.session_key, client=client_of(request)
            )
