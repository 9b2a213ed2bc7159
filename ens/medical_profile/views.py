"""Pages of the medical profile: parse, call one service or selector, render.

Every page works on the profile open in the space (`request.space_profile`: the person or
one of their minor children); the selectors and services look entries up within that
profile only, so an entry of anyone else is a 404. The eight sections share the same four
views, driven by `sections.SECTIONS`.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ens.access.services import professional_label
from ens.space.decorators import space_view

from .forms import EntryForm, SearchForm
from .pdf import summary_pdf
from .sections import SECTIONS_BY_SLUG, ProfileSection, directory_search, professional_description
from .selectors import (
    profile_overview,
    profile_shares,
    profile_summary,
    section_entries,
    section_entry_get,
    vaccination_reminders,
)
from .services import (
    profile_entry_create,
    profile_entry_delete,
    profile_entry_update,
    profile_share_create,
    profile_share_revoke,
)
from .summary import answer_lines, measurement_lines


def _section(slug: str) -> ProfileSection:
    section = SECTIONS_BY_SLUG.get(slug)
    if section is None:
        raise Http404
    return section


def _title(form: EntryForm, title: str) -> str:
    return f"{_('Erreur')} : {title}" if form.is_bound and form.errors else title


def _save(form: EntryForm, save) -> bool:
    """Run the service `save` if the form is valid; its refusals go next to their fields."""
    if not form.is_valid():
        return False
    try:
        save(form.values())
    except ValidationError as error:
        form.add_error(None, error)
        for name in form.fields:
            if name in form.errors:
                form.fields[name].widget.attrs["autofocus"] = ""
                break
        return False
    return True


def _search_data(request: HttpRequest):
    """The GET data of a search, or None when none was asked (a prefilled form's address)."""
    return request.GET if "q" in request.GET else None


def _search(request: HttpRequest, section: ProfileSection) -> tuple[SearchForm | None, list]:
    """The GET search of a section (common conditions, the directory) and what it found."""
    if section.search is None:
        return None, []
    form = SearchForm(_search_data(request), label=section.search.label)
    if not form.is_valid():
        return form, []
    return form, section.search.find(form.cleaned_data["q"])


def _prefill(request: HttpRequest, section: ProfileSection) -> dict:
    """Values a search result put in the address (?name=Asthme): only the form's own fields."""
    return {k: v for k, v in request.GET.items() if k in section.form._meta.fields}


@space_view
def detail(request: HttpRequest) -> HttpResponse:
    overview = profile_overview(viewer=request.user, person=request.space_profile, request=request)
    context = {"title": _("Profil médical"), "overview": overview, "medical": overview.answers}
    return render(request, "medical_profile/detail.html", context)


@space_view
def section_list(request: HttpRequest, slug: str) -> HttpResponse:
    section = _section(slug)
    person = request.space_profile
    entries = section_entries(viewer=request.user, person=person, section=section, request=request)
    reminders = vaccination_reminders(person, entries) if slug == "vaccinations" else []
    context = {
        "title": str(section.title),
        "section": section,
        "entries": entries,
        "reminders": reminders,
        "can_add": not (section.single and entries),
    }
    return render(request, "medical_profile/section.html", context)


def _form_page(request, section, form, *, title, entry=None) -> HttpResponse:
    search_form, results = _search(request, section)
    context = {
        "title": _title(form, title),
        "heading": title,
        "section": section,
        "form": form,
        "entry": entry,
        "search_form": search_form,
        "results": results,
    }
    return render(request, "medical_profile/entry_form.html", context)


@space_view
def entry_add(request: HttpRequest, slug: str) -> HttpResponse:
    section = _section(slug)
    person = request.space_profile
    form = section.form(request.POST or None, initial=_prefill(request, section))
    if request.method == "POST":

        def save(values):
            return profile_entry_create(
                actor=request.user, person=person, section=section, values=values, request=request
            )

        if _save(form, save):
            messages.success(request, _("L'information a été ajoutée."))
            return redirect("space:medical_profile:section", slug=slug)
    return _form_page(request, section, form, title=str(section.add_label))


@space_view
def entry_edit(request: HttpRequest, slug: str, entry_id: int) -> HttpResponse:
    section = _section(slug)
    person = request.space_profile
    entry = section_entry_get(
        viewer=request.user, person=person, section=section, entry_id=entry_id, request=request
    )
    form = section.form(request.POST or None, instance=entry, initial=_prefill(request, section))
    if request.method == "POST":

        def save(values):
            return profile_entry_update(
                actor=request.user,
                person=person,
                section=section,
                entry_id=entry.pk,
                values=values,
                request=request,
            )

        if _save(form, save):
            messages.success(request, _("L'information a été modifiée."))
            return redirect("space:medical_profile:section", slug=slug)
    title = _("Modifier : %(entry)s") % {"entry": entry.title}
    return _form_page(request, section, form, title=title, entry=entry)


@space_view
def entry_delete(request: HttpRequest, slug: str, entry_id: int) -> HttpResponse:
    section = _section(slug)
    person = request.space_profile
    if request.method == "POST":
        profile_entry_delete(
            actor=request.user, person=person, section=section, entry_id=entry_id, request=request
        )
        messages.success(request, _("L'information a été supprimée."))
        return redirect("space:medical_profile:section", slug=slug)
    entry = section_entry_get(
        viewer=request.user, person=person, section=section, entry_id=entry_id, request=request
    )
    context = {
        "title": _("Supprimer : %(entry)s") % {"entry": entry.title},
        "section": section,
        "entry": entry,
    }
    return render(request, "medical_profile/entry_delete.html", context)


@space_view
def summary(request: HttpRequest) -> HttpResponse:
    overview = profile_summary(viewer=request.user, person=request.space_profile, request=request)
    context = {
        "title": _("Synthèse du profil médical"),
        "overview": overview,
        "medical": overview.answers,
        "shares": profile_shares(person=request.space_profile),
        "today": timezone.localdate(),
        "answers": answer_lines(overview),
        "measures": measurement_lines(overview),
    }
    return render(request, "medical_profile/summary.html", context)


@space_view
def summary_download(request: HttpRequest) -> HttpResponse:
    person = request.space_profile
    overview = profile_summary(viewer=request.user, person=person, request=request, download=True)
    response = HttpResponse(summary_pdf(overview), content_type="application/pdf")
    name = slugify(f"synthese-{person.first_name}-{person.last_name}")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@space_view
def shares(request: HttpRequest) -> HttpResponse:
    person = request.space_profile
    form = SearchForm(_search_data(request), label=_("Nom ou numéro RPPS du professionnel"))
    found = directory_search(form.cleaned_data["q"]) if form.is_valid() else []
    current = profile_shares(person=person)
    shared_with = {share.professional_id for share in current}
    context = {
        "title": _("Partager ma synthèse"),
        "search_form": form,
        "results": [(p, professional_description(p), p.pk in shared_with) for p in found],
        "shares": [(s, professional_description(s.professional)) for s in current],
    }
    return render(request, "medical_profile/shares.html", context)


@require_POST
@space_view
def share_add(request: HttpRequest) -> HttpResponse:
    share = profile_share_create(
        actor=request.user,
        person=request.space_profile,
        professional_id=request.POST.get("professional", ""),
        request=request,
    )
    messages.success(
        request,
        _("Votre synthèse est partagée avec %(name)s.")
        % {"name": professional_label(share.professional)},
    )
    return redirect(reverse("space:medical_profile:shares"))


@require_POST
@space_view
def share_revoke(request: HttpRequest, share_id: int) -> HttpResponse:
    share = profile_share_revoke(
        actor=request.user, person=request.space_profile, share_id=share_id, request=request
    )
    messages.success(
        request,
        _("Le partage avec %(name)s est retiré.")
        % {"name": professional_label(share.professional)},
    )
    return redirect(reverse("space:medical_profile:shares"))
