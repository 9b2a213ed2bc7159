"""The activation pages through the test client (seeds 001 and 003, issue 4)."""

import re
from datetime import datetime
from html import unescape

import pytest
from django.utils import timezone

from ens.activation.models import HealthSpace, ProvisionalCode, SpaceEvent, SpaceState
from ens.activation.services import space_oppose, space_transition
from ens.notifications.models import Notification
from ens.notifications.selectors import latest_outbox_message
from tests.activation.people import (
    CHRISTIAN_EMAIL,
    CHRISTIAN_MOBILE,
    CHRISTIAN_NIR,
    CHRISTIAN_SERIAL,
    LEA_SERIAL,
    christian,
    code_for,
    code_in,
    lea,
    stranger,
    valid_nir,
)

pytestmark = pytest.mark.django_db

GENERIC = "Les informations saisies ne permettent pas de vous identifier."
CHRISTIAN_PROOF = {
    "nir": CHRISTIAN_NIR,
    "birth_date": "14/12/1984",
    "vitale_type": "avec-photo",
    "vitale_serial": CHRISTIAN_SERIAL,
}
LEA_PROOF = {
    "nir": CHRISTIAN_NIR,
    "birth_date": "03/05/2015",
    "vitale_type": "sans-photo",
    "vitale_serial": LEA_SERIAL,
}
IDENTIFIED_ONLY = [
    "/activation/decision/",
    "/activation/decision/opposition/",
    "/activation/decision/opposition/prise-en-compte/",
    "/activation/decision/opposition/justificatif/abc/",
    "/activation/decision/profil-active/",
    "/activation/profils/",
    "/activation/je-m-identifie/carte-vitale/",
    "/activation/nouveau-code/saisie/",
]


def html(response) -> str:
    """The page's text with entities decoded, so assertions read like the page."""
    return unescape(response.content.decode())


def main_of(response) -> str:
    """The main content of a page, without its per-request CSRF token."""
    page = html(response)
    main = page[page.index("<main") : page.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)


def identify(client, code: str, *, nir=CHRISTIAN_NIR, serial=CHRISTIAN_SERIAL, photo=True):
    """Je m'identifie: code and NIR, then the carte Vitale."""
    client.post("/activation/je-m-identifie/", {"code": code, "nir": nir})
    vitale_type = "avec-photo" if photo else "sans-photo"
    return client.post(
        "/activation/je-m-identifie/carte-vitale/",
        {"vitale_type": vitale_type, "vitale_serial": serial},
    )


def identified(client, person=None):
    person = person or christian()
    _record, code = code_for(person)
    identify(client, code)
    return person


def opposed(client):
    person = identified(client)
    client.post("/activation/decision/", {"decision": "oppose"})
    client.post("/activation/decision/opposition/", {"confirm": "on"})
    return person


# --- Start and the code pages ---------------------------------------------------------------


def test_the_start_page_says_what_i_need_and_where_to_go(client):
    page = html(client.get("/activation/"))

    assert "Pour l'activer ou m'y opposer j'ai besoin d'avoir" in page
    assert "Ma carte Vitale" in page
    assert 'href="/activation/je-m-identifie/">Commencer' in page
    assert 'href="/activation/nouveau-code/">Générer un nouveau code provisoire' in page
    assert 'href="/connexion/">Me connecter' in page


def test_the_used_code_page_offers_a_new_code(client):
    page = html(client.get("/activation/code-utilise/"))

    assert "Votre code provisoire a déjà été utilisé" in page
    assert 'href="/activation/nouveau-code/">Générer un nouveau code' in page


def test_the_expired_code_page_offers_a_new_code(client):
    page = html(client.get("/activation/code-expire/"))

    assert "Votre code provisoire a expiré" in page
    assert 'href="/activation/nouveau-code/">Générer un nouveau code' in page


