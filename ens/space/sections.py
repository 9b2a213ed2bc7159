"""The sections of the space (design §7) and where their links go today.

The four main sections are always in the navigation (seed 003); while a section's page does
not exist yet, its link opens a "bientôt disponible" page instead of a dead end. The other
sections appear only once their page exists. Pages are found by their fixed paths (design
§7), so the issue that builds a section only has to route its path: the menu and the home
follow without an edit here.
"""

from dataclasses import dataclass

from django.urls import Resolver404, resolve, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    slug: str
    label: Promise
    path: str  # design §7
    main: bool  # in the navigation even before its page exists ("bientôt disponible")

    def url(self) -> str | None:
        """The section's page, else its "bientôt disponible" page, else None (not shown)."""
        try:
            resolve(self.path)
        except Resolver404:
            return reverse("space:coming_soon", args=[self.slug]) if self.main else None
        return self.path


SECTIONS: tuple[Section, ...] = (
    Section("profil", _("Profil médical"), "/espace/profil/", main=True),
    Section("documents", _("Documents"), "/espace/documents/", main=True),
    Section("messagerie", _("Messagerie"), "/espace/messagerie/", main=True),
    Section("agenda", _("Agenda"), "/espace/agenda/", main=False),
    Section("autorisations", _("Autorisations"), "/espace/autorisations/", main=False),
    Section("historique", _("Historique des accès"), "/espace/historique/", main=False),
    Section("remboursements", _("Remboursements"), "/espace/remboursements/", main=False),
    Section("catalogue", _("Catalogue de services"), "/espace/catalogue/", main=False),
)
# Pages reached from the home or the menu rather than from the navigation.
ADD_DOCUMENT = Section(
    "ajout-document", _("Ajouter un document de santé"), "/espace/documents/ajouter/", main=True
)
SETTINGS = Section("parametres", _("Paramètres"), "/espace/parametres/", main=False)
SECTIONS_BY_SLUG = {s.slug: s for s in (*SECTIONS, ADD_DOCUMENT, SETTINGS)}
