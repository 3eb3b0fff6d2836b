"""The calendar overview per school year: school days, lesweken, lesson hours, vacations and
closed days, as the engine sees them (:func:`leerrecht.web.evaluatie.calendar_for`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from leerrecht.core.calendar import SchoolCalendar, school_year_start
from leerrecht.core.vacations import Region, shipped_vacations
from leerrecht.web import evaluatie
from leerrecht.web.scholen.models import School
from leerrecht.web.schoolbeheer.models import SchoolVakantie, SchoolVrijeDag, normaliseer_naam

#: where a vacation comes from
OCW = "ocw"
VERVANGT_OCW = "vervangt"
EXTRA = "extra"


@dataclass(frozen=True, slots=True)
class VakantieRij:
    naam: str
    start: dt.date
    end: dt.date
    bron: str  # OCW, VERVANGT_OCW or EXTRA


@dataclass(frozen=True, slots=True)
class GeslotenDag:
    datum: dt.date
    naam: str
    eigen: bool  # a closed day of the school itself (not a public holiday)


@dataclass(frozen=True, slots=True)
class Schooljaar:
    label: str
    begin: dt.date
    eind: dt.date
    schooldagen: int
    lesweken: int
    lesuren: float
    vakanties: tuple[VakantieRij, ...]
    gesloten: tuple[GeslotenDag, ...]


def overzicht(school: School) -> list[Schooljaar]:
    """Every known school year of the school's calendar, oldest first."""
    calendar: SchoolCalendar = evaluatie.calendar_for(school)
    shipped, _years = shipped_vacations(Region(school.regio))
    ocw_namen = {(normaliseer_naam(v.name), school_year_start(v.start).year) for v in shipped}
    eigen = {
        (v.naam, v.eerste_dag, v.laatste_dag): v.schooljaar
        for v in SchoolVakantie.objects.filter(school=school)
    }
    eigen_dagen = set(SchoolVrijeDag.objects.filter(school=school).values_list("datum", flat=True))
    jaren: list[Schooljaar] = []
    for year in sorted(calendar.covered_years):
        begin, eind = dt.date(year, 8, 1), dt.date(year + 1, 7, 31)
        dagen = calendar.school_days_between(begin, eind)
        vakanties: list[VakantieRij] = []
        for v in calendar.vacations:
            if v.end < begin or v.start > eind:
                continue
            sleutel = (v.name, v.start, v.end)
            if sleutel in eigen:
                bron = VERVANGT_OCW if (v.name, eigen[sleutel]) in ocw_namen else EXTRA
            else:
                bron = OCW
            vakanties.append(VakantieRij(v.name, v.start, v.end, bron))
        gesloten = tuple(
            GeslotenDag(c.date, c.name, c.date in eigen_dagen)
            for c in sorted(calendar.closed, key=lambda c: c.date)
            if begin <= c.date <= eind
            and c.date.weekday() < 5
            and calendar.vacation_on(c.date) is None
        )
        jaren.append(
            Schooljaar(
                label=f"{year}-{year + 1}",
                begin=begin,
                eind=eind,
                schooldagen=len(dagen),
                lesweken=len({calendar.lesweek_index(d) for d in dagen}),
                lesuren=sum(calendar.scheduled_hours(d) for d in dagen),
                vakanties=tuple(vakanties),
                gesloten=gesloten,
            )
        )
    return jaren
