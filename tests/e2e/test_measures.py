"""Mesures de santé in a browser: add, refuse, edit, delete; the chart; phone; keyboard."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ens.measures.kinds import Kind
from ens.measures.models import Measurement
from ens.medical_profile.models import MedicalProfile
from tests.space.people import child_of, patient

from .helpers import log_in

pytestmark = pytest.mark.e2e


def test_a_person_follows_their_weight_and_blood_pressure(page, site):
    camille = patient()
    MedicalProfile.objects.filter(person=camille.person).update(
        height_m=Decimal("1.68"), weight_kg=Decimal("64.0"), answered_at=timezone.now()
    )
    log_in(page, camille, site.url)

    page.goto("/espace/profil/mesures/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mesures de santé")
    # The first-visit answers are already there, and give the BMI.
    expect(page.get_by_text("22,7")).to_be_visible()
    page.get_by_role("link", name="Poids", exact=True).click()

    page.get_by_label("Poids (kg)").fill("420")
    page.get_by_role("button", name="Ajouter la mesure").click()
    expect(page.get_by_text("La valeur doit être comprise entre 1 kg et 350 kg.")).to_be_visible()
    expect(page.get_by_label("Poids (kg)")).to_have_value("420")
    expect(page.get_by_label("Poids (kg)")).to_be_focused()

    page.get_by_label("Poids (kg)").fill("65,5")
    page.get_by_role("button", name="Ajouter la mesure").click()
    expect(page.get_by_text("La mesure a été ajoutée.")).to_be_visible()
    table = page.get_by_role(
        "table", name="Historique : Poids, de la plus récente à la plus ancienne"
    )
    expect(table.get_by_role("cell", name="65,5")).to_be_visible()
    expect(table.get_by_role("cell", name="64,0")).to_be_visible()  # the first-visit answer
    expect(page.get_by_role("img", name="Évolution : poids")).to_be_visible()

    page.get_by_role("link", name="Modifier la mesure du").click()
    page.get_by_label("Poids (kg)").fill("66,1")
    page.get_by_role("button", name="Enregistrer").click()
    expect(table.get_by_role("cell", name="66,1")).to_be_visible()

    page.get_by_role("link", name="Supprimer la mesure du").click()
    expect(page.get_by_text("Voulez-vous vraiment supprimer la mesure de 66,1")).to_be_visible()
    page.get_by_role("button", name="Supprimer définitivement").click()
    expect(page.get_by_text("La mesure a été supprimée.")).to_be_visible()
    assert not Measurement.objects.filter(kind=Kind.WEIGHT).exists()

    page.get_by_role("link", name="Retour aux mesures de santé").click()
    page.get_by_role("link", name="Tension artérielle").click()
    page.get_by_label("Pression systolique (mmHg)").fill("80")
    page.get_by_label("Pression diastolique (mmHg)").fill("125")
    page.get_by_role("button", name="Ajouter la mesure").click()
    expect(
        page.get_by_text("La pression diastolique doit être inférieure à la pression systolique.")
    ).to_be_visible()
    page.get_by_label("Pression systolique (mmHg)").fill("125")
    page.get_by_label("Pression diastolique (mmHg)").fill("80")
    page.get_by_role("button", name="Ajouter la mesure").click()
    expect(page.get_by_text("La mesure a été ajoutée.")).to_be_visible()
    page.get_by_role("link", name="Retour aux mesures de santé").click()
    expect(page.get_by_role("cell", name="125/80\u00a0mmHg")).to_be_visible()


def test_a_parent_follows_a_babys_head_circumference_on_a_phone(page, site):
    parent = patient("Bruno", "Petit")
    today = timezone.localdate()
    baby = child_of(parent, "Nino", birth_date=today - timedelta(days=400))
    for weeks, value in ((40, "44.0"), (20, "45.5"), (2, "46.8")):
        Measurement.objects.create(
            person=baby,
            kind=Kind.HEAD_CIRCUMFERENCE,
            value=Decimal(value),
            measured_at=timezone.now() - timedelta(weeks=weeks),
        )
    log_in(page, parent, site.url)
    page.set_viewport_size({"width": 375, "height": 740})

    page.goto("/espace/profils/")
    page.get_by_role("button", name="Nino").first.click()
    page.goto("/espace/profil/mesures/")
    page.get_by_role("link", name="Périmètre crânien").click()

    chart = page.get_by_role("img", name="Évolution : périmètre crânien")
    expect(chart).to_be_visible()
    expect(page.locator("#chart-perimetre-cranien-desc")).to_contain_text("en hausse de 2,8 cm")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def _tab_to(page, locator, limit: int = 80) -> None:
    """Press Tab until `locator` has the focus, as a keyboard-only person would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError("never reached by the keyboard")


def test_a_glycemie_can_be_added_with_the_keyboard_alone(page, site):
    camille = patient()
    log_in(page, camille, site.url)
    page.goto("/espace/profil/mesures/glycemie/")

    _tab_to(page, page.get_by_label("Glycémie (g/L)"))
    page.keyboard.type("0,95")
    _tab_to(page, page.get_by_label("À jeun"))
    page.keyboard.press("Space")
    _tab_to(page, page.get_by_role("button", name="Ajouter la mesure"))
    page.keyboard.press("Enter")

    expect(page.get_by_text("La mesure a été ajoutée.")).to_be_visible()
    measurement = Measurement.objects.get(person=camille.person)
    assert (measurement.value, measurement.context) == (Decimal("0.95"), "fasting")
