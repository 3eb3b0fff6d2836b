"""The school calendar: school years, school days, vacations, closed days, lesson hours, lesweken.

- A school year runs from 1 August to 31 July (Lpw art. 1; seed 003 bijlage 1).
- A school day is a weekday with scheduled lesson time that is neither in a vacation nor a closed
  day (public holidays are closed by default).
- A lesweek is a calendar week (Monday to Sunday) with at least one school day. Vacation weeks
  are not lesweken, so the last school day before a vacation and the first school day after it
  are consecutive (seed 000 §1.2.2, Herhaalmelding).
- Werkdagen (for the 5-werkdagen deadline) are Monday to Friday except the generally recognised
  public holidays (Algemene termijnenwet art. 3); school vacations are werkdagen.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import holidays

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
DAGDEEL_HOURS = 16 / 5  # seed 000 §1.2.2: 5 dagdelen staan gelijk aan 16 klokuren


class CalendarError(ValueError):
    """The calendar cannot answer for a date (no vacation data for its school year)."""


def _school_year(day: dt.date) -> int:
    """The year in which the school year of ``day`` starts (0 for January-July of year 1)."""
    return day.year if day.month >= 8 else day.year - 1


def school_year_start(day: dt.date) -> dt.date:
    """1 August of the school year that ``day`` falls in."""
    year = _school_year(day)
    if year < dt.MINYEAR:
        raise CalendarError(f"{day.isoformat()} ligt in geen schooljaar dat leerrecht kent")
    return dt.date(year, 8, 1)


def school_year_end(day: dt.date) -> dt.date:
    """31 July that ends the school year of ``day``."""
    year = school_year_start(day).year + 1
    if year > dt.MAXYEAR:
        raise CalendarError(f"{day.isoformat()} ligt in geen schooljaar dat leerrecht kent")
    return dt.date(year, 7, 31)


def school_year_label(day: dt.date) -> str:
    start = _school_year(day)
    return f"{start}-{start + 1}"


@dataclass(frozen=True, slots=True)
class Vacation:
    """A school vacation, start and end inclusive."""

    name: str
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"vakantie {self.name!r}: einddatum {self.end} ligt voor {self.start}")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class ClosedDay:
    """A day the school is closed although it is not a vacation (studiedag, feestdag)."""

    date: dt.date
    name: str


def public_holidays(years: Iterable[int]) -> dict[dt.date, str]:
    """Dutch public holidays on which schools are closed by default.

    Goede Vrijdag is left out: many schools are open then (a school adds it as a closed day).
    """
    result: dict[dt.date, str] = {}
    for day, name in holidays.country_holidays("NL", years=list(years), language="nl").items():
        if "goede vrijdag" in str(name).lower():
            continue
        result[day] = str(name)
    return result


def _termijnenwet_holidays(year: int) -> set[dt.date]:
    days = set(holidays.country_holidays("NL", years=[year]).keys())
    days.add(dt.date(year, 5, 5))  # Algemene termijnenwet art. 3: de vijfde mei, elk jaar
    return days


def add_werkdagen(day: dt.date, n: int) -> dt.date:
    """The date ``n`` werkdagen after ``day`` (Algemene termijnenwet: no weekends, no holidays)."""
    current = day
    remaining = n
    cache: dict[int, set[dt.date]] = {}
    while remaining > 0:
        current += dt.timedelta(days=1)
        if current.weekday() >= 5:
            continue
        year_holidays = cache.setdefault(current.year, _termijnenwet_holidays(current.year))
        if current in year_holidays:
            continue
        remaining -= 1
    return current


@dataclass(frozen=True)
class SchoolCalendar:
    """The calendar of one school.

    ``hours`` gives scheduled clock hours per weekday (0 = Monday .. 4 = Friday); a weekday with
    0 hours has no lessons. ``covered_years`` are the start years of the school years for which
    the vacations are known; asking about a date outside them raises :class:`CalendarError`.
    """

    hours: Mapping[int, float]
    vacations: Sequence[Vacation]
    closed: Sequence[ClosedDay]
    covered_years: frozenset[int]
    _school_days: tuple[dt.date, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for weekday, value in self.hours.items():
            if not 0 <= weekday <= 4:
                raise ValueError(f"lesuren: weekdag {weekday} bestaat niet (0 = ma .. 4 = vr)")
            if value < 0 or value > 12:
                raise ValueError(
                    f"lesuren op {WEEKDAYS[weekday]}: {value} ligt niet tussen 0 en 12"
                )
        if not any(v > 0 for v in self.hours.values()):
            raise ValueError("lesuren: geen enkele weekdag heeft lestijd")
        days: list[dt.date] = []
        closed = {c.date for c in self.closed}
        for year in sorted(self.covered_years):
            day = dt.date(year, 8, 1)
            end = dt.date(year + 1, 7, 31)
            while day <= end:
                if (
                    day.weekday() < 5
                    and self.hours.get(day.weekday(), 0) > 0
                    and day not in closed
                    and self.vacation_on(day) is None
                ):
                    days.append(day)
                day += dt.timedelta(days=1)
        object.__setattr__(self, "_school_days", tuple(days))

    # -- coverage -------------------------------------------------------------------------

    def covers(self, day: dt.date) -> bool:
        return _school_year(day) in self.covered_years

    def require(self, day: dt.date) -> None:
        if not self.covers(day):
            known = ", ".join(f"{y}-{y + 1}" for y in sorted(self.covered_years)) or "geen"
            raise CalendarError(
                f"geen vakantiedata voor schooljaar {school_year_label(day)} (bekend: {known}); "
                "voeg [[vacation]]-tabellen toe aan school.toml of kies een regio"
            )

    # -- days -----------------------------------------------------------------------------

    @property
    def school_days(self) -> tuple[dt.date, ...]:
        """All school days of the covered school years, in order."""
        return self._school_days

    def vacation_on(self, day: dt.date) -> Vacation | None:
        for vacation in self.vacations:
            if day in vacation:
                return vacation
        return None

    @cached_property
    def _closed_by_date(self) -> dict[dt.date, ClosedDay]:
        return {c.date: c for c in self.closed}

    def closed_on(self, day: dt.date) -> ClosedDay | None:
        return self._closed_by_date.get(day)

    @cached_property
    def _school_day_set(self) -> frozenset[dt.date]:
        return frozenset(self._school_days)

    def is_school_day(self, day: dt.date) -> bool:
        self.require(day)
        return day in self._school_day_set

    def why_not_school_day(self, day: dt.date) -> str:
        """A Dutch explanation why ``day`` is not a school day (empty when it is one)."""
        self.require(day)
        if day in self._school_day_set:
            return ""
        if day.weekday() >= 5:
            return "weekend"
        vacation = self.vacation_on(day)
        if vacation is not None:
            return vacation.name
        closed = self.closed_on(day)
        if closed is not None:
            return f"school gesloten ({closed.name})"
        return f"geen lestijd op {WEEKDAYS[day.weekday()]}"

    def scheduled_hours(self, day: dt.date) -> float:
        """Scheduled lesson time on ``day`` in clock hours (0 if it is not a school day)."""
        if not self.is_school_day(day):
            return 0.0
        return float(self.hours.get(day.weekday(), 0.0))

    def school_days_between(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """School days from ``start`` to ``end`` inclusive."""
        lo = bisect.bisect_left(self._school_days, start)
        hi = bisect.bisect_right(self._school_days, end)
        return list(self._school_days[lo:hi])

    def iter_school_days(self, start: dt.date, end: dt.date) -> Iterator[dt.date]:
        yield from self.school_days_between(start, end)

    def next_school_day(self, day: dt.date) -> dt.date | None:
        """The first school day strictly after ``day`` (None beyond the covered years)."""
        i = bisect.bisect_right(self._school_days, day)
        return self._school_days[i] if i < len(self._school_days) else None

    def previous_school_day(self, day: dt.date) -> dt.date | None:
        """The last school day strictly before ``day``."""
        i = bisect.bisect_left(self._school_days, day)
        return self._school_days[i - 1] if i > 0 else None

    def first_school_day_on_or_after(self, day: dt.date) -> dt.date | None:
        i = bisect.bisect_left(self._school_days, day)
        return self._school_days[i] if i < len(self._school_days) else None

    # -- lesweken -------------------------------------------------------------------------

    @cached_property
    def _lesweek_by_monday(self) -> dict[dt.date, int]:
        index: dict[dt.date, int] = {}
        for day in self._school_days:
            monday = day - dt.timedelta(days=day.weekday())
            if monday not in index:
                index[monday] = len(index)
        return index

    def lesweek_index(self, day: dt.date) -> int:
        """Ordinal of the lesweek of a school day; vacation weeks are skipped."""
        monday = day - dt.timedelta(days=day.weekday())
        try:
            return self._lesweek_by_monday[monday]
        except KeyError:
            raise CalendarError(f"{day} ligt niet in een lesweek") from None

    def lesweek_key(self, day: dt.date) -> tuple[int, int]:
        return (self.lesweek_index(day), day.weekday())

    def within_lesweken(self, start: dt.date, day: dt.date, weeks: int) -> bool:
        """True when school day ``day`` lies within ``weeks`` consecutive lesweken from ``start``.

        The window starts on school day ``start`` and ends the day before the same weekday
        ``weeks`` lesweken later: 4 lesweken from a Wednesday end on the Tuesday of the fourth
        lesweek after it, skipping vacation weeks.
        """
        s_idx, s_wd = self.lesweek_key(start)
        d_idx, d_wd = self.lesweek_key(day)
        return (d_idx, d_wd) < (s_idx + weeks, s_wd)

    def lesweken_in_school_year(self, day: dt.date) -> list[int]:
        start = school_year_start(day)
        end = school_year_end(day)
        return sorted({self.lesweek_index(d) for d in self.school_days_between(start, end)})

    def in_first_lesweken(self, day: dt.date, weeks: int) -> bool:
        """True when ``day`` falls in the first ``weeks`` lesweken of its school year."""
        self.require(day)
        first = self.first_school_day_on_or_after(school_year_start(day))
        if first is None or day < first:
            return False
        if not self.is_school_day(day):
            later = self.first_school_day_on_or_after(day)
            if later is None:
                return False
            day = later
        return self.lesweek_index(day) - self.lesweek_index(first) < weeks

    # -- vacations ------------------------------------------------------------------------

    def vacation_after(self, day: dt.date) -> Vacation | None:
        """The vacation that starts right after school day ``day`` (it is the last before it)."""
        nxt = self.next_school_day(day)
        probe = day + dt.timedelta(days=1)
        end = nxt if nxt is not None else day + dt.timedelta(days=14)
        while probe < end:
            vacation = self.vacation_on(probe)
            if vacation is not None:
                return vacation
            probe += dt.timedelta(days=1)
        return None

    def vacation_before(self, day: dt.date) -> Vacation | None:
        """The vacation that ended right before school day ``day`` (it is the first after it)."""
        prev = self.previous_school_day(day)
        probe = day - dt.timedelta(days=1)
        start = prev if prev is not None else day - dt.timedelta(days=14)
        while probe > start:
            vacation = self.vacation_on(probe)
            if vacation is not None:
                return vacation
            probe -= dt.timedelta(days=1)
        return None

    def adjacent_vacation(self, day: dt.date) -> Vacation | None:
        """The vacation that ``day`` is the last school day before, or first school day after."""
        return self.vacation_after(day) or self.vacation_before(day)


def build_calendar(
    hours: Mapping[int, float],
    vacations: Sequence[Vacation],
    closed: Sequence[ClosedDay],
    covered_years: Iterable[int],
    *,
    close_public_holidays: bool = True,
) -> SchoolCalendar:
    """Assemble a calendar, adding Dutch public holidays as closed days unless disabled."""
    years = frozenset(covered_years)
    all_closed = list(closed)
    if close_public_holidays and years:
        explicit = {c.date for c in closed}
        calendar_years = {y for start in years for y in (start, start + 1)}
        for day, name in sorted(public_holidays(calendar_years).items()):
            if day not in explicit:
                all_closed.append(ClosedDay(day, name))
    return SchoolCalendar(
        hours=dict(hours),
        vacations=tuple(sorted(vacations, key=lambda v: v.start)),
        closed=tuple(all_closed),
        covered_years=years,
    )
