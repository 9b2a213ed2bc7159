"""Unit tests of ens.lib.ratelimit, the limiter the activation and login pages share."""

import pytest
from django.test import RequestFactory

from ens.lib.ratelimit import (
    RateLimit,
    Verdict,
    client_address,
    ratelimit_hit,
    ratelimit_hit_all,
    ratelimit_peek,
)

RULE = RateLimit("test", limit=3, window=600)


def test_it_allows_attempts_up_to_the_limit():
    verdicts = [ratelimit_hit(RULE, "a") for _ in range(3)]

    assert all(v.allowed for v in verdicts)


def test_it_refuses_the_attempt_past_the_limit_and_says_how_long_to_wait():
    for _ in range(3):
        ratelimit_hit(RULE, "a")

    verdict = ratelimit_hit(RULE, "a")

    assert not verdict.allowed
    assert 0 < verdict.retry_after <= 600


def test_peeking_does_not_count_an_attempt():
    for _ in range(5):
        ratelimit_peek(RULE, "a")

    assert ratelimit_hit(RULE, "a").allowed


def test_each_key_has_its_own_counter():
    for _ in range(4):
        ratelimit_hit(RULE, "a")

    assert ratelimit_hit(RULE, "b").allowed


def test_the_strictest_of_several_rules_wins():
    strict = RateLimit("strict", limit=1, window=60)
    ratelimit_hit(strict, "a")

    verdict = ratelimit_hit_all([(RULE, "a"), (strict, "a")])

    assert not verdict.allowed


@pytest.mark.parametrize(
    ("seconds", "message"),
    [
        (30, "Trop de tentatives. Réessayez dans 1 minute."),
        (600, "Trop de tentatives. Réessayez dans 10 minutes."),
        (601, "Trop de tentatives. Réessayez dans 11 minutes."),
    ],
)
def test_the_message_says_in_french_how_many_minutes_to_wait(seconds, message):
    assert Verdict(False, seconds).message == message


def test_the_client_address_is_the_remote_address_without_a_trusted_proxy():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4")

    assert client_address(request) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_client_address_is_the_hop_the_proxy_saw(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7"
    )

    assert client_address(request) == "198.51.100.7"
