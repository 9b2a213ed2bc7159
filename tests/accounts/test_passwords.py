"""The identifier and password rules of design §3, as pure functions and validators."""

from datetime import date

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from ens.accounts.models import User
from ens.accounts.passwords import (
    NotCommonPasswordValidator,
    PasswordCompositionValidator,
    PersonalInformationValidator,
    identifier_problems,
    password_checklist,
    password_unmet_rules,
    validate_identifier,
)
from ens.registry.models import InsuredPerson


def _unmet(password: str) -> set[str]:
    return {rule.key for rule in password_unmet_rules(password)}


@pytest.mark.parametrize(
    ("password", "unmet"),
    [
        ("", {"length", "lower", "upper", "digit", "special"}),
        ("abcdefgh", {"upper", "digit", "special"}),
        ("ABCDEFGH", {"lower", "digit", "special"}),
        ("Abcdefgh", {"digit", "special"}),
        ("Abcdefg1", {"special"}),
        ("Abcdef1!", set()),
        ("Abc1!", {"length"}),
        ("12345678", {"lower", "upper", "special"}),
        ("Été-2024", set()),  # accented letters count as letters
        ("Deux mots 9", set()),  # a space is a special character
    ],
)
def test_each_rule_of_the_checklist_is_met_or_not(password, unmet):
    assert _unmet(password) == unmet


def test_the_checklist_lists_the_five_rules_of_design_3_in_order():
    keys = [rule.key for rule, _met in password_checklist("x")]
    assert keys == ["length", "lower", "upper", "digit", "special"]


def test_a_password_of_exactly_eight_characters_is_long_enough():
    assert "length" not in _unmet("Ab1!efgh")
    assert "length" in _unmet("Ab1!efg")


def test_composition_accepts_128_characters_and_refuses_129():
    validator = PasswordCompositionValidator()
    validator.validate("Aa1!" * 32)
    with pytest.raises(ValidationError) as error:
        validator.validate("Aa1!" * 32 + "x")
    assert error.value.error_list[0].code == "password_too_long"


def test_composition_names_the_missing_rules_in_french():
    with pytest.raises(ValidationError) as error:
        PasswordCompositionValidator().validate("abcdefgh")
    message = error.value.messages[0]
    assert "1 lettre majuscule" in message
    assert "1 chiffre" in message


@pytest.mark.parametrize(
    "password",
    [
        "Azerty123!",
        "P@ssw0rd!",
        "Password1!",
        "Motdepasse1!",
        "Mot-de-passe-2024",
        "Soleil2024!",
        "!!Marseille13",
        "Doudou#1234",
        "Ameli2024!",
        "MonEspaceSante1!",
        "Aa1!Aa1!Aa1!",
        "Chocolat_99",
    ],
)
def test_common_passwords_and_their_disguises_are_refused(password):
    with pytest.raises(ValidationError) as error:
        NotCommonPasswordValidator().validate(password)
    assert error.value.error_list[0].code == "password_too_common"


@pytest.mark.parametrize(
    "password",
    ["Brume-Lointaine-42", "Tr0ub4dor&3-cheval", "Gx7#qLm2vR", "le Chat bleu mange 3 prunes"],
)
def test_uncommon_passwords_pass_the_common_check(password):
    NotCommonPasswordValidator().validate(password)


def _user(**fields) -> User:
    person = InsuredPerson(
        first_name="Christian", last_name="Dupont", birth_date=date(1984, 12, 14)
    )
    return User(username=fields.pop("username", "cdupont.76"), person=person, **fields)


@pytest.mark.parametrize(
    "password",
    [
        "Cdupont.76-Zz!",  # the identifier
        "Christian#2026",  # the first name
        "xx-DUPONT-99!",  # the last name, any case
        "Né-le-14121984!",  # the birth date, ddmmyyyy
        "Kz!14/12/1984x",  # the birth date as written on a form
    ],
)
def test_the_person_s_own_details_are_refused_inside_the_password(password):
    with pytest.raises(ValidationError) as error:
        PersonalInformationValidator().validate(password, user=_user())
    assert error.value.error_list[0].code == "password_personal_information"


def test_accents_do_not_hide_a_name_inside_the_password():
    user = _user()
    user.person.first_name = "Léa"
    user.first_name = "Léa"
    with pytest.raises(ValidationError):
        PersonalInformationValidator().validate("Lea-Vole-77!", user=user)


def test_each_part_of_a_compound_identifier_is_refused():
    user = _user(username="cdupont.rouen")
    with pytest.raises(ValidationError):
        PersonalInformationValidator().validate("Ciel-Rouen-77!", user=user)


def test_personal_information_is_not_checked_without_a_user():
    PersonalInformationValidator().validate("Christian-1984!")


def test_django_s_validate_password_applies_the_project_rules():
    with pytest.raises(ValidationError) as error:
        validate_password("azerty")
    codes = {e.code for e in error.value.error_list}
    assert codes == {"password_rules", "password_too_common"}


@pytest.mark.parametrize(
    "identifier",
    ["christian.dupont", "cdupont76", "c_dupont-1984", "12345678", "a.b-c_d1", "x" * 50],
)
def test_valid_identifiers_have_no_problem(identifier):
    assert identifier_problems(identifier) == []


@pytest.mark.parametrize(
    ("identifier", "expected"),
    [
        ("christian@example.fr", "ne peut pas être une adresse e-mail"),
        ("Christian.Dupont", "majuscules ne sont pas autorisées"),
        ("christian dupont", "Caractère non autorisé : espace"),
        ("hélène.dupont", "Caractères non autorisés : é è."),
        ("dupont+76x", "Caractère non autorisé : +"),
        ("cdupont", "au moins 8 caractères (il en contient 7)"),
        ("x" * 51, "au plus 50 caractères"),
        ("184127645108946", "numéro de sécurité sociale"),
    ],
)
def test_each_identifier_problem_has_its_own_french_message(identifier, expected):
    problems = [str(p) for p in identifier_problems(identifier)]
    assert any(expected in p for p in problems), problems


def test_an_e_mail_address_as_identifier_gets_one_message_about_e_mail_not_about_the_at_sign():
    problems = [str(p) for p in identifier_problems("christian.dupont@example.fr")]
    assert len(problems) == 1


def test_validate_identifier_raises_every_problem_at_once():
    with pytest.raises(ValidationError) as error:
        validate_identifier("Ab é")
    assert len(error.value.messages) == 3
