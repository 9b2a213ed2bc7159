"""A small fixed-window rate limiter on Django's cache (Redis in production, locmem by default).

Used to limit attempts per person and per client address (design §4, ASVS 5.0 V2.4): a
counter per (scope, key) lives for `window` seconds from the first attempt. Keys are hashed
so no NIR or address is stored in clear in the cache.
"""

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import ngettext


@dataclass(frozen=True)
class RateLimit:
    """`limit` attempts per `window` seconds."""

    scope: str
    limit: int
    window: int


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds before a new attempt is allowed; 0 when allowed

    @property
    def message(self) -> str:
        minutes = max(1, math.ceil(self.retry_after / 60))
        return ngettext(
            "Trop de tentatives. Réessayez dans %(minutes)d minute.",
            "Trop de tentatives. Réessayez dans %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}


def _keys(rule: RateLimit, key: str) -> tuple[str, str]:
    digest = hashlib.sha256(f"{rule.scope}:{key}".encode()).hexdigest()
    return f"rl:{digest}:n", f"rl:{digest}:t"


def ratelimit_peek(rule: RateLimit, key: str) -> Verdict:
    """Whether one more attempt is allowed, without counting one."""
    count_key, reset_key = _keys(rule, key)
    count = cache.get(count_key, 0)
    if count < rule.limit:
        return Verdict(True, 0)
    reset_at = cache.get(reset_key) or time.time() + rule.window
    return Verdict(False, max(1, math.ceil(reset_at - time.time())))


def ratelimit_hit(rule: RateLimit, key: str) -> Verdict:
    """Count one attempt; says whether it was within the limit."""
    count_key, reset_key = _keys(rule, key)
    # add() only sets a missing key: the window starts at the first attempt.
    cache.add(reset_key, time.time() + rule.window, rule.window)
    cache.add(count_key, 0, rule.window)
    try:
        count = cache.incr(count_key)
    except ValueError:  # expired between add() and incr()
        cache.set(count_key, 1, rule.window)
        count = 1
    if count <= rule.limit:
        return Verdict(True, 0)
    reset_at = cache.get(reset_key) or time.time() + rule.window
    return Verdict(False, max(1, math.ceil(reset_at - time.time())))


def ratelimit_reset(rule: RateLimit, key: str) -> None:
    cache.delete_many(list(_keys(rule, key)))


def ratelimit_peek_all(checks: list[tuple[RateLimit, str]]) -> Verdict:
    """The strictest verdict of several (rule, key) pairs, without counting."""
    return _strictest([ratelimit_peek(rule, key) for rule, key in checks])


def ratelimit_hit_all(checks: list[tuple[RateLimit, str]]) -> Verdict:
    """Count one attempt on each (rule, key) pair; the strictest verdict."""
    return _strictest([ratelimit_hit(rule, key) for rule, key in checks])


def _strictest(verdicts: list[Verdict]) -> Verdict:
    refused = [v for v in verdicts if not v.allowed]
    if not refused:
        return Verdict(True, 0)
    return Verdict(False, max(v.retry_after for v in refused))


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the nearest untrusted X-Forwarded-For hop when
    REMOTE_ADDR is one of settings.TRUSTED_PROXIES (a load balancer in production).

    Only hops appended by trusted proxies are believed: a client can write anything in the
    leftmost ones.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = set(getattr(settings, "TRUSTED_PROXIES", []))
    if remote not in trusted:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote
    return remote
