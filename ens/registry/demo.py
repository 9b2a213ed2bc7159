"""The demo population: a realistic French registry, a directory of professionals, and the
three fixed people of design §7 (Christian Dupont and Léa, Camille Durand, Dr Claire Martin).

Generation is deterministic for a seed and a reference day: the same `--seed` on the same
day gives the same people (ages are computed from that day so that children stay minors).
Pure functions (`make_nir`, `generate_population`, ...) build plain records; the `demo_*`
functions write them, in bulk.

Choices a reader should know:
- Places are real communes (name, postal code, INSEE code) from a small table below, so the
  postal code always matches the city and the NIR's place of birth is a real commune code.
  Seine-Maritime (76) gets a large share so a notification wave on 76 reaches many people.
- People born in Corsica before 1976 carry "20" in their NIR, "2A"/"2B" after; people born
  abroad carry "99" + the INSEE country code.
- About 9 % of adults have no e-mail (seed 003) and about 12 % no mobile. Minor children have
  no contact of their own: codes for a child's profile go to a parent's contacts.
- A child under 16 has no carte Vitale of their own: they are on a parent's card, so the
  child's `CarteVitale` row stores that parent's serial and type. From 16 a child has their
  own card (with photo).
- Generated e-mail addresses use the reserved domains example.com/.org/.net only, so a demo
  can never write to a real mailbox.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from faker import Faker

from ens.professionals.models import Professional
from ens.professionals.rpps import DEMO_RPPS, make_rpps

from .models import CarteVitale, InsuredPerson, ParentLink, Sex
from .nir import nir_control_key

BATCH_SIZE = 2000


# --- Places -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Commune:
    name: str
    postal_code: str
    insee: str  # 5 characters: department + commune ("76451", "2A004", "97411")

    @property
    def department(self) -> str:
        return self.insee[:3] if self.insee.startswith("97") else self.insee[:2]


def _communes(*rows: tuple[str, str, str]) -> list[Commune]:
    return [Commune(name, postal, insee) for name, postal, insee in rows]


# department → (weight of residence, communes). Weights are per cent, roughly; 76 is
# deliberately over-represented for the notification waves of the demo.
DEPARTMENTS: dict[str, tuple[float, list[Commune]]] = {
    "76": (
        18,
        _communes(
            ("Rouen", "76000", "76540"),
            ("Le Havre", "76600", "76351"),
            ("Dieppe", "76200", "76217"),
            ("Fécamp", "76400", "76259"),
            ("Elbeuf", "76500", "76231"),
            ("Sotteville-lès-Rouen", "76300", "76681"),
            ("Saint-Étienne-du-Rouvray", "76800", "76575"),
            ("Mont-Saint-Aignan", "76130", "76451"),
            ("Le Grand-Quevilly", "76120", "76322"),
            ("Yvetot", "76190", "76758"),
            ("Bolbec", "76210", "76114"),
        ),
    ),
    "75": (
        9,
        [Commune("Paris", f"750{n:02d}", f"751{n:02d}") for n in range(1, 21)],
    ),
    "92": (
        3,
        _communes(
            ("Boulogne-Billancourt", "92100", "92012"),
            ("Nanterre", "92000", "92050"),
        ),
    ),
    "93": (
        3,
        _communes(("Saint-Denis", "93200", "93066"), ("Montreuil", "93100", "93048")),
    ),
    "94": (
        2.5,
        _communes(("Créteil", "94000", "94028"), ("Vitry-sur-Seine", "94400", "94081")),
    ),
    "78": (2.5, _communes(("Versailles", "78000", "78646"))),
    "95": (2, _communes(("Cergy", "95000", "95127"), ("Argenteuil", "95100", "95018"))),
    "77": (2, _communes(("Meaux", "77100", "77284"))),
    "13": (
        4,
        _communes(
            ("Marseille", "13001", "13201"),
            ("Marseille", "13008", "13208"),
            ("Aix-en-Provence", "13100", "13001"),
            ("Arles", "13200", "13004"),
        ),
    ),
    "69": (
        3.5,
        _communes(
            ("Lyon", "69003", "69383"),
            ("Villeurbanne", "69100", "69266"),
            ("Vénissieux", "69200", "69259"),
        ),
    ),
    "59": (
        4,
        _communes(
            ("Lille", "59000", "59350"),
            ("Roubaix", "59100", "59512"),
            ("Tourcoing", "59200", "59599"),
            ("Dunkerque", "59140", "59183"),
        ),
    ),
    "62": (2, _communes(("Calais", "62100", "62193"), ("Arras", "62000", "62041"))),
    "31": (2, _communes(("Toulouse", "31000", "31555"))),
    "33": (2.5, _communes(("Bordeaux", "33000", "33063"), ("Mérignac", "33700", "33281"))),
    "44": (2, _communes(("Nantes", "44000", "44109"), ("Saint-Nazaire", "44600", "44184"))),
    "67": (1.5, _communes(("Strasbourg", "67000", "67482"))),
    "34": (1.5, _communes(("Montpellier", "34000", "34172"))),
    "35": (1.5, _communes(("Rennes", "35000", "35238"))),
    "06": (
        1.5,
        _communes(
            ("Nice", "06000", "06088"), ("Cannes", "06400", "06029"), ("Antibes", "06600", "06004")
        ),
    ),
    "14": (2, _communes(("Caen", "14000", "14118"))),
    "27": (2, _communes(("Évreux", "27000", "27229"))),
    "80": (1.5, _communes(("Amiens", "80000", "80021"))),
    "38": (1.5, _communes(("Grenoble", "38000", "38185"))),
    "42": (1, _communes(("Saint-Étienne", "42000", "42218"))),
    "51": (1, _communes(("Reims", "51100", "51454"))),
    "21": (1, _communes(("Dijon", "21000", "21231"))),
    "37": (1, _communes(("Tours", "37000", "37261"))),
    "45": (1, _communes(("Orléans", "45000", "45234"))),
    "63": (1, _communes(("Clermont-Ferrand", "63000", "63113"))),
    "87": (0.5, _communes(("Limoges", "87000", "87085"))),
    "29": (1, _communes(("Brest", "29200", "29019"), ("Quimper", "29000", "29232"))),
    "57": (1, _communes(("Metz", "57000", "57463"))),
    "54": (1, _communes(("Nancy", "54000", "54395"))),
    "49": (1, _communes(("Angers", "49000", "49007"))),
    "72": (1, _communes(("Le Mans", "72000", "72181"))),
    "66": (0.5, _communes(("Perpignan", "66000", "66136"))),
    "30": (0.5, _communes(("Nîmes", "30000", "30189"))),
    "2A": (1.5, _communes(("Ajaccio", "20000", "2A004"), ("Porto-Vecchio", "20137", "2A247"))),
    "2B": (
        1.5,
        _communes(
            ("Bastia", "20200", "2B033"), ("Corte", "20250", "2B096"), ("Calvi", "20260", "2B050")
        ),
    ),
    "971": (0.5, _communes(("Pointe-à-Pitre", "97110", "97120"))),
    "972": (0.5, _communes(("Fort-de-France", "97200", "97209"))),
    "974": (1, _communes(("Saint-Denis", "97400", "97411"), ("Saint-Pierre", "97410", "97416"))),
}

# INSEE codes of countries of birth, used in the NIR of people born abroad ("99" + country).
COUNTRIES_OF_BIRTH = {
    "99350": "Maroc",
    "99352": "Algérie",
    "99351": "Tunisie",
    "99139": "Portugal",
    "99127": "Italie",
    "99134": "Espagne",
    "99109": "Allemagne",
    "99131": "Belgique",
    "99132": "Royaume-Uni",
    "99341": "Sénégal",
}

# Departments created in 1968 out of Seine and Seine-et-Oise: nobody was born there before.
_CREATED_1968 = {"91", "92", "93", "94", "95"}


# --- Pure rules ---------------------------------------------------------------------------


def make_nir(*, sex: str, birth_date: date, birth_place: str, order: int) -> str:
    """The 15-character NIR of a person: sex, year and month of birth, place, order, key.

    `birth_place` is the INSEE code of the commune of birth ("76451", "2A004", "97411") or
    "99" + the country code for people born abroad. Corsica was one department (20) until
    1976: people born there before carry "20", as on their real card.
    """
    if sex not in (Sex.MALE, Sex.FEMALE):
        raise ValueError(f"unknown sex {sex!r}")
    if len(birth_place) != 5 or not 1 <= order <= 999:
        raise ValueError(f"bad birth place {birth_place!r} or order {order}")
    place = birth_place.upper()
    if place[:2] in ("2A", "2B") and birth_date.year < 1976:
        place = "20" + place[2:]
    body = f"{1 if sex == Sex.MALE else 2}{birth_date:%y%m}{place}{order:03d}"
    return f"{body}{nir_control_key(body):02d}"


def age_on(birth_date: date, today: date) -> int:
    return (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )


def _ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "-" for c in plain.lower()).strip("-")


# --- Generation -------------------------------------------------------------------------------


@dataclass
class PersonRecord:
    nir: str
    birth_date: date
    last_name: str
    first_name: str
    sex: str
    email: str
    mobile: str
    address: str
    postal_code: str
    city: str
    card_serial: str
    card_has_photo: bool
    # Indexes, in the generated list, of the parents of a minor child.
    parents: list[int] = field(default_factory=list)


class _Generator:
    """Draws people from one seeded random source and one seeded Faker."""

    def __init__(self, *, seed: int, today: date, taken_nirs: set[str], taken_serials: set[str]):
        self.rng = random.Random(seed)
        self.fake = Faker("fr_FR")
        self.fake.seed_instance(seed)
        self.today = today
        self.taken_nirs = taken_nirs
        self.taken_serials = taken_serials
        self.departments = list(DEPARTMENTS)
        self.weights = [DEPARTMENTS[d][0] for d in self.departments]

    def commune(self, department: str | None = None) -> Commune:
        if department is None:
            department = self.rng.choices(self.departments, self.weights)[0]
        return self.rng.choice(DEPARTMENTS[department][1])

    def birth_place(self, birth_date: date, residence: Commune) -> str:
        draw = self.rng.random()
        if draw < 0.08:
            return self.rng.choice(list(COUNTRIES_OF_BIRTH))
        department = residence.department if draw < 0.70 else None
        commune = self.commune(department)
        if commune.department in _CREATED_1968 and birth_date.year < 1968:
            commune = self.commune("75")
        return commune.insee

    def nir(self, sex: str, birth_date: date, birth_place: str) -> str:
        while True:
            nir = make_nir(
                sex=sex,
                birth_date=birth_date,
                birth_place=birth_place,
                order=self.rng.randint(1, 999),
            )
            if nir not in self.taken_nirs:
                self.taken_nirs.add(nir)
                return nir

    def serial(self) -> str:
        while True:
            serial = str(self.rng.randint(10**9, 10**10 - 1))
            if serial not in self.taken_serials:
                self.taken_serials.add(serial)
                return serial

    def birth_date_between(self, oldest: date, youngest: date) -> date:
        return oldest + timedelta(days=self.rng.randint(0, (youngest - oldest).days))

    def adult_birth_date(self) -> date:
        # Rough French age pyramid of adults: fewer people after 75.
        age = self.rng.choices(
            [(18, 29), (30, 44), (45, 59), (60, 74), (75, 95)], [19, 25, 25, 21, 10]
        )[0]
        latest = self.today.replace(year=self.today.year - age[0]) - timedelta(days=1)
        earliest = self.today.replace(year=self.today.year - age[1] - 1) + timedelta(days=1)
        return self.birth_date_between(earliest, latest)

    def email(self, first_name: str, last_name: str) -> str:
        domain = self.rng.choice(["example.com", "example.org", "example.net"])
        suffix = self.rng.choice(["", "", str(self.rng.randint(1, 99))])
        return f"{_ascii_slug(first_name)}.{_ascii_slug(last_name)}{suffix}@{domain}"

    def mobile(self) -> str:
        return f"+33{self.rng.choice('67')}{self.rng.randint(0, 10**8 - 1):08d}"

    def adult(self, sex: str, residence: Commune, address: str, last_name: str) -> PersonRecord:
        birth_date = self.adult_birth_date()
        first_name = (
            self.fake.first_name_male() if sex == Sex.MALE else self.fake.first_name_female()
        )
        return PersonRecord(
            nir=self.nir(sex, birth_date, self.birth_place(birth_date, residence)),
            birth_date=birth_date,
            last_name=last_name,
            first_name=first_name,
            sex=sex,
            email="" if self.rng.random() < 0.09 else self.email(first_name, last_name),
            mobile="" if self.rng.random() < 0.12 else self.mobile(),
            address=address,
            postal_code=residence.postal_code,
            city=residence.name,
            card_serial=self.serial(),
            card_has_photo=self.rng.random() < 0.85,
        )

    def child(
        self, parents: list[int], people: list[PersonRecord], residence: Commune
    ) -> PersonRecord:
        first_parent = people[parents[0]]
        youngest_parent = max(people[i].birth_date for i in parents)
        # Born when the youngest parent was at least 18, and a minor today.
        earliest = max(
            youngest_parent.replace(year=youngest_parent.year + 18, day=1),
            self.today.replace(year=self.today.year - 18) + timedelta(days=1),
        )
        birth_date = self.birth_date_between(earliest, self.today - timedelta(days=30))
        sex = self.rng.choice([Sex.MALE, Sex.FEMALE])
        place = residence.insee if self.rng.random() < 0.9 else self.commune().insee
        if age_on(birth_date, self.today) >= 16:
            serial, photo = self.serial(), True
        else:
            serial, photo = first_parent.card_serial, first_parent.card_has_photo
        return PersonRecord(
            nir=self.nir(sex, birth_date, place),
            birth_date=birth_date,
            last_name=first_parent.last_name,
            first_name=(
                self.fake.first_name_male() if sex == Sex.MALE else self.fake.first_name_female()
            ),
            sex=sex,
            email="",
            mobile="",
            address=first_parent.address,
            postal_code=first_parent.postal_code,
            city=first_parent.city,
            card_serial=serial,
            card_has_photo=photo,
            parents=list(parents),
        )

    def household(self, people: list[PersonRecord], room: int) -> None:
        """Append one household (one or two adults, maybe minor children), at most `room`."""
        residence = self.commune()
        address = self.fake.street_address()
        last_name = self.fake.last_name()
        sex = self.rng.choice([Sex.MALE, Sex.FEMALE])
        first = self.adult(sex, residence, address, last_name)
        people.append(first)
        adults = [len(people) - 1]
        if room >= 2 and self.rng.random() < 0.45:
            partner_name = last_name if self.rng.random() < 0.6 else self.fake.last_name()
            other = Sex.FEMALE if sex == Sex.MALE else Sex.MALE
            people.append(self.adult(other, residence, address, partner_name))
            adults.append(len(people) - 1)
        youngest_age = min(age_on(people[i].birth_date, self.today) for i in adults)
        if 22 <= youngest_age <= 55:
            children = self.rng.choices([0, 1, 2, 3], [58, 18, 18, 6])[0]
            for _ in range(min(children, room - len(adults))):
                people.append(self.child(adults, people, residence))


def generate_population(
    *,
    size: int,
    seed: int,
    today: date,
    taken_nirs: set[str] | None = None,
    taken_serials: set[str] | None = None,
) -> list[PersonRecord]:
    """`size` people in households, deterministic for (`seed`, `today`), avoiding the NIRs and
    card serials already taken (the fixed people, a registry that already has people)."""
    generator = _Generator(
        seed=seed,
        today=today,
        taken_nirs=set(taken_nirs or ()) | {p["nir"] for p in FIXED_PEOPLE.values()},
        taken_serials=set(taken_serials or ()) | {p["card_serial"] for p in FIXED_PEOPLE.values()},
    )
    people: list[PersonRecord] = []
    while len(people) < size:
        generator.household(people, size - len(people))
    return people


# --- The fixed people of design §7 -----------------------------------------------------------

CAMILLE_USERNAME = "camille.durand"
CAMILLE_PASSWORD = "Demo-Patient-2026!"  # noqa: S105 (demo only, published in design §7)
CLAIRE_USERNAME = "claire.martin"
CLAIRE_PASSWORD = "Demo-Pro-2026!"  # noqa: S105 (demo only, published in design §7)
# The operator's back-office (/operateur/) needs a staff account to be tried at once.
OPERATOR_USERNAME = "operateur.demo"
OPERATOR_PASSWORD = "Demo-Operateur-2026!"  # noqa: S105 (demo only, published in the README)

FIXED_PEOPLE: dict[str, dict] = {
    "christian": {
        "nir": "184127645108946",
        "birth_date": date(1984, 12, 14),
        "last_name": "Dupont",
        "first_name": "Christian",
        "sex": Sex.MALE,
        "email": "christian@example.fr",
        "mobile": "+33712345678",
        "address": "12 rue des Tilleuls",
        "postal_code": "76130",
        "city": "Mont-Saint-Aignan",
        "card_serial": "8025000002",
        "card_has_photo": True,
    },
    "lea": {
        # Born in Rouen (76540) in May 2015; under 16, she is on her father's carte Vitale.
        "nir": make_nir(
            sex=Sex.FEMALE, birth_date=date(2015, 5, 3), birth_place="76540", order=127
        ),
        "birth_date": date(2015, 5, 3),
        "last_name": "Dupont",
        "first_name": "Léa",
        "sex": Sex.FEMALE,
        "email": "",
        "mobile": "",
        "address": "12 rue des Tilleuls",
        "postal_code": "76130",
        "city": "Mont-Saint-Aignan",
        "card_serial": "8025000002",
        "card_has_photo": True,
    },
    "camille": {
        "nir": "291037511203461",
        "birth_date": date(1991, 3, 21),
        "last_name": "Durand",
        "first_name": "Camille",
        "sex": Sex.FEMALE,
        "email": "camille.durand@example.fr",
        "mobile": "+33698765432",
        "address": "24 rue de Charenton",
        "postal_code": "75012",
        "city": "Paris",
        "card_serial": "8025000119",
        "card_has_photo": True,
    },
}

CLAIRE = {
    "rpps": DEMO_RPPS,
    "last_name": "Martin",
    "first_name": "Claire",
    "profession": "Médecin",
    "specialty": "Médecine générale",
    "place_of_practice": "Cabinet médical, 30 avenue Daumesnil, 75012 Paris",
    "email": "claire.martin@example.fr",
}


# --- The directory of professionals ---------------------------------------------------------

# (profession, specialty, share, kind of place) — the RPPS nomenclature: a profession and,
# for physicians, a specialty (savoir-faire).
DIRECTORY_KINDS = [
    ("Médecin", "Médecine générale", 14, "cabinet"),
    ("Médecin", "Pédiatrie", 5, "cabinet"),
    ("Médecin", "Cardiologie et maladies vasculaires", 4, "cabinet"),
    ("Médecin", "Médecine d'urgence", 5, "urgences"),
    ("Médecin", "Régulation médicale (SAMU)", 3, "samu"),
    ("Infirmier", "", 8, "cabinet"),
    ("Masseur-kinésithérapeute", "", 6, "cabinet"),
    ("Pharmacien", "", 6, "pharmacie"),
    ("Sage-femme", "", 4, "cabinet"),
    ("Chirurgien-dentiste", "", 5, "cabinet"),
]
DIRECTORY_SEED = 2021_1048  # fixed: the directory does not depend on --seed
HOSPITALS = {"76": "CHU de Rouen", "75": "Hôpital Saint-Antoine (AP-HP)", "14": "CHU de Caen"}


def generate_directory() -> list[dict]:
    """The professionals of the demo directory, always the same ones (valid RPPS numbers)."""
    rng = random.Random(DIRECTORY_SEED)
    fake = Faker("fr_FR")
    fake.seed_instance(DIRECTORY_SEED)
    taken = {DEMO_RPPS}
    professionals = []
    for profession, specialty, count, place_kind in DIRECTORY_KINDS:
        for _ in range(count):
            rpps = DEMO_RPPS
            while rpps in taken:
                rpps = make_rpps(f"10{rng.randint(0, 10**8 - 1):08d}")
            taken.add(rpps)
            department = rng.choices(list(HOSPITALS), [6, 3, 1])[0]
            commune = rng.choice(DEPARTMENTS[department][1])
            where = f"{fake.street_address()}, {commune.postal_code} {commune.name}"
            place = {
                "cabinet": f"Cabinet, {where}",
                "pharmacie": f"Pharmacie {fake.last_name()}, {where}",
                "urgences": f"Service des urgences, {HOSPITALS[department]}",
                "samu": f"SAMU {department}, {HOSPITALS[department]}",
            }[place_kind]
            female = rng.random() < 0.55
            first_name = fake.first_name_female() if female else fake.first_name_male()
            last_name = fake.last_name()
            professionals.append(
                {
                    "rpps": rpps,
                    "first_name": first_name,
                    "last_name": last_name,
                    "profession": profession,
                    "specialty": specialty,
                    "place_of_practice": place,
                    "email": f"{_ascii_slug(first_name)}.{_ascii_slug(last_name)}@example.org",
                }
            )
    return professionals


# --- Writes -----------------------------------------------------------------------------------


@dataclass
class DemoSummary:
    people: int = 0
    children: int = 0
    parent_links: int = 0
    without_email: int = 0
    without_mobile: int = 0
    cards_with_photo: int = 0
    in_76: int = 0
    born_abroad: int = 0
    born_in_corsica: int = 0
    professionals_created: int = 0
    fixed: list[str] = field(default_factory=list)


@transaction.atomic
def demo_population_create(*, size: int, seed: int, today: date | None = None) -> DemoSummary:
    """Create `size` generated people, the demo directory and the fixed people of design §7.

    Rule (design §2 and §7): a realistic registry from a demo generator that always contains
    the three fixed people. Generated people never reuse a NIR or a card serial already in
    the registry, so running it again adds `size` more people.
    """
    today = today or timezone.localdate()
    summary = DemoSummary()
    people = generate_population(
        size=size,
        seed=seed,
        today=today,
        taken_nirs=set(InsuredPerson.objects.values_list("nir", flat=True)),
        taken_serials=set(CarteVitale.objects.values_list("serial", flat=True)),
    )
    _bulk_create_people(people)
    summary.people = len(people)
    summary.children = sum(1 for p in people if p.parents)
    summary.parent_links = sum(len(p.parents) for p in people)
    summary.without_email = sum(1 for p in people if not p.parents and not p.email)
    summary.without_mobile = sum(1 for p in people if not p.parents and not p.mobile)
    summary.cards_with_photo = sum(1 for p in people if p.card_has_photo)
    summary.in_76 = sum(1 for p in people if p.postal_code.startswith("76"))
    summary.born_abroad = sum(1 for p in people if p.nir[5:7] == "99")
    summary.born_in_corsica = sum(1 for p in people if p.nir[5:7] in ("2A", "2B", "20"))
    summary.professionals_created = demo_directory_ensure()
    summary.fixed = demo_fixed_people_ensure()
    return summary


def _bulk_create_people(people: list[PersonRecord]) -> None:
    rows = InsuredPerson.objects.bulk_create(
        [
            InsuredPerson(
                nir=p.nir,
                birth_date=p.birth_date,
                last_name=p.last_name,
                first_name=p.first_name,
                sex=p.sex,
                email=p.email,
                mobile=p.mobile,
                address=p.address,
                postal_code=p.postal_code,
                city=p.city,
            )
            for p in people
        ],
        batch_size=BATCH_SIZE,
    )
    CarteVitale.objects.bulk_create(
        [
            CarteVitale(person_id=row.pk, serial=p.card_serial, has_photo=p.card_has_photo)
            for row, p in zip(rows, people, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    ParentLink.objects.bulk_create(
        [
            ParentLink(child_id=row.pk, parent_id=rows[i].pk)
            for row, p in zip(rows, people, strict=True)
            for i in p.parents
        ],
        batch_size=BATCH_SIZE,
    )


def demo_directory_ensure() -> int:
    """Add the professionals of the demo directory that are missing; returns how many."""
    existing = set(Professional.objects.values_list("rpps", flat=True))
    missing = [Professional(**p) for p in generate_directory() if p["rpps"] not in existing]
    Professional.objects.bulk_create(missing, batch_size=BATCH_SIZE)
    return len(missing)


def demo_person_upsert(data: dict) -> InsuredPerson:
    """Create or update, by NIR, a person of `FIXED_PEOPLE` and their carte Vitale."""
    fields = {k: v for k, v in data.items() if k not in ("nir", "card_serial", "card_has_photo")}
    person, _created = InsuredPerson.objects.update_or_create(nir=data["nir"], defaults=fields)
    CarteVitale.objects.update_or_create(
        person=person,
        defaults={"serial": data["card_serial"], "has_photo": data["card_has_photo"]},
    )
    return person


def _user_upsert(*, username: str, password: str, **fields) -> None:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = get_user_model()(username=username)
    for name, value in fields.items():
        setattr(user, name, value)
    # Reset on every run: the demo password is the published one (design §7).
    user.set_password(password)
    user.save()


@transaction.atomic
def demo_fixed_people_ensure() -> list[str]:
    """Create or update, by NIR and RPPS, the three people of design §7.

    Christian Dupont (seed 001) is left without a space, as the seed's walkthrough starts
    before any notification; his identity is refreshed, never his space, so what a visitor did
    in the demo stays. Camille Durand's space is active with an account; Dr Claire Martin has
    a professional account. Returns their names for the summary.
    """
    from ens.activation.models import HealthSpace, SpaceState
    from ens.activation.services import space_transition

    christian = demo_person_upsert(FIXED_PEOPLE["christian"])
    lea = demo_person_upsert(FIXED_PEOPLE["lea"])
    ParentLink.objects.get_or_create(child=lea, parent=christian)

    camille = demo_person_upsert(FIXED_PEOPLE["camille"])
    space = HealthSpace.objects.filter(person=camille).first()
    if space is None or (space.state != SpaceState.ACTIVE and space.can_become(SpaceState.ACTIVE)):
        space_transition(person=camille, to_state=SpaceState.ACTIVE, actor="système")
    _user_upsert(
        username=CAMILLE_USERNAME,
        password=CAMILLE_PASSWORD,
        person=camille,
        first_name=camille.first_name,
        last_name=camille.last_name,
        email=camille.email,
        mobile=camille.mobile,
    )

    claire, _created = Professional.objects.update_or_create(
        rpps=CLAIRE["rpps"], defaults={k: v for k, v in CLAIRE.items() if k != "rpps"}
    )
    _user_upsert(
        username=CLAIRE_USERNAME,
        password=CLAIRE_PASSWORD,
        professional=claire,
        first_name=claire.first_name,
        last_name=claire.last_name,
        email=claire.email,
    )
    _user_upsert(
        username=OPERATOR_USERNAME,
        password=OPERATOR_PASSWORD,
        is_staff=True,
        first_name="Opérateur",
        last_name="Démo",
    )
    demo_camille_space_fill(camille=camille, claire=claire)
    return ["Christian Dupont", "Léa Dupont", "Camille Durand", "Dr Claire Martin", "opérateur"]


def demo_camille_space_fill(*, camille: InsuredPerson, claire: Professional) -> None:
    """Fill Camille's space so the demo shows a full one (design §7). Idempotent.

    Each domain adds its part through its own services and stays idempotent (the command
    runs again on a populated database). Still to come with their issues: appointments,
    reimbursements.
    """
    from ens.documents.demo import demo_documents_ensure
    from ens.medical_profile.demo import demo_medical_profile_ensure
    from ens.messaging.demo import demo_messages_ensure

    demo_medical_profile_ensure(camille=camille, claire=claire)
    demo_documents_ensure(camille=camille, claire=claire)
    demo_messages_ensure(camille=camille, claire=claire)
