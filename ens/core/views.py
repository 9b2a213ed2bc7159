from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


def landing(request):
    """The public landing page: the two entry points of the service (seed 003)."""
    return render(request, "core/landing.html", {"title": _("Accueil")})


def _info_page(template: str, title: str):
    def view(request):
        return render(request, template, {"title": title})

    return view


accessibility = _info_page("core/accessibility.html", _("Déclaration d'accessibilité"))
legal = _info_page("core/legal.html", _("Mentions légales et conditions générales d'utilisation"))
privacy = _info_page("core/privacy.html", _("Protection des données personnelles"))
help_contact = _info_page("core/help.html", _("Aide & Contact"))
about = _info_page("core/about.html", _("À propos"))
