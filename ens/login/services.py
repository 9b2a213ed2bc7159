"""Writes of the login domain: password check, one-time codes, recovery, sessions (design §4).

OWASP ASVS 5.0 chapters V6 (authentication) and V7 (session management) are the reference;
each service names the requirement it serves.
"""

import enum
import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

from ens.accounts.models import User
from ens.activation.selectors import identity_prove
from ens.lib.codes import code_hash, code_matches, new_otp
from ens.lib.ratelimit import (
    RateLimit,
    Verdict,
    ratelimit_hit_all,
    ratelimit_peek_all,
    ratelimit_reset,
)
from ens.notifications.services import notification_send

from .models import LoginChallenge, LoginEvent, Outcome, Purpose, UserSession
from .selectors import contacts_of

logger = logging.getLogger("ens.login")

# Code templates of ens.notifications, and the purposes that keep one kind of code from ever
# matching another (ens.lib.codes.code_hash).
CODE_TEMPLATES = {
    Purpose.LOGIN: "login_code",
    Purpose.IDENTIFIER: "recovery_code",
    Purpose.PASSWORD: "recovery_code",
}
CODE_PURPOSES = {
    Purpose.LOGIN: "login_code",
    Purpose.IDENTIFIER: "recovery_identifier_code",
    Purpose.PASSWORD: "recovery_password_code",
}
# After the code of a password recovery, the new password must be chosen within this time.
NEW_PASSWORD_WINDOW = timedelta(minutes=15)


@dataclass(frozen=True)
class Client:
    """Who is at the other end: for the log, the rate limits and the list of sessions."""

    ip: str
    user_agent: str = ""


class Throttled(Exception):
    """Too many failures for this account or this address; `verdict.message` says when to
    retry."""

    def __init__(self, verdict: Verdict):
        super().__init__(verdict.message)
        self.verdict = verdict


class CodeRefused(Exception):
    """No new code can be sent for this attempt (too many sends, or the attempt is over)."""


