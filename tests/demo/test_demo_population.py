"""`manage.py demo_population`: through the command, as `make run` and an operator use it."""

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import QuerySet

from ens.accounts.models import User
from ens.activation.models import HealthSpace, SpaceEvent, SpaceState
from ens.professionals.models import Professional
from ens.professionals.rpps import is_valid_rpps
from ens.registry.demo import FIXED_PEOPLE
from ens.registry.models import CarteVitale, InsuredPerson, ParentLink
from ens.registry.nir import nir_control_key, nir_matches, parse_nir

pytestmark = pytest.mark.django_db

SIZE = 300


def run(*args: str) -> str:
    out = StringIO()
    call_command("demo_population", *args, stdout=out)
    return out.getvalue()


FIXED_NIRS = [person["nir"] for person in FIXED_PEOPLE.values()]


def generated() -> QuerySet[InsuredPerson]:
    return InsuredPerson.objects.exclude(nir__in=FIXED_NIRS)


def snapshot() -> list[tuple]:
    return list(
        generated()
        .order_by("nir")
        .values_list(
            "nir", "first_name", "last_name", "birth_date", "email", "mobile", "address", "city"
        )
    )


def test_it_creates_size_people_plus_the_fixed_three():
    run("--size", str(SIZE))
    assert InsuredPerson.objects.count() == SIZE + 3
    assert CarteVitale.objects.count() == SIZE + 3


def test_it_summarises_what_it_created():
    output = run("--size", str(SIZE))
    assert f"{SIZE} assurés générés" in output
    assert "professionnels ajoutés à l'annuaire" in output


def test_every_nir_is_valid():
    run("--size", str(SIZE))
    for nir in InsuredPerson.objects.values_list("nir", flat=True):
        parse_nir(nir)


def test_every_nir_matches_sex_and_birth_date():
    run("--size", str(SIZE))
    for nir, sex, born in InsuredPerson.objects.values_list("nir", "sex", "birth_date"):
        assert nir_matches(parse_nir(nir), birth_date=born, sex=sex), nir


def test_some_people_are_born_in_corsica_after_1976_and_some_abroad():
    run("--size", str(SIZE))
    nirs = list(InsuredPerson.objects.values_list("nir", "birth_date"))
    assert any(nir[5:7] in ("2A", "2B") and born.year >= 1976 for nir, born in nirs)
    assert any(nir[5:7] == "99" for nir, _born in nirs)


def test_some_adults_have_no_email_and_some_no_mobile():
    run("--size", str(SIZE))
    adults = InsuredPerson.objects.filter(parent_links=None)
    assert adults.filter(email="").exists()
    assert adults.filter(mobile="").exists()
    assert adults.exclude(email="").exists()


def test_a_good_share_of_people_live_in_seine_maritime():
    run("--size", str(SIZE))
    assert InsuredPerson.objects.filter(postal_code__startswith="76").count() >= SIZE // 10


def test_children_are_attached_to_one_or_two_adult_parents():
    run("--size", str(SIZE))
    children = InsuredPerson.objects.exclude(parent_links=None)
    assert children.count() >= 10
    for child in children:
        parents = [link.parent for link in child.parent_links.all()]
        assert 1 <= len(parents) <= 2
        assert all(parent.birth_date.year <= date.today().year - 18 for parent in parents)


def test_children_under_16_carry_a_parents_card_serial():
    run("--size", str(SIZE))
    young = [
        child
        for child in InsuredPerson.objects.exclude(parent_links=None)
        if child.birth_date.year > date.today().year - 15
    ]
    assert young
    for child in young:
        serials = {link.parent.carte_vitale.serial for link in child.parent_links.all()}
        assert child.carte_vitale.serial in serials


def test_cards_with_and_without_photo_have_10_digit_serials():
    run("--size", str(SIZE))
    assert CarteVitale.objects.filter(has_photo=True).exists()
    assert CarteVitale.objects.filter(has_photo=False).exists()
    for serial in CarteVitale.objects.values_list("serial", flat=True):
        assert len(serial) == 10 and serial.isdigit()


