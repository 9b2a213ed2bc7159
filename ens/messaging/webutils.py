"""What the patient's and the professional's pages share: the size limit on uploads, the
download response and the reading of a reply form."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from ens.documents.services import max_upload_bytes
from ens.documents.uploads import SizeLimitUploadHandler

from .services import Upload


def limit_uploads(request: HttpRequest) -> SizeLimitUploadHandler:
    """Put the size limit in place before the body is read (see ens.documents.views)."""
    limiter = SizeLimitUploadHandler(request, max_bytes=max_upload_bytes())
    request.upload_handlers.insert(0, limiter)
    return limiter


def valid_with_upload(form, limiter: SizeLimitUploadHandler) -> bool:
    valid = form.is_valid()
    if limiter.too_large:
        size = max_upload_bytes() // (1024 * 1024)
        form.errors["attachment"] = form.error_class(
            [_("Ce fichier dépasse la taille maximale de %(size)s Mo.") % {"size": size}]
        )
        form.fields["attachment"].widget.attrs["autofocus"] = ""
        valid = False
    return valid


def uploads_of(form) -> list[Upload]:
    upload = form.cleaned_data.get("attachment")
    return [Upload(filename=upload.name, content=upload.read())] if upload else []


def refuse(form, field: str, message: str) -> None:
    form.add_error(field if field in form.fields else None, message)
    if field in form.fields:
        form.fields[field].widget.attrs["autofocus"] = ""


def file_response(attachment, content: bytes) -> HttpResponse:
    """Always a download, sandboxed: the file is someone else's."""
    response = HttpResponse(content, content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(True, attachment.filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


Handler = Callable[..., HttpResponse]
