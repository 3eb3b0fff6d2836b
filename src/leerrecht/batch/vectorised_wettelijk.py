"""The 16-uur chain for all pupils at once: 16 uur in 4 lesweken, herhaalmeldingen and
langdurig relatief verzuim, the same meldingen as
:meth:`leerrecht.core.rules.wettelijk.WettelijkVerzuim.meldingen`, and the LRV thuiszitters of
:func:`leerrecht.core.rules.thuiszitter.thuiszitter_status`.

The rules (module docstring of core/rules/wettelijk.py): 16 hours of ongeoorloofd absence
within 4 consecutive lesweken is a melding on the day the 16 hours are reached (Lpw art. 21a;
seed 000 §1.2.2 "16 uur in 4 weken"); a herhaalmelding begins the day after the previous
einddatum and needs 16 hours within the 4 lesweken from there, else the chain ends and a later
16 hours is a new first melding (seed 000 §1.2.2 Herhaalmelding); a run of school days wholly
ongeoorloofd absent for more than 4 lesweken is langdurig relatief verzuim, open while the run
reaches the evaluation date (seed 000 §1.2.2 and bijlage 4; seed 002 §2b); 18 and older
without startkwalificatie the melding is 18+ verzuim. Days of luxe verzuim are not counted and a
window never spans one.

How. The *pool* of a pupil (the reference's ``WettelijkVerzuim.pool``: days with ongeoorloofd
hours, not luxe, on which a melding category applies) is a run of rows sorted by pupil and
day, with a global cumulative sum ``P`` of its whole seconds (strictly increasing: every pool
day has more than 0 seconds). For every row ``r`` the window of ``_earliest_reach`` without a
lower bound starts at ``lo[r]``: the first pool row of the pupil in the 4 lesweken up to ``r``
(lesweek slots, see :mod:`leerrecht.batch.vectorised`) and after the last luxe day before
``r``. ``lo`` never decreases, so with the bound "after the previous melding" (first row
``r0``) the window of row ``r`` is ``[max(lo[r], r0), r]`` and

- rows with ``lo[r] < r0`` (a prefix from ``r0``) reach 16 hours when ``P[r] - P[r0 - 1] >=
  16 h``, a search in ``P``;
- later rows reach it exactly where the unbounded window does (``hit0``), the next such row
  is looked up in an array.

A herhaalmelding from day ``b`` is one search in ``P`` (the first row from ``b`` whose sum from
``b`` reaches 16 hours), valid when that row lies within the 4 lesweken from the first school
day on or after ``b`` and no luxe day lies in between (both only grow with the row, as in
``_reach_from``). Each round gives every pupil its next melding (a herhaalmelding, else the
first reach, unless an LRV run reaches its LRV day first), so the rounds are as many as the
longest chain, each a handful of searches over the pupils still in it.

Exactness. Sums are compared in whole seconds. The reference compares floats with ``>= 16 -
1e-9``; that is the same decision as ``>= 57,600`` seconds as long as its float sums are within
1e-9 hours of the whole-second sums. This module is only used for pupils whose hours and
lesson times are within 1e-9 seconds of whole seconds and with at most ``MAX_REGISTRATIONS``
registrations (:func:`exact_pupils`): their deviation is below 3e-13 hours per term, far below
1e-9 over any window. Reported hours: a herhaalmelding and an LRV melding sum the pool hours
from left to right, as here (:func:`leerrecht.batch.vectorised.running_float_sum`); the first
melding's sum comes from the reference's window that adds and drops days. Rounded to 2
decimals (the outcome's precision) only a whole-second sum exactly halfway between two
hundredths (seconds = 18 modulo 36) can round differently from the exact value; those are
replayed in the reference's order, in Python (a handful, if any: minutes and quarter hours never
give them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import polars as pl

from leerrecht.batch.vectorised import (
    DAY_BITS,
    SLOT_BITS,
    TICKS,
    WINDOW_SLOTS,
    BoolArray,
    FloatArray,
    IntArray,
    Tables,
    _runs,
    day_number,
    from_day_number,
    running_float_sum,
)
from leerrecht.core.rules.thuiszitter import add_months
from leerrecht.core.rules.wettelijk import THRESHOLD_HOURS

THRESHOLD = round(THRESHOLD_HOURS * TICKS)  # 57,600 seconds
DAY_MASK = (1 << DAY_BITS) - 1
NONE = -1  # no day: ``after`` before the first melding (dt.date.min), no chain
#: Pupils with more registrations go to the reference (see the exactness argument above).
MAX_REGISTRATIONS = 2000
#: Hours farther from whole seconds than this (in seconds) go to the reference.
WHOLE_SECONDS = 1e-9

#: Per melding: what the outcome and the protocol steps read of it.
CHAIN_SCHEMA: dict[str, type[pl.DataType] | pl.DataType] = {
    "pix": pl.Int64,
    "soort": pl.String,
    "begin": pl.Int64,
    "end": pl.Int64,  # null: an LRV melding without einddatum
    "hours": pl.Float64,
    "due": pl.Date,
    "reached": pl.Int64,
    "sequence": pl.Int64,
    "rule": pl.String,
    "first_absence": pl.Int64,  # null: an LRV melding without pool days
    "chain": pl.Int64,  # the melding's place in the pupil's chain
}


def exact_pupils(t: Tables) -> BoolArray:
    """Pupils whose 16-uur decisions this module makes exactly as the reference (see the
    module docstring): hours within ``WHOLE_SECONDS`` of whole seconds (registrations and the
    lesson times of the calendar) and at most ``MAX_REGISTRATIONS`` registrations."""
    off = np.abs(np.nan_to_num(t.r_hours * TICKS, nan=0.0) - t.r_ticks) > WHOLE_SECONDS
    result: BoolArray = np.ones(t.n_pupils, dtype=np.bool_)
    result[t.r_pix[off]] = False
    result &= np.bincount(t.r_pix, minlength=t.n_pupils) <= MAX_REGISTRATIONS
    cals = t.cals
    exact_cal = np.ones(len(cals.calendars), dtype=np.bool_)
    for c, calendar in enumerate(cals.calendars):
        exact_cal[c] = all(
            abs(h * TICKS - round(h * TICKS)) <= WHOLE_SECONDS for h in calendar.hours.values()
        )
    result &= exact_cal[t.p_cal]
    return result


# -- runs of wholly absent school days --------------------------------------------------------


@dataclass
class Streaks:
    """The runs of :meth:`PupilTimeline.streaks` that last more than 4 lesweken (their
    ``lrv_day`` is set), sorted by pupil and start; the days as day numbers."""

    pix: IntArray
    start: IntArray
    end: IntArray
    lrv_day: IntArray
    ongoing: BoolArray
    day: BoolArray  # per pupil-day row: the day lies in such a run


def long_streaks(t: Tables, members: BoolArray) -> Streaks:
    """Runs of consecutive school days (vacations bridged), each wholly ongeoorloofd absent,
    longer than 4 lesweken, of the ``members``. ``lrv_day``: the first day not within 4
    lesweken of the start; ``ongoing``: the run reaches the last school day up to the
    evaluation date (core/timeline.py)."""
    cals = t.cals
    rows = np.flatnonzero(members[t.d_pix])
    pix, gsd = t.d_pix[rows], t.d_gsd[rows]
    sched = cals.sd_ticks[gsd]
    whole = np.flatnonzero((sched > 0) & (t.ong_absent_ticks[rows] >= sched))
    first, last, _ = _runs(pix[whole], gsd[whole])
    run_pix = pix[whole[first]]
    start_gsd, end_gsd = gsd[whole[first]], gsd[whole[last]]
    lrv_gsd = cals.first_slot_at_least(t.p_cal[run_pix], cals.sd_slot[start_gsd] + WINDOW_SLOTS)
    long = (lrv_gsd >= 0) & (lrv_gsd <= end_gsd)
    day = np.zeros(len(t.d_pix), dtype=np.bool_)
    if long.any():
        lengths = (last - first + 1)[long]
        offsets = np.repeat(first[long], lengths) + (
            np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        )
        day[rows[whole[offsets]]] = True
    return Streaks(
        pix=run_pix[long],
        start=cals.sd_day[start_gsd[long]],
        end=cals.sd_day[end_gsd[long]],
        lrv_day=cals.sd_day[lrv_gsd[long]],
        ongoing=end_gsd[long] == cals.last_gsd[t.p_cal[run_pix[long]]],
        day=day,
    )


def lrv_thuiszitters(t: Tables, streaks: Streaks, absoluut: BoolArray) -> pl.DataFrame:
    """Thuiszitters LRV 2a / 2b (core/rules/thuiszitter.py; seed 003 §7): a leer- or
    kwalificatieplichtige pupil in an ongoing run past its LRV day, unless absoluut verzuim
    applies. 2b when the evaluation date is more than three months after the run's start."""
    as_of = day_number(t.as_of)
    lp = t._lp
    pix, start = streaks.pix, streaks.start
    plichtig = ((lp["start"][pix] <= as_of) & (as_of <= lp["full_end"][pix])) | (
        (lp["full_end"][pix] < as_of) & (as_of <= lp["kwal_end"][pix])
    )
    keep = streaks.ongoing & (streaks.lrv_day <= as_of) & plichtig & ~absoluut[pix]
    pix, start = pix[keep], start[keep]
    unique, inverse = np.unique(start, return_inverse=True)
    three = (
        np.asarray(
            [day_number(add_months(from_day_number(int(d)), 3)) for d in unique.tolist()],
            dtype=np.int64,
        )[inverse]
        if len(unique)
        else np.zeros(0, dtype=np.int64)
    )
    return pl.DataFrame(
        {
            "pix": pix,
            "group": np.where(as_of > three, "2b", "2a") if len(pix) else [],
            "since": start,
        },
        schema={"pix": pl.Int64, "group": pl.String, "since": pl.Int64},
    )


