"""A professional and a patient in two browsers at once: Dr Claire Martin finds Camille,
opens her file and writes to her; Camille sees the unread badge, answers; the doctor reloads
the conversation and reads the answer; Camille finds the doctor's access in her history.

Both contexts get the same checks as the `page` fixture: axe-core (WCAG 2.1 A/AA) on every
page loaded and on the last page, and no error in the browser console.
"""

import re
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from ens.medical_profile.services import medical_profile_first_visit_done
from ens.professionals.matrix import default_rules
from ens.professionals.models import HabilitationRule
from ens.registry.nir import format_nir
from tests.factories import UserFactory
from tests.personas import _patient

from .conftest import ARTIFACTS, AXE_ON_LOAD, AXE_OPTIONS, AXE_SOURCE, _summarise
from .helpers import log_in

pytestmark = pytest.mark.e2e


@contextmanager
def checked_page(browser, base_url, user, problems: dict):
    """A page in its own browser context, logged in as `user`, checked like the `page`
    fixture; what axe-core or the console report goes into `problems`."""
    context = browser.new_context(locale="fr-FR", base_url=base_url)
    context.set_default_timeout(10_000)
    violations: dict[str, list[str]] = {}
    console_errors: list[str] = []

    def report_axe(_source, path, found):
        if found:
            violations.setdefault(path, []).extend(_summarise(found))

    context.expose_binding("__ensReportAxe", report_axe)
    context.add_init_script(AXE_SOURCE + AXE_ON_LOAD)
    log_in(context, user, base_url)
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))
    page.on("pageerror", lambda exc: console_errors.append(str(exc)))
    try:
        yield page
        if page.url.startswith("http"):
            page.wait_for_function("document.documentElement.hasAttribute('data-fr-js')")
            page.wait_for_timeout(300)
            last = page.evaluate(
                "(opts) => axe.run(document, opts).then(r => r.violations)", AXE_OPTIONS
            )
            if last:
                violations[page.url] = _summarise(last)
    finally:
        context.close()
        if violations:
            problems[f"{user.username}: accessibility violations (WCAG 2.1 A/AA)"] = violations
        if console_errors:
            problems[f"{user.username}: errors in the browser console"] = console_errors


def _screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_function("document.documentElement.hasAttribute('data-fr-js')")
    page.wait_for_timeout(300)
    page.screenshot(path=ARTIFACTS / name, full_page=True)


def test_a_professional_and_a_patient_write_to_each_other_at_the_same_time(browser, site):
    # Browser tests flush the database: the data migration's matrix is put back.
    HabilitationRule.objects.bulk_create(default_rules(HabilitationRule), ignore_conflicts=True)
    camille = _patient("camille.durand", first_name="Camille", last_name="Durand", sex="F")
    medical_profile_first_visit_done(person=camille.person)
    claire = UserFactory(
        pro=True,
        username="claire.martin",
        professional__first_name="Claire",
        professional__last_name="Martin",
    )
    assert claire.professional.specialty == "Médecine générale"
    person = camille.person
    birth = person.birth_date.strftime("%d/%m/%Y")
    subject = "Résultats de votre bilan"
    answer = "Merci docteur, bonne journée."
    problems: dict = {}

    with (
        checked_page(browser, site.url, claire, problems) as pro,
        checked_page(browser, site.url, camille, problems) as patient,
    ):
        # The patient is on her home: nothing unread yet.
        patient.goto("/espace/")
        nav = patient.get_by_role("navigation", name="Menu principal")
        expect(nav.get_by_role("link", name="Messagerie", exact=True)).to_be_visible()

        # The professional finds her and opens her file.
        pro.goto("/pro/")
        pro.get_by_label("Numéro de sécurité sociale (NIR) du patient").fill(format_nir(person.nir))
        pro.get_by_label("Date de naissance du patient").fill(birth)
        pro.get_by_role("button", name="Rechercher le patient").click()
        expect(pro.get_by_role("heading", level=1)).to_have_text("Camille Durand")

        # ... and writes to her.
        pro.get_by_role("link", name="Messagerie", exact=True).click()
        pro.get_by_role("link", name="Écrire à un patient").click()
        pro.get_by_label("Numéro de sécurité sociale (NIR) du patient").fill(person.nir)
        pro.get_by_label("Date de naissance du patient").fill(birth)
        pro.get_by_label("Objet").fill(subject)
        pro.get_by_label("Message").fill("Bonjour,\nVos résultats sont normaux.")
        pro.get_by_role("button", name="Envoyer le message").click()
        expect(pro.get_by_text("Votre message a été envoyé au patient.")).to_be_visible()
        pro.goto("/pro/messagerie/")
        pro.get_by_role("link", name=re.compile(subject)).click()
        expect(pro.get_by_role("heading", level=1)).to_have_text(subject)
        expect(pro.get_by_text(answer)).to_have_count(0)

        # Meanwhile the patient's home shows the unread badge.
        patient.reload()
        expect(nav.get_by_role("link", name=re.compile(r"Messagerie\s*1"))).to_be_visible()
        nav.get_by_role("link", name=re.compile("Messagerie")).click()
        patient.get_by_role("link", name=re.compile(subject)).click()
        expect(patient.get_by_role("heading", level=1)).to_have_text(subject)
        expect(patient.get_by_text("Vos résultats sont normaux.")).to_be_visible()
        patient.get_by_label("Votre réponse").fill(answer)
        patient.get_by_role("button", name="Envoyer la réponse").click()
        expect(patient.get_by_text("Votre réponse a été envoyée.")).to_be_visible()

        # The professional reloads the conversation and reads the answer.
        pro.reload()
        expect(pro.get_by_text(answer)).to_be_visible()
        _screenshot(pro, "two_contexts_pro.png")

        # The patient finds the professional's access in her history.
        patient.goto("/espace/historique/")
        expect(patient.get_by_role("heading", level=1)).to_have_text("Historique des accès")
        doctor = "Dr Claire Martin, médecin généraliste"
        entries = patient.get_by_role("main").get_by_role("listitem")
        # Her file opened (summary and documents), then the message written.
        for resource in ("Synthèse du profil médical", "Liste des documents"):
            expect(entries.filter(has_text=doctor).filter(has_text=resource)).to_have_count(1)
        written = entries.filter(has=patient.locator("strong", has_text=doctor)).filter(
            has_text="Ajout"
        )
        expect(written).to_have_count(1)
        _screenshot(patient, "two_contexts_patient.png")

    assert not problems, problems
