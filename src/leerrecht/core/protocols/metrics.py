"""The protocol metrics, computed from one pupil's registrations.

What counts as one occurrence ("keer"): by default one school day with at least one matching
registration (``count_by: dag``), so a pupil who misses three lessons on one morning has one
occurrence; ``count_by: registratie`` counts every registration (per lesson or dagdeel). A sick
report (ziekmelding) is a run of consecutive school days with a sick registration; it is counted
on its first day.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from leerrecht.core.absence import Kind, Reason, Registration
from leerrecht.core.calendar import SchoolCalendar
from leerrecht.core.protocols.schema import MetricCondition
from leerrecht.core.timeline import EPSILON, PupilTimeline

ONGEOORLOOFD = tuple(r for r in Reason if not r.geoorloofd)
GEOORLOOFD_ABSENCE = tuple(r for r in Reason if r.geoorloofd and r is not Reason.SCHORSING)
ALL_ABSENCE = tuple(r for r in Reason if r is not Reason.SCHORSING)
SICK = (Reason.ZIEK,)
MEDICAL = (Reason.ZIEK, Reason.ARTS)


@dataclass(frozen=True, slots=True)
class Measure:
    """The value of a metric on a day, and the days that made it."""

    value: float
    days: tuple[dt.date, ...] = ()
    streak_start: dt.date | None = None


@dataclass
class PupilFacts:
    """A pupil's registrations indexed by school day, for the metrics."""

    timeline: PupilTimeline
    first_day: dt.date
    days: list[dt.date] = field(init=False)
    index: dict[dt.date, int] = field(init=False)

    keys: list[tuple[int, int]] = field(init=False)
    _series: dict[tuple[object, ...], tuple[list[float], list[float]]] = field(init=False)
    _runs: dict[tuple[object, ...], list[int]] = field(init=False)

    def __post_init__(self) -> None:
        cal = self.timeline.calendar
        self.days = cal.school_days_between(self.first_day, self.timeline.as_of)
        self.index = {d: i for i, d in enumerate(self.days)}
        self.keys = [cal.lesweek_key(d) for d in self.days]
        self._series = {}
        self._runs = {}

    def series(self, cond: MetricCondition) -> tuple[list[float], list[float]]:
        """Per-day contributions of a counting metric and their prefix sums (cached), so a
        window's total is one subtraction. ``aandeel_lestijd`` keeps absent hours here and the
        scheduled hours in :meth:`scheduled_prefix`."""
        key = (cond.metric, cond.count_by, cond.kinds, cond.reasons, cond.block_minutes)
        if key not in self._series:
            values = [day_value(self, cond, d) for d in self.days]
            prefix = [0.0]
            for value in values:
                prefix.append(prefix[-1] + value)
            self._series[key] = (values, prefix)
        return self._series[key]

    def scheduled_prefix(self) -> list[float]:
        key: tuple[object, ...] = ("__scheduled__",)
        if key not in self._series:
            values = [self.calendar.scheduled_hours(d) for d in self.days]
            prefix = [0.0]
            for value in values:
                prefix.append(prefix[-1] + value)
            self._series[key] = (values, prefix)
        return self._series[key][1]

    def run_starts(self, cond: MetricCondition, member: Callable[[dt.date], bool]) -> list[int]:
        """For each day, the index where its run of member days starts (-1 when not a member)."""
        key = (cond.metric, cond.reasons)
        if key not in self._runs:
            starts: list[int] = []
            for i, day in enumerate(self.days):
                if not member(day):
                    starts.append(-1)
                elif i > 0 and starts[i - 1] >= 0:
                    starts.append(starts[i - 1])
                else:
                    starts.append(i)
            self._runs[key] = starts
        return self._runs[key]

    @property
    def calendar(self) -> SchoolCalendar:
        return self.timeline.calendar

    def regs(
        self, day: dt.date, kinds: Iterable[Kind], reasons: Iterable[Reason]
    ) -> list[Registration]:
        kind_set = set(kinds)
        reason_set = set(reasons)
        return [
            r for r in self.timeline.regs_on(day) if r.kind in kind_set and r.reason in reason_set
        ]

    def window_days(self, lower: dt.date, day: dt.date) -> list[dt.date]:
        lo = self.index.get(lower)
        if lo is None:
            lo = next((i for i, d in enumerate(self.days) if d >= lower), len(self.days))
        return self.days[lo : self.index[day] + 1]

    def whole_day(self, day: dt.date, reasons: Iterable[Reason]) -> bool:
        scheduled = self.calendar.scheduled_hours(day)
        hours = sum(self.timeline.hours_of(r) for r in self.regs(day, (Kind.ABSENT,), reasons))
        return scheduled > 0 and hours >= scheduled - EPSILON


