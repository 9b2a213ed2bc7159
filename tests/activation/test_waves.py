"""Notification waves: `manage.py notify_wave` and the wave service (design §3, issue 4)."""

import io
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone
from pypdf import PdfReader

from ens.activation import waves
from ens.activation.models import CodeChannel, HealthSpace, ProvisionalCode, SpaceEvent, SpaceState
from ens.activation.services import PROVISIONAL_PURPOSE, space_transition
from ens.activation.waves import (
    department_filter,
    new_provisional_codes,
    normalize_department,
    read_nirs,
)
from ens.lib.codes import PROVISIONAL_ALPHABET, code_matches
from ens.notifications.models import Notification
from ens.operator.models import LetterBatch, NotificationWave
from ens.registry.models import InsuredPerson, ParentLink
from ens.registry.nir import format_nir
from tests.factories import InsuredPersonFactory

CODE_IN_MAIL = re.compile(r"Code provisoire pour [^:]+: ([A-Za-z0-9]{12})")


def notify(*args: str) -> str:
    out = io.StringIO()
    call_command("notify_wave", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def mailed_code(person) -> str:
    mail = Notification.objects.get(to=person.email, template="wave_notification")
    return CODE_IN_MAIL.search(mail.body_text).group(1)


def states() -> dict[int, str]:
    return dict(HealthSpace.objects.values_list("person_id", "state"))


@pytest.mark.django_db
def test_a_department_wave_notifies_only_the_people_living_there():
    rouen = InsuredPersonFactory(postal_code="76000")
    paris = InsuredPersonFactory(postal_code="75011")

    notify("--department", "76")

    assert states() == {rouen.pk: SpaceState.NOTIFIED}
    assert not HealthSpace.objects.filter(person=paris).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("department", "inside", "outside"),
    [
        ("01", ["01000", "01990"], ["00999", "02000", "10000"]),
        ("76", ["76000", "76999"], ["75999", "77000", "07600"]),
        ("95", ["95000", "95880"], ["96000", "94999"]),
        ("971", ["97100", "97190"], ["97200", "97099", "97000"]),
        ("2A", ["20000", "20199"], ["20200", "21000"]),
        ("2B", ["20200", "20999"], ["20199", "21000"]),
    ],
)
def test_a_department_is_the_range_of_its_postal_codes(department, inside, outside):
    people = {code: InsuredPersonFactory(postal_code=code) for code in [*inside, *outside]}

    found = set(
        InsuredPerson.objects.filter(department_filter(department)).values_list("pk", flat=True)
    )

    assert found == {people[code].pk for code in inside}
    assert all(people[code].department == department for code in inside)


@pytest.mark.django_db
def test_a_corsican_department_is_told_by_the_postal_code():
    ajaccio = InsuredPersonFactory(postal_code="20000")
    bastia = InsuredPersonFactory(postal_code="20200")

    notify("--department", "2b")

    assert states() == {bastia.pk: SpaceState.NOTIFIED}
    assert ajaccio.pk not in states()


@pytest.mark.django_db
def test_a_file_wave_notifies_the_nirs_listed_one_a_line(tmp_path):
    listed, other = InsuredPersonFactory(), InsuredPersonFactory()
    path = tmp_path / "people.txt"
    path.write_text(f"{format_nir(listed.nir)}\n", encoding="utf-8")

    notify("--file", str(path))

    assert states() == {listed.pk: SpaceState.NOTIFIED}
    assert other.pk not in states()


@pytest.mark.django_db
def test_a_file_wave_reads_the_nir_column_of_a_csv(tmp_path):
    listed = InsuredPersonFactory()
    InsuredPersonFactory()
    path = tmp_path / "people.csv"
    path.write_text(f"nom;nir\nDupont;{listed.nir}\n", encoding="utf-8")

    notify("--file", str(path))

    assert states() == {listed.pk: SpaceState.NOTIFIED}


@pytest.mark.django_db
def test_an_all_wave_notifies_everyone_without_a_space():
    people = InsuredPersonFactory.create_batch(3, postal_code="13001")

    notify("--all", "--batch-size", "2")

    assert states() == {p.pk: SpaceState.NOTIFIED for p in people}


