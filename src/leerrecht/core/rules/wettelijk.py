"""Wettelijk verzuim (16 uur in 4 weken), herhaalmelding and langdurig relatief verzuim.

- 16 hours of ongeoorloofd absence within 4 consecutive lesweken must be reported within 5
  werkdagen, as soon as the 16 hours are reached (>= 16), not after the 4 weeks (Lpw art. 21a;
  seed 000 §1.2.2 "16 uur in 4 weken"; seed 002 §2b Wettelijk verzuim). Begindatum: the first
  absence day of the period; einddatum: the day 16 hours were reached.
- After a melding a new counting period starts at once. Herhaalmeldingen are consecutive: each
  begins the day after the previous einddatum (seed 000 §1.2.2 Herhaalmelding). When the 4
  lesweken after that day do not reach 16 hours, the chain ends; a later 16 hours is a new
  first melding (sequence 1).
- The last school day before a vacation and the first after it are consecutive: vacation weeks
  are not lesweken (see :mod:`leerrecht.core.calendar`).
- Langdurig relatief verzuim: ongeoorloofd absent for more than 4 weeks (every school day wholly
  absent): the next melding is LRV, without einddatum, open until school attendance resumes
  (seed 000 §1.2.2 Langdurig relatief verzuim and bijlage 4; seed 002 §2b).
- 18 and older without startkwalificatie: the melding is '18+ verzuim' instead.

Late arrivals count with the lesson time they missed (Lpw art. 21a counts "uren onderwijstijd").
Hours of days reported as luxe verzuim are not counted again, and a counting period never
spans a luxe melding: every absence hour is reported once.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from leerrecht.core.calendar import add_werkdagen
from leerrecht.core.model import Explanation, Melding, Soort
from leerrecht.core.sources import (
    HR_2B_LRV,
    HR_2B_WETTELIJK,
    LPW_ART_21A,
    PARKSTAD_12_HERHAAL,
    PARKSTAD_12_LRV,
    PARKSTAD_12_WETTELIJK,
    PARKSTAD_BIJLAGE_4,
    Source,
)
from leerrecht.core.timeline import EPSILON, PupilTimeline, Streak

THRESHOLD_HOURS = 16.0
WINDOW_LESWEKEN = 4
DEADLINE_WERKDAGEN = 5


@dataclass(frozen=True, slots=True)
class _Reach:
    begin: dt.date
    end: dt.date
    days: tuple[dt.date, ...]
    hours: float


class WettelijkVerzuim:
    """Computes the 16-uur / herhaal / LRV chain of one pupil."""

    def __init__(
        self,
        pupil_id: str,
        timeline: PupilTimeline,
        streaks: Sequence[Streak],
        luxe_days: set[dt.date],
        category: Callable[[dt.date], str | None],
    ) -> None:
        self.pupil_id = pupil_id
        self.tl = timeline
        self.cal = timeline.calendar
        self.luxe_days = sorted(luxe_days)
        self.category = category
        self.pool: list[tuple[dt.date, float]] = [
            (day, hours)
            for day, hours in sorted(timeline.ongeoorloofd_hours.items())
            if day not in luxe_days and category(day) is not None
        ]
        self.lrv_streaks = [s for s in streaks if s.lrv_day is not None]

    # -- searching ------------------------------------------------------------------------

    def _luxe_between(self, after: dt.date, upto: dt.date) -> bool:
        return any(after < d <= upto for d in self.luxe_days)

    def _earliest_reach(self, after: dt.date) -> _Reach | None:
        """The first day (> after) on which some 4-lesweken window holds >= 16 hours."""
        window: deque[tuple[dt.date, float]] = deque()
        total = 0.0
        for day, hours in self.pool:
            if day <= after:
                continue
            window.append((day, hours))
            total += hours
            while window and (
                not self.cal.within_lesweken(window[0][0], day, WINDOW_LESWEKEN)
                or self._luxe_between(window[0][0], day)
            ):
                total -= window.popleft()[1]
            if total >= THRESHOLD_HOURS - EPSILON:
                days = tuple(d for d, _ in window)
                return _Reach(days[0], day, days, total)
        return None

    def _reach_from(self, begin: dt.date) -> _Reach | None:
        """16 hours within the 4 lesweken that start on ``begin`` (for a herhaalmelding)."""
        anchor = self.cal.first_school_day_on_or_after(begin)
        if anchor is None:
            return None
        total = 0.0
        days: list[dt.date] = []
        for day, hours in self.pool:
            if day < begin:
                continue
            if not self.cal.within_lesweken(anchor, day, WINDOW_LESWEKEN):
                return None
            if self._luxe_between(begin - dt.timedelta(days=1), day):
                return None
            days.append(day)
            total += hours
            if total >= THRESHOLD_HOURS - EPSILON:
                return _Reach(begin, day, tuple(days), total)
        return None

    def running_hours(self, as_of: dt.date, meldingen: Sequence[Melding]) -> float:
        """Ongeoorloofd hours in the 4 lesweken up to ``as_of`` that no melding covers yet: how
        close the pupil is to the next 16-uur melding ('nadert de grens')."""
        last = as_of if self.cal.is_school_day(as_of) else self.cal.previous_school_day(as_of)
        if last is None:
            return 0.0
        covered_until = max(
            (m.end or as_of for m in meldingen if m.soort is not Soort.LUXE), default=dt.date.min
        )
        return sum(
            hours
            for day, hours in self.pool
            if covered_until < day <= last
            and self.cal.within_lesweken(day, last, WINDOW_LESWEKEN)
            and not self._luxe_between(day, last)
        )

    # -- the chain ------------------------------------------------------------------------

    def meldingen(self) -> list[Melding]:
        result: list[Melding] = []
        after = dt.date.min
        chain_end: dt.date | None = None
        sequence = 0
        lrv_queue = list(self.lrv_streaks)
        while True:
            candidate: _Reach | None = None
            herhaal = False
            if chain_end is not None:
                candidate = self._reach_from(chain_end + dt.timedelta(days=1))
                herhaal = candidate is not None
            if candidate is None:
                chain_end = None
                sequence = 0
                candidate = self._earliest_reach(after)
            lrv_queue = [s for s in lrv_queue if s.lrv_day is not None and s.lrv_day > after]
            lrv = lrv_queue[0] if lrv_queue else None
            if (
                lrv is not None
                and lrv.lrv_day is not None
                and (candidate is None or lrv.lrv_day <= candidate.end)
            ):
                melding = self._lrv_melding(lrv, after)
                if melding is not None:
                    result.append(melding)
                if lrv.ongoing:
                    break
                after = lrv.end
                chain_end = None
                sequence = 0
                lrv_queue.pop(0)
                continue
            if candidate is None:
                break
            sequence += 1
            result.append(self._zestien_uur(candidate, sequence, herhaal))
            after = candidate.end
            chain_end = candidate.end
        return result

    def _soort(self, day: dt.date, default: Soort) -> Soort:
        return Soort.ACHTTIEN_PLUS if self.category(day) == "18plus" else default

    def _zestien_uur(self, reach: _Reach, sequence: int, herhaal: bool) -> Melding:
        due = add_werkdagen(reach.end, DEADLINE_WERKDAGEN)
        window_note = (
            f"binnen 4 lesweken vanaf {self.cal.first_school_day_on_or_after(reach.begin)}"
        )
        if herhaal:
            text = (
                f"Herhaalmelding {sequence - 1}: opnieuw {reach.hours:g} uur ongeoorloofd verzuim "
                f"{window_note}, aansluitend op de vorige melding (begindatum is de dag na de "
                f"vorige einddatum). 16 uur bereikt op {reach.end}; melden binnen 5 werkdagen, "
                f"uiterlijk {due}."
            )
            sources: tuple[Source, ...] = (
                LPW_ART_21A,
                PARKSTAD_12_HERHAAL,
                PARKSTAD_BIJLAGE_4,
                HR_2B_WETTELIJK,
            )
        else:
            text = (
                f"{reach.hours:g} uur ongeoorloofd verzuim {window_note}: de grens van 16 uur in 4 "
                f"weken is bereikt op {reach.end}. Melden zodra 16 uur bereikt is, binnen 5 "
                f"werkdagen: uiterlijk {due}."
            )
            sources = (LPW_ART_21A, PARKSTAD_12_WETTELIJK, HR_2B_WETTELIJK)
        soort = self._soort(reach.begin, Soort.ZESTIEN_UUR)
        if soort is Soort.ACHTTIEN_PLUS:
            text += (
                " De leerling is 18 jaar of ouder zonder startkwalificatie: melden als 18+ verzuim."
            )
        return Melding(
            pupil_id=self.pupil_id,
            soort=soort,
            begin=reach.begin,
            end=reach.end,
            hours=reach.hours,
            due=due,
            sequence=sequence,
            reached=reach.end,
            explanation=Explanation(
                rule="herhaalmelding" if herhaal else "wettelijk_verzuim_16_uur",
                text=text,
                sources=sources,
                absences=self.tl.ongeoorloofd_regs(reach.days),
            ),
        )

    def _lrv_melding(self, streak: Streak, after: dt.date) -> Melding | None:
        assert streak.lrv_day is not None
        begin = (
            max(streak.start, after + dt.timedelta(days=1)) if after > dt.date.min else streak.start
        )
        if self.category(begin) is None:
            return None
        end = None if streak.ongoing else streak.end
        last = streak.end
        days = [d for d, _ in self.pool if begin <= d <= last]
        hours = sum(h for d, h in self.pool if begin <= d <= last)
        due = add_werkdagen(streak.lrv_day, DEADLINE_WERKDAGEN)
        status = (
            "De melding blijft open zonder einddatum tot de schoolgang hervat is."
            if end is None
            else f"De schoolgang is hervat na {end}; de melding is afgesloten."
        )
        text = (
            f"Langdurig relatief verzuim: sinds {streak.start} elke schooldag ongeoorloofd "
            f"afwezig, langer dan 4 weken op {streak.lrv_day}. Melden als LRV zonder einddatum, "
            f"binnen 5 werkdagen: uiterlijk {due}. {status}"
        )
        soort = self._soort(begin, Soort.LRV)
        if soort is Soort.ACHTTIEN_PLUS:
            text += (
                " De leerling is 18 jaar of ouder zonder startkwalificatie: melden als 18+ verzuim."
            )
        return Melding(
            pupil_id=self.pupil_id,
            soort=soort,
            begin=begin,
            end=end,
            hours=hours,
            due=due,
            sequence=1,
            reached=streak.lrv_day,
            explanation=Explanation(
                rule="langdurig_relatief_verzuim",
                text=text,
                sources=(LPW_ART_21A, PARKSTAD_12_LRV, PARKSTAD_BIJLAGE_4, HR_2B_LRV),
                absences=self.tl.ongeoorloofd_regs(days),
            ),
        )
