"""The comparable outcome of a batch evaluation: what the vectorised engine and the per-pupil
reference must agree on, as Polars tables in one canonical order.

- ``meldingen``: pupil_id, soort, begin, end (nullable), hours (2 decimals), due, sequence,
  reached
- ``checks``: pupil_id, kind, on
- ``signals``: pupil_id, protocol, step, on
- ``thuiszitters``: pupil_id, group, since
- ``pupils``: pupil_id, leerplicht (status on the evaluation date), lopende_uren (2 decimals)

Explanations, actions and texts are left out: they are derived from these facts by the same
code in both engines. Hours are rounded with Python's ``round`` on both sides, so the two
engines are compared on the same decimal value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from leerrecht.core.evaluate import Evaluation, PupilResult

MELDING_SCHEMA: dict[str, Any] = {
    "pupil_id": pl.String,
    "soort": pl.String,
    "begin": pl.Date,
    "end": pl.Date,
    "hours": pl.Float64,
    "due": pl.Date,
    "sequence": pl.Int64,
    "reached": pl.Date,
}
CHECK_SCHEMA: dict[str, Any] = {"pupil_id": pl.String, "kind": pl.String, "on": pl.Date}
SIGNAL_SCHEMA: dict[str, Any] = {
    "pupil_id": pl.String,
    "protocol": pl.String,
    "step": pl.String,
    "on": pl.Date,
}
THUISZITTER_SCHEMA: dict[str, Any] = {
    "pupil_id": pl.String,
    "group": pl.String,
    "since": pl.Date,
}
PUPIL_SCHEMA: dict[str, Any] = {
    "pupil_id": pl.String,
    "leerplicht": pl.String,
    "lopende_uren": pl.Float64,
}
SCHEMAS: dict[str, dict[str, Any]] = {
    "meldingen": MELDING_SCHEMA,
    "checks": CHECK_SCHEMA,
    "signals": SIGNAL_SCHEMA,
    "thuiszitters": THUISZITTER_SCHEMA,
    "pupils": PUPIL_SCHEMA,
}
#: The canonical sort order per table (every column, so the order is total).
SORT_KEYS: dict[str, list[str]] = {
    "meldingen": ["pupil_id", "begin", "soort", "reached", "sequence", "end", "hours", "due"],
    "checks": ["pupil_id", "on", "kind"],
    "signals": ["pupil_id", "on", "protocol", "step"],
    "thuiszitters": ["pupil_id", "since", "group"],
    "pupils": ["pupil_id", "leerplicht", "lopende_uren"],
}
ROUNDED = {"meldingen": "hours", "pupils": "lopende_uren"}


def round2(values: Iterable[float | None]) -> list[float | None]:
    """Python's ``round(x, 2)`` (correctly rounded from the binary value), elementwise."""
    return [None if v is None else round(v, 2) for v in values]


def round2_array(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """:func:`round2` of finite floats, vectorised: ``rint(100 x) / 100`` is the double
    nearest to the rounded decimal (a correctly rounded division of a whole number), and it
    is Python's result unless ``100 x`` lies so close to a half that the multiplication may
    have crossed it; those few are rounded by Python itself."""
    with np.errstate(over="ignore", invalid="ignore"):
        scaled = values * 100.0
        result: npt.NDArray[np.float64] = np.rint(scaled) / 100.0
        fraction = scaled - np.floor(scaled)
        close = ~(np.abs(fraction - 0.5) > 1e-6 * np.maximum(1.0, np.abs(scaled)))
    close |= ~np.isfinite(scaled) | (np.abs(scaled) >= 2.0**52)
    for i in np.flatnonzero(close).tolist():
        result[i] = round(float(values[i]), 2)
    return result


def _canonical(name: str, frame: pl.DataFrame, sort: bool = True) -> pl.DataFrame:
    schema = SCHEMAS[name]
    frame = frame.select([pl.col(c).cast(t) for c, t in schema.items()])
    column = ROUNDED.get(name)
    if column is not None and frame.height:
        values = frame.get_column(column)
        needs = (values.is_not_null() & (values != 0.0)).arg_true()
        if len(needs):
            chosen = np.asarray(values.gather(needs).to_numpy(), dtype=np.float64)
            rounded = pl.Series(round2_array(chosen), dtype=pl.Float64)
            frame = frame.with_columns(values.scatter(needs, rounded).alias(column))
    return frame.sort(SORT_KEYS[name], nulls_last=True) if sort else frame


def empty(name: str) -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMAS[name])


