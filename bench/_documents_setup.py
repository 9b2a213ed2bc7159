"""Child process of `bench documents`: its own database and disk, then the service figures.

`python -m bench._documents_setup SIZES_MB ROUNDS DOCUMENTS` works on the database of
DATABASE_URL and the documents folder of ENS_VAR_DIR. It migrates, creates a person with an
account, measures upload and download through the encrypted storage (services and
selectors, as the pages call them) next to raw AES-GCM and raw disk writes and reads of the
same bytes, then gives the person DOCUMENTS documents and opens a logged-in session. It
prints one JSON line: the figures and the session cookie.
"""

import json
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import django

from bench._home_setup import camille_with_account, session_cookie

MB = 1024 * 1024


def _pdf_of_size(size: int) -> bytes:
    """A real PDF of about `size` bytes: one page and an embedded file of random bytes
    (incompressible, like a scan)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Compte rendu")
    pdf.embed_file(basename="scan.bin", bytes=os.urandom(size - 8192), compress=False)
    return bytes(pdf.output())


def _rate(total_bytes: int, seconds: float) -> float:
    return total_bytes / MB / seconds


def _service_figures(user, person, size_mb: int, rounds: int, folder: Path) -> dict:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from ens.documents.models import AuthorKind, Category
    from ens.documents.selectors import document_content
    from ens.documents.services import document_create

    content = _pdf_of_size(size_mb * MB)
    total = len(content) * rounds
    timings = {"upload": 0.0, "download": 0.0, "encrypt": 0.0, "decrypt": 0.0}
    timings |= {"disk_write": 0.0, "disk_read": 0.0}
    for round_number in range(rounds):
        started = time.perf_counter()
        document = document_create(
            person=person,
            actor=user,
            content=content,
            filename="scan.pdf",
            name=f"Scan {size_mb} Mo n° {round_number}",
            document_date=date(2025, 1, 1),
            category=Category.IMAGING,
            author_kind=AuthorKind.SELF,
        )
        timings["upload"] += time.perf_counter() - started
        started = time.perf_counter()
        _doc, read_back = document_content(viewer=user, person=person, document_id=document.pk)
        timings["download"] += time.perf_counter() - started
        assert read_back == content

        key, nonce = AESGCM.generate_key(bit_length=256), os.urandom(12)
        started = time.perf_counter()
        ciphertext = AESGCM(key).encrypt(nonce, content, b"aad")
        timings["encrypt"] += time.perf_counter() - started
        started = time.perf_counter()
        AESGCM(key).decrypt(nonce, ciphertext, b"aad")
        timings["decrypt"] += time.perf_counter() - started

        path = folder / f"raw-{size_mb}-{round_number}"
        started = time.perf_counter()
        path.write_bytes(content)
        timings["disk_write"] += time.perf_counter() - started
        started = time.perf_counter()
        path.read_bytes()
        timings["disk_read"] += time.perf_counter() - started
        path.unlink()
    return {
        "size_mb": round(len(content) / MB, 2),
        "rounds": rounds,
        **{name: _rate(total, seconds) for name, seconds in timings.items()},
    }


def _many_documents(user, person, count: int) -> None:
    """`count` documents through the service (small real PDFs, dates over 8 years)."""
    from ens.documents.models import AuthorKind, Category
    from ens.documents.services import document_create

    small = _pdf_of_size(16 * 1024)
    categories, authors = Category.values, AuthorKind.values
    for n in range(count):
        document_create(
            person=person,
            actor=user,
            content=small,
            filename=f"document-{n}.pdf",
            name=f"Document {n} — {categories[n % len(categories)]}",
            document_date=date(2025, 6, 1) - timedelta(days=3 * n),
            category=categories[n % len(categories)],
            author_kind=authors[n % len(authors)],
            author_name="Dr Claire Martin" if authors[n % len(authors)] == "professionnel" else "",
        )


def main() -> None:
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    sizes = [int(s) for s in sys.argv[1].split(",")]
    rounds, count = int(sys.argv[2]), int(sys.argv[3])
    call_command("migrate", verbosity=0, interactive=False)
    person, user = camille_with_account()
    with tempfile.TemporaryDirectory(dir=settings.VAR_DIR) as folder:
        figures = [
            _service_figures(user, person, size, max(3, rounds // size), Path(folder))
            for size in sizes
        ]
    from ens.documents.models import Document

    Document.objects.filter(person=person, name__startswith="Scan ").delete()
    _many_documents(user, person, count - Document.objects.filter(person=person).count())
    cookie = session_cookie(user)
    print(json.dumps({"service": figures, "cookie": cookie}))


if __name__ == "__main__":
    main()
