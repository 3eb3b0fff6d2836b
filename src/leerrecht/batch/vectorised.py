"""Vectorised batch evaluation with Polars and numpy, identical to the per-pupil reference.

The registrations become a sparse pupil-day table (only days with a registration, sorted by
pupil and date) laid on each school calendar's school days (ordinal, lesweek slot, scheduled
lesson time, next to a vacation). On that table, for all pupils at once:

- the necessary conditions of every statutory melding (16 uur in 4 lesweken, langdurig
  relatief verzuim, luxe verzuim) pick the pupils that may get a melding; for those that may
  get a 16-uur or LRV melding the sequential chain (herhaalmeldingen, LRV, the LRV
  thuiszitters) is computed in rounds over sorted window sums
  (:mod:`leerrecht.batch.vectorised_wettelijk`); luxe verzuim here;
- for every pupil the leerplicht status, the lopende uren, the statutory checks (ziekmelding
  next to a vacation, schorsing, uitschrijving), absoluut verzuim and the protocol signals
  (:mod:`leerrecht.batch.vectorised_protocol`).

The reference itself (:func:`leerrecht.core.evaluate.evaluate`, in worker processes when there
are many) only evaluates pupils whose input it would read differently (a registration off the
calendar or the enrolment, an unknown word, hours that are not whole seconds), pupils that can
reach a protocol step this engine does not evaluate, and the statutory rules of pupils whose
hours are not within 1e-9 seconds of whole seconds (see vectorised_wettelijk for why).

Hours are compared in whole seconds ("ticks"), which makes every sum exact and independent of
the order of summing; the reported hours are summed as floats in the reference's order. From
``SPLIT_FROM`` pupils the schools are split into parts of at most about ``PART_PUPILS`` pupils,
evaluated in ``workers`` threads.

docs/performance.md ("Hoe de gevectoriseerde evaluatie werkt") gives the argument.
"""

from __future__ import annotations

import datetime as dt
import math
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from leerrecht.batch.outcome import Outcome, project_results
from leerrecht.batch.reference import (
    Frames,
    calendar_for,
    known_calendars,
    pupils_from_frame,
    registrations_from_frame,
    remember_calendars,
    school_from_row,
    school_hours,
    school_protocol,
    with_lines,
)
from leerrecht.core.absence import Kind, Reason
from leerrecht.core.calendar import SchoolCalendar, school_year_start
from leerrecht.core.evaluate import PupilResult, evaluate
from leerrecht.core.leerplicht import Leerplicht
from leerrecht.core.model import ExitReason
from leerrecht.core.rules.schorsing import MAX_SCHOOL_DAYS
from leerrecht.core.rules.wettelijk import THRESHOLD_HOURS, WINDOW_LESWEKEN

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

EPOCH = dt.date(1970, 1, 1)
TICKS = 3600  # ticks per hour: whole seconds
SLOTS = 5  # slot = 5 * lesweek index + weekday: lesweek order, vacation weeks skipped
WINDOW_SLOTS = WINDOW_LESWEKEN * SLOTS
SLOT_BITS = 20
DAY_BITS = 17
#: Below this many candidate pupils the reference runs in this process.
PARALLEL_FROM = 300
#: From this many pupils the schools are split over ``workers`` threads.
SPLIT_FROM = 100_000
#: At most about this many pupils per part: a part's tables are freed (and their memory reused
#: by the next part) when it is done, so the peak memory follows the parts in flight, not N.
PART_PUPILS = 125_000

KIND_CODES = {k.value: i for i, k in enumerate(Kind)}
REASON_CODES = {r.value: i for i, r in enumerate(Reason)}
ONG_CODES = [REASON_CODES[r.value] for r in Reason if not r.geoorloofd]
ABSENT = KIND_CODES[Kind.ABSENT.value]
LATE = KIND_CODES[Kind.LATE.value]
EXIT_REASONS = [e.value for e in ExitReason]

CANDIDATE_REASONS = ("afwijkend", "zestien_uur", "lrv", "luxe", "protocol")


def day_number(day: dt.date) -> int:
    return (day - EPOCH).days


def from_day_number(n: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(n))


# -- segments of sorted arrays ---------------------------------------------------------------


def in_codes(codes: IntArray, wanted: list[int]) -> BoolArray:
    """``np.isin`` for small vocabulary codes (-1 = unknown never matches), by table lookup."""
    table = np.zeros(max([*wanted, 0, int(codes.max(initial=0))]) + 2, dtype=np.bool_)
    table[np.asarray(wanted, dtype=np.int64) + 1] = True
    result: BoolArray = table[np.maximum(codes + 1, 0)]
    return result


def segment_starts(keys: IntArray) -> BoolArray:
    """True where a new run of equal keys starts."""
    starts = np.ones(len(keys), dtype=np.bool_)
    if len(keys) > 1:
        starts[1:] = keys[1:] != keys[:-1]
    return starts


def running_float_sum(values: FloatArray, starts: BoolArray) -> FloatArray:
    """Left-to-right float sums that restart at every segment: the same floats as Python's
    ``sum`` over each segment in order (not a difference of a global cumulative sum)."""
    n = len(values)
    result = values.astype(np.float64).copy()
    if n == 0:
        return result
    index = np.arange(n)
    first = np.maximum.accumulate(np.where(starts, index, 0))
    rank = index - first
    order = np.argsort(rank, kind="stable")
    bounds = np.searchsorted(rank[order], np.arange(int(rank.max()) + 2))
    for k in range(1, int(rank.max()) + 1):
        rows = order[bounds[k] : bounds[k + 1]]
        result[rows] = result[rows - 1] + values[rows]
    return result


def ranges(starts: IntArray, pix: IntArray) -> IntArray:
    """The indices ``starts[p] .. starts[p + 1] - 1`` of every ``p`` in ``pix``, in order:
    the rows of some pupils in arrays sorted by pupil."""
    lo = starts[pix]
    lengths = starts[pix + 1] - lo
    offsets = np.cumsum(lengths) - lengths
    result: IntArray = np.repeat(lo - offsets, lengths) + np.arange(int(lengths.sum()))
    return result


def segment_last(starts: BoolArray) -> BoolArray:
    last = np.ones(len(starts), dtype=np.bool_)
    if len(starts) > 1:
        last[:-1] = starts[1:]
    return last


def window_sums(keys: IntArray, values: IntArray, width: int) -> IntArray:
    """For rows sorted by ``keys`` (pupil << bits | position): the sum of ``values`` over the
    rows of the same pupil with position in (position - width, position]. Exact (integers)."""
    total = np.cumsum(values)
    before = np.searchsorted(keys, keys - width, side="right") - 1
    previous = np.where(before >= 0, total[np.maximum(before, 0)], 0)
    result: IntArray = total - previous
    # rows of the previous pupil never fall in the window: positions are below 2**bits
    return result


def group_max(groups: IntArray, values: IntArray, size: int, fill: int = 0) -> IntArray:
    """Per group the largest value (``fill`` for a group without values, or larger)."""
    result = np.full(size, fill, dtype=np.int64)
    integer = np.issubdtype(values.dtype, np.integer)
    if len(groups) and integer and bool(np.all(groups[1:] >= groups[:-1])):  # sorted: one pass
        starts = np.flatnonzero(segment_starts(groups))
        top = np.maximum.reduceat(values, starts)
        result[groups[starts]] = np.maximum(result[groups[starts]], top)
        return result
    np.maximum.at(result, groups, values)
    return result


# -- calendars --------------------------------------------------------------------------------


_COLUMNS: dict[int, tuple[SchoolCalendar, dict[str, npt.NDArray[Any]]]] = {}


def _calendar_columns(calendar: SchoolCalendar) -> dict[str, npt.NDArray[Any]]:
    """Per school day of ``calendar``, in order: day number, lesweek slot, weekday, how many
    of the same weekday came before, scheduled hours, next to a vacation, right after one,
    school year. Computed once per calendar (calendars are shared, see ``calendar_for``)."""
    known = _COLUMNS.get(id(calendar))
    if known is not None and known[0] is calendar:
        return known[1]
    names = ("day", "slot", "weekday", "wdo", "sched", "adjacent", "after", "year")
    cols: dict[str, list[Any]] = {k: [] for k in names}
    seen = [0] * 5
    for day in calendar.school_days:
        wd = day.weekday()
        cols["day"].append(day_number(day))
        cols["slot"].append(calendar.lesweek_index(day) * SLOTS + wd)
        cols["weekday"].append(wd)
        cols["wdo"].append(seen[wd])
        seen[wd] += 1
        cols["sched"].append(calendar.scheduled_hours(day))
        cols["adjacent"].append(calendar.adjacent_vacation(day) is not None)
        cols["after"].append(calendar.vacation_before(day) is not None)
        cols["year"].append(school_year_start(day).year)
    types: dict[str, Any] = {"sched": np.float64, "adjacent": np.bool_, "after": np.bool_}
    result = {k: np.asarray(v, dtype=types.get(k, np.int64)) for k, v in cols.items()}
    _COLUMNS[id(calendar)] = (calendar, result)
    return result


