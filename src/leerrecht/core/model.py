"""Domain objects shared by the rules: pupils, schools, verlof, meldingen, checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from leerrecht.core.absence import Registration
from leerrecht.core.calendar import SchoolCalendar
from leerrecht.core.sources import Source


class Sector(StrEnum):
    PO = "po"
    SO = "so"
    VO = "vo"
    MBO = "mbo"


class ExitReason(StrEnum):
    """Lawful grounds to uitschrijven a leerplichtige (seed 000 §4.2; Lpw art. 5, 10, 18)."""

    NIEUWE_SCHOOL = "nieuwe_school"
    EMIGRATIE = "emigratie"
    VRIJSTELLING = "vrijstelling"
    #: SO cluster 1 or 2 only, after an 8-week search for another school (seed 000 §1.1.3).
    #: The pupil is then leerplichtig without a school: absoluut verzuim, so leerplicht acts.
    VERWIJDERD_SO = "verwijderd_so"


class Soort(StrEnum):
    """DUO verzuimsoorten that leerrecht produces."""

    ZESTIEN_UUR = "16_uur"
    LRV = "lrv"
    LUXE = "luxe"
    OVERIG = "overig"
    ACHTTIEN_PLUS = "18plus"


class VerlofSoort(StrEnum):
    VAKANTIE = "vakantie"
    GEWICHTIG = "gewichtig"


class VerlofStatus(StrEnum):
    AANGEVRAAGD = "aangevraagd"
    TOEGEKEND = "toegekend"
    AFGEWEZEN = "afgewezen"
    INGETROKKEN = "ingetrokken"


@dataclass(frozen=True, slots=True)
class School:
    name: str
    sector: Sector
    calendar: SchoolCalendar
    brin: str = ""
    region: str = ""
    hours_unit: str = "klokuren"  # or "dagdelen": 5 dagdelen = 16 klokuren


@dataclass(frozen=True, slots=True)
class Pupil:
    pupil_id: str
    birth_date: dt.date
    enrolled_from: dt.date | None = None
    enrolled_until: dt.date | None = None
    municipality: str = ""
    group: str = ""
    startkwalificatie: bool = False
    vo_start: dt.date | None = None
    exit_reason: ExitReason | None = None
    next_enrolment_from: dt.date | None = None

    def enrolled_on(self, day: dt.date) -> bool:
        if self.enrolled_from is not None and day < self.enrolled_from:
            return False
        return not (self.enrolled_until is not None and day > self.enrolled_until)


@dataclass(frozen=True, slots=True)
class Verlof:
    pupil_id: str
    soort: VerlofSoort
    start: dt.date
    end: dt.date
    status: VerlofStatus
    line: int = 0

    def covers(self, day: dt.date) -> bool:
        return self.status is VerlofStatus.TOEGEKEND and self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a melding, status or check exists: the rule, its sources and the absences behind it."""

    rule: str
    text: str
    sources: tuple[Source, ...]
    absences: tuple[Registration, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "text": self.text,
            "sources": [str(s) for s in self.sources],
            "absences": [
                {
                    "date": r.date.isoformat(),
                    "kind": r.kind.value,
                    "reason": r.reason.value,
                    "hours": r.hours,
                    "line": r.line,
                }
                for r in self.absences
            ],
        }


@dataclass(frozen=True, slots=True)
class Melding:
    pupil_id: str
    soort: Soort
    begin: dt.date
    end: dt.date | None
    hours: float
    due: dt.date
    sequence: int
    reached: dt.date
    explanation: Explanation

    def to_dict(self) -> dict[str, Any]:
        return {
            "pupil_id": self.pupil_id,
            "soort": self.soort.value,
            "begin": self.begin.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "hours": round(self.hours, 2),
            "due": self.due.isoformat(),
            "sequence": self.sequence,
            "reached": self.reached.isoformat(),
            "explanation": self.explanation.to_dict(),
        }


class ThuiszitterGroup(StrEnum):
    LRV_2A = "2a"
    LRV_2B = "2b"
    ABSOLUUT = "absoluut"


@dataclass(frozen=True, slots=True)
class Thuiszitter:
    since: dt.date
    group: ThuiszitterGroup
    explanation: Explanation

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat(),
            "group": self.group.value,
            "explanation": self.explanation.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Action:
    actor: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"actor": self.actor, "text": self.text}


@dataclass(frozen=True, slots=True)
class Check:
    """A statutory signal that is not a melding: to consider, to correct, or to notify."""

    pupil_id: str
    kind: str
    on: dt.date
    severity: str  # "overwegen" (consider), "verplicht" (required action), "fout" (unlawful)
    explanation: Explanation
    actions: tuple[Action, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "pupil_id": self.pupil_id,
            "kind": self.kind,
            "on": self.on.isoformat(),
            "severity": self.severity,
            "actions": [a.to_dict() for a in self.actions],
            "explanation": self.explanation.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Signal:
    """A protocol step reached by a pupil."""

    pupil_id: str
    protocol: str
    step: str
    title: str
    on: dt.date
    melding: Soort | None
    actions: tuple[Action, ...]
    source: str
    explanation: Explanation
    keuze: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "pupil_id": self.pupil_id,
            "protocol": self.protocol,
            "step": self.step,
            "title": self.title,
            "on": self.on.isoformat(),
            "melding": self.melding.value if self.melding else None,
            "actions": [a.to_dict() for a in self.actions],
            "source": self.source,
            "keuze": self.keuze,
            "explanation": self.explanation.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class ManualStep:
    """A protocol step that staff decided was reached (handmatig.csv or the web app)."""

    pupil_id: str
    step: str
    date: dt.date
    note: str = ""
    line: int = 0
