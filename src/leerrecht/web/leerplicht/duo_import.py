"""Import of meldingen from DUO's verzuimloket (CSV) into an office's inbox.

The office downloads its meldingen from the verzuimloket and uploads the file. DUO does not
publish one fixed export layout, so leerrecht reads the columns by their header (the assumed
columns are documented in docs/leerplichtbureau.md, "Importeren uit het verzuimloket"):

``meldingsnummer, brin, school, achternaam, tussenvoegsel, voornaam, geboortedatum,
woongemeente, verzuimsoort, begindatum, einddatum, uren, vermoedelijke_reden, toelichting,
ondernomen_acties, contactpersoon``

:func:`lees` checks the whole file without touching the database: any error (with line and
column, in Dutch) means nothing is imported; a meldingsnummer the office already has (or that
occurs twice in the file) is skipped and reported. :func:`voer_uit` imports all rows in one
transaction. A row is linked to the office's record of the young person by name and date of
birth (:func:`~leerrecht.web.leerplicht.ontvangst.vind_of_maak_jeugdige`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from leerrecht.web.audit.log import vastleggen
from leerrecht.web.audit.models import Actie
from leerrecht.web.leerplicht.models import (
    Bron,
    Bureau,
    Gemeente,
    InboxMelding,
    InboxStatusWijziging,
)
from leerrecht.web.leerplicht.ontvangst import vind_of_maak_jeugdige
from leerrecht.web.leerplicht.routering import gemeente_bij_naam
from leerrecht.web.meldingen.models import Status, Verzuimsoort

VERPLICHT = (
    "meldingsnummer",
    "school",
    "achternaam",
    "voornaam",
    "geboortedatum",
    "verzuimsoort",
    "begindatum",
)
OPTIONEEL = (
    "brin",
    "tussenvoegsel",
    "woongemeente",
    "einddatum",
    "uren",
    "vermoedelijke_reden",
    "toelichting",
    "ondernomen_acties",
    "contactpersoon",
)
KOLOMMEN = VERPLICHT + OPTIONEEL
MAX_BYTES = 2_000_000
MAX_RIJEN = 5000

#: how the verzuimloket and offices write the verzuimsoort
SOORTEN: dict[str, str] = {
    "16_uur": Verzuimsoort.ZESTIEN_UUR,
    "16 uur": Verzuimsoort.ZESTIEN_UUR,
    "16 uur ongeoorloofd verzuim": Verzuimsoort.ZESTIEN_UUR,
    "16 uur ongeoorloofd verzuim in 4 lesweken": Verzuimsoort.ZESTIEN_UUR,
    "lrv": Verzuimsoort.LRV,
    "langdurig relatief verzuim": Verzuimsoort.LRV,
    "luxe": Verzuimsoort.LUXE,
    "luxe verzuim": Verzuimsoort.LUXE,
    "overig": Verzuimsoort.OVERIG,
    "overig verzuim": Verzuimsoort.OVERIG,
    "18plus": Verzuimsoort.ACHTTIEN_PLUS,
    "18+": Verzuimsoort.ACHTTIEN_PLUS,
    "18+ verzuim": Verzuimsoort.ACHTTIEN_PLUS,
}
MELDINGSNUMMER = re.compile(r"^\S{1,50}$")


@dataclass(frozen=True)
class ImportRij:
    regel: int
    meldingsnummer: str
    school: str
    brin: str
    voornaam: str
    achternaam: str
    geboortedatum: dt.date
    gemeente: Gemeente | None
    soort: str
    begin: dt.date
    einde: dt.date | None
    uren: Decimal | None
    vermoedelijke_reden: str
    toelichting: str
    ondernomen_acties: str
    contactpersoon: str

    @property
    def naam(self) -> str:
        return f"{self.voornaam} {self.achternaam}"

    @property
    def soort_label(self) -> str:
        return str(Verzuimsoort(self.soort).label)


@dataclass
class ImportResultaat:
    """What a file holds: the rows to import, the rows skipped and the errors."""

    rijen: list[ImportRij] = field(default_factory=list)
    overgeslagen: list[str] = field(default_factory=list)
    fouten: list[str] = field(default_factory=list)
    genegeerde_kolommen: list[str] = field(default_factory=list)

    @property
    def goed(self) -> bool:
        return not self.fouten


def decodeer(inhoud: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 (what spreadsheet programs write)."""
    try:
        return inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        return inhoud.decode("cp1252", errors="replace")


def _kolomnaam(tekst: str) -> str:
    return re.sub(r"[\s\-]+", "_", tekst.strip().lower())


def _datum(tekst: str) -> dt.date | None:
    tekst = tekst.strip()
    for formaat in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(tekst, formaat).date()
        except ValueError:
            continue
    return None


