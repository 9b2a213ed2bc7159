"""The default *matrice d'habilitation* (issue 7, Professionals item 3): profession × document
category. Loaded once by a data migration; from then on the operator edits it in the admin.

Inspired by the real service's matrix: a physician sees every category; other professions see
what their practice needs (a physiotherapist the prescriptions, imaging and reports that
concern the rehabilitation; a pharmacist prescriptions, lab results and vaccinations).
"""

ALL = (
    "ordonnance",
    "biologie",
    "imagerie",
    "compte-rendu",
    "certificat",
    "vaccination",
    "prevention",
    "autre",
)

DEFAULT_MATRIX: dict[str, frozenset[str]] = {
    "Médecin": frozenset(ALL),
    "Chirurgien-dentiste": frozenset(
        {"ordonnance", "biologie", "imagerie", "compte-rendu", "vaccination", "prevention"}
    ),
    "Sage-femme": frozenset(
        {"ordonnance", "biologie", "imagerie", "compte-rendu", "certificat", "vaccination"}
        | {"prevention"}
    ),
    "Pharmacien": frozenset({"ordonnance", "biologie", "vaccination", "prevention"}),
    "Infirmier": frozenset({"ordonnance", "biologie", "compte-rendu", "vaccination", "prevention"}),
    "Masseur-kinésithérapeute": frozenset({"ordonnance", "imagerie", "compte-rendu"}),
}


def default_rules(rule_model) -> list:
    """Unsaved rows of `rule_model` (HabilitationRule, or its historical migration model)."""
    return [
        rule_model(profession=profession, category=category, allowed=category in allowed)
        for profession, allowed in DEFAULT_MATRIX.items()
        for category in ALL
    ]
