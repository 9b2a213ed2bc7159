"""/espace/autorisations/ (issue 7, "Authorisations" item 1): who accessed or may access the
open profile, the treating doctor, block and unblock a professional, the emergency-access
opposition and the shares of the summary.

Every page works on `request.space_profile` (ens.space.decorators.space_view): a patient
only ever sees and changes the authorisations of their own profile or a minor child's.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ens.access.services import professional_label
from ens.space.decorators import space_view

from . import selectors, services
from .forms import ConfirmForm


@space_view
def authorisations(request: HttpRequest) -> HttpResponse:
    from ens.medical_profile.selectors import profile_shares

    person = request.space_profile
    context = {
        "title": _("Autorisations"),
        "rows": selectors.authorisations(person=person),
        "treating_doctor": selectors.treating_doctor_label(person=person),
        "opposed": selectors.emergency_opposed(person=person),
        "shares": profile_shares(person=person),
    }
    return render(request, "professionals/authorisations.html", context)


def _confirm(request: HttpRequest, professional_id: int, *, block: bool) -> HttpResponse:
    person = request.space_profile
    professional = selectors.professional_get(professional_id=professional_id)
    label = professional_label(professional)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if block:
            services.professional_block(
                person=person, professional=professional, actor=request.user
            )
            messages.success(request, _("%(name)s est bloqué.") % {"name": label})
        else:
            services.professional_unblock(
                person=person, professional=professional, actor=request.user
            )
            messages.success(request, _("%(name)s est débloqué.") % {"name": label})
        return redirect("authorisations:list")
    context = {
        "title": _("Bloquer un professionnel") if block else _("Débloquer un professionnel"),
        "label": label,
        "blocking": block,
        "form": form,
    }
    return render(request, "professionals/block_confirm.html", context)


@space_view
@require_http_methods(["GET", "POST"])
def block(request: HttpRequest, professional_id: int) -> HttpResponse:
    return _confirm(request, professional_id, block=True)


@space_view
@require_http_methods(["GET", "POST"])
def unblock(request: HttpRequest, professional_id: int) -> HttpResponse:
    return _confirm(request, professional_id, block=False)


@space_view
@require_POST
def emergency_opposition(request: HttpRequest) -> HttpResponse:
    opposed = request.POST.get("opposition") == "oui"
    services.emergency_opposition_set(
        person=request.space_profile, opposed=opposed, actor=request.user
    )
    if opposed:
        messages.success(request, _("Vous vous opposez désormais à l'accès en urgence."))
    else:
        messages.success(request, _("L'accès en urgence est de nouveau possible."))
    return redirect("authorisations:list")


@space_view
@require_POST
def share_revoke(request: HttpRequest, share_id: int) -> HttpResponse:
    from ens.medical_profile.services import profile_share_revoke

    share = profile_share_revoke(
        actor=request.user, person=request.space_profile, share_id=share_id, request=request
    )
    messages.success(
        request,
        _("Le partage de la synthèse avec %(name)s est retiré.")
        % {"name": professional_label(share.professional)},
    )
    return redirect("authorisations:list")
