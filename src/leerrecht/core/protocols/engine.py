"""Evaluate a protocol for one pupil: which steps were reached, on which day.

This is the reference evaluation: it walks the school days in order and, per day, checks every
step. A step is reached once per window: once per school year (``schooljaar``), once per
enrolment (``inschrijving``), once per run for the aaneengesloten metrics, and for the rolling
windows (``lesweken``, ``maanden``, ``sinds_stap``) counting starts afresh after the step was
reached, so a new signal always stands for new events.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from leerrecht.core.calendar import add_werkdagen, school_year_start
from leerrecht.core.model import Action, Check, Explanation, Melding, Signal, Soort
from leerrecht.core.protocols.metrics import (
    Measure,
    PupilFacts,
    count_metric,
    streak_metric,
    window_value,
)
from leerrecht.core.protocols.schema import (
    STREAK_METRICS,
    AllCondition,
    AnyCondition,
    Condition,
    ManualCondition,
    MetricCondition,
    Protocol,
    Step,
    WettelijkCondition,
    iter_leaves,
)
from leerrecht.core.rules.thuiszitter import add_months
from leerrecht.core.rules.wettelijk import DEADLINE_WERKDAGEN
from leerrecht.core.sources import Source
from leerrecht.core.timeline import PupilTimeline

METRIC_LABELS = {
    "te_laat": "keer te laat",
    "ongeoorloofd_keren": "keer ongeoorloofd afwezig",
    "ongeoorloofd_uren": "uur ongeoorloofd verzuim",
    "ziekmeldingen": "ziekmeldingen",
    "geoorloofd_lesblokken": "lesblokken geoorloofd afwezig",
    "aandeel_lestijd": "deel van de lestijd afwezig",
    "geschorste_dagen": "dagen geschorst",
    "ongeoorloofd_aaneengesloten": "aaneengesloten dagen ongeoorloofd afwezig",
    "ziek_aaneengesloten": "aaneengesloten schooldagen ziek",
    "afwezig_aaneengesloten": "aaneengesloten dagen afwezig",
    "structureel_verzuim_weken": "lesweken achter elkaar afwezig op dezelfde weekdag",
}


@dataclass
class _StepState:
    fires: list[dt.date] = field(default_factory=list)

    @property
    def last(self) -> dt.date | None:
        return self.fires[-1] if self.fires else None


@dataclass(frozen=True, slots=True)
class _Hit:
    text: str
    days: tuple[dt.date, ...]


class ProtocolEvaluation:
    """Evaluates one protocol for one pupil."""

    def __init__(
        self,
        protocol: Protocol,
        sector: str,
        pupil_id: str,
        timeline: PupilTimeline,
        first_day: dt.date,
        meldingen: Sequence[Melding],
        checks: Sequence[Check],
        category: Callable[[dt.date], str | None],
        manual: Mapping[str, Sequence[dt.date]] | None = None,
    ) -> None:
        self.manual = manual or {}
        self.protocol = protocol
        self.steps = [s for s in protocol.steps if s.sectors is None or sector in s.sectors]
        self.pupil_id = pupil_id
        self.timeline = timeline
        self.facts = PupilFacts(timeline, first_day)
        self.meldingen = meldingen
        self.checks = checks
        self.category = category
        self.state: dict[str, _StepState] = {s.id: _StepState() for s in protocol.steps}

    # -- leaves ---------------------------------------------------------------------------

    def _lesweken_lower(self, day: dt.date, weeks: int) -> dt.date:
        """The first school day whose N-lesweken window still contains ``day``."""
        idx, wd = self.facts.keys[self.facts.index[day]]
        return self.facts.days[bisect.bisect_right(self.facts.keys, (idx - weeks, wd))]

    def _period_end(self, start: dt.date, weeks: int) -> dt.date:
        """The first school day after the N lesweken that start on ``start``."""
        idx, wd = self.facts.calendar.lesweek_key(start)
        j = bisect.bisect_left(self.facts.keys, (idx + weeks, wd))
        if j < len(self.facts.days):
            return self.facts.days[j]
        return self.facts.days[-1] + dt.timedelta(days=1)

    def _window_complete(self, lower: dt.date) -> bool:
        """A share of lesson time needs the whole window: N lesweken of data up to the day."""
        previous = self.facts.calendar.previous_school_day(lower)
        return previous is not None and previous >= self.facts.first_day

    def _metric(self, step: Step, cond: MetricCondition, day: dt.date) -> _Hit | None:
        # herhalen: the leaf is judged afresh every day, not limited to once per window (used
        # with a 'keer' leaf for "every time from the Nth").
        last = None if cond.herhalen else self.state[step.id].last
        label = METRIC_LABELS[cond.metric]
        if cond.metric in STREAK_METRICS:
            run = streak_metric(self.facts, cond, day)
            if run.value <= 0 or not cond.holds(run.value):
                return None
            if last is not None and run.streak_start is not None and run.streak_start <= last:
                return None  # once per run
            unit = cond.meet if cond.meet != "schooldagen" else ""
            text = f"{run.value:g} {label}{' (' + unit + ')' if unit else ''} sinds {run.streak_start} ({cond.threshold_text()})"
            return _Hit(text, run.days)

        window = cond.window
        if window.kind == "schooljaar":
            lower = max(school_year_start(day), self.facts.first_day)
            if last is not None and school_year_start(last) == school_year_start(day):
                return None
        elif window.kind == "inschrijving":
            lower = self.facts.first_day
            if last is not None:
                return None
        elif window.kind == "lesweken":
            assert window.n is not None
            lower = self._lesweken_lower(day, window.n)
            if last is not None:
                # one signal per period: events of the period that gave the last signal belong
                # to it; a new period starts after it.
                if self.facts.calendar.within_lesweken(last, day, window.n):
                    return None
                period_end = self._period_end(last, window.n)
                if cond.metric == "aandeel_lestijd" and lower < period_end:
                    return None  # a share needs a whole window of N lesweken after the period
                lower = max(lower, period_end)
            if cond.metric == "aandeel_lestijd" and not self._window_complete(lower):
                return None
        elif window.kind == "maanden":
            assert window.n is not None
            lower = add_months(day, -window.n) + dt.timedelta(days=1)
            if last is not None:
                period_end = add_months(last, window.n)
                if day <= period_end:
                    return None  # one signal per period of N months
                lower = max(lower, period_end + dt.timedelta(days=1))
        elif window.kind == "keer":
            lower = day
        else:  # sinds_stap
            reference = self.state[window.step or ""].last
            if reference is None or (last is not None and last >= reference):
                return None  # once per time the referenced step was reached
            lower = reference + dt.timedelta(days=1)
        if lower > day:
            return None
        if not cond.holds(window_value(self.facts, cond, lower, day)):
            return None
        measure: Measure = count_metric(self.facts, cond, lower, day)  # the days, for the text
        if cond.metric == "aandeel_lestijd":
            value = f"{measure.value:.0%}"
        else:
            value = f"{measure.value:g}"
        text = f"{value} {label} {window.describe()} ({cond.threshold_text()}), van {lower} tot en met {day}"
        return _Hit(text, measure.days)

    def _wettelijk(self, cond: WettelijkCondition, day: dt.date) -> _Hit | None:
        ref = cond.wettelijk
        if ref.melding is not None:
            for melding in self.meldingen:
                if melding.reached != day or melding.soort.value != ref.melding:
                    continue
                if ref.rule is not None and melding.explanation.rule != ref.rule:
                    continue
                if ref.min_schooldagen or ref.max_schooldagen:
                    end = melding.end or day
                    n = len(self.facts.calendar.school_days_between(melding.begin, end))
                    if ref.min_schooldagen and n < ref.min_schooldagen:
                        continue
                    if ref.max_schooldagen and n > ref.max_schooldagen:
                        continue
                text = f"wettelijke melding {melding.soort.value} ({melding.begin} t/m {melding.end or 'open'})"
                return _Hit(text, tuple(r.date for r in melding.explanation.absences))
            return None
        for check in self.checks:
            if check.on == day and check.kind == ref.check:
                return _Hit(f"wettelijk aandachtspunt {check.kind}", (day,))
        return None

    def _holds(self, step: Step, cond: Condition, day: dt.date) -> list[_Hit] | None:
        if isinstance(cond, AllCondition):
            hits: list[_Hit] = []
            for part in cond.all:
                sub = self._holds(step, part, day)
                if sub is None:
                    return None
                hits.extend(sub)
            return hits
        if isinstance(cond, AnyCondition):
            for part in cond.any:
                sub = self._holds(step, part, day)
                if sub is not None:
                    return sub
            return None
        if isinstance(cond, WettelijkCondition):
            hit = self._wettelijk(cond, day)
        elif isinstance(cond, ManualCondition):
            hit = (
                _Hit(f"handmatig vastgelegd: {cond.handmatig}", ())
                if day in self.manual.get(step.id, ())
                else None
            )
        else:
            hit = self._metric(step, cond, day)
        return [hit] if hit is not None else None

    # -- the walk -------------------------------------------------------------------------

    def _active_days(self) -> set[dt.date]:
        """Days on which something happened: a registration, a statutory outcome or a manual
        record. Every metric only grows on such a day."""
        days = {d for d in self.facts.days if self.timeline.regs_on(d)}
        days.update(m.reached for m in self.meldingen)
        days.update(c.on for c in self.checks)
        for recorded in self.manual.values():
            days.update(recorded)
        return days

    @staticmethod
    def _monotone(step: Step) -> bool:
        """True when the step can only become reached on a day with new events: every leaf has
        lower bounds only (a share of lesson time, an upper bound or 'herhalen' can change on
        a quiet day as the window slides)."""
        for leaf in iter_leaves(step.when):
            if isinstance(leaf, MetricCondition) and (
                leaf.less_than is not None or leaf.metric == "aandeel_lestijd" or leaf.herhalen
            ):
                return False
        return True

    def run(self) -> tuple[list[Signal], list[Melding]]:
        signals: list[Signal] = []
        meldingen: list[Melding] = []
        active = self._active_days()
        monotone = {step.id: self._monotone(step) for step in self.steps}
        for day in self.facts.days:
            quiet = day not in active
            for step in self.steps:
                if quiet and monotone[step.id]:
                    continue  # nothing new today: this step cannot become reached
                hits = self._holds(step, step.when, day)
                if hits is None:
                    continue
                self.state[step.id].fires.append(day)
                signal, melding = self._signal(step, day, hits)
                signals.append(signal)
                if melding is not None:
                    meldingen.append(melding)
        return signals, meldingen

    def _signal(self, step: Step, day: dt.date, hits: list[_Hit]) -> tuple[Signal, Melding | None]:
        category = self.category(day)
        soort: Soort | None = None
        note = ""
        if step.melding is not None:
            if category is None:
                note = " Geen DUO-melding: de leerling is op deze dag niet leer- of kwalificatieplichtig."
            elif category == "18plus":
                soort = Soort.ACHTTIEN_PLUS
            else:
                soort = Soort(step.melding)
        days = sorted({d for h in hits for d in h.days})
        explanation = Explanation(
            rule=f"{self.protocol.id}:{step.id}",
            text=f"{step.title}: " + "; ".join(h.text for h in hits) + "." + note,
            sources=(Source(self.protocol.name, step.source),),
            absences=tuple(r for d in days for r in self.timeline.regs_on(d)),
        )
        actions = tuple(
            Action(actor, text) for actor, texts in step.actions.items() for text in texts
        )
        signal = Signal(
            pupil_id=self.pupil_id,
            protocol=self.protocol.id,
            step=step.id,
            title=step.title,
            on=day,
            melding=soort,
            actions=actions,
            source=step.source,
            explanation=explanation,
            keuze=step.keuze,
        )
        melding: Melding | None = None
        if soort is not None and step.melding == "overig":
            begin = days[0] if days else day
            hours = sum(h for d, h in self.timeline.ongeoorloofd_hours.items() if begin <= d <= day)
            melding = Melding(
                pupil_id=self.pupil_id,
                soort=soort,
                begin=begin,
                end=day,
                hours=hours,
                due=add_werkdagen(day, DEADLINE_WERKDAGEN),
                sequence=1,
                reached=day,
                explanation=explanation,
            )
        return signal, melding
