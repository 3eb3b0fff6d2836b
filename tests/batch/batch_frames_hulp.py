"""Builders of small batch tables in the agreed schema (schools, pupils, absences), for the
tests of the vectorised engine and the reference (imported as `batch_frames_hulp`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from leerrecht.batch.reference import calendar_for

D = dt.date
BIRTH = D(2015, 3, 1)
ENROLLED = D(2021, 8, 1)
PO_HOURS = (5.5, 5.5, 3.75, 5.5, 5.5)
VO_HOURS = (6.0, 6.0, 6.0, 6.0, 6.0)

SCHOOL_SCHEMA: dict[str, Any] = {
    "school_id": pl.String,
    "name": pl.String,
    "brin": pl.String,
    "sector": pl.String,
    "region": pl.String,
    "protocol": pl.String,
    "hours_mon": pl.Float64,
    "hours_tue": pl.Float64,
    "hours_wed": pl.Float64,
    "hours_thu": pl.Float64,
    "hours_fri": pl.Float64,
}
PUPIL_SCHEMA: dict[str, Any] = {
    "pupil_id": pl.String,
    "school_id": pl.String,
    "first_name": pl.String,
    "last_name": pl.String,
    "birth_date": pl.Date,
    "enrolled_from": pl.Date,
    "enrolled_until": pl.Date,
    "municipality": pl.String,
    "startkwalificatie": pl.Boolean,
    "exit_reason": pl.String,
    "next_enrolment_from": pl.Date,
}
ABSENCE_SCHEMA: dict[str, Any] = {
    "pupil_id": pl.String,
    "date": pl.Date,
    "moment": pl.String,
    "kind": pl.String,
    "reason": pl.String,
    "hours": pl.Float64,
}


@dataclass(frozen=True)
class Frames:
    schools: pl.DataFrame
    pupils: pl.DataFrame
    absences: pl.DataFrame


@dataclass
class Builder:
    """Collects schools, pupils and registrations and makes the three tables."""

    schools: list[dict[str, Any]] = field(default_factory=list)
    pupils: list[dict[str, Any]] = field(default_factory=list)
    absences: list[dict[str, Any]] = field(default_factory=list)

    def school(
        self,
        school_id: str = "s1",
        sector: str = "po",
        region: str = "zuid",
        protocol: str = "",
        hours: Sequence[float] | None = None,
    ) -> str:
        hours = tuple(hours or (PO_HOURS if sector == "po" else VO_HOURS))
        row: dict[str, Any] = {
            "school_id": school_id,
            "name": f"School {school_id}",
            "brin": "00XX00",
            "sector": sector,
            "region": region,
            "protocol": protocol,
        }
        for name, value in zip(("mon", "tue", "wed", "thu", "fri"), hours, strict=True):
            row[f"hours_{name}"] = float(value)
        self.schools.append(row)
        return school_id

    def pupil(
        self,
        pupil_id: str,
        school_id: str = "s1",
        birth: dt.date = BIRTH,
        enrolled_from: dt.date | None = ENROLLED,
        enrolled_until: dt.date | None = None,
        startkwalificatie: bool = False,
        exit_reason: str | None = None,
        next_enrolment_from: dt.date | None = None,
    ) -> str:
        self.pupils.append(
            {
                "pupil_id": pupil_id,
                "school_id": school_id,
                "first_name": "Voornaam",
                "last_name": "Achternaam",
                "birth_date": birth,
                "enrolled_from": enrolled_from,
                "enrolled_until": enrolled_until,
                "municipality": "Heerlen",
                "startkwalificatie": startkwalificatie,
                "exit_reason": exit_reason,
                "next_enrolment_from": next_enrolment_from,
            }
        )
        return pupil_id

    def register(
        self,
        pupil_id: str,
        day: dt.date,
        reason: str = "ongeoorloofd",
        kind: str = "absent",
        hours: float | None = None,
        moment: str = "dag",
    ) -> None:
        self.absences.append(
            {
                "pupil_id": pupil_id,
                "date": day,
                "moment": moment,
                "kind": kind,
                "reason": reason,
                "hours": hours,
            }
        )

    def frames(self) -> Frames:
        return Frames(
            schools=pl.DataFrame(self.schools, schema=SCHOOL_SCHEMA),
            pupils=pl.DataFrame(self.pupils, schema=PUPIL_SCHEMA),
            absences=pl.DataFrame(self.absences, schema=ABSENCE_SCHEMA),
        )


def school_days(
    start: dt.date, end: dt.date, region: str = "zuid", sector: str = "po"
) -> list[dt.date]:
    hours = PO_HOURS if sector == "po" else VO_HOURS
    return calendar_for(region, hours).school_days_between(start, end)
