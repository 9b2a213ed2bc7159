"""Unit tests of the login rules: codes, hasher, devices, the decorator."""

import pytest
from django.contrib.auth.hashers import get_hasher, make_password
from django.test import override_settings

from ens.login.selectors import contacts_of, device_label
from ens.login.services import (
    Client,
    CodeCheck,
    CodeRefused,
    challenge_check_code,
    challenge_send_code,
    login_password_check,
)
from tests.factories import PASSWORD

from .helpers import read_code

CLIENT = Client(ip="127.0.0.1", user_agent="pytest")
ARGON2 = ["ens.login.hashers.ConfiguredArgon2PasswordHasher"]


@pytest.fixture
def challenge(patient):
    attempt = login_password_check(identifier=patient.username, password=PASSWORD, client=CLIENT)
    challenge_send_code(challenge=attempt, channel="email", client=CLIENT)
    return attempt


def test_the_identifier_is_matched_whatever_its_case(patient):
    typed = patient.username.capitalize()
    assert login_password_check(identifier=typed, password=PASSWORD, client=CLIENT) is not None


def test_an_inactive_account_is_refused(patient):
    patient.is_active = False
    patient.save()
    assert (
        login_password_check(identifier=patient.username, password=PASSWORD, client=CLIENT) is None
    )


def test_a_code_is_accepted_once(challenge, patient):
    code = read_code(patient.email)
    assert challenge_check_code(challenge=challenge, code=code, client=CLIENT) is CodeCheck.ACCEPTED
    assert challenge_check_code(challenge=challenge, code=code, client=CLIENT) is CodeCheck.DEAD


def test_no_new_code_is_sent_for_a_used_attempt(challenge, patient):
    challenge_check_code(challenge=challenge, code=read_code(patient.email), client=CLIENT)
    with pytest.raises(CodeRefused):
        challenge_send_code(challenge=challenge, channel="email", client=CLIENT)


def test_the_code_is_stored_only_as_a_keyed_hash(challenge, patient):
    challenge.refresh_from_db()
    code = read_code(patient.email)
    assert code not in challenge.code_hash and len(challenge.code_hash) == 64


def test_contacts_fall_back_on_the_registry(patient):
    patient.email = patient.mobile = ""
    patient.save()
    assert contacts_of(user=patient) == {
        "email": patient.person.email,
        "sms": patient.person.mobile,
    }


@override_settings(
    PASSWORD_HASHERS=ARGON2, ARGON2_TIME_COST=1, ARGON2_MEMORY_COST_KIB=8192, ARGON2_PARALLELISM=2
)
def test_argon2id_uses_the_parameters_of_the_settings():
    encoded = make_password("Un-Mot-De-Passe-2026")
    assert encoded.startswith("argon2$argon2id$v=19$m=8192,t=1,p=2$")


@override_settings(PASSWORD_HASHERS=ARGON2, ARGON2_TIME_COST=1, ARGON2_MEMORY_COST_KIB=8192)
def test_a_hash_made_with_older_parameters_is_upgraded_at_login(patient):
    with override_settings(ARGON2_MEMORY_COST_KIB=4096):
        patient.set_password(PASSWORD)
        patient.save()
    assert get_hasher().must_update(patient.password)
    login_password_check(identifier=patient.username, password=PASSWORD, client=CLIENT)
    patient.refresh_from_db()
    assert "m=8192," in patient.password


@pytest.mark.parametrize(
    ("user_agent", "label"),
    [
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Firefox sur Windows",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "Safari sur iPhone",
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like "
            "Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
            "Edge sur macOS",
        ),
        ("curl/8.5.0", ""),
    ],
)
def test_the_device_is_named_from_the_user_agent(user_agent, label):
    assert device_label(user_agent) == label
