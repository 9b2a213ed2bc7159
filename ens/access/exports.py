"""The access history as a file: CSV for a spreadsheet, PDF to keep or print."""

import csv
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from ens.registry.models import InsuredPerson

from .models import AccessLogEntry, Mode

# A PDF is for reading: beyond this, the CSV (which has everything) is the right file.
PDF_MAX_ENTRIES = 2000
# Excel opens a UTF-8 CSV correctly only when it starts with a byte-order mark.
BOM = "\ufeff"


def _moment(entry: AccessLogEntry) -> tuple[str, str]:
    local = timezone.localtime(entry.created_at)
    return local.strftime("%d/%m/%Y"), local.strftime("%H:%M:%S")


def _how(entry: AccessLogEntry) -> str:
    return str(Mode(entry.mode).label)


def csv_header() -> list[str]:
    return [
        _("Date"),
        _("Heure"),
        _("Qui"),
        _("Type d'auteur"),
        _("Action"),
        _("Quoi"),
        _("Mode d'accès"),
        _("Détail"),
    ]


def csv_row(entry: AccessLogEntry) -> list[str]:
    day, clock = _moment(entry)
    return [
        day,
        clock,
        entry.actor_label,
        entry.get_actor_kind_display(),
        entry.get_action_display(),
        entry.resource,
        _how(entry),
        entry.detail,
    ]


class _Echo:
    """A file-like object whose write returns the line: csv.writer straight into a stream."""

    def write(self, value: str) -> str:
        return value


def csv_lines(entries: QuerySet[AccessLogEntry]) -> Iterator[str]:
    """The CSV, line by line (streamed: a long history is never held in memory)."""
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield BOM + writer.writerow(csv_header())
    for entry in entries.iterator(chunk_size=2000):
        yield writer.writerow(csv_row(entry))


# The PDF core fonts know only Latin-1: typographic characters become their plain twins.
_LATIN1 = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
     "\u2026": "...", "\u202f": " ", "\u0153": "oe", "\u0152": "OE", "\u20ac": "EUR"}
)  # fmt: skip


def latin1(text: str) -> str:
    return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")


def history_pdf(
    *, person: InsuredPerson, entries: Iterable[AccessLogEntry], total: int, period: str
) -> bytes:
    """The history as an A4 landscape PDF table, newest first, at most PDF_MAX_ENTRIES rows."""
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_title(latin1(_("Historique des accès")))
    pdf.set_author("Mon espace santé")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=15)
    title = _("Historique des accès : %(name)s") % {"name": person}
    pdf.cell(text=latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    generated = date_format(timezone.localtime(), "j F Y à H:i")
    lines = [
        _("Mon espace santé - document édité le %(date)s.") % {"date": generated},
        period,
        _("%(count)s accès, du plus récent au plus ancien.") % {"count": total},
    ]
    if total > PDF_MAX_ENTRIES:
        lines.append(
            _(
                "Ce document montre les %(max)s accès les plus récents ; "
                "le fichier CSV les contient tous."
            )
            % {"max": PDF_MAX_ENTRIES}
        )
    for line in lines:
        pdf.multi_cell(w=0, text=latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    headings = FontFace(emphasis="BOLD", fill_color=(227, 227, 253))
    with pdf.table(
        col_widths=(28, 55, 26, 90, 40),
        headings_style=headings,
        line_height=5,
        text_align="LEFT",
    ) as table:
        table.row([_("Date"), _("Qui"), _("Action"), _("Quoi"), _("Mode d'accès")])
        for entry in entries:
            day, clock = _moment(entry)
            how = _how(entry)
            if entry.mode == Mode.EMERGENCY and entry.detail:
                how = f"{how} : {entry.detail}"
            cells = [
                f"{day} {clock[:5]}",
                entry.actor_label,
                entry.get_action_display(),
                entry.resource,
                how,
            ]
            table.row([latin1(str(cell)) for cell in cells])
    return bytes(pdf.output())