@dataclass(frozen=True)
class Outcome:
    """The projected result of an evaluation; build it with :meth:`build` for canonical form."""

    meldingen: pl.DataFrame
    checks: pl.DataFrame
    signals: pl.DataFrame
    thuiszitters: pl.DataFrame
    pupils: pl.DataFrame

    @classmethod
    def build(
        cls,
        meldingen: pl.DataFrame | None = None,
        checks: pl.DataFrame | None = None,
        signals: pl.DataFrame | None = None,
        thuiszitters: pl.DataFrame | None = None,
        pupils: pl.DataFrame | None = None,
        *,
        sort: bool = True,
    ) -> Outcome:
        """Cast to the agreed schemas, round the hours and sort canonically (``sort=False``:
        a part that :meth:`concat` will sort, to sort large tables once)."""
        given = {
            "meldingen": meldingen,
            "checks": checks,
            "signals": signals,
            "thuiszitters": thuiszitters,
            "pupils": pupils,
        }
        frames = {
            name: _canonical(name, frame if frame is not None else empty(name), sort)
            for name, frame in given.items()
        }
        return cls(**frames)

    @classmethod
    def concat(cls, parts: Sequence[Outcome]) -> Outcome:
        """One outcome from several (for example one per school), sorted canonically. The
        parts come from :meth:`build`, so they are cast and rounded already."""
        frames: dict[str, pl.DataFrame] = {}
        for name in SCHEMAS:
            tables = [getattr(p, name) for p in parts if getattr(p, name).height]
            frame = pl.concat(tables, how="vertical") if tables else empty(name)
            frames[name] = frame.sort(SORT_KEYS[name], nulls_last=True)
        return cls(**frames)

    def tables(self) -> dict[str, pl.DataFrame]:
        return {name: getattr(self, name) for name in SCHEMAS}

    def equals(self, other: Outcome) -> bool:
        return all(
            mine.schema == theirs.schema and mine.equals(theirs)
            for mine, theirs in zip(self.tables().values(), other.tables().values(), strict=True)
        )

    def diff(self, other: Outcome, limit: int = 10) -> str:
        """A readable list of the rows that only one of the two outcomes has."""
        lines: list[str] = []
        for name, mine in self.tables().items():
            theirs: pl.DataFrame = getattr(other, name)
            if mine.schema != theirs.schema:
                lines.append(f"{name}: schema {mine.schema} != {theirs.schema}")
                continue
            if mine.equals(theirs):
                continue
            columns = list(mine.columns)
            only_mine = mine.join(theirs, on=columns, how="anti", nulls_equal=True)
            only_theirs = theirs.join(mine, on=columns, how="anti", nulls_equal=True)
            lines.append(
                f"{name}: {mine.height} rijen tegen {theirs.height}; "
                f"{only_mine.height} alleen links, {only_theirs.height} alleen rechts"
            )
            for label, rows in (("links", only_mine), ("rechts", only_theirs)):
                for row in rows.head(limit).iter_rows(named=True):
                    lines.append(f"  alleen {label}: {row}")
            if not only_mine.height and not only_theirs.height:
                lines.append("  (dezelfde rijen, andere aantallen dubbele rijen)")
        return "\n".join(lines) if lines else "geen verschillen"

    def summary(self) -> dict[str, int]:
        return {name: frame.height for name, frame in self.tables().items()}


def project(evaluation: Evaluation) -> Outcome:
    """The comparable facts of a core evaluation."""
    return project_results(evaluation.results, evaluation.as_of)


def project_results(results: Iterable[PupilResult], as_of: dt.date) -> Outcome:
    """The comparable facts of pupil results (of one or more schools) on ``as_of``."""
    meldingen: dict[str, list[Any]] = {c: [] for c in MELDING_SCHEMA}
    checks: dict[str, list[Any]] = {c: [] for c in CHECK_SCHEMA}
    signals: dict[str, list[Any]] = {c: [] for c in SIGNAL_SCHEMA}
    thuiszitters: dict[str, list[Any]] = {c: [] for c in THUISZITTER_SCHEMA}
    pupils: dict[str, list[Any]] = {c: [] for c in PUPIL_SCHEMA}
    for result in results:
        pupil_id = result.pupil.pupil_id
        for m in result.meldingen:
            meldingen["pupil_id"].append(m.pupil_id)
            meldingen["soort"].append(m.soort.value)
            meldingen["begin"].append(m.begin)
            meldingen["end"].append(m.end)
            meldingen["hours"].append(m.hours)
            meldingen["due"].append(m.due)
            meldingen["sequence"].append(m.sequence)
            meldingen["reached"].append(m.reached)
        for c in result.checks:
            checks["pupil_id"].append(c.pupil_id)
            checks["kind"].append(c.kind)
            checks["on"].append(c.on)
        for s in result.signals:
            signals["pupil_id"].append(s.pupil_id)
            signals["protocol"].append(s.protocol)
            signals["step"].append(s.step)
            signals["on"].append(s.on)
        if result.thuiszitter is not None:
            thuiszitters["pupil_id"].append(pupil_id)
            thuiszitters["group"].append(result.thuiszitter.group.value)
            thuiszitters["since"].append(result.thuiszitter.since)
        pupils["pupil_id"].append(pupil_id)
        pupils["leerplicht"].append(result.periods.status(as_of).value)
        pupils["lopende_uren"].append(result.lopende_uren)
    return Outcome.build(
        meldingen=pl.DataFrame(meldingen, schema=MELDING_SCHEMA),
        checks=pl.DataFrame(checks, schema=CHECK_SCHEMA),
        signals=pl.DataFrame(signals, schema=SIGNAL_SCHEMA),
        thuiszitters=pl.DataFrame(thuiszitters, schema=THUISZITTER_SCHEMA),
        pupils=pl.DataFrame(pupils, schema=PUPIL_SCHEMA),
    )
