"""Protocol steps for all pupils at once, the same signals as :mod:`leerrecht.core.protocols.engine`.

The reference walks every school day and every step. Here each step is evaluated on the days
on which its condition can change ("change days"): the days with a matching registration, the
days an old registration leaves a rolling window (when the step has an upper bound), the days
of a run, the days of a statutory check. Between two change days nothing a condition reads can
change, so the first day a step is reached is always a change day. A step's only memory is the
day it was last reached; it is kept per pupil and the steps are found in rounds: each round
gives every pupil the next day its step is reached after the last one.

Values are compared in whole units (counts, seconds of lesson time, seconds per lesson block),
which makes every window sum exact; a threshold that is no whole number of units, a threshold of
zero, a window ``sinds_stap`` and the metric ``structureel_verzuim_weken`` are not evaluated
here. A pupil that can reach such a step (an upper bound of its metrics reaches the threshold)
is a candidate for the reference, like a pupil with a statutory melding.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any

import numpy as np
import polars as pl

from leerrecht.batch.reference import protocol_for
from leerrecht.batch.vectorised import (
    KIND_CODES,
    REASON_CODES,
    SLOT_BITS,
    SLOTS,
    TICKS,
    BoolArray,
    IntArray,
    Tables,
    day_number,
    from_day_number,
    group_max,
    in_codes,
    ranges,
    running_float_sum,
    segment_last,
    segment_starts,
    window_sums,
)
from leerrecht.core.absence import Kind, Reason
from leerrecht.core.calendar import _termijnenwet_holidays
from leerrecht.core.protocols.metrics import (
    ALL_ABSENCE,
    GEOORLOOFD_ABSENCE,
    MEDICAL,
    ONGEOORLOOFD,
    SICK,
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
    WettelijkRef,
)
from leerrecht.core.rules.thuiszitter import add_months
from leerrecht.core.rules.wettelijk import DEADLINE_WERKDAGEN

EPS = 1e-9  # MetricCondition.holds
NONE = -1
INF = np.iinfo(np.int64).max // 4


@dataclass
class ProtocolResult:
    reach: BoolArray  # pupils that can reach a step evaluated by the reference only
    signals: pl.DataFrame  # pix, protocol, step, on (day number)
    meldingen: pl.DataFrame  # 'overig' meldingen: pix, soort, begin, end, hours, due, reached
    stats: dict[str, Any] = field(default_factory=dict)


SIGNAL_SCHEMA: dict[str, Any] = {
    "pix": pl.Int64,
    "protocol": pl.String,
    "step": pl.String,
    "on": pl.Int64,
}
MELDING_SCHEMA: dict[str, Any] = {
    "pix": pl.Int64,
    "soort": pl.String,
    "begin": pl.Int64,
    "end": pl.Int64,
    "hours": pl.Float64,
    "due": pl.Date,
    "reached": pl.Int64,
}


@lru_cache(maxsize=64)
def _no_werkdag(year: int) -> frozenset[dt.date]:
    """The weekdays of ``year`` that are no werkdag: core.calendar's holidays of the Algemene
    termijnenwet art. 3 (computed once per year, not once per deadline)."""
    return frozenset(_termijnenwet_holidays(year))


@lru_cache(maxsize=8192)
def due_date(day: int) -> dt.date:
    """The deadline of a melding reached on day number ``day``: 5 werkdagen later, as
    :func:`leerrecht.core.calendar.add_werkdagen` counts them."""
    current = from_day_number(day)
    remaining = DEADLINE_WERKDAGEN
    while remaining > 0:
        current += dt.timedelta(days=1)
        if current.weekday() >= 5 or current in _no_werkdag(current.year):
            continue
        remaining -= 1
    return current


def due_dates(days: IntArray) -> pl.Series:
    """:func:`due_date` of many days (computed once per distinct day)."""
    if len(days) == 0:
        return pl.Series("due", [], dtype=pl.Date)
    unique, inverse = np.unique(days, return_inverse=True)
    values = pl.Series("due", [due_date(int(d)) for d in unique.tolist()], dtype=pl.Date)
    return values.gather(inverse.ravel())


# -- thresholds in whole units ----------------------------------------------------------------


@dataclass(frozen=True)
class Bounds:
    """``MetricCondition.holds`` for integer values ``V`` meaning ``V / scale``."""

    low: int  # V >= low
    high: int | None  # V < high

    def holds(self, values: IntArray) -> BoolArray:
        result: BoolArray = values >= self.low
        if self.high is not None:
            result &= values < self.high
        return result


class _Unsupported(Exception):
    """A condition this engine does not evaluate (the reference does)."""


def _bounds(cond: MetricCondition, scale: int, exact: bool) -> Bounds:
    """Integer bounds that decide as ``MetricCondition.holds`` does on the reference's floats.

    ``exact``: the values are whole numbers as floats too (counts, days). Otherwise they are
    sums of seconds that the reference adds as floats, off by far less than 1e-7 of a second;
    a threshold (with the reference's margin of 1e-9) that lies that close to a whole number
    of seconds cannot be decided reliably here."""

    def whole(value: float) -> float:
        if not exact and abs(value - round(value)) < 1e-7:
            raise _Unsupported("drempel valt op de rand van een hele eenheid")
        return value

    if cond.at_least is not None:
        low = math.ceil(whole(cond.at_least * scale - EPS * scale))
    else:
        assert cond.more_than is not None
        low = math.floor(whole(cond.more_than * scale + EPS * scale)) + 1
    if low <= 0:
        raise _Unsupported("drempel 0 geldt ook zonder registraties")
    high: int | None = None
    if cond.less_than is not None:
        high = math.ceil(whole(cond.less_than * scale - EPS * scale))
    return Bounds(low, high)


def _ratio(cond: MetricCondition) -> tuple[tuple[int, int, bool], tuple[int, int] | None]:
    """A share's bound as a fraction p/q (and whether it is strict), and the upper bound."""

    def fraction(value: float) -> tuple[int, int]:
        # a simple fraction p/q: a different exact share lies at least 1/(q * planned) away,
        # far more than the reference's margin of 1e-9 (planned < 2e6 seconds)
        f = Fraction(value).limit_denominator(50)
        if abs(float(f) - value) > 1e-12:
            raise _Unsupported("deel is geen eenvoudige breuk")
        return f.numerator, f.denominator

    if cond.at_least is not None:
        p, q = fraction(cond.at_least)
        low = (p, q, False)
    else:
        assert cond.more_than is not None
        p, q = fraction(cond.more_than)
        low = (p, q, True)
    if p <= 0:
        raise _Unsupported("drempel 0 geldt ook zonder registraties")
    high = fraction(cond.less_than) if cond.less_than is not None else None
    return low, high


# -- what a metric counts ----------------------------------------------------------------------


def _codes(values: Sequence[Kind] | Sequence[Reason]) -> list[int]:
    return [KIND_CODES[v.value] if isinstance(v, Kind) else REASON_CODES[v.value] for v in values]


def _selection(cond: MetricCondition) -> tuple[list[int], list[int]]:
    """Kinds and reasons of the registrations a metric reads (core/protocols/metrics.py)."""
    metric = cond.metric

    def reasons(default: tuple[Reason, ...]) -> list[int]:
        return _codes(cond.reasons if cond.reasons is not None else default)

    absent = [KIND_CODES[Kind.ABSENT.value]]
    both = _codes((Kind.ABSENT, Kind.LATE))
    kinds = _codes(cond.kinds) if cond.kinds else None
    if metric == "te_laat":
        return [KIND_CODES[Kind.LATE.value]], reasons(ONGEOORLOOFD)
    if metric == "ongeoorloofd_keren":
        return kinds or absent, reasons(ONGEOORLOOFD)
    if metric == "geschorste_dagen":
        return absent, reasons((Reason.SCHORSING,))
    if metric == "ziekmeldingen":
        return absent, reasons(SICK)
    if metric == "ongeoorloofd_uren":
        return kinds or both, reasons(ONGEOORLOOFD)
    if metric == "aandeel_lestijd":
        return kinds or both, reasons(ALL_ABSENCE)
    if metric == "geoorloofd_lesblokken":
        return absent, reasons(GEOORLOOFD_ABSENCE)
    if metric == "ongeoorloofd_aaneengesloten":
        return absent, reasons(ONGEOORLOOFD)
    if metric == "afwezig_aaneengesloten":
        return absent, reasons(ALL_ABSENCE)
    if metric == "ziek_aaneengesloten":
        return absent, reasons(SICK)
    return absent, reasons(MEDICAL)  # structureel_verzuim_weken


def _scale(cond: MetricCondition) -> int:
    if cond.metric in ("ongeoorloofd_uren", "aandeel_lestijd"):
        return TICKS
    if cond.metric == "geoorloofd_lesblokken":
        return 60 * cond.block_minutes  # seconds per block
    return 1


# -- one protocol group: pupils with the same protocol and sector ------------------------------


class _Group:
    """The pupil-days of the pupils of one protocol group, and lookups on them."""

    def __init__(
        self,
        t: Tables,
        members: BoolArray,
        checks: pl.DataFrame,
        meldingen: pl.DataFrame | None = None,
        statutory: BoolArray | None = None,
    ) -> None:
        self.t = t
        self.statutory = statutory if statutory is not None else np.zeros_like(members)
        self.meldingen = (
            meldingen.filter(
                pl.Series(members, dtype=pl.Boolean).gather(meldingen.get_column("pix"))
            )
            if meldingen is not None
            else None
        )
        self.cals = t.cals
        self.members = members
        self.member_pix = np.flatnonzero(members)
        self.rows = ranges(t.d_start, self.member_pix)  # global pupil-day rows
        self.pix = t.d_pix[self.rows]
        self.gsd = t.d_gsd[self.rows]
        self.day = t.d_day[self.rows]
        self.slot = self.cals.sd_slot[self.gsd]
        regs = ranges(t.r_start, self.member_pix)
        self.reg_local = np.searchsorted(self.rows, t.r_row[regs])
        self.reg_kind = t.r_kind[regs]
        self.reg_reason = t.r_reason[regs]
        self.reg_ticks = t.r_ticks[regs]
        self.checks = checks.filter(
            pl.Series(members, dtype=pl.Boolean).gather(checks.get_column("pix"))
        )
        self._series: dict[tuple[Any, ...], _Series] = {}
        self._counts: dict[tuple[tuple[int, ...], tuple[int, ...]], tuple[IntArray, IntArray]] = {}
        self._per_sd: dict[tuple[str, int], IntArray] = {}

    def counts(self, kinds: list[int], reasons: list[int]) -> tuple[IntArray, IntArray]:
        """Per local pupil-day: number of matching registrations and their ticks (computed
        once per selection: several steps of a protocol count the same registrations)."""
        key = (tuple(kinds), tuple(reasons))
        known = self._counts.get(key)
        if known is not None:
            return known
        sel = in_codes(self.reg_kind, kinds) & in_codes(self.reg_reason, reasons)
        local = self.reg_local[sel]
        n = np.bincount(local, minlength=len(self.rows)).astype(np.int64)
        ticks = np.bincount(local, weights=self.reg_ticks[sel], minlength=len(self.rows))
        result = (n, np.rint(ticks).astype(np.int64))
        n.flags.writeable = False  # shared between steps
        result[1].flags.writeable = False
        self._counts[key] = result
        return result

    def per_school_day(self, what: str, n: int) -> IntArray:
        """Per school day (global index): the day number of add_months(day, -n) ('back'),
        add_months(day, n) ('forward'), or the 1 August of its school year ('year')."""
        key = (what, n)
        if key not in self._per_sd:
            days = self.cals.sd_day
            unique, inverse = np.unique(days, return_inverse=True)
            if what == "year":
                values = [
                    day_number(
                        dt.date(from_day_number(d).year - (from_day_number(d).month < 8), 8, 1)
                    )
                    for d in unique
                ]
            else:
                sign = -1 if what == "back" else 1
                values = [day_number(add_months(from_day_number(d), sign * n)) for d in unique]
            self._per_sd[key] = np.asarray(values, dtype=np.int64)[inverse]
        return self._per_sd[key]

    def fresh_state(self) -> IntArray:
        """Per pupil: NONE (a step not reached yet); a buffer reset for every step."""
        if not hasattr(self, "_state"):
            self._state = np.full(self.t.n_pupils, NONE, dtype=np.int64)
        self._state[self.member_pix] = NONE
        return self._state

    def flags(self) -> BoolArray:
        """A per-pupil boolean buffer, all False (callers set it back to False)."""
        if not hasattr(self, "_flags"):
            self._flags = np.zeros(self.t.n_pupils, dtype=np.bool_)
        return self._flags

    def first_day(self, pix: IntArray) -> IntArray:
        result: IntArray = self.t.p_first_day[pix]
        return result

    def cal(self, pix: IntArray) -> IntArray:
        result: IntArray = self.t.p_cal[pix]
        return result

    def last_gsd(self, pix: IntArray) -> IntArray:
        result: IntArray = self.cals.last_gsd[self.t.p_cal[pix]]
        return result


@dataclass
class _Series:
    """The days on which a metric has matching registrations (sorted by pupil and day), their
    values in whole units, and per pupil the running total of the values (exact)."""

    group: _Group
    local: IntArray  # local pupil-day rows
    value: IntArray
    hit: BoolArray  # the day counts as one of the metric's days (for the explanation)

    def __post_init__(self) -> None:
        g = self.group
        self.pix = g.pix[self.local]
        self.gsd = g.gsd[self.local]
        self.day = g.day[self.local]
        self.slot = g.slot[self.local]
        total = np.cumsum(self.value)
        first = np.maximum.accumulate(np.where(segment_starts(self.pix), np.arange(len(total)), 0))
        self.running = total - (total[first] - self.value[first]) if len(total) else total
        self.running.flags.writeable = False  # handed out as it is by upto_gsd
        self.value.flags.writeable = False
        self.key_gsd = self.pix * (1 << 24) + self.gsd
        self.key_day = self.pix * (1 << 32) + self.day
        self.key_slot = self.pix * (1 << SLOT_BITS) + self.slot
        hits = np.flatnonzero(self.hit)
        self.hit_key_day = self.key_day[hits]
        self.hit_key_slot = self.key_slot[hits]
        self.hit_pix = self.pix[hits]
        self.hit_day = self.day[hits]

    def _at(self, keys: IntArray, query: IntArray, pix: IntArray) -> IntArray:
        """The running total at the last day with key <= query of the same pupil (0 if none)."""
        i = np.searchsorted(keys, query, side="right") - 1
        ok = i >= 0
        ok[ok] = self.pix[i[ok]] == pix[ok]
        return np.where(ok, self.running[np.maximum(i, 0)], 0)

    def upto_gsd(self, pix: IntArray, gsd: IntArray) -> IntArray:
        query = pix * (1 << 24) + gsd
        if len(query) == len(self.key_gsd) and np.array_equal(query, self.key_gsd):
            # the days of the series themselves (a step whose change days are its metric's
            # days): the running totals, without a search
            result: IntArray = self.running
            return result
        return self._at(self.key_gsd, query, pix)

    def upto_day(self, pix: IntArray, day: IntArray) -> IntArray:
        if len(day) and (len(self.day) == 0 or int(self.day.min()) > int(day.max())):
            # every day asked comes before the first metric day (the day before the school
            # year of a table that holds one school year): nothing to search
            return np.zeros(len(day), dtype=np.int64)
        return self._at(self.key_day, pix * (1 << 32) + day, pix)

    def upto_slot(self, pix: IntArray, slot: IntArray) -> IntArray:
        return self._at(self.key_slot, pix * (1 << SLOT_BITS) + slot, pix)

    def on(self, pix: IntArray, gsd: IntArray) -> IntArray:
        """The value on the day itself (0 when the metric has no registration that day)."""
        query = pix * (1 << 24) + gsd
        if len(query) == len(self.key_gsd) and np.array_equal(query, self.key_gsd):
            result: IntArray = self.value
            return result
        i = np.searchsorted(self.key_gsd, query, side="left")
        ok = i < len(self.key_gsd)
        ok[ok] = self.key_gsd[i[ok]] == query[ok]
        return np.where(ok, self.value[np.minimum(i, max(len(self.value) - 1, 0))], 0)

    def first_hit_day(self, pix: IntArray, low_day: IntArray, day: IntArray) -> IntArray:
        """The first metric day in [low_day, day] (INF when none)."""
        i = np.searchsorted(self.hit_key_day, pix * (1 << 32) + low_day, side="left")
        ok = i < len(self.hit_key_day)
        j = np.minimum(i, max(len(self.hit_key_day) - 1, 0))
        ok &= (self.hit_pix[j] == pix) & (self.hit_day[j] <= day) if len(self.hit_pix) else False
        return np.where(ok, self.hit_day[j] if len(self.hit_day) else 0, INF)

    def first_hit_slot(self, pix: IntArray, low_slot: IntArray, day: IntArray) -> IntArray:
        """The first metric day with slot >= low_slot and on or before ``day`` (INF: none)."""
        i = np.searchsorted(self.hit_key_slot, pix * (1 << SLOT_BITS) + low_slot, side="left")
        ok = i < len(self.hit_key_slot)
        j = np.minimum(i, max(len(self.hit_key_slot) - 1, 0))
        ok &= (self.hit_pix[j] == pix) & (self.hit_day[j] <= day) if len(self.hit_pix) else False
        return np.where(ok, self.hit_day[j] if len(self.hit_day) else 0, INF)


def _series(group: _Group, cond: MetricCondition) -> _Series:
    """The count series of a counting metric (not a share of lesson time)."""
    key = (cond.metric, cond.count_by, cond.kinds, cond.reasons, cond.block_minutes)
    if key in group._series:
        return group._series[key]
    kinds, reasons = _selection(cond)
    n, ticks = group.counts(kinds, reasons)
    local = np.flatnonzero(n > 0)
    sched = group.cals.sd_ticks[group.gsd[local]]
    metric = cond.metric
    if metric in ("te_laat", "ongeoorloofd_keren", "geschorste_dagen"):
        value = n[local] if cond.count_by == "registratie" else np.ones(len(local), np.int64)
        hit = np.ones(len(local), dtype=np.bool_)
    elif metric == "ziekmeldingen":
        # a ziekmelding counts on its first day: the school day before has none
        pix = group.pix[local]
        gsd = group.gsd[local]
        follows = np.zeros(len(local), dtype=np.bool_)
        follows[1:] = (pix[1:] == pix[:-1]) & (gsd[1:] == gsd[:-1] + 1)
        value = (~follows).astype(np.int64)
        hit = ~follows
    elif metric in ("ongeoorloofd_uren", "aandeel_lestijd"):
        value = np.minimum(ticks[local], sched)
        hit = value > 0
    else:  # geoorloofd_lesblokken: seconds of lesson time; the scale makes them blocks
        value = np.minimum(ticks[local], sched)
        hit = np.ones(len(local), dtype=np.bool_)
    series = _Series(group, local, value.astype(np.int64), hit)
    group._series[key] = series
    return series


# -- candidate days ----------------------------------------------------------------------------


def _member(sorted_keys: IntArray, keys: IntArray) -> BoolArray:
    if len(sorted_keys) == 0:
        return np.zeros(len(keys), dtype=np.bool_)
    i = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    result: BoolArray = sorted_keys[i] == keys
    return result


def _sorted_unique(keys: IntArray) -> IntArray:
    # the keys are a few sorted runs (change days come per pupil and day): a stable sort
    # (timsort) merges them in linear time, where the default quicksort sorts from scratch
    keys = np.sort(keys, kind="stable")
    if len(keys) > 1:
        keys = keys[np.append(True, keys[1:] != keys[:-1])]
    return keys


@dataclass
class _Days:
    """Candidate days of a step, sorted by pupil and day."""

    pix: IntArray
    gsd: IntArray
    day: IntArray
    slot: IntArray

    @classmethod
    def of(cls, group: _Group, pix: IntArray, gsd: IntArray) -> _Days:
        if len(pix):
            key = _sorted_unique(pix * (1 << 24) + gsd)
            pix, gsd = key >> 24, key & ((1 << 24) - 1)
        cals = group.cals
        return cls(pix, gsd, cals.sd_day[gsd], cals.sd_slot[gsd])


@dataclass
class _State:
    """Per pupil: the school day (global index) the step was last reached, or NONE."""

    last: IntArray


class _Node:
    uses_last = False

    def change_days(self, g: _Group, monotone: bool) -> tuple[IntArray, IntArray]:
        raise NotImplementedError

    def prepare(self, g: _Group, days: _Days) -> None:
        raise NotImplementedError

    def holds(self, g: _Group, days: _Days, rows: IntArray, state: _State) -> BoolArray:
        raise NotImplementedError

    def begin(
        self, g: _Group, days: _Days, rows: IntArray, state: _State
    ) -> tuple[BoolArray, IntArray]:
        """Whether the node holds on the rows, and the first day of its hits (INF: none)."""
        raise NotImplementedError


class _Never(_Node):
    """A manual step, or a statutory melding (the pupils here have none)."""

    def change_days(self, g: _Group, monotone: bool) -> tuple[IntArray, IntArray]:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty

    def prepare(self, g: _Group, days: _Days) -> None:
        pass

    def holds(self, g: _Group, days: _Days, rows: IntArray, state: _State) -> BoolArray:
        return np.zeros(len(rows), dtype=np.bool_)

    def begin(
        self, g: _Group, days: _Days, rows: IntArray, state: _State
    ) -> tuple[BoolArray, IntArray]:
        return np.zeros(len(rows), dtype=np.bool_), np.full(len(rows), INF, dtype=np.int64)


class _Check(_Node):
    """A statutory check of a kind: reached on the check's day (a school day from the first
    evaluation day up to the evaluation date)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def change_days(self, g: _Group, monotone: bool) -> tuple[IntArray, IntArray]:
        checks = g.checks.filter(pl.col("kind") == self.kind)
        pix = np.asarray(checks.get_column("pix").to_numpy(), dtype=np.int64)
        on = np.asarray(checks.get_column("on").to_numpy(), dtype=np.int64)
        gsd, _ = g.cals.lookup(g.cal(pix), on)
        ok = (gsd >= 0) & (on >= g.first_day(pix)) & (gsd <= g.last_gsd(pix))
        self._keys = _sorted_unique(pix[ok] * (1 << 24) + gsd[ok])
        return pix[ok], gsd[ok]

    def prepare(self, g: _Group, days: _Days) -> None:
        self._on = _member(self._keys, days.pix * (1 << 24) + days.gsd)

    def holds(self, g: _Group, days: _Days, rows: IntArray, state: _State) -> BoolArray:
        result: BoolArray = self._on[rows]
        return result

    def begin(
        self, g: _Group, days: _Days, rows: IntArray, state: _State
    ) -> tuple[BoolArray, IntArray]:
        held = self._on[rows]
        return held, np.where(held, days.day[rows], INF)


class _Melding(_Node):
    """A statutory melding of a soort (and rule, length): reached on the melding's day. The
    meldingen come from the reference (for pupils whose statutory rules it evaluated)."""

    def __init__(self, ref: WettelijkRef) -> None:
        self.ref = ref

    def change_days(self, g: _Group, monotone: bool) -> tuple[IntArray, IntArray]:
        empty = np.zeros(0, dtype=np.int64)
        self._keys, self._first = empty, empty
        m = g.meldingen
        if m is None or m.height == 0:
            return empty, empty
        ref = self.ref
        m = m.filter(pl.col("soort") == ref.melding)
        if ref.rule is not None:
            m = m.filter(pl.col("rule") == ref.rule)
        m = m.sort("pix", "reached", "order")
        pix = np.asarray(m.get_column("pix").to_numpy(), dtype=np.int64)
        reached = np.asarray(m.get_column("reached").cast(pl.Int64).to_numpy(), dtype=np.int64)
        gsd, _ = g.cals.lookup(g.cal(pix), reached)
        keep = gsd >= 0
        if ref.min_schooldagen or ref.max_schooldagen:
            # school days from the begin to the end (or to the day it was reached)
            cal = g.cal(pix)
            begin = np.asarray(m.get_column("begin").cast(pl.Int64).to_numpy(), dtype=np.int64)
            end = np.asarray(
                m.get_column("end").cast(pl.Int64).fill_null(-1).to_numpy(), dtype=np.int64
            )
            end = np.where(end < 0, reached, end)
            lo = g.cals.first_on_or_after(cal, begin)
            hi = g.cals.first_on_or_after(cal, end + 1)
            hi = np.where(hi >= 0, hi, g.cals.offset[cal + 1]) - 1
            n = np.where(lo >= 0, np.maximum(hi - lo + 1, 0), 0)
            if ref.min_schooldagen:
                keep &= n >= ref.min_schooldagen
            if ref.max_schooldagen:
                keep &= n <= ref.max_schooldagen
        first = np.asarray(
            m.get_column("first_absence").cast(pl.Int64).fill_null(INF).to_numpy(),
            dtype=np.int64,
        )
        pix, gsd, first = pix[keep], gsd[keep], first[keep]
        keys = pix * (1 << 24) + gsd
        one = segment_starts(keys)  # the first matching melding of the day (reference order)
        self._keys, self._first = keys[one], first[one]
        return pix, gsd

    def prepare(self, g: _Group, days: _Days) -> None:
        keys = days.pix * (1 << 24) + days.gsd
        self._on = _member(self._keys, keys)
        if len(self._keys):
            i = np.minimum(np.searchsorted(self._keys, keys), len(self._keys) - 1)
            self._day_first = np.where(self._on, self._first[i], INF)
        else:
            self._day_first = np.full(len(keys), INF, dtype=np.int64)

    def holds(self, g: _Group, days: _Days, rows: IntArray, state: _State) -> BoolArray:
        result: BoolArray = self._on[rows]
        return result

    def begin(
        self, g: _Group, days: _Days, rows: IntArray, state: _State
    ) -> tuple[BoolArray, IntArray]:
        held = self._on[rows]
        return held, np.where(held, self._day_first[rows], INF)


class _Count(_Node):
    """A counting metric in a window (keer, schooljaar, inschrijving, lesweken, maanden)."""

    def __init__(self, cond: MetricCondition) -> None:
        self.cond = cond
        self.window = cond.window.kind
        if self.window not in ("keer", "schooljaar", "inschrijving", "lesweken", "maanden"):
            raise _Unsupported(f"venster {self.window}")
        self.bounds = _bounds(cond, _scale(cond), exact=_scale(cond) == 1)
        self.n = cond.window.n or 0
        self.fresh = cond.herhalen or self.window == "keer"  # the last reach plays no role
        self.uses_last = not self.fresh

    def change_days(self, g: _Group, monotone: bool) -> tuple[IntArray, IntArray]:
        s = self.series = _series(g, self.cond)
        pix, gsd = [s.pix], [s.gsd]
        if not monotone and self.window in ("lesweken", "maanden"):
            # the day a registration leaves the window: a share or an upper bound can change
            moving = np.flatnonzero(s.value > 0)
            mp = s.pix[moving]
            cal = g.cal(mp)
            if self.window == "lesweken":
                out = g.cals.first_slot_at_least(cal, s.slot[moving] + self.n * SLOTS)
            else:
                back = g.per_school_day("back", self.n)
                key = g.cals.sd_cal * (1 << 32) + back
                i = np.searchsorted(key, cal * (1 << 32) + s.day[moving], side="left")
                ok = i < len(key)
                ok[ok] = g.cals.sd_cal[i[ok]] == cal[ok]
                out = np.where(ok, i, -1)
            ok = (out >= 0) & (out <= g.last_gsd(mp))
            pix.append(mp[ok])
            gsd.append(out[ok])
        return np.concatenate(pix), np.concatenate(gsd)

    def prepare(self, g: _Group, days: _Days) -> None:
        s = self.series
        self.cd = s.upto_gsd(days.pix, days.gsd)
        if self.window == "keer":
            self.vd = s.on(days.pix, days.gsd)
        elif self.window == "schooljaar":
            start = g.per_school_day("year", 0)[days.gsd]
            self.before = s.upto_day(days.pix, start - 1)
            self.year = start
        elif self.window == "lesweken":
            self.before = s.upto_slot(days.pix, days.slot - self.n * SLOTS)
        elif self.window == "maanden":
            self.before = s.upto_day(days.pix, g.per_school_day("back", self.n)[days.gsd])

    def _value(
        self, g: _Group, days: _Days, rows: IntArray, state: _State
    ) -> tuple[IntArray, BoolArray]:
        pix = days.pix[rows]
        last = state.last[pix] if self.uses_last else np.full(len(rows), NONE)
        has_last = last >= 0
        lastc = np.maximum(last, 0)
        blocked = np.zeros(len(rows), dtype=np.bool_)
        if self.window == "keer":
            return self.vd[rows], blocked
        cd = self.cd[rows]
        s = self.series
        if self.window == "schooljaar":
            year = g.per_school_day("year", 0)
            blocked = has_last & (year[lastc] == self.year[rows])
            return cd - self.before[rows], blocked
        if self.window == "inschrijving":
            return cd, has_last
        if self.window == "lesweken":
            b = g.cals.sd_slot[lastc] + self.n * SLOTS
            blocked = has_last & (days.slot[rows] < b)
            cb = np.where(has_last, s.upto_slot(pix, b - 1), 0)
            return cd - np.maximum(self.before[rows], cb), blocked
        end = g.per_school_day("forward", self.n)[lastc]  # maanden
        blocked = has_last & (days.day[rows] <= end)
        cm = np.where(has_last, s.upto_day(pix, end), 0)
        return cd - np.maximum(self.before[rows], cm), blocked

    def holds(self, g: _Group, days: _Days, rows: IntArray, state: _State) -> BoolArray:
        value, blocked = self._value(g, days, rows, state)
        result: BoolArray = ~blocked & self.bounds.holds(value)
        return result

    def begin(
        self, g: _Group, days: _Days, rows: IntArray, state: _State
    ) -> tuple[BoolArray, IntArray]:
        held = self.holds(g, days, rows, state)
        pix = days.pix[rows]
        day = days.day[rows]
        s = self.series
        last = state.last[pix] if self.uses_last else np.full(len(rows), NONE)
        has_last = last >= 0
        lastc = np.maximum(last, 0)
        if self.window == "keer":
            first = s.first_hit_day(pix, day, day)
        elif self.window == "schooljaar":
            low = np.maximum(self.year[rows], g.first_day(pix))
            first = s.first_hit_day(pix, low, day)
        elif self.window == "inschrijving":
            first = s.first_hit_day(pix, g.first_day(pix), day)
        elif self.window == "lesweken":
            b = np.where(has_last, g.cals.sd_slot[lastc] + self.n * SLOTS, 0)
            low = np.maximum(days.slot[rows] - self.n * SLOTS + 1, b)
            first = s.first_hit_slot(pix, low, day)
        else:
            back = g.per_school_day("back", self.n)[days.gsd[rows]] + 1
            end = np.where(has_last, g.per_school_day("forward", self.n)[lastc] + 1, 0)
            first = s.first_hit_day(pix, np.maximum(back, end), day)
        return held, np.where(held, first, INF)


class _SinceStep(_Node):
    """A counting metric since the day an earlier step was last reached (``sinds_stap``):
    reached at most once per time that step was reached."""

    def __init__(self, cond: MetricCondition, reference: tuple[IntArray, IntArray]) -> None:
        self.cond = cond
        self.bounds = _bounds(cond, _scale(cond), exact=_scale(cond) == 1)
        self.uses_last = not cond.herhalen
        pix, gsd = reference
        self._ref_keys = pix * (1 << 24) + gsd  # sorted
        self._ref_pix = pix

    def change_days(self, g: _Group, monotone: bool) -> tuple[IntArray, IntArray]:
        s = self.series = _series(g, self.cond)
        return s.pix, s.gsd

    def prepare(self, g: _Group, days: _Days) -> None:
        s = self.series
        keys = days.pix * (1 << 24) + days.gsd
        i = np.searchsorted(self._ref_keys, keys, side="right") - 1
        ok = i >= 0
        ok[ok] = self._ref_pix[i[ok]] == days.pix[ok]
        ref_keys = self._ref_keys if len(self._ref_keys) else np.zeros(1, dtype=np.int64)
        ref_gsd = np.where(ok, ref_keys[np.maximum(i, 0)] & ((1 << 24) - 1), NONE)
        self._ref = ref_gsd
        ref_day = np.where(ok, g.cals.sd_day[np.maximum(ref_gsd, 0)], 0)
        self._ref_day = ref_day
        self._value = s.upto_gsd(days.pix, days.gsd) - np.where(
            ok, s.upto_day(days.pix, ref_day), 0
        )

    def holds(self, g: _Group, days: _Days, rows: IntArray, state: _State) -> BoolArray:
        ref = self._ref[rows]
        result: BoolArray = (
            (ref >= 0) & (days.gsd[rows] > ref) & self.bounds.holds(self._value[rows])
        )
        if self.uses_last:
            last = state.last[days.pix[rows]]
            result &= ~((last >= 0) & (last >= ref))
        return result

    def begin(
        self, g: _Group, days: _Days, rows: IntArray, state: _State
    ) -> tuple[BoolArray, IntArray]:
        held = self.holds(g, days, rows, state)
        first = self.series.first_hit_day(days.pix[rows], self._ref_day[rows] + 1, days.day[rows])
        return held, np.where(held, first, INF)


class _Share(_Node):
    """aandeel_lestijd: the share of scheduled lesson time absent in the last N lesweken."""

    uses_last = True

    def __init__(self, cond: MetricCondition) -> None:
        self.cond = cond
        assert cond.window.kind == "lesweken" and cond.window.n is not None
        self.n = cond.window.n
        self.low, self.high = _ratio(cond)
        self.uses_last = not cond.herhalen

    def change_days(self, g: _Group, monotone: bool) -> tuple[IntArray, IntArray]:
        """The days on which the share holds (without regard to the last reach).

        The share changes every day (the window's lesson time changes), so the days are
        enumerated: from each day with absence up to the next one, while that day is still in
        the window. A stretch is skipped when even its first day's absence cannot reach the
        bound with the least lesson time of any complete window."""
        s = self.series = _series(g, self.cond)
        cals = g.cals
        width = self.n * SLOTS
        empty = np.zeros(0, dtype=np.int64)
        self._keys, self._lower_at = empty, empty
        least = _min_planned(g, width)
        if least is None or len(s.pix) == 0:
            return empty, empty
        p, q, _ = self.low
        absent_e = window_sums(s.key_slot, s.value, width)
        cal = g.cal(s.pix)
        following = np.append(s.gsd[1:], INF)
        following = np.where(np.append(s.pix[1:] == s.pix[:-1], False), following, INF)
        leaves = cals.first_slot_at_least(cal, s.slot + width)
        leaves = np.where(leaves >= 0, leaves, cals.offset[cal + 1])
        end = np.minimum(np.minimum(following, leaves), g.last_gsd(s.pix) + 1)
        stretch = np.flatnonzero((absent_e * q >= p * int(least)) & (end > s.gsd))
        lengths = end[stretch] - s.gsd[stretch]
        index = np.repeat(stretch, lengths)
        offsets = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        pix = s.pix[index]
        gsd = s.gsd[index] + offsets
        # the share on each of these days
        slot = cals.sd_slot[gsd]
        absent = s.running[index] - s.upto_slot(pix, slot - width)
        lower = cals.first_slot_at_least(g.cal(pix), slot - width + 1)
        first_gsd = cals.first_on_or_after(g.cal(pix), g.first_day(pix))
        complete = (first_gsd >= 0) & (cals.sd_slot[np.maximum(first_gsd, 0)] <= slot - width)
        cum = self._scheduled(g)
        planned = np.where(
            lower > cals.offset[g.cal(pix)], cum[gsd] - cum[np.maximum(lower - 1, 0)], cum[gsd]
        )
        hold = complete & (planned > 0) & self._share_holds(absent, planned)
        self._keys = pix[hold] * (1 << 24) + gsd[hold]  # sorted
        self._lower_at = cals.sd_slot[lower[hold]]
        return pix[hold], gsd[hold]

    def _share_holds(self, absent: IntArray, planned: IntArray) -> BoolArray:
        p, q, strict = self.low
        result: BoolArray = (absent * q > p * planned) if strict else (absent * q >= p * planned)
        if self.high is not None:
            hp, hq = self.high
            result &= absent * hq < hp * planned
        return result

    @staticmethod
    def _scheduled(g: _Group) -> IntArray:
        """Cumulative scheduled ticks per calendar over the school days (global index)."""
        cals = g.cals
        total = np.cumsum(cals.sd_ticks)
        start = total[cals.offset[:-1]] - cals.sd_ticks[cals.offset[:-1]]
        base = np.repeat(start, np.diff(cals.offset))
        result: IntArray = total - base
        return result

    def prepare(self, g: _Group, days: _Days) -> None:
        keys = days.pix * (1 << 24) + days.gsd
        i = np.searchsorted(self._keys, keys)
        j = np.minimum(i, max(len(self._keys) - 1, 0))
        on = (
            (i < len(self._keys)) & (self._keys[j] == keys)
            if len(self._keys)
            else (np.zeros(len(keys), dtype=np.bool_))
        )
        self._on = on
        self._lower_slot = np.where(on, self._lower_at[j] if len(self._keys) else 0, 0)

    def holds(self, g: _Group, days: _Days, rows: IntArray, state: _State) -> BoolArray:
        on = self._on[rows]
        if not self.uses_last:
            return on
        pix = days.pix[rows]
        last = state.last[pix]
        has_last = last >= 0
        lastc = np.maximum(last, 0)
        cal = g.cal(pix)
        period_end = g.cals.first_slot_at_least(cal, g.cals.sd_slot[lastc] + self.n * SLOTS)
        pe_slot = np.where(period_end >= 0, g.cals.sd_slot[np.maximum(period_end, 0)], INF)
        blocked = has_last & (self._lower_slot[rows] < pe_slot)
        result: BoolArray = on & ~blocked
        return result

    def begin(
        self, g: _Group, days: _Days, rows: IntArray, state: _State
    ) -> tuple[BoolArray, IntArray]:
        held = self.holds(g, days, rows, state)
        pix = days.pix[rows]
        first = self.series.first_hit_slot(pix, self._lower_slot[rows], days.day[rows])
        return held, np.where(held, first, INF)


class _Streak(_Node):
    """A run of consecutive school days (ongeoorloofd_/afwezig_/ziek_aaneengesloten)."""

    def __init__(self, cond: MetricCondition) -> None:
        self.cond = cond
        self.bounds = _bounds(cond, 1, exact=True)
        self.uses_last = not cond.herhalen

    def change_days(self, g: _Group, monotone: bool) -> tuple[IntArray, IntArray]:
        kinds, reasons = _selection(self.cond)
        n, ticks = g.counts(kinds, reasons)
        weekly = self.cond.metric == "structureel_verzuim_weken"
        if self.cond.metric == "ziek_aaneengesloten" or weekly:
            member = n > 0
        else:  # wholly absent for the reasons
            sched = g.cals.sd_ticks[g.gsd]
            member = (sched > 0) & (ticks >= sched)
        local = np.flatnonzero(member)
        pix, gsd, day, slot = g.pix[local], g.gsd[local], g.day[local], g.slot[local]
        if weekly:
            # the same weekday of consecutive lesweken, a closed day bridged: consecutive
            # among the school days of that weekday (streak_metric's walk back)
            weekday = g.cals.sd_weekday[gsd]
            order = np.lexsort((day, weekday, pix))
            pix, gsd, day, slot, weekday = (a[order] for a in (pix, gsd, day, slot, weekday))
            position = g.cals.sd_wd_ordinal[gsd]
            group = pix * 8 + weekday
        else:
            position, group = gsd, pix
        new = np.ones(len(local), dtype=np.bool_)
        new[1:] = (group[1:] != group[:-1]) | (position[1:] != position[:-1] + 1)
        start = np.maximum.accumulate(np.where(new, np.arange(len(local)), 0))
        meet = self.cond.meet
        if meet == "kalenderdagen":
            value = day - day[start] + 1
        elif meet == "lesweken" and not weekly:
            spanned = slot // SLOTS - slot[start] // SLOTS
            value = spanned + ((slot % SLOTS) >= (slot[start] % SLOTS)).astype(np.int64)
        else:
            value = np.arange(len(local)) - start + 1
        hold = np.flatnonzero(self.bounds.holds(value))
        keys = pix[hold] * (1 << 24) + gsd[hold]
        order = np.argsort(keys, kind="stable")
        self._keys = keys[order]
        self._start = day[start][hold][order]
        return pix[hold][order], gsd[hold][order]

    def prepare(self, g: _Group, days: _Days) -> None:
        keys = days.pix * (1 << 24) + days.gsd
        i = np.searchsorted(self._keys, keys)
        j = np.minimum(i, max(len(self._keys) - 1, 0))
        self._on = (
            (i < len(self._keys)) & (self._keys[j] == keys)
            if len(self._keys)
            else (np.zeros(len(keys), dtype=np.bool_))
        )
        self._run_start = np.where(self._on, self._start[j] if len(self._start) else 0, INF)

    def holds(self, g: _Group, days: _Days, rows: IntArray, state: _State) -> BoolArray:
        on = self._on[rows]
        if not self.uses_last:
            return on
        last = state.last[days.pix[rows]]
        last_day = np.where(last >= 0, g.cals.sd_day[np.maximum(last, 0)], -INF)
        result: BoolArray = on & (last_day < self._run_start[rows])
        return result

    def begin(
        self, g: _Group, days: _Days, rows: IntArray, state: _State
    ) -> tuple[BoolArray, IntArray]:
        held = self.holds(g, days, rows, state)
        return held, np.where(held, self._run_start[rows], INF)


class _All(_Node):
    def __init__(self, parts: list[_Node]) -> None:
        self.parts = parts
        self.uses_last = any(p.uses_last for p in parts)

    def change_days(self, g: _Group, monotone: bool) -> tuple[IntArray, IntArray]:
        found = [p.change_days(g, monotone) for p in self.parts]
        return np.concatenate([f[0] for f in found]), np.concatenate([f[1] for f in found])

    def prepare(self, g: _Group, days: _Days) -> None:
        for part in self.parts:
            part.prepare(g, days)

    def holds(self, g: _Group, days: _Days, rows: IntArray, state: _State) -> BoolArray:
        result = np.ones(len(rows), dtype=np.bool_)
        for part in self.parts:
            result &= part.holds(g, days, rows, state)
        return result

    def begin(
        self, g: _Group, days: _Days, rows: IntArray, state: _State
    ) -> tuple[BoolArray, IntArray]:
        held = np.ones(len(rows), dtype=np.bool_)
        first = np.full(len(rows), INF, dtype=np.int64)
        for part in self.parts:
            h, f = part.begin(g, days, rows, state)
            held &= h
            first = np.minimum(first, f)
        return held, np.where(held, first, INF)


class _Any(_Node):
    def __init__(self, parts: list[_Node]) -> None:
        self.parts = parts
        self.uses_last = any(p.uses_last for p in parts)

    def change_days(self, g: _Group, monotone: bool) -> tuple[IntArray, IntArray]:
        found = [p.change_days(g, monotone) for p in self.parts]
        return np.concatenate([f[0] for f in found]), np.concatenate([f[1] for f in found])

    def prepare(self, g: _Group, days: _Days) -> None:
        for part in self.parts:
            part.prepare(g, days)

    def holds(self, g: _Group, days: _Days, rows: IntArray, state: _State) -> BoolArray:
        result = np.zeros(len(rows), dtype=np.bool_)
        for part in self.parts:
            result |= part.holds(g, days, rows, state)
        return result

    def begin(
        self, g: _Group, days: _Days, rows: IntArray, state: _State
    ) -> tuple[BoolArray, IntArray]:
        # the hits of the first part that holds (as the reference's _holds)
        held = np.zeros(len(rows), dtype=np.bool_)
        first = np.full(len(rows), INF, dtype=np.int64)
        for part in self.parts:
            h, f = part.begin(g, days, rows, state)
            take = h & ~held
            first = np.where(take, f, first)
            held |= h
        return held, first


Fired = dict[str, tuple[IntArray, IntArray]]


def _node(
    cond: Condition,
    anchored: bool = False,
    meldingen: bool = False,
    fired: Fired | None = None,
    weekly: bool = True,
) -> _Node:
    """The evaluator of a condition; raises _Unsupported for what only the reference does."""
    if isinstance(cond, AllCondition):
        point = any(
            (isinstance(c, MetricCondition) and c.window.kind == "keer"
             and c.metric not in STREAK_METRICS)
            or (isinstance(c, WettelijkCondition) and c.wettelijk.check is not None)
            for c in cond.all
        )  # fmt: skip
        return _All([_node(c, anchored or point, meldingen, fired, weekly) for c in cond.all])
    if isinstance(cond, AnyCondition):
        return _Any([_node(c, False, meldingen, fired, weekly) for c in cond.any])
    if isinstance(cond, ManualCondition):
        return _Never()  # batch tables have no manual records
    if isinstance(cond, WettelijkCondition):
        if cond.wettelijk.check is not None:
            return _Check(cond.wettelijk.check)
        if meldingen:
            return _Melding(cond.wettelijk)
        return _Never()  # quiet pupils have no statutory meldingen
    if cond.metric in STREAK_METRICS:
        if cond.metric == "structureel_verzuim_weken" and not weekly:
            raise _Unsupported("lesweken meer dan 10 weken uit elkaar")
        return _Streak(cond)
    if cond.metric == "aandeel_lestijd":
        return _Share(cond)
    if cond.window.kind == "sinds_stap":
        empty = np.zeros(0, dtype=np.int64)
        return _SinceStep(cond, (fired or {}).get(cond.window.step or "", (empty, empty)))
    if cond.herhalen and cond.window.kind != "keer" and not anchored:
        # judged afresh every day: it could be reached on a day without registrations
        raise _Unsupported("herhalen zonder keer-voorwaarde")
    return _Count(cond)


def _monotone(step: Step) -> bool:
    """ProtocolEvaluation._monotone: only lower bounds, no share, no 'herhalen'."""
    from leerrecht.core.protocols.engine import ProtocolEvaluation

    return ProtocolEvaluation._monotone(step)


def _fires(g: _Group, node: _Node, monotone: bool) -> tuple[IntArray, IntArray, IntArray]:
    """Every (pupil, school day) the step is reached on, and the last reach before it."""
    pix, gsd = node.change_days(g, monotone)
    days = _Days.of(g, pix, gsd)
    empty = np.zeros(0, dtype=np.int64)
    if len(days.pix) == 0:
        return empty, empty, empty
    node.prepare(g, days)
    state = _State(g.fresh_state())
    rows = np.arange(len(days.pix))
    if not node.uses_last:
        held = node.holds(g, days, rows, state)
        hit = rows[held]
        return days.pix[hit], days.gsd[hit], np.full(len(hit), NONE, dtype=np.int64)
    out_pix: list[IntArray] = []
    out_gsd: list[IntArray] = []
    out_last: list[IntArray] = []
    while len(rows):
        held = node.holds(g, days, rows, state)
        hit = rows[held]
        if len(hit) == 0:
            break
        fired = hit[segment_starts(days.pix[hit])]
        pupils = days.pix[fired]
        out_pix.append(days.pix[fired])
        out_gsd.append(days.gsd[fired])
        out_last.append(state.last[pupils].copy())
        state.last[pupils] = days.gsd[fired]
        again = g.flags()
        again[pupils] = True
        rows = rows[again[days.pix[rows]] & (days.gsd[rows] > state.last[days.pix[rows]])]
        again[pupils] = False
    if not out_pix:
        return empty, empty, empty
    pix, gsd, last = np.concatenate(out_pix), np.concatenate(out_gsd), np.concatenate(out_last)
    order = np.lexsort((gsd, pix))
    return pix[order], gsd[order], last[order]


def _overig(g: _Group, node: _Node, pix: IntArray, gsd: IntArray, last: IntArray) -> pl.DataFrame:
    """The 'overig' meldingen of a step's reaches (engine._signal): from the first day behind
    the reach to the day, the ongeoorloofd hours in between, due in 5 werkdagen. The reaches
    are sorted by pupil and day."""
    t = g.t
    days = _Days(pix, gsd, g.cals.sd_day[gsd], g.cals.sd_slot[gsd])
    node.prepare(g, days)
    state = _State(g.fresh_state())
    rows = np.arange(len(pix))
    state.last[pix] = last  # one reach per pupil at a time: evaluate them in passes
    begin = np.full(len(pix), INF, dtype=np.int64)
    pending = np.ones(len(pix), dtype=np.bool_)
    while pending.any():
        todo = rows[pending]
        batch = todo[segment_starts(pix[todo])]
        state.last[pix[batch]] = last[batch]
        _, b = node.begin(g, days, batch, state)
        begin[batch] = b
        pending[batch] = False
    day = days.day
    begin = np.where(begin >= INF, day, begin)
    kind = t.category_kind(pix, day)
    keep = kind > 0
    pix, day, begin, kind = pix[keep], day[keep], begin[keep], kind[keep]
    # ongeoorloofd hours of the pupil's days from begin to day, summed in date order
    wanted = np.zeros(t.n_pupils, dtype=np.bool_)
    wanted[pix] = True
    ong = np.flatnonzero((t.ong_ticks > 0) & wanted[t.d_pix])
    hours = t.ong_hours[ong]
    ong_pix, ong_day = t.d_pix[ong], t.d_day[ong]
    key = ong_pix * (1 << 32) + ong_day
    lo = np.searchsorted(key, pix * (1 << 32) + begin, side="left")
    hi = np.searchsorted(key, pix * (1 << 32) + day, side="right")
    # The reference sums the hours as floats, left to right; the outcome keeps them rounded
    # to hundredths. For a pupil whose hours are whole seconds the exact sum in seconds rounds
    # the same, unless it lies on a half hundredth (seconds = 18 modulo 36): only those, and
    # the pupils with other hours, are summed as floats (as vectorised_wettelijk does).
    capped = np.minimum(t.ong_ticks[ong], t.cals.sd_ticks[np.maximum(t.d_gsd[ong], 0)])
    cumulative = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(capped)])
    seconds = np.where(hi > lo, cumulative[np.maximum(hi, lo)] - cumulative[lo], 0)
    total = seconds / TICKS
    as_floats = ~t.p_exact[pix] | (seconds % 36 == 18)
    lengths = np.where(as_floats, np.maximum(hi - lo, 0), 0)
    index = np.repeat(np.arange(len(pix)), lengths)
    member = np.repeat(lo, lengths) + (
        np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    )
    starts = np.ones(len(index), dtype=np.bool_)
    starts[1:] = index[1:] != index[:-1]
    sums = running_float_sum(hours[member], starts)
    ends = segment_last(starts)
    total[index[ends]] = sums[ends]
    return pl.DataFrame(
        {
            "pix": pix,
            "soort": np.where(kind == 2, "18plus", "overig"),
            "begin": begin,
            "end": day,
            "hours": total,
            "due": due_dates(day),
            "reached": day,
        },
        schema=MELDING_SCHEMA,
    )


# -- upper bounds for the steps evaluated by the reference ------------------------------------


def _reach(g: _Group, cond: Condition) -> BoolArray:
    """Per pupil (all pupils; meaningful for the group's members): can the condition hold on
    some day? An upper bound of every value the engine compares with a lower bound."""
    t = g.t
    n = t.n_pupils
    if isinstance(cond, AllCondition):
        result = np.ones(n, dtype=np.bool_)
        for c in cond.all:
            result &= _reach(g, c)
        return result
    if isinstance(cond, AnyCondition):
        result = np.zeros(n, dtype=np.bool_)
        for c in cond.any:
            result |= _reach(g, c)
        return result
    if isinstance(cond, ManualCondition):
        return np.zeros(n, dtype=np.bool_)
    if isinstance(cond, WettelijkCondition):
        if cond.wettelijk.check is None:
            return g.statutory.copy()  # pupils that may get a statutory melding
        result = np.zeros(n, dtype=np.bool_)
        checks = g.checks.filter(pl.col("kind") == cond.wettelijk.check)
        result[np.asarray(checks.get_column("pix").to_numpy(), dtype=np.int64)] = True
        return result
    low = cond.at_least if cond.at_least is not None else cond.more_than
    assert low is not None
    if low - EPS <= 1e-6:
        return g.members.copy()  # a threshold of (about) zero: anything may reach it
    kinds, reasons = _selection(cond)
    n_reg, ticks = g.counts(kinds, reasons)
    scale = _scale(cond)
    need = low * scale * (1 - 1e-9) - 1e-6
    best = np.zeros(n, dtype=np.float64)
    if cond.metric in STREAK_METRICS:
        if cond.metric in ("ongeoorloofd_aaneengesloten", "afwezig_aaneengesloten"):
            sched = g.cals.sd_ticks[g.gsd]
            member = np.flatnonzero((sched > 0) & (ticks >= sched))
        else:
            member = np.flatnonzero(n_reg > 0)
        pix = g.pix[member]
        if cond.metric == "structureel_verzuim_weken":
            # the same weekday of consecutive lesweken: consecutive among school days of
            # that weekday (a closed day in between is bridged, a school day breaks it)
            weekday = g.cals.sd_weekday[g.gsd[member]]
            order = np.lexsort((g.day[member], weekday, pix))
            member, pix, weekday = member[order], pix[order], weekday[order]
            position = g.cals.sd_wd_ordinal[g.gsd[member]]
            group_key = pix * 8 + weekday
        else:
            position = g.gsd[member]
            group_key = pix
        new = np.ones(len(member), dtype=np.bool_)
        new[1:] = (group_key[1:] != group_key[:-1]) | (position[1:] != position[:-1] + 1)
        start = np.maximum.accumulate(np.where(new, np.arange(len(member)), 0))
        day = g.day[member]
        slot = g.slot[member]
        if cond.meet == "kalenderdagen":
            value = day - day[start] + 1
        elif cond.meet == "lesweken":
            value = slot // SLOTS - slot[start] // SLOTS + 1
        else:
            value = np.arange(len(member)) - start + 1
        best = group_max(pix, value, n).astype(np.float64)
        return (best > 0) & (best >= need)
    series = _series(g, cond)
    value = series.value
    window = cond.window.kind
    if cond.metric == "aandeel_lestijd":
        assert cond.window.n is not None
        width = cond.window.n * SLOTS
        sums = window_sums(series.key_slot, value, width)
        planned = _min_planned(g, width)
        if planned is None:
            return np.zeros(n, dtype=np.bool_)
        best = group_max(series.pix, sums, n).astype(np.float64)
        return best >= low * planned * (1 - 1e-9) - 1e-6
    if window == "keer":
        best = group_max(series.pix, value, n).astype(np.float64)
    elif window == "schooljaar":
        year = g.per_school_day("year", 0)[series.gsd]
        key = series.pix * (1 << 32) + year
        sums = window_sums(key, value, 1)
        best = group_max(series.pix, sums, n).astype(np.float64)
    elif window == "lesweken":
        assert cond.window.n is not None
        sums = window_sums(series.key_slot, value, cond.window.n * SLOTS)
        best = group_max(series.pix, sums, n).astype(np.float64)
    elif window == "maanden":
        assert cond.window.n is not None
        sums = window_sums(series.key_day, value, 31 * cond.window.n)
        best = group_max(series.pix, sums, n).astype(np.float64)
    else:  # inschrijving, sinds_stap: everything since the first day
        best = np.asarray(
            np.bincount(series.pix, weights=value.astype(np.float64), minlength=n),
            dtype=np.float64,
        )
    return (best > 0) & (best >= need)


def _min_planned(g: _Group, width: int) -> float | None:
    """The least scheduled time (ticks) of any complete window of ``width`` slots."""
    cals = g.cals
    key = cals.sd_cal * (1 << SLOT_BITS) + cals.sd_slot
    sums = window_sums(key, cals.sd_ticks, width)
    first_slot = np.repeat(cals.sd_slot[cals.offset[:-1]], np.diff(cals.offset))
    complete = cals.sd_slot - width >= first_slot
    if not complete.any():
        return None
    return float(sums[complete].min())


# -- all protocols ----------------------------------------------------------------------------


def _groups(t: Tables, members: BoolArray) -> list[tuple[Protocol, str, BoolArray, list[Step]]]:
    """Per protocol and sector: the member pupils evaluated from a first day, and the steps."""
    frame = t.pupils.select("protocol", "sector").with_columns(
        pl.Series("pix", np.arange(t.n_pupils), dtype=pl.Int64),
        pl.Series("member", members & (t.p_first_day >= 0)),
    )
    frame = frame.filter((pl.col("protocol") != "") & pl.col("member"))
    groups = []
    for (ref, sector), part in sorted(
        frame.partition_by("protocol", "sector", as_dict=True).items()
    ):
        protocol: Protocol = protocol_for(str(ref))
        mask = np.zeros(t.n_pupils, dtype=np.bool_)
        mask[np.asarray(part.get_column("pix").to_numpy(), dtype=np.int64)] = True
        steps = [s for s in protocol.steps if s.sectors is None or str(sector) in s.sectors]
        groups.append((protocol, str(sector), mask, steps))
    return groups


def _supported(step: Step, weekly: bool = True) -> str | None:
    """Why the reference must evaluate the step, or None when this engine does."""
    try:
        _node(step.when, meldingen=True, weekly=weekly)
    except _Unsupported as why:
        return str(why)
    return None


def protocol_reach(
    t: Tables, checks: pl.DataFrame, eligible: BoolArray, statutory: BoolArray
) -> tuple[BoolArray, dict[str, Any]]:
    """The pupils (of ``eligible``) that can reach a protocol step this engine does not
    evaluate: the reference evaluates them entirely."""
    reach = np.zeros(t.n_pupils, dtype=np.bool_)
    stats: dict[str, Any] = {}
    for protocol, sector, members, steps in _groups(t, eligible):
        group: _Group | None = None
        for step in steps:
            why = _supported(step, t.cals.weekly_walk_ok)
            if why is None:
                continue
            group = group or _Group(t, members, checks, statutory=statutory)
            reached = _reach(group, step.when) & members
            reach |= reached
            stats[f"{protocol.id}:{step.id}:{sector}"] = {
                "referentie": why,
                "kandidaten": int(reached.sum()),
            }
    return reach, stats


def evaluate_protocols(
    t: Tables, checks: pl.DataFrame, members: BoolArray, meldingen: pl.DataFrame | None
) -> ProtocolResult:
    """Signals and 'overig' meldingen of the ``members`` (none of whom can reach a step this
    engine does not evaluate). ``meldingen``: their statutory meldingen (from the reference;
    None: they have none)."""
    signals: list[pl.DataFrame] = [pl.DataFrame(schema=SIGNAL_SCHEMA)]
    found: list[pl.DataFrame] = [pl.DataFrame(schema=MELDING_SCHEMA)]
    stats: dict[str, Any] = {}
    for protocol, sector, mask, steps in _groups(t, members):
        group = _Group(t, mask, checks, meldingen)
        fired: Fired = {}
        for step in steps:
            if _supported(step, t.cals.weekly_walk_ok) is not None:
                continue  # its pupils are not members
            node = _node(
                step.when,
                meldingen=meldingen is not None,
                fired=fired,
                weekly=t.cals.weekly_walk_ok,
            )
            pix, gsd, last = _fires(group, node, _monotone(step))
            fired[step.id] = (pix, gsd)  # sorted by pupil and day
            name = f"{protocol.id}:{step.id}:{sector}"
            stats[name] = stats.get(name, 0) + len(pix)
            if len(pix) == 0:
                continue
            signals.append(
                pl.DataFrame(
                    {
                        "pix": pix,
                        "protocol": protocol.id,
                        "step": step.id,
                        "on": t.cals.sd_day[gsd],
                    },
                    schema=SIGNAL_SCHEMA,
                )
            )
            if step.melding == "overig":
                found.append(_overig(group, node, pix, gsd, last))
    return ProtocolResult(
        reach=np.zeros(t.n_pupils, dtype=np.bool_),
        signals=pl.concat(signals),
        meldingen=pl.concat(found),
        stats={"signalen": stats},
    )


__all__ = ["ProtocolResult", "evaluate_protocols", "protocol_reach"]
