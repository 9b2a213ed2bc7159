"""What a file really is: PDF, JPEG or PNG, judged from its bytes, never from its name.

Issue 6 ("Security and bad input"): the browser's content type and the file name are claims;
the bytes decide. A file is accepted only if it starts with the signature of one of the three
formats AND a real parser reads it:
- PDF: pypdf reads its structure (cross-reference table, page tree) and finds a page;
- JPEG and PNG: the dimensions are read from the header first and an image of more pixels
  than DOCUMENTS_MAX_IMAGE_PIXELS is refused before anything is decoded (a decompression
  bomb: a few kilobytes that inflate to gigabytes); then Pillow verifies and decodes it.
Anything else (an executable renamed .pdf, SVG, HTML, a ZIP archive, an empty file) is
refused. ZIP files are never opened, so a zip bomb costs nothing.

Pure functions: no database, no storage. Messages are French, shown next to the file field.
"""

import io
import logging
import re
import struct
import unicodedata
from pathlib import PurePosixPath, PureWindowsPath

from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from .models import ContentType

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
EXTENSIONS = {ContentType.PDF: ".pdf", ContentType.JPEG: ".jpg", ContentType.PNG: ".png"}
FILENAME_MAX_LENGTH = 100
# JPEG start-of-frame markers (baseline, progressive, lossless, arithmetic): they carry the size.
_JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}

# pypdf logs the repairs it makes to sloppy (but readable) PDFs: not errors for us.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class ContentRefused(ValueError):
    """The file is not accepted; `str(error)` is the French message for the person."""


def _unsupported() -> ContentRefused:
    return ContentRefused(
        _(
            "Ce fichier n'est ni un PDF, ni une image JPEG ou PNG : seuls ces formats sont "
            "acceptés, quel que soit le nom du fichier."
        )
    )


def _png_size(data: bytes) -> tuple[int, int]:
    # The IHDR chunk always comes first: width and height at bytes 16-24.
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise _unsupported()
    return struct.unpack(">II", data[16:24])


def _jpeg_size(data: bytes) -> tuple[int, int]:
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise _unsupported()
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if marker in _JPEG_SOF and position + 9 <= len(data):
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return width, height
        if length < 2:
            raise _unsupported()
        position += 2 + length
    raise _unsupported()


def _check_image(data: bytes, content_type: str, max_pixels: int) -> None:
    width, height = _png_size(data) if content_type == ContentType.PNG else _jpeg_size(data)
    if width * height > max_pixels:
        raise ContentRefused(
            _(
                "Cette image est trop grande (%(width)s × %(height)s pixels) : la limite est de "
                "%(limit)s millions de pixels."
            )
            % {"width": width, "height": height, "limit": max_pixels // 1_000_000}
        )
    expected = "PNG" if content_type == ContentType.PNG else "JPEG"
    try:
        with Image.open(io.BytesIO(data), formats=[expected]) as image:
            image.verify()  # structure and checksums, without decoding
        with Image.open(io.BytesIO(data), formats=[expected]) as image:
            image.load()  # a real decode: truncated or corrupt data fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ContentRefused(
            _("Cette image est illisible ou endommagée : elle ne peut pas être ajoutée.")
        ) from None


def _check_pdf(data: bytes) -> None:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ContentRefused(
                _(
                    "Ce PDF est protégé par un mot de passe : enregistrez-en une version sans "
                    "mot de passe pour l'ajouter."
                )
            )
        pages = len(reader.pages)
    except ContentRefused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError):
        pages = 0
    except RecursionError:  # a page tree that points to itself
        pages = 0
    if pages < 1:
        raise ContentRefused(
            _("Ce fichier porte la marque d'un PDF mais n'en est pas un lisible : il est refusé.")
        )


def detect_content_type(data: bytes, *, max_bytes: int, max_pixels: int) -> str:
    """The content type of `data` ("application/pdf", "image/jpeg", "image/png").

    Raises ContentRefused with the French reason for an empty file, a file over `max_bytes`,
    a format other than the three, a file that only looks like one of them, or an image of
    more than `max_pixels` pixels.
    """
    if not data:
        raise ContentRefused(_("Ce fichier est vide (0 octet) : choisissez un autre fichier."))
    if len(data) > max_bytes:
        raise ContentRefused(
            _("Ce fichier dépasse la taille maximale de %(size)s Mo.")
            % {"size": max_bytes // (1024 * 1024)}
        )
    if data.startswith(PDF_MAGIC):
        _check_pdf(data)
        return ContentType.PDF
    if data.startswith(PNG_MAGIC):
        _check_image(data, ContentType.PNG, max_pixels)
        return ContentType.PNG
    if data.startswith(JPEG_MAGIC):
        _check_image(data, ContentType.JPEG, max_pixels)
        return ContentType.JPEG
    raise _unsupported()


def safe_filename(name: str, content_type: str) -> str:
    """A file name safe for a Content-Disposition header, with the extension of its content.

    Whatever was sent (a path, `../..`, control characters, 300 characters), the result is a
    bare name of at most 100 characters, letters, digits and `._-() ` only, ending with the
    extension of what the file really is. It is used for downloads only: files are stored
    under a random name and the display name is separate.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = PureWindowsPath(PurePosixPath(name.replace("\x00", "")).name).name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"[^\w .()-]+", "_", stem, flags=re.UNICODE)
    stem = re.sub(r"[\s_]+", lambda m: "_" if "_" in m.group() else " ", stem).strip(" ._-")
    extension = EXTENSIONS[content_type]
    stem = stem[: FILENAME_MAX_LENGTH - len(extension)].rstrip(" ._-") or "document"
    return stem + extension


def display_name_from_filename(filename: str) -> str:
    """A default display name: the file name without its extension, underscores as spaces."""
    stem = filename.rsplit(".", 1)[0]
    return stem.replace("_", " ").strip() or "document"