# -- the chain --------------------------------------------------------------------------------


@dataclass
class Chain:
    """The chain meldingen of the members (see CHAIN_SCHEMA) and, per pupil, the end of the
    last one (the evaluation date for an open LRV melding; -1 none): the lopende uren count
    after it."""

    meldingen: pl.DataFrame
    covered_until: IntArray
    replayed: int = 0
    rounds: int = 0


@dataclass
class _Pool:
    pix: IntArray
    day: IntArray
    slot: IntArray
    hours: FloatArray
    cum: IntArray  # P: cumulative seconds, global
    before: IntArray  # P of the previous row (P - seconds)
    day_key: IntArray  # pix << DAY_BITS | day, strictly increasing
    lo: IntArray  # first row of the unbounded window
    next_hit: IntArray  # the first row >= i whose unbounded window holds 16 hours (len: n + 1)

    def first_from(self, pix: IntArray, day: IntArray, side: Literal["left", "right"]) -> IntArray:
        """The first row of ``pix`` with a day >= ``day`` ('left') or > ``day`` ('right')."""
        result: IntArray = np.searchsorted(self.day_key, (pix << DAY_BITS) | day, side=side)
        return result


def _pool(t: Tables, members: BoolArray, luxe_day: BoolArray) -> tuple[_Pool, IntArray]:
    """The pool rows of the members, and the sorted keys of their luxe days."""
    cals = t.cals
    rows = np.flatnonzero(members[t.d_pix] & (t.ong_ticks > 0) & ~luxe_day)
    rows = rows[t.category(t.d_pix[rows], t.d_day[rows])]
    pix, day, gsd = t.d_pix[rows], t.d_day[rows], t.d_gsd[rows]
    slot = cals.sd_slot[gsd]
    seconds = np.minimum(t.ong_ticks[rows], cals.sd_ticks[gsd])
    cum = np.cumsum(seconds)
    before = cum - seconds
    day_key = (pix << DAY_BITS) | day
    slot_key = (pix << SLOT_BITS) | slot
    first_of_pupil = np.searchsorted(pix, pix, side="left")
    lo = np.searchsorted(
        slot_key, (pix << SLOT_BITS) | np.maximum(slot - WINDOW_SLOTS + 1, 0), side="left"
    )
    lux = np.flatnonzero(luxe_day & members[t.d_pix])
    luxe_key = (t.d_pix[lux] << DAY_BITS) | t.d_day[lux]
    if len(luxe_key):
        i = np.searchsorted(luxe_key, day_key, side="right") - 1
        last_luxe = luxe_key[np.maximum(i, 0)]
        has = (i >= 0) & ((last_luxe >> DAY_BITS) == pix)
        after_luxe = np.searchsorted(day_key, last_luxe, side="right")
        lo = np.maximum(lo, np.where(has, after_luxe, first_of_pupil))
    n = len(rows)
    hit = cum - before[lo] >= THRESHOLD if n else np.zeros(0, dtype=np.bool_)
    next_hit = np.full(n + 1, n, dtype=np.int64)
    if n:
        next_hit[:n] = np.minimum.accumulate(np.where(hit, np.arange(n), n)[::-1])[::-1]
    pool = _Pool(pix, day, slot, t.ong_hours[rows], cum, before, day_key, lo, next_hit)
    return pool, luxe_key