def _reasons(cond: MetricCondition, default: tuple[Reason, ...]) -> tuple[Reason, ...]:
    return cond.reasons if cond.reasons is not None else default


def _count(
    facts: PupilFacts,
    cond: MetricCondition,
    lower: dt.date,
    day: dt.date,
    kinds: tuple[Kind, ...],
    reasons: tuple[Reason, ...],
) -> Measure:
    total = 0.0
    hit: list[dt.date] = []
    for d in facts.window_days(lower, day):
        regs = facts.regs(d, kinds, reasons)
        if not regs:
            continue
        hit.append(d)
        total += len(regs) if cond.count_by == "registratie" else 1
    return Measure(total, tuple(hit))


def day_value(facts: PupilFacts, cond: MetricCondition, d: dt.date) -> float:
    """One school day's contribution to a counting metric (the same rules as
    :func:`count_metric`, which also lists the days for the explanation)."""
    metric = cond.metric
    if metric == "te_laat":
        regs = facts.regs(d, (Kind.LATE,), _reasons(cond, ONGEOORLOOFD))
    elif metric == "ongeoorloofd_keren":
        regs = facts.regs(d, cond.kinds or (Kind.ABSENT,), _reasons(cond, ONGEOORLOOFD))
    elif metric == "geschorste_dagen":
        regs = facts.regs(d, (Kind.ABSENT,), _reasons(cond, (Reason.SCHORSING,)))
    elif metric == "ziekmeldingen":
        reasons = _reasons(cond, SICK)
        if not facts.regs(d, (Kind.ABSENT,), reasons):
            return 0.0
        prev = facts.calendar.previous_school_day(d)
        first = (
            prev is None or prev < facts.first_day or not facts.regs(prev, (Kind.ABSENT,), reasons)
        )
        return 1.0 if first else 0.0
    elif metric in ("ongeoorloofd_uren", "aandeel_lestijd", "geoorloofd_lesblokken"):
        if metric == "ongeoorloofd_uren":
            hour_regs = facts.regs(
                d, cond.kinds or (Kind.ABSENT, Kind.LATE), _reasons(cond, ONGEOORLOOFD)
            )
        elif metric == "aandeel_lestijd":
            hour_regs = facts.regs(
                d, cond.kinds or (Kind.ABSENT, Kind.LATE), _reasons(cond, ALL_ABSENCE)
            )
        else:
            hour_regs = facts.regs(d, (Kind.ABSENT,), _reasons(cond, GEOORLOOFD_ABSENCE))
        if not hour_regs:
            return 0.0
        hours = min(
            sum(facts.timeline.hours_of(r) for r in hour_regs), facts.calendar.scheduled_hours(d)
        )
        return hours * 60 / cond.block_minutes if metric == "geoorloofd_lesblokken" else hours
    else:
        raise ValueError(f"{metric} is geen telling")
    if not regs:
        return 0.0
    return float(len(regs)) if cond.count_by == "registratie" else 1.0


def window_value(facts: PupilFacts, cond: MetricCondition, lower: dt.date, day: dt.date) -> float:
    """The metric's value from ``lower`` to ``day`` in O(1) from the cached prefix sums."""
    lo = bisect.bisect_left(facts.days, lower)
    hi = facts.index[day] + 1
    if lo >= hi:
        return 0.0
    _, prefix = facts.series(cond)
    total = prefix[hi] - prefix[lo]
    if cond.metric == "aandeel_lestijd":
        scheduled = facts.scheduled_prefix()
        planned = scheduled[hi] - scheduled[lo]
        return total / planned if planned else 0.0
    return total


