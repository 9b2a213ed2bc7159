"""An operator launches a notification wave from /operateur/, with the keyboard and mouse."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from ens.activation.models import HealthSpace, SpaceState
from tests.factories import PASSWORD, InsuredPersonFactory, UserFactory

pytestmark = pytest.mark.e2e


def test_an_operator_launches_a_wave_for_a_department_and_gets_the_letters(page):
    UserFactory(staff=True, username="operateur.cpam")
    InsuredPersonFactory(postal_code="76000")
    InsuredPersonFactory(postal_code="76100", without_email=True)
    InsuredPersonFactory(postal_code="75011")

    page.goto("/operateur/")
    page.get_by_label("Identifiant").fill("operateur.cpam")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord")

    page.get_by_role("link", name="Lancer une vague").first.click()
    page.get_by_label("un département").check()
    page.get_by_label("Département de résidence").fill("76")
    page.get_by_role("button", name="Voir le nombre de personnes à notifier").click()
    expect(page.get_by_role("heading", name="2 personnes seront notifiées")).to_be_visible()
    page.screenshot(path="test-artifacts/operator_wave_confirmation.png", full_page=True)

    page.get_by_role("button", name="Confirmer et lancer la vague").click()
    expect(page.get_by_text(re.compile(r"La vague \d+ est lancée\."))).to_be_visible()
    expect(page.get_by_text("terminée")).to_be_visible()
    expect(page.get_by_role("link", name="Lot 1 : 1 courrier")).to_be_visible()
    assert HealthSpace.objects.filter(state=SpaceState.NOTIFIED).count() == 2
    page.screenshot(path="test-artifacts/operator_wave_letters.png", full_page=True)

    # Once the codes have expired, the hourly transitions delete the PDF of letters.
    later = (timezone.now() + timedelta(days=43)).isoformat()
    call_command("run_transitions", "--now", later, stdout=io.StringIO(), stderr=io.StringIO())
    page.reload()
    expect(page.get_by_text(re.compile(r"Lot 1 : 1 courrier : PDF supprimé le"))).to_be_visible()
    expect(page.get_by_role("link", name="Lot 1 : 1 courrier")).to_have_count(0)
    page.screenshot(path="test-artifacts/operator_wave_letters_deleted.png", full_page=True)
