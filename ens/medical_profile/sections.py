"""The sections of the medical profile (issue 6 item 1), declared once.

Every section is a list of entries of one model, with one form, the same pages (list, add,
change, delete with confirmation) and the same services and selectors: a section is a line
of `SECTIONS`, not a copy of views. Slugs are the French path segments under
/espace/profil/.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ens.access.services import professional_label
from ens.professionals.models import Professional

from . import forms, models
from .conditions import condition_search

DIRECTORY_SEARCH_LIMIT = 20


@dataclass(frozen=True)
class SearchResult:
    """A suggestion of a search: its label, and the form values it fills in."""

    label: str
    values: dict[str, str]

    @property
    def query(self) -> str:
        return urlencode(self.values)


@dataclass(frozen=True)
class Search:
    label: Promise  # of the search field
    find: Callable[[str], list[SearchResult]]


@dataclass(frozen=True)
class ProfileSection:
    slug: str
    model: type[models.ProfileEntry]
    form: type[forms.EntryForm]
    title: Promise  # "Maladies et sujets de santé"
    intro: Promise
    add_label: Promise  # "Ajouter une maladie ou un sujet de santé"
    empty: Promise
    log_name: str  # in the access log, in French whatever the language: "maladie"
    single: bool = False  # at most one entry (advance directives, treating doctor)
    search: Search | None = None
    related: tuple[str, ...] = ()  # foreign keys shown with each entry

    def __str__(self) -> str:
        return str(self.title)


def directory_search(query: str, *, limit: int = DIRECTORY_SEARCH_LIMIT) -> list[Professional]:
    """Professionals of the directory whose name contains every word of `query`, or whose
    RPPS number is `query` (spaces ignored). Not health data: the directory is public."""
    words = query.split()
    if not words:
        return []
    digits = "".join(words)
    if digits.isdigit():
        return list(Professional.objects.filter(rpps=digits)[:limit])
    match = Q()
    for word in words:
        match &= Q(last_name__icontains=word) | Q(first_name__icontains=word)
    return list(
        Professional.objects.filter(match).order_by("last_name", "first_name", "pk")[:limit]
    )


def professional_description(professional: Professional) -> str:
    """ "Dr Claire Martin, médecin généraliste — Paris (RPPS 10101010101)"."""
    place = f" — {professional.place_of_practice}" if professional.place_of_practice else ""
    return f"{professional_label(professional)}{place} (RPPS {professional.rpps})"


def _conditions(field: str) -> Callable[[str], list[SearchResult]]:
    def find(query: str) -> list[SearchResult]:
        return [SearchResult(name, {field: name}) for name in condition_search(query)]

    return find


def _doctors(query: str) -> list[SearchResult]:
    return [
        SearchResult(professional_description(p), {"professional": str(p.pk)})
        for p in directory_search(query)
    ]


SECTIONS: tuple[ProfileSection, ...] = (
    ProfileSection(
        slug="maladies",
        model=models.Condition,
        form=forms.ConditionForm,
        title=_("Maladies et sujets de santé"),
        intro=_(
            "Vos maladies et sujets de santé actuels ou passés : maladies graves ou chroniques, "
            "opérations, grossesses, suivi dentaire..."
        ),
        add_label=_("Ajouter une maladie ou un sujet de santé"),
        empty=_("Aucune maladie ni sujet de santé pour le moment."),
        log_name="maladie ou sujet de santé",
        search=Search(_("Rechercher une maladie courante"), _conditions("name")),
    ),
    ProfileSection(
        slug="traitements",
        model=models.Treatment,
        form=forms.TreatmentForm,
        title=_("Traitements"),
        intro=_("Vos médicaments, soins et dispositifs médicaux, en cours ou passés."),
        add_label=_("Ajouter un traitement"),
        empty=_("Aucun traitement pour le moment."),
        log_name="traitement",
    ),
    ProfileSection(
        slug="allergies",
        model=models.Allergy,
        form=forms.AllergyForm,
        title=_("Allergies et intolérances"),
        intro=_("Vos allergies et intolérances, avec la réaction observée et sa sévérité."),
        add_label=_("Ajouter une allergie ou une intolérance"),
        empty=_("Aucune allergie ni intolérance pour le moment."),
        log_name="allergie ou intolérance",
    ),
    ProfileSection(
        slug="vaccinations",
        model=models.Vaccination,
        form=forms.VaccinationForm,
        title=_("Vaccinations"),
        intro=_("Vos vaccinations, et les rappels du calendrier des vaccinations selon votre âge."),
        add_label=_("Ajouter une vaccination"),
        empty=_("Aucune vaccination pour le moment."),
        log_name="vaccination",
    ),
    ProfileSection(
        slug="antecedents-familiaux",
        model=models.FamilyHistory,
        form=forms.FamilyHistoryForm,
        title=_("Antécédents familiaux"),
        intro=_("Les maladies de vos proches parents utiles à votre suivi médical."),
        add_label=_("Ajouter un antécédent familial"),
        empty=_("Aucun antécédent familial pour le moment."),
        log_name="antécédent familial",
        search=Search(_("Rechercher une maladie courante"), _conditions("condition")),
    ),
    ProfileSection(
        slug="directives-anticipees",
        model=models.AdvanceDirective,
        form=forms.AdvanceDirectiveForm,
        title=_("Directives anticipées"),
        intro=_(
            "Vos volontés sur votre fin de vie, si un jour vous ne pouvez plus les exprimer, "
            "ou le fait que vous n'en avez pas rédigé."
        ),
        add_label=_("Renseigner mes directives anticipées"),
        empty=_("Pas encore renseignées."),
        log_name="directives anticipées",
        single=True,
    ),
    ProfileSection(
        slug="contacts",
        model=models.Contact,
        form=forms.ContactForm,
        title=_("Personne de confiance et contacts en cas d'urgence"),
        intro=_("Les personnes à prévenir ou à consulter pour vous."),
        add_label=_("Ajouter une personne"),
        empty=_("Aucune personne pour le moment."),
        log_name="personne à contacter",
    ),
    ProfileSection(
        slug="medecin-traitant",
        model=models.TreatingDoctor,
        form=forms.TreatingDoctorForm,
        title=_("Médecin traitant"),
        intro=_(
            "Le médecin que vous avez déclaré comme médecin traitant, choisi dans l'annuaire "
            "des professionnels de santé ou saisi librement."
        ),
        add_label=_("Renseigner mon médecin traitant"),
        empty=_("Pas encore renseigné."),
        log_name="médecin traitant",
        single=True,
        search=Search(_("Nom ou numéro RPPS du médecin"), _doctors),
        related=("professional",),
    ),
)
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}
