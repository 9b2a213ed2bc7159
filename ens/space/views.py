"""Pages of the space: the home, the first visit (seed 003) and the choice of profile."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ens.medical_profile.forms import answer_form
from ens.medical_profile.questions import QUESTIONS
from ens.medical_profile.selectors import first_visit_pending, medical_profile_get
from ens.medical_profile.services import medical_profile_answer, medical_profile_first_visit_done

from .decorators import space_view
from .profiles import open_profile
from .sections import ADD_DOCUMENT, SECTIONS_BY_SLUG
from .selectors import home_documents, home_prescriptions, home_vaccinations, space_profiles


def _is_own(request: HttpRequest) -> bool:
    return request.space_profile.pk == request.user.person_id


@space_view
def home(request: HttpRequest) -> HttpResponse:
    """The home (seed 003); the welcome comes first until the first visit is done."""
    profile = request.space_profile
    if _is_own(request) and first_visit_pending(person=profile):
        return redirect("space:welcome")
    context = {
        "title": _("Accueil"),
        "profile": profile,
        "is_own": _is_own(request),
        "documents": home_documents(profile=profile, viewer=request.user),
        "prescriptions": home_prescriptions(profile=profile, viewer=request.user),
        "vaccinations": home_vaccinations(profile=profile, viewer=request.user),
        "medical_profile_url": SECTIONS_BY_SLUG["profil"].url(),
        "documents_url": SECTIONS_BY_SLUG["documents"].url(),
        "add_document_url": ADD_DOCUMENT.url(),
    }
    return render(request, "space/home.html", context)


@space_view
def welcome(request: HttpRequest) -> HttpResponse:
    return render(request, "space/welcome.html", {"title": _("Bienvenue")})


@space_view
def question(request: HttpRequest, number: int) -> HttpResponse:
    """Question `number` of 5, one a page; each answer is stored as soon as it is given."""
    if not 1 <= number <= len(QUESTIONS):
        raise Http404
    profile = request.space_profile
    asked = QUESTIONS[number - 1]
    stored = medical_profile_get(viewer=request.user, person=profile)
    current = getattr(stored, asked.field) if stored else None
    form = answer_form(
        asked, current=current, data=request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        medical_profile_answer(
            person=profile,
            field=asked.field,
            value=form.cleaned_data["answer"],
            actor=request.user,
            request=request,
        )
        if number < len(QUESTIONS):
            return redirect("space:question", number=number + 1)
        medical_profile_first_visit_done(person=profile)
        return redirect("space:thanks")
    title = _("Question %(number)s sur %(total)s") % {"number": number, "total": len(QUESTIONS)}
    context = {
        "title": f"{_('Erreur')} : {title}" if form.errors else title,
        "form": form,
        "question": asked,
        "number": number,
        "total": len(QUESTIONS),
    }
    return render(request, "space/question.html", context)


@require_POST
@space_view
def skip(request: HttpRequest) -> HttpResponse:
    """ "Passer": the remaining questions are skipped, what was answered is kept (seed 003)."""
    medical_profile_first_visit_done(person=request.space_profile)
    return redirect("space:home")


@space_view
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "space/thanks.html", {"title": _("Merci !")})


@space_view
def profiles(request: HttpRequest) -> HttpResponse:
    """The profiles the user may open: the menu's switcher, as a page (works without JS)."""
    context = {"title": _("Changer de profil"), "profiles": space_profiles(user=request.user)}
    return render(request, "space/profiles.html", context)


@require_POST
@space_view
def switch_profile(request: HttpRequest) -> HttpResponse:
    """Open another profile (own or a minor child's); a guessed id gets a 404."""
    open_profile(request, person_id=request.POST.get("profile"))
    return redirect("space:home")


@space_view
def coming_soon(request: HttpRequest, slug: str) -> HttpResponse:
    section = SECTIONS_BY_SLUG.get(slug)
    if section is None:
        raise Http404
    return render(request, "space/coming_soon.html", {"title": section.label, "section": section})
