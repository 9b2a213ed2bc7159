"""The medical profile page; for now the first-visit answers (the profile issue extends it)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ens.space.decorators import space_view

from .measures import body_mass_index
from .models import MedicalProfile
from .selectors import medical_profile_get


@space_view
def detail(request: HttpRequest) -> HttpResponse:
    profile = request.space_profile
    # Nothing answered yet reads as an empty profile: every answer "non renseigné".
    medical = medical_profile_get(viewer=request.user, person=profile) or MedicalProfile()
    context = {
        "title": _("Profil médical"),
        "medical": medical,
        "bmi": body_mass_index(medical.height_m, medical.weight_kg),
    }
    return render(request, "medical_profile/detail.html", context)
