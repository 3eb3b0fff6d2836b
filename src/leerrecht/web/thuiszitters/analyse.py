"""The yearly thuiszitter analysis for the beleidstafel and the yearly figures.

- Analysis (seed 002 bijlage 1, punt 3: "Leerplicht maakt jaarlijks een analyse van de
  thuiszitterproblematiek"; punt 2: PO and VO apart; punt 4: "de knelpunten ... rond de
  thuiszittende leerlingen"): per school year the thuiszitters per category, the reasons, the
  durations (median and buckets), the outcomes, the deadlines met, and the bottlenecks in
  placement: the reasons of the thuiszitters still at home after more than 3 months.
- Yearly figures (issue 5): per office the meldingen per verzuimsoort, per gemeente and per
  school, their handling, and the thuiszitters per category (the forms the Inspectie counts,
  seed 003 §7: thuiszitters, absoluut verzuimers, vrijgestelde leerlingen); per school its own
  DUO-meldingen per soort and thuiszitters per category (counts only).

A school year runs from 1 August to 31 July; a thuiszitter counts in a year when it was at home
on a day of it. The stand is that of 31 July, or today for the running year.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrPromise

from leerrecht.core.rules.thuiszitter import add_months
from leerrecht.web.leerplicht.models import Bureau, InboxMelding
from leerrecht.web.meldingen.models import MET_MELDINGSNUMMER, DuoMelding, Verzuimsoort
from leerrecht.web.meldingen.models import Status as MeldingStatus
from leerrecht.web.scholen.models import School
from leerrecht.web.thuiszitters.models import (
    Categorie,
    Reden,
    Status,
    ThuiszitterRegistratie,
    Uitkomst,
)
from leerrecht.web.thuiszitters.overzicht import in_periode, sector, veilig
from leerrecht.web.thuiszitters.termijnen import (
    MET_TERMIJNEN,
    TermijnSoort,
    duur_dagen,
    huidige_categorie,
    is_opgelost,
    uiterlijk,
)

#: the columns of every table: PO, VO, without SWV, all
KOLOMMEN: tuple[tuple[str, StrPromise], ...] = (
    ("po", gettext_lazy("PO")),
    ("vo", gettext_lazy("VO")),
    ("", gettext_lazy("onbekend")),
)


def schooljaar(start_jaar: int) -> tuple[dt.date, dt.date]:
    return dt.date(start_jaar, 8, 1), dt.date(start_jaar + 1, 7, 31)


def schooljaar_van(dag: dt.date) -> int:
    return dag.year if dag.month >= 8 else dag.year - 1


def label(start_jaar: int) -> str:
    return f"{start_jaar}-{start_jaar + 1}"


@dataclass
class Telling:
    """One row of a table: a label with the count per sector and in all."""

    sleutel: str
    label: str
    per_sector: dict[str, int]

    @property
    def totaal(self) -> int:
        return sum(self.per_sector.values())

    def kolommen(self) -> list[int]:
        return [self.per_sector.get(code, 0) for code, _label in KOLOMMEN]


def tel(
    items: Iterable[tuple[str, str]], keuzes: Iterable[tuple[str, str | StrPromise]]
) -> list[Telling]:
    """Count (key, sector) pairs into one row per choice, in the order of the choices."""
    teller = Counter(items)
    return [
        Telling(sleutel, str(naam), {code: teller.get((sleutel, code), 0) for code, _l in KOLOMMEN})
        for sleutel, naam in keuzes
    ]


DUUR_BUCKETS: tuple[tuple[str, StrPromise], ...] = (
    ("lt4w", gettext_lazy("korter dan 4 weken")),
    ("4w_3m", gettext_lazy("4 weken tot 3 maanden")),
    ("3m_6m", gettext_lazy("3 tot 6 maanden")),
    ("6m_12m", gettext_lazy("6 tot 12 maanden")),
    ("gt12m", gettext_lazy("langer dan een jaar")),
)


def bucket(sinds: dt.date, tot: dt.date) -> str:
    if (tot - sinds).days < 28:
        return "lt4w"
    if tot <= add_months(sinds, 3):
        return "4w_3m"
    if tot <= add_months(sinds, 6):
        return "3m_6m"
    if tot <= add_months(sinds, 12):
        return "6m_12m"
    return "gt12m"


@dataclass
class Analyse:
    schooljaar: str
    eerste: dt.date
    laatste: dt.date
    peildatum: dt.date
    aantal: int
    nieuw: int
    opgelost: int
    categorieen: list[Telling]
    redenen: list[Telling]
    duur: list[Telling]
    mediaan_weken: float | None
    mediaan_weken_opgelost: float | None
    uitkomsten: list[Telling]
    knelpunten: list[Telling]
    knelpunten_aantal: int
    knooppunt_op_tijd: int
    knooppunt_te_laat: int
    knooppunt_open: int


def _weken(dagen: Iterable[int]) -> float | None:
    lijst = [d / 7 for d in dagen]
    return round(statistics.median(lijst), 1) if lijst else None


def knooppunt_uitkomst(reg: ThuiszitterRegistratie, peildatum: dt.date) -> str:
    """'op_tijd', 'te_laat' (held late, or not held when the deadline passed, also when the
    pupil was back at school only after it), 'open' (still within 4 weeks) or 'niet_nodig'
    (solved within 4 weeks without one)."""
    deadline = uiterlijk(TermijnSoort.KNOOPPUNT, reg.sinds)
    if reg.knooppunt_op is not None and reg.knooppunt_op <= peildatum:
        return "op_tijd" if reg.knooppunt_op <= deadline else "te_laat"
    if is_opgelost(reg, peildatum) and reg.opgelost_op is not None and reg.opgelost_op <= deadline:
        return "niet_nodig"
    return "te_laat" if peildatum > deadline else "open"


def analyse(qs: QuerySet[ThuiszitterRegistratie], start_jaar: int, vandaag: dt.date) -> Analyse:
    eerste, laatste = schooljaar(start_jaar)
    peildatum = min(laatste, vandaag)
    regs = list(in_periode(qs, eerste, min(laatste, vandaag)).select_related("swv", "school"))
    sect = {r.pk: sector(r) for r in regs}
    cat = {r.pk: huidige_categorie(r, peildatum) for r in regs}
    opgelost = [r for r in regs if is_opgelost(r, peildatum) and r.opgelost_op is not None]
    opgelost_dit_jaar = [r for r in opgelost if r.opgelost_op and r.opgelost_op >= eerste]
    nog_open = [r for r in regs if not is_opgelost(r, peildatum)]
    knelpunten = [r for r in nog_open if peildatum > add_months(r.sinds, 3)]
    knoop: Counter[str] = Counter()
    for r in regs:
        if Categorie(r.categorie) not in MET_TERMIJNEN:
            continue
        knoop[knooppunt_uitkomst(r, peildatum)] += 1
    return Analyse(
        schooljaar=label(start_jaar),
        eerste=eerste,
        laatste=laatste,
        peildatum=peildatum,
        aantal=len(regs),
        nieuw=sum(1 for r in regs if r.sinds >= eerste),
        opgelost=len(opgelost_dit_jaar),
        categorieen=tel(((cat[r.pk].value, sect[r.pk]) for r in regs), Categorie.choices),
        redenen=tel(((r.reden, sect[r.pk]) for r in regs), Reden.choices),
        duur=tel(
            (
                (bucket(r.sinds, min(peildatum, r.opgelost_op or peildatum)), sect[r.pk])
                for r in regs
            ),
            [(k, str(v)) for k, v in DUUR_BUCKETS],
        ),
        mediaan_weken=_weken(duur_dagen(r, peildatum) for r in regs),
        mediaan_weken_opgelost=_weken(duur_dagen(r, peildatum) for r in opgelost_dit_jaar),
        uitkomsten=tel(((r.uitkomst, sect[r.pk]) for r in opgelost_dit_jaar), Uitkomst.choices),
        knelpunten=tel(((r.reden, sect[r.pk]) for r in knelpunten), Reden.choices),
        knelpunten_aantal=len(knelpunten),
        knooppunt_op_tijd=knoop["op_tijd"],
        knooppunt_te_laat=knoop["te_laat"],
        knooppunt_open=knoop["open"],
    )


def analyse_csv(a: Analyse, regio: str) -> bytes:
    """One row per number: onderdeel;waarde;po;vo;onbekend;totaal (UTF-8 with BOM, ';')."""
    uit = io.StringIO()
    writer = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        ["schooljaar", "regio", "onderdeel", "waarde", "po", "vo", "onbekend", "totaal"]
    )
    with translation.override("nl"):
        secties = (
            ("categorie", a.categorieen),
            ("reden", a.redenen),
            ("duur", a.duur),
            ("uitkomst", a.uitkomsten),
            ("knelpunt_reden_langer_dan_3_maanden", a.knelpunten),
        )
        for onderdeel, tellingen in secties:
            for t in tellingen:
                writer.writerow(
                    [a.schooljaar, veilig(regio), onderdeel, t.label, *t.kolommen(), t.totaal]
                )
        los = (
            ("aantal_thuiszitters", a.aantal),
            ("nieuw_in_schooljaar", a.nieuw),
            ("opgelost_in_schooljaar", a.opgelost),
            ("mediaan_duur_weken", a.mediaan_weken),
            ("mediaan_duur_weken_opgelost", a.mediaan_weken_opgelost),
            ("knooppunt_binnen_4_weken", a.knooppunt_op_tijd),
            ("knooppunt_te_laat", a.knooppunt_te_laat),
            ("knooppunt_nog_binnen_termijn", a.knooppunt_open),
        )
        for naam, waarde in los:
            writer.writerow(
                [
                    a.schooljaar,
                    veilig(regio),
                    "totaal",
                    naam,
                    "",
                    "",
                    "",
                    "" if waarde is None else waarde,
                ]
            )
    return "\ufeff".encode() + uit.getvalue().encode("utf-8")


# -- yearly figures ------------------------------------------------------------------------


@dataclass
class Rij:
    label: str
    waarden: list[int]

    @property
    def totaal(self) -> int:
        return sum(self.waarden)


@dataclass
class Kruistabel:
    kolommen: list[str]
    rijen: list[Rij]

    @property
    def totalen(self) -> list[int]:
        return [sum(r.waarden[i] for r in self.rijen) for i in range(len(self.kolommen))]

    @property
    def totaal(self) -> int:
        return sum(r.totaal for r in self.rijen)


def kruistabel(
    paren: Iterable[tuple[str, str]],
    rijen: list[tuple[str, str]],
    kolommen: list[tuple[str, str]],
) -> Kruistabel:
    teller = Counter(paren)
    return Kruistabel(
        [k_label for _k, k_label in kolommen],
        [Rij(r_label, [teller.get((r, k), 0) for k, _kl in kolommen]) for r, r_label in rijen],
    )


SOORTEN = list(Verzuimsoort.choices)


def status_label(waarde: str) -> str:
    """The label of a DUO status ('in_behandeling' -> 'in behandeling')."""
    return str(MeldingStatus(waarde).label) if waarde in MeldingStatus.values else waarde


def _soorten(waarden: Iterable[str]) -> list[tuple[str, str]]:
    """The DUO verzuimsoorten, plus any other value found (imported meldingen)."""
    bekend = dict(SOORTEN)
    extra = sorted({w for w in waarden if w not in bekend})
    return [(k, str(v)) for k, v in SOORTEN] + [(w, w) for w in extra]


@dataclass
class Jaarcijfers:
    schooljaar: str
    eerste: dt.date
    laatste: dt.date
    peildatum: dt.date
    meldingen_per_gemeente: Kruistabel
    meldingen_per_status: list[tuple[str, int]]
    meldingen_per_school: Kruistabel
    jeugdigen_met_melding: int
    thuiszitters_per_gemeente: Kruistabel
    thuiszitters_nieuw: int
    thuiszitters_opgelost: int
    #: what the office did in its dossiers (verzuimgesprekken, waarschuwingen, Halt, proces-verbaal)
    acties_per_soort: list[tuple[str, int]] = field(default_factory=list)
    #: vrijstellingen decided in the school year per ground: (ground, toegekend, afgewezen)
    vrijstellingen_per_grond: list[tuple[str, int, int]] = field(default_factory=list)


def _acties_per_soort(bureau: Bureau, eerste: dt.date, peildatum: dt.date) -> list[tuple[str, int]]:
    from leerrecht.web.dossiers.models import Actie, ActieSoort

    gedaan = Counter(
        Actie.objects.filter(
            dossier__bureau=bureau, gedaan_op__range=(eerste, peildatum)
        ).values_list("soort", flat=True)
    )
    return [(str(label), gedaan.get(waarde, 0)) for waarde, label in ActieSoort.choices]


def _vrijstellingen_per_grond(
    bureau: Bureau, eerste: dt.date, peildatum: dt.date
) -> list[tuple[str, int, int]]:
    from leerrecht.web.vrijstellingen.models import Grond, Vrijstelling
    from leerrecht.web.vrijstellingen.models import Status as VrijstellingStatus

    besluiten = Counter(
        Vrijstelling.objects.filter(
            bureau=bureau, besloten_op__range=(eerste, peildatum)
        ).values_list("grond", "status")
    )
    return [
        (
            str(label),
            besluiten.get((waarde, VrijstellingStatus.TOEGEKEND.value), 0),
            besluiten.get((waarde, VrijstellingStatus.AFGEWEZEN.value), 0),
        )
        for waarde, label in Grond.choices
    ]


def bureau_jaarcijfers(bureau: Bureau, start_jaar: int, vandaag: dt.date) -> Jaarcijfers:
    """The office's figures: meldingen whose absence began in the school year (the inbox), and
    the thuiszitters at home in it, per gemeente (each gemeente reports on its own)."""
    eerste, laatste = schooljaar(start_jaar)
    peildatum = min(laatste, vandaag)
    meldingen = list(
        InboxMelding.objects.filter(bureau=bureau, begin__range=(eerste, peildatum)).select_related(
            "jeugdige__gemeente"
        )
    )
    gemeenten = [
        (str(w.gemeente_id), w.gemeente.naam)
        for w in bureau.werkgebied.select_related("gemeente").order_by("gemeente__naam")
    ]
    onbekend = ("", str(_("onbekend")))

    def gemeente(g_id: int | None) -> str:
        return str(g_id) if g_id is not None and str(g_id) in dict(gemeenten) else ""

    kolommen = [*gemeenten, onbekend]
    soorten = _soorten(m.soort for m in meldingen)
    per_gemeente = kruistabel(
        ((m.soort, gemeente(m.jeugdige.gemeente_id)) for m in meldingen), soorten, kolommen
    )
    scholen = sorted({m.school_naam for m in meldingen})
    per_school = kruistabel(
        ((m.school_naam, m.soort) for m in meldingen), [(s, s) for s in scholen], soorten
    )
    statussen = Counter(m.status for m in meldingen)
    regs = list(
        in_periode(
            ThuiszitterRegistratie.objects.filter(bureau=bureau), eerste, peildatum
        ).select_related("jeugdige")
    )
    thuis = kruistabel(
        ((huidige_categorie(r, peildatum).value, gemeente(r.jeugdige.gemeente_id)) for r in regs),
        [(k, str(v)) for k, v in Categorie.choices],
        kolommen,
    )
    return Jaarcijfers(
        schooljaar=label(start_jaar),
        eerste=eerste,
        laatste=laatste,
        peildatum=peildatum,
        meldingen_per_gemeente=per_gemeente,
        meldingen_per_status=[(status_label(k), n) for k, n in sorted(statussen.items())],
        meldingen_per_school=per_school,
        jeugdigen_met_melding=len({m.jeugdige_id for m in meldingen}),
        thuiszitters_per_gemeente=thuis,
        thuiszitters_nieuw=sum(1 for r in regs if r.sinds >= eerste),
        thuiszitters_opgelost=sum(
            1
            for r in regs
            if r.status == Status.OPGELOST
            and r.opgelost_op
            and eerste <= r.opgelost_op <= peildatum
        ),
        acties_per_soort=_acties_per_soort(bureau, eerste, peildatum),
        vrijstellingen_per_grond=_vrijstellingen_per_grond(bureau, eerste, peildatum),
    )


@dataclass
class SchoolJaarcijfers:
    schooljaar: str
    eerste: dt.date
    laatste: dt.date
    peildatum: dt.date
    meldingen: list[tuple[str, int]]
    meldingen_totaal: int
    leerlingen_met_melding: int
    concepten: int
    thuiszitters: list[tuple[str, int]]
    thuiszitters_totaal: int


def school_jaarcijfers(school: School, start_jaar: int, vandaag: dt.date) -> SchoolJaarcijfers:
    """A school's own figures: its DUO-meldingen reported to DUO (not concepts, not withdrawn)
    whose absence began in the school year, and the thuiszitters of the school (counts only)."""
    eerste, laatste = schooljaar(start_jaar)
    peildatum = min(laatste, vandaag)
    in_jaar = DuoMelding.objects.filter(school=school, begin__range=(eerste, peildatum))
    gemeld = in_jaar.filter(status__in=[s.value for s in MET_MELDINGSNUMMER])
    per_soort = dict(gemeld.values_list("soort").annotate(n=Count("pk")).values_list("soort", "n"))
    regs = list(in_periode(ThuiszitterRegistratie.objects.filter(school=school), eerste, peildatum))
    cats = Counter(huidige_categorie(r, peildatum) for r in regs)
    return SchoolJaarcijfers(
        schooljaar=label(start_jaar),
        eerste=eerste,
        laatste=laatste,
        peildatum=peildatum,
        meldingen=[(str(v), per_soort.get(k, 0)) for k, v in SOORTEN],
        meldingen_totaal=sum(per_soort.values()),
        leerlingen_met_melding=gemeld.values("leerling").distinct().count(),
        concepten=in_jaar.filter(status="concept").count(),
        thuiszitters=[(str(c.label), cats.get(c, 0)) for c in Categorie],
        thuiszitters_totaal=len(regs),
    )