@pytest.mark.django_db
def test_running_a_wave_again_notifies_nobody_twice():
    person = InsuredPersonFactory()
    notify("--all")

    summary = notify("--all")

    assert SpaceEvent.objects.filter(space__person=person).count() == 1
    assert ProvisionalCode.objects.filter(person=person).count() == 1
    assert Notification.objects.filter(to=person.email).count() == 1
    assert "0 notifiée(s) par e-mail" in summary
    assert "1 ignorée(s)" in summary


@pytest.mark.django_db
def test_people_who_opposed_or_activated_are_not_notified():
    opposed, active = InsuredPersonFactory(), InsuredPersonFactory()
    space_transition(person=opposed, to_state=SpaceState.OPPOSED, actor="assuré")
    space_transition(person=active, to_state=SpaceState.ACTIVE, actor="assuré")

    notify("--all")

    assert states() == {opposed.pk: SpaceState.OPPOSED, active.pk: SpaceState.ACTIVE}
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_the_space_is_due_for_automatic_creation_after_the_configured_delay(settings):
    settings.AUTO_CREATION_DELAY_DAYS = 10
    person = InsuredPersonFactory()

    notify("--all")

    space = HealthSpace.objects.get(person=person)
    assert space.auto_creation_due_at - space.notified_at == timedelta(days=10)


@pytest.mark.django_db
def test_the_notification_is_kept_in_the_history():
    person = InsuredPersonFactory()

    notify("--all")

    event = SpaceEvent.objects.get(space__person=person)
    assert (event.from_state, event.to_state) == ("", SpaceState.NOTIFIED)
    assert event.actor == "opérateur:ligne de commande"


@pytest.mark.django_db
def test_the_emailed_code_works_as_a_provisional_code_until_the_automatic_creation():
    person = InsuredPersonFactory()

    notify("--all")

    record = ProvisionalCode.objects.get(person=person)
    assert record.channel == CodeChannel.EMAIL
    assert code_matches(mailed_code(person), record.code_hash, purpose=PROVISIONAL_PURPOSE)
    assert record.expires_at == HealthSpace.objects.get(person=person).auto_creation_due_at


@pytest.mark.django_db
def test_the_email_tells_the_date_of_the_automatic_creation():
    person = InsuredPersonFactory(first_name="Christian")

    notify("--all")

    mail = Notification.objects.get(to=person.email)
    due = timezone.localdate(HealthSpace.objects.get(person=person).auto_creation_due_at)
    assert f"créé automatiquement pour CHRISTIAN le {due.day} " in mail.body_text
    assert f"{settings.SITE_URL}/activation/" in mail.body_text


@pytest.mark.django_db
def test_people_without_email_get_a_page_in_the_batch_pdf_of_letters():
    person = InsuredPersonFactory(
        without_email=True,
        first_name="Léa",
        last_name="Martin",
        address="3 rue Jeanne d'Arc",
        postal_code="76000",
        city="Rouen",
    )

    notify("--all")

    batch = LetterBatch.objects.get()
    reader = PdfReader(batch.pdf.open("rb"))
    text = reader.pages[0].extract_text()
    assert (len(reader.pages), batch.letters) == (1, 1)
    assert "Léa MARTIN" in text
    assert "3 rue Jeanne d'Arc" in text
    assert "76000 ROUEN" in text
    code = re.search(r"\b([A-Za-z0-9]{12})\b", text.split("Code provisoire pour")[1]).group(1)
    record = ProvisionalCode.objects.get(person=person)
    assert record.channel == CodeChannel.LETTER
    assert code_matches(code, record.code_hash, purpose=PROVISIONAL_PURPOSE)


@pytest.mark.django_db
def test_a_pdf_holds_one_page_per_letter_of_its_batch():
    InsuredPersonFactory.create_batch(3, without_email=True)
    InsuredPersonFactory()

    notify("--all")

    batch = LetterBatch.objects.get()
    assert len(PdfReader(batch.pdf.open("rb")).pages) == batch.letters == 3


@pytest.mark.django_db
def test_a_person_with_an_invalid_email_gets_a_letter():
    person = InsuredPersonFactory(email="pas-une-adresse")

    notify("--all")

    assert ProvisionalCode.objects.get(person=person).channel == CodeChannel.LETTER


