"""The numbers a school shares with the jeugdarts when it refers a pupil (M@ZL): how often and how
long the pupil was reported sick, counted from the register. Numbers only: what the illness is,
is never asked and never stored.

A ziekmelding is a run of consecutive school days with a registration 'ziek' (absent), counted on
its first day, as the protocol metrics do (:mod:`leerrecht.core.protocols.metrics`); 12
schoolweken are 12 lesweken (vacation weeks do not count), as in seed 003 §7 and
``ijssel-vecht.yaml`` (step ``mazl-aanmelding-jeugdarts``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from leerrecht.core.absence import Kind, Reason
from leerrecht.core.calendar import CalendarError, school_year_start
from leerrecht.web import evaluatie
from leerrecht.web.registratie.models import Registratie
from leerrecht.web.scholen.models import Leerling

WEKEN = 12
TERUG = dt.timedelta(days=366)


@dataclass(frozen=True, slots=True)
class Telling:
    ziekmeldingen_12_weken: int
    schooldagen_laatste_ziekmelding: int
    schooldagen_ziek_schooljaar: int


def tel(leerling: Leerling, op: dt.date) -> Telling | None:
    """The counts at ``op``; None when the school calendar does not cover that day."""
    calendar = evaluatie.calendar_for(leerling.school)
    try:
        calendar.require(op)
    except CalendarError:
        return None
    begin_jaar = school_year_start(op)
    # a year back: 12 lesweken early in a school year reach into the previous one
    dagen = calendar.school_days_between(op - TERUG, op)
    if not dagen:
        return Telling(0, 0, 0)
    ziek = set(
        Registratie.objects.filter(
            leerling=leerling,
            soort=Kind.ABSENT.value,
            reden=Reason.ZIEK.value,
            datum__gte=dagen[0],
            datum__lte=op,
        ).values_list("datum", flat=True)
    )
    ziek &= set(dagen)
    # the first school day of every run of sick days in this school year
    starts = [d for i, d in enumerate(dagen) if d in ziek and (i == 0 or dagen[i - 1] not in ziek)]
    laatste_week, weekdag = calendar.lesweek_key(dagen[-1])
    venster = (laatste_week - WEKEN, weekdag)
    in_venster = [d for d in starts if calendar.lesweek_key(d) > venster]
    reeks = 0
    if starts:
        i = dagen.index(starts[-1])
        while i < len(dagen) and dagen[i] in ziek:
            reeks += 1
            i += 1
    return Telling(
        ziekmeldingen_12_weken=len(in_venster),
        schooldagen_laatste_ziekmelding=reeks,
        schooldagen_ziek_schooljaar=sum(1 for d in ziek if d >= begin_jaar),
    )