@pytest.mark.parametrize("path", IDENTIFIED_ONLY)
def test_a_stranger_without_identification_is_sent_back_to_the_start(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.url == "/activation/"


def test_a_stranger_cannot_choose_where_a_code_goes(client):
    response = client.post("/activation/nouveau-code/envoi/", {"channel": "email"})

    assert response.url == "/activation/nouveau-code/"
    assert not Notification.objects.exists()


# --- New provisional code -------------------------------------------------------------------


def test_a_proven_identity_is_offered_its_contacts_masked(client):
    christian()

    response = client.post("/activation/nouveau-code/", CHRISTIAN_PROOF, follow=True)

    page = html(response)
    assert "Par e-mail : c*****@example.fr" in page
    assert "Par SMS : +33 7 ** ** ** 78" in page
    assert CHRISTIAN_EMAIL not in page


def test_the_code_chosen_by_email_identifies_me_and_opens_the_decision(client):
    christian()
    client.post("/activation/nouveau-code/", CHRISTIAN_PROOF)
    response = client.post("/activation/nouveau-code/envoi/", {"channel": "email"}, follow=True)
    assert "Un nouveau code provisoire a été envoyé à c*****@example.fr" in html(response)
    code = code_in(latest_outbox_message(CHRISTIAN_EMAIL).body_text)

    response = client.post("/activation/nouveau-code/saisie/", {"code": f"  {code} "})

    assert response.url == "/activation/decision/"
    assert ProvisionalCode.objects.get().used_at is not None


def test_the_code_can_go_by_sms(client):
    christian()
    client.post("/activation/nouveau-code/", CHRISTIAN_PROOF)

    client.post("/activation/nouveau-code/envoi/", {"channel": "sms"})

    assert latest_outbox_message(CHRISTIAN_MOBILE).channel == "sms"


@pytest.mark.parametrize(
    "change",
    [
        {"nir": valid_nir("1841276451090")},  # nobody's NIR
        {"birth_date": "15/12/1984"},
        {"vitale_type": "sans-photo"},
        {"vitale_serial": "8025000003"},
    ],
    ids=["unknown-nir", "birth-date", "card-type", "serial"],
)
def test_every_mismatch_gets_the_same_generic_answer(client, change):
    christian()

    response = client.post("/activation/nouveau-code/", {**CHRISTIAN_PROOF, **change})

    assert response.status_code == 200
    assert GENERIC in html(response)
    assert "activation_proof" not in client.session


def test_a_person_without_contact_is_told_to_update_them_on_ameli(client):
    christian(email="", mobile="")

    response = client.post("/activation/nouveau-code/", CHRISTIAN_PROOF, follow=True)

    page = html(response)
    assert "Aucune coordonnée de contact n'est connue" in page
    assert "ameli.fr" in page
    assert "<form" not in page.split('id="content"')[1].split("</main>")[0]


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("birth_date", "31/02/1984", "Saisissez une date de naissance valide au format JJ/MM/AAAA"),
        ("birth_date", "01/01/2999", "La date de naissance doit être une date passée"),
        ("vitale_serial", "80250A0002", "ne contient que des chiffres"),
        ("vitale_type", "", "Indiquez si votre carte Vitale a une photo."),
    ],
)
def test_a_field_of_the_wrong_shape_gets_a_french_message(client, field, typed, message):
    response = client.post("/activation/nouveau-code/", {**CHRISTIAN_PROOF, field: typed})

    page = html(response)
    assert message in page
    assert "fr-input-group--error" in page or "fr-fieldset--error" in page


def test_a_wrong_nir_gets_a_french_message_and_keeps_what_was_typed(client):
    response = client.post(
        "/activation/nouveau-code/", {**CHRISTIAN_PROOF, "nir": "1 84 12 76 451 089 47"}
    )

    page = html(response)
    assert 'value="1 84 12 76 451 089 47"' in page
    assert 'value="14/12/1984"' in page
    assert 'aria-invalid="true"' in page
    assert "clé" in page


def test_a_childs_code_is_asked_with_the_parents_nir_and_sent_to_the_parent(client):
    parent = christian()
    child = lea(parent)

    client.post("/activation/nouveau-code/", LEA_PROOF)
    client.post("/activation/nouveau-code/envoi/", {"channel": "email"})

    assert ProvisionalCode.objects.get().person == child
    assert latest_outbox_message(CHRISTIAN_EMAIL) is not None


def test_a_replayed_channel_choice_sends_no_second_code(client):
    christian()
    client.post("/activation/nouveau-code/", CHRISTIAN_PROOF)
    client.post("/activation/nouveau-code/envoi/", {"channel": "email"})

    response = client.post("/activation/nouveau-code/envoi/", {"channel": "email"})

    assert response.url == "/activation/nouveau-code/"
    assert Notification.objects.count() == 1


