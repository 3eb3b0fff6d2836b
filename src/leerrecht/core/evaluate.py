"""Evaluate the statutory rules for a school's pupils at a date.

This is the straightforward per-pupil evaluation. It stays the reference that faster engines are
compared against.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from leerrecht.core.absence import Registration
from leerrecht.core.calendar import add_werkdagen, school_year_start
from leerrecht.core.leerplicht import LeerplichtPeriods, leerplicht_periods, melding_category
from leerrecht.core.model import (
    Check,
    Explanation,
    ManualStep,
    Melding,
    Pupil,
    School,
    Signal,
    Soort,
    Thuiszitter,
    Verlof,
)
from leerrecht.core.protocols.engine import ProtocolEvaluation
from leerrecht.core.protocols.schema import Protocol
from leerrecht.core.rules.inschrijving import uitschrijving_checks
from leerrecht.core.rules.luxe import (
    doubtful_sick_checks,
    luxe_blocks,
    luxe_explanation,
    luxe_reached,
)
from leerrecht.core.rules.schorsing import schorsing_checks
from leerrecht.core.rules.thuiszitter import thuiszitter_status
from leerrecht.core.rules.wettelijk import DEADLINE_WERKDAGEN, WettelijkVerzuim
from leerrecht.core.timeline import PupilTimeline


@dataclass(frozen=True, slots=True)
class PupilResult:
    pupil: Pupil
    periods: LeerplichtPeriods
    as_of: dt.date
    thuiszitter: Thuiszitter | None
    meldingen: tuple[Melding, ...]
    checks: tuple[Check, ...]
    signals: tuple[Signal, ...] = ()
    lopende_uren: float = 0.0  # ongeoorloofd hours counting towards the next 16-uur melding

    def status_dict(self) -> dict[str, Any]:
        return {
            "pupil_id": self.pupil.pupil_id,
            "leerplicht": self.periods.status(self.as_of).value,
            "thuiszitter": self.thuiszitter.to_dict() if self.thuiszitter else None,
            "lopende_uren": round(self.lopende_uren, 2),
            "leerplicht_explanation": Explanation(
                rule="leerplicht_status",
                text=self.periods.explain(self.as_of),
                sources=self.periods.sources(self.as_of),
            ).to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Evaluation:
    school: School
    as_of: dt.date
    results: tuple[PupilResult, ...]
    protocol: Protocol | None = None

    @property
    def meldingen(self) -> list[Melding]:
        return [m for r in self.results for m in r.meldingen]

    @property
    def checks(self) -> list[Check]:
        return [c for r in self.results for c in r.checks]

    @property
    def signals(self) -> list[Signal]:
        return [s for r in self.results for s in r.signals]

    def to_dict(self) -> dict[str, Any]:
        return {
            "school": {
                "name": self.school.name,
                "brin": self.school.brin,
                "sector": self.school.sector.value,
            },
            "as_of": self.as_of.isoformat(),
            "pupils": [r.status_dict() for r in self.results],
            "meldingen": [m.to_dict() for m in self.meldingen],
            "protocol": (
                {"id": self.protocol.id, "name": self.protocol.name, "region": self.protocol.region}
                if self.protocol
                else None
            ),
            "signals": [s.to_dict() for s in self.signals],
            "checks": [c.to_dict() for c in self.checks],
        }


def evaluate_pupil(
    school: School,
    pupil: Pupil,
    registrations: Sequence[Registration],
    verloven: Sequence[Verlof],
    as_of: dt.date,
    protocol: Protocol | None = None,
    manual_steps: Mapping[str, Sequence[dt.date]] | None = None,
) -> PupilResult:
    calendar = school.calendar
    periods = leerplicht_periods(
        pupil.birth_date,
        startkwalificatie=pupil.startkwalificatie,
        vo_start=pupil.vo_start,
        calendar=calendar,
    )

    def category(day: dt.date) -> str | None:
        if not pupil.enrolled_on(day):
            return None
        return melding_category(pupil.birth_date, day, periods, pupil.startkwalificatie)

    timeline = PupilTimeline(calendar, as_of, registrations)
    streaks = timeline.streaks()
    blocks = luxe_blocks(timeline, streaks, verloven)
    meldingen: list[Melding] = []
    for block in blocks:
        if category(block[0]) is None:
            continue
        hours = sum(timeline.ongeoorloofd_hours.get(d, 0.0) for d in block)
        soort = Soort.ACHTTIEN_PLUS if category(block[0]) == "18plus" else Soort.LUXE
        meldingen.append(
            Melding(
                pupil_id=pupil.pupil_id,
                soort=soort,
                begin=block[0],
                end=block[-1],
                hours=hours,
                due=add_werkdagen(block[-1], DEADLINE_WERKDAGEN),
                sequence=1,
                reached=luxe_reached(timeline, block),
                explanation=luxe_explanation(timeline, block, hours),
            )
        )
    luxe_days = {d for block in blocks for d in block}
    wettelijk = WettelijkVerzuim(pupil.pupil_id, timeline, streaks, luxe_days, category)
    meldingen.extend(wettelijk.meldingen())
    lopende_uren = wettelijk.running_hours(as_of, meldingen)
    meldingen.sort(key=lambda m: (m.begin, m.soort.value))
    checks: list[Check] = []
    checks.extend(doubtful_sick_checks(timeline, pupil.pupil_id))
    checks.extend(schorsing_checks(timeline, pupil.pupil_id, school.sector))
    checks.extend(uitschrijving_checks(pupil, periods, as_of))
    checks.sort(key=lambda c: (c.on, c.kind))
    signals: list[Signal] = []
    if protocol is not None:
        first_day = _first_evaluation_day(school, pupil, registrations, as_of)
        if first_day is not None:
            # Protocols add signals (and 'overig' meldingen); the statutory meldingen stay.
            signals, overig = ProtocolEvaluation(
                protocol,
                school.sector.value,
                pupil.pupil_id,
                timeline,
                first_day,
                meldingen,
                checks,
                category,
                manual_steps,
            ).run()
            meldingen.extend(overig)
            meldingen.sort(key=lambda m: (m.begin, m.soort.value))
    return PupilResult(
        pupil=pupil,
        periods=periods,
        as_of=as_of,
        thuiszitter=thuiszitter_status(pupil, periods, timeline, streaks, as_of),
        meldingen=tuple(meldingen),
        checks=tuple(checks),
        signals=tuple(signals),
        lopende_uren=lopende_uren,
    )


def _first_evaluation_day(
    school: School, pupil: Pupil, registrations: Sequence[Registration], as_of: dt.date
) -> dt.date | None:
    """The first school day a protocol is evaluated from: the start of the school year of the
    earliest registration (or of the evaluation date), not before the enrolment."""
    calendar = school.calendar
    earliest = min((r.date for r in registrations if r.date <= as_of), default=as_of)
    start = school_year_start(min(earliest, as_of))
    while not calendar.covers(start) and start < as_of:
        start = dt.date(start.year + 1, 8, 1)
    if pupil.enrolled_from is not None:
        start = max(start, pupil.enrolled_from)
    return calendar.first_school_day_on_or_after(start)


def evaluate(
    school: School,
    pupils: Iterable[Pupil],
    registrations: Iterable[Registration],
    verloven: Iterable[Verlof],
    as_of: dt.date,
    protocol: Protocol | None = None,
    manual: Iterable[ManualStep] = (),
) -> Evaluation:
    by_pupil: dict[str, list[Registration]] = defaultdict(list)
    for reg in registrations:
        by_pupil[reg.pupil_id].append(reg)
    verlof_by_pupil: dict[str, list[Verlof]] = defaultdict(list)
    for verlof in verloven:
        verlof_by_pupil[verlof.pupil_id].append(verlof)
    manual_by_pupil: dict[str, dict[str, list[dt.date]]] = defaultdict(lambda: defaultdict(list))
    for record in manual:
        if record.date <= as_of:
            manual_by_pupil[record.pupil_id][record.step].append(record.date)
    results = tuple(
        evaluate_pupil(
            school,
            pupil,
            by_pupil.get(pupil.pupil_id, []),
            verlof_by_pupil.get(pupil.pupil_id, []),
            as_of,
            protocol,
            manual_by_pupil.get(pupil.pupil_id),
        )
        for pupil in pupils
    )
    return Evaluation(school=school, as_of=as_of, results=results, protocol=protocol)
