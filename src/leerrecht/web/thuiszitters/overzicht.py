"""The monthly overview of thuiszitters for the samenwerkingsverbanden, as HTML, CSV and PDF.

Seed 002 §3a, Leerplicht: "Informeert de samenwerkingsverbanden periodiek (richtlijn: 1x per
maand) met een overzicht van langdurig relatief verzuim (thuiszitters) jongeren ... een
onderscheid gemaakt tussen po en vo"; the SWV "Checkt het overzicht met thuiszitters wat zij
periodiek van leerplicht ontvangen".

A thuiszitter is in the overview of a month when it was at home on a day of that month: first day
at home on or before the last day of the month, and not solved before its first day. The stand is
that of the last day of the month (or today, for the running month).

Names are shown: the SWV looks for a solution for each of its own pupils with school and parents
(seed 002 §3a; seed 000 §3 "Houdt zicht op de jeugdige"), which it cannot do for a pseudonym. The
overview is limited to what that needs: no toelichting (free text), no melding, no dossier.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.db.models import Q, QuerySet
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrPromise
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4, landscape  # type: ignore[import-untyped]
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
from leerrecht.web.thuiszitters.models import (
    Categorie,
    Samenwerkingsverband,
    SwvSector,
    ThuiszitterRegistratie,
)
from leerrecht.web.thuiszitters.termijnen import (
    STATUS_LABEL,
    Termijn,
    TermijnSoort,
    TermijnStatus,
    duur_weken,
    huidige_categorie,
    is_opgelost,
    samenvatting,
    termijnen,
)

#: sectors in the order of the overview; '' is a thuiszitter without SWV (office only)
SECTOREN: tuple[tuple[str, StrPromise], ...] = (
    (SwvSector.PO.value, gettext_lazy("Primair onderwijs (PO)")),
    (SwvSector.VO.value, gettext_lazy("Voortgezet onderwijs (VO)")),
    ("", gettext_lazy("Zonder samenwerkingsverband")),
)


def sector(reg: ThuiszitterRegistratie) -> str:
    """PO or VO: the SWV's sector, else the school's (SO counts as PO); '' when unknown."""
    if reg.swv is not None:
        return reg.swv.sector
    if reg.school is not None:
        return SwvSector.VO.value if reg.school.sector in ("vo", "mbo") else SwvSector.PO.value
    return ""


def maand_grenzen(maand: dt.date) -> tuple[dt.date, dt.date]:
    eerste = maand.replace(day=1)
    laatste = eerste.replace(day=calendar.monthrange(eerste.year, eerste.month)[1])
    return eerste, laatste


def in_periode(
    qs: QuerySet[ThuiszitterRegistratie], eerste: dt.date, laatste: dt.date
) -> QuerySet[ThuiszitterRegistratie]:
    """Registrations at home on a day from ``eerste`` to ``laatste``."""
    return qs.filter(sinds__lte=laatste).filter(
        Q(opgelost_op__isnull=True) | Q(opgelost_op__gte=eerste)
    )


@dataclass
class Rij:
    reg: ThuiszitterRegistratie
    categorie: Categorie
    weken: int
    termijnen: list[Termijn]
    opgelost: bool

    @property
    def termijnstatus(self) -> TermijnStatus | None:
        return samenvatting(self.termijnen)

    @property
    def termijnstatus_label(self) -> str:
        status = self.termijnstatus
        return str(STATUS_LABEL[status]) if status is not None else "-"

    def termijn(self, soort: TermijnSoort) -> Termijn | None:
        return next((t for t in self.termijnen if t.soort is soort), None)


@dataclass
class Sectie:
    sector: str
    label: str
    rijen: list[Rij]
    totalen: list[tuple[Categorie, int]] = field(default_factory=list)

    @property
    def totaal(self) -> int:
        return len(self.rijen)


def totalen(rijen: list[Rij]) -> list[tuple[Categorie, int]]:
    telling = Counter(r.categorie for r in rijen)
    return [(c, telling.get(c, 0)) for c in Categorie]


@dataclass
class Maandoverzicht:
    maand: dt.date
    peildatum: dt.date
    swv: Samenwerkingsverband | None
    titel: str
    secties: list[Sectie]

    @property
    def rijen(self) -> list[Rij]:
        return [r for s in self.secties for r in s.rijen]

    @property
    def totalen(self) -> list[tuple[Categorie, int]]:
        return totalen(self.rijen)


def rij(reg: ThuiszitterRegistratie, peildatum: dt.date) -> Rij:
    return Rij(
        reg=reg,
        categorie=huidige_categorie(reg, peildatum),
        weken=duur_weken(reg, peildatum),
        termijnen=termijnen(reg, peildatum),
        opgelost=is_opgelost(reg, peildatum),
    )


def maandoverzicht(
    qs: QuerySet[ThuiszitterRegistratie],
    maand: dt.date,
    vandaag: dt.date,
    swv: Samenwerkingsverband | None,
    titel: str,
) -> Maandoverzicht:
    eerste, laatste = maand_grenzen(maand)
    peildatum = min(laatste, vandaag)
    regs = (
        in_periode(qs, eerste, laatste)
        .select_related("jeugdige", "school", "swv")
        .order_by("sinds", "jeugdige__achternaam", "pk")
    )
    rijen = [rij(reg, peildatum) for reg in regs]
    secties = []
    for code, label in SECTOREN:
        deel = [r for r in rijen if sector(r.reg) == code]
        if deel or code:  # PO and VO always, 'zonder SWV' only when there is one
            secties.append(Sectie(code, str(label), deel, totalen(deel)))
    if swv is not None:  # one SWV has one sector
        secties = [s for s in secties if s.sector == swv.sector or s.rijen]
    return Maandoverzicht(eerste, peildatum, swv, titel, secties)


# -- CSV -----------------------------------------------------------------------------------

#: the columns of the CSV file, documented in docs/leerplichtbureau.md
KOLOMMEN = (
    "maand",
    "sector",
    "samenwerkingsverband",
    "school",
    "achternaam",
    "voornaam",
    "geboortedatum",
    "categorie",
    "categorie_bij_registratie",
    "sinds",
    "duur_weken",
    "reden",
    "afgesproken_aanpak",
    "status",
    "opgelost_op",
    "uitkomst",
    "knooppunt_uiterlijk",
    "knooppunt_status",
    "knooppunt_op",
    "breed_overleg_uiterlijk",
    "breed_overleg_status",
    "breed_overleg_op",
    "oplossing_uiterlijk",
    "oplossing_status",
)


def veilig(waarde: str) -> str:
    """A cell Excel will not run as a formula (OWASP CSV injection)."""
    return "'" + waarde if waarde[:1] in ("=", "+", "-", "@", "\t", "\r") else waarde


def _datum(dag: dt.date | None) -> str:
    return dag.isoformat() if dag else ""


def csv_bytes(overzicht: Maandoverzicht) -> bytes:
    """UTF-8 with BOM and ';' as separator, so Excel (Dutch settings) opens it as is."""
    uit = io.StringIO()
    writer = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    writer.writerow(KOLOMMEN)
    with translation.override("nl"):
        for sectie in overzicht.secties:
            for r in sectie.rijen:
                reg = r.reg
                cellen = [
                    overzicht.maand.strftime("%Y-%m"),
                    sectie.sector.upper(),
                    reg.swv.naam if reg.swv else "",
                    reg.schoolnaam,
                    reg.jeugdige.achternaam,
                    reg.jeugdige.voornaam,
                    _datum(reg.jeugdige.geboortedatum),
                    str(r.categorie.label),
                    reg.get_categorie_display(),
                    _datum(reg.sinds),
                    str(r.weken),
                    reg.get_reden_display(),
                    " ".join(reg.aanpak.split()),
                    str(_("opgelost")) if r.opgelost else str(_("open")),
                    _datum(reg.opgelost_op) if r.opgelost else "",
                    reg.get_uitkomst_display() if r.opgelost else "",
                ]
                for soort in TermijnSoort:
                    t = r.termijn(soort)
                    cellen += [_datum(t.uiterlijk), t.status_label] if t else ["", ""]
                    if soort is not TermijnSoort.DOEL:
                        cellen.append(_datum(t.gedaan_op) if t else "")
                writer.writerow([veilig(c) for c in cellen])
    return "\ufeff".encode() + uit.getvalue().encode("utf-8")


# -- PDF -----------------------------------------------------------------------------------


def _p(tekst: str, stijl: ParagraphStyle) -> Paragraph:
    return Paragraph("<br/>".join(escape(r) for r in tekst.splitlines()) or "-", stijl)


def pdf_bytes(overzicht: Maandoverzicht, afzender: str, *, comprimeren: bool = True) -> bytes:
    """The overview as PDF (A4 landscape): per sector a table and the totals per category.

    ``comprimeren=False`` writes uncompressed, reproducible output, so tests read the text."""
    with translation.override("nl"):
        return _pdf(overzicht, afzender, comprimeren)


def _pdf(overzicht: Maandoverzicht, afzender: str, comprimeren: bool) -> bytes:
    gewoon, vet = lettertypen()
    styles = getSampleStyleSheet()
    tekst = ParagraphStyle(
        "tekst", parent=styles["BodyText"], fontName=gewoon, fontSize=8, leading=10
    )
    kop1 = ParagraphStyle("kop1", parent=styles["Heading1"], fontName=vet, fontSize=15)
    kop2 = ParagraphStyle("kop2", parent=styles["Heading2"], fontName=vet, fontSize=12)
    kolomkop = ParagraphStyle("kolomkop", parent=tekst, fontName=vet)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
        title=overzicht.titel,
        author=afzender,
        pageCompression=1 if comprimeren else 0,
        invariant=0 if comprimeren else 1,
    )
    stand = formats.date_format(overzicht.peildatum, "j F Y")
    story: list[object] = [
        Paragraph(escape(overzicht.titel), kop1),
        _p(
            _(
                "Stand per %(datum)s. Opgesteld door %(afzender)s. Vertrouwelijk: bevat "
                "persoonsgegevens van leerlingen."
            )
            % {"datum": stand, "afzender": afzender},
            tekst,
        ),
        Spacer(1, 0.3 * cm),
    ]
    koppen = [
        _("Naam"),
        _("Geboren"),
        _("School"),
        _("Categorie"),
        _("Sinds"),
        _("Weken"),
        _("Reden"),
        _("Afgesproken aanpak"),
        _("Termijnen"),
    ]
    breedtes = [3.2, 1.8, 3.2, 3.6, 1.8, 1.2, 3.4, 5.6, 3.6]
    stijl = TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
        ]
    )
    for sectie in overzicht.secties:
        story.append(Paragraph(escape(sectie.label), kop2))
        if sectie.rijen:
            data = [[_p(k, kolomkop) for k in koppen]]
            for r in sectie.rijen:
                reg = r.reg
                termijn_tekst = "\n".join(f"{t.label}: {t.tekst}" for t in r.termijnen) or "-"
                if r.opgelost:
                    termijn_tekst = _("opgelost: %(uitkomst)s") % {
                        "uitkomst": reg.get_uitkomst_display()
                    }
                data.append(
                    [
                        _p(f"{reg.jeugdige.voornaam} {reg.jeugdige.achternaam}", tekst),
                        _p(reg.jeugdige.geboortedatum.strftime("%d-%m-%Y"), tekst),
                        _p(reg.schoolnaam or "-", tekst),
                        _p(str(r.categorie.label), tekst),
                        _p(reg.sinds.strftime("%d-%m-%Y"), tekst),
                        _p(str(r.weken), tekst),
                        _p(reg.get_reden_display(), tekst),
                        _p(reg.aanpak, tekst),
                        _p(termijn_tekst, tekst),
                    ]
                )
            tabel = Table(data, colWidths=[b * cm for b in breedtes], repeatRows=1)
            tabel.setStyle(stijl)
            story.append(tabel)
        else:
            story.append(_p(_("Geen thuiszitters in deze maand."), tekst))
        story.append(Spacer(1, 0.2 * cm))
        totaal_data = [[_p(_("Categorie"), kolomkop), _p(_("Aantal"), kolomkop)]]
        totaal_data += [[_p(str(c.label), tekst), _p(str(n), tekst)] for c, n in sectie.totalen]
        totaal_data.append([_p(_("Totaal"), kolomkop), _p(str(sectie.totaal), kolomkop)])
        totaal = Table(totaal_data, colWidths=[9 * cm, 2 * cm])
        totaal.setStyle(stijl)
        story += [totaal, Spacer(1, 0.5 * cm)]
    doc.build(story)
    return buffer.getvalue()