def test_christian_has_his_exact_data_and_no_space_nor_account():
    run("--size", "0")
    christian = InsuredPerson.objects.get(nir="184127645108946")
    assert (christian.first_name, christian.last_name, christian.sex) == (
        "Christian",
        "Dupont",
        "M",
    )
    assert christian.birth_date == date(1984, 12, 14)
    assert (christian.email, christian.mobile) == ("christian@example.fr", "+33712345678")
    assert christian.department == "76"
    assert (christian.carte_vitale.serial, christian.carte_vitale.has_photo) == ("8025000002", True)
    assert not HealthSpace.objects.filter(person=christian).exists()
    assert not User.objects.filter(person=christian).exists()


def test_lea_is_attached_to_christian_with_a_valid_nir_of_her_own():
    run("--size", "0")
    lea = InsuredPerson.objects.get(first_name="Léa", last_name="Dupont")
    assert lea.birth_date == date(2015, 5, 3)
    assert lea.nir[:5] == "21505"
    assert int(lea.nir[13:]) == nir_control_key(lea.nir[:13])
    assert [link.parent.nir for link in lea.parent_links.all()] == ["184127645108946"]


def test_camille_has_her_exact_data_and_an_active_space():
    run("--size", "0")
    camille = InsuredPerson.objects.get(nir="291037511203461")
    assert (camille.first_name, camille.last_name, camille.sex) == ("Camille", "Durand", "F")
    assert camille.birth_date == date(1991, 3, 21)
    assert (camille.email, camille.mobile) == ("camille.durand@example.fr", "+33698765432")
    assert camille.department == "75"
    assert camille.carte_vitale.serial
    assert camille.space.state == SpaceState.ACTIVE
    assert camille.space.events.get().actor == "système"


def test_camille_can_authenticate_with_her_demo_password():
    run("--size", "0")
    user = authenticate(username="camille.durand", password="Demo-Patient-2026!")
    assert user is not None
    assert user.person.nir == "291037511203461"


def test_claire_is_a_general_practitioner_with_an_account():
    run("--size", "0")
    claire = Professional.objects.get(rpps="10101010101")
    assert (claire.first_name, claire.last_name) == ("Claire", "Martin")
    assert (claire.profession, claire.specialty) == ("Médecin", "Médecine générale")
    assert claire.email == "claire.martin@example.fr"
    assert claire.place_of_practice
    user = authenticate(username="claire.martin", password="Demo-Pro-2026!")
    assert user is not None and user.professional == claire


def test_the_directory_has_dozens_of_professionals_with_valid_rpps():
    run("--size", "0")
    assert Professional.objects.count() >= 25
    assert all(is_valid_rpps(rpps) for rpps in Professional.objects.values_list("rpps", flat=True))


def test_running_again_keeps_the_fixed_people_and_the_directory_unique():
    run("--size", "0")
    run("--size", "0")
    assert InsuredPerson.objects.count() == 3
    assert ParentLink.objects.count() == 1
    assert User.objects.count() == 3  # Camille, Claire and the demo operator
    assert SpaceEvent.objects.count() == 1
    assert Professional.objects.count() == len(set(Professional.objects.values_list("rpps")))


def test_running_again_restores_the_fixed_peoples_data():
    run("--size", "0")
    InsuredPerson.objects.filter(nir="184127645108946").update(email="autre@example.com")
    run("--size", "0")
    assert InsuredPerson.objects.get(nir="184127645108946").email == "christian@example.fr"


def test_running_again_adds_people_without_reusing_a_nir():
    run("--size", "100", "--seed", "1")
    run("--size", "100", "--seed", "1")
    assert InsuredPerson.objects.count() == 203


def test_if_empty_does_nothing_on_a_non_empty_registry():
    run("--size", "50")
    output = run("--size", "50", "--if-empty")
    assert InsuredPerson.objects.count() == 53
    assert "rien à faire" in output


def test_if_empty_fills_an_empty_registry():
    run("--size", "50", "--if-empty")
    assert InsuredPerson.objects.count() == 53


def test_the_same_seed_gives_the_same_population():
    run("--size", "150", "--seed", "42")
    first = snapshot()
    generated().delete()
    run("--size", "150", "--seed", "42")
    assert snapshot() == first


@pytest.mark.django_db
def test_the_demo_has_an_operator_account_for_the_back_office():
    call_command("demo_population", "--size", "0", stdout=StringIO())

    operator = authenticate(username="operateur.demo", password="Demo-Operateur-2026!")

    assert operator is not None
    assert operator.is_staff
    assert operator.person is None
