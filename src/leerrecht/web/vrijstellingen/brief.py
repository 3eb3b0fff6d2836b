"""The office's decision letters as PDF: on a vrijstelling and on verlof of more than 10 school
days. Built with reportlab like the school's letters (:mod:`leerrecht.web.verlof.brief`, with the
fonts of :mod:`leerrecht.web.brieven.pdf` so every Latin name prints), from
what was stored at the decision only, so every download reads the same. Letters are official
documents of the municipality and always Dutch.

Every letter has the bezwaar clause: within six weeks to the college van burgemeester en
wethouders of the municipality (art. 6:4, 6:5 and 6:7 Algemene wet bestuursrecht).
"""

from __future__ import annotations

import datetime as dt
import io
from xml.sax.saxutils import escape

from django.contrib.auth.models import User
from django.utils import formats, translation
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet  # type: ignore[import-untyped]
from reportlab.lib.units import cm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from leerrecht.web.brieven.pdf import lettertypen
from leerrecht.web.leerplicht.models import Bureau
from leerrecht.web.vrijstellingen.models import (
    Grond,
    Status,
    VerlofBesluit,
    Vrijstelling,
)

GRONDSLAG: dict[str, str] = {
    Grond.ART_5A: (
        "Artikel 5, aanhef en onder a, Leerplichtwet 1969: de jongere is op lichamelijke of "
        "psychische gronden niet geschikt om tot een school te worden toegelaten. Het beroep op "
        "deze vrijstelling gaat vergezeld van een verklaring van een arts (artikel 7 "
        "Leerplichtwet 1969)."
    ),
    Grond.ART_5B: (
        "Artikel 5, aanhef en onder b, Leerplichtwet 1969: de ouders hebben overwegende "
        "bedenkingen tegen de richting van het onderwijs op alle scholen binnen redelijke "
        "afstand van de woning."
    ),
    Grond.ART_5C: (
        "Artikel 5, aanhef en onder c, Leerplichtwet 1969: de jongere staat ingeschreven op en "
        "bezoekt geregeld een school buiten Nederland."
    ),
    Grond.ART_5A_TREKKEND: (
        "Artikel 5a Leerplichtwet 1969: vrijstelling voor de jongere van ouders met een "
        "trekkend bestaan."
    ),
    Grond.ART_15: (
        "Artikel 15 Leerplichtwet 1969: vrijstelling wegens het volgen van ander onderwijs."
    ),
    Grond.ART_3A: "Artikel 3a Leerplichtwet 1969: vervangende leerplicht.",
    Grond.ART_3B: "Artikel 3b Leerplichtwet 1969: vrijstelling van de kwalificatieplicht.",
}

VERLOF_GRONDSLAG = (
    "Artikel 14 Leerplichtwet 1969 (verlof wegens gewichtige omstandigheden): over verlof van "
    "meer dan tien schooldagen beslist de leerplichtambtenaar van de woongemeente (derde lid), "
    "na de directeur van de school te hebben gehoord. Artikel 11, aanhef en onder g, "
    "Leerplichtwet 1969: de jongere is vrijgesteld van schoolbezoek op de dagen van het "
    "toegekende verlof."
)


def bezwaar(gemeente: str) -> str:
    college = (
        f"het college van burgemeester en wethouders van de gemeente {gemeente}"
        if gemeente
        else "het college van burgemeester en wethouders van uw woongemeente"
    )
    return (
        "Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken na de dag waarop "
        f"dit besluit is verzonden bezwaar maken bij {college}. Stuur daarvoor een ondertekende "
        "brief met uw naam en adres, de datum, een omschrijving van dit besluit en de reden "
        "waarom u het er niet mee eens bent (artikel 6:4, 6:5 en 6:7 Algemene wet "
        "bestuursrecht)."
    )


def _datum(value: dt.date) -> str:
    return formats.date_format(value, "j F Y")


def _tekst(value: str) -> str:
    return "<br/>".join(escape(line) for line in value.strip().splitlines()) or "-"


def _naam(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _render(
    *,
    bureau: Bureau,
    titel: str,
    aan: str,
    dagtekening: dt.date,
    betreft: str,
    rijen: list[tuple[str, str]],
    besluit: str,
    motivering: str,
    grondslag: str,
    gemeente: str,
    ondertekening: str,
    comprimeren: bool,
) -> bytes:
    gewoon, vet = lettertypen()  # every Latin script: names like Şahin or Łukasz
    styles = getSampleStyleSheet()
    body = ParagraphStyle("brief", parent=styles["BodyText"], fontName=gewoon)
    kop = ParagraphStyle("kop", parent=styles["Heading2"], fontName=vet)
    titel_stijl = ParagraphStyle("titel", parent=styles["Title"], fontName=vet)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=titel,
        author=bureau.naam,
        pageCompression=1 if comprimeren else 0,
        invariant=0 if comprimeren else 1,
    )
    story: list[object] = [Paragraph(escape(bureau.naam), titel_stijl)]
    if bureau.adres:
        story.append(Paragraph(escape(bureau.adres), body))
    story += [
        Spacer(1, 0.4 * cm),
        Paragraph(escape(aan), body),
        Spacer(1, 0.4 * cm),
        Paragraph(escape(f"Dagtekening: {_datum(dagtekening)}"), body),
        Paragraph(escape(f"Betreft: {betreft}"), body),
        Spacer(1, 0.4 * cm),
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
        Paragraph("Besluit", kop),
        Paragraph(escape(besluit), body),
        Paragraph("Motivering", kop),
        Paragraph(_tekst(motivering), body),
        Paragraph("Wettelijke grondslag", kop),
        Paragraph(escape(grondslag), body),
        Paragraph("Bezwaar", kop),
        Paragraph(escape(bezwaar(gemeente)), body),
        Spacer(1, 0.8 * cm),
        Paragraph("Met vriendelijke groet,", body),
        Spacer(1, 0.4 * cm),
        Paragraph(escape(ondertekening), body),
        Paragraph(escape(f"leerplichtambtenaar, {bureau.naam}"), body),
    ]
    doc.build(story)
    return buffer.getvalue()


