"""The summary (*synthèse*) of the medical profile as a one-page A4 PDF (issue 6 item 4).

fpdf2 with its core fonts (no font file to ship): the text goes through latin-1, with the
typographic characters French text uses mapped to their closest latin-1 equivalent.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from ens.access.exports import latin1

from .selectors import ProfileOverview
from .summary import answer_lines, measurement_lines, reminder_lines

BLUE = (0, 0, 145)  # bleu France
GREY = (58, 58, 58)


class _SummaryPDF(FPDF):
    def heading(self, text: str) -> None:
        self.ln(1.5)
        self.set_font("Helvetica", style="B", size=11)
        self.set_text_color(*BLUE)
        self.cell(w=0, h=6, text=latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*GREY)
        self.set_font("Helvetica", size=9)

    def line_of(self, text: str, *, bold_part: str = "") -> None:
        body = f"**{latin1(bold_part)}** {latin1(text)}" if bold_part else latin1(text)
        self.multi_cell(
            w=0, h=4.6, text=body, markdown=bool(bold_part), new_x="LMARGIN", new_y="NEXT"
        )


def summary_pdf(overview: ProfileOverview) -> bytes:
    """The summary of `overview` as PDF bytes: identity, answers, measurements, sections."""
    person = overview.person
    pdf = _SummaryPDF(format="A4")
    pdf.set_title(latin1(_("Synthèse du profil médical")))
    pdf.set_author("Mon espace santé")
    pdf.set_margins(15, 12, 15)
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=16)
    pdf.set_text_color(*BLUE)
    pdf.cell(w=0, h=9, text=latin1(_("Synthèse du profil médical")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*GREY)
    pdf.set_font("Helvetica", size=10)
    identity = _("%(name)s, né(e) le %(birth)s") % {
        "name": f"{person.first_name} {person.last_name}",
        "birth": person.birth_date.strftime("%d/%m/%Y"),
    }
    pdf.cell(w=0, h=5, text=latin1(identity), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=8)
    edited = _("Mon espace santé - synthèse éditée le %(date)s, à partir des informations saisies.")
    pdf.cell(
        w=0,
        h=5,
        text=latin1(edited % {"date": date_format(timezone.localtime(), "j F Y à H:i")}),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("Helvetica", size=9)

    pdf.heading(_("Questionnaire de première visite"))
    pdf.line_of(" ; ".join(answer_lines(overview)))
    lines = measurement_lines(overview)
    if lines:
        pdf.heading(_("Dernières mesures"))
        pdf.line_of(" ; ".join(lines))
    for block in overview.sections:
        pdf.heading(str(block.section.title))
        if not block.entries:
            pdf.line_of(str(block.section.empty))
        for entry in block.entries:
            facts = " ; ".join(f"{label} : {text}" for label, text in entry.facts())
            pdf.line_of(facts, bold_part=f"- {entry.title}" + (" :" if facts else ""))
        if block.section.slug == "vaccinations" and overview.reminders:
            pdf.line_of(
                _("Rappels du calendrier des vaccinations : ")
                + " ; ".join(reminder_lines(overview))
            )
    return bytes(pdf.output())
