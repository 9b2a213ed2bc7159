"""The fast path of the registry import (`rows.parse_line`) never disagrees with parse_row.

A line the fast pattern accepts must give exactly the row parse_row gives; a line parse_row
refuses must never get through. Checked on usual lines and on thousands of lines mutated
one character at a time (deterministic: a fixed seed).
"""

import datetime
import random

import pytest

from ens.registry.rows import RowInvalid, _usual_row, parse_line, parse_row, split_cells
from tests.registry.helpers import nir, row

TODAY = datetime.date(2026, 1, 15)


def usual(**cells) -> str:
    """Christian's row as the export writes it: the fast path's usual line."""
    return row(**{"nir": "184127645108946", "mobile": "07 12 34 56 78", **cells})


USUAL_LINES = [
    usual(),
    usual(mobile="", email=""),
    usual(mobile="0712345678", vitale_photo="non"),
    usual(mobile="06 90 12 34 56", sexe="1"),  # Guadeloupe mobile
    row(nir=nir("2 91 03 75 112 034"), sexe="F", date_naissance="21/03/1991", mobile=""),
    # A child on a parent's card, with a parent whose month is unknown (pseudo-month 30).
    row(
        nir=nir("2 15 05 76 451 123"),
        sexe="F",
        date_naissance="03/05/2015",
        mobile="06 98 76 54 32",
        vitale_serie="",
        vitale_photo="",
        nir_ouvrant_droit=nir("1 60 30 76 451 089"),
    ),
]

# Characters that break or change a cell: separators, quotes, white space (Unicode too),
# digits, letters of the sex, NIR and photo cells, accents, e-mail and date punctuation.
ALPHABET = list("0123456789;\" \t\xa0\u2003/.@-+MFmf12ABouiné_%'x") + [""]


def slow(line: str):
    """What parse_row says: the row, or the RowInvalid it raises."""
    try:
        return parse_row(split_cells(line), today=TODAY)
    except RowInvalid as exc:
        return exc


@pytest.mark.parametrize("line", USUAL_LINES)
def test_usual_lines_take_the_fast_path_and_read_the_same(line):
    fast = _usual_row(line, TODAY)

    assert fast is not None
    assert fast == parse_row(split_cells(line), today=TODAY)


@pytest.mark.parametrize(
    "line",
    [
        usual(nir=" 184127645108946"),  # white space: parse_row strips it
        usual(nir="1 84 12 76 451 089 46"),
        usual(nom='"Dupont"'),
        row(mobile="+33 7 12 34 56 78"),
        usual(nir=nir("1 84 12 2A 004 089"), date_naissance="14/12/1984"),  # Corsica
        usual(nir=nir("1 84 12 99 351 089")),  # born abroad
        usual(vitale_serie="0102457612 4"),
        usual(vitale_photo="OUI"),
    ],
)
def test_unusual_but_valid_lines_go_through_parse_row(line):
    assert _usual_row(line, TODAY) is None
    assert parse_line(line, today=TODAY) == parse_row(split_cells(line), today=TODAY)


@pytest.mark.parametrize(
    "line",
    [
        usual(nir="184127645108947"),  # wrong key
        usual(date_naissance="14/11/1984"),  # month differs from the NIR's
        usual(date_naissance="31/02/1984"),
        usual(sexe="F"),
        usual(nom="x" * 101),
        usual(email="christian@example"),
        usual(email="c" * 244 + "@example.fr"),  # 255 characters, 254 at most
        usual(nir=nir("1 84 12 76 000 089")),  # commune 000
        usual(vitale_serie="", vitale_photo=""),  # an adult without a card
        usual(nir_ouvrant_droit="184127645108946"),  # their own parent
        usual(nir_ouvrant_droit="184127645108947"),
        usual(date_naissance="14/12/2084", nir=nir("1 84 12 76 451 089")),  # in the future
    ],
)
def test_lines_parse_row_refuses_never_take_the_fast_path(line):
    assert _usual_row(line, TODAY) is None
    with pytest.raises(RowInvalid):
        parse_line(line, today=TODAY)


def test_mutated_lines_never_make_the_two_paths_disagree():
    rng = random.Random(20261124)
    fast_accepted = 0
    for _ in range(20_000):
        line = rng.choice(USUAL_LINES)
        for _ in range(rng.choice((1, 1, 2, 3))):
            position = rng.randrange(len(line) + 1)
            change = rng.choice(("replace", "insert", "delete"))
            char = rng.choice(ALPHABET)
            if change == "insert":
                line = line[:position] + char + line[position:]
            elif change == "delete":
                line = line[:position] + line[position + 1 :]
            else:
                line = line[:position] + char + line[position + 1 :]
        fast = _usual_row(line, TODAY)
        if fast is not None:
            fast_accepted += 1
            assert fast == slow(line), line
    # Most single changes break a row, but many (a letter of a name, a digit of a mobile)
    # leave it valid: the comparison above must have had rows to compare.
    assert fast_accepted > 1000
