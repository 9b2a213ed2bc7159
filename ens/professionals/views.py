"""The professional portal, /pro/ (issue 7, Professionals items 3 to 5): find a patient by
NIR and birth date, read what the rules allow, add a document, open an emergency access.

Views parse and render; who sees what is decided by ens.professionals.perms through the
selectors and services, which also record every read and write in the access log.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ens.documents.content import ContentRefused
from ens.lib.ratelimit import RateLimit, ratelimit_hit

from . import selectors, services
from .decorators import professional_required
from .forms import EmergencyForm, PatientSearchForm, ProDocumentForm
from .perms import is_emergency_professional

# A professional looks up the patients in front of them: a few dozen searches an hour is
# plenty, and it stops anyone from walking the registry with NIR + birth date guesses.
SEARCH_LIMIT = RateLimit(scope="pro-patient-search", limit=30, window=3600)
SEARCHED_KEY = "pro:searched"
SEARCHED_MAX = 50


def _searched(request: HttpRequest) -> list[int]:
    return list(request.session.get(SEARCHED_KEY, []))


def _patient(request: HttpRequest, person_id: int):
    return selectors.searched_patient_get(
        viewer=request.user, person_id=person_id, searched=_searched(request)
    )


@professional_required
@require_http_methods(["GET", "POST"])
def home(request: HttpRequest) -> HttpResponse:
    """Search a patient: both NIR and birth date, exact match, rate limited."""
    form = PatientSearchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verdict = ratelimit_hit(SEARCH_LIMIT, str(request.user.professional_id))
        if not verdict.allowed:
            form.add_error(None, verdict.message)
        else:
            person = selectors.patient_find(
                nir=form.cleaned_data["nir"], birth_date=form.cleaned_data["birth_date"]
            )
            if person is None:
                form.add_error(
                    None,
                    _(
                        "Aucun patient ne correspond à ce numéro de sécurité sociale et à cette "
                        "date de naissance. Vérifiez-les avec le patient ou sa carte Vitale."
                    ),
                )
            else:
                searched = [pk for pk in _searched(request) if pk != person.pk]
                request.session[SEARCHED_KEY] = [person.pk, *searched][:SEARCHED_MAX]
                return redirect("professionals:patient", person_id=person.pk)
    professional = request.user.professional
    context = {
        "title": _("Espace professionnel de santé"),
        "form": form,
        "professional": professional,
    }
    return render(request, "professionals/home.html", context)


@professional_required
def patient(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _patient(request, person_id)
    access = selectors.patient_access(viewer=request.user, person=person)
    if access.blocked:
        return render(
            request,
            "professionals/blocked.html",
            {"title": _("Accès bloqué")},
        )
    summary = selectors.patient_summary(viewer=request.user, person=person, request=request)
    documents = selectors.patient_documents(viewer=request.user, person=person, request=request)
    context = {
        "title": _("Dossier de %(name)s") % {"name": f"{person.first_name} {person.last_name}"},
        "person": person,
        "access": access,
        "summary": summary,
        "documents": documents,
        "may_break_glass": is_emergency_professional(request.user.professional)
        and not access.emergency
        and not access.treating_doctor,
    }
    return render(request, "professionals/patient.html", context)


@professional_required
def document_download(request: HttpRequest, person_id: int, document_id) -> HttpResponse:
    person = _patient(request, person_id)
    document, content = selectors.patient_document_content(
        viewer=request.user, person=person, document_id=document_id, request=request
    )
    response = HttpResponse(content, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(True, document.filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@professional_required
@require_http_methods(["GET", "POST"])
def document_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _patient(request, person_id)
    if selectors.patient_access(viewer=request.user, person=person).blocked:
        return render(request, "professionals/blocked.html", {"title": _("Accès bloqué")})
    form = ProDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        try:
            document = services.professional_document_add(
                actor=request.user,
                person=person,
                content=upload.read(),
                filename=upload.name,
                name=data["name"],
                document_date=data["document_date"],
                category=data["category"],
                request=request,
            )
        except ContentRefused as refused:
            form.add_error("file", str(refused))
            form.fields["file"].widget.attrs["autofocus"] = ""
        else:
            messages.success(
                request,
                _("Le document « %(name)s » a été ajouté à l'espace santé du patient.")
                % {"name": document.name},
            )
            return redirect("professionals:patient", person_id=person.pk)
    context = {"title": _("Ajouter un document"), "form": form, "person": person}
    return render(request, "professionals/document_add.html", context)


@professional_required
@require_http_methods(["GET", "POST"])
def emergency(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _patient(request, person_id)
    form = EmergencyForm(request.POST or None)
    refusal = ""
    if not is_emergency_professional(request.user.professional):
        refusal = _(
            "L'accès en urgence est réservé aux médecins urgentistes et aux régulateurs du SAMU."
        )
    elif request.method == "POST" and form.is_valid():
        try:
            services.emergency_access_open(
                actor=request.user,
                person=person,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except services.NotAllowed as refused:
            refusal = str(refused)
        else:
            messages.warning(
                request,
                _(
                    "Accès en urgence ouvert. Il est inscrit dans l'historique du patient, "
                    "qui en sera informé ainsi que son médecin traitant."
                ),
            )
            return redirect("professionals:patient", person_id=person.pk)
    context = {
        "title": _("Accès en urgence"),
        "form": form,
        "person": person,
        "refusal": refusal,
    }
    return render(request, "professionals/emergency.html", context)
