import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_the_landing_page_shows_the_dsfr_header_and_the_two_entry_points(page):
    page.goto("/")

    header = page.get_by_role("banner")
    expect(header).to_contain_text("République")
    expect(header).to_contain_text("française")
    expect(header).to_contain_text("Mon espace santé")
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="Activer Mon espace santé ou m'y opposer")).to_be_visible()
    expect(main.get_by_role("link", name="Se connecter à Mon espace santé")).to_be_visible()


@pytest.mark.parametrize(
    "link",
    [
        "Accessibilité : non conforme",
        "Mentions légales et CGU",
        "Protection des données personnelles",
        "Aide & Contact",
        "À propos",
    ],
)
def test_each_footer_link_opens_its_page(page, site, link):
    page.goto("/")
    footer = page.get_by_role("contentinfo")
    footer.get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url != site.url + "/"


def test_the_landing_page_fits_a_phone_screen(browser, site):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="fr-FR")
    phone = context.new_page()
    phone.goto(site.url + "/")
    width = phone.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 375