def vrijstelling_brief(v: Vrijstelling, *, comprimeren: bool = True) -> bytes:
    """The decision letter on a vrijstelling (toegekend or afgewezen), as PDF bytes.

    ``comprimeren=False`` writes uncompressed, reproducible output (for checking the text)."""
    if not v.besloten or v.besloten_op is None:
        raise ValueError("over deze vrijstelling is nog niet besloten")
    with translation.override("nl"):
        jeugdige = v.jeugdige
        gemeente = jeugdige.gemeente.naam if jeugdige.gemeente else ""
        soort = "beroep op vrijstelling" if v.is_beroep else "verzoek om vrijstelling"
        rijen = [
            ("Jeugdige", str(jeugdige)),
            ("Geboortedatum", _datum(jeugdige.geboortedatum)),
        ]
        if v.leerling is not None:
            rijen.append(("School", v.leerling.school.naam))
        rijen += [
            ("Grond", str(v.get_grond_display())),
            ("Periode", f"{_datum(v.ingangsdatum)} tot en met {_datum(v.einddatum)}"),
            ("Ontvangen op", _datum(v.aangevraagd_op)),
        ]
        if v.verklaring_ontvangen_op is not None:
            rijen.append(
                (
                    "Verklaring of bewijs",
                    f"ontvangen op {_datum(v.verklaring_ontvangen_op)} van {v.verklaring_van}",
                )
            )
        if v.status == Status.TOEGEKEND:
            besluit = (
                f"Wij stemmen in met uw {soort}. {jeugdige} is vrijgesteld van "
                f"{'de inschrijvingsplicht' if v.is_beroep else 'de genoemde verplichting'} "
                f"van {_datum(v.ingangsdatum)} tot en met {_datum(v.einddatum)}."
            )
        else:
            besluit = f"Wij wijzen uw {soort} af."
        return _render(
            bureau=v.bureau,
            titel=f"Besluit op uw {soort}",
            aan=f"Aan de ouder(s) of verzorger(s) van {jeugdige}"
            if v.verzoek_door == "ouders"
            else f"Aan {jeugdige}",
            dagtekening=v.besloten_op,
            betreft=f"besluit op uw {soort} ({v.get_grond_display()})",
            rijen=rijen,
            besluit=besluit,
            motivering=v.motivering,
            grondslag=GRONDSLAG[v.grond],
            gemeente=gemeente,
            ondertekening=_naam(v.besloten_door),
            comprimeren=comprimeren,
        )


def verlof_brief(b: VerlofBesluit, *, comprimeren: bool = True) -> bytes:
    """The decision letter on verlof of more than 10 school days, as PDF bytes."""
    with translation.override("nl"):
        aanvraag = b.aanvraag
        leerling = aanvraag.leerling
        schooldagen = b.toetsing.get("school_days") if b.toetsing else None
        rijen = [
            ("Leerling", str(leerling)),
            ("Geboortedatum", _datum(leerling.geboortedatum)),
            ("School", leerling.school.naam),
            ("Soort verlof", str(aanvraag.get_soort_display())),
        ]
        if aanvraag.reden:
            rijen.append(("Reden", str(aanvraag.get_reden_display())))
        rijen += [
            ("Periode", f"{_datum(aanvraag.start)} tot en met {_datum(aanvraag.end)}"),
            ("Aantal schooldagen", str(schooldagen) if schooldagen is not None else "-"),
            ("Aangevraagd op", _datum(aanvraag.aangevraagd_op)),
        ]
        besluit = (
            "De leerplichtambtenaar kent het gevraagde verlof toe."
            if b.toegekend
            else "De leerplichtambtenaar wijst de aanvraag om verlof af."
        )
        return _render(
            bureau=b.bureau,
            titel="Besluit op aanvraag om verlof",
            aan=f"Aan de ouder(s) of verzorger(s) van {leerling}",
            dagtekening=b.besloten_op,
            betreft="besluit op uw aanvraag om verlof van meer dan tien schooldagen",
            rijen=rijen,
            besluit=besluit,
            motivering=b.motivering,
            grondslag=VERLOF_GRONDSLAG,
            gemeente=leerling.woongemeente,
            ondertekening=_naam(b.besloten_door),
            comprimeren=comprimeren,
        )
