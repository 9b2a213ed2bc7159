"""Camille's demo documents (design §7): several categories and authors, real small files."""

import io
from datetime import date

from fpdf import FPDF
from PIL import Image, ImageDraw

from ens.professionals.models import Professional
from ens.registry.models import InsuredPerson

from .models import AuthorKind, Category, Document
from .services import document_create


def _pdf(title: str, lines: list[str]) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", style="B", size=16)
    pdf.cell(0, 12, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=11)
    for line in lines:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _png(caption: str) -> bytes:
    image = Image.new("RGB", (480, 360), (236, 236, 254))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 460, 340), outline=(0, 0, 145), width=4)
    draw.ellipse((170, 90, 310, 270), outline=(60, 60, 60), width=6)
    draw.text((32, 310), caption, fill=(0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def demo_documents_ensure(*, camille: InsuredPerson, claire: Professional) -> int:
    """Add Camille's demo documents unless she has some already; returns how many were added."""
    if Document.objects.filter(person=camille).exists():
        return 0
    doctor = f"{claire.first_name} {claire.last_name}"
    samples = [
        (
            "Attestation de vaccination contre la Covid-19",
            date(2022, 2, 4),
            Category.CERTIFICATE,
            AuthorKind.ASSURANCE_MALADIE,
            "",
            _pdf("Attestation de vaccination", ["Schéma vaccinal complet.", "Camille Durand"]),
        ),
        (
            "Ordonnance du Dr Martin",
            date(2025, 3, 12),
            Category.PRESCRIPTION,
            AuthorKind.PROFESSIONAL,
            claire.rpps,
            _pdf("Ordonnance", [f"Dr {doctor}", "Paracétamol 1 g, 3 fois par jour, 5 jours."]),
        ),
        (
            "Bilan sanguin",
            date(2025, 1, 20),
            Category.LAB_RESULT,
            AuthorKind.ESTABLISHMENT,
            "Laboratoire Bio Rouen",
            _pdf("Résultats de biologie", ["Hémoglobine : 13,8 g/dL", "Glycémie : 0,92 g/L"]),
        ),
        (
            "Radio du poignet",
            date(2024, 11, 5),
            Category.IMAGING,
            AuthorKind.ESTABLISHMENT,
            "CHU de Rouen",
            _png("Radiographie du poignet droit"),
        ),
        (
            "Rappel vaccin DTP",
            date(2023, 6, 15),
            Category.VACCINATION,
            AuthorKind.SELF,
            "",
            _pdf("Vaccination", ["Rappel diphtérie, tétanos, poliomyélite."]),
        ),
    ]
    for name, when, category, author_kind, author_name, content in samples:
        extension = "png" if content.startswith(b"\x89PNG") else "pdf"
        document_create(
            person=camille,
            actor=None,
            content=content,
            filename=f"{name}.{extension}",
            name=name,
            document_date=when,
            category=category,
            author_kind=author_kind,
            author_name=author_name,
        )
    return len(samples)