def count_metric(facts: PupilFacts, cond: MetricCondition, lower: dt.date, day: dt.date) -> Measure:
    """A metric counted over the days from ``lower`` to ``day``."""
    metric = cond.metric
    if metric == "te_laat":
        return _count(facts, cond, lower, day, (Kind.LATE,), _reasons(cond, ONGEOORLOOFD))
    if metric == "ongeoorloofd_keren":
        return _count(
            facts, cond, lower, day, cond.kinds or (Kind.ABSENT,), _reasons(cond, ONGEOORLOOFD)
        )
    if metric == "ongeoorloofd_uren":
        kinds = cond.kinds or (Kind.ABSENT, Kind.LATE)
        reasons = _reasons(cond, ONGEOORLOOFD)
        total = 0.0
        hit: list[dt.date] = []
        for d in facts.window_days(lower, day):
            regs = facts.regs(d, kinds, reasons)
            hours = min(
                sum(facts.timeline.hours_of(r) for r in regs), facts.calendar.scheduled_hours(d)
            )
            if hours > 0:
                hit.append(d)
                total += hours
        return Measure(total, tuple(hit))
    if metric == "ziekmeldingen":
        reasons = _reasons(cond, SICK)
        starts: list[dt.date] = []
        for d in facts.window_days(lower, day):
            if not facts.regs(d, (Kind.ABSENT,), reasons):
                continue
            prev = facts.calendar.previous_school_day(d)
            if (
                prev is None
                or prev < facts.first_day
                or not facts.regs(prev, (Kind.ABSENT,), reasons)
            ):
                starts.append(d)  # a ziekmelding counts on its first day only
        return Measure(float(len(starts)), tuple(starts))
    if metric == "geoorloofd_lesblokken":
        reasons = _reasons(cond, GEOORLOOFD_ABSENCE)
        hours = 0.0
        hit = []
        for d in facts.window_days(lower, day):
            regs = facts.regs(d, (Kind.ABSENT,), reasons)
            if regs:
                hit.append(d)
                hours += min(
                    sum(facts.timeline.hours_of(r) for r in regs), facts.calendar.scheduled_hours(d)
                )
        # lesson time missed, expressed in blocks: independent of how the school registers
        # (per lesson or per day)
        return Measure(hours * 60 / cond.block_minutes, tuple(hit))
    if metric == "geschorste_dagen":
        return _count(facts, cond, lower, day, (Kind.ABSENT,), _reasons(cond, (Reason.SCHORSING,)))
    if metric == "aandeel_lestijd":
        reasons = _reasons(cond, ALL_ABSENCE)
        scheduled = 0.0
        absent = 0.0
        hit = []
        for d in facts.window_days(lower, day):
            scheduled += facts.calendar.scheduled_hours(d)
            regs = facts.regs(d, cond.kinds or (Kind.ABSENT, Kind.LATE), reasons)
            hours = min(
                sum(facts.timeline.hours_of(r) for r in regs), facts.calendar.scheduled_hours(d)
            )
            if hours > 0:
                hit.append(d)
                absent += hours
        return Measure(absent / scheduled if scheduled else 0.0, tuple(hit))
    raise ValueError(f"{metric} is geen telling")


def streak_metric(facts: PupilFacts, cond: MetricCondition, day: dt.date) -> Measure:
    """The length of the run that ends on ``day`` (0 when ``day`` is not part of one)."""
    cal = facts.calendar
    metric = cond.metric
    if metric == "structureel_verzuim_weken":
        reasons = _reasons(cond, MEDICAL)
        if not facts.regs(day, (Kind.ABSENT,), reasons):
            return Measure(0.0)
        weeks = [day]
        probe = day
        while True:
            previous = _same_weekday_previous_lesweek(cal, probe)
            if previous is None or previous < facts.first_day:
                break
            if cal.is_school_day(previous) and not facts.regs(previous, (Kind.ABSENT,), reasons):
                break
            if cal.is_school_day(previous):
                weeks.append(previous)
            probe = previous
        return Measure(float(len(weeks)), tuple(reversed(weeks)), streak_start=weeks[-1])

    if metric == "ongeoorloofd_aaneengesloten":
        reasons = _reasons(cond, ONGEOORLOOFD)

        def member(d: dt.date) -> bool:
            return facts.whole_day(d, reasons)
    elif metric == "afwezig_aaneengesloten":
        reasons = _reasons(cond, ALL_ABSENCE)

        def member(d: dt.date) -> bool:
            return facts.whole_day(d, reasons)
    elif metric == "ziek_aaneengesloten":
        reasons = _reasons(cond, SICK)

        def member(d: dt.date) -> bool:
            return bool(facts.regs(d, (Kind.ABSENT,), reasons))
    else:
        raise ValueError(f"{metric} is geen reeks")

    i = facts.index[day]
    first = facts.run_starts(cond, member)[i]
    if first < 0:
        return Measure(0.0)
    run = facts.days[first : i + 1]
    start = run[0]
    if cond.meet == "kalenderdagen":
        value = float((day - start).days + 1)
    elif cond.meet == "lesweken":
        # lesweken begun, counted from the weekday of the first day (vacation weeks skipped):
        # 'more than 2 lesweken' is first true on the same weekday two lesweken later.
        spanned = cal.lesweek_index(day) - cal.lesweek_index(start)
        value = float(spanned + (1 if day.weekday() >= start.weekday() else 0))
    else:
        value = float(len(run))
    return Measure(value, tuple(run), streak_start=start)


def _same_weekday_previous_lesweek(cal: SchoolCalendar, day: dt.date) -> dt.date | None:
    """The same weekday in the lesweek before (vacation weeks skipped)."""
    probe = day - dt.timedelta(days=7)
    for _ in range(10):
        if not cal.covers(probe):
            return None
        monday = probe - dt.timedelta(days=probe.weekday())
        if any(cal.is_school_day(monday + dt.timedelta(days=i)) for i in range(5)):
            return probe
        probe -= dt.timedelta(days=7)
    return None
