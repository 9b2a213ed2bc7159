"""factory_boy factories with a French Faker; NIRs and RPPS numbers are always valid.

Usage: `InsuredPersonFactory()` (with a carte Vitale), `InsuredPersonFactory(without_email=True)`,
`InsuredPersonFactory(child=True)` (a minor, no contact), `UserFactory(patient=True)`,
`UserFactory(pro=True)` (a health professional; `professional` is the model's field),
`UserFactory(staff=True)`. Every account has the password `PASSWORD`.
"""

import factory
from django.utils import timezone

from ens.activation.models import HealthSpace, SpaceState
from ens.professionals.models import Professional
from ens.professionals.rpps import make_rpps
from ens.registry.demo import make_nir
from ens.registry.models import CarteVitale, InsuredPerson, ParentLink, Sex

PASSWORD = "Test-Password-2026!"

factory.Faker._DEFAULT_LOCALE = "fr_FR"


class InsuredPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InsuredPerson
        skip_postgeneration_save = True

    class Params:
        without_email = factory.Trait(email="")
        without_mobile = factory.Trait(mobile="")
        # A minor child: no contact of their own (a parent's are used).
        child = factory.Trait(
            birth_date=factory.Faker("date_of_birth", minimum_age=1, maximum_age=15),
            email="",
            mobile="",
        )

    sex = factory.Iterator([Sex.FEMALE, Sex.MALE])
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=90)
    first_name = factory.Maybe(
        factory.LazyAttribute(lambda o: o.sex == Sex.FEMALE),
        yes_declaration=factory.Faker("first_name_female"),
        no_declaration=factory.Faker("first_name_male"),
    )
    last_name = factory.Faker("last_name")
    # The sequence makes the birth place and order unique, so NIRs never collide.
    nir = factory.LazyAttributeSequence(
        lambda o, n: make_nir(
            sex=o.sex,
            birth_date=o.birth_date,
            birth_place=f"76{100 + n // 999 % 900:03d}",
            order=n % 999 + 1,
        )
    )
    email = factory.LazyAttributeSequence(lambda o, n: f"assure{n}@example.com")
    mobile = factory.Sequence(lambda n: f"+336{n % 10**8:08d}")
    address = factory.Faker("street_address")
    postal_code = "76000"
    city = "Rouen"
    # Every person of the registry has a carte Vitale (a child under 16: a parent's).
    carte_vitale = factory.RelatedFactory(
        "tests.factories.CarteVitaleFactory", factory_related_name="person"
    )


class CarteVitaleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CarteVitale

    person = factory.SubFactory(InsuredPersonFactory)
    serial = factory.Sequence(lambda n: f"{1_000_000_000 + n}")
    has_photo = True


class ParentLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParentLink

    child = factory.SubFactory(InsuredPersonFactory, child=True)
    parent = factory.SubFactory(InsuredPersonFactory)


class HealthSpaceFactory(factory.django.DjangoModelFactory):
    """A space in a given state; for the history, use activation.services.space_transition."""

    class Meta:
        model = HealthSpace

    person = factory.SubFactory(InsuredPersonFactory)
    state = SpaceState.ACTIVE
    state_changed_at = factory.LazyFunction(timezone.now)
    notified_at = None
    auto_creation_due_at = None


class ProfessionalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Professional

    rpps = factory.Sequence(lambda n: make_rpps(f"19{n:08d}"))
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    profession = "Médecin"
    specialty = "Médecine générale"
    place_of_practice = factory.Faker("street_address")
    email = factory.LazyAttributeSequence(lambda o, n: f"pro{n}@example.org")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.User"

    class Params:
        patient = factory.Trait(
            person=factory.SubFactory(InsuredPersonFactory),
            first_name=factory.SelfAttribute("person.first_name"),
            last_name=factory.SelfAttribute("person.last_name"),
            email=factory.SelfAttribute("person.email"),
            mobile=factory.SelfAttribute("person.mobile"),
        )
        pro = factory.Trait(
            professional=factory.SubFactory(ProfessionalFactory),
            first_name=factory.SelfAttribute("professional.first_name"),
            last_name=factory.SelfAttribute("professional.last_name"),
            email=factory.SelfAttribute("professional.email"),
        )
        staff = factory.Trait(is_staff=True)

    username = factory.Sequence(lambda n: f"utilisateur.{n:04d}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"utilisateur{n}@example.com")
    password = factory.django.Password(PASSWORD)
