"""The per-pupil reference on batch tables: convert the frames to core objects and run
:func:`leerrecht.core.evaluate.evaluate` school by school.

The tables follow the agreed batch schema (see :mod:`leerrecht.batch.generate`):

- ``schools``: school_id, name, brin, sector, region, protocol ("" for none), hours_mon..hours_fri
- ``pupils``: pupil_id, school_id, birth_date, enrolled_from, enrolled_until, municipality,
  startkwalificatie, exit_reason, next_enrolment_from (and names, which the rules do not use)
- ``absences``: pupil_id, date, moment, kind, reason, hours (null: the whole scheduled day for
  ``absent``, 0 hours for ``late``, exactly as in absences.csv)

Registrations keep their row number in ``absences`` as ``line``, so the order of registrations
on a day (and with it every sum) is the same in the reference and the vectorised engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, Protocol

import polars as pl

from leerrecht.batch.outcome import Outcome, project
from leerrecht.core.absence import Kind, Reason, Registration, kind_and_reason
from leerrecht.core.calendar import WEEKDAYS, SchoolCalendar, build_calendar
from leerrecht.core.evaluate import evaluate
from leerrecht.core.model import ExitReason, Pupil, School, Sector
from leerrecht.core.protocols.loader import load_protocol
from leerrecht.core.protocols.schema import Protocol as ProtocolModel
from leerrecht.core.vacations import Region, shipped_vacations

HOUR_COLUMNS = tuple(f"hours_{day}" for day in WEEKDAYS)


class Frames(Protocol):
    """Three batch tables (``leerrecht.batch.generate.Generated`` has them)."""

    @property
    def schools(self) -> pl.DataFrame: ...

    @property
    def pupils(self) -> pl.DataFrame: ...

    @property
    def absences(self) -> pl.DataFrame: ...


# -- conversion -------------------------------------------------------------------------------


def school_hours(row: Mapping[str, Any]) -> tuple[float, ...]:
    return tuple(float(row[c] or 0.0) for c in HOUR_COLUMNS)


CalendarKey = tuple[str, tuple[float, ...]]
_CALENDARS: dict[CalendarKey, SchoolCalendar] = {}


def calendar_for(region: str, hours: tuple[float, ...]) -> SchoolCalendar:
    """The calendar of a school: the shipped OCW vacations of its region and its lesson hours
    (public holidays closed), shared by schools with the same region and hours."""
    key = (region, hours)
    if key not in _CALENDARS:
        vacations, years = shipped_vacations(Region(region))
        _CALENDARS[key] = build_calendar(dict(enumerate(hours)), vacations, [], years)
    return _CALENDARS[key]


def known_calendars() -> dict[CalendarKey, SchoolCalendar]:
    return dict(_CALENDARS)


def remember_calendars(calendars: dict[CalendarKey, SchoolCalendar]) -> None:
    """Use calendars built elsewhere (a worker process gets them from the main process)."""
    _CALENDARS.update(calendars)


@lru_cache(maxsize=64)
def protocol_for(ref: str) -> ProtocolModel:
    return load_protocol(ref)


def school_from_row(row: Mapping[str, Any]) -> School:
    region = str(row["region"])
    return School(
        name=str(row.get("name") or row["school_id"]),
        sector=Sector(str(row["sector"])),
        calendar=calendar_for(region, school_hours(row)),
        brin=str(row.get("brin") or ""),
        region=region,
    )


def school_protocol(row: Mapping[str, Any], with_protocol: bool) -> ProtocolModel | None:
    ref = str(row.get("protocol") or "")
    if not with_protocol or not ref:
        return None
    return protocol_for(ref)


def pupils_from_frame(frame: pl.DataFrame) -> list[Pupil]:
    pupils: list[Pupil] = []
    for row in frame.iter_rows(named=True):
        exit_value = row.get("exit_reason")
        pupils.append(
            Pupil(
                pupil_id=str(row["pupil_id"]),
                birth_date=row["birth_date"],
                enrolled_from=row.get("enrolled_from"),
                enrolled_until=row.get("enrolled_until"),
                municipality=str(row.get("municipality") or ""),
                startkwalificatie=bool(row.get("startkwalificatie") or False),
                exit_reason=ExitReason(exit_value) if exit_value else None,
                next_enrolment_from=row.get("next_enrolment_from"),
            )
        )
    return pupils


@lru_cache(maxsize=128)
def _kind_reason(kind: str, reason: str) -> tuple[Kind, Reason]:
    return kind_and_reason(kind, reason)


def with_lines(absences: pl.DataFrame) -> pl.DataFrame:
    """The absences with their row number as ``line`` (the registration order on a day)."""
    if "line" in absences.columns:
        return absences
    return absences.with_row_index("line").with_columns(pl.col("line").cast(pl.Int64))


def registrations_from_frame(frame: pl.DataFrame) -> list[Registration]:
    """Registrations of a table with a ``line`` column (see :func:`with_lines`)."""
    regs: list[Registration] = []
    columns = ("pupil_id", "date", "kind", "reason", "hours", "line")
    for pupil_id, day, kind_text, reason_text, hours, line in frame.select(columns).iter_rows():
        kind, reason = _kind_reason(str(kind_text), str(reason_text))
        regs.append(
            Registration(
                str(pupil_id),
                day,
                kind,
                reason,
                None if hours is None else float(hours),
                "",
                int(line),
            )
        )
    return regs


# -- evaluation -------------------------------------------------------------------------------


def evaluate_school(
    school_row: Mapping[str, Any],
    pupils: pl.DataFrame,
    absences: pl.DataFrame,
    as_of: dt.date,
    with_protocol: bool = True,
) -> Outcome:
    """The reference evaluation of (some) pupils of one school, projected."""
    school = school_from_row(school_row)
    protocol = school_protocol(school_row, with_protocol)
    evaluation = evaluate(
        school,
        pupils_from_frame(pupils),
        registrations_from_frame(absences),
        (),
        as_of,
        protocol,
    )
    return project(evaluation)


def school_parts(
    g: Frames, pupil_ids: Iterable[str] | None = None
) -> list[tuple[dict[str, Any], pl.DataFrame, pl.DataFrame]]:
    """Per school (in school_id order): the school's row, its pupils and their absences."""
    pupils = g.pupils
    absences = with_lines(g.absences)
    if pupil_ids is not None:
        wanted = pl.Series("pupil_id", sorted(set(pupil_ids)), dtype=pl.String)
        pupils = pupils.join(wanted.to_frame(), on="pupil_id", how="semi")
    absences = absences.join(pupils.select("pupil_id", "school_id"), on="pupil_id", how="inner")
    pupils_by_school = {
        key[0]: frame for key, frame in pupils.partition_by("school_id", as_dict=True).items()
    }
    absences_by_school = {
        key[0]: frame.drop("school_id")
        for key, frame in absences.partition_by("school_id", as_dict=True).items()
    }
    parts: list[tuple[dict[str, Any], pl.DataFrame, pl.DataFrame]] = []
    for row in g.schools.sort("school_id").iter_rows(named=True):
        school_pupils = pupils_by_school.get(row["school_id"])
        if school_pupils is None:
            continue
        school_absences = absences_by_school.get(
            row["school_id"], absences.clear().drop("school_id")
        )
        parts.append((row, school_pupils, school_absences))
    return parts


def evaluate_reference(
    g: Frames,
    as_of: dt.date,
    with_protocol: bool = True,
    pupil_ids: set[str] | None = None,
) -> Outcome:
    """The straightforward per-pupil evaluation of every pupil (or only ``pupil_ids``)."""
    outcomes = [
        evaluate_school(row, pupils, absences, as_of, with_protocol)
        for row, pupils, absences in school_parts(g, pupil_ids)
    ]
    return Outcome.concat(outcomes)
