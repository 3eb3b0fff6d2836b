"""The bridge from the database to the Django-free core: build domain objects and evaluate."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db.models import F, QuerySet, Value

from leerrecht.core.absence import Kind, Reason, Registration
from leerrecht.core.calendar import (
    ClosedDay,
    SchoolCalendar,
    Vacation,
    build_calendar,
    school_year_start,
)
from leerrecht.core.evaluate import Evaluation, evaluate
from leerrecht.core.model import ExitReason, Pupil, School, Sector
from leerrecht.core.protocols.loader import load_protocol, shipped_protocol_files
from leerrecht.core.protocols.schema import Protocol
from leerrecht.core.vacations import Region, shipped_vacations
from leerrecht.web import vaste_query
from leerrecht.web.registratie.models import Registratie
from leerrecht.web.scholen import models as m
from leerrecht.web.schoolbeheer.models import SchoolVakantie, SchoolVrijeDag


@lru_cache(maxsize=64)
def _calendar(
    regio: str,
    hours: tuple[tuple[int, float], ...],
    closed: tuple[tuple[dt.date, str], ...] = (),
    own: tuple[tuple[str, dt.date, dt.date], ...] = (),
) -> SchoolCalendar:
    """The calendar for a region, lesson hours and the school's own days (all in the key, so a
    change of any of them builds a new calendar: nothing needs invalidating)."""
    shipped, years = shipped_vacations(Region(regio))
    # An own vacation replaces the shipped one with its name in its school year.
    replaced = {(name, school_year_start(start).year) for name, start, _end in own}
    vacations = [
        v for v in shipped if (v.name.lower(), school_year_start(v.start).year) not in replaced
    ]
    vacations.extend(Vacation(name, start, end) for name, start, end in own)
    return build_calendar(
        dict(hours), vacations, [ClosedDay(day, name) for day, name in closed], years
    )


KalenderSleutel = tuple[
    str,
    tuple[tuple[int, float], ...],
    tuple[tuple[dt.date, str], ...],
    tuple[tuple[str, dt.date, dt.date], ...],
]


def kalender_sleutel(school: m.School) -> KalenderSleutel:
    """Everything the school's calendar is built from: regio, lesson hours, own closed days and
    own vacations (also part of the fingerprint of stored evaluations)."""
    hours = tuple(sorted(school.lesuren().items()))
    if school.pk is None:  # not saved yet: no days of its own
        return (school.regio, hours, (), ())
    rijen = _EIGEN_DAGEN.rijen(school=school.pk)
    closed = tuple((vaste_query.datum(a), n) for k, a, n, _b in rijen if k == 0)
    own = tuple((n, vaste_query.datum(a), vaste_query.datum(b)) for k, a, n, b in rijen if k == 1)
    return (school.regio, hours, closed, own)


def _eigen_dagen(school: int) -> QuerySet[Any]:
    """The school's own closed days and vacations in one query: (0, datum, omschrijving, datum)
    and (1, eerste_dag, naam, laatste_dag), in the order of the two queries it replaced
    (datum; eerste_dag, naam: the database's collation)."""
    vrij = (
        SchoolVrijeDag.objects.filter(school_id=school)
        .order_by()
        .annotate(_k=Value(0), _a=F("datum"), _n=F("omschrijving"), _b=F("datum"))
        .values_list("_k", "_a", "_n", "_b")
    )
    vakanties = (
        SchoolVakantie.objects.filter(school_id=school)
        .order_by()
        .annotate(_k=Value(1), _a=F("eerste_dag"), _n=F("naam"), _b=F("laatste_dag"))
        .values_list("_k", "_a", "_n", "_b")
    )
    return vrij.union(vakanties, all=True).order_by("_k", "_a", "_n")


#: the SQL written once per process (every register and worklist request asks it)
_EIGEN_DAGEN = vaste_query.VasteQuery(_eigen_dagen, "school")


def calendar_for(school: m.School, sleutel: KalenderSleutel | None = None) -> SchoolCalendar:
    """The school's calendar: its regio's OCW vacations, lesson hours, and its own closed days
    and vacations (:mod:`leerrecht.web.schoolbeheer.models`)."""
    return _calendar(*(sleutel or kalender_sleutel(school)))


def core_school(school: m.School, calendar: SchoolCalendar | None = None) -> School:
    return School(
        name=school.naam,
        sector=Sector(school.sector),
        calendar=calendar if calendar is not None else calendar_for(school),
        brin=school.brin,
        region=school.regio,
    )


class MetNaam(typing.Protocol):
    @property
    def naam(self) -> str: ...


class LeerlingGegevens(typing.Protocol):
    """What the rules need of a pupil: a :class:`~leerrecht.web.scholen.models.Leerling`, or a
    :class:`LeerlingRij` read without building model instances (large schools)."""

    @property
    def pk(self) -> Any: ...
    @property
    def school_id(self) -> int: ...
    @property
    def geboortedatum(self) -> dt.date: ...
    @property
    def ingeschreven_vanaf(self) -> dt.date: ...
    @property
    def ingeschreven_tot(self) -> dt.date | None: ...
    @property
    def woongemeente(self) -> str: ...
    @property
    def groep(self) -> MetNaam | None: ...
    @property
    def startkwalificatie(self) -> bool: ...
    @property
    def uitschrijfreden(self) -> str: ...
    @property
    def nieuwe_inschrijving_vanaf(self) -> dt.date | None: ...


@dataclass(frozen=True, slots=True)
class GroepNaam:
    pk: int
    naam: str

    def __str__(self) -> str:
        return self.naam


@dataclass(frozen=True, slots=True)
class LeerlingRij:
    """A pupil as the worklist needs it, read as plain values: for 2,000 pupils building model
    instances (and one for each pupil's group) costs more than the query."""

    pk: int
    school_id: int
    voornaam: str
    achternaam: str
    geboortedatum: dt.date
    ingeschreven_vanaf: dt.date
    ingeschreven_tot: dt.date | None
    woongemeente: str
    groep: GroepNaam | None
    startkwalificatie: bool
    uitschrijfreden: str
    nieuwe_inschrijving_vanaf: dt.date | None
    #: the hash of all the fields above, computed once (the worklist of a school looks up
    #: 2,000 rows per request in :data:`leerrecht.web.evaluaties.cache.LEERLINGEN`)
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        waarden = (
            self.pk,
            self.school_id,
            self.voornaam,
            self.achternaam,
            self.geboortedatum,
            self.ingeschreven_vanaf,
            self.ingeschreven_tot,
            self.woongemeente,
            self.groep,
            self.startkwalificatie,
            self.uitschrijfreden,
            self.nieuwe_inschrijving_vanaf,
        )
        object.__setattr__(self, "_hash", hash(waarden))

    def __hash__(self) -> int:  # equal rows have equal fields, so equal hashes
        return self._hash

    def __str__(self) -> str:  # as Leerling.__str__
        return f"{self.voornaam} {self.achternaam}"


RIJ_VELDEN = (
    "pk",
    "school_id",
    "voornaam",
    "achternaam",
    "geboortedatum",
    "ingeschreven_vanaf",
    "ingeschreven_tot",
    "woongemeente",
    "groep_id",
    "groep__naam",
    "startkwalificatie",
    "uitschrijfreden",
    "nieuwe_inschrijving_vanaf",
)


class _Rijen:
    """The :class:`LeerlingRij` of each row of values read, kept per process: the worklist
    of a school reads the same 2,000 rows on every request, and building them cost more than
    reading them. The key is the whole row of values, so a changed pupil or group name is
    another key (a new row): nothing needs invalidating. Full at ``maximum``: emptied."""

    def __init__(self, maximum: int) -> None:
        self.maximum = maximum
        self._data: dict[tuple[Any, ...], LeerlingRij] = {}

    def rijen(self, waarden: Iterable[tuple[Any, ...]]) -> list[LeerlingRij]:
        data = self._data
        groepen: dict[int, GroepNaam] = {}
        rijen = []
        for rij in waarden:
            klaar = data.get(rij)
            if klaar is None:
                pk, school_id, voor, achter, geb, van, tot, gem, gid, gnaam, sk, reden, nieuw = rij
                groep = None
                if gid is not None:
                    groep = groepen.get(gid)
                    if groep is None:
                        groep = groepen[gid] = GroepNaam(gid, gnaam)
                klaar = LeerlingRij(
                    pk, school_id, voor, achter, geb, van, tot, gem, groep, sk, reden, nieuw
                )
                if len(data) >= self.maximum:
                    data.clear()
                data[rij] = klaar
            rijen.append(klaar)
        return rijen

    def leeg(self) -> None:
        self._data.clear()


#: per process; 50,000 rows are 25 schools of 2,000 pupils
RIJEN = _Rijen(50_000)


def leerling_rijen(leerlingen: QuerySet[m.Leerling]) -> list[LeerlingRij]:
    """The pupils of ``leerlingen`` (in its order) as :class:`LeerlingRij` (an unchanged
    pupil: the same object as before, :data:`RIJEN`)."""
    return RIJEN.rijen(leerlingen.values_list(*RIJ_VELDEN))


def core_pupil(leerling: LeerlingGegevens) -> Pupil:
    return Pupil(
        pupil_id=str(leerling.pk),
        birth_date=leerling.geboortedatum,
        enrolled_from=leerling.ingeschreven_vanaf,
        enrolled_until=leerling.ingeschreven_tot,
        municipality=leerling.woongemeente,
        group=leerling.groep.naam if leerling.groep else "",
        startkwalificatie=leerling.startkwalificatie,
        exit_reason=ExitReason(leerling.uitschrijfreden) if leerling.uitschrijfreden else None,
        next_enrolment_from=leerling.nieuwe_inschrijving_vanaf,
    )


def core_registration(reg: Registratie) -> Registration:
    return Registration(
        pupil_id=str(reg.leerling_id),
        date=reg.datum,
        kind=Kind(reg.soort),
        reason=Reason(reg.reden),
        hours=float(reg.uren) if reg.uren is not None else None,
        note="",
        line=reg.pk or 0,
    )


def protocol_for(school: m.School) -> Protocol | None:
    return _protocol(*protocol_sleutel(school.protocol)) if school.protocol else None


def protocol_sleutel(ref: str) -> tuple[str, int, int]:
    """A protocol reference with the modification time and size of its file (0, 0 for a
    shipped protocol or a path that does not exist), so an edited file is loaded again."""
    if ref in shipped_protocol_files():
        return (ref, 0, 0)
    try:
        stat = Path(ref).stat()
    except OSError:
        return (ref, 0, 0)
    return (ref, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _protocol(ref: str, _mtime_ns: int, _size: int) -> Protocol:
    """Parsing and checking a protocol file takes milliseconds; keep the result (immutable)."""
    return load_protocol(ref)


def evaluate_pupils(
    school: m.School, leerlingen: Iterable[LeerlingGegevens], as_of: dt.date
) -> Evaluation:
    """Evaluate the statutory rules and the school's protocol for these pupils."""
    pupils = list(leerlingen)
    registraties = Registratie.objects.filter(
        leerling_id__in=[p.pk for p in pupils], datum__lte=as_of
    )
    return evaluate(
        core_school(school),
        [core_pupil(p) for p in pupils],
        [core_registration(r) for r in registraties],
        [],
        as_of,
        protocol_for(school),
    )
