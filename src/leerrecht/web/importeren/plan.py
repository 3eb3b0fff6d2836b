"""The import plan: exactly what an import will change, row by row. This is the preview.

A parser (:mod:`leerrecht.web.importeren.parsers`) reads a file and hands every row to a
:class:`PlanBouwer`. The builder checks the row against the school: school days only, lesson
hours within the day, pupil known (in the file or already at the school), within the enrolment,
no duplicates. Then it compares the rows with the database. The result is an
:class:`ImportPlan`. For groups, pupils and registrations it lists what is new, what changes
(with every field's old and new value) and what stays the same.

Nothing is written here; :mod:`leerrecht.web.importeren.uitvoeren` applies a plan.

Rules shared by every format:

- An import never deletes: pupils or registrations missing from the file stay as they are.
- A registration is identified by pupil, date and moment (hele dag, ochtend, middag, lesuur
  1-8), as in the register. If one already exists with the same values, it is *ongewijzigd*.
  If its values differ, it is *gewijzigd*, and applying the plan records the old and new value
  in ``RegistratieWijziging`` with the importing user.
- Two rows in one file for the same pupil, date and moment are an error naming both lines.
- All registrations of a pupil on one day together (the ones already stored plus the file's)
  may not count more hours than that day's lesson time, as in the batch format.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Generic, TypeVar

from leerrecht.batch.errors import InputError
from leerrecht.core.absence import Kind, Reason
from leerrecht.web import evaluatie
from leerrecht.web.importeren.models import CodeKoppeling, normaliseer_code
from leerrecht.web.registratie.forms import hours_for_moment
from leerrecht.web.registratie.models import Moment, Registratie
from leerrecht.web.registratie.ziekteverzuim import is_herclassificatie, notitie_geweigerd
from leerrecht.web.scholen.models import Groep, Leerling, School

CENT = Decimal("0.01")


class ImportFout(InputError):
    """Bad input in an import: names file, line and column. Nothing has been written."""

    def __init__(
        self, bestand: str, melding: str, regel: int | None = None, kolom: str | None = None
    ) -> None:
        super().__init__(bestand or "bestand", melding, line=regel, column=kolom)
        self.bestand = bestand or "bestand"

    @property
    def regel(self) -> int | None:
        return self.line

    @property
    def kolom(self) -> str | None:
        return None if self.column is None else str(self.column)


class Actie(StrEnum):
    NIEUW = "nieuw"
    GEWIJZIGD = "gewijzigd"
    ONGEWIJZIGD = "ongewijzigd"


@dataclass(frozen=True, slots=True)
class Verandering:
    """One field of one row: its value now and after the import."""

    veld: str
    oud: str
    nieuw: str


@dataclass(frozen=True, slots=True)
class GroepRij:
    actie: Actie
    bestand: str
    regel: int
    naam: str


@dataclass(frozen=True, slots=True)
class LeerlingRij:
    actie: Actie
    bestand: str
    regel: int
    leerlingnummer: str
    #: the Leerling fields to set; ``groep`` is a group name ("" = no group)
    waarden: dict[str, object]
    veranderingen: tuple[Verandering, ...]
    pk: int | None


@dataclass(frozen=True, slots=True)
class RegistratieRij:
    actie: Actie
    bestand: str
    regel: int
    leerlingnummer: str
    datum: dt.date
    moment: str
    soort: str
    reden: str
    uren: Decimal | None
    #: None: the file has no note column, an existing note stays (a new one is empty)
    notitie: str | None
    veranderingen: tuple[Verandering, ...]
    pk: int | None
    oud: str
    nieuw: str

    @property
    def moment_label(self) -> str:
        return str(Moment(self.moment).label)


R = TypeVar("R", GroepRij, LeerlingRij, RegistratieRij)


@dataclass
class Onderdeel(Generic[R]):
    """The rows of one kind, split by what the import does with them."""

    nieuw: list[R] = field(default_factory=list)
    gewijzigd: list[R] = field(default_factory=list)
    ongewijzigd: list[R] = field(default_factory=list)

    def voeg_toe(self, rij: R) -> None:
        {
            Actie.NIEUW: self.nieuw,
            Actie.GEWIJZIGD: self.gewijzigd,
            Actie.ONGEWIJZIGD: self.ongewijzigd,
        }[rij.actie].append(rij)

    @property
    def te_schrijven(self) -> int:
        return len(self.nieuw) + len(self.gewijzigd)

    def aantallen(self) -> dict[str, int]:
        return {
            "nieuw": len(self.nieuw),
            "gewijzigd": len(self.gewijzigd),
            "ongewijzigd": len(self.ongewijzigd),
        }


@dataclass
class ImportPlan:
    """What an import will do. Built by a parser, shown as the preview, applied in one go."""

    formaat: str
    groepen: Onderdeel[GroepRij] = field(default_factory=Onderdeel)
    leerlingen: Onderdeel[LeerlingRij] = field(default_factory=Onderdeel)
    registraties: Onderdeel[RegistratieRij] = field(default_factory=Onderdeel)
    waarschuwingen: list[str] = field(default_factory=list)

    @property
    def totaal(self) -> int:
        """The number of rows the import writes (its progress runs to this number)."""
        return (
            self.groepen.te_schrijven
            + self.leerlingen.te_schrijven
            + self.registraties.te_schrijven
        )

    @property
    def rijen(self) -> int:
        return sum(
            len(o.nieuw) + len(o.gewijzigd) + len(o.ongewijzigd)
            for o in (self.groepen, self.leerlingen, self.registraties)
        )

    def aantallen(self) -> dict[str, dict[str, int]]:
        return {
            "groepen": self.groepen.aantallen(),
            "leerlingen": self.leerlingen.aantallen(),
            "registraties": self.registraties.aantallen(),
        }

    def vingerafdruk(self) -> str:
        """A hash of every write the plan makes: equal plans write exactly the same."""
        writes: list[object] = []
        for g in self.groepen.nieuw:
            writes.append(["groep", g.naam])
        for rij in [*self.leerlingen.nieuw, *self.leerlingen.gewijzigd]:
            writes.append(["leerling", rij.pk, rij.leerlingnummer, sorted(rij.waarden.items())])
        for reg in [*self.registraties.nieuw, *self.registraties.gewijzigd]:
            writes.append(
                [
                    "registratie",
                    reg.pk,
                    reg.leerlingnummer,
                    reg.datum,
                    reg.moment,
                    reg.soort,
                    reg.reden,
                    reg.uren,
                    reg.notitie,
                ]
            )
        text = json.dumps(writes, default=str, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


# -- what a parser hands to the builder --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LeerlingInvoer:
    """A pupil row of a file: only the fields the file states (absent columns stay as they are)."""

    bestand: str
    regel: int
    leerlingnummer: str
    waarden: dict[str, object]


@dataclass(frozen=True, slots=True)
class Kolommen:
    """The column names of a format, for error messages."""

    leerling: str
    datum: str
    uren: str
    moment: str


@dataclass(frozen=True, slots=True)
class RegistratieInvoer:
    bestand: str
    regel: int
    leerlingnummer: str
    datum: dt.date
    moment: str
    soort: Kind
    reden: Reason
    #: clock hours as given in the file; None = derived from the moment (as the register does)
    uren: float | None
    notitie: str | None


@dataclass(frozen=True, slots=True)
class _Kandidaat:
    invoer: RegistratieInvoer
    uren: Decimal | None
    gepland: float
    kolommen: Kolommen


#: Leerling fields an import may set, in display order
LEERLING_VELDEN = (
    "voornaam",
    "achternaam",
    "geboortedatum",
    "ingeschreven_vanaf",
    "ingeschreven_tot",
    "woongemeente",
    "groep",
    "startkwalificatie",
    "uitschrijfreden",
    "nieuwe_inschrijving_vanaf",
)


def toon(waarde: object) -> str:
    """A value as the preview shows it."""
    if waarde is None or waarde == "":
        return "—"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    return str(waarde)


def veldnaam(veld: str) -> str:
    field = Leerling._meta.get_field(veld)
    return str(getattr(field, "verbose_name", veld))


def beschrijf(soort: str, reden: str, uren: Decimal | None, notitie: str = "") -> str:
    """A registration in words, for the history (RegistratieWijziging, max. 200 characters)."""
    text = f"{'te laat' if soort == Kind.LATE else 'afwezig'} ({reden})"
    if uren is not None:
        text += f", {uren} uur"
    if notitie:
        text += f", notitie: {notitie}"
    return text if len(text) <= 200 else text[:199] + "…"


def geteld(soort: str, reden: str, uren: Decimal | None, gepland: float) -> float:
    """The hours a registration counts on its day (as the batch loader counts them)."""
    if reden == Reason.SCHORSING:  # a schorsing is no verzuim (Reason.counts_as_absence)
        return 0.0
    if uren is not None:
        return float(uren)
    return 0.0 if soort == Kind.LATE else gepland


class PlanBouwer:
    """Checks a file's rows against one school and turns them into an :class:`ImportPlan`."""

    def __init__(self, school: School, formaat: str) -> None:
        self.school = school
        self.formaat = formaat
        self.kalender = evaluatie.calendar_for(school)
        self.waarschuwingen: list[str] = []
        self._groepen = {g.naam: g for g in Groep.objects.filter(school=school)}
        self._bestaand = {
            p.leerlingnummer: p
            for p in Leerling.objects.filter(school=school).select_related("groep")
        }
        self._leerlingen: dict[str, LeerlingInvoer] = {}
        self._registraties: dict[tuple[str, dt.date, str], _Kandidaat] = {}
        self._codes: dict[str, tuple[Kind, Reason]] | None = None

    # -- lookups for parsers ------------------------------------------------------------------

    def bestaande_leerling(self, leerlingnummer: str) -> Leerling | None:
        return self._bestaand.get(leerlingnummer)

    def codes(self) -> dict[str, tuple[Kind, Reason]]:
        """The school's LAS code table (code in capitals -> kind, reason)."""
        if self._codes is None:
            self._codes = {
                c.code: (Kind(c.soort), Reason(c.reden))
                for c in CodeKoppeling.objects.filter(school=self.school)
            }
        return self._codes

    def code(
        self, bestand: str, regel: int, kolom: str, code: str, omschrijving: str = ""
    ) -> tuple[Kind, Reason]:
        """Resolve a LAS code; an unknown code is an error naming code and line."""
        if not code.strip():
            raise ImportFout(bestand, f"'{kolom}' is leeg; elke regel heeft een code", regel, kolom)
        found = self.codes().get(normaliseer_code(code))
        if found is None:
            known = ", ".join(sorted(self.codes())) or "(nog geen)"
            extra = f" ({omschrijving})" if omschrijving else ""
            raise ImportFout(
                bestand,
                f"onbekende LAS-code {code!r}{extra}; bekende codes van {self.school.naam}: "
                f"{known}. Leg de code vast bij Importeren › LAS-codes en importeer opnieuw",
                regel,
                kolom,
            )
        return found

    def waarschuw(self, tekst: str) -> None:
        if tekst not in self.waarschuwingen:
            self.waarschuwingen.append(tekst)

    # -- rows ---------------------------------------------------------------------------------

    def leerling(self, invoer: LeerlingInvoer, kolom: str) -> None:
        earlier = self._leerlingen.get(invoer.leerlingnummer)
        if earlier is not None:
            raise ImportFout(
                invoer.bestand,
                f"leerling {invoer.leerlingnummer!r} staat er dubbel in "
                f"(regel {earlier.regel} en regel {invoer.regel})",
                invoer.regel,
                kolom,
            )
        self._leerlingen[invoer.leerlingnummer] = invoer

    def _inschrijving(self, leerlingnummer: str) -> tuple[dt.date, dt.date | None] | None:
        """The enrolment a pupil will have after the import (None: pupil unknown)."""
        existing = self._bestaand.get(leerlingnummer)
        invoer = self._leerlingen.get(leerlingnummer)
        if invoer is None:
            if existing is None:
                return None
            return existing.ingeschreven_vanaf, existing.ingeschreven_tot
        vanaf = invoer.waarden.get("ingeschreven_vanaf")
        tot = invoer.waarden.get(
            "ingeschreven_tot", existing.ingeschreven_tot if existing else None
        )
        if not isinstance(vanaf, dt.date):
            assert existing is not None  # parsers require ingeschreven_vanaf for a new pupil
            vanaf = existing.ingeschreven_vanaf
        return vanaf, tot if isinstance(tot, dt.date) else None

    def registratie(self, invoer: RegistratieInvoer, kolommen: Kolommen, onbekend: str) -> None:
        """Check one registration row. ``onbekend`` completes the unknown-pupil message."""
        bestand, regel = invoer.bestand, invoer.regel
        enrolment = self._inschrijving(invoer.leerlingnummer)
        if enrolment is None:
            raise ImportFout(
                bestand,
                f"leerling {invoer.leerlingnummer!r} is niet bekend op {self.school.naam}{onbekend}",
                regel,
                kolommen.leerling,
            )
        day = invoer.datum
        try:
            why = self.kalender.why_not_school_day(day)
            gepland = self.kalender.scheduled_hours(day)
        except ValueError as exc:  # CalendarError, or a year the calendar cannot count with
            raise ImportFout(bestand, f"{day}: {exc}", regel, kolommen.datum) from None
        if why:
            raise ImportFout(
                bestand,
                f"{day} is geen schooldag ({why}); registreer alleen op schooldagen",
                regel,
                kolommen.datum,
            )
        vanaf, tot = enrolment
        if day < vanaf or (tot is not None and day > tot):
            until = tot.isoformat() if tot else "nu"
            raise ImportFout(
                bestand,
                f"{day} valt buiten de inschrijving van leerling {invoer.leerlingnummer} "
                f"({vanaf} t/m {until})",
                regel,
                kolommen.datum,
            )
        uren: Decimal | None
        if invoer.uren is not None:
            if invoer.uren > gepland + 1e-9:
                raise ImportFout(
                    bestand,
                    f"{invoer.uren:g} uur is meer dan de {gepland:g} lesuren op {day}",
                    regel,
                    kolommen.uren,
                )
            uren = Decimal(str(invoer.uren)).quantize(CENT)
        elif invoer.soort is Kind.ABSENT:
            uren = hours_for_moment(invoer.moment, gepland)
        else:
            uren = None
        key = (invoer.leerlingnummer, day, invoer.moment)
        earlier = self._registraties.get(key)
        if earlier is not None:
            moment = Moment(invoer.moment).label
            raise ImportFout(
                bestand,
                f"leerling {invoer.leerlingnummer} staat op {day} ({moment}) dubbel in het "
                f"bestand: regel {earlier.invoer.regel} en regel {regel}. Eén registratie per "
                "leerling, dag en moment (hele dag, ochtend, middag of lesuur)",
                regel,
                kolommen.moment,
            )
        self._registraties[key] = _Kandidaat(invoer, uren, gepland, kolommen)

    # -- the plan -----------------------------------------------------------------------------

    def maak(self) -> ImportPlan:
        plan = ImportPlan(self.formaat, waarschuwingen=list(self.waarschuwingen))
        self._plan_groepen(plan)
        self._plan_leerlingen(plan)
        self._plan_registraties(plan)
        return plan

    def _plan_groepen(self, plan: ImportPlan) -> None:
        seen: set[str] = set()
        for invoer in sorted(self._leerlingen.values(), key=lambda i: (i.bestand, i.regel)):
            naam = invoer.waarden.get("groep")
            if not isinstance(naam, str) or not naam or naam in seen:
                continue
            seen.add(naam)
            actie = Actie.ONGEWIJZIGD if naam in self._groepen else Actie.NIEUW
            plan.groepen.voeg_toe(GroepRij(actie, invoer.bestand, invoer.regel, naam))

    def _plan_leerlingen(self, plan: ImportPlan) -> None:
        for invoer in sorted(self._leerlingen.values(), key=lambda i: (i.bestand, i.regel)):
            existing = self._bestaand.get(invoer.leerlingnummer)
            changes: list[Verandering] = []
            waarden: dict[str, object] = {}
            for veld in LEERLING_VELDEN:
                if veld not in invoer.waarden:
                    continue
                new = invoer.waarden[veld]
                if existing is None:
                    old: object = None
                elif veld == "groep":
                    old = existing.groep.naam if existing.groep else ""
                else:
                    old = getattr(existing, veld)
                if existing is None or old != new:
                    waarden[veld] = new
                    if existing is not None or new not in (None, "", False):
                        changes.append(Verandering(veldnaam(veld), toon(old), toon(new)))
            if existing is None:
                actie = Actie.NIEUW
            else:
                actie = Actie.GEWIJZIGD if waarden else Actie.ONGEWIJZIGD
            plan.leerlingen.voeg_toe(
                LeerlingRij(
                    actie,
                    invoer.bestand,
                    invoer.regel,
                    invoer.leerlingnummer,
                    waarden,
                    tuple(changes),
                    existing.pk if existing else None,
                )
            )

    def _plan_registraties(self, plan: ImportPlan) -> None:
        if not self._registraties:
            return
        days = [key[1] for key in self._registraties]
        by_pk = {p.pk: nummer for nummer, p in self._bestaand.items()}
        stored: dict[tuple[str, dt.date, str], Registratie] = {}
        per_day: dict[tuple[str, dt.date], list[Registratie]] = defaultdict(list)
        for reg in Registratie.objects.filter(
            leerling__school=self.school, datum__gte=min(days), datum__lte=max(days)
        ):
            nummer = by_pk[reg.leerling_id]
            stored[(nummer, reg.datum, reg.moment)] = reg
            per_day[(nummer, reg.datum)].append(reg)
        self._controleer_uren_per_dag(stored, per_day)
        for key, kandidaat in sorted(
            self._registraties.items(), key=lambda kv: (kv[1].invoer.bestand, kv[1].invoer.regel)
        ):
            plan.registraties.voeg_toe(self._registratie_rij(kandidaat, stored.get(key)))

    def _controleer_uren_per_dag(
        self,
        stored: dict[tuple[str, dt.date, str], Registratie],
        per_day: dict[tuple[str, dt.date], list[Registratie]],
    ) -> None:
        """Stored and imported registrations of a pupil on a day fit within the lesson time."""
        rows: dict[tuple[str, dt.date], list[_Kandidaat]] = defaultdict(list)
        for (nummer, day, _moment), kandidaat in self._registraties.items():
            rows[(nummer, day)].append(kandidaat)
        for (nummer, day), kandidaten in rows.items():
            replaced = {k.invoer.moment for k in kandidaten}
            gepland = kandidaten[0].gepland
            total = sum(
                geteld(r.soort, r.reden, r.uren, gepland)
                for r in per_day.get((nummer, day), [])
                if r.moment not in replaced
            )
            for k in sorted(kandidaten, key=lambda k: (k.invoer.bestand, k.invoer.regel)):
                total += geteld(k.invoer.soort, k.invoer.reden, k.uren, gepland)
                if total > gepland + 1e-9:
                    raise ImportFout(
                        k.invoer.bestand,
                        f"leerling {nummer} heeft op {day} samen {total:g} uur afwezigheid "
                        f"(met wat al in leerrecht staat), meer dan de {gepland:g} lesuren van "
                        "die dag (dubbele registratie?)",
                        k.invoer.regel,
                        k.kolommen.uren,
                    )

    def _registratie_rij(self, kandidaat: _Kandidaat, old: Registratie | None) -> RegistratieRij:
        invoer = kandidaat.invoer
        soort, reden, uren = invoer.soort.value, invoer.reden.value, kandidaat.uren
        notitie = invoer.notitie
        new_note = notitie if notitie is not None else (old.notitie if old else "")
        if notitie_geweigerd(reden, notitie, old.notitie if old else ""):
            raise ImportFout(
                invoer.bestand,
                f"een notitie bij {reden} (leerling {invoer.leerlingnummer}, {invoer.datum}) "
                "wordt niet geïmporteerd: noteer nooit de aard van een ziekte. Maak de notitie "
                "leeg en importeer opnieuw",
                invoer.regel,
                "note",
            )
        if old is not None and is_herclassificatie(old.reden, reden):
            raise ImportFout(
                invoer.bestand,
                f"leerling {invoer.leerlingnummer} staat op {invoer.datum} als {old.reden} "
                f"(geoorloofd); een import maakt daar geen {reden} van. Ziekteverzuim wordt "
                "alleen ongeoorloofd in het register, met de datum waarop de ouders zijn "
                "geïnformeerd. Haal deze regel uit het bestand en importeer opnieuw",
                invoer.regel,
                kandidaat.kolommen.datum,
            )
        changes: list[Verandering] = []
        if old is None:
            actie = Actie.NIEUW
            before = "—"
        else:
            before = beschrijf(old.soort, old.reden, old.uren, old.notitie)
            pairs = [
                ("soort", old.soort, soort),
                ("reden", old.reden, reden),
                ("uren", old.uren, uren),
                ("notitie", old.notitie, new_note),
            ]
            changes = [Verandering(name, toon(a), toon(b)) for name, a, b in pairs if a != b]
            actie = Actie.GEWIJZIGD if changes else Actie.ONGEWIJZIGD
        return RegistratieRij(
            actie=actie,
            bestand=invoer.bestand,
            regel=invoer.regel,
            leerlingnummer=invoer.leerlingnummer,
            datum=invoer.datum,
            moment=invoer.moment,
            soort=soort,
            reden=reden,
            uren=uren,
            notitie=notitie,
            veranderingen=tuple(changes),
            pk=old.pk if old else None,
            oud=before,
            nieuw=beschrijf(soort, reden, uren, new_note),
        )