@dataclass
class Calendars:
    """The school calendars as arrays: school days in order per calendar (``sd_*``, indexed by
    ``offset[cal] + ordinal``) and a dense day table (``dense_*``) from ``d0`` on."""

    calendars: list[SchoolCalendar]
    as_of: dt.date
    d0: int = 0
    span: int = 0
    offset: IntArray = field(default_factory=lambda: np.zeros(1, np.int64))
    sd_cal: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    sd_day: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    sd_slot: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    sd_weekday: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    sd_wd_ordinal: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    sd_sched: FloatArray = field(default_factory=lambda: np.zeros(0, np.float64))
    sd_ticks: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    sd_adjacent: BoolArray = field(default_factory=lambda: np.zeros(0, np.bool_))
    sd_after_vacation: BoolArray = field(default_factory=lambda: np.zeros(0, np.bool_))
    sd_year: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    dense_gsd: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    dense_covered: BoolArray = field(default_factory=lambda: np.zeros(0, np.bool_))
    last_gsd: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    exact_hours: BoolArray = field(default_factory=lambda: np.zeros(0, np.bool_))
    weekly_walk_ok: bool = True

    def __post_init__(self) -> None:
        n = len(self.calendars)
        if n == 0:
            return
        starts = [dt.date(min(c.covered_years), 8, 1) for c in self.calendars]
        ends = [dt.date(max(c.covered_years) + 1, 7, 31) for c in self.calendars]
        self.d0 = day_number(min(starts))
        self.span = day_number(max(ends)) - self.d0 + 1
        offsets = [0]
        names = ("day", "slot", "weekday", "wdo", "sched", "adjacent", "after", "year")
        cols: dict[str, list[Any]] = {k: [] for k in (*names, "cal")}
        dense_gsd = np.full(n * self.span, -1, dtype=np.int64)
        dense_covered = np.zeros(n * self.span, dtype=np.bool_)
        last_gsd = np.full(n, -1, dtype=np.int64)
        exact = np.ones(n, dtype=np.bool_)
        as_of = day_number(self.as_of)
        for c, calendar in enumerate(self.calendars):
            columns = _calendar_columns(calendar)
            for name in names:
                cols[name].append(columns[name])
            days = columns["day"]
            cols["cal"].append(np.full(len(days), c, dtype=np.int64))
            dense_gsd[c * self.span + days - self.d0] = offsets[-1] + np.arange(len(days))
            upto = int(np.searchsorted(days, as_of, side="right"))
            if upto:
                last_gsd[c] = offsets[-1] + upto - 1
            for year in calendar.covered_years:
                lo = day_number(dt.date(year, 8, 1)) - self.d0
                hi = day_number(dt.date(year + 1, 7, 31)) - self.d0
                dense_covered[c * self.span + lo : c * self.span + hi + 1] = True
            exact[c] = all(
                abs(h * TICKS - round(h * TICKS)) < 1e-6 for h in calendar.hours.values()
            )
            offsets.append(offsets[-1] + len(days))
        joined = {name: np.concatenate(parts) for name, parts in cols.items()}
        self.offset = np.array(offsets, dtype=np.int64)
        self.sd_cal = joined["cal"]
        self.sd_day = joined["day"]
        self.sd_slot = joined["slot"]
        self.sd_weekday = joined["weekday"]
        self.sd_wd_ordinal = joined["wdo"]
        self.sd_sched = joined["sched"]
        self.sd_ticks = np.rint(self.sd_sched * TICKS).astype(np.int64)
        self.sd_adjacent = joined["adjacent"]
        self.sd_after_vacation = joined["after"]
        self.sd_year = joined["year"]
        self.dense_gsd = dense_gsd
        self.dense_covered = dense_covered
        self.last_gsd = last_gsd
        self.exact_hours = exact
        # streak_metric walks back over lesweken at most 10 calendar weeks apart
        monday = self.sd_day - self.sd_weekday
        week = self.sd_slot // SLOTS
        new_week = np.ones(len(week), dtype=np.bool_)
        new_week[1:] = (week[1:] != week[:-1]) | (self.sd_cal[1:] != self.sd_cal[:-1])
        mondays, cal_of = monday[new_week], self.sd_cal[new_week]
        gaps = np.diff(mondays)[cal_of[1:] == cal_of[:-1]]
        self.weekly_walk_ok = bool(len(gaps) == 0 or gaps.max() <= 70)
        self._day_key = (self.sd_cal << DAY_BITS) | self.sd_day
        self._slot_key = (self.sd_cal << SLOT_BITS) | self.sd_slot

    def lookup(self, cal: IntArray, day: IntArray) -> tuple[IntArray, BoolArray]:
        """Global school-day index (-1: not a school day) and coverage of (calendar, day)."""
        rel = day - self.d0
        inside = (rel >= 0) & (rel < self.span)
        index = cal * self.span + np.minimum(np.maximum(rel, 0), max(self.span - 1, 0))
        gsd = np.where(inside, self.dense_gsd[index], -1)
        covered = inside & self.dense_covered[index]
        return gsd, covered

    def first_on_or_after(self, cal: IntArray, day: IntArray) -> IntArray:
        """The first school day on or after ``day`` (global index, -1 when there is none)."""
        i = np.searchsorted(self._day_key, (cal << DAY_BITS) | day, side="left")
        ok = i < len(self.sd_day)
        ok[ok] = self.sd_cal[i[ok]] == cal[ok]
        return np.where(ok, i, -1)

    def first_slot_at_least(self, cal: IntArray, slot: IntArray) -> IntArray:
        """The first school day with a slot >= ``slot`` (global index, -1 when none)."""
        i = np.searchsorted(self._slot_key, (cal << SLOT_BITS) | np.maximum(slot, 0), side="left")
        ok = i < len(self.sd_day)
        ok[ok] = self.sd_cal[i[ok]] == cal[ok]
        return np.where(ok, i, -1)


# -- the tables of one evaluation -------------------------------------------------------------