def test_a_double_submission_of_the_proof_sends_one_code(client):
    christian()
    client.post("/activation/nouveau-code/", CHRISTIAN_PROOF)
    client.post("/activation/nouveau-code/", CHRISTIAN_PROOF)

    client.post("/activation/nouveau-code/envoi/", {"channel": "email"})
    client.post("/activation/nouveau-code/", CHRISTIAN_PROOF)
    client.post("/activation/nouveau-code/envoi/", {"channel": "email"})

    assert Notification.objects.count() == 1


def test_code_requests_are_limited_per_nir(client):
    christian()
    for _ in range(5):
        client.post("/activation/nouveau-code/", {**CHRISTIAN_PROOF, "vitale_serial": "1111111111"})

    response = client.post("/activation/nouveau-code/", CHRISTIAN_PROOF)

    assert response.status_code == 429
    assert "Trop de tentatives. Réessayez dans 15 minutes." in html(response)
    assert "activation_proof" not in client.session


def test_code_requests_are_limited_per_client_address(client):
    for n in range(30):
        client.post(
            "/activation/nouveau-code/",
            {**CHRISTIAN_PROOF, "nir": valid_nir(f"18412764{51001 + n}")},
        )

    response = client.post("/activation/nouveau-code/", CHRISTIAN_PROOF)

    assert response.status_code == 429


def test_a_wrong_code_at_entry_gets_a_message_next_to_the_field(client):
    christian()
    client.post("/activation/nouveau-code/", CHRISTIAN_PROOF)
    client.post("/activation/nouveau-code/envoi/", {"channel": "email"})

    response = client.post("/activation/nouveau-code/saisie/", {"code": "AAAAAAAAAAAA"})

    assert "Ce code provisoire est incorrect." in html(response)
    assert 'id="id_code-desc-error"' in html(response)


# --- Je m'identifie ---------------------------------------------------------------------------


def test_a_code_and_nir_then_the_card_lead_to_the_decision(client):
    person = christian()
    _record, code = code_for(person)

    response = client.post("/activation/je-m-identifie/", {"code": code, "nir": CHRISTIAN_NIR})
    assert response.url == "/activation/je-m-identifie/carte-vitale/"
    response = client.post(
        "/activation/je-m-identifie/carte-vitale/",
        {"vitale_type": "avec-photo", "vitale_serial": "80250 00002"},
    )

    assert response.url == "/activation/decision/"
    assert client.session["activation"]["person_id"] == person.pk


def test_a_wrong_code_gets_the_same_answer_whether_the_nir_exists_or_not(client):
    christian()
    unknown = "1 84 12 76 451 090 45"
    assert valid_nir("1841276451090") == unknown.replace(" ", "")

    known = client.post(
        "/activation/je-m-identifie/", {"code": "AAAAAAAAAAAA", "nir": CHRISTIAN_NIR}
    )
    other = client.post("/activation/je-m-identifie/", {"code": "AAAAAAAAAAAA", "nir": unknown})

    assert "Le code provisoire ou le numéro de sécurité sociale est incorrect." in html(known)
    assert known.status_code == other.status_code == 200
    assert main_of(known).replace(CHRISTIAN_NIR, unknown) == main_of(other)


def test_a_code_of_another_person_does_not_work(client):
    christian()
    _record, code = code_for(stranger())

    response = client.post("/activation/je-m-identifie/", {"code": code, "nir": CHRISTIAN_NIR})

    assert response.status_code == 200
    assert "activation_pending" not in client.session


def test_a_code_of_the_wrong_shape_gets_a_french_message(client):
    response = client.post("/activation/je-m-identifie/", {"code": "abc", "nir": CHRISTIAN_NIR})

    assert "Le code provisoire est composé de 12 caractères" in html(response)
    assert 'value="abc"' in html(response)


def test_a_used_code_leads_to_its_own_page(client):
    person = christian()
    _record, code = code_for(person)
    identify(client, code)
    client.session.flush()

    response = client.post("/activation/je-m-identifie/", {"code": code, "nir": CHRISTIAN_NIR})

    assert response.url == "/activation/code-utilise/"


def test_an_expired_code_leads_to_its_own_page(client):
    _record, code = code_for(christian(), expired=True)

    response = client.post("/activation/je-m-identifie/", {"code": code, "nir": CHRISTIAN_NIR})

    assert response.url == "/activation/code-expire/"


def test_a_wrong_card_is_refused_and_leaves_the_code_unused(client):
    _record, code = code_for(christian())

    response = identify(client, code, serial="8025000009")

    assert "Le type ou le numéro de série de carte Vitale ne correspond pas." in html(response)
    assert ProvisionalCode.objects.get().used_at is None
    assert "activation" not in client.session


