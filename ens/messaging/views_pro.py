"""The professional's messaging, /pro/messagerie/ (issue 7, Professionals item 4 and Secure
messaging item 1): write first to a patient found by NIR and birth date, read the answers,
answer. Only the professional's own conversations; the services check the access rules
(ens.professionals.perms) and a blocked or closed space is refused plainly.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from ens.lib.ratelimit import RateLimit, ratelimit_hit
from ens.professionals.decorators import professional_required
from ens.professionals.selectors import patient_find

from .forms import StartForm
from .selectors import (
    attachment_for_professional,
    conversation_for_professional,
    conversation_list_for_professional,
)
from .services import MessageRefused, NotAllowed, conversation_start
from .views import conversation_page
from .webutils import file_response, limit_uploads, refuse, uploads_of, valid_with_upload

# A professional writes to the patients they follow: a few dozen searches an hour is plenty,
# and it stops anyone from walking the registry with NIR + birth date guesses.
SEARCH_LIMIT = RateLimit(scope="messaging-pro-search", limit=30, window=3600)


@professional_required
def inbox(request: HttpRequest) -> HttpResponse:
    rows = conversation_list_for_professional(viewer=request.user, request=request)
    return render(request, "messaging/pro_inbox.html", {"title": _("Messagerie"), "rows": rows})


@csrf_exempt
@professional_required
def start(request: HttpRequest) -> HttpResponse:
    limiter = limit_uploads(request)
    return _start(request, limiter)


@csrf_protect
def _start(request: HttpRequest, limiter) -> HttpResponse:
    form = StartForm()
    if request.method == "POST":
        form = StartForm(request.POST, request.FILES)
        if valid_with_upload(form, limiter):
            data = form.cleaned_data
            person = _searched_patient(request, form)
            if person is not None:
                try:
                    conversation = conversation_start(
                        actor=request.user,
                        person=person,
                        subject=data["subject"],
                        body=data["body"],
                        uploads=uploads_of(form),
                        request=request,
                    )
                except MessageRefused as refused:
                    refuse(form, refused.field, str(refused))
                except NotAllowed as refused:
                    refuse(form, "nir", str(refused))
                else:
                    messages.success(request, _("Votre message a été envoyé au patient."))
                    return redirect("messaging_pro:conversation", conversation_id=conversation.pk)
    title = _("Écrire à un patient")
    if form.errors:
        title = _("Erreur : %(title)s") % {"title": title}
    return render(request, "messaging/pro_start.html", {"title": title, "form": form})


def _searched_patient(request: HttpRequest, form):
    """The patient of the NIR and birth date typed; a failed search does not say which
    field was wrong, and searches are rate limited per professional."""
    verdict = ratelimit_hit(SEARCH_LIMIT, str(request.user.pk))
    if not verdict.allowed:
        refuse(form, "nir", verdict.message)
        return None
    person = patient_find(nir=form.cleaned_data["nir"], birth_date=form.cleaned_data["birth_date"])
    if person is None:
        refuse(
            form,
            "nir",
            _(
                "Aucun patient ne correspond à ce numéro de sécurité sociale et cette date "
                "de naissance."
            ),
        )
    return person


@csrf_exempt
@professional_required
def conversation(request: HttpRequest, conversation_id) -> HttpResponse:
    return conversation_page(
        request,
        conversation_id,
        limit_uploads(request),
        conversation_url="messaging_pro:conversation",
        template="messaging/pro_conversation.html",
        load=lambda: conversation_for_professional(
            viewer=request.user, conversation_id=conversation_id, request=request
        ),
    )


@professional_required
def attachment_download(request: HttpRequest, attachment_id) -> HttpResponse:
    attachment, content = attachment_for_professional(
        viewer=request.user, attachment_id=attachment_id, request=request
    )
    return file_response(attachment, content)
