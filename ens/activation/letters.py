"""Postal letters of a notification wave: one printable PDF per batch, one page per letter.

People without an e-mail address receive the wave's message by post (design §3): the text of
seed 001 adapted to a letter, with the name and postal address where the window of a C5/6
envelope shows them (right-hand side, 45-70 mm from the top), the provisional code and the
automatic creation date.

Built with fpdf2's core fonts (Helvetica, Courier), so nothing outside the package is needed;
those fonts cover Latin-1 only (ens.activation.pdf.latin1). A wave can print tens of
thousands of letters: the paragraphs that are the same on every page are wrapped once per
PDF, the one paragraph that changes (it names the person) is wrapped with word widths kept
from page to page (_Widths), and each page is drawn with plain `text()` calls, well under a
millisecond a page instead of the several milliseconds `multi_cell` costs.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from .pdf import latin1

LEFT = 20.0
WIDTH = 170.0
WINDOW_X = 110.0
WINDOW_Y = 50.0
# The recipient's block, printed behind the envelope's window: from WINDOW_X to the right
# margin, and from WINDOW_Y down to above the date (88 mm).
WINDOW_WIDTH = 85.0
WINDOW_HEIGHT = 34.0
# (font size, line step in mm), largest first: a long address is wrapped to the window's
# width and, when it would run below it, printed smaller; the usual address keeps 11 pt.
WINDOW_FONTS = ((11, 5.0), (9, 4.0), (8, 3.5), (7, 3.0))
LINE = 4.6
FONT_SIZE = 10.0


@dataclass(frozen=True)
class Letter:
    first_name: str
    last_name: str
    address: str
    postal_code: str
    city: str
    code: str


class _Widths:
    """Text widths in the core fonts, as `FPDF.get_string_width` gives them, at a fraction of
    its cost: the wrap measures every growing line and a wave wraps one paragraph per letter.

    A core font's width is a sum of integer character widths (no kerning), scaled by the size:
    a line is measured by adding its words' widths, each asked of fpdf once per font, and the
    scaling is the same expression as fpdf's (fpdf.fonts.CoreFont.get_text_width), so the
    result is the very same number and the lines break where `get_string_width` breaks them.
    """

    def __init__(self, pdf: FPDF):
        self.pdf = pdf
        self.units: dict[tuple[str, str], int] = {}

    def of(self, text: str) -> int:
        """The width of `text` in the current font, in font units (1/1000 of the size)."""
        key = (self.pdf.font_family + self.pdf.font_style, text)
        units = self.units.get(key)
        if units is None:
            pdf = self.pdf
            units = round(pdf.get_string_width(text) * pdf.k / (pdf.font_size_pt * 0.001))
            self.units[key] = units
        return units

    def wrap(self, text: str, width: float) -> list[str]:
        """Greedy word wrap of `text` (a paragraph per "\\n") in the current font."""
        pdf = self.pdf
        space = self.of(" ")
        lines: list[str] = []
        for paragraph in text.split("\n"):
            current, used = "", 0
            for word in paragraph.split(" "):
                if not current:
                    current, used = word, self.of(word)
                    continue
                units = used + space + self.of(word)
                # fpdf's own expression, in its order: the same float, the same breaks.
                if units * pdf.font_size_pt * 0.001 / pdf.k > width:
                    lines.append(current)
                    current, used = word, self.of(word)
                else:
                    current, used = f"{current} {word}", units
            lines.append(current)
        return lines


class _LetterWriter:
    def __init__(self, *, auto_creation_date: date, sent_on: date):
        self.pdf = FPDF(format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_title(latin1(_("Mon espace santé - courriers de notification")))
        self.pdf.set_author("Mon espace santé")
        self.pdf.set_font("Helvetica", size=FONT_SIZE)
        self.widths = _Widths(self.pdf)
        self.day = formats.date_format(auto_creation_date, "j F Y")
        self.sent_on = formats.date_format(sent_on, "j F Y")
        site = settings.SITE_URL.rstrip("/")
        wrap = self._wrap_plain
        self.intro = wrap(
            _(
                "Vous allez bénéficier de Mon espace santé. Ce nouveau service public, "
                "numérique et sécurisé, hébergé en France, vous permet d'être acteur au "
                "quotidien de votre santé et de celle de vos proches."
            )
        )
        self.choices = wrap(
            _("Avec votre carte Vitale et le code provisoire ci-dessous, vous pouvez :")
            + "\n"
            + _("- activer sans attendre le service Mon espace santé ;")
            + "\n"
            + _("- ou vous opposer à sa création.")
            + "\n"
            + _(
                "Vous pourrez à tout moment changer d'avis : clôturer votre espace ou l'activer "
                "si vous ne l'aviez pas fait."
            )
        )
        self.validity = wrap(
            _("Ce code est valable jusqu'au %(date)s.") % {"date": self.day}
            + "\n"
            + _(
                "Pour activer Mon espace santé ou vous opposer à sa création, rendez-vous sur "
                "%(url)s, cliquez sur « Commencer », puis saisissez ce code et votre numéro "
                "de sécurité sociale ; gardez votre carte Vitale à portée de main."
            )
            % {"url": f"{site}/activation/"}
        )
        self.benefits = wrap(
            _("Avec Mon espace santé, vous pouvez :")
            + "\n"
            + _("- stocker, classer et décider avec qui vous partagez vos informations de santé ;")
            + "\n"
            + _(
                "- échanger avec les professionnels qui assurent votre suivi médical grâce à "
                "une messagerie de santé sécurisée."
            )
            + "\n"
            + _("Et prochainement :")
            + "\n"
            + _("- suivre vos événements de santé grâce à un agenda personnalisé ;")
            + "\n"
            + _(
                "- découvrir des services numériques utiles pour votre santé disponibles dans "
                "Mon espace santé."
            )
            + "\n"
            + _(
                "Pour en savoir plus sur le service Mon espace santé, rendez-vous sur le site "
                "monespacesante.fr."
            )
        )
        self.pdf.set_font("Helvetica", size=7)
        self.privacy = self.widths.wrap(
            latin1(
                _(
                    "Le service Mon espace santé mis en œuvre par l'Assurance Maladie et le "
                    "Ministère des Solidarités et de la Santé garantit la protection de vos "
                    "données personnelles conformément au Règlement Général sur la Protection "
                    "des Données. L'envoi de ce courrier s'inscrit dans le cadre du traitement "
                    "de données dénommé « Mon espace santé » mis en œuvre conjointement par "
                    "l'Assurance Maladie et le Ministère des Solidarités et de la Santé. Pour en "
                    "savoir plus sur le traitement et sur vos droits, rendez-vous sur "
                    "monespacesante.fr/protection-donnees-personnelles."
                )
            ),
            WIDTH,
        )
        # The same on every page, translated once.
        self.title = latin1(_("Mon espace santé"))
        self.sender = latin1(_("Assurance Maladie"))
        self.dated = latin1(_("Le %(date)s") % {"date": self.sent_on})
        self.headline = latin1(_("Avec Mon espace santé, vous avez la main sur votre santé"))
        self.hello = [latin1(_("Bonjour,"))]
        self.creation = _(
            "Sans opposition de votre part, le service Mon espace santé sera créé "
            "automatiquement pour %(name)s le %(date)s."
        )
        self.code_for = _("Code provisoire pour %(name)s :")
        self.closing = [
            latin1(_("Avec toute mon attention,")),
            latin1(_("Votre correspondant Mon espace santé.")),
        ]

    def _wrap_plain(self, text: str) -> list[str]:
        self.pdf.set_font("Helvetica", size=FONT_SIZE)
        return self.widths.wrap(latin1(text), WIDTH)

    def _lines(self, lines: list[str], y: float, *, step: float = LINE) -> float:
        for line in lines:
            self.pdf.text(LEFT, y, line)
            y += step
        return y

    def window(self, letter: Letter) -> tuple[int, float, list[str]]:
        """Font size, line step and lines of the recipient's block; sets that font.

        Every word is kept: lines are wrapped to the window's width, and the font shrinks
        until the block fits its height (only a word wider than the window could overflow).
        """
        recipient = [
            latin1(line)
            for line in (
                f"{letter.first_name} {letter.last_name.upper()}",
                *letter.address.splitlines(),
                f"{letter.postal_code} {letter.city.upper()}",
            )
        ]
        for size, step in WINDOW_FONTS:
            self.pdf.set_font("Helvetica", size=size)
            lines = [part for line in recipient for part in self.widths.wrap(line, WINDOW_WIDTH)]
            if (len(lines) - 1) * step <= WINDOW_HEIGHT:
                break
        return size, step, lines

    def add(self, letter: Letter) -> None:
        pdf = self.pdf
        pdf.add_page()
        name = latin1(letter.first_name.upper())
        pdf.set_font("Helvetica", style="B", size=16)
        pdf.text(LEFT, 22, self.title)
        pdf.set_font("Helvetica", size=9)
        pdf.text(LEFT, 27, self.sender)

        # The envelope's window: recipient's name and postal address.
        _size, step, lines = self.window(letter)
        y = WINDOW_Y
        for line in lines:
            pdf.text(WINDOW_X, y, line)
            y += step

        pdf.set_font("Helvetica", size=FONT_SIZE)
        pdf.text(WINDOW_X, 88, self.dated)
        pdf.set_font("Helvetica", style="B", size=FONT_SIZE)
        pdf.text(LEFT, 100, self.headline)
        pdf.set_font("Helvetica", size=FONT_SIZE)
        y = self._lines(self.hello, 110)
        y = self._lines(self.intro, y + 2)
        creation = latin1(self.creation % {"name": name, "date": self.day})
        y = self._lines(self.widths.wrap(creation, WIDTH), y + 2)
        y = self._lines(self.choices, y + 2)
        y = self._lines(self.widths.wrap(latin1(self.code_for % {"name": name}), WIDTH), y + 3)
        pdf.set_font("Courier", style="B", size=18)
        pdf.text(LEFT + 10, y + 4, letter.code)
        pdf.set_font("Helvetica", size=FONT_SIZE)
        y = self._lines(self.validity, y + 12)
        y = self._lines(self.benefits, y + 2)
        y = self._lines(self.closing, y + 3)
        pdf.set_font("Helvetica", size=7)
        self._lines(self.privacy, 276, step=3.2)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def letters_pdf(letters: list[Letter], *, auto_creation_date: date) -> bytes:
    """One printable PDF, one A4 page per letter, in the order given (French text)."""
    with translation.override(settings.LANGUAGE_CODE):
        writer = _LetterWriter(auto_creation_date=auto_creation_date, sent_on=timezone.localdate())
        for letter in letters:
            writer.add(letter)
        return writer.output()
