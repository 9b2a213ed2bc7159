"""/espace/autorisations/ in a browser, on a phone and with the keyboard alone: block a
professional who accessed the space, then unblock them."""

import pytest
from playwright.sync_api import expect

from ens.access.services import access_record
from tests.factories import UserFactory
from tests.personas import _patient

from .conftest import ARTIFACTS
from .helpers import log_in

pytestmark = pytest.mark.e2e


def _focus(page, name: str) -> None:
    """Tab until the link or button named `name` has the focus."""
    for _ in range(60):
        page.keyboard.press("Tab")
        if name in (page.evaluate("document.activeElement.innerText") or ""):
            return
    raise AssertionError(f"{name!r} never got the focus")


def test_a_patient_blocks_and_unblocks_a_professional_with_the_keyboard(page, site):
    page.set_viewport_size({"width": 375, "height": 812})
    camille = _patient("camille.durand", first_name="Camille", last_name="Durand", sex="F")
    claire = UserFactory(
        pro=True, professional__first_name="Claire", professional__last_name="Martin"
    )
    access_record(person=camille.person, actor=claire, action="read", resource="Synthèse")
    log_in(page, camille, site.url)

    page.goto("/espace/autorisations/")
    expect(
        page.get_by_role("heading", name="Dr Claire Martin, médecin généraliste")
    ).to_be_visible()
    page.screenshot(path=ARTIFACTS / "authorisations_phone.png", full_page=True)

    _focus(page, "Bloquer")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bloquer un professionnel")
    _focus(page, "Confirmer le blocage")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Dr Claire Martin, médecin généraliste est bloqué.")).to_be_visible()
    expect(page.get_by_text("Bloqué", exact=True)).to_be_visible()

    _focus(page, "Débloquer")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Débloquer un professionnel")
    _focus(page, "Confirmer le déblocage")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Dr Claire Martin, médecin généraliste est débloqué.")).to_be_visible()
