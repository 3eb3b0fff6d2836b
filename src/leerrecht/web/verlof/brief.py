"""The decision letter (besluitbrief) as PDF: what was decided, why, on what legal basis, and how
to object.

The letter uses only what was stored at the decision, so it reads the same every time it is
downloaded.
"""

from __future__ import annotations

import datetime as dt
import io
from xml.sax.saxutils import escape

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import getSampleStyleSheet  # type: ignore[import-untyped]
from reportlab.lib.units import cm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from leerrecht.web.verlof.models import Soort, Status, VerlofAanvraag

BEZWAAR = gettext_lazy(
    "Binnen zes weken na dagtekening kunt u bezwaar maken bij de directeur. "
    "Stuur daarvoor een ondertekende brief met uw naam en adres, de datum, een omschrijving "
    "van dit besluit en de reden waarom u het er niet mee eens bent "
    "(artikel 6:5 en 6:7 Algemene wet bestuursrecht)."
)


def _datum(value: dt.date) -> str:
    return formats.date_format(value, "j F Y")


def _tekst(value: str) -> str:
    """User text for a reportlab Paragraph: escaped markup, line breaks kept."""
    return "<br/>".join(escape(line) for line in value.strip().splitlines()) or "-"


def grondslag(aanvraag: VerlofAanvraag) -> str:
    if aanvraag.soort == Soort.VAKANTIE:
        return _(
            "Artikel 13a Leerplichtwet 1969 (vakantieverlof): ten hoogste één keer per "
            "schooljaar, ten hoogste tien schooldagen, niet in de eerste twee lesweken van het "
            "schooljaar, en alleen als de specifieke aard van het beroep van een van de ouders "
            "het onmogelijk maakt om binnen de schoolvakanties op vakantie te gaan."
        )
    return _(
        "Artikel 14 Leerplichtwet 1969 (verlof wegens gewichtige omstandigheden): over verlof "
        "van ten hoogste tien schooldagen beslist de directeur (eerste lid), over verlof van "
        "meer dan tien schooldagen de leerplichtambtenaar (derde lid)."
    )


def besluit_tekst(aanvraag: VerlofAanvraag) -> str:
    if aanvraag.status == Status.TOEGEKEND:
        return _("De directeur kent het gevraagde verlof toe.")
    if aanvraag.status == Status.AFGEWEZEN:
        return _("De directeur wijst de aanvraag om verlof af.")
    return _(
        "Het gevraagde verlof beslaat meer dan tien schooldagen. Daarover beslist de "
        "leerplichtambtenaar (artikel 14, derde lid, Leerplichtwet 1969). De directeur heeft "
        "uw aanvraag daarom doorgestuurd naar de leerplichtambtenaar van uw woongemeente "
        "(artikel 2:3 Algemene wet bestuursrecht). U ontvangt het besluit van de "
        "leerplichtambtenaar."
    )


def besluitbrief(aanvraag: VerlofAanvraag) -> bytes:
    """The decision letter for a decided request, as PDF bytes."""
    dagtekening = aanvraag.besloten_op
    if not aanvraag.besloten or dagtekening is None:
        raise ValueError("over deze aanvraag is nog niet besloten")
    with translation.override("nl"):
        return _render(aanvraag, dagtekening)


def _render(aanvraag: VerlofAanvraag, dagtekening: dt.date) -> bytes:
    leerling = aanvraag.leerling
    school = leerling.school
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    kop = styles["Heading2"]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=_("Besluit op aanvraag om verlof"),
        author=school.naam,
    )
    doorgestuurd = aanvraag.status == Status.DOORGESTUURD
    story: list[object] = [
        Paragraph(f"<b>{escape(school.naam)}</b>", styles["Title"]),
        Paragraph(
            escape(_("Aan de ouder(s) of verzorger(s) van %(naam)s") % {"naam": leerling}), body
        ),
        Spacer(1, 0.4 * cm),
        Paragraph(escape(_("Dagtekening: %(datum)s") % {"datum": _datum(dagtekening)}), body),
        Paragraph(
            escape(
                _("Betreft: doorzending van uw aanvraag om verlof")
                if doorgestuurd
                else _("Betreft: besluit op uw aanvraag om verlof")
            ),
            body,
        ),
        Spacer(1, 0.4 * cm),
    ]
    schooldagen = aanvraag.toetsing.get("school_days") if aanvraag.toetsing else None
    rijen = [
        [_("Leerling"), str(leerling)],
        [_("Geboortedatum"), _datum(leerling.geboortedatum)],
        [_("Groep"), leerling.groep.naam if leerling.groep else "-"],
        [_("Soort verlof"), aanvraag.get_soort_display()],
    ]
    if aanvraag.reden:
        rijen.append([_("Reden"), aanvraag.get_reden_display()])
    rijen += [
        [
            _("Periode"),
            _("%(van)s tot en met %(tot)s")
            % {"van": _datum(aanvraag.start), "tot": _datum(aanvraag.end)},
        ],
        [_("Aantal schooldagen"), str(schooldagen) if schooldagen is not None else "-"],
        [_("Aangevraagd op"), _datum(aanvraag.aangevraagd_op)],
    ]
    tabel = Table(
        [[Paragraph(escape(k), body), Paragraph(escape(v), body)] for k, v in rijen],
        colWidths=[4.5 * cm, 11.5 * cm],
    )
    tabel.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#999999"),
            ]
        )
    )
    story += [
        tabel,
        Paragraph(escape(_("Besluit")), kop),
        Paragraph(escape(besluit_tekst(aanvraag)), body),
    ]
    if aanvraag.besluit_motivering.strip():
        story += [
            Paragraph(escape(_("Motivering")), kop),
            Paragraph(_tekst(aanvraag.besluit_motivering), body),
        ]
    story += [
        Paragraph(escape(_("Wettelijke grondslag")), kop),
        Paragraph(escape(grondslag(aanvraag)), body),
    ]
    if not doorgestuurd:
        story += [
            Paragraph(escape(_("Bezwaar")), kop),
            Paragraph(escape(str(BEZWAAR)), body),
        ]
    door = aanvraag.besloten_door
    naam = (door.get_full_name() or door.get_username()) if door is not None else ""
    story += [
        Spacer(1, 0.8 * cm),
        Paragraph(escape(_("Met vriendelijke groet,")), body),
        Spacer(1, 0.4 * cm),
        Paragraph(escape(naam), body),
        Paragraph(escape(_("directeur, %(school)s") % {"school": school.naam}), body),
    ]
    doc.build(story)
    return buffer.getvalue()
