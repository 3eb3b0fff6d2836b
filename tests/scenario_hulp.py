"""Shared builders for scenario tests (imported as `scenario_hulp`; conftest only holds fixtures): a PO school in regio zuid with the shipped OCW dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from leerrecht.core.absence import Kind, Reason, Registration
from leerrecht.core.calendar import SchoolCalendar, build_calendar
from leerrecht.core.evaluate import PupilResult, evaluate_pupil
from leerrecht.core.model import Pupil, School, Sector, Signal, Verlof
from leerrecht.core.protocols.loader import load_protocol
from leerrecht.core.vacations import Region, shipped_vacations

PO_HOURS = {0: 5.5, 1: 5.5, 2: 3.75, 3: 5.5, 4: 5.5}
VO_HOURS = {0: 6.0, 1: 6.0, 2: 6.0, 3: 6.0, 4: 6.0}
D = dt.date


def make_calendar(
    hours: dict[int, float] | None = None, region: Region = Region.ZUID
) -> SchoolCalendar:
    vacations, years = shipped_vacations(region)
    return build_calendar(hours or PO_HOURS, vacations, [], years)


_CALENDARS: dict[tuple[str, str], SchoolCalendar] = {}


def school(sector: Sector = Sector.PO, region: Region = Region.ZUID) -> School:
    key = (sector.value, region.value)
    if key not in _CALENDARS:
        hours = PO_HOURS if sector in (Sector.PO, Sector.SO) else VO_HOURS
        _CALENDARS[key] = make_calendar(hours, region)
    return School(name="Testschool", sector=sector, calendar=_CALENDARS[key])


DEFAULT_BIRTH = D(2015, 3, 1)


def pupil(pupil_id: str = "p1", birth: dt.date = DEFAULT_BIRTH, **kwargs: object) -> Pupil:
    return Pupil(pupil_id=pupil_id, birth_date=birth, **kwargs)  # type: ignore[arg-type]


def absent(
    day: dt.date,
    reason: Reason = Reason.ONGEOORLOOFD,
    hours: float | None = None,
    pupil_id: str = "p1",
) -> Registration:
    return Registration(pupil_id, day, Kind.ABSENT, reason, hours)


def late(day: dt.date, hours: float | None, pupil_id: str = "p1") -> Registration:
    return Registration(pupil_id, day, Kind.LATE, Reason.ONGEOORLOOFD, hours)


@dataclass
class Scenario:
    """A pupil with registrations, evaluated at a date."""

    sector: Sector = Sector.PO
    who: Pupil = field(default_factory=pupil)
    registrations: list[Registration] = field(default_factory=list)
    verloven: Sequence[Verlof] = ()
    manual: dict[str, list[dt.date]] = field(default_factory=dict)

    @property
    def school(self) -> School:
        return school(self.sector)

    @property
    def calendar(self) -> SchoolCalendar:
        return self.school.calendar

    def days(self, start: dt.date, end: dt.date) -> list[dt.date]:
        return self.calendar.school_days_between(start, end)

    def absent_days(
        self, start: dt.date, end: dt.date, reason: Reason = Reason.ONGEOORLOOFD
    ) -> None:
        for day in self.days(start, end):
            self.registrations.append(absent(day, reason, pupil_id=self.who.pupil_id))

    def at(self, as_of: dt.date, protocol: str | None = None) -> PupilResult:
        loaded = load_protocol(protocol) if protocol is not None else None
        return evaluate_pupil(
            self.school, self.who, self.registrations, self.verloven, as_of, loaded, self.manual
        )

    def signals(self, protocol: str, as_of: dt.date, step: str | None = None) -> list[Signal]:
        """The signals of a protocol up to ``as_of`` (optionally of one step)."""
        return [s for s in self.at(as_of, protocol).signals if step is None or s.step == step]

    def reached_on(self, protocol: str, step: str, as_of: dt.date) -> list[dt.date]:
        """The days on which ``step`` was reached, evaluating up to ``as_of``."""
        return [s.on for s in self.signals(protocol, as_of, step)]

    def assert_reached_exactly(self, protocol: str, step: str, day: dt.date) -> Signal:
        """``step`` is reached on ``day`` and not a school day earlier."""
        previous = self.calendar.previous_school_day(day)
        assert previous is not None
        assert self.reached_on(protocol, step, previous) == [], f"{step} al bereikt voor {day}"
        signals = self.signals(protocol, day, step)
        assert [s.on for s in signals][-1:] == [day], (
            f"{step} niet bereikt op {day}: {[s.on for s in signals]}"
        )
        return signals[-1]
