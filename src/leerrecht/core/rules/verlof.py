"""Verlof checks (Lpw art. 13a and 14; seed 000 §1.1.2).

Vakantieverlof (art. 13a): at most once per school year, at most 10 school days, never in the
first two lesweken of the school year, and only when the specific nature of a parent's work
makes a family holiday in the regular school vacations impossible (werkgeversverklaring).
Decided by the directeur.

Gewichtige omstandigheden (art. 14): up to 10 school days decided by the directeur, more than
10 by the leerplichtambtenaar. A request may be made up to 2 days after the event (leerrecht
takes the first verlof day as the day of the event).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from leerrecht.core.calendar import SchoolCalendar, school_year_label, school_year_start
from leerrecht.core.model import Verlof, VerlofSoort, VerlofStatus
from leerrecht.core.sources import LPW_ART_13A, LPW_ART_14, PARKSTAD_112_VERLOF, Source

MAX_DAYS = 10
FIRST_LESWEKEN = 2
LATE_REQUEST_DAYS = 2


@dataclass(frozen=True, slots=True)
class Reason:
    ok: bool
    text: str
    source: Source

    def __str__(self) -> str:
        mark = "voldaan" if self.ok else "niet voldaan"
        return f"[{mark}] {self.text} ({self.source})"


@dataclass(frozen=True, slots=True)
class VerlofCheck:
    allowed: bool
    decided_by: str
    school_days: int
    reasons: tuple[Reason, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "allowed": self.allowed,
            "decided_by": self.decided_by,
            "school_days": self.school_days,
            "reasons": [str(r) for r in self.reasons],
        }


def check_verlof(
    calendar: SchoolCalendar,
    pupil_id: str,
    soort: VerlofSoort,
    start: dt.date,
    end: dt.date,
    *,
    existing: Sequence[Verlof] = (),
    requested_on: dt.date | None = None,
    werkgeversverklaring: bool = False,
) -> VerlofCheck:
    if end < start:
        raise ValueError(f"einddatum {end} ligt voor begindatum {start}")
    calendar.require(start)
    calendar.require(end)
    days = calendar.school_days_between(start, end)
    n = len(days)
    reasons: list[Reason] = []
    if n == 0:
        reasons.append(
            Reason(
                False,
                f"{start} t/m {end} bevat geen schooldagen: er is geen verlof nodig",
                PARKSTAD_112_VERLOF,
            )
        )
        return VerlofCheck(False, "directeur", 0, tuple(reasons))

    if soort is VerlofSoort.VAKANTIE:
        reasons.append(
            Reason(
                n <= MAX_DAYS,
                f"{n} schooldagen; vakantieverlof is ten hoogste {MAX_DAYS} schooldagen",
                LPW_ART_13A,
            )
        )
        early = [d for d in days if calendar.in_first_lesweken(d, FIRST_LESWEKEN)]
        reasons.append(
            Reason(
                not early,
                "niet in de eerste twee lesweken van het schooljaar"
                + (f" (valt erin vanaf {early[0]})" if early else ""),
                LPW_ART_13A,
            )
        )
        year = school_year_start(start)
        others = [
            v
            for v in existing
            if v.pupil_id == pupil_id
            and v.soort is VerlofSoort.VAKANTIE
            and v.status is VerlofStatus.TOEGEKEND
            and school_year_start(v.start) == year
            and not (v.start == start and v.end == end)
        ]
        reasons.append(
            Reason(
                not others,
                f"ten hoogste één keer per schooljaar ({school_year_label(start)})"
                + (f"; al toegekend: {others[0].start} t/m {others[0].end}" if others else ""),
                LPW_ART_13A,
            )
        )
        reasons.append(
            Reason(
                werkgeversverklaring,
                "alleen als de specifieke aard van het beroep van een ouder vakantie in de "
                "schoolvakanties onmogelijk maakt (werkgeversverklaring)"
                + ("" if werkgeversverklaring else ": geen werkgeversverklaring opgegeven"),
                LPW_ART_13A,
            )
        )
        return VerlofCheck(all(r.ok for r in reasons), "directeur", n, tuple(reasons))

    decided_by = "directeur" if n <= MAX_DAYS else "leerplichtambtenaar"
    reasons.append(
        Reason(
            True,
            f"{n} schooldagen: "
            + (
                f"tot en met {MAX_DAYS} schooldagen beslist de directeur"
                if n <= MAX_DAYS
                else f"meer dan {MAX_DAYS} schooldagen beslist de leerplichtambtenaar"
            ),
            LPW_ART_14,
        )
    )
    if requested_on is not None:
        latest = start + dt.timedelta(days=LATE_REQUEST_DAYS)
        reasons.append(
            Reason(
                requested_on <= latest,
                f"aangevraagd op {requested_on}; uiterlijk 2 dagen na de gebeurtenis ({latest})",
                LPW_ART_14,
            )
        )
    return VerlofCheck(all(r.ok for r in reasons), decided_by, n, tuple(reasons))