def test_identification_attempts_are_limited_per_nir(client):
    _record, code = code_for(christian())
    for _ in range(5):
        client.post("/activation/je-m-identifie/", {"code": "AAAAAAAAAAAA", "nir": CHRISTIAN_NIR})

    response = client.post("/activation/je-m-identifie/", {"code": code, "nir": CHRISTIAN_NIR})

    assert response.status_code == 429
    assert "Trop de tentatives. Réessayez dans 15 minutes." in html(response)


def test_wrong_cards_count_towards_the_limit(client):
    _record, code = code_for(christian())
    for _ in range(5):
        identify(client, code, serial="8025000009")

    response = identify(client, code)

    assert response.status_code == 429
    assert ProvisionalCode.objects.get().used_at is None


# --- Decision ---------------------------------------------------------------------------------


def test_the_decision_offers_to_activate_or_oppose_with_the_cgu(client):
    identified(client)

    page = html(client.get("/activation/decision/"))

    assert "J'active Mon espace santé" in page
    assert "Je m'oppose à la création de Mon espace santé" in page
    assert '<a href="/mentions-legales/#cgu">Conditions Générales d' in page
    assert 'href="/donnees-personnelles/">Politique de protection des données' in page


def test_activating_requires_the_cgu(client):
    identified(client)

    response = client.post("/activation/decision/", {"decision": "activate"})

    assert response.status_code == 200
    assert "acceptez les Conditions Générales d'Utilisation" in html(response)


def test_a_decision_must_be_chosen(client):
    identified(client)

    response = client.post("/activation/decision/", {})

    assert "Choisissez d'activer Mon espace santé ou de vous y opposer." in html(response)


def test_activating_hands_over_to_the_contact_check(client):
    person = identified(client)

    response = client.post("/activation/decision/", {"decision": "activate", "cgu": "on"})

    assert response.url == "/activation/coordonnees/"
    handover = client.session["activation"]
    assert handover["person_id"] == person.pk
    assert handover["decision"] == "activate"
    assert datetime.fromisoformat(handover["cgu_accepted_at"]) <= timezone.now()
    assert datetime.fromisoformat(handover["identified_at"]) <= timezone.now()
    assert not HealthSpace.objects.exists()


def test_opposing_asks_for_a_second_confirmation_first(client):
    identified(client)

    response = client.post("/activation/decision/", {"decision": "oppose"}, follow=True)

    assert "Je valide l'opposition à la création de Mon espace santé" in html(response)
    assert not HealthSpace.objects.exists()


def test_the_confirmation_must_be_ticked(client):
    identified(client)
    client.post("/activation/decision/", {"decision": "oppose"})

    response = client.post("/activation/decision/opposition/", {})

    assert "Cochez la case pour valider l'opposition" in html(response)
    assert not HealthSpace.objects.exists()


def test_the_opposition_page_cannot_be_reached_without_choosing_to_oppose(client):
    identified(client)

    response = client.post("/activation/decision/opposition/", {"confirm": "on"})

    assert response.url == "/activation/decision/"
    assert not HealthSpace.objects.exists()


def test_a_confirmed_opposition_is_recorded_and_acknowledged(client):
    opposed(client)

    page = html(client.get("/activation/decision/opposition/prise-en-compte/"))

    assert HealthSpace.objects.get().state == SpaceState.OPPOSED
    assert SpaceEvent.objects.get().actor == "assuré"
    assert "Ma décision a bien été prise en compte" in page
    assert "Télécharger le justificatif (format .pdf)" in page


def test_a_replayed_confirmation_keeps_one_opposition(client):
    opposed(client)

    client.post("/activation/decision/opposition/", {"confirm": "on"})

    assert SpaceEvent.objects.count() == 1


def test_the_receipt_is_downloaded_once_from_the_confirmation_page(client):
    opposed(client)
    token = client.session["activation"]["receipt"]["token"]
    url = f"/activation/decision/opposition/justificatif/{token}/"
    assert url in html(client.get("/activation/decision/opposition/prise-en-compte/"))

    first = client.get(url)
    second = client.get(url)

    assert first["Content-Type"] == "application/pdf"
    assert first.content.startswith(b"%PDF-")
    assert second.status_code == 410
    page = html(client.get("/activation/decision/opposition/prise-en-compte/"))
    assert "Télécharger le justificatif" not in page