def _range_sums(values: FloatArray, lo: IntArray, hi: IntArray) -> FloatArray:
    """Left-to-right float sums of ``values[lo:hi]`` per range (0.0 for an empty range)."""
    lengths = np.maximum(hi - lo, 0)
    total = int(lengths.sum())
    result = np.zeros(len(lo), dtype=np.float64)
    if total == 0:
        return result
    segment = np.repeat(np.arange(len(lo)), lengths)
    position = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    starts = position == 0
    sums = running_float_sum(values[lo[segment] + position], starts)
    ends = np.cumsum(lengths) - 1
    filled = lengths > 0
    result[filled] = sums[ends[filled]]
    return result


def _replay_first(pool: _Pool, r0: int, reach: int) -> float:
    """The float total of ``_earliest_reach`` at row ``reach``, its window bounded below by
    row ``r0``: days added and dropped in the reference's order."""
    total = 0.0
    front = r0
    for r in range(r0, reach + 1):
        total += float(pool.hours[r])
        limit = max(int(pool.lo[r]), r0)
        while front < limit:
            total -= float(pool.hours[front])
            front += 1
    return total


def evaluate_chain(t: Tables, members: BoolArray, luxe_day: BoolArray, streaks: Streaks) -> Chain:
    """The meldingen of ``WettelijkVerzuim.meldingen`` for the ``members`` (pupils of
    :func:`exact_pupils` without anomalies), given their luxe days and long runs."""

    cals = t.cals
    pool, luxe_key = _pool(t, members, luxe_day)
    n_rows = len(pool.pix)
    m = np.flatnonzero(members)
    first_row = np.searchsorted(pool.pix, m, side="left")
    end_row = np.searchsorted(pool.pix, m, side="right")
    s_key = (streaks.pix << DAY_BITS) | streaks.lrv_day
    after = np.full(len(m), NONE, dtype=np.int64)
    chain_end = np.full(len(m), NONE, dtype=np.int64)
    sequence = np.zeros(len(m), dtype=np.int64)
    count = np.zeros(len(m), dtype=np.int64)
    active = np.ones(len(m), dtype=np.bool_)
    parts: list[dict[str, np.ndarray]] = []
    replay: list[tuple[int, int, int, int]] = []  # part, index, r0, reach
    rounds = 0
    while active.any():
        rounds += 1
        a = np.flatnonzero(active)
        pix, lo_row, hi_row = m[a], first_row[a], end_row[a]
        k = len(a)
        found = np.zeros(k, dtype=np.bool_)
        herhaal = np.zeros(k, dtype=np.bool_)
        c_begin = np.zeros(k, dtype=np.int64)  # the melding's begin (a day number)
        c_first = np.zeros(k, dtype=np.int64)  # its first pool row
        c_reach = np.zeros(k, dtype=np.int64)  # the row 16 hours are reached
        c_r0 = np.zeros(k, dtype=np.int64)

        # a herhaalmelding from the day after the previous einddatum (_reach_from)
        h = np.flatnonzero(chain_end[a] != NONE) if n_rows else np.zeros(0, dtype=np.int64)
        if len(h):
            begin = chain_end[a[h]] + 1
            ib = pool.first_from(pix[h], begin, "left")
            ok = ib < hi_row[h]
            ib_ = np.minimum(ib, max(n_rows - 1, 0))
            reach = np.searchsorted(pool.cum, pool.before[ib_] + THRESHOLD, side="left")
            ok &= reach < hi_row[h]
            reach_ = np.minimum(reach, max(n_rows - 1, 0))
            anchor = cals.first_on_or_after(t.p_cal[pix[h]], begin)
            ok &= anchor >= 0
            ok &= pool.slot[reach_] < cals.sd_slot[np.maximum(anchor, 0)] + WINDOW_SLOTS
            if len(luxe_key):
                j = np.searchsorted(luxe_key, (pix[h] << DAY_BITS) | begin, side="left")
                next_luxe = luxe_key[np.minimum(j, len(luxe_key) - 1)]
                blocked = (
                    (j < len(luxe_key))
                    & ((next_luxe >> DAY_BITS) == pix[h])
                    & ((next_luxe & DAY_MASK) <= pool.day[reach_])
                )
                ok &= ~blocked
            hh = h[ok]
            found[hh] = herhaal[hh] = True
            c_begin[hh] = begin[ok]
            c_first[hh] = ib[ok]
            c_reach[hh] = reach[ok]

        # else the first day 16 hours are reached after the previous melding (_earliest_reach)
        e = np.flatnonzero(~found) if n_rows else np.zeros(0, dtype=np.int64)
        if len(e):
            prev = after[a[e]]
            r0 = np.where(
                prev == NONE,
                lo_row[e],
                pool.first_from(pix[e], np.maximum(prev, 0), "right"),
            )
            ok = r0 < hi_row[e]
            r0_ = np.minimum(r0, max(n_rows - 1, 0))
            bounded = np.searchsorted(pool.cum, pool.before[r0_] + THRESHOLD, side="left")
            free = np.searchsorted(pool.lo, r0, side="left")  # rows from here: lo >= r0
            reach = np.where(bounded < free, bounded, pool.next_hit[np.minimum(free, n_rows)])
            ok &= reach < hi_row[e]
            ee, r0, reach = e[ok], r0[ok], reach[ok]
            window = np.maximum(pool.lo[reach], r0)
            found[ee] = True
            c_begin[ee] = pool.day[window]
            c_first[ee] = window
            c_reach[ee] = reach
            c_r0[ee] = r0

        # an LRV run whose LRV day comes first (not later than the 16 hours)
        use_lrv = np.zeros(k, dtype=np.bool_)
        q_ = np.zeros(k, dtype=np.int64)
        if len(s_key):
            prev = after[a]
            q = np.searchsorted(s_key, (pix << DAY_BITS) | np.maximum(prev, 0), side="right")
            q = np.where(prev == NONE, np.searchsorted(streaks.pix, pix, side="left"), q)
            q_ = np.minimum(q, len(s_key) - 1)
            has_lrv = (q < len(s_key)) & (streaks.pix[q_] == pix)
            c_end_day = pool.day[c_reach] if n_rows else c_reach
            use_lrv = has_lrv & (~found | (streaks.lrv_day[q_] <= c_end_day))
        zestien = found & ~use_lrv

        if zestien.any():
            z = np.flatnonzero(zestien)
            zp = pix[z]
            first, reach = c_first[z], c_reach[z]
            seconds = pool.cum[reach] - pool.before[first]
            hours = seconds / TICKS
            again = herhaal[z]
            if again.any():
                hours[again] = _range_sums(pool.hours, first[again], reach[again] + 1)
            seq = np.where(again, sequence[a[z]] + 1, 1)
            kind = t.category_kind(zp, c_begin[z])
            end_day = pool.day[reach]
            part = {
                "pix": zp,
                "soort": np.where(kind == 2, "18plus", "16_uur"),
                "begin": c_begin[z],
                "end": end_day,
                "hours": hours,
                "reached": end_day,
                "sequence": seq,
                "rule": np.where(again, "herhaalmelding", "wettelijk_verzuim_16_uur"),
                "first_absence": pool.day[first],
                "chain": count[a[z]],
            }
            boundary = np.flatnonzero(~again & (seconds % 36 == 18))
            for i in boundary.tolist():
                replay.append((len(parts), i, int(c_r0[z][i]), int(reach[i])))
            parts.append(part)
            sequence[a[z]] = seq
            after[a[z]] = end_day
            chain_end[a[z]] = end_day
            count[a[z]] += 1

        if use_lrv.any():
            u = np.flatnonzero(use_lrv)
            up, s = pix[u], q_[u]
            prev = after[a[u]]
            start = streaks.start[s]
            begin = np.where(prev == NONE, start, np.maximum(start, prev + 1))
            kind = t.category_kind(up, begin)
            lo = pool.first_from(up, begin, "left")
            hi = pool.first_from(up, streaks.end[s], "right")
            ongoing = streaks.ongoing[s]
            emit = kind > 0
            if emit.any():
                w = np.flatnonzero(emit)
                has_days = hi[w] > lo[w]
                parts.append(
                    {
                        "pix": up[w],
                        "soort": np.where(kind[w] == 2, "18plus", "lrv"),
                        "begin": begin[w],
                        "end": np.where(ongoing[w], NONE, streaks.end[s[w]]),
                        "hours": _range_sums(pool.hours, lo[w], hi[w]),
                        "reached": streaks.lrv_day[s[w]],
                        "sequence": np.ones(len(w), dtype=np.int64),
                        "rule": np.full(len(w), "langdurig_relatief_verzuim"),
                        "first_absence": np.where(
                            has_days, pool.day[np.minimum(lo[w], n_rows - 1)], NONE
                        )
                        if n_rows
                        else np.full(len(w), NONE, dtype=np.int64),
                        "chain": count[a[u[w]]],
                    }
                )
                count[a[u[w]]] += 1
            active[a[u[ongoing]]] = False
            going = ~ongoing
            after[a[u[going]]] = streaks.end[s[going]]
            chain_end[a[u[going]]] = NONE
            sequence[a[u[going]]] = 0

        active[a[~(zestien | use_lrv)]] = False

    for part_index, i, low, row in replay:
        parts[part_index]["hours"][i] = _replay_first(pool, low, row)
    return _chain(t, parts, len(replay), rounds)