@pytest.mark.django_db
def test_a_person_without_email_nor_postal_address_is_left_without_a_space():
    person = InsuredPersonFactory(without_email=True, address="")

    summary = notify("--all")

    assert person.pk not in states()
    assert "1 sans coordonnées" in summary


@pytest.mark.django_db
def test_a_child_profile_is_notified_without_a_message_of_its_own():
    link = ParentLink.objects.create(
        child=InsuredPersonFactory(child=True), parent=InsuredPersonFactory()
    )

    notify("--all")

    assert states()[link.child_id] == SpaceState.NOTIFIED
    assert not ProvisionalCode.objects.filter(person_id=link.child_id).exists()
    assert Notification.objects.count() == 1


@pytest.mark.django_db
def test_the_summary_counts_emails_letters_and_skipped():
    InsuredPersonFactory.create_batch(2)
    InsuredPersonFactory(without_email=True)
    space_transition(person=InsuredPersonFactory(), to_state=SpaceState.ACTIVE, actor="assuré")

    summary = notify("--all")

    assert "2 notifiée(s) par e-mail, 1 par courrier (1 PDF)" in summary
    assert "1 ignorée(s) (espace existant)" in summary


@pytest.mark.django_db
def test_a_space_created_while_the_batch_is_written_is_skipped_not_duplicated(monkeypatch):
    # The person activates between the moment the wave reads its batch and the moment it
    # writes the spaces: their space wins, and the wave gives them no event, code or e-mail.
    activating, other = InsuredPersonFactory(), InsuredPersonFactory()
    create_spaces = waves._create_spaces

    def activated_meanwhile(person_ids, **kwargs):
        space_transition(person=activating, to_state=SpaceState.ACTIVE, actor="assuré")
        return create_spaces(person_ids, **kwargs)

    monkeypatch.setattr(waves, "_create_spaces", activated_meanwhile)

    summary = notify("--all")

    assert states() == {activating.pk: SpaceState.ACTIVE, other.pk: SpaceState.NOTIFIED}
    assert SpaceEvent.objects.filter(space__person=activating).count() == 1
    assert not ProvisionalCode.objects.filter(person=activating).exists()
    assert list(Notification.objects.values_list("to", flat=True)) == [other.email]
    assert "1 notifiée(s) par e-mail" in summary
    assert NotificationWave.objects.get().skipped == 1


@pytest.mark.django_db
def test_an_email_address_is_sent_to_as_normalised():
    person = InsuredPersonFactory(email="  christian@example.fr ")

    notify("--all")

    assert Notification.objects.get().to == "christian@example.fr"
    assert ProvisionalCode.objects.get(person=person).channel == CodeChannel.EMAIL


@pytest.mark.django_db
def test_a_dry_run_tells_how_many_would_be_notified_and_notifies_nobody():
    InsuredPersonFactory.create_batch(2)

    output = notify("--all", "--dry-run")

    assert output.startswith("2 personne(s) seraient notifiées")
    assert not HealthSpace.objects.exists()
    assert not NotificationWave.objects.exists()


@pytest.mark.django_db
def test_the_wave_is_recorded_with_its_counts():
    InsuredPersonFactory(postal_code="76100")

    notify("--department", "76")

    wave = NotificationWave.objects.get()
    assert (wave.department, wave.status, wave.notified_email) == ("76", "done", 1)


@pytest.mark.django_db
def test_an_unknown_department_is_refused():
    with pytest.raises(CommandError, match="n'est pas un numéro de département"):
        notify("--department", "20")


def test_wave_codes_are_12_characters_of_the_provisional_alphabet():
    codes = new_provisional_codes(500)

    assert len(codes) == 500
    assert all(len(c) == 12 and set(c) <= set(PROVISIONAL_ALPHABET) for c in codes)
    assert len(set(codes)) == 500


def test_a_one_digit_department_gets_its_leading_zero():
    assert normalize_department(" 1 ") == "01"


def test_a_csv_without_a_nir_column_is_refused():
    with pytest.raises(ValidationError):
        read_nirs("nom;prenom\nDupont;Christian\n")


def test_a_list_drops_duplicates_and_counts_invalid_lines():
    nirs, invalid = read_nirs("1 84 12 76 451 089 46\n184127645108946\nabc\n\n")

    assert (nirs, invalid) == (["184127645108946"], 1)