def test_a_guessed_receipt_token_gets_nothing(client):
    opposed(client)

    response = client.get("/activation/decision/opposition/justificatif/guessed/")

    assert response.status_code == 410


def test_a_person_who_opposed_sees_the_date_and_may_activate(client):
    person = christian()
    space_oppose(person=person, actor="assuré")
    identified(client, person)

    page = html(client.get("/activation/decision/"))

    today = timezone.localdate().strftime("%d/%m/%Y")
    assert f"Vous vous êtes opposé à la création de Mon espace santé le {today}." in page
    assert "J'active Mon espace santé" in page
    assert "Je m'oppose" not in page


def test_a_person_whose_space_is_active_is_sent_to_log_in(client):
    person = christian()
    space_transition(person=person, to_state="active", actor="assuré")
    identified(client, person)

    response = client.post("/activation/decision/", {"decision": "oppose"})

    assert "Mon espace santé est déjà activé." in html(response)
    assert HealthSpace.objects.get().state == SpaceState.ACTIVE


def test_an_identification_expires(client, settings):
    identified(client)
    session = client.session
    session["activation"]["identified_at"] = "2020-01-01T00:00:00+00:00"
    session.save()

    assert client.get("/activation/decision/").url == "/activation/"


# --- Other profiles ---------------------------------------------------------------------------


def test_after_opposing_the_children_are_offered_to_manage(client):
    parent = christian()
    lea(parent)
    identified(client, parent)
    client.post("/activation/decision/", {"decision": "oppose"})
    client.post("/activation/decision/opposition/", {"confirm": "on"})

    page = html(client.get("/activation/decision/opposition/prise-en-compte/"))

    assert "Vous pouvez également gérer les profils ci-dessous." in page
    assert "Léa DUPONT — en attente de décision" in page
    assert "Gérer le profil" in page


def test_a_parent_activates_a_childs_profile_without_credentials(client):
    parent = christian()
    child = lea(parent)
    identified(client, parent)

    client.post("/activation/profils/", {"profile": child.pk})
    page = html(client.get("/activation/decision/"))
    response = client.post("/activation/decision/", {"decision": "activate", "cgu": "on"})

    assert "Je gère le profil de Léa DUPONT, né(e) le 03/05/2015." in page
    assert response.url == "/activation/decision/profil-active/"
    space = HealthSpace.objects.get(person=child)
    assert space.state == SpaceState.ACTIVE
    assert space.events.get().actor == f"parent:{parent.nir}"
    assert "Le profil de Léa a bien été activé !" in html(client.get(response.url))


def test_a_parent_opposes_for_a_child(client):
    parent = christian()
    child = lea(parent)
    identified(client, parent)

    client.post("/activation/profils/", {"profile": child.pk})
    client.post("/activation/decision/", {"decision": "oppose"})
    client.post("/activation/decision/opposition/", {"confirm": "on"})

    assert HealthSpace.objects.get(person=child).state == SpaceState.OPPOSED
    assert not HealthSpace.objects.filter(person=parent).exists()


def test_a_profile_one_does_not_represent_cannot_be_chosen(client):
    identified(client)
    other = stranger()

    response = client.post("/activation/profils/", {"profile": other.pk})

    assert response.status_code == 200
    assert "subject_id" not in client.session["activation"]


def test_a_childs_code_with_the_parents_nir_and_her_card_manages_her_profile(client):
    parent = christian()
    child = lea(parent)
    _record, code = code_for(child)

    response = identify(client, code, serial=LEA_SERIAL, photo=False)
    client.post("/activation/decision/", {"decision": "activate", "cgu": "on"})

    assert response.url == "/activation/decision/"
    assert HealthSpace.objects.get(person=child).state == SpaceState.ACTIVE
    assert not HealthSpace.objects.filter(person=parent).exists()


def test_an_unknown_nir_and_a_wrong_serial_get_the_very_same_page(client):
    christian()
    unknown = {**CHRISTIAN_PROOF, "nir": "1 84 12 76 451 090 45"}
    wrong_serial = {**CHRISTIAN_PROOF, "vitale_serial": "8025000003"}

    first = client.post("/activation/nouveau-code/", unknown)
    second = client.post("/activation/nouveau-code/", wrong_serial)

    assert first.status_code == second.status_code == 200
    assert main_of(first).replace("1 84 12 76 451 090 45", CHRISTIAN_NIR).replace(
        "8025000002", "8025000003"
    ) == main_of(second)