def lees(tekst: str, bureau: Bureau) -> ImportResultaat:
    """Check the whole file for ``bureau``; never writes."""
    resultaat = ImportResultaat()
    tekst = tekst.lstrip("\ufeff")
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    reader = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    try:
        return _lees(reader, bureau, resultaat)
    except csv.Error as exc:  # e.g. a quote that is never closed
        resultaat.rijen.clear()
        resultaat.fouten.append(
            _(
                "Regel %(regel)d: onleesbaar (%(fout)s); controleer de aanhalingstekens en "
                "sla het bestand op als CSV."
            )
            % {"regel": reader.line_num, "fout": exc}
        )
        return resultaat


def _lees(reader: Any, bureau: Bureau, resultaat: ImportResultaat) -> ImportResultaat:
    kop = next(reader, None)
    if not kop or not any(k.strip() for k in kop):
        resultaat.fouten.append(_("Het bestand is leeg."))
        return resultaat
    namen = [_kolomnaam(k) for k in kop]
    for naam in VERPLICHT:
        if naam not in namen:
            resultaat.fouten.append(_("Regel 1: de kolom '%(kolom)s' ontbreekt.") % {"kolom": naam})
    resultaat.genegeerde_kolommen = [k for k in namen if k and k not in KOLOMMEN]
    if resultaat.fouten:
        return resultaat
    index = {naam: namen.index(naam) for naam in KOLOMMEN if naam in namen}
    al_in_inbox = set(
        InboxMelding.objects.filter(bureau=bureau)
        .exclude(meldingsnummer="")
        .values_list("meldingsnummer", flat=True)
    )
    gebied = set(bureau.werkgebied.values_list("gemeente_id", flat=True))
    in_bestand: dict[str, int] = {}
    for regel, velden in enumerate(reader, start=2):
        if not any(v.strip() for v in velden):
            continue
        if regel - 1 > MAX_RIJEN:
            resultaat.fouten.append(
                _("Het bestand heeft meer dan %(max)d regels; splits het op.") % {"max": MAX_RIJEN}
            )
            break
        rij = _lees_rij(regel, velden, index, bureau, gebied, resultaat.fouten)
        if rij is None:
            continue
        if rij.meldingsnummer in al_in_inbox:
            resultaat.overgeslagen.append(
                _("Regel %(regel)d: meldingsnummer %(nummer)s staat al in de inbox; overgeslagen.")
                % {"regel": regel, "nummer": rij.meldingsnummer}
            )
            continue
        if rij.meldingsnummer in in_bestand:
            resultaat.overgeslagen.append(
                _(
                    "Regel %(regel)d: meldingsnummer %(nummer)s staat ook op regel %(eerder)d; "
                    "overgeslagen."
                )
                % {
                    "regel": regel,
                    "nummer": rij.meldingsnummer,
                    "eerder": in_bestand[rij.meldingsnummer],
                }
            )
            continue
        in_bestand[rij.meldingsnummer] = regel
        resultaat.rijen.append(rij)
    if resultaat.goed and not resultaat.rijen and not resultaat.overgeslagen:
        resultaat.fouten.append(_("Het bestand bevat geen meldingen."))
    return resultaat


