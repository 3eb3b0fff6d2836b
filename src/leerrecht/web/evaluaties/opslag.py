"""A pupil's evaluation result as compact JSON, and back, without losing anything.

The stored form is plain JSON (never pickle: the cache is data, not code to run). It holds
everything of a :class:`~leerrecht.core.evaluate.PupilResult` except the pupil itself, which
comes from the database row when the result is read (its fields are part of the fingerprint,
so a stored result never belongs to other pupil data). :func:`naar_json` followed by
:func:`uit_json` gives a result equal (``==``) to the original: tests compare both ways.

Layout (schema :data:`SCHEMA`; lists instead of objects to keep rows small)::

    {"v": 1,                                      schema version
     "p": [start, full_end, reason, kwal_end],    the leerplicht periods
     "u": 3.5,                                    lopende_uren
     "t": [since, group, uitleg] | absent,        thuiszitter
     "m": [[soort, begin, end, hours, due, sequence, reached, uitleg], ...],
     "c": [[kind, on, severity, uitleg, acties], ...],
     "s": [[protocol, step, title, on, melding, acties, source, uitleg, keuze], ...]}

    uitleg = [rule, text, [[document, section], ...], [absence, ...]]
    absence = [date, kind, reason, hours, line, note] (+ pupil_id when it is another pupil)
    acties = [[actor, text], ...]

Dates are ISO strings; floats are written with ``repr`` precision, so they read back exactly.
Empty lists and a missing thuiszitter are left out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from leerrecht.core.absence import Kind, Reason, Registration
from leerrecht.core.evaluate import PupilResult
from leerrecht.core.leerplicht import LeerplichtPeriods
from leerrecht.core.model import (
    Action,
    Check,
    Explanation,
    Melding,
    Pupil,
    Signal,
    Soort,
    Thuiszitter,
    ThuiszitterGroup,
)
from leerrecht.core.sources import Source

#: raise when the layout changes: rows with another schema are evaluated again
SCHEMA = 1


class AndereLeerling(ValueError):
    """A result that mentions another pupil than its own cannot be stored compactly."""


def _d(day: dt.date) -> str:
    return day.isoformat()


def _od(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


_date = dt.date.fromisoformat


def _odate(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None


# -- to JSON ----------------------------------------------------------------------------------


def _uitleg(e: Explanation, pupil_id: str) -> list[Any]:
    absences: list[list[Any]] = []
    for r in e.absences:
        row: list[Any] = [_d(r.date), r.kind.value, r.reason.value, r.hours, r.line, r.note]
        if r.pupil_id != pupil_id:
            row.append(r.pupil_id)
        absences.append(row)
    return [e.rule, e.text, [[s.document, s.section] for s in e.sources], absences]


def _acties(actions: tuple[Action, ...]) -> list[list[str]]:
    return [[a.actor, a.text] for a in actions]


def _eigen(pupil_id: str, owner: str) -> None:
    if owner != pupil_id:
        raise AndereLeerling(f"uitkomst van leerling {owner} bij leerling {pupil_id}")


def naar_json(result: PupilResult) -> dict[str, Any]:
    """The stored form of ``result`` (see the module docstring)."""
    pid = result.pupil.pupil_id
    p = result.periods
    data: dict[str, Any] = {
        "v": SCHEMA,
        "p": [_d(p.start), _d(p.full_end), p.full_end_reason, _od(p.kwalificatie_end)],
        "u": result.lopende_uren,
    }
    if result.thuiszitter is not None:
        t = result.thuiszitter
        data["t"] = [_d(t.since), t.group.value, _uitleg(t.explanation, pid)]
    if result.meldingen:
        for m in result.meldingen:
            _eigen(pid, m.pupil_id)
        data["m"] = [
            [
                m.soort.value,
                _d(m.begin),
                _od(m.end),
                m.hours,
                _d(m.due),
                m.sequence,
                _d(m.reached),
                _uitleg(m.explanation, pid),
            ]
            for m in result.meldingen
        ]
    if result.checks:
        for c in result.checks:
            _eigen(pid, c.pupil_id)
        data["c"] = [
            [c.kind, _d(c.on), c.severity, _uitleg(c.explanation, pid), _acties(c.actions)]
            for c in result.checks
        ]
    if result.signals:
        for s in result.signals:
            _eigen(pid, s.pupil_id)
        data["s"] = [
            [
                s.protocol,
                s.step,
                s.title,
                _d(s.on),
                s.melding.value if s.melding is not None else None,
                _acties(s.actions),
                s.source,
                _uitleg(s.explanation, pid),
                s.keuze,
            ]
            for s in result.signals
        ]
    return data


# -- from JSON --------------------------------------------------------------------------------


def _uit_uitleg(data: list[Any], pupil_id: str) -> Explanation:
    rule, text, sources, absences = data
    return Explanation(
        rule=rule,
        text=text,
        sources=tuple(Source(doc, section) for doc, section in sources),
        absences=tuple(
            Registration(
                pupil_id=a[6] if len(a) > 6 else pupil_id,
                date=_date(a[0]),
                kind=Kind(a[1]),
                reason=Reason(a[2]),
                hours=a[3],
                note=a[5],
                line=a[4],
            )
            for a in absences
        ),
    )


def _uit_acties(data: list[list[str]]) -> tuple[Action, ...]:
    return tuple(Action(actor, text) for actor, text in data)


def uit_json(data: dict[str, Any], pupil: Pupil, as_of: dt.date) -> PupilResult:
    """The result stored by :func:`naar_json`, for ``pupil`` at ``as_of``.

    Raises :class:`ValueError` (or ``KeyError``/``TypeError``) on data of another schema; the
    caller treats that as a missing result.
    """
    if data.get("v") != SCHEMA:
        raise ValueError(f"ander schema: {data.get('v')!r}")
    pid = pupil.pupil_id
    start, full_end, reason, kwal_end = data["p"]
    t = data.get("t")
    return PupilResult(
        pupil=pupil,
        periods=LeerplichtPeriods(_date(start), _date(full_end), reason, _odate(kwal_end)),
        as_of=as_of,
        thuiszitter=(
            Thuiszitter(
                since=_date(t[0]), group=ThuiszitterGroup(t[1]), explanation=_uit_uitleg(t[2], pid)
            )
            if t is not None
            else None
        ),
        meldingen=tuple(
            Melding(
                pupil_id=pid,
                soort=Soort(m[0]),
                begin=_date(m[1]),
                end=_odate(m[2]),
                hours=m[3],
                due=_date(m[4]),
                sequence=m[5],
                reached=_date(m[6]),
                explanation=_uit_uitleg(m[7], pid),
            )
            for m in data.get("m", ())
        ),
        checks=tuple(
            Check(
                pupil_id=pid,
                kind=c[0],
                on=_date(c[1]),
                severity=c[2],
                explanation=_uit_uitleg(c[3], pid),
                actions=_uit_acties(c[4]),
            )
            for c in data.get("c", ())
        ),
        signals=tuple(
            Signal(
                pupil_id=pid,
                protocol=s[0],
                step=s[1],
                title=s[2],
                on=_date(s[3]),
                melding=Soort(s[4]) if s[4] is not None else None,
                actions=_uit_acties(s[5]),
                source=s[6],
                explanation=_uit_uitleg(s[7], pid),
                keuze=s[8],
            )
            for s in data.get("s", ())
        ),
        lopende_uren=data["u"],
    )
