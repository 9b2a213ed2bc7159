import pytest
from playwright.sync_api import expect

from ens.notifications.services import notification_send

pytestmark = pytest.mark.e2e


def test_the_demo_outbox_shows_the_codes_and_filters_by_recipient(page):
    notification_send(
        channel="email",
        to="christian@example.fr",
        template="provisional_code",
        context={"code": "rbYygUY9fYHs", "first_name": "Christian", "valid_minutes": 15},
    )
    notification_send(
        channel="sms",
        to="+33698765432",
        template="login_code",
        context={"code": "034567", "valid_minutes": 15},
    )

    page.goto("/demo/boite/")
    main = page.get_by_role("main")
    expect(main).to_contain_text("n'existe pas en production")
    expect(
        main.get_by_role("heading", name="Votre code provisoire Mon espace santé")
    ).to_be_visible()
    expect(main).to_contain_text("034567")

    page.get_by_label("Destinataire").fill("christian@example.fr")
    page.get_by_role("button", name="Filtrer").click()

    expect(main.get_by_role("heading", level=2)).to_have_text("1 message pour christian@example.fr")
    expect(main).to_contain_text("rbYygUY9fYHs")
    expect(main).not_to_contain_text("034567")