def _lees_rij(
    regel: int,
    velden: list[str],
    index: dict[str, int],
    bureau: Bureau,
    gebied: set[int],
    fouten: list[str],
) -> ImportRij | None:
    def waarde(kolom: str) -> str:
        i = index.get(kolom)
        return velden[i].strip() if i is not None and i < len(velden) else ""

    def fout(kolom: str, tekst: str) -> None:
        fouten.append(
            _("Regel %(regel)d, kolom %(kolom)s: %(tekst)s")
            % {"regel": regel, "kolom": kolom, "tekst": tekst}
        )

    aantal = len(fouten)
    for kolom in index:  # PostgreSQL cannot store or even compare text with a NUL byte
        if "\x00" in waarde(kolom):
            fout(kolom, _("bevat een nul-teken (0x00); sla het bestand opnieuw op als CSV."))
    if len(fouten) > aantal:
        return None
    for kolom in VERPLICHT:
        if not waarde(kolom):
            fout(kolom, _("niet ingevuld."))
    nummer = waarde("meldingsnummer")
    if nummer and not MELDINGSNUMMER.match(nummer):
        fout("meldingsnummer", _("mag geen spaties bevatten en is hoogstens 50 tekens lang."))
    datums: dict[str, dt.date | None] = {}
    for kolom in ("geboortedatum", "begindatum", "einddatum"):
        tekst = waarde(kolom)
        datums[kolom] = _datum(tekst) if tekst else None
        if tekst and datums[kolom] is None:
            fout(
                kolom,
                _("'%(waarde)s' is geen datum (schrijf JJJJ-MM-DD of DD-MM-JJJJ).")
                % {"waarde": tekst},
            )
    geboren, begin, einde = datums["geboortedatum"], datums["begindatum"], datums["einddatum"]
    if geboren and geboren > dt.date.today():
        fout("geboortedatum", _("ligt in de toekomst."))
    if begin and einde and einde < begin:
        fout("einddatum", _("ligt voor de begindatum."))
    soort_tekst = waarde("verzuimsoort")
    soort = SOORTEN.get(soort_tekst.lower()) if soort_tekst else None
    if soort_tekst and soort is None:
        fout(
            "verzuimsoort",
            _("'%(waarde)s' is geen verzuimsoort (16 uur, lrv, luxe, overig of 18+).")
            % {"waarde": soort_tekst},
        )
    uren: Decimal | None = None
    uren_tekst = waarde("uren")
    if uren_tekst:
        try:
            uren = Decimal(uren_tekst.replace(",", "."))
        except InvalidOperation:
            fout("uren", _("'%(waarde)s' is geen getal.") % {"waarde": uren_tekst})
        else:
            if not uren.is_finite() or uren < 0 or uren >= Decimal("100000"):
                fout("uren", _("'%(waarde)s' kan niet.") % {"waarde": uren_tekst})
                uren = None
    gemeente: Gemeente | None = None
    woon = waarde("woongemeente")
    if len(woon) > 100:  # no municipality is called that; never send it to the database
        fout("woongemeente", _("hoogstens %(max)d tekens.") % {"max": 100})
    elif woon:
        gemeente = gemeente_bij_naam(woon)
        if gemeente is None:
            fout(
                "woongemeente",
                _("'%(waarde)s' staat niet in de lijst van gemeenten (CBS).") % {"waarde": woon},
            )
        elif gemeente.pk not in gebied:
            fout(
                "woongemeente",
                _("%(gemeente)s hoort niet bij het werkgebied van %(bureau)s.")
                % {"gemeente": gemeente.naam, "bureau": bureau.naam},
            )
    for kolom, lengte in (("school", 200), ("brin", 6), ("voornaam", 100), ("contactpersoon", 200)):
        if len(waarde(kolom)) > lengte:
            fout(kolom, _("hoogstens %(max)d tekens.") % {"max": lengte})
    achternaam = f"{waarde('tussenvoegsel')} {waarde('achternaam')}".strip()
    if len(achternaam) > 100:
        fout("achternaam", _("hoogstens %(max)d tekens.") % {"max": 100})
    if len(fouten) > aantal or geboren is None or begin is None or soort is None:
        return None
    return ImportRij(
        regel=regel,
        meldingsnummer=nummer,
        school=waarde("school"),
        brin=waarde("brin"),
        voornaam=waarde("voornaam"),
        achternaam=achternaam,
        geboortedatum=geboren,
        gemeente=gemeente,
        soort=soort,
        begin=begin,
        einde=einde,
        uren=uren,
        vermoedelijke_reden=waarde("vermoedelijke_reden")[:200],
        toelichting=waarde("toelichting"),
        ondernomen_acties=waarde("ondernomen_acties"),
        contactpersoon=waarde("contactpersoon"),
    )


@transaction.atomic
def voer_uit(bureau: Bureau, rijen: list[ImportRij], door: User) -> list[InboxMelding]:
    """Import every row (all or nothing)."""
    gemaakt: list[InboxMelding] = []
    for rij in rijen:
        jeugdige, _nieuw = vind_of_maak_jeugdige(
            bureau, rij.voornaam, rij.achternaam, rij.geboortedatum, rij.gemeente
        )
        melding = InboxMelding.objects.create(
            bureau=bureau,
            jeugdige=jeugdige,
            bron=Bron.IMPORT,
            meldingsnummer=rij.meldingsnummer,
            school_naam=rij.school,
            brin=rij.brin,
            soort=rij.soort,
            begin=rij.begin,
            einde=rij.einde,
            uren=rij.uren,
            vermoedelijke_reden=rij.vermoedelijke_reden,
            toelichting=rij.toelichting,
            ondernomen_acties=rij.ondernomen_acties,
            contactpersoon=rij.contactpersoon,
            status=Status.GEMELD,
        )
        InboxStatusWijziging.objects.create(
            melding=melding,
            van="",
            naar=Status.GEMELD,
            door=door,
            notitie=f"Geïmporteerd uit het DUO-verzuimloket (regel {rij.regel}).",
        )
        vastleggen(
            door,
            Actie.AANMAKEN,
            melding,
            doel="melding importeren uit het DUO-verzuimloket",
            omschrijving=f"meldingsnummer {rij.meldingsnummer}",
        )
        gemaakt.append(melding)
    return gemaakt
