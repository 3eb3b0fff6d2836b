"""A pupil's registrations laid out on the school calendar, ready for the rules."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from leerrecht.core.absence import Kind, Reason, Registration
from leerrecht.core.calendar import SchoolCalendar

EPSILON = 1e-9


def registration_order(reg: Registration) -> tuple[dt.date, int, str, str, float, str]:
    """A total order on registrations, so results never depend on the input order."""
    hours = -1.0 if reg.hours is None else reg.hours
    return (reg.date, reg.line, reg.kind.value, reg.reason.value, hours, reg.note)


@dataclass(frozen=True, slots=True)
class Streak:
    """A run of consecutive school days, each wholly ongeoorloofd absent.

    ``lrv_day`` is the first school day on which the run has lasted more than 4 lesweken (None
    while it has not). ``ongoing`` is true when the run reaches the evaluation date.
    """

    days: tuple[dt.date, ...]
    lrv_day: dt.date | None
    ongoing: bool

    @property
    def start(self) -> dt.date:
        return self.days[0]

    @property
    def end(self) -> dt.date:
        return self.days[-1]


@dataclass
class PupilTimeline:
    """Per school day: ongeoorloofd hours, whole-day absence, the registrations behind them."""

    calendar: SchoolCalendar
    as_of: dt.date
    registrations: Sequence[Registration]
    by_day: dict[dt.date, list[Registration]] = field(init=False)
    ongeoorloofd_hours: dict[dt.date, float] = field(init=False)
    whole_day_ongeoorloofd: set[dt.date] = field(init=False)

    def __post_init__(self) -> None:
        self.by_day = defaultdict(list)
        for reg in sorted(self.registrations, key=registration_order):
            if reg.date <= self.as_of:
                self.by_day[reg.date].append(reg)
        self.ongeoorloofd_hours = {}
        self.whole_day_ongeoorloofd = set()
        for day, regs in self.by_day.items():
            scheduled = self.calendar.scheduled_hours(day)
            total = 0.0
            absent = 0.0
            for reg in regs:
                if reg.reason.geoorloofd:
                    continue
                hours = self.hours_of(reg)
                total += hours
                if reg.kind is Kind.ABSENT:
                    absent += hours
            if total > 0:
                self.ongeoorloofd_hours[day] = min(total, scheduled)
            if scheduled > 0 and absent >= scheduled - EPSILON:
                self.whole_day_ongeoorloofd.add(day)

    def hours_of(self, reg: Registration) -> float:
        """Clock hours of a registration; an empty value is the whole day (absent) or 0 (late)."""
        if reg.hours is not None:
            return reg.hours
        if reg.kind is Kind.LATE:
            return 0.0
        return self.calendar.scheduled_hours(reg.date)

    def regs_on(self, day: dt.date) -> list[Registration]:
        return self.by_day.get(day, [])

    def ongeoorloofd_regs(self, days: Iterable[dt.date]) -> tuple[Registration, ...]:
        return tuple(r for d in sorted(days) for r in self.regs_on(d) if not r.reason.geoorloofd)

    def days_with_reason(self, reason: Reason) -> list[dt.date]:
        return sorted(d for d, regs in self.by_day.items() if any(r.reason is reason for r in regs))

    def last_school_day(self) -> dt.date | None:
        """The last school day on or before the evaluation date."""
        if self.calendar.is_school_day(self.as_of):
            return self.as_of
        return self.calendar.previous_school_day(self.as_of)

    def streaks(self, weeks: int = 4) -> list[Streak]:
        """Runs of consecutive school days wholly ongeoorloofd absent (vacations bridged)."""
        result: list[Streak] = []
        current: list[dt.date] = []
        last = self.last_school_day()

        def close() -> None:
            if not current:
                return
            start = current[0]
            lrv_day = next(
                (d for d in current if not self.calendar.within_lesweken(start, d, weeks)), None
            )
            result.append(Streak(tuple(current), lrv_day, ongoing=current[-1] == last))

        for day in sorted(self.whole_day_ongeoorloofd):
            if current and self.calendar.next_school_day(current[-1]) != day:
                close()
                current = []
            current.append(day)
        close()
        return result


def group_consecutive(
    calendar: SchoolCalendar, days: Iterable[dt.date], keep: Callable[[dt.date], bool] | None = None
) -> list[list[dt.date]]:
    """Group school days into runs of consecutive school days."""
    groups: list[list[dt.date]] = []
    for day in sorted(set(days)):
        if keep is not None and not keep(day):
            continue
        if groups and calendar.next_school_day(groups[-1][-1]) == day:
            groups[-1].append(day)
        else:
            groups.append([day])
    return groups