class CodeCheck(enum.Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    EXPIRED = "expired"
    # Used already, or refused too many times: the attempt must start again.
    DEAD = "dead"


def _account_rule() -> RateLimit:
    return RateLimit(
        "login-account",
        settings.LOGIN_FAILURES_PER_ACCOUNT,
        settings.LOGIN_FAILURES_WINDOW_SECONDS,
    )


def _address_rule() -> RateLimit:
    return RateLimit(
        "login-address",
        settings.LOGIN_FAILURES_PER_ADDRESS,
        settings.LOGIN_FAILURES_WINDOW_SECONDS,
    )


def _failure_checks(account_key: str, client: Client) -> list[tuple[RateLimit, str]]:
    return [(_account_rule(), account_key), (_address_rule(), client.ip)]


def _event(
    *, outcome: str, client: Client, user: User | None = None, purpose: str = Purpose.LOGIN
) -> None:
    """Record a login event in the table and in the log; never a password, code or unknown
    identifier (ASVS 5.0 V16.2.5)."""
    LoginEvent.objects.create(
        purpose=purpose,
        outcome=outcome,
        user=user,
        ip=client.ip or None,
        user_agent=client.user_agent[:300],
    )
    logger.info(
        "login event=%s purpose=%s user=%s ip=%s",
        outcome,
        purpose,
        user.pk if user else "-",
        client.ip or "-",
    )


@cache
def _dummy_hash() -> str:
    """A hash made with the current hasher, checked when the identifier matches no account."""
    return make_password(get_random_string(32))


def _normalise_identifier(identifier: str) -> str:
    # Identifiers are lower case (design §3); phones capitalise the first letter typed.
    return identifier.strip().lower()


def login_password_check(
    *, identifier: str, password: str, client: Client
) -> LoginChallenge | None:
    """First step of a login: the identifier and the password. Returns the login attempt that
    the code will be bound to, or None when they do not match.

    Design §4; ASVS 5.0 V6.3.1 (failures limited per account and per address: raises
    `Throttled`), V6.3.8 (an unknown identifier costs one hash like a wrong password, and gets
    the same answer), V6.2.x (the password is checked as typed, never truncated or rewritten).
    Failures are counted under the identifier typed, so the limit answers the same whether an
    account exists or not.
    """
    key = _normalise_identifier(identifier)
    checks = _failure_checks(key, client)
    verdict = ratelimit_peek_all(checks)
    user = User.objects.filter(username=key).first()
    if not verdict.allowed:
        _event(outcome=Outcome.THROTTLED, client=client, user=user)
        raise Throttled(verdict)
    if user is None:
        check_password(password, _dummy_hash())
        accepted = False
    else:
        # May rehash with the current Argon2 parameters (Django's must_update).
        accepted = user.check_password(password) and user.is_active
    if not accepted:
        ratelimit_hit_all(checks)
        outcome = Outcome.UNKNOWN_IDENTIFIER if user is None else Outcome.PASSWORD_REFUSED
        _event(outcome=outcome, client=client, user=user)
        return None
    _event(outcome=Outcome.PASSWORD_ACCEPTED, client=client, user=user)
    return LoginChallenge.objects.create(
        purpose=Purpose.LOGIN,
        user=user,
        expires_at=timezone.now() + timedelta(minutes=settings.LOGIN_CODE_TTL_MINUTES),
    )


def _recovery_rule() -> RateLimit:
    return RateLimit("recovery-identity", 5, settings.LOGIN_FAILURES_WINDOW_SECONDS)


def recovery_start(
    *, purpose: str, nir: str, birth_date, has_photo: bool, serial: str, client: Client
) -> LoginChallenge | None:
    """First step of "Identifiant oublié ?" and "Mot de passe oublié ?": the identity proof
    (NIR, birth date, carte Vitale). Returns the attempt the code will be bound to, or None
    when the proof does not designate an account holder.

    Design §4 and seed 004. Failed proofs are limited per NIR and per address (`Throttled`),
    as for the password (ASVS 5.0 V6.3.1); the answer never tells which part did not match.
    """
    checks = [(_recovery_rule(), nir), (_address_rule(), client.ip)]
    verdict = ratelimit_peek_all(checks)
    if not verdict.allowed:
        _event(outcome=Outcome.THROTTLED, client=client, purpose=purpose)
        raise Throttled(verdict)
    identity = identity_prove(nir=nir, birth_date=birth_date, has_photo=has_photo, serial=serial)
    user = None
    if identity is not None and identity.parent is None:
        user = User.objects.filter(person=identity.person, is_active=True).first()
    if user is None:
        ratelimit_hit_all(checks)
        _event(outcome=Outcome.IDENTITY_REFUSED, client=client, purpose=purpose)
        return None
    _event(outcome=Outcome.IDENTITY_ACCEPTED, client=client, user=user, purpose=purpose)
    return LoginChallenge.objects.create(
        purpose=purpose,
        user=user,
        expires_at=timezone.now() + timedelta(minutes=settings.LOGIN_CODE_TTL_MINUTES),
    )


@transaction.atomic
def challenge_send_code(*, challenge: LoginChallenge, channel: str, client: Client) -> None:
    """Send a new one-time code for `challenge` to the account's contact for `channel`.

    Design §4: 6 digits, valid 15 minutes (LOGIN_CODE_TTL_MINUTES), usable once, stored as a
    keyed hash only (ASVS 5.0 V6.6.1-V6.6.3). A new code replaces the previous one of the
    same attempt. Sends are limited per attempt (LOGIN_CODE_MAX_SENDS): raises
    `CodeRefused` beyond, or once the attempt is used or refused too often.
    """
    challenge = LoginChallenge.objects.select_for_update().get(pk=challenge.pk)
    if challenge.is_dead(settings.LOGIN_CODE_MAX_TRIES):
        raise CodeRefused
    if challenge.sends >= settings.LOGIN_CODE_MAX_SENDS:
        raise CodeRefused
    if challenge.code_sent_at is None and timezone.now() >= challenge.expires_at:
        raise CodeRefused  # the password (or identity) was given too long ago
    address = contacts_of(user=challenge.user)[channel]
    code = new_otp()
    now = timezone.now()
    challenge.channel = channel
    challenge.destination = address
    challenge.code_hash = code_hash(code, purpose=CODE_PURPOSES[challenge.purpose])
    challenge.code_sent_at = now
    challenge.expires_at = now + timedelta(minutes=settings.LOGIN_CODE_TTL_MINUTES)
    challenge.sends += 1
    challenge.tries = 0
    challenge.save()
    notification_send(
        channel=channel,
        to=address,
        template=CODE_TEMPLATES[challenge.purpose],
        context={"code": code, "valid_minutes": settings.LOGIN_CODE_TTL_MINUTES},
    )
    _event(outcome=Outcome.CODE_SENT, client=client, user=challenge.user, purpose=challenge.purpose)


def challenge_check_code(*, challenge: LoginChallenge, code: str, client: Client) -> CodeCheck:
    """Check a code typed for `challenge`, and only against it (ASVS 5.0 V6.6.2).

    Design §4: usable once, valid 15 minutes, dead after 5 wrong tries (LOGIN_CODE_MAX_TRIES).
    Wrong codes also count as failures of the account and of the address, so that starting
    new attempts does not give new tries (raises `Throttled` once the limit is reached).
    """
    user = challenge.user
    checks = _failure_checks(user.get_username(), client)
    verdict = ratelimit_peek_all(checks)
    if not verdict.allowed:
        _event(outcome=Outcome.THROTTLED, client=client, user=user, purpose=challenge.purpose)
        raise Throttled(verdict)
    result = _check_code(challenge=challenge, code=code)
    outcome = {
        CodeCheck.ACCEPTED: Outcome.CODE_ACCEPTED,
        CodeCheck.WRONG: Outcome.CODE_REFUSED,
        CodeCheck.EXPIRED: Outcome.CODE_EXPIRED,
        CodeCheck.DEAD: Outcome.CODE_DEAD,
    }[result]
    _event(outcome=outcome, client=client, user=user, purpose=challenge.purpose)
    if result is CodeCheck.ACCEPTED:
        ratelimit_reset(_account_rule(), user.get_username())
    elif result is not CodeCheck.EXPIRED:
        ratelimit_hit_all(checks)
    return result


@transaction.atomic
def _check_code(*, challenge: LoginChallenge, code: str) -> CodeCheck:
    # Locked: two submissions of one code at once cannot both be accepted.
    challenge = LoginChallenge.objects.select_for_update().get(pk=challenge.pk)
    max_tries = settings.LOGIN_CODE_MAX_TRIES
    if not challenge.code_hash or challenge.is_dead(max_tries):
        return CodeCheck.DEAD
    now = timezone.now()
    if now >= challenge.expires_at:
        return CodeCheck.EXPIRED
    challenge.tries += 1
    if code_matches(code, challenge.code_hash, purpose=CODE_PURPOSES[challenge.purpose]):
        challenge.used_at = now
        challenge.save(update_fields=["tries", "used_at"])
        return CodeCheck.ACCEPTED
    challenge.save(update_fields=["tries"])
    return CodeCheck.DEAD if challenge.tries >= max_tries else CodeCheck.WRONG


@transaction.atomic
def identifier_send(*, challenge: LoginChallenge, login_url: str, client: Client) -> None:
    """ "Identifiant oublié ?": once the code is accepted, send the identifier where the code
    went (seed 004, "Mon identifiant est envoyé !")."""
    challenge = LoginChallenge.objects.select_for_update().get(pk=challenge.pk)
    if challenge.purpose != Purpose.IDENTIFIER or challenge.used_at is None:
        raise CodeRefused
    if challenge.completed_at is None:
        notification_send(
            channel=challenge.channel,
            to=challenge.destination,
            template="identifier_reminder",
            context={"identifier": challenge.user.get_username(), "login_url": login_url},
        )
        challenge.completed_at = timezone.now()
        challenge.save(update_fields=["completed_at"])
        _event(
            outcome=Outcome.IDENTIFIER_SENT,
            client=client,
            user=challenge.user,
            purpose=Purpose.IDENTIFIER,
        )


def recovery_may_set_password(challenge: LoginChallenge) -> bool:
    """A new password may be chosen shortly after the code, once."""
    return (
        challenge.purpose == Purpose.PASSWORD
        and challenge.used_at is not None
        and challenge.completed_at is None
        and timezone.now() < challenge.used_at + NEW_PASSWORD_WINDOW
    )


@transaction.atomic
def password_recover(*, challenge: LoginChallenge, password: str, client: Client) -> None:
    """ "Mot de passe oublié ?": set the new password (validated by the caller with the
    activation rules, ens.accounts.passwords) and end every session of the person.

    Issue 5 item 2 and ASVS 5.0 V7.4.3 (a password change ends the other sessions); V6.3.7
    (the person is told by e-mail, or SMS without e-mail).
    """
    challenge = LoginChallenge.objects.select_for_update().get(pk=challenge.pk)
    if not recovery_may_set_password(challenge):
        raise CodeRefused
    user = challenge.user
    user.set_password(password)
    user.save(update_fields=["password"])
    challenge.completed_at = timezone.now()
    challenge.save(update_fields=["completed_at"])
    user_sessions_end_all(user=user)
    contacts = contacts_of(user=user)
    channel = "email" if "email" in contacts else next(iter(contacts), None)
    if channel:
        notification_send(
            channel=channel, to=contacts[channel], template="password_changed", context={}
        )
    _event(outcome=Outcome.PASSWORD_CHANGED, client=client, user=user, purpose=Purpose.PASSWORD)


# --- Sessions ---


def _session_store() -> type[SessionBase]:
    from importlib import import_module

    return import_module(settings.SESSION_ENGINE).SessionStore


@transaction.atomic
def user_session_open(*, user: User, session_key: str, client: Client) -> UserSession:
    """Record the session a login opened (ASVS 5.0 V7.5.2: the person sees their sessions),
    and log the success."""
    now = timezone.now()
    row, _ = UserSession.objects.update_or_create(
        session_key=session_key,
        defaults={
            "user": user,
            "user_agent": client.user_agent[:300],
            "ip": client.ip or None,
            "created_at": now,
            "last_seen_at": now,
        },
    )
    _event(outcome=Outcome.LOGGED_IN, client=client, user=user)
    return row


def user_session_touch(*, user: User, session_key: str, client: Client) -> None:
    """Note activity on a session; sessions opened by other means (tests' force_login) are
    recorded the first time they are seen."""
    now = timezone.now()
    UserSession.objects.update_or_create(
        session_key=session_key,
        defaults={"last_seen_at": now},
        create_defaults={
            "user": user,
            "user_agent": client.user_agent[:300],
            "ip": client.ip or None,
            "created_at": now,
            "last_seen_at": now,
        },
    )


def user_session_closed(
    *, user: User, session_key: str | None, outcome: str, client: Client
) -> None:
    """Forget a session that the person logged out of or that expired (the caller flushed it)."""
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()
    _event(outcome=outcome, client=client, user=user)


@transaction.atomic
def user_session_end(*, session: UserSession, client: Client) -> None:
    """End one of one's sessions from the settings page (ASVS 5.0 V7.5.2): the Django session
    is deleted, so the device it belongs to is logged out at its next request."""
    _session_store()().delete(session.session_key)
    session.delete()
    _event(outcome=Outcome.SESSION_ENDED, client=client, user=session.user)


@transaction.atomic
def user_sessions_end_all(
    *, user: User, keep_session_key: str | None = None, client: Client | None = None
) -> int:
    """End every session of `user` but `keep_session_key` (ASVS 5.0 V7.4.3, V7.5.2); logged
    when the person asked for it (`client`)."""
    store = _session_store()()
    rows = UserSession.objects.filter(user=user)
    if keep_session_key:
        rows = rows.exclude(session_key=keep_session_key)
    keys = list(rows.values_list("session_key", flat=True))
    for key in keys:
        store.delete(key)
    rows.delete()
    if client is not None and keys:
        _event(outcome=Outcome.SESSION_ENDED, client=client, user=user)
    return len(keys)
