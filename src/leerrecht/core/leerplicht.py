"""Leerplicht and kwalificatieplicht of a pupil at a date.

- Leerplichtig from the first school day of the month after the 5th birthday (Lpw art. 3;
  seed 003 bijlage 1).
- Full leerplicht ends at the end of the school year in which the pupil turns 16, or at the end
  of twelve full school years, whichever comes first (Lpw art. 4). "De basisschoolperiode telt
  mee voor acht jaar, ook als de leerling de basisschool sneller heeft doorlopen" (seed 003
  bijlage 1): when the date the pupil started secondary education (``vo_start``) is known, the
  twelve years are 8 + the full school years since then; otherwise they are counted from the
  first full school year of leerplicht.
- Then kwalificatieplichtig until the 18th birthday, unless a startkwalificatie (havo, vwo,
  mbo-2 or higher) was obtained (Lpw art. 4a).
- From 18 to 23 without startkwalificatie the school reports '18+ verzuim' to DUO (RMC).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from leerrecht.core.calendar import SchoolCalendar, school_year_end, school_year_start
from leerrecht.core.sources import LPW_ART_3, LPW_ART_4, LPW_ART_4A, Source


class Leerplicht(StrEnum):
    LEERPLICHTIG = "leerplichtig"
    KWALIFICATIEPLICHTIG = "kwalificatieplichtig"
    NIET_LEERPLICHTIG = "niet_leerplichtig"


def birthday(birth: dt.date, age: int) -> dt.date:
    """The date a person born on ``birth`` turns ``age`` (29 February -> 1 March)."""
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:
        return dt.date(birth.year + age, 3, 1)


def age_on(birth: dt.date, day: dt.date) -> int:
    years = day.year - birth.year
    if day < birthday(birth, years):
        years -= 1
    return years


def _first_of_next_month(day: dt.date) -> dt.date:
    if day.month == 12:
        return dt.date(day.year + 1, 1, 1)
    return dt.date(day.year, day.month + 1, 1)


@dataclass(frozen=True, slots=True)
class LeerplichtPeriods:
    """The dates that bound leerplicht and kwalificatieplicht for one pupil."""

    start: dt.date  # first day leerplichtig
    full_end: dt.date  # last day of full leerplicht
    full_end_reason: str
    kwalificatie_end: dt.date | None  # last day kwalificatieplichtig (None: not applicable)

    def status(self, day: dt.date) -> Leerplicht:
        if self.start <= day <= self.full_end:
            return Leerplicht.LEERPLICHTIG
        if self.kwalificatie_end is not None and self.full_end < day <= self.kwalificatie_end:
            return Leerplicht.KWALIFICATIEPLICHTIG
        return Leerplicht.NIET_LEERPLICHTIG

    def explain(self, day: dt.date) -> str:
        """A Dutch sentence that says why the pupil has this status on ``day``."""
        status = self.status(day)
        if status is Leerplicht.LEERPLICHTIG:
            return (
                f"Leerplichtig vanaf de maand na de vijfde verjaardag ({self.start}), "
                f"tot en met {self.full_end}: {self.full_end_reason}."
            )
        if status is Leerplicht.KWALIFICATIEPLICHTIG:
            return (
                f"De volledige leerplicht eindigde op {self.full_end} ({self.full_end_reason}); "
                f"kwalificatieplichtig tot en met {self.kwalificatie_end} (dag voor de 18e "
                "verjaardag), zolang er geen startkwalificatie is."
            )
        if day < self.start:
            return f"Nog niet leerplichtig: de leerplicht begint op {self.start}."
        if self.kwalificatie_end is None:
            return (
                f"Niet meer leerplichtig: de volledige leerplicht eindigde op {self.full_end} en "
                "er is een startkwalificatie of de leerling is 18."
            )
        return f"Niet meer leerplichtig: de kwalificatieplicht eindigde op {self.kwalificatie_end}."

    def sources(self, day: dt.date) -> tuple[Source, ...]:
        status = self.status(day)
        if status is Leerplicht.LEERPLICHTIG:
            return (LPW_ART_3, LPW_ART_4)
        if status is Leerplicht.KWALIFICATIEPLICHTIG:
            return (LPW_ART_4A,)
        return (LPW_ART_3, LPW_ART_4, LPW_ART_4A)


def leerplicht_start(birth: dt.date, calendar: SchoolCalendar | None = None) -> dt.date:
    """First school day of the month after the 5th birthday (Lpw art. 3)."""
    first = _first_of_next_month(birthday(birth, 5))
    if calendar is not None and calendar.covers(first):
        school_day = calendar.first_school_day_on_or_after(first)
        if school_day is not None:
            return school_day
    return first


def leerplicht_periods(
    birth: dt.date,
    *,
    startkwalificatie: bool = False,
    vo_start: dt.date | None = None,
    calendar: SchoolCalendar | None = None,
) -> LeerplichtPeriods:
    start = leerplicht_start(birth, calendar)
    end_16 = school_year_end(birthday(birth, 16))
    if vo_start is not None:
        # 8 years of basisschool + 4 full school years of VO make 12.
        end_12 = dt.date(school_year_start(vo_start).year + 4, 7, 31)
        reason_12 = "twaalf volledige schooljaren (8 basisschool + 4 vo)"
    else:
        first_full = school_year_start(_first_of_next_month(birthday(birth, 5)))
        if _first_of_next_month(birthday(birth, 5)) != first_full:
            first_full = dt.date(first_full.year + 1, 8, 1)
        end_12 = dt.date(first_full.year + 12, 7, 31)
        reason_12 = "twaalf volledige schooljaren"
    if end_12 < end_16:
        full_end, reason = end_12, reason_12
    else:
        full_end, reason = end_16, "einde van het schooljaar waarin de leerling 16 wordt"
    kwalificatie_end: dt.date | None = None
    if not startkwalificatie:
        kwalificatie_end = birthday(birth, 18) - dt.timedelta(days=1)
        if kwalificatie_end <= full_end:
            kwalificatie_end = None
    return LeerplichtPeriods(start, full_end, reason, kwalificatie_end)


def melding_category(
    birth: dt.date, day: dt.date, periods: LeerplichtPeriods, startkwalificatie: bool
) -> str | None:
    """Which kind of verzuim reporting applies on ``day``.

    ``"leerplicht"`` for leer- and kwalificatieplichtigen, ``"18plus"`` for 18 up to 23 without
    startkwalificatie, None when no melding applies (not yet leerplichtig, or no longer
    kwalificatieplichtig because of a startkwalificatie).
    """
    status = periods.status(day)
    if status is not Leerplicht.NIET_LEERPLICHTIG:
        return "leerplicht"
    age = age_on(birth, day)
    if 18 <= age < 23 and not startkwalificatie:
        return "18plus"
    return None
