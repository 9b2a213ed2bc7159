"""The letters' word wrap (the same lines as fpdf measures them) and the envelope window."""

from datetime import date

import pytest
from fpdf import FPDF

from ens.activation.letters import (
    WIDTH,
    WINDOW_HEIGHT,
    WINDOW_WIDTH,
    Letter,
    _LetterWriter,
    _Widths,
    letters_pdf,
)
from ens.activation.pdf import latin1


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


def _letter(**fields) -> Letter:
    values = {
        "first_name": "Christian",
        "last_name": "Dupont",
        "address": "12 rue des Lilas",
        "postal_code": "76000",
        "city": "Rouen",
        "code": "ABCDEFGHJKLM",
    }
    return Letter(**{**values, **fields})


def _window(letter: Letter):
    writer = _LetterWriter(auto_creation_date=date(2027, 1, 5), sent_on=date(2026, 11, 24))
    size, step, lines = writer.window(letter)
    widths = [writer.pdf.get_string_width(line) for line in lines]
    return size, step, lines, widths


def test_a_usual_address_keeps_its_lines_and_size():
    size, step, lines, _ = _window(_letter())

    assert (size, step) == (11, 5.0)
    assert lines == ["Christian DUPONT", "12 rue des Lilas", "76000 ROUEN"]


def test_the_longest_names_and_address_the_registry_allows_fit_the_window():
    # The registry's limits: 100 characters a name, 200 the address, 100 the city.
    long = _letter(
        first_name="Marie-Héloïse " * 7,
        last_name="de La Tour d'Auvergne " * 4,
        address="Résidence des Grands Chênes bâtiment B escalier 4 " * 4,
        city="Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson " * 2,
    )
    size, step, lines, widths = _window(long)

    assert size < 11
    assert max(widths) <= WINDOW_WIDTH
    assert (len(lines) - 1) * step <= WINDOW_HEIGHT
    expected = " ".join(
        [f"{long.first_name} {long.last_name.upper()}", long.address, f"76000 {long.city.upper()}"]
    )
    assert " ".join(lines).split() == latin1(expected).split()  # no word lost


def test_a_letter_with_a_long_address_is_printed(tmp_path):
    pdf = letters_pdf(
        [_letter(address="Résidence des Grands Chênes bâtiment B escalier 4 " * 4)],
        auto_creation_date=date(2027, 1, 5),
    )

    assert pdf.startswith(b"%PDF")