@dataclass
class Tables:
    """Pupils, registrations and pupil-days of an evaluation, as arrays sorted by pupil."""

    as_of: dt.date
    cals: Calendars
    pupils: pl.DataFrame  # by pix: pupil_id, school_id, cal, sector, protocol, leerplicht dates
    p_cal: IntArray
    p_first_day: IntArray  # day number of the first protocol evaluation day (-1: none)
    # registrations, sorted by pupil, day and line
    r_pix: IntArray
    r_row: IntArray  # the pupil-day row
    r_kind: IntArray
    r_reason: IntArray
    r_ticks: IntArray
    r_hours: FloatArray  # hours_of as the reference reads them
    # pupil-days
    d_pix: IntArray
    d_day: IntArray
    d_gsd: IntArray
    d_anomaly: BoolArray
    n_pupils: int = 0
    p_anomaly: BoolArray = field(default_factory=lambda: np.zeros(0, np.bool_))
    _lp: dict[str, Any] = field(default_factory=dict)
    _ong_ticks: IntArray | None = None
    _ong_absent_ticks: IntArray | None = None
    _d_start: IntArray | None = None
    _r_start: IntArray | None = None
    _ong_hours: FloatArray | None = None
    _p_exact: BoolArray | None = None

    @property
    def p_exact(self) -> BoolArray:
        """Per pupil: all hours whole seconds (see ``vectorised_wettelijk.exact_pupils``), so
        a sum of them is decided exactly in whole seconds."""
        if self._p_exact is None:
            from leerrecht.batch.vectorised_wettelijk import exact_pupils

            self._p_exact = exact_pupils(self)
        return self._p_exact

    @property
    def d_slot(self) -> IntArray:
        return self.cals.sd_slot[np.maximum(self.d_gsd, 0)]

    @property
    def d_ordinal(self) -> IntArray:
        return self.d_gsd - self.cals.offset[self.p_cal[self.d_pix]]

    def day_sum(self, mask: BoolArray, weights: IntArray | None = None) -> IntArray:
        """Per pupil-day: the number (or the summed ``weights``) of registrations in ``mask``."""
        rows = self.r_row[mask]
        if weights is None:
            return np.bincount(rows, minlength=len(self.d_pix)).astype(np.int64)
        summed = np.bincount(rows, weights=weights[mask], minlength=len(self.d_pix))
        return np.rint(summed).astype(np.int64)

    def selection(self, kinds: list[int], reasons: list[int]) -> BoolArray:
        return in_codes(self.r_kind, kinds) & in_codes(self.r_reason, reasons)

    @property
    def ong_ticks(self) -> IntArray:
        """Per pupil-day: ongeoorloofd seconds (uncapped)."""
        if self._ong_ticks is None:
            self._ong_ticks = self.day_sum(in_codes(self.r_reason, ONG_CODES), self.r_ticks)
        return self._ong_ticks

    @property
    def d_start(self) -> IntArray:
        """Per pupil (and one more): the first pupil-day row of the pupil."""
        if self._d_start is None:
            self._d_start = np.searchsorted(self.d_pix, np.arange(self.n_pupils + 1))
        return self._d_start

    @property
    def r_start(self) -> IntArray:
        """Per pupil (and one more): the first registration of the pupil."""
        if self._r_start is None:
            self._r_start = np.searchsorted(self.r_pix, np.arange(self.n_pupils + 1))
        return self._r_start

    @property
    def ong_absent_ticks(self) -> IntArray:
        """Per pupil-day: ongeoorloofd seconds of absence (not late), uncapped: a day is wholly
        ongeoorloofd absent when they reach its lesson time."""
        if self._ong_absent_ticks is None:
            mask = in_codes(self.r_reason, ONG_CODES) & (self.r_kind == ABSENT)
            self._ong_absent_ticks = self.day_sum(mask, self.r_ticks)
        return self._ong_absent_ticks

    @property
    def ong_hours(self) -> FloatArray:
        """Per pupil-day: ``PupilTimeline.ongeoorloofd_hours`` (0.0 when the day has none),
        summed as floats in the reference's order and capped at the scheduled hours."""
        if self._ong_hours is None:
            regs = np.flatnonzero(in_codes(self.r_reason, ONG_CODES))
            starts = segment_starts(self.r_row[regs])
            sums = running_float_sum(self.r_hours[regs], starts)
            last = segment_last(starts)
            total = np.zeros(len(self.d_pix), dtype=np.float64)
            total[self.r_row[regs][last]] = sums[last]
            scheduled = self.cals.sd_sched[np.maximum(self.d_gsd, 0)]
            self._ong_hours = np.where(total > 0, np.minimum(total, scheduled), 0.0)
        return self._ong_hours

    @property
    def ok_rows(self) -> IntArray:
        """The pupil-day rows of pupils without anomalies, in order."""
        return np.flatnonzero(~self.p_anomaly[self.d_pix])

    def category_kind(self, pix: IntArray, day: IntArray) -> IntArray:
        """The ``category`` of evaluate_pupil on ``day``: 0 none (not enrolled, or no melding
        applies), 1 'leerplicht' (leer- or kwalificatieplichtig), 2 '18plus'."""
        a = self._lp
        enrolled = (day >= a["ef"][pix]) & (day <= a["eu"][pix])
        plichtig = ((a["start"][pix] <= day) & (day <= a["full_end"][pix])) | (
            (a["full_end"][pix] < day) & (day <= a["kwal_end"][pix])
        )
        achttien = ~a["skq"][pix] & (a["b18"][pix] <= day) & (day < a["b23"][pix])
        kind = np.where(plichtig, 1, np.where(achttien, 2, 0))
        result: IntArray = np.where(enrolled, kind, 0)
        return result

    def category(self, pix: IntArray, day: IntArray) -> BoolArray:
        result: BoolArray = self.category_kind(pix, day) > 0
        return result

    def __post_init__(self) -> None:
        self.n_pupils = self.pupils.height
        big = 10**7
        p = self.pupils

        def days(column: str, fill: int) -> IntArray:
            values = p.get_column(column).cast(pl.Int64).fill_null(fill).to_numpy()
            return np.asarray(values, dtype=np.int64)

        self._lp = {
            "ef": days("enrolled_from", -big),
            "eu": days("enrolled_until", big),
            "start": days("lp_start", big),
            "full_end": days("full_end", -big),
            "kwal_end": days("kwal_end", -big),
            "b18": days("b18", big),
            "b23": days("b23", -big),
            "skq": np.asarray(p.get_column("skq").to_numpy(), dtype=np.bool_),
        }


def _school_year(day: pl.Expr) -> pl.Expr:
    return pl.when(day.dt.month() >= 8).then(day.dt.year()).otherwise(day.dt.year() - 1)


def _birthday(birth: pl.Expr, age: int) -> pl.Expr:
    """:func:`leerrecht.core.leerplicht.birthday`: 29 February becomes 1 March."""
    year = birth.dt.year() + age
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    feb29 = (birth.dt.month() == 2) & (birth.dt.day() == 29) & ~leap
    return (
        pl.when(feb29)
        .then(pl.date(year, 3, 1))
        .otherwise(pl.date(year, birth.dt.month(), birth.dt.day()))
    )


def _status(day: pl.Expr) -> pl.Expr:
    """:meth:`LeerplichtPeriods.status` on a date expression."""
    return (
        pl.when((pl.col("lp_start") <= day) & (day <= pl.col("full_end")))
        .then(pl.lit(Leerplicht.LEERPLICHTIG.value))
        .when(
            pl.col("kwal_end").is_not_null()
            & (pl.col("full_end") < day)
            & (day <= pl.col("kwal_end"))
        )
        .then(pl.lit(Leerplicht.KWALIFICATIEPLICHTIG.value))
        .otherwise(pl.lit(Leerplicht.NIET_LEERPLICHTIG.value))
    )


def _leerplicht(pupils: pl.DataFrame, cals: Calendars) -> pl.DataFrame:
    """:func:`leerrecht.core.leerplicht.leerplicht_periods` for every pupil (no vo_start).

    The dates that depend on the birth date alone are computed once per birth date."""
    birth = pl.col("birth_date")
    fnm5 = _birthday(birth, 5).dt.month_start().dt.offset_by("1mo")
    births = (
        pupils.select("birth_date")
        .unique()
        .with_columns(
            fnm5.alias("fnm5"),
            _birthday(birth, 16).alias("b16"),
            _birthday(birth, 18).alias("b18"),
            _birthday(birth, 23).alias("b23"),
        )
    )
    frame = pupils.join(births, on="birth_date", how="left", maintain_order="left").with_columns(
        pl.col("startkwalificatie").fill_null(False).alias("skq"),
    )
    # leerplicht_start: the first school day on or after fnm5 when the calendar covers it
    cal = np.asarray(frame.get_column("cal").to_numpy(), dtype=np.int64)
    first = np.asarray(
        frame.get_column("fnm5").cast(pl.Int64).fill_null(0).to_numpy(), dtype=np.int64
    )
    _, covered = cals.lookup(cal, first)
    school_day = cals.first_on_or_after(cal, first)
    use = covered & (school_day >= 0)
    start = np.where(use, cals.sd_day[np.maximum(school_day, 0)], first)
    frame = frame.with_columns(
        pl.when(pl.col("fnm5").is_null())
        .then(pl.lit(None, dtype=pl.Date))
        .otherwise(pl.Series(start).cast(pl.Int32).cast(pl.Date))
        .alias("lp_start")
    )
    end_16 = pl.date(_school_year(pl.col("b16")) + 1, 7, 31)
    fnm5_year = _school_year(pl.col("fnm5"))
    first_full_year = (
        pl.when(pl.col("fnm5") == pl.date(fnm5_year, 8, 1)).then(fnm5_year).otherwise(fnm5_year + 1)
    )
    end_12 = pl.date(first_full_year + 12, 7, 31)
    ends = births.select(
        "birth_date",
        pl.when(end_12 < end_16).then(end_12).otherwise(end_16).alias("full_end"),
        pl.col("b18").dt.offset_by("-1d").alias("kwal"),
    )
    frame = frame.join(ends, on="birth_date", how="left", maintain_order="left")
    kwal = pl.col("kwal")
    frame = frame.with_columns(
        pl.when(~pl.col("skq") & (kwal > pl.col("full_end")))
        .then(kwal)
        .otherwise(pl.lit(None, dtype=pl.Date))
        .alias("kwal_end")
    )
    return frame.drop("kwal")


def _codes(column: pl.Series, codes: dict[str, int]) -> IntArray:
    """Vocabulary codes of a text column (lower case as kind_and_reason reads it; -1 unknown)."""
    words = list(codes)
    table = np.array([codes[w] for w in words] + [-1], dtype=np.int64)
    text = column.cast(pl.String)
    try:  # the usual case: every value is a known word, in lower case
        physical = text.cast(pl.Enum(words)).to_physical()
    except (pl.exceptions.InvalidOperationError, pl.exceptions.ComputeError):
        mapped = text.str.to_lowercase().replace_strict(codes, default=-1, return_dtype=pl.Int64)
        return np.asarray(mapped.fill_null(-1).to_numpy(), dtype=np.int64)
    index = np.asarray(physical.cast(pl.Int64).fill_null(len(words)).to_numpy(), dtype=np.int64)
    result: IntArray = table[index]
    return result


