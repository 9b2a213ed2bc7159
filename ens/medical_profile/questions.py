"""The five questions of the first visit, in the order of seed 003."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .measures import HEIGHT, WEIGHT, Measure


@dataclass(frozen=True)
class Question:
    field: str  # the MedicalProfile field the answer goes to
    title: Promise
    hint: Promise
    measure: Measure | None = None  # None: a yes/no question

    @property
    def is_yes_no(self) -> bool:
        return self.measure is None


QUESTIONS: tuple[Question, ...] = (
    Question(
        field="height_m",
        title=_("Quelle est ma taille ?"),
        hint=_("En mètres, par exemple : 1,75"),
        measure=HEIGHT,
    ),
    Question(
        field="weight_kg",
        title=_("Quel est mon poids ?"),
        hint=_("En kilogrammes, par exemple : 72,5"),
        measure=WEIGHT,
    ),
    Question(
        field="has_diseases",
        title=_("Est-ce que j'ai des maladies ou autres sujets de santé ?"),
        hint=_(
            "Je peux renseigner l'ensemble de mes maladies et autres sujets de santé actuels ou "
            "passés (exemples : maladies graves, suivi dentaire, grossesses, douleurs chroniques, "
            "opérations...) et les partager avec mes professionnels de santé."
        ),
    ),
    Question(
        field="has_treatments",
        title=_("Est-ce que je prends un traitement ?"),
        hint=_(
            "Je peux renseigner l'ensemble de mes traitements (exemples : médicaments, soins, "
            "dispositifs médicaux...) et les partager avec mes professionnels de santé."
        ),
    ),
    Question(
        field="has_allergies",
        title=_("Est-ce que j'ai des allergies ?"),
        hint=_(
            "Je peux décrire mes allergies (exemples : allergies alimentaires, médicamenteuses, "
            "intolérances...)."
        ),
    ),
)
