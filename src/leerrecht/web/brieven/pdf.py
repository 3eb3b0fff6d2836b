"""A letter to parents as PDF (reportlab platypus).

Layout: school name as letterhead, date, addressee, subject, the body paragraphs and the
signature. The PDF is built from the stored :class:`~leerrecht.web.brieven.models.VerzondenBrief`
only, so every download of a letter reads the same.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.enums import TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet  # type: ignore[import-untyped]
from reportlab.lib.units import cm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    HRFlowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)

from leerrecht.web.brieven.models import VerzondenBrief
from leerrecht.web.brieven.sjabloontaal import datum_nl

#: DejaVu Sans covers every Latin script (Polish, Czech, Turkish, ...) and is in most Linux
#: images; reportlab's own Bitstream Vera (always there) covers Western European names.
LETTERTYPEN = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),  # Debian, Ubuntu
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),  # Fedora, Alpine
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),  # Arch
)


@cache
def lettertypen() -> tuple[str, str]:
    """Register and return (regular, bold) font names with wide character coverage."""
    for path in LETTERTYPEN:
        bold = path.with_name("DejaVuSans-Bold.ttf")
        if path.is_file() and bold.is_file():
            pdfmetrics.registerFont(TTFont("BriefLetter", str(path)))
            pdfmetrics.registerFont(TTFont("BriefLetter-Vet", str(bold)))
            return "BriefLetter", "BriefLetter-Vet"
    pdfmetrics.registerFont(TTFont("BriefLetter", "Vera.ttf"))
    pdfmetrics.registerFont(TTFont("BriefLetter-Vet", "VeraBd.ttf"))
    return "BriefLetter", "BriefLetter-Vet"


@dataclass(frozen=True, slots=True)
class BriefInhoud:
    """Everything printed on the letter, as plain text."""

    school: str
    leerling: str
    datum: dt.date
    onderwerp: str
    tekst: str
    afzender: str


def inhoud(brief: VerzondenBrief) -> BriefInhoud:
    return BriefInhoud(
        school=brief.school_naam,
        leerling=brief.leerling_naam,
        datum=brief.datum,
        onderwerp=brief.onderwerp,
        tekst=brief.tekst,
        afzender=brief.afzender,
    )


def alineas(tekst: str) -> list[str]:
    """Paragraphs: separated by an empty line; a single line break stays a line break."""
    blokken: list[list[str]] = [[]]
    for regel in tekst.replace("\r\n", "\n").split("\n"):
        if regel.strip():
            blokken[-1].append(regel.rstrip())
        elif blokken[-1]:
            blokken.append([])
    return ["\n".join(b) for b in blokken if b]


def _markup(tekst: str) -> str:
    """Plain text as reportlab paragraph markup: everything escaped, line breaks kept."""
    return "<br/>".join(escape(regel) for regel in tekst.split("\n"))


def brief_pdf(brief: VerzondenBrief | BriefInhoud, *, comprimeren: bool = True) -> bytes:
    """The letter as PDF bytes.

    ``comprimeren=False`` writes uncompressed, byte-for-byte reproducible output (reportlab's
    ``invariant``), so the text can be checked without a PDF reader.
    """
    data = inhoud(brief) if isinstance(brief, VerzondenBrief) else brief
    with translation.override("nl"):
        return _render(data, comprimeren)


def _render(data: BriefInhoud, comprimeren: bool) -> bytes:
    gewoon, vet_font = lettertypen()
    styles = getSampleStyleSheet()
    body = ParagraphStyle(
        "brief", parent=styles["BodyText"], fontName=gewoon, fontSize=11, leading=15
    )
    kop = ParagraphStyle(
        "briefhoofd",
        parent=styles["Heading1"],
        fontName=vet_font,
        fontSize=16,
        leading=20,
        spaceAfter=2,
    )
    rechts = ParagraphStyle("datum", parent=body, alignment=TA_RIGHT)
    vet = ParagraphStyle("betreft", parent=body, fontName=vet_font)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=data.onderwerp,
        author=data.school,
        subject=_("Brief aan de ouder(s)/verzorger(s) van %(naam)s") % {"naam": data.leerling},
        pageCompression=1 if comprimeren else 0,
        invariant=0 if comprimeren else 1,
    )
    story: list[object] = [
        Paragraph(escape(data.school), kop),
        HRFlowable(width="100%", thickness=0.5, color="#555555", spaceAfter=0.6 * cm),
        Paragraph(escape(_("Datum: %(datum)s") % {"datum": datum_nl(data.datum)}), rechts),
        Spacer(1, 0.6 * cm),
        Paragraph(
            escape(_("Aan de ouder(s)/verzorger(s) van %(naam)s") % {"naam": data.leerling}), body
        ),
        Spacer(1, 0.6 * cm),
        Paragraph(escape(_("Betreft: %(onderwerp)s") % {"onderwerp": data.onderwerp}), vet),
        Spacer(1, 0.5 * cm),
    ]
    for alinea in alineas(data.tekst):
        story += [Paragraph(_markup(alinea), body), Spacer(1, 0.25 * cm)]
    story.append(
        KeepTogether(
            [
                Spacer(1, 0.4 * cm),
                Paragraph(escape(_("Met vriendelijke groet,")), body),
                Spacer(1, 1.2 * cm),
                Paragraph(escape(data.afzender), body),
                Paragraph(escape(data.school), body),
            ]
        )
    )
    doc.build(story)
    return buffer.getvalue()