def _with_pix(absences: pl.DataFrame, pupils: pl.DataFrame) -> pl.DataFrame:
    """The absences of known pupils with the pupil's row number ``pix``.

    Registrations come grouped by pupil, so the pupil ids are matched once per group rather
    than once per registration."""
    ids = absences.get_column("pupil_id").cast(pl.String)
    group = ids.rle_id()
    firsts = (
        absences.select(pl.col("pupil_id").cast(pl.String))
        .with_columns(group.alias("group"))
        .unique("group", keep="first", maintain_order=True)
    )
    matched = firsts.join(
        pupils.select("pupil_id", pl.col("pix").cast(pl.Int64)), on="pupil_id", how="left"
    ).sort("group")
    pix = matched.get_column("pix").gather(group)
    return (
        absences.with_columns(pix.alias("pix"))
        .filter(pl.col("pix").is_not_null())
        .select("pix", "date", "line", "kind", "reason", "hours")
    )


def build_tables(g: Frames, as_of: dt.date) -> Tables:
    keys: dict[tuple[str, tuple[float, ...]], int] = {}
    cal_ids: list[int] = []
    for row in g.schools.iter_rows(named=True):
        key = (str(row["region"]), school_hours(row))
        cal_ids.append(keys.setdefault(key, len(keys)))
    schools = g.schools.with_columns(pl.Series("cal", cal_ids, dtype=pl.Int64))
    calendars = [calendar_for(region, hours) for region, hours in keys]
    pupils = (
        g.pupils.with_columns(
            pl.col("birth_date", "enrolled_from", "enrolled_until", "next_enrolment_from").cast(
                pl.Date
            ),
            pl.col("exit_reason").cast(pl.String),
            pl.col("startkwalificatie").cast(pl.Boolean),
        )
        .join(
            schools.select("school_id", "cal", "sector", "protocol"),
            on="school_id",
            how="inner",
            maintain_order="left",
        )
        .with_columns(pl.col("protocol").fill_null(""))
    )
    used = sorted(set(pupils.get_column("cal").unique().to_list()))
    for c in used:
        calendars[c].require(as_of)  # as the reference: no evaluation without vacation data
    cals = Calendars(calendars, as_of)
    pupils = _leerplicht(pupils.with_row_index("pix"), cals)
    assert pupils.get_column("pix").equals(
        pl.Series("pix", range(pupils.height)), check_dtypes=False
    )

    absences = _with_pix(with_lines(g.absences).filter(pl.col("date") <= as_of), pupils)
    r_pix = np.asarray(absences.get_column("pix").to_numpy(), dtype=np.int64)
    r_day = np.asarray(absences.get_column("date").cast(pl.Int64).to_numpy(), dtype=np.int64)
    line = np.asarray(absences.get_column("line").to_numpy(), dtype=np.int64)
    # usually already by pupil, day and line (as generated): then nothing is reordered
    key_ok = len(r_pix) < 2 or bool(np.all(r_pix[1:] >= r_pix[:-1]))
    if key_ok and len(r_pix) > 1:
        same = np.flatnonzero(r_pix[1:] == r_pix[:-1])
        a, b = r_day[same], r_day[same + 1]
        key_ok = bool(np.all((b > a) | ((b == a) & (line[same + 1] > line[same]))))
    order = None if key_ok else np.lexsort((line, r_day, r_pix))

    def ordered(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
        return values if order is None else values[order]

    r_pix, r_day = ordered(r_pix), ordered(r_day)
    r_kind = ordered(_codes(absences.get_column("kind"), KIND_CODES))
    r_reason = ordered(_codes(absences.get_column("reason"), REASON_CODES))
    hours_col = absences.get_column("hours").cast(pl.Float64)
    hours = ordered(np.asarray(hours_col.fill_null(np.nan).to_numpy(), dtype=np.float64))
    missing = ordered(np.asarray(hours_col.is_null().to_numpy(), dtype=np.bool_))

    p_cal = np.asarray(pupils.get_column("cal").to_numpy(), dtype=np.int64)
    gsd, covered = cals.lookup(p_cal[r_pix], r_day)
    scheduled = np.where(gsd >= 0, cals.sd_sched[np.maximum(gsd, 0)], 0.0)
    hours_of = np.where(missing, np.where(r_kind == LATE, 0.0, scheduled), hours)
    raw_ticks = hours_of * TICKS
    ticks = np.rint(np.nan_to_num(raw_ticks, nan=0.0)).astype(np.int64)
    ef = pupils.get_column("enrolled_from").cast(pl.Int64).fill_null(-(10**7)).to_numpy()
    eu = pupils.get_column("enrolled_until").cast(pl.Int64).fill_null(10**7).to_numpy()
    anomaly = (
        (gsd < 0)
        | ~covered
        | (r_kind < 0)
        | (r_reason < 0)
        | (~missing & ~(hours >= 0))  # negative or NaN
        | (np.abs(np.nan_to_num(raw_ticks, nan=0.5) - ticks) > 1e-6)
        | (r_day < ef[r_pix])
        | (r_day > eu[r_pix])
        | ~cals.exact_hours[p_cal[r_pix]]
    )

    starts = np.ones(len(r_pix), dtype=np.bool_)
    starts[1:] = (r_pix[1:] != r_pix[:-1]) | (r_day[1:] != r_day[:-1])
    r_row = np.cumsum(starts) - 1
    first = np.flatnonzero(starts)
    d_anomaly = np.logical_or.reduceat(anomaly, first) if len(first) else np.zeros(0, np.bool_)

    tables = Tables(
        as_of=as_of,
        cals=cals,
        pupils=pupils,
        p_cal=p_cal,
        p_first_day=np.zeros(0, dtype=np.int64),
        r_pix=r_pix,
        r_row=r_row,
        r_kind=r_kind,
        r_reason=r_reason,
        r_ticks=ticks,
        r_hours=hours_of,
        d_pix=r_pix[first],
        d_day=r_day[first],
        d_gsd=gsd[first],
        d_anomaly=d_anomaly,
    )
    tables.p_first_day = _first_days(tables)
    odd = pupils.select(
        pl.col("birth_date").is_null()
        | (pl.col("exit_reason").is_not_null() & ~pl.col("exit_reason").is_in(EXIT_REASONS))
    ).to_series()
    p_anomaly = np.asarray(odd.to_numpy(), dtype=np.bool_).copy()
    p_anomaly[tables.d_pix[tables.d_anomaly]] = True
    tables.p_anomaly = p_anomaly
    return tables


def _first_days(t: Tables) -> IntArray:
    """``_first_evaluation_day`` of core/evaluate.py for every pupil (day number, -1: none):
    the school year of the earliest registration (or of the evaluation date), moved on while
    the calendar does not cover it, not before the enrolment, then the first school day."""
    as_of = day_number(t.as_of)
    earliest = np.full(t.n_pupils, as_of, dtype=np.int64)
    if len(t.d_pix):
        np.minimum.at(earliest, t.d_pix, t.d_day)
    dates = pl.Series(earliest).cast(pl.Int32).cast(pl.Date)
    year = np.asarray(
        pl.select(
            pl.when(dates.dt.month() >= 8).then(dates.dt.year()).otherwise(dates.dt.year() - 1)
        )
        .to_series()
        .to_numpy(),
        dtype=np.int64,
    )

    def first_of_august(years: IntArray) -> IntArray:
        unique, inverse = np.unique(years, return_inverse=True)
        days = [day_number(dt.date(int(y), 8, 1)) for y in unique.tolist()]
        result: IntArray = np.asarray(days, dtype=np.int64)[inverse]
        return result

    covered_sets = [sorted(c.covered_years) for c in t.cals.calendars]
    start = first_of_august(year)
    for _ in range(len({y for s in covered_sets for y in s}) + 2):
        covered = np.zeros(t.n_pupils, dtype=np.bool_)
        for c, cover in enumerate(covered_sets):
            mine = t.p_cal == c
            covered[mine] = np.isin(year[mine], cover)
        move = ~covered & (start < as_of)
        if not move.any():
            break
        year = np.where(move, year + 1, year)
        start = first_of_august(year)
    ef = t.pupils.get_column("enrolled_from").cast(pl.Int64).fill_null(-(10**7)).to_numpy()
    start = np.maximum(start, np.asarray(ef, dtype=np.int64))
    gsd = t.cals.first_on_or_after(t.p_cal, start)
    result: IntArray = np.where(gsd >= 0, t.cals.sd_day[np.maximum(gsd, 0)], -1)
    return result


# -- statutory conditions and the quiet pupils' exact results ---------------------------------


def _runs(pix: IntArray, position: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """Runs of consecutive positions per pupil in rows sorted by pupil and position: the
    run's first row, last row and length, per run."""
    if len(pix) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    new = np.ones(len(pix), dtype=np.bool_)
    new[1:] = (pix[1:] != pix[:-1]) | (position[1:] != position[:-1] + 1)
    first = np.flatnonzero(new)
    last = np.append(first[1:] - 1, len(pix) - 1)
    return first, last, last - first + 1


@dataclass
class Plan:
    """What the vectorised engine decided per pupil.

    - ``full``: the reference evaluates the pupil entirely (input it would read differently,
      or a protocol step this engine does not evaluate is within reach);
    - ``statutory``: the pupil may get a 16-uur or LRV melding and its hours are not whole
      seconds (:func:`leerrecht.batch.vectorised_wettelijk.exact_pupils`): the reference
      evaluates the statutory rules, this engine the protocol (with the reference's meldingen);
    - ``chain``: the pupil may get a 16-uur or LRV melding: this engine evaluates the chain
      (:mod:`leerrecht.batch.vectorised_wettelijk`);
    - the rest of ``quiet`` (which includes ``chain``): everything is computed here.
    """

    as_of: dt.date
    with_protocol: bool
    tables: Tables
    flags: dict[str, BoolArray]
    checks: pl.DataFrame
    full: BoolArray
    statutory: BoolArray
    chain: BoolArray
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def quiet(self) -> BoolArray:
        result: BoolArray = ~(self.full | self.statutory)
        return result

    @property
    def pupils(self) -> pl.DataFrame:
        return self.tables.pupils

    @property
    def candidates(self) -> pl.DataFrame:
        """The pupils that may get a 16-uur or LRV melding or that the reference evaluates,
        with why; ``volledig``: the reference evaluates them entirely, ``referentie``: the
        reference evaluates at least their statutory rules."""
        frame = pl.DataFrame({name: self.flags[name] for name in CANDIDATE_REASONS})
        return (
            frame.with_columns(
                pl.Series("pix", np.arange(self.tables.n_pupils), dtype=pl.Int64),
                pl.Series("volledig", self.full),
                pl.Series("referentie", self.full | self.statutory),
            )
            .filter(pl.Series(self.full | self.statutory | self.chain))
            .join(
                self.pupils.select(pl.col("pix").cast(pl.Int64), "pupil_id", "school_id"),
                on="pix",
                how="left",
            )
            .select("pix", "pupil_id", "school_id", "volledig", "referentie", *CANDIDATE_REASONS)
        )

    @property
    def candidate_ids(self) -> set[str]:
        return set(self.candidates.get_column("pupil_id").to_list())

    def share(self) -> float:
        """The share of the pupils the reference evaluates (entirely or the statutory rules)."""
        n = self.tables.n_pupils
        return float((self.full | self.statutory).sum()) / n if n else 0.0


def _statutory(t: Tables) -> dict[str, BoolArray]:
    """Per pupil: the necessary conditions of the statutory meldingen (pupils with anomalies
    are candidates anyway and are left out of the sums)."""
    n = t.n_pupils
    cals = t.cals
    flags: dict[str, BoolArray] = {"afwijkend": t.p_anomaly.copy()}
    rows = t.ok_rows
    pix = t.d_pix[rows]
    gsd = t.d_gsd[rows]
    ong_ticks = t.ong_ticks[rows]
    ong_absent = t.ong_absent_ticks[rows]
    sched = cals.sd_ticks[gsd]
    slot = cals.sd_slot[gsd]

    # 16 uur: the largest sum of ongeoorloofd hours in any window of 4 lesweken (every
    # ongeoorloofd day counted, so a superset of the pool of WettelijkVerzuim); the largest
    # window ends on an ongeoorloofd day, so only those days are needed
    ong = np.flatnonzero(ong_ticks > 0)
    sums = window_sums(
        (pix[ong] << SLOT_BITS) | slot[ong], np.minimum(ong_ticks, sched)[ong], WINDOW_SLOTS
    )
    best = group_max(pix[ong], sums, n)
    flags["zestien_uur"] = best >= int(THRESHOLD_HOURS * TICKS) - 1

    # LRV: a run of wholly ongeoorloofd absent school days longer than 4 lesweken
    whole = np.flatnonzero((sched > 0) & (ong_absent >= sched))
    first, last, _ = _runs(pix[whole], gsd[whole])
    long_run = slot[whole[last]] >= slot[whole[first]] + WINDOW_SLOTS
    lrv = np.zeros(n, dtype=np.bool_)
    lrv[pix[whole[first[long_run]]]] = True
    flags["lrv"] = lrv

    # luxe: registered as luxe, or absent 'ongeoorloofd' on a school day next to a vacation
    luxe_reg = t.day_sum(t.r_reason == REASON_CODES[Reason.LUXE.value])[rows] > 0
    ong_absent_reg = (
        t.day_sum((t.r_reason == REASON_CODES[Reason.ONGEOORLOOFD.value]) & (t.r_kind == ABSENT))[
            rows
        ]
        > 0
    )
    luxe = np.zeros(n, dtype=np.bool_)
    luxe[pix[luxe_reg | (ong_absent_reg & cals.sd_adjacent[gsd])]] = True
    flags["luxe"] = luxe
    return flags


def _checks(t: Tables) -> pl.DataFrame:
    """The statutory checks of every pupil, as core/rules/luxe.py (doubtful sick reports),
    schorsing.py and inschrijving.py make them: pix, kind, on (day number)."""
    cals = t.cals
    ok = ~t.p_anomaly[t.d_pix]
    gsd = np.maximum(t.d_gsd, 0)
    sick = t.day_sum((t.r_reason == REASON_CODES[Reason.ZIEK.value]) & (t.r_kind == ABSENT)) > 0
    doubtful = np.flatnonzero(sick & cals.sd_adjacent[gsd] & ok)
    parts = [
        pl.DataFrame(
            {
                "pix": t.d_pix[doubtful],
                "kind": "twijfelachtig_ziekteverzuim",
                "on": t.d_day[doubtful],
            }
        )
    ]
    schorsing = np.flatnonzero(
        (t.day_sum(t.r_reason == REASON_CODES[Reason.SCHORSING.value]) > 0) & ok
    )
    first, _, length = _runs(t.d_pix[schorsing], t.d_gsd[schorsing])
    too_long = first[length > MAX_SCHOOL_DAYS]
    parts.append(
        pl.DataFrame(
            {
                "pix": t.d_pix[schorsing[too_long]],
                "kind": "schorsing_te_lang",
                "on": t.d_day[schorsing[too_long + MAX_SCHOOL_DAYS]],
            }
        )
    )
    report = first[length > 1]
    parts.append(
        pl.DataFrame(
            {
                "pix": t.d_pix[schorsing[report]],
                "kind": "schorsing_melden",
                "on": t.d_day[schorsing[report + 1]],
            }
        )
    )
    until = pl.col("enrolled_until")
    day_after = until.dt.offset_by("1d")
    exit_reason = pl.col("exit_reason")
    problem = exit_reason.is_null() | (
        (exit_reason == ExitReason.NIEUWE_SCHOOL.value)
        & (pl.col("next_enrolment_from").is_null() | (pl.col("next_enrolment_from") != day_after))
    )
    uit = t.pupils.filter(
        until.is_not_null()
        & (until <= t.as_of)
        & (_status(day_after) != Leerplicht.NIET_LEERPLICHTIG.value)
        & problem
    ).select(
        pl.col("pix").cast(pl.Int64),
        pl.lit("uitschrijving_niet_toegestaan").alias("kind"),
        until.cast(pl.Int64).alias("on"),
    )
    schema = {"pix": pl.Int64, "kind": pl.String, "on": pl.Int64}
    return pl.concat([part.cast(schema) for part in parts] + [uit.cast(schema)])  # type: ignore[arg-type]


def _absoluut(pupils: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """:func:`leerrecht.core.rules.thuiszitter.absoluut_since` for every pupil."""
    until = pl.col("enrolled_until")
    gap_start = until.dt.offset_by("1d")
    nxt = pl.col("next_enrolment_from")
    exit_reason = pl.col("exit_reason").fill_null("")
    holds = (
        until.is_not_null()
        & (pl.lit(as_of) > until)
        & (_status(pl.lit(as_of)) != Leerplicht.NIET_LEERPLICHTIG.value)
        & ~exit_reason.is_in([ExitReason.EMIGRATIE.value, ExitReason.VRIJSTELLING.value])
        & ~(nxt.is_not_null() & (nxt <= as_of))
        & ~(nxt.is_not_null() & (nxt <= gap_start))
    )
    return pupils.filter(holds).select(
        "pix",
        pl.lit("absoluut").alias("group"),
        pl.max_horizontal(gap_start, pl.col("lp_start")).alias("since"),
    )


def _lopende_uren(
    t: Tables, members: BoolArray, luxe: _Luxe, covered_until: IntArray
) -> FloatArray:
    """:meth:`WettelijkVerzuim.running_hours`: the ongeoorloofd hours of the 4 lesweken up to
    the last school day, on days a melding category applies, not on a luxe day, not before a
    luxe day (a count never spans luxe verzuim) and after ``covered_until`` (per pupil: the
    end of the last melding that is not soort luxe, the evaluation date for an open one; an 18+
    luxe melding counts as reported too)."""
    cals = t.cals
    result = np.zeros(t.n_pupils, dtype=np.float64)
    # only the last 4 lesweken of a calendar matter: first the days from the earliest start
    with_days = np.flatnonzero(cals.last_gsd >= 0)
    if len(with_days) == 0:
        return result
    last_slot = cals.sd_slot[cals.last_gsd[with_days]]
    first = cals.first_slot_at_least(with_days, last_slot - WINDOW_SLOTS + 1)
    rows = np.flatnonzero((t.d_day >= cals.sd_day[first].min()) & (t.ong_ticks > 0))
    pix, d_gsd = t.d_pix[rows], t.d_gsd[rows]
    last = cals.last_gsd[t.p_cal[pix]]
    gsd = np.maximum(d_gsd, 0)
    in_window = (
        members[pix]
        & (d_gsd >= 0)
        & (last >= 0)
        & (d_gsd <= last)
        & (cals.sd_slot[gsd] > cals.sd_slot[np.maximum(last, 0)] - WINDOW_SLOTS)
        & ~luxe.day[rows]
        & (t.d_day[rows] > covered_until[pix])
        & (t.d_day[rows] > luxe.last_day[pix])
    )
    rows = rows[in_window]
    rows = rows[t.category(t.d_pix[rows], t.d_day[rows])]
    hours = t.ong_hours[rows]
    starts = segment_starts(t.d_pix[rows])
    sums = running_float_sum(hours, starts)
    end = segment_last(starts)
    result[t.d_pix[rows][end]] = sums[end]
    return result


@dataclass
class _Luxe:
    """Luxe verzuim of pupils without any other statutory melding (core/rules/luxe.py)."""

    day: BoolArray  # per pupil-day: a luxe day (in a block)
    last_day: IntArray  # per pupil: the last luxe day up to the last school day (or -1)
    covered_until: IntArray  # per pupil: the end of the last 18+ luxe melding (or -1)
    meldingen: pl.DataFrame  # pix, soort, begin, end, hours, due, reached
    details: pl.DataFrame  # what a protocol step reads of them (see DETAIL_SCHEMA)


def _luxe(t: Tables, members: BoolArray, lrv_days: BoolArray | None = None) -> _Luxe:
    """:func:`luxe_blocks` and the luxe meldingen of evaluate_pupil, for ``members`` (pupils
    without verlof). ``lrv_days`` (per pupil-day row): the days of runs longer than 4
    lesweken, which are never luxe verzuim."""
    from leerrecht.batch.vectorised_protocol import MELDING_SCHEMA, due_dates

    cals = t.cals
    n = t.n_pupils
    rows = np.flatnonzero(members[t.d_pix])
    pix, gsd, day = t.d_pix[rows], t.d_gsd[rows], t.d_day[rows]
    luxe_reg = t.day_sum(t.r_reason == REASON_CODES[Reason.LUXE.value])[rows] > 0
    ong_absent = (
        t.day_sum((t.r_reason == REASON_CODES[Reason.ONGEOORLOOFD.value]) & (t.r_kind == ABSENT))[
            rows
        ]
        > 0
    )
    ong_absent_ticks = t.ong_absent_ticks
    sched = cals.sd_ticks[gsd]
    whole = (sched > 0) & (ong_absent_ticks[rows] >= sched)
    # streaks: runs of wholly ongeoorloofd absent school days
    new = np.ones(len(rows), dtype=np.bool_)
    new[1:] = ~whole[:-1] | (pix[1:] != pix[:-1]) | (gsd[1:] != gsd[:-1] + 1)
    streak = np.cumsum(new | ~whole)
    seed = ong_absent & cals.sd_adjacent[gsd]
    expand = np.zeros(int(streak.max()) + 1 if len(streak) else 1, dtype=np.bool_)
    expand[streak[seed & whole]] = True
    is_luxe = luxe_reg | seed | (whole & expand[streak])
    if lrv_days is not None:
        is_luxe &= ~lrv_days[rows]
    # blocks: consecutive school days
    lux = np.flatnonzero(is_luxe)
    first, last, _ = _runs(pix[lux], gsd[lux])
    block_pix = pix[lux[first]]
    begin, end = day[lux[first]], day[lux[last]]
    # reached: the first day luxe on its own (registered as luxe, or right after a vacation)
    own = luxe_reg[lux] | cals.sd_after_vacation[gsd[lux]]
    block_of = np.repeat(np.arange(len(first)), last - first + 1)
    reached = end.copy()
    hit = np.flatnonzero(own)
    firsts = hit[segment_starts(block_of[hit])]
    reached[block_of[firsts]] = day[lux[firsts]]
    # hours: the block's ongeoorloofd hours, summed in date order
    sums = running_float_sum(t.ong_hours[rows[lux]], segment_starts(block_of))
    hours = sums[last]
    kind = t.category_kind(block_pix, begin)
    soort = np.where(kind == 2, "18plus", "luxe")
    keep = kind > 0
    meldingen = pl.DataFrame(
        {
            "pix": block_pix[keep],
            "soort": soort[keep],
            "begin": begin[keep],
            "end": end[keep],
            "hours": hours[keep],
            "due": due_dates(end[keep]),
            "reached": reached[keep],
        },
        schema=MELDING_SCHEMA,
    )
    order = np.arange(len(block_pix))[keep]
    order = order - np.maximum.accumulate(np.where(segment_starts(block_pix[keep]), order, 0))
    details = meldingen.select(
        "pix",
        pl.Series("order", order, dtype=pl.Int64),
        "soort",
        pl.lit("luxe_verzuim").alias("rule"),
        _as_date("begin").alias("begin"),
        _as_date("end").alias("end"),
        _as_date("reached").alias("reached"),
        _as_date("begin").alias("first_absence"),
    )
    day_flag = np.zeros(len(t.d_pix), dtype=np.bool_)
    day_flag[rows[lux]] = True
    last_school_day = cals.sd_day[np.maximum(cals.last_gsd[t.p_cal[pix[lux]]], 0)]
    upto = lux[day[lux] <= last_school_day]
    last_day = np.full(n, -1, dtype=np.int64)
    np.maximum.at(last_day, pix[upto], day[upto])
    covered = np.full(n, -1, dtype=np.int64)
    adult = keep & (kind == 2)
    np.maximum.at(covered, block_pix[adult], end[adult])
    return _Luxe(day_flag, last_day, covered, meldingen, details)


def plan(g: Frames, as_of: dt.date, with_protocol: bool = True) -> Plan:
    """Decide per pupil what the reference has to evaluate (see :class:`Plan`)."""
    from leerrecht.batch.vectorised_protocol import protocol_reach

    t = build_tables(g, as_of)
    flags = _statutory(t)
    checks = _checks(t)
    statutory = flags["zestien_uur"] | flags["lrv"] | flags["luxe"]
    flags["protocol"] = np.zeros(t.n_pupils, dtype=np.bool_)
    stats: dict[str, Any] = {"registrations": len(t.r_pix), "pupil_days": len(t.d_pix)}
    if with_protocol:
        reach, stats["protocol"] = protocol_reach(t, checks, ~flags["afwijkend"], statutory)
        flags["protocol"] = reach
    full = flags["afwijkend"] | flags["protocol"]
    # the 16-uur chain (16 uur, herhaalmeldingen, LRV) is computed here when the hours are
    # whole seconds; else the reference evaluates the statutory rules
    statutory = (flags["zestien_uur"] | flags["lrv"]) & ~full
    exact = t.p_exact
    chain = statutory & exact
    statutory = statutory & ~exact
    if not with_protocol:
        full = full | statutory  # the reference without protocol is the whole evaluation
    stats["keten"] = int(chain.sum())
    return Plan(
        as_of=as_of,
        with_protocol=with_protocol,
        tables=t,
        flags=flags,
        checks=checks,
        full=full,
        statutory=statutory & ~full,
        chain=chain,
        stats=stats,
    )


def _as_date(column: str) -> pl.Expr:
    return pl.col(column).cast(pl.Int32).cast(pl.Date)


def _with_ids(t: Tables, frame: pl.DataFrame, keep: BoolArray) -> pl.DataFrame:
    """The rows of ``frame`` (with a column pix) of the pupils in ``keep``, with pupil_id."""
    mask = pl.Series("keep", keep, dtype=pl.Boolean).gather(frame.get_column("pix"))
    kept = frame.filter(mask)
    # the pupils are in pix order: the id is a gather, not a join
    ids = t.pupils.get_column("pupil_id").gather(kept.get_column("pix"))
    return kept.with_columns(ids.alias("pupil_id"))


def _meldingen_outcome(t: Tables, meldingen: pl.DataFrame, keep: BoolArray) -> pl.DataFrame:
    """Meldingen computed here (pix, soort, begin, end, hours, due, reached; sequence 1) in the
    outcome's columns."""
    return _with_ids(t, meldingen, keep).select(
        "pupil_id",
        "soort",
        _as_date("begin").alias("begin"),
        _as_date("end").alias("end"),
        "hours",
        "due",
        pl.lit(1, dtype=pl.Int64).alias("sequence"),
        _as_date("reached").alias("reached"),
    )


def _protocol_outcome(
    t: Tables, signals: pl.DataFrame, overig: pl.DataFrame, keep: BoolArray
) -> tuple[pl.DataFrame, pl.DataFrame]:
    meldingen = _with_ids(t, overig, keep).select(
        "pupil_id",
        "soort",
        _as_date("begin").alias("begin"),
        _as_date("end").alias("end"),
        "hours",
        "due",
        pl.lit(1, dtype=pl.Int64).alias("sequence"),
        _as_date("reached").alias("reached"),
    )
    found = _with_ids(t, signals, keep).select(
        "pupil_id", "protocol", "step", _as_date("on").alias("on")
    )
    return meldingen, found


def quiet_outcome(decided: Plan) -> Outcome:
    """The exact results of the pupils the reference does not evaluate (luxe verzuim and the
    16-uur chain included), not yet sorted (see :meth:`Outcome.concat`)."""
    from leerrecht.batch.vectorised_protocol import evaluate_protocols
    from leerrecht.batch.vectorised_wettelijk import (
        evaluate_chain,
        long_streaks,
        lrv_thuiszitters,
    )

    t = decided.tables
    quiet = decided.quiet
    chain_members = quiet & decided.chain
    streaks = long_streaks(t, chain_members & decided.flags["lrv"])
    luxe = _luxe(t, quiet & decided.flags["luxe"], streaks.day)
    chain = evaluate_chain(t, chain_members, luxe.day, streaks)
    decided.stats["keten_meldingen"] = chain.meldingen.height
    decided.stats["keten_nagerekend"] = chain.replayed
    decided.stats["keten_rondes"] = chain.rounds
    meldingen = pl.concat(
        [
            _meldingen_outcome(t, luxe.meldingen, quiet),
            _with_ids(t, chain.meldingen, quiet).select(
                "pupil_id",
                "soort",
                _as_date("begin").alias("begin"),
                _as_date("end").alias("end"),
                "hours",
                "due",
                "sequence",
                _as_date("reached").alias("reached"),
            ),
        ]
    )
    signals: pl.DataFrame | None = None
    overig: pl.DataFrame | None = None
    if decided.with_protocol:
        result = evaluate_protocols(t, decided.checks, quiet, _details(t, luxe, chain.meldingen))
        decided.stats.setdefault("protocol", {}).update(result.stats)
        overig, signals = _protocol_outcome(t, result.signals, result.meldingen, quiet)
        meldingen = pl.concat([meldingen, overig])
    covered = np.maximum(luxe.covered_until, chain.covered_until)
    lopend = _lopende_uren(t, quiet, luxe, covered)
    pupils = (
        t.pupils.with_columns(pl.Series("lopende_uren", lopend, dtype=pl.Float64))
        .filter(pl.Series(quiet))
        .select("pupil_id", _status(pl.lit(decided.as_of)).alias("leerplicht"), "lopende_uren")
    )
    absoluut = _absoluut(t.pupils, decided.as_of).with_columns(pl.col("pix").cast(pl.Int64))
    is_absoluut = np.zeros(t.n_pupils, dtype=np.bool_)
    is_absoluut[np.asarray(absoluut.get_column("pix").to_numpy(), dtype=np.int64)] = True
    lrv = lrv_thuiszitters(t, streaks, is_absoluut).with_columns(_as_date("since").alias("since"))
    thuiszitters = pl.concat([absoluut.select("pix", "group", "since"), lrv])
    return Outcome.build(
        sort=False,
        meldingen=meldingen,
        checks=_with_ids(t, decided.checks, quiet).select(
            "pupil_id", "kind", _as_date("on").alias("on")
        ),
        signals=signals,
        thuiszitters=_with_ids(t, thuiszitters, quiet).select("pupil_id", "group", "since"),
        pupils=pupils,
    )


def _details(t: Tables, luxe: _Luxe, chain: pl.DataFrame) -> pl.DataFrame:
    """What a protocol step reads of the statutory meldingen (luxe and the chain), with their
    place (``order``) in the pupil's meldingen: sorted by begin and soort, luxe first on a tie,
    as ``evaluate_pupil`` sorts them."""
    chain_details = chain.select(
        "pix",
        (pl.col("chain") + (1 << 32)).alias("order"),
        "soort",
        "rule",
        _as_date("begin").alias("begin"),
        _as_date("end").alias("end"),
        _as_date("reached").alias("reached"),
        _as_date("first_absence").alias("first_absence"),
    )
    details = pl.concat([luxe.details, chain_details.cast(luxe.details.schema)])
    details = details.sort("pix", "begin", "soort", "order").with_columns(
        pl.int_range(pl.len()).over("pix").cast(pl.Int64).alias("order")
    )
    return details.join(
        t.pupils.select(pl.col("pix").cast(pl.Int64), "pupil_id"), on="pix", how="left"
    )


# -- the candidates: the reference itself ----------------------------------------------------

_Task = list[tuple[dict[str, Any], pl.DataFrame, pl.DataFrame]]

DETAIL_SCHEMA: dict[str, Any] = {
    "pupil_id": pl.String,
    "order": pl.Int64,
    "soort": pl.String,
    "rule": pl.String,
    "begin": pl.Date,
    "end": pl.Date,
    "reached": pl.Date,
    "first_absence": pl.Date,
}


def _run_task(task: _Task, as_of: dt.date, with_protocol: bool) -> Outcome:
    """The whole reference for the pupils of a task (one or more schools)."""
    results: list[PupilResult] = []
    for row, pupils, absences in task:
        evaluation = evaluate(
            school_from_row(row),
            pupils_from_frame(pupils),
            registrations_from_frame(absences),
            (),
            as_of,
            school_protocol(row, with_protocol),
        )
        results.extend(evaluation.results)
    return project_results(results, as_of)


def _run_statutory_task(task: _Task, as_of: dt.date) -> tuple[Outcome, pl.DataFrame]:
    """The reference without protocol, and per melding what a protocol step reads of it: the
    soort, the rule, the period, the day it was reached and its first absence."""
    results: list[PupilResult] = []
    details: dict[str, list[Any]] = {c: [] for c in DETAIL_SCHEMA}
    for row, pupils, absences in task:
        evaluation = evaluate(
            school_from_row(row),
            pupils_from_frame(pupils),
            registrations_from_frame(absences),
            (),
            as_of,
            None,
        )
        results.extend(evaluation.results)
        for result in evaluation.results:
            for order, m in enumerate(result.meldingen):
                details["pupil_id"].append(m.pupil_id)
                details["order"].append(order)
                details["soort"].append(m.soort.value)
                details["rule"].append(m.explanation.rule)
                details["begin"].append(m.begin)
                details["end"].append(m.end)
                details["reached"].append(m.reached)
                days = [a.date for a in m.explanation.absences]
                details["first_absence"].append(min(days) if days else None)
    return project_results(results, as_of), pl.DataFrame(details, schema=DETAIL_SCHEMA)


def _tasks(g: Frames, ids: pl.DataFrame, chunks: int) -> list[_Task]:
    """The rows of the pupils in ``ids`` (pupil_id, school_id), per school, dealt into
    ``chunks`` tasks of similar size."""
    ids = ids.select("pupil_id", "school_id")
    pupils = g.pupils.join(ids.select("pupil_id"), on="pupil_id", how="semi")
    absences = with_lines(g.absences).join(ids, on="pupil_id", how="inner")
    school_rows = {row["school_id"]: row for row in g.schools.iter_rows(named=True)}
    by_school_pupils = pupils.partition_by("school_id", as_dict=True)
    by_school_absences = {
        key[0]: frame.drop("school_id")
        for key, frame in absences.partition_by("school_id", as_dict=True).items()
    }
    empty_absences = absences.clear().drop("school_id")
    parts = [
        (school_rows[key[0]], frame, by_school_absences.get(key[0], empty_absences))
        for key, frame in sorted(by_school_pupils.items())
    ]
    parts.sort(key=lambda part: -part[1].height)
    tasks: list[_Task] = [[] for _ in range(max(1, min(chunks, len(parts))))]
    sizes = [0] * len(tasks)
    for part in parts:  # largest first, into the smallest task
        i = sizes.index(min(sizes))
        tasks[i].append(part)
        sizes[i] += part[1].height
    return [task for task in tasks if task]


def _ids(decided: Plan, mask: BoolArray) -> pl.DataFrame:
    return decided.pupils.filter(pl.Series(mask)).select("pupil_id", "school_id")


def finish(decided: Plan, g: Frames, *, workers: int = 2) -> Outcome:
    """Run the reference where the plan needs it and add everything computed here. The
    reference runs in ``workers`` processes while this process computes the quiet pupils."""
    return Outcome.concat(_finish_parts(decided, g, processes=workers if workers > 1 else 0))


def _finish_parts(decided: Plan, g: Frames, *, processes: int) -> list[Outcome]:
    """The parts of :func:`finish`; ``processes``: how many worker processes run the
    reference when there are many candidates (0: it runs in this thread)."""
    full_ids = _ids(decided, decided.full)
    statutory_ids = _ids(decided, decided.statutory)
    n = full_ids.height + statutory_ids.height
    parallel = processes > 0 and n >= PARALLEL_FROM
    chunks = processes * 4 if parallel else 1
    full_tasks = _tasks(g, full_ids, chunks) if full_ids.height else []
    statutory_tasks = _tasks(g, statutory_ids, chunks) if statutory_ids.height else []
    as_of = decided.as_of
    parts: list[Outcome] = []
    statutory_results: list[tuple[Outcome, pl.DataFrame]] = []
    if parallel:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            max_workers=processes,
            mp_context=context,
            initializer=remember_calendars,
            initargs=(known_calendars(),),
        ) as pool:
            statutory_futures = [
                pool.submit(_run_statutory_task, task, as_of) for task in statutory_tasks
            ]
            full_futures = [
                pool.submit(_run_task, task, as_of, decided.with_protocol) for task in full_tasks
            ]
            parts.append(quiet_outcome(decided))
            statutory_results = [f.result() for f in statutory_futures]
            parts.extend(f.result() for f in full_futures)
    else:
        parts.append(quiet_outcome(decided))
        statutory_results = [_run_statutory_task(task, as_of) for task in statutory_tasks]
        parts.extend(_run_task(task, as_of, decided.with_protocol) for task in full_tasks)
    parts.extend(outcome for outcome, _ in statutory_results)
    if statutory_results and decided.with_protocol:
        parts.append(_statutory_protocol(decided, [d for _, d in statutory_results]))
    return parts


def _statutory_protocol(decided: Plan, details: list[pl.DataFrame]) -> Outcome:
    """The protocol of the pupils whose statutory rules the reference evaluated."""
    from leerrecht.batch.vectorised_protocol import evaluate_protocols

    t = decided.tables
    meldingen = pl.concat(details).join(
        t.pupils.select("pupil_id", pl.col("pix").cast(pl.Int64)), on="pupil_id", how="inner"
    )
    result = evaluate_protocols(t, decided.checks, decided.statutory, meldingen)
    overig, signals = _protocol_outcome(t, result.signals, result.meldingen, decided.statutory)
    return Outcome.build(meldingen=overig, signals=signals, sort=False)


def evaluate_frames(
    g: Frames, as_of: dt.date, with_protocol: bool = True, *, workers: int = 2
) -> Outcome:
    """The vectorised evaluation; equal to :func:`leerrecht.batch.reference.evaluate_reference`.

    From ``SPLIT_FROM`` pupils the schools are split into parts of about equal size, at least
    ``workers`` and at most about ``PART_PUPILS`` pupils each, evaluated in ``workers`` threads
    (every result depends on one pupil and its school, and the heavy array work releases the
    GIL); each thread runs the reference for its candidates in one worker process when they are
    many. Else ``workers`` processes run the reference for the candidates. The processes are
    started with 'spawn': a script that calls this needs the usual ``if __name__ ==
    "__main__":`` guard."""
    if workers > 1 and g.pupils.height >= SPLIT_FROM:
        labelled = _label_parts(g, max(workers, math.ceil(g.pupils.height / PART_PUPILS)))

        def run(i: int) -> list[Outcome]:
            part = labelled.part(i)
            if part is None:
                return []
            # one process for the reference when this part has many candidates
            return _finish_parts(plan(part, as_of, with_protocol), part, processes=1)

        with ThreadPoolExecutor(max_workers=workers) as pool:
            done = pool.map(run, range(labelled.parts))
            return Outcome.concat([outcome for outcomes in done for outcome in outcomes])
    return finish(plan(g, as_of, with_protocol), g, workers=workers)


@dataclass(frozen=True)
class SchoolPart:
    """Some schools with their pupils and absences (the absences numbered as in the whole
    table, so registrations keep their order)."""

    schools: pl.DataFrame
    pupils: pl.DataFrame
    absences: pl.DataFrame


def split_schools(g: Frames, parts: int) -> list[SchoolPart]:
    """The schools dealt into ``parts`` parts of about equal numbers of pupils (see
    :func:`_label_parts`)."""
    labelled = _label_parts(g, parts)
    return [part for i in range(parts) if (part := labelled.part(i)) is not None]


def _label_parts(g: Frames, parts: int) -> _Labelled:
    """The schools dealt into ``parts`` parts of about equal numbers of pupils (largest school
    first, into the smallest part), each with its pupils and absences in their original order.

    The part of an absence is looked up once per run of absences of the same pupil (they come
    grouped by pupil), not once per absence: one pass over the absences instead of a join per
    part."""
    sizes = g.pupils.group_by("school_id").len().sort("len", "school_id", descending=[True, False])
    load = [0] * parts
    part_of: dict[Any, int] = {}
    for school_id, size in sizes.iter_rows():
        i = load.index(min(load))
        part_of[school_id] = i
        load[i] += int(size)
    schools = g.schools.with_columns(
        pl.col("school_id")
        .cast(pl.String)
        .replace_strict(
            {str(k): v for k, v in part_of.items()}, default=None, return_dtype=pl.Int64
        )
        .alias("_part")
    )
    pupils = g.pupils.join(
        schools.select("school_id", "_part"), on="school_id", how="left", maintain_order="left"
    )
    absences = with_lines(g.absences)
    if pupils.get_column("pupil_id").is_unique().all():
        ids = absences.get_column("pupil_id")
        run = ids.rle_id()
        firsts = (
            absences.select("pupil_id")
            .with_columns(run.alias("_run"))
            .unique("_run", keep="first", maintain_order=True)
        )
        part_of_run = (
            firsts.join(pupils.select("pupil_id", "_part"), on="pupil_id", how="left")
            .sort("_run")
            .get_column("_part")
        )
        absences = absences.with_columns(part_of_run.gather(run).alias("_part"))
    else:  # the same pupil id in two schools: its absences go with each of them
        absences = absences.join(
            pupils.select("pupil_id", "_part"), on="pupil_id", how="inner", maintain_order="left"
        )
    return _Labelled(schools, pupils, absences, parts)


@dataclass(frozen=True)
class _Labelled:
    """Schools, pupils and absences with the number of their part (``_part``)."""

    schools: pl.DataFrame
    pupils: pl.DataFrame
    absences: pl.DataFrame
    parts: int

    def part(self, i: int) -> SchoolPart | None:
        """Part ``i`` (None when it has no pupils): a filter, cheaper than partition_by for a
        few parts, and run in the part's own thread."""
        pupils = self.pupils.filter(pl.col("_part") == i).drop("_part")
        if pupils.height == 0:
            return None
        return SchoolPart(
            schools=self.schools.filter(pl.col("_part") == i).drop("_part"),
            pupils=pupils,
            absences=self.absences.filter(pl.col("_part") == i).drop("_part"),
        )