def _chain(t: Tables, parts: list[dict[str, np.ndarray]], replayed: int, rounds: int) -> Chain:
    from leerrecht.batch.vectorised_protocol import due_dates

    columns = [c for c in CHAIN_SCHEMA if c != "due"]
    if parts:
        data = {c: np.concatenate([p[c] for p in parts]) for c in columns}
    else:
        data = {c: np.zeros(0, dtype=np.int64) for c in columns}
        data["soort"] = data["rule"] = np.zeros(0, dtype=np.str_)
        data["hours"] = np.zeros(0, dtype=np.float64)
    frame = pl.DataFrame(
        {**{c: data[c] for c in columns}, "due": due_dates(data["reached"].astype(np.int64))},
    ).with_columns(
        pl.when(pl.col(c) == NONE).then(None).otherwise(pl.col(c)).alias(c)
        for c in ("end", "first_absence")
    )
    frame = frame.select([pl.col(c).cast(dtype) for c, dtype in CHAIN_SCHEMA.items()])
    frame = frame.sort("pix", "chain")
    as_of = day_number(t.as_of)
    covered = np.full(t.n_pupils, -1, dtype=np.int64)
    if frame.height:
        pix = np.asarray(frame.get_column("pix").to_numpy(), dtype=np.int64)
        end = np.asarray(frame.get_column("end").fill_null(as_of).to_numpy(), dtype=np.int64)
        np.maximum.at(covered, pix, end)
    return Chain(meldingen=frame, covered_until=covered, replayed=replayed, rounds=rounds)


__all__ = [
    "CHAIN_SCHEMA",
    "Chain",
    "Streaks",
    "evaluate_chain",
    "exact_pupils",
    "long_streaks",
    "lrv_thuiszitters",
]
