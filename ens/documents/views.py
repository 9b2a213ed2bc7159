"""Pages of "Mes documents de santé": parse, call one service or selector, render.

Every page works on the profile open in the space (`request.space_profile`: the person or
one of their minor children); the selectors and services check again that the user may act
on it, and a document of anyone else is a 404.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from ens.space.decorators import space_view

from .content import ContentRefused
from .forms import DocumentEditForm, DocumentFilterForm, DocumentUploadForm
from .selectors import document_content, document_get, document_listing
from .services import (
    document_create,
    document_delete,
    document_set_hidden,
    document_update,
    max_upload_bytes,
)
from .uploads import SizeLimitUploadHandler

# The preview is someone's file, shown by the browser: sandboxed (no script, no form, no
# same-origin access), nothing loaded from anywhere, framed only by our own pages. Chromium's
# PDF viewer works inside the sandbox (checked with Debian's Chromium).
PREVIEW_CSP_IMAGE = (
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox"
)
PREVIEW_CSP_PDF = "default-src 'none'; object-src 'self'; frame-ancestors 'self'; sandbox"


def _title(form, title: str) -> str:
    return f"{_('Erreur')} : {title}" if form.is_bound and form.errors else title


@space_view
def document_list(request: HttpRequest) -> HttpResponse:
    profile = request.space_profile
    form = DocumentFilterForm(request.GET)
    form.is_valid()  # a filter in error is ignored (DocumentFilterForm.filters)
    filters = form.filters()
    listing = document_listing(
        viewer=request.user,
        person=profile,
        filters=filters,
        page_number=request.GET.get("page"),
        request=request,
    )
    form.set_years(listing.years)
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    context = {
        "title": _("Mes documents de santé"),
        "form": form,
        "filters": filters,
        "listing": listing,
        "page": listing.page,
        "query": urlencode(query),
    }
    return render(request, "documents/list.html", context)


@csrf_exempt
@space_view
def document_add(request: HttpRequest) -> HttpResponse:
    # The size limit must be in place before the body is read, hence before the CSRF check
    # (which reads the form): csrf_protect runs it just after, in _document_add.
    limiter = SizeLimitUploadHandler(request, max_bytes=max_upload_bytes())
    request.upload_handlers.insert(0, limiter)
    return _document_add(request, limiter)


@csrf_protect
def _document_add(request: HttpRequest, limiter: SizeLimitUploadHandler) -> HttpResponse:
    profile = request.space_profile
    max_mb = max_upload_bytes() // (1024 * 1024)
    if request.method == "POST":
        form = DocumentUploadForm(request.POST, request.FILES, max_upload_mb=max_mb)
        valid = form.is_valid()
        if limiter.too_large:
            form.errors["file"] = form.error_class(
                [_("Ce fichier dépasse la taille maximale de %(size)s Mo.") % {"size": max_mb}]
            )
            form.fields["file"].widget.attrs["autofocus"] = ""
            valid = False
        if valid:
            data = form.cleaned_data
            upload = data["file"]
            try:
                document = document_create(
                    person=profile,
                    actor=request.user,
                    content=upload.read(),
                    filename=upload.name,
                    name=data["name"],
                    document_date=data["document_date"],
                    category=data["category"],
                    author_kind=data["author_kind"],
                    author_name=data["author_name"],
                    request=request,
                )
            except ContentRefused as refused:
                form.add_error("file", str(refused))
                form.fields["file"].widget.attrs["autofocus"] = ""
            else:
                messages.success(
                    request, _("Le document « %(name)s » a été ajouté.") % {"name": document.name}
                )
                return redirect("documents:detail", document_id=document.pk)
    else:
        form = DocumentUploadForm(max_upload_mb=max_mb)
    context = {"title": _title(form, _("Ajouter un document de santé")), "form": form}
    return render(request, "documents/add.html", context)


@space_view
def document_detail(request: HttpRequest, document_id) -> HttpResponse:
    document = document_get(
        viewer=request.user,
        person=request.space_profile,
        document_id=document_id,
        request=request,
    )
    return render(request, "documents/detail.html", {"title": document.name, "document": document})


def _file_response(document, content: bytes, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, document.filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    if attachment:
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    else:
        response["Content-Security-Policy"] = (
            PREVIEW_CSP_IMAGE if document.is_image else PREVIEW_CSP_PDF
        )
        # Our own page frames the preview (X-Frame-Options DENY everywhere else).
        response["X-Frame-Options"] = "SAMEORIGIN"
    return response


@space_view
def document_preview(request: HttpRequest, document_id) -> HttpResponse:
    document, content = document_content(
        viewer=request.user,
        person=request.space_profile,
        document_id=document_id,
        request=request,
    )
    return _file_response(document, content, attachment=False)


@space_view
def document_download(request: HttpRequest, document_id) -> HttpResponse:
    document, content = document_content(
        viewer=request.user,
        person=request.space_profile,
        document_id=document_id,
        download=True,
        request=request,
    )
    return _file_response(document, content, attachment=True)


@space_view
def document_edit(request: HttpRequest, document_id) -> HttpResponse:
    profile = request.space_profile
    document = document_get(
        viewer=request.user, person=profile, document_id=document_id, request=request
    )
    if request.method == "POST":
        form = DocumentEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            document_update(
                person=profile,
                actor=request.user,
                document_id=document.pk,
                name=data["name"],
                category=data["category"],
                document_date=data["document_date"],
                request=request,
            )
            messages.success(request, _("Les modifications ont été enregistrées."))
            return redirect("documents:detail", document_id=document.pk)
    else:
        form = DocumentEditForm(
            initial={
                "name": document.name,
                "category": document.category,
                "document_date": document.document_date,
            }
        )
    context = {
        "title": _title(form, _("Modifier le document")),
        "form": form,
        "document": document,
    }
    return render(request, "documents/edit.html", context)


@space_view
def document_delete_confirm(request: HttpRequest, document_id) -> HttpResponse:
    profile = request.space_profile
    if request.method == "POST":
        document_delete(
            person=profile, actor=request.user, document_id=document_id, request=request
        )
        messages.success(request, _("Le document a été supprimé."))
        return redirect("documents:list")
    document = document_get(
        viewer=request.user, person=profile, document_id=document_id, request=request
    )
    context = {"title": _("Supprimer le document"), "document": document}
    return render(request, "documents/delete.html", context)


@require_POST
@space_view
def document_set_visibility(request: HttpRequest, document_id, *, hidden: bool) -> HttpResponse:
    """Masquer / ne plus masquer: the two URLs differ only by `hidden` (see urls.py)."""
    document = document_set_hidden(
        person=request.space_profile,
        actor=request.user,
        document_id=document_id,
        hidden=hidden,
        request=request,
    )
    if hidden:
        message = _(
            "Le document « %(name)s » est masqué : les professionnels de santé ne le voient plus."
        )
    else:
        message = _(
            "Le document « %(name)s » n'est plus masqué : les professionnels de santé que vous "
            "autorisez peuvent le voir."
        )
    messages.success(request, message % {"name": document.name})
    return redirect("documents:detail", document_id=document.pk)
