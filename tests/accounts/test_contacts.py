"""Shapes of a mobile number and the check of a contact-change code (pure rules)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ens.accounts.contacts import (
    CONTACT_CHANGE_PURPOSE,
    CodeCheck,
    format_mobile,
    normalize_email,
    normalize_mobile,
    pending_change,
    pending_change_check,
    tries_left,
)
from ens.lib.codes import code_hash


@pytest.mark.parametrize(
    "typed",
    [
        "07 12 34 56 78",
        "0712345678",
        "07.12.34.56.78",
        "+33 7 12 34 56 78",
        "0033712345678",
        "+33 (0)7 12 34 56 78",
    ],
)
def test_usual_ways_of_typing_a_french_mobile_give_e164(typed):
    assert normalize_mobile(typed) == "+33712345678"


def test_an_overseas_mobile_keeps_its_country_code():
    assert normalize_mobile("+262 6 92 12 34 56") == "+262692123456"


@pytest.mark.parametrize(
    "typed", ["01 23 45 67 89", "07 12 34 56", "+33 1 23 45 67 89", "mobile", "", "+447700900123"]
)
def test_landlines_short_numbers_and_words_are_not_mobiles(typed):
    assert normalize_mobile(typed) is None


def test_a_mobile_is_shown_the_way_the_service_writes_it():
    assert format_mobile("+33712345678") == "+33 7 12 34 56 78"


def test_the_domain_of_an_e_mail_address_is_lowered_not_its_local_part():
    assert normalize_email(" Christian.D@Example.FR ") == "Christian.D@example.fr"


def _pending(now=None) -> dict:
    return pending_change(
        kind="email",
        value="new@example.fr",
        code_hash=code_hash("123456", purpose=CONTACT_CHANGE_PURPOSE),
        now=now,
    )


def test_the_right_code_is_accepted():
    assert pending_change_check(_pending(), "123456") is CodeCheck.ACCEPTED


def test_a_wrong_code_is_refused_and_counted():
    pending = _pending()
    assert pending_change_check(pending, "654321") is CodeCheck.WRONG
    assert tries_left(pending) == 4


def test_the_fifth_wrong_code_kills_the_code():
    pending = _pending()
    results = [pending_change_check(pending, "000000") for _ in range(5)]
    assert results[-1] is CodeCheck.EXHAUSTED
    assert pending_change_check(pending, "123456") is CodeCheck.EXHAUSTED


def test_a_code_is_refused_after_15_minutes():
    sent = timezone.now() - timedelta(minutes=15, seconds=1)
    assert pending_change_check(_pending(now=sent), "123456") is CodeCheck.EXPIRED


def test_a_code_for_another_purpose_does_not_match():
    pending = _pending()
    pending["code_hash"] = code_hash("123456", purpose="login")
    assert pending_change_check(pending, "123456") is CodeCheck.WRONG
