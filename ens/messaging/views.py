"""The patient's messaging, /espace/messagerie/ (issue 7, "Secure messaging"): parse, call
one service or selector, render.

Every page works on the profile open in the space (`request.space_profile`); the selectors
and services check again that the user may act on it: anyone else's conversation is a 404.
The patient answers; there is no page to start a conversation (a professional writes first).
"""

import uuid
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from ens.space.decorators import space_view

from .forms import ReplyForm
from .selectors import (
    ConversationView,
    attachment_for_patient,
    conversation_for_patient,
    conversation_list_for_patient,
)
from .services import (
    MessageRefused,
    NotAllowed,
    attachment_save_to_documents,
    conversation_delete,
    conversation_set_archived,
    message_reply,
    patient_address,
)
from .webutils import file_response, limit_uploads, refuse, uploads_of, valid_with_upload


def _inbox(request: HttpRequest, *, archived: bool) -> HttpResponse:
    profile = request.space_profile
    rows = conversation_list_for_patient(
        viewer=request.user, person=profile, archived=archived, request=request
    )
    context = {
        "title": _("Conversations archivées") if archived else _("Messagerie"),
        "rows": rows,
        "archived": archived,
        "address": patient_address(profile),
    }
    return render(request, "messaging/inbox.html", context)


@space_view
def inbox(request: HttpRequest) -> HttpResponse:
    return _inbox(request, archived=False)


@space_view
def archives(request: HttpRequest) -> HttpResponse:
    return _inbox(request, archived=True)


@csrf_exempt
@space_view
def conversation(request: HttpRequest, conversation_id) -> HttpResponse:
    # The size limit must be in place before the body is read, hence before the CSRF check.
    return conversation_page(
        request,
        conversation_id,
        limit_uploads(request),
        conversation_url="messaging:conversation",
        template="messaging/conversation.html",
        load=lambda: conversation_for_patient(
            viewer=request.user,
            person=request.space_profile,
            conversation_id=conversation_id,
            request=request,
        ),
    )


@csrf_protect
def conversation_page(
    request: HttpRequest,
    conversation_id,
    limiter,
    *,
    conversation_url: str,
    template: str,
    load: Callable[[], ConversationView],
) -> HttpResponse:
    """A conversation page with its reply form, the patient's or the professional's
    (ens.messaging.views_pro). On a valid POST the reply is sent (message_reply checks who
    may answer) and the browser is sent back to `conversation_url`; otherwise `load()` reads
    the conversation (the selector checks who may see it) and the page is shown, its title
    marked when the form has errors."""
    form = ReplyForm()
    if request.method == "POST":
        form = ReplyForm(request.POST, request.FILES)
        if valid_with_upload(form, limiter):
            try:
                message_reply(
                    actor=request.user,
                    conversation_id=conversation_id,
                    body=form.cleaned_data["body"],
                    uploads=uploads_of(form),
                    request=request,
                )
            except MessageRefused as refused:
                refuse(form, refused.field, str(refused))
            except NotAllowed as refused:
                refuse(form, "body", str(refused))
            else:
                messages.success(request, _("Votre réponse a été envoyée."))
                return redirect(conversation_url, conversation_id=conversation_id)
    view = load()
    title = view.subject
    if form.errors:
        title = _("Erreur : %(title)s") % {"title": title}
    context = {"title": title, "view": view, "form": form}
    return render(request, template, context)


@require_POST
@space_view
def archive(request: HttpRequest, conversation_id) -> HttpResponse:
    conversation_set_archived(
        actor=request.user, conversation_id=conversation_id, archived=True, request=request
    )
    messages.success(request, _("La conversation a été archivée."))
    return redirect("messaging:inbox")


@require_POST
@space_view
def unarchive(request: HttpRequest, conversation_id) -> HttpResponse:
    conversation_set_archived(
        actor=request.user, conversation_id=conversation_id, archived=False, request=request
    )
    messages.success(request, _("La conversation a été remise dans la boîte de réception."))
    return redirect("messaging:conversation", conversation_id=conversation_id)


@space_view
def delete(request: HttpRequest, conversation_id) -> HttpResponse:
    if request.method == "POST":
        conversation_delete(actor=request.user, conversation_id=conversation_id, request=request)
        messages.success(request, _("La conversation a été supprimée."))
        return redirect("messaging:inbox")
    view = conversation_for_patient(
        viewer=request.user,
        person=request.space_profile,
        conversation_id=conversation_id,
        request=request,
    )
    context = {"title": _("Supprimer la conversation"), "view": view}
    return render(request, "messaging/delete.html", context)


@space_view
def attachment_download(request: HttpRequest, attachment_id) -> HttpResponse:
    attachment, content = attachment_for_patient(
        viewer=request.user, attachment_id=attachment_id, request=request
    )
    return file_response(attachment, content)


@require_POST
@space_view
def attachment_save(request: HttpRequest, attachment_id) -> HttpResponse:
    document = attachment_save_to_documents(
        actor=request.user, attachment_id=attachment_id, request=request
    )
    messages.success(
        request,
        _("« %(name)s » a été enregistré dans vos documents.") % {"name": document.name},
    )
    # Back to the conversation the button was in (a hidden field; anything else: the inbox).
    try:
        return redirect(
            "messaging:conversation", conversation_id=uuid.UUID(request.POST.get("conversation"))
        )
    except (TypeError, ValueError):
        return redirect("messaging:inbox")
