"""The letters' word wrap: the same lines as a wrap measuring each line with fpdf."""

import pytest
from fpdf import FPDF

from ens.activation.letters import WIDTH, _Widths


def fpdf_wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Greedy word wrap measuring every candidate line with FPDF.get_string_width."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and pdf.get_string_width(candidate) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


TEXTS = [
    "Sans opposition de votre part, le service Mon espace santé sera créé automatiquement "
    "pour MARIE-HÉLOÏSE JEAN-BAPTISTE le 5 janvier 2027.",
    "Deux  espaces, une fin d'espace \n et un second paragraphe\n\n après une ligne vide.",
    " commence par une espace et finit par une ",
    "Unmotbienpluslongquelalignequinepeutpasêtrecoupéniparlemilieuniailleursdanscettelettre"
    "etquicontinueencoreunpeupourdépasserlalargeurdelapage puis la suite.",
    "i " * 300,
]


@pytest.mark.parametrize(
    "font", [("Helvetica", "", 10), ("Helvetica", "B", 16), ("Helvetica", "", 7)]
)
@pytest.mark.parametrize("text", TEXTS)
def test_lines_break_where_fpdf_measures_them_to_break(font, text):
    pdf = FPDF(format="A4")
    family, style, size = font
    pdf.set_font(family, style=style, size=size)
    widths = _Widths(pdf)

    first, again = widths.wrap(text, WIDTH), widths.wrap(text, WIDTH)

    assert first == again == fpdf_wrap(pdf, text, WIDTH)
