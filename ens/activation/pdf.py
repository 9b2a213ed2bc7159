"""The *justificatif d'opposition*: a one-page PDF with the text of seed 003.

Built with fpdf2's core fonts (Helvetica), so nothing outside the package is needed on any
machine; those fonts cover Latin-1 only, so the few typographic characters outside it are
replaced by their plain equivalents first.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from ens.registry.models import InsuredPerson
from ens.registry.nir import format_nir

_PLAIN = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "œ": "oe",
        "Œ": "OE",
        "–": "-",
        "—": "-",
        "…": "...",
        "\u202f": " ",
        "\u2009": " ",
    }
)


def latin1(text: str) -> str:
    """`text` in the characters the PDF core fonts can draw."""
    return text.translate(_PLAIN).encode("latin-1", errors="replace").decode("latin-1")


def opposition_receipt_pdf(*, person: InsuredPerson, opposed_at: datetime) -> bytes:
    """The proof of opposition: the person's NIR and name, the date, and seed 003's text."""
    day = timezone.localtime(opposed_at).strftime("%d/%m/%Y")
    name = f"{person.first_name} {person.last_name.upper()}"

    pdf = FPDF(format="A4")
    pdf.set_title(latin1(_("Justificatif d'opposition à la création de Mon espace santé")))
    pdf.set_author("Mon espace santé")
    pdf.set_margins(20, 20, 20)
    pdf.add_page()

    def line(text: str, *, size: int = 11, style: str = "", gap: float = 2) -> None:
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.multi_cell(0, size * 0.5, latin1(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    line(_("Mon espace santé"), size=16, style="B", gap=1)
    line(_("Assurance Maladie"), size=10, gap=10)
    line(_("Numéro de l'assuré : %(nir)s") % {"nir": format_nir(person.nir)})
    line(_("Nom de l'assuré : %(name)s") % {"name": name}, gap=6)
    line(_("Le %(date)s") % {"date": day}, gap=10)
    line(_("Votre justificatif d'opposition"), size=14, style="B", gap=6)
    line(_("Bonjour %(name)s,") % {"name": name}, gap=4)
    line(
        _(
            "Votre demande d'opposition à la création de Mon espace santé a bien été prise "
            "en compte le %(date)s."
        )
        % {"date": day},
        gap=4,
    )
    line(
        _(
            "Vous pouvez revenir à tout moment sur votre décision en vous connectant sur "
            "monespacesante.fr."
        ),
        gap=8,
    )
    line(_("Avec toute mon attention,"), gap=0)
    line(_("Votre conseiller Mon espace santé"))
    return bytes(pdf.output())
