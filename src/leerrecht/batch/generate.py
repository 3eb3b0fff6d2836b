"""Synthetic absence data for N pupils over a full school year (``leerrecht generate``).

Everything is drawn at once with numpy's random Generator and assembled with Polars: the number
of registrations per pupil and their days are sampled per *event* (a sick spell, a truancy
episode, a late arrival), never by looping over pupils or pupil-days, so a million pupils take
seconds. The same seed and arguments give identical frames.

Registrations fall only on school days of the shipped OCW calendar of the school's region
(:func:`leerrecht.core.vacations.shipped_vacations`) with the Dutch public holidays closed, and
only within the pupil's enrolment. The distributions are documented in docs/performance.md
("Synthetische data").

The frames follow the batch API agreed for issue 6:

- ``schools``: school_id, name, brin, sector (po/vo), region (noord/midden/zuid), protocol
  (may be ""), hours_mon .. hours_fri;
- ``pupils``: pupil_id (unique over all schools), school_id, first_name, last_name, birth_date,
  enrolled_from, enrolled_until, municipality, startkwalificatie, exit_reason,
  next_enrolment_from;
- ``absences``: pupil_id, date, moment ("dag" or lesson "1".."8"), kind (absent/late), reason
  (:class:`leerrecht.core.absence.Reason`), hours (null = the whole day).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt
import polars as pl

from leerrecht.core.absence import Reason
from leerrecht.core.calendar import WEEKDAYS, SchoolCalendar, build_calendar
from leerrecht.core.vacations import Region, load_shipped, shipped_vacations

Format = Literal["parquet", "csv"]
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: Lesson length in VO (45 minutes): a VO day of 6 hours has 8 lessons.
VO_LESSON_HOURS = 0.75
#: Weekly timetables (mon..fri, clock hours). Quarter hours keep all sums exact in binary.
PO_TIMETABLES: tuple[tuple[float, ...], ...] = (
    (5.5, 5.5, 3.75, 5.5, 5.5),
    (5.75, 5.75, 3.75, 5.75, 3.5),
)
VO_TIMETABLES: tuple[tuple[float, ...], ...] = (
    (6.0, 6.0, 6.0, 6.0, 6.0),
    (6.0, 6.0, 4.5, 6.0, 5.25),
)
SECTOR_PO_SHARE = 0.6

#: Regional protocols per (region, sector); one school in five uses none.
PROTOCOLS: dict[tuple[str, str], tuple[str, ...]] = {
    ("zuid", "po"): ("parkstad-po",),
    ("zuid", "vo"): ("school-vo-voorbeeld",),
    ("midden", "po"): ("holland-rijnland",),
    ("midden", "vo"): ("holland-rijnland", "school-vo-voorbeeld"),
    ("noord", "po"): ("twente-po", "ijssel-vecht"),
    ("noord", "vo"): ("ijssel-vecht",),
}
NO_PROTOCOL_SHARE = 0.2

MUNICIPALITIES: dict[str, tuple[str, ...]] = {
    "noord": ("Groningen", "Leeuwarden", "Assen", "Zwolle", "Enschede", "Hengelo", "Almelo",
              "Deventer", "Kampen", "Emmen", "Amsterdam", "Haarlem", "Lelystad", "Almere"),
    "midden": ("Utrecht", "Amersfoort", "Leiden", "Katwijk", "Alphen aan den Rijn", "Den Haag",
               "Rotterdam", "Zoetermeer", "Gouda", "Arnhem", "Nijmegen", "Ede"),
    "zuid": ("Heerlen", "Kerkrade", "Landgraaf", "Brunssum", "Maastricht", "Sittard-Geleen",
             "Venlo", "Roermond", "Eindhoven", "Tilburg", "Breda", "Middelburg"),
}  # fmt: skip
FIRST_NAMES = (
    "Emma", "Noah", "Julia", "Liam", "Mila", "Luca", "Sophie", "Sem", "Tess", "Lucas", "Zoë",
    "Finn", "Sara", "Daan", "Nora", "Levi", "Yara", "Milan", "Evi", "Bram", "Anna", "Mees",
    "Saar", "Thijs", "Lotte", "Adam", "Fleur", "Mohamed", "Lina", "Sami", "Noor", "Jesse",
    "Isa", "Ryan", "Fenna", "Max", "Amira", "Ruben", "Hannah", "Ayoub",
)  # fmt: skip
LAST_NAMES = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "Yilmaz",
    "El Amrani", "Nguyen", "Kaya", "van der Meer", "Kramer", "Hoekstra", "Willems",
)  # fmt: skip
PO_NAMES = ("Basisschool", "OBS", "CBS", "Kindcentrum", "Montessorischool", "Daltonschool")
VO_NAMES = ("College", "Lyceum", "Scholengemeenschap", "Gymnasium", "Mavo", "Campus")
SCHOOL_WORDS = (
    "De Linde", "Het Kompas", "De Regenboog", "De Wilgen", "Het Baken", "De Vlinder",
    "Sint Jozef", "De Horizon", "Het Palet", "De Springplank", "Erasmus", "Da Vinci",
    "Spinoza", "Het Noorderlicht", "De Eik", "Vincent van Gogh", "Anne Frank", "De Zonnewijzer",
)  # fmt: skip

# -- the patterns: shares per sector (po, vo), see docs/performance.md -----------------------

#: Mutually exclusive profiles; the rest of the pupils are 'gewoon'.
PROFILES = (
    "gewoon",
    "laatkomer",
    "spijbelaar",
    "spijbelaar_zwaar",
    "langdurig_ziek",
    "thuiszitter",
)
PROFILE_SHARES: dict[str, tuple[float, float]] = {
    "laatkomer": (0.04, 0.06),
    "spijbelaar": (0.008, 0.03),
    "spijbelaar_zwaar": (0.002, 0.012),
    "langdurig_ziek": (0.01, 0.01),
    "thuiszitter": (0.002, 0.005),
}
SICK_SPELLS_PER_YEAR = (3.0, 2.5)
SICK_NIET_GEMELD_SHARE = 0.03
ARTS_PER_YEAR = 0.8
LATE_PER_YEAR = 1.5
LATE_PER_YEAR_LAATKOMER = 30.0
LATE_MINUTES = np.array([5, 10, 15, 20, 30, 45, 60])
LATE_MINUTES_P = np.array([0.3, 0.25, 0.2, 0.1, 0.08, 0.05, 0.02])
LATE_UNKNOWN_SHARE = 0.15
LOOSE_TRUANCY_PER_YEAR = (0.05, 0.3)
TRUANCY_EPISODES_PER_YEAR = 10.0
BAD_PERIOD_DAYS = (30, 70)
BAD_PERIOD_DAILY_P = 0.45
LUXE_SHARE = 0.03
VERLOF_SHARE = 0.02
OVERIG_SHARE = 0.01
SCHORSING_SHARE = (0.0005, 0.003)
LEAVER_NEW_SCHOOL_SHARE = 0.02
LEAVER_EMIGRATIE_SHARE = 0.005
LEAVER_ABSOLUUT_SHARE = 0.001
ENTRANT_SHARE = 0.02

# Priority when two generated registrations fall on the same pupil-day and moment: the higher
# wins; a whole-day absence removes every other registration of that day.
PRIO_THUISZITTER = 9
PRIO_SCHORSING = 8
PRIO_LANGDURIG_ZIEK = 7
PRIO_LUXE = 6
PRIO_VERLOF = 5
PRIO_ZIEK = 4
PRIO_SPIJBEL = 3
PRIO_OVERIG = 2
PRIO_ARTS = 1
PRIO_LATE = 0

REASONS = tuple(r.value for r in Reason)
KINDS = ("absent", "late")
MOMENTS = ("dag", "1", "2", "3", "4", "5", "6", "7", "8")
R = {r: i for i, r in enumerate(Reason)}
ABSENT, LATE = 0, 1
DAG = 0


@dataclass(frozen=True)
class Generated:
    """Synthetic data: three Polars frames, the evaluation date and the school year."""

    schools: pl.DataFrame
    pupils: pl.DataFrame
    absences: pl.DataFrame
    as_of: dt.date
    school_year: int


class GenerateError(ValueError):
    """Bad arguments for :func:`generate` (a Dutch message naming the argument)."""

    def __init__(self, argument: str, message: str) -> None:
        self.argument = argument
        self.message = message
        super().__init__(f"{argument}: {message}")


SCHOOL_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "school_id": pl.String,
    "name": pl.String,
    "brin": pl.String,
    "sector": pl.String,
    "region": pl.String,
    "protocol": pl.String,
    **{f"hours_{d}": pl.Float64 for d in WEEKDAYS},
}
PUPIL_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
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
ABSENCE_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "pupil_id": pl.String,
    "date": pl.Date,
    "moment": pl.String,
    "kind": pl.String,
    "reason": pl.String,
    "hours": pl.Float64,
}


def shipped_school_years() -> list[int]:
    """The school years (start year) with shipped vacation dates."""
    return sorted(load_shipped())


@lru_cache(maxsize=64)
def school_calendar(region: str, hours: tuple[float, ...]) -> SchoolCalendar:
    """The calendar of a generated school: the shipped OCW vacations of its region, the public
    holidays closed, no other closed days; the same calendar the batch loader builds from the
    generated school.toml."""
    vacations, years = shipped_vacations(Region(region))
    return build_calendar(dict(enumerate(hours)), vacations, [], years)


# -- days of one calendar as arrays ----------------------------------------------------------


@dataclass(frozen=True)
class _Days:
    """School days of one calendar in the generated school year, as arrays (index = day)."""

    epoch_days: IntArray  # days since 1970-01-01
    hours: FloatArray
    lessons: IntArray  # VO lessons that day (0 for PO)
    weight: FloatArray  # seasonal weight for sickness
    boundary_day: IntArray  # days next to a vacation ...
    boundary_side: IntArray  # ... -1 = last day before it, +1 = first day after it


def _days(calendar: SchoolCalendar, school_year: int, vo: bool) -> _Days:
    start = dt.date(school_year, 8, 1)
    end = dt.date(school_year + 1, 7, 31)
    days = calendar.school_days_between(start, end)
    epoch = dt.date(1970, 1, 1)
    hours = np.array([calendar.hours[d.weekday()] for d in days], dtype=np.float64)
    lessons = (
        np.round(hours / VO_LESSON_HOURS).astype(np.int64) if vo else np.zeros(len(days), np.int64)
    )
    # Seasonal sickness: a cosine over the year peaking mid-January (1.6x), lowest mid-July.
    phase = np.array([(d - dt.date(d.year, 1, 15)).days for d in days], dtype=np.float64)
    weight = 1.0 + 0.6 * np.cos(2 * np.pi * phase / 365.25)
    boundary_day: list[int] = []
    boundary_side: list[int] = []
    for i, day in enumerate(days):
        if calendar.vacation_after(day) is not None:
            boundary_day.append(i)
            boundary_side.append(-1)
        if calendar.vacation_before(day) is not None:
            boundary_day.append(i)
            boundary_side.append(1)
    return _Days(
        epoch_days=np.array([(d - epoch).days for d in days], dtype=np.int64),
        hours=hours,
        lessons=lessons,
        weight=weight,
        boundary_day=np.array(boundary_day, dtype=np.int64),
        boundary_side=np.array(boundary_side, dtype=np.int64),
    )


class _Calendars:
    """The calendars of all generated schools stacked (padded) so rows index them at once."""

    def __init__(self, days: Sequence[_Days]) -> None:
        n = len(days)
        width = max(len(d.epoch_days) for d in days)
        self.count = np.array([len(d.epoch_days) for d in days], dtype=np.int64)
        self.epoch = np.zeros((n, width), dtype=np.int64)
        self.hours = np.zeros((n, width), dtype=np.float64)
        self.lessons = np.zeros((n, width), dtype=np.int64)
        cdf_parts: list[FloatArray] = []
        boundary_days: list[IntArray] = []
        boundary_sides: list[IntArray] = []
        self.cdf_offset = np.zeros(n, dtype=np.int64)
        self.boundary_offset = np.zeros(n, dtype=np.int64)
        self.boundary_count = np.zeros(n, dtype=np.int64)
        position = 0
        boundary_position = 0
        for g, d in enumerate(days):
            k = len(d.epoch_days)
            self.epoch[g, :k] = d.epoch_days
            self.hours[g, :k] = d.hours
            self.lessons[g, :k] = d.lessons
            cdf = np.cumsum(d.weight) / d.weight.sum()
            cdf[-1] = 1.0
            cdf_parts.append(cdf + g)  # shifted by g: one searchsorted serves every calendar
            self.cdf_offset[g] = position
            position += k
            boundary_days.append(d.boundary_day)
            boundary_sides.append(d.boundary_side)
            self.boundary_offset[g] = boundary_position
            self.boundary_count[g] = len(d.boundary_day)
            boundary_position += len(d.boundary_day)
        self.cdf = np.concatenate(cdf_parts)
        self.boundary_day = np.concatenate(boundary_days)
        self.boundary_side = np.concatenate(boundary_sides)

    def seasonal_day(self, rng: np.random.Generator, group: IntArray) -> IntArray:
        """A school day per row, drawn with the seasonal (winter-heavy) weights."""
        u = rng.random(len(group))
        position = np.searchsorted(self.cdf, group + u, side="right")
        day: IntArray = np.minimum(position - self.cdf_offset[group], self.count[group] - 1)
        return day

    def uniform_day(
        self, rng: np.random.Generator, group: IntArray, lo: IntArray | int = 0, hi_gap: int = 0
    ) -> IntArray:
        """A school day per row, uniform in [lo, count - hi_gap)."""
        lo_arr = np.broadcast_to(np.asarray(lo, dtype=np.int64), group.shape)
        span = np.maximum(self.count[group] - hi_gap - lo_arr, 1)
        day: IntArray = lo_arr + np.floor(rng.random(len(group)) * span).astype(np.int64)
        return day


# -- collecting registrations ----------------------------------------------------------------


class _Rows:
    """Generated registrations as parallel integer arrays, before conflicts are resolved."""

    def __init__(self) -> None:
        self.parts: list[
            tuple[IntArray, IntArray, IntArray, IntArray, IntArray, FloatArray, int]
        ] = []

    def add(
        self,
        pupil: IntArray,
        day: IntArray,
        moment: IntArray | int,
        kind: int,
        reason: IntArray | int,
        hours: FloatArray | float,
        priority: int,
    ) -> None:
        n = len(pupil)
        if n == 0:
            return
        self.parts.append(
            (
                pupil.astype(np.int64),
                day.astype(np.int64),
                np.broadcast_to(np.asarray(moment, dtype=np.int64), (n,)).copy(),
                np.full(n, kind, dtype=np.int64),
                np.broadcast_to(np.asarray(reason, dtype=np.int64), (n,)).copy(),
                np.broadcast_to(np.asarray(hours, dtype=np.float64), (n,)).copy(),
                priority,
            )
        )

    def column(self, i: int) -> npt.NDArray[np.generic]:
        return np.concatenate([part[i] for part in self.parts]) if self.parts else np.zeros(0)

    def priorities(self) -> IntArray:
        if not self.parts:
            return np.zeros(0, dtype=np.int64)
        return np.concatenate(
            [np.full(len(part[0]), part[6], dtype=np.int64) for part in self.parts]
        )


def _expand(lengths: IntArray) -> tuple[IntArray, IntArray]:
    """For events with ``lengths``: the event index of every row and the offset within it."""
    lengths = np.maximum(lengths, 0)
    index = np.repeat(np.arange(len(lengths)), lengths)
    starts = np.cumsum(lengths) - lengths
    offset = np.arange(int(lengths.sum())) - np.repeat(starts, lengths)
    return index, offset


def _events(rng: np.random.Generator, rate: FloatArray | float, pupils: IntArray) -> IntArray:
    """Pupil index repeated by a Poisson number of events per pupil."""
    counts = rng.poisson(rate, size=len(pupils))
    return np.repeat(pupils, counts)


# -- generation ------------------------------------------------------------------------------


def generate(
    pupils: int, seed: int, school_year: int = 2025, pupils_per_school: int = 500
) -> Generated:
    """Generate ``pupils`` pupils in schools of ``pupils_per_school`` over ``school_year``
    (the start year: 2025 is 2025-2026). Same arguments, same frames."""
    if isinstance(pupils, bool) or not isinstance(pupils, int) or pupils < 1:
        raise GenerateError(
            "--pupils", f"het aantal leerlingen moet minstens 1 zijn, niet {pupils}"
        )
    if isinstance(pupils_per_school, bool) or pupils_per_school < 1:
        raise GenerateError(
            "--per-school",
            f"het aantal leerlingen per school moet minstens 1 zijn, niet {pupils_per_school}",
        )
    if seed < 0:
        raise GenerateError("--seed", f"de seed moet 0 of groter zijn, niet {seed}")
    years = shipped_school_years()
    if school_year not in years:
        known = ", ".join(str(y) for y in years)
        raise GenerateError(
            "--school-year",
            f"geen meegeleverde vakantiedata voor schooljaar {school_year}-{school_year + 1}; "
            f"kies uit {known}",
        )
    rng = np.random.default_rng(seed)
    n_schools = math.ceil(pupils / pupils_per_school)

    # -- schools --------------------------------------------------------------------------
    sector_vo = rng.random(n_schools) >= SECTOR_PO_SHARE
    region_idx = rng.integers(0, 3, n_schools)
    regions = np.array([r.value for r in Region])[region_idx]
    timetable = rng.integers(0, 2, n_schools)
    group_of_school = region_idx * 4 + sector_vo.astype(np.int64) * 2 + timetable
    groups: list[_Days] = []
    group_hours: list[tuple[float, ...]] = []
    for region in Region:
        for is_vo in (False, True):
            for t in range(2):
                week = (VO_TIMETABLES if is_vo else PO_TIMETABLES)[t]
                group_hours.append(week)
                groups.append(_days(school_calendar(region.value, week), school_year, is_vo))
    cals = _Calendars(groups)
    protocol_pick = rng.random(n_schools)
    no_protocol = rng.random(n_schools) < NO_PROTOCOL_SHARE
    protocols: list[str] = []
    names: list[str] = []
    name_kind = rng.integers(0, 6, n_schools)
    name_word = rng.integers(0, len(SCHOOL_WORDS), n_schools)
    for i in range(n_schools):  # per school, not per pupil: at most a few thousand
        options = PROTOCOLS[(str(regions[i]), "vo" if sector_vo[i] else "po")]
        protocols.append("" if no_protocol[i] else options[int(protocol_pick[i] * len(options))])
        prefix = (VO_NAMES if sector_vo[i] else PO_NAMES)[name_kind[i]]
        names.append(f"{prefix} {SCHOOL_WORDS[name_word[i]]} ({i + 1})")
    width_school = max(4, len(str(n_schools)))
    school_ids = [f"s{i + 1:0{width_school}d}" for i in range(n_schools)]
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    brins = [
        f"{(i // 676) % 100:02d}{letters[(i // 26) % 26]}{letters[i % 26]}"
        for i in range(n_schools)
    ]
    schools = pl.DataFrame(
        {
            "school_id": school_ids,
            "name": names,
            "brin": brins,
            "sector": np.where(sector_vo, "vo", "po").tolist(),
            "region": regions.tolist(),
            "protocol": protocols,
            **{
                f"hours_{weekday}": [group_hours[gi][w] for gi in group_of_school]
                for w, weekday in enumerate(WEEKDAYS)
            },
        },
        schema=SCHOOL_SCHEMA,
    )

    # -- pupils ---------------------------------------------------------------------------
    school_of = np.minimum(np.arange(pupils) // pupils_per_school, n_schools - 1)
    group = group_of_school[school_of]
    vo = sector_vo[school_of]
    sector = vo.astype(np.int64)  # 0 = po, 1 = vo
    year_start = dt.date(school_year, 8, 1)
    epoch = dt.date(1970, 1, 1)
    start_epoch = (year_start - epoch).days
    end_epoch = (dt.date(school_year + 1, 7, 31) - epoch).days
    age_years = np.where(vo, rng.uniform(11.9, 18.0, pupils), rng.uniform(3.9, 12.0, pupils))
    birth = start_epoch - np.floor(age_years * 365.25).astype(np.int64)
    # PO: enrolled on the 4th birthday (those who turn 4 during the year enter then);
    # VO: on 1 August of the year they entered secondary school.
    fourth_birthday = (
        (pl.Series(birth, dtype=pl.Int64).cast(pl.Int32).cast(pl.Date).dt.offset_by("4y"))
        .cast(pl.Int32)
        .to_numpy()
        .astype(np.int64)
    )
    vo_years = np.clip(np.floor(age_years - 11.9), 0, 6).astype(np.int64)
    vo_entry = np.array(
        [(dt.date(school_year - k, 8, 1) - epoch).days for k in range(7)], dtype=np.int64
    )[vo_years]
    enrolled_from = np.where(vo, vo_entry, fourth_birthday)
    # Pupils who come from another school during the year.
    entrant = (rng.random(pupils) < ENTRANT_SHARE) & (enrolled_from < start_epoch)
    entrant_day = cals.uniform_day(rng, group, 20, 20)
    enrolled_from = np.where(entrant, cals.epoch[group, entrant_day], enrolled_from)

    u = rng.random(pupils)
    cum = np.zeros((2, len(PROFILES)))
    for j, name in enumerate(PROFILES[1:], start=1):
        cum[:, j] = cum[:, j - 1] + np.array(PROFILE_SHARES[name])
    profile = np.zeros(pupils, dtype=np.int64)
    for j in range(1, len(PROFILES)):
        lo = 1.0 - cum[sector, j]
        hi = 1.0 - cum[sector, j - 1]
        profile[(u >= lo) & (u < hi)] = j

    # Leaving during the year: to a new school, abroad, or (a few) without a new school.
    leave = rng.random(pupils)
    leave_day = cals.uniform_day(rng, group, 15, 15)
    leave_epoch = cals.epoch[group, leave_day]
    new_school = leave < LEAVER_NEW_SCHOOL_SHARE
    emigratie = (leave >= LEAVER_NEW_SCHOOL_SHARE) & (
        leave < LEAVER_NEW_SCHOOL_SHARE + LEAVER_EMIGRATIE_SHARE
    )
    compulsory = np.where(vo, age_years < 16.5, age_years >= 5.5)
    absoluut = (
        (leave >= LEAVER_NEW_SCHOOL_SHARE + LEAVER_EMIGRATIE_SHARE)
        & (leave < LEAVER_NEW_SCHOOL_SHARE + LEAVER_EMIGRATIE_SHARE + LEAVER_ABSOLUUT_SHARE)
        & compulsory
    )
    leaves = (new_school | emigratie | absoluut) & (leave_epoch > enrolled_from)
    enrolled_until = np.where(leaves, leave_epoch, -1)
    exit_code = np.where(leaves & new_school, 1, np.where(leaves & emigratie, 2, 0))
    next_from = np.where(leaves & new_school, leave_epoch + 1, -1)
    startkwalificatie = vo & (age_years >= 17.0) & (rng.random(pupils) < 0.02)

    # The enrolment as a range of school-day indices of the pupil's calendar.
    first = np.zeros(pupils, dtype=np.int64)
    last = cals.count[group] - 1
    for gi in range(len(groups)):
        mask = group == gi
        days_g = cals.epoch[gi, : cals.count[gi]]
        first[mask] = np.searchsorted(days_g, enrolled_from[mask], side="left")
        until = np.where(enrolled_until[mask] >= 0, enrolled_until[mask], end_epoch)
        last[mask] = np.searchsorted(days_g, until, side="right") - 1

    width_pupil = max(7, len(str(pupils)))
    ids = pl.Series("i", np.arange(1, pupils + 1), dtype=pl.Int64)
    pupil_ids = ("p" + ids.cast(pl.String).str.zfill(width_pupil)).alias("pupil_id")
    # Most pupils live in the school's municipality, the others elsewhere in the region.
    region_of = region_idx[school_of]
    school_muni = rng.random(n_schools)[school_of]
    muni_pick = np.where(rng.random(pupils) < 0.8, school_muni, rng.random(pupils))
    muni_names = [m for region in Region for m in MUNICIPALITIES[region.value]]
    muni_count = np.array([len(MUNICIPALITIES[region.value]) for region in Region])
    muni_offset = np.cumsum(muni_count) - muni_count
    municipality = pl.Series(muni_names).gather(
        muni_offset[region_of] + np.floor(muni_pick * muni_count[region_of]).astype(np.int64)
    )
    first_name = pl.Series(FIRST_NAMES).gather(rng.integers(0, len(FIRST_NAMES), pupils))
    last_name = pl.Series(LAST_NAMES).gather(rng.integers(0, len(LAST_NAMES), pupils))

    def as_date(values: IntArray, null_below: int | None = None) -> pl.Series:
        series = pl.Series(values, dtype=pl.Int64)
        if null_below is not None:
            series = pl.select(
                pl.when(series >= null_below).then(series).otherwise(None)
            ).to_series()
        return series.cast(pl.Int32).cast(pl.Date)

    pupils_frame = pl.DataFrame(
        {
            "pupil_id": pupil_ids,
            "school_id": pl.Series(school_ids).gather(school_of),
            "first_name": first_name,
            "last_name": last_name,
            "birth_date": as_date(birth),
            "enrolled_from": as_date(enrolled_from),
            "enrolled_until": as_date(enrolled_until, 0),
            "municipality": municipality,
            "startkwalificatie": startkwalificatie,
            "exit_reason": pl.Series(["", "nieuwe_school", "emigratie"])
            .gather(exit_code)
            .replace("", None),
            "next_enrolment_from": as_date(next_from, 0),
        },
        schema=PUPIL_SCHEMA,
    )

    # -- registrations --------------------------------------------------------------------
    rows = _Rows()
    everyone = np.arange(pupils, dtype=np.int64)
    prof = {name: np.flatnonzero(profile == j) for j, name in enumerate(PROFILES)}

    def lesson_block(
        p: IntArray, d: IntArray, max_count: int, from_end: float
    ) -> tuple[IntArray, IntArray]:
        """VO: a block of 1..max_count lessons (never lesson 1, where late arrivals go); with
        probability ``from_end`` it runs to the last lesson of the day. Returns the event index
        of every lesson row and its lesson number."""
        n_les = cals.lessons[group[p], d]
        count = np.minimum(rng.integers(1, max_count + 1, len(p)), np.maximum(n_les - 1, 1))
        latest = n_les - count + 1
        start = 2 + np.floor(rng.random(len(p)) * np.maximum(latest - 1, 1)).astype(np.int64)
        start = np.where(rng.random(len(p)) < from_end, latest, np.minimum(start, latest))
        index, offset = _expand(count)
        return index, start[index] + offset

    def truancy(p: IntArray, d: IntArray, priority: int) -> None:
        """Ongeoorloofd episodes: VO skips lessons or the whole day, PO a whole or part day."""
        reason = np.where(
            rng.random(len(p)) < 0.85, R[Reason.ONGEOORLOOFD], R[Reason.ZIEK_NIET_GEMELD]
        )
        whole = rng.random(len(p)) < np.where(vo[p], 0.3, 0.6)
        rows.add(p[whole], d[whole], DAG, ABSENT, reason[whole], np.nan, priority)
        part_po = ~whole & ~vo[p]
        rows.add(
            p[part_po],
            d[part_po],
            DAG,
            ABSENT,
            reason[part_po],
            rng.choice(np.array([1.5, 2.0]), int(part_po.sum())),
            priority,
        )
        part_vo = np.flatnonzero(~whole & vo[p])
        index, lesson = lesson_block(p[part_vo], d[part_vo], 4, 0.7)
        episode = part_vo[index]
        rows.add(p[episode], d[episode], lesson, ABSENT, reason[episode], VO_LESSON_HOURS, priority)

    # Sickness, seasonal, for everyone.
    p = _events(rng, np.array(SICK_SPELLS_PER_YEAR)[sector], everyone)
    start = cals.seasonal_day(rng, group[p])
    length = np.minimum(rng.geometric(0.45, len(p)), 10)
    niet_gemeld = rng.random(len(p)) < SICK_NIET_GEMELD_SHARE
    reason = np.where(niet_gemeld, R[Reason.ZIEK_NIET_GEMELD], R[Reason.ZIEK])
    length = np.where(niet_gemeld, 1, length)  # a day not called in, not a whole spell
    index, offset = _expand(length)
    rows.add(p[index], start[index] + offset, DAG, ABSENT, reason[index], np.nan, PRIO_ZIEK)

    # Long-term sick: one spell of 20 to 80 school days.
    p = prof["langdurig_ziek"]
    start = cals.seasonal_day(rng, group[p])
    length = rng.integers(20, 81, len(p))
    index, offset = _expand(length)
    rows.add(
        p[index], start[index] + offset, DAG, ABSENT, R[Reason.ZIEK], np.nan, PRIO_LANGDURIG_ZIEK
    )

    # Doctor's visits: part of a day (PO) or one or two lessons (VO).
    p = _events(rng, ARTS_PER_YEAR, everyone)
    d = cals.uniform_day(rng, group[p])
    po = ~vo[p]
    rows.add(
        p[po],
        d[po],
        DAG,
        ABSENT,
        R[Reason.ARTS],
        rng.choice(np.array([1.0, 1.5, 2.0]), int(po.sum())),
        PRIO_ARTS,
    )
    pv, dv = p[~po], d[~po]
    index, lesson = lesson_block(pv, dv, 2, 0.0)
    rows.add(pv[index], dv[index], lesson, ABSENT, R[Reason.ARTS], VO_LESSON_HOURS, PRIO_ARTS)

    # Late arrivals: a few for everyone, many for the late-comers.
    rate = np.where(profile == PROFILES.index("laatkomer"), LATE_PER_YEAR_LAATKOMER, LATE_PER_YEAR)
    heavy_late = (profile == PROFILES.index("laatkomer")) & (rng.random(pupils) < 0.2)
    rate = np.where(heavy_late, 2.5 * LATE_PER_YEAR_LAATKOMER, rate)
    p = _events(rng, rate, everyone)
    d = cals.uniform_day(rng, group[p])
    minutes = rng.choice(LATE_MINUTES, len(p), p=LATE_MINUTES_P)
    minutes = np.where(vo[p], np.minimum(minutes, 45), minutes)
    hours = np.where(rng.random(len(p)) < LATE_UNKNOWN_SHARE, np.nan, minutes / 60.0)
    laatkomer = profile[p] == PROFILES.index("laatkomer")
    pick = rng.random(len(p))
    reason = np.where(
        laatkomer | (pick < 0.7),
        R[Reason.ONGEOORLOOFD],
        np.where(pick < 0.9, R[Reason.ARTS], R[Reason.OVERIG_GEOORLOOFD]),
    )
    rows.add(p, d, np.where(vo[p], 1, DAG), LATE, reason, hours, PRIO_LATE)

    # Truancy: now and then for everyone, often for truants, in bad periods for heavy truants.
    rate = np.array(LOOSE_TRUANCY_PER_YEAR)[sector]
    truant = (profile == PROFILES.index("spijbelaar")) | (
        profile == PROFILES.index("spijbelaar_zwaar")
    )
    rate = np.where(truant, TRUANCY_EPISODES_PER_YEAR, rate)
    p = _events(rng, rate, everyone)
    truancy(p, cals.uniform_day(rng, group[p]), PRIO_SPIJBEL)
    heavy = prof["spijbelaar_zwaar"]
    periods = np.repeat(heavy, rng.integers(1, 3, len(heavy)))
    period_len = rng.integers(BAD_PERIOD_DAYS[0], BAD_PERIOD_DAYS[1] + 1, len(periods))
    period_start = cals.uniform_day(rng, group[periods], 0, 20)
    episodes = rng.binomial(period_len, BAD_PERIOD_DAILY_P)
    index, _ = _expand(episodes)
    d = period_start[index] + np.floor(rng.random(len(index)) * period_len[index]).astype(np.int64)
    inside = d < cals.count[group[periods[index]]]
    truancy(periods[index][inside], d[inside], PRIO_SPIJBEL)

    # Thuiszitters: every school day ongeoorloofd absent from some day; a third return.
    p = prof["thuiszitter"]
    start = cals.uniform_day(rng, group[p], 5, 30)
    returns = rng.random(len(p)) < 1 / 3
    length = np.where(returns, rng.integers(22, 61, len(p)), cals.count[group[p]] - start)
    index, offset = _expand(length)
    rows.add(
        p[index],
        start[index] + offset,
        DAG,
        ABSENT,
        R[Reason.ONGEOORLOOFD],
        np.nan,
        PRIO_THUISZITTER,
    )

    # Luxe verzuim: one to three days directly before or after a vacation.
    p = everyone[rng.random(pupils) < LUXE_SHARE]
    g = group[p]
    b = cals.boundary_offset[g] + np.floor(rng.random(len(p)) * cals.boundary_count[g]).astype(
        np.int64
    )
    day, side = cals.boundary_day[b], cals.boundary_side[b]
    length = rng.choice(np.array([1, 1, 2, 3]), len(p))
    reason = np.where(rng.random(len(p)) < 0.5, R[Reason.LUXE], R[Reason.ONGEOORLOOFD])
    index, offset = _expand(length)
    rows.add(
        p[index],
        day[index] + side[index] * offset,
        DAG,
        ABSENT,
        reason[index],
        np.nan,
        PRIO_LUXE,
    )

    # Verlof (granted, so geoorloofd): one or two days, half of them next to a vacation.
    p = everyone[rng.random(pupils) < VERLOF_SHARE]
    g = group[p]
    b = cals.boundary_offset[g] + np.floor(rng.random(len(p)) * cals.boundary_count[g]).astype(
        np.int64
    )
    near = rng.random(len(p)) < 0.5
    day = np.where(near, cals.boundary_day[b], cals.uniform_day(rng, g))
    side = np.where(near, cals.boundary_side[b], 1)
    length = rng.integers(1, 3, len(p))
    index, offset = _expand(length)
    rows.add(
        p[index],
        day[index] + side[index] * offset,
        DAG,
        ABSENT,
        R[Reason.VERLOF],
        np.nan,
        PRIO_VERLOF,
    )

    # Overig geoorloofd (e.g. a religious holiday): one day.
    p = everyone[rng.random(pupils) < OVERIG_SHARE]
    rows.add(
        p,
        cals.uniform_day(rng, group[p]),
        DAG,
        ABSENT,
        R[Reason.OVERIG_GEOORLOOFD],
        np.nan,
        PRIO_OVERIG,
    )

    # Schorsing: one to three days, now and then longer than the permitted week.
    p = everyone[rng.random(pupils) < np.array(SCHORSING_SHARE)[sector]]
    length = np.where(rng.random(len(p)) < 0.05, 6, rng.integers(1, 4, len(p)))
    start = cals.uniform_day(rng, group[p])
    index, offset = _expand(length)
    rows.add(
        p[index], start[index] + offset, DAG, ABSENT, R[Reason.SCHORSING], np.nan, PRIO_SCHORSING
    )

    absences = _resolve(rows, first, last, group, cals, pupil_ids)
    return Generated(
        schools=schools,
        pupils=pupils_frame,
        absences=absences,
        as_of=dt.date(school_year + 1, 7, 31),
        school_year=school_year,
    )


def _resolve(
    rows: _Rows,
    first: IntArray,
    last: IntArray,
    group: IntArray,
    cals: _Calendars,
    pupil_ids: pl.Series,
) -> pl.DataFrame:
    """Keep registrations within the enrolment, resolve clashes and name the codes.

    A whole-day absence removes every other registration of that pupil-day (the one with the
    highest priority stays); otherwise one registration per pupil, day, moment and kind (the
    highest priority stays). So the hours of a day never exceed its lesson time, the rule the
    batch loader enforces. The result is sorted by pupil, date, moment and kind.
    """
    p = rows.column(0).astype(np.int64)
    d = rows.column(1).astype(np.int64)
    keep = (d >= first[p]) & (d <= last[p])
    p, d = p[keep], d[keep]
    m = rows.column(2).astype(np.int64)[keep]
    k = rows.column(3).astype(np.int64)[keep]
    r = rows.column(4).astype(np.int64)[keep]
    h = rows.column(5).astype(np.float64)[keep]
    pr = rows.priorities()[keep]
    whole = (m == DAG) & (k == ABSENT) & np.isnan(h)
    # One packed sort key: pupil, day, moment, kind, then whole-day rows and high priority first.
    key = (((((p << 9) | d) << 4 | m) << 1 | k) << 5) | ((~whole).astype(np.int64) << 4) | (15 - pr)
    order = pl.Series(key).arg_sort().to_numpy()
    key = key[order]
    day_key = key >> 10
    slot_key = key >> 5
    n = len(key)
    new_day = np.ones(n, dtype=np.bool_)
    new_day[1:] = day_key[1:] != day_key[:-1]
    new_slot = np.ones(n, dtype=np.bool_)
    new_slot[1:] = slot_key[1:] != slot_key[:-1]
    # Moment 0 / kind absent sorts first in a day, whole-day rows first within it.
    day_start = np.maximum.accumulate(np.where(new_day, np.arange(n), 0))
    day_whole = whole[order][day_start]
    chosen = order[new_day | (new_slot & ~day_whole)]
    epoch = cals.epoch[group[p[chosen]], d[chosen]]
    return pl.DataFrame(
        {
            "pupil_id": pupil_ids.gather(p[chosen]),
            "date": pl.Series(epoch, dtype=pl.Int64).cast(pl.Int32).cast(pl.Date),
            "moment": pl.Series(MOMENTS).gather(m[chosen]),
            "kind": pl.Series(KINDS).gather(k[chosen]),
            "reason": pl.Series(REASONS).gather(r[chosen]),
            "hours": pl.Series(h[chosen], dtype=pl.Float64, nan_to_null=True),
        },
        schema=ABSENCE_SCHEMA,
    )


# -- writing and reading ---------------------------------------------------------------------

META_FILE = "generatie.json"


def write(generated: Generated, out_dir: Path, fmt: Format = "parquet") -> None:
    """Write the frames: parquet as ``{schools,pupils,absences}.parquet`` (plus the peildatum
    and school year in generatie.json), csv as one batch DATA_DIR per school that
    ``leerrecht evaluate`` reads."""
    out_dir.mkdir(parents=True, exist_ok=True)
    meta = {"school_year": generated.school_year, "as_of": generated.as_of.isoformat()}
    (out_dir / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    if fmt == "parquet":
        generated.schools.write_parquet(out_dir / "schools.parquet")
        generated.pupils.write_parquet(out_dir / "pupils.parquet")
        generated.absences.write_parquet(out_dir / "absences.parquet")
        return
    if fmt != "csv":
        raise GenerateError("--format", f"{fmt!r} is onbekend; kies parquet of csv")
    pupils = generated.pupils.with_columns(
        startkwalificatie=pl.when(pl.col("startkwalificatie"))
        .then(pl.lit("true"))
        .otherwise(pl.lit("false"))
    )
    absences = generated.absences.join(
        generated.pupils.select("pupil_id", "school_id"), on="pupil_id", how="left"
    ).with_columns(
        note=pl.when(pl.col("moment") != "dag").then(pl.lit("les ") + pl.col("moment")),
    )
    pupils_by_school = pupils.partition_by("school_id", as_dict=True)
    absences_by_school = absences.partition_by("school_id", as_dict=True)
    empty = absences.clear()
    for school in generated.schools.iter_rows(named=True):
        key = (school["school_id"],)
        directory = out_dir / school["school_id"]
        directory.mkdir(exist_ok=True)
        (directory / "school.toml").write_text(_school_toml(school, generated), encoding="utf-8")
        pupils_by_school.get(key, pupils.clear()).select(
            "pupil_id",
            "birth_date",
            "enrolled_from",
            "enrolled_until",
            "municipality",
            "startkwalificatie",
            "exit_reason",
            "next_enrolment_from",
        ).write_csv(directory / "pupils.csv")
        absences_by_school.get(key, empty).select(
            "pupil_id", "date", "kind", "reason", "hours", "note"
        ).write_csv(directory / "absences.csv")


def _school_toml(school: dict[str, object], generated: Generated) -> str:
    def quoted(value: object) -> str:
        return json.dumps(str(value), ensure_ascii=False)

    hint = f" --protocol {school['protocol']}" if school["protocol"] else ""
    lines = [
        f"# Synthetische school (leerrecht generate), schooljaar {generated.school_year}-"
        f"{generated.school_year + 1}.",
        f"# leerrecht evaluate {school['school_id']} --as-of {generated.as_of.isoformat()}{hint}",
        f"name = {quoted(school['name'])}",
        f"brin = {quoted(school['brin'])}",
        f"sector = {quoted(school['sector'])}",
        f"region = {quoted(school['region'])}",
        'hours_unit = "klokuren"',
        "",
        "[hours]",
        *(f"{day} = {school[f'hours_{day}']!r}" for day in WEEKDAYS),
        "",
    ]
    return "\n".join(lines)


def read(out_dir: Path) -> Generated:
    """Read frames that :func:`write` wrote as parquet."""
    missing = [
        name
        for name in ("schools.parquet", "pupils.parquet", "absences.parquet")
        if not (out_dir / name).exists()
    ]
    if missing:
        raise GenerateError(
            str(out_dir), f"ontbreekt: {', '.join(missing)}; schrijf eerst met --format parquet"
        )
    absences = pl.read_parquet(out_dir / "absences.parquet")
    meta_path = out_dir / META_FILE
    if meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        school_year = int(meta["school_year"])
        as_of = dt.date.fromisoformat(meta["as_of"])
    else:
        first = absences["date"].min()
        start = first if isinstance(first, dt.date) else dt.date.today()
        school_year = start.year if start.month >= 8 else start.year - 1
        as_of = dt.date(school_year + 1, 7, 31)
    return Generated(
        schools=pl.read_parquet(out_dir / "schools.parquet"),
        pupils=pl.read_parquet(out_dir / "pupils.parquet"),
        absences=absences,
        as_of=as_of,
        school_year=school_year,
    )
