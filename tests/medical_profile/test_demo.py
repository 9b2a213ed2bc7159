"""Camille's demo profile: every section filled, through the services, once."""

import pytest

from ens.medical_profile.demo import demo_medical_profile_ensure
from ens.medical_profile.models import Condition, TreatingDoctor
from ens.medical_profile.sections import SECTIONS
from tests.factories import ProfessionalFactory
from tests.space.people import patient

pytestmark = pytest.mark.django_db


def test_the_demo_fills_every_section_once(camille):
    claire = ProfessionalFactory(first_name="Claire", last_name="Martin")

    first = demo_medical_profile_ensure(camille=camille.person, claire=claire)
    again = demo_medical_profile_ensure(camille=camille.person, claire=claire)

    assert first > 0 and again == 0
    for section in SECTIONS:
        assert section.model.objects.filter(person=camille.person).exists(), section.slug
    assert TreatingDoctor.objects.get(person=camille.person).professional == claire
    assert Condition.objects.filter(person=camille.person).count() == 2


def test_the_demo_person_opens_her_home_directly_at_login(client):
    """Camille's space is a full one (design §7): no first-visit questions for her."""
    camille = patient(first_visit_done=False)
    claire = ProfessionalFactory(first_name="Claire", last_name="Martin")
    demo_medical_profile_ensure(camille=camille.person, claire=claire)
    client.force_login(camille)

    response = client.get("/espace/")

    assert response.status_code == 200
    assert "Bonjour" in response.content.decode()
