"""The schema of a protocol file, validated with pydantic.

A protocol is a list of steps. Each step has an id, the condition that reaches it, the DUO
melding it triggers (if any), the actions per actor, and its source (seed file and section).
Conditions are built from a small set of metrics (see :mod:`leerrecht.core.protocols.metrics`),
each counted in a window.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from leerrecht.core.absence import Kind, Reason

ACTORS = (
    "school",
    "mentor",
    "teamleider",
    "directeur",
    "zorgcoordinator",
    "leerplicht",
    "jgz",
    "swv",
    "ouders",
    "inspectie",
    # extensions for a school's own internal roles (seed 004):
    "receptionist",
    "onderwijsassistent",
)
Actor = Literal[
    "school",
    "mentor",
    "teamleider",
    "directeur",
    "zorgcoordinator",
    "leerplicht",
    "jgz",
    "swv",
    "ouders",
    "inspectie",
    "receptionist",
    "onderwijsassistent",
]
MeldingSoort = Literal["16_uur", "lrv", "luxe", "overig", "18plus"]
SectorName = Literal["po", "so", "vo", "mbo"]

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# -- windows ------------------------------------------------------------------------------------


class Window(_Strict):
    """Where a metric is counted.

    - ``schooljaar``: from 1 August; a step with this window is reached at most once per school
      year.
    - ``inschrijving``: the whole enrolment; reached at most once.
    - ``lesweken: N``: the last N lesweken up to the day (vacation weeks skipped).
    - ``maanden: N``: the last N calendar months up to the day.
    - ``sinds_stap: ID``: since the day step ID of the same protocol was last reached; reached
      at most once per time that step was reached.
    - ``keer``: every occurrence on its own (each school day with a matching registration).
    With the rolling windows, counting starts afresh after the step is reached, and the step is
    not reached again within the same window length: one signal per period.
    """

    kind: Literal["schooljaar", "inschrijving", "lesweken", "maanden", "sinds_stap", "keer"]
    n: int | None = None
    step: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, str):
            if value in ("schooljaar", "inschrijving", "keer"):
                return {"kind": value}
            raise ValueError(
                f"onbekend venster {value!r}; gebruik schooljaar, inschrijving, keer, "
                "{lesweken: N}, {maanden: N} of {sinds_stap: ID}"
            )
        if isinstance(value, dict) and "kind" not in value:
            if len(value) != 1:
                raise ValueError(
                    "een venster heeft precies één sleutel, bijvoorbeeld {lesweken: 4}"
                )
            ((key, arg),) = value.items()
            if key in ("lesweken", "maanden"):
                if not isinstance(arg, int) or isinstance(arg, bool) or not 1 <= arg <= 52:
                    raise ValueError(f"{key} moet een geheel getal van 1 tot en met 52 zijn")
                return {"kind": key, "n": arg}
            if key == "sinds_stap":
                return {"kind": key, "step": str(arg)}
            raise ValueError(f"onbekend venster {key!r}; gebruik lesweken, maanden of sinds_stap")
        return value

    def describe(self) -> str:
        if self.kind == "schooljaar":
            return "in het schooljaar"
        if self.kind == "inschrijving":
            return "sinds de inschrijving"
        if self.kind == "lesweken":
            return f"in {self.n} lesweken"
        if self.kind == "maanden":
            return f"in {self.n} maanden"
        if self.kind == "keer":
            return "per keer"
        return f"sinds stap {self.step}"


SCHOOLJAAR = Window(kind="schooljaar")


# -- conditions ---------------------------------------------------------------------------------

COUNT_METRICS = (
    "te_laat",
    "ongeoorloofd_keren",
    "ongeoorloofd_uren",
    "ziekmeldingen",
    "geoorloofd_lesblokken",
    "aandeel_lestijd",
    "geschorste_dagen",
)
STREAK_METRICS = (
    "ongeoorloofd_aaneengesloten",
    "ziek_aaneengesloten",
    "afwezig_aaneengesloten",
    "structureel_verzuim_weken",
)
MetricName = Literal[
    "te_laat",
    "ongeoorloofd_keren",
    "ongeoorloofd_uren",
    "ziekmeldingen",
    "geoorloofd_lesblokken",
    "aandeel_lestijd",
    "geschorste_dagen",
    "ongeoorloofd_aaneengesloten",
    "ziek_aaneengesloten",
    "afwezig_aaneengesloten",
    "structureel_verzuim_weken",
]


class MetricCondition(_Strict):
    """A metric compared with a threshold, counted in a window."""

    metric: MetricName
    window: Window = SCHOOLJAAR
    at_least: float | None = None
    more_than: float | None = None
    less_than: float | None = None
    # parameters (meaning per metric, see docs/protocollen.md)
    count_by: Literal["dag", "registratie"] = "dag"
    kinds: tuple[Kind, ...] | None = None
    reasons: tuple[Reason, ...] | None = None
    meet: Literal["schooldagen", "kalenderdagen", "lesweken"] = "schooldagen"
    block_minutes: int = Field(default=50, ge=10, le=120)
    herhalen: bool = False

    @model_validator(mode="after")
    def _check(self) -> MetricCondition:
        if (self.at_least is None) == (self.more_than is None):
            raise ValueError("geef precies één ondergrens: at_least of more_than")
        if self.metric in STREAK_METRICS and self.window.kind in (
            "lesweken",
            "maanden",
            "sinds_stap",
        ):
            raise ValueError(
                f"{self.metric} telt een aaneengesloten reeks; een venster past daar niet "
                "(de stap wordt één keer per reeks bereikt)"
            )
        if self.metric == "aandeel_lestijd":
            if self.window.kind != "lesweken":
                raise ValueError("aandeel_lestijd heeft een venster {lesweken: N} nodig")
            bound = self.at_least if self.at_least is not None else self.more_than
            if bound is not None and not 0 < bound <= 1:
                raise ValueError("aandeel_lestijd is een fractie tussen 0 en 1, bijvoorbeeld 0.125")
        if self.meet == "kalenderdagen" and self.metric not in STREAK_METRICS[:3]:
            raise ValueError(
                "meet: kalenderdagen kan alleen bij een aaneengesloten reeks van dagen"
            )
        return self

    def threshold_text(self) -> str:
        parts = []
        if self.at_least is not None:
            parts.append(f"ten minste {self.at_least:g}")
        if self.more_than is not None:
            parts.append(f"meer dan {self.more_than:g}")
        if self.less_than is not None:
            parts.append(f"minder dan {self.less_than:g}")
        return " en ".join(parts)

    def holds(self, value: float) -> bool:
        eps = 1e-9
        if self.at_least is not None and value < self.at_least - eps:
            return False
        if self.more_than is not None and value <= self.more_than + eps:
            return False
        return not (self.less_than is not None and value >= self.less_than - eps)


class WettelijkRef(_Strict):
    """An outcome of the statutory rules: a melding of a soort (optionally of one rule), or a
    statutory check. The step is reached on the day that melding or check arose."""

    melding: MeldingSoort | None = None
    rule: str | None = None
    check: str | None = None
    min_schooldagen: int | None = Field(default=None, ge=1)
    max_schooldagen: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _check(self) -> WettelijkRef:
        if (self.melding is None) == (self.check is None):
            raise ValueError("verwijs naar precies één: melding (soort) of check")
        if self.check is not None and (self.min_schooldagen or self.max_schooldagen):
            raise ValueError("min_schooldagen en max_schooldagen gelden alleen voor een melding")
        return self


class WettelijkCondition(_Strict):
    wettelijk: WettelijkRef


class ManualCondition(_Strict):
    """A step that a person decides on (for example 'ziekmelding is reden tot zorg'). It is
    never derived from the registrations: staff record it (handmatig.csv, or the web app)."""

    handmatig: str = Field(min_length=5)


class AllCondition(_Strict):
    all: tuple[Condition, ...] = Field(min_length=2)


class AnyCondition(_Strict):
    any: tuple[Condition, ...] = Field(min_length=2)


CONDITION_KEYS = ("metric", "wettelijk", "handmatig", "all", "any")


def _condition_kind(value: Any) -> str | None:
    """Which kind of condition a mapping is, by its key (so errors name only that kind)."""
    if isinstance(value, dict):
        return next((key for key in CONDITION_KEYS if key in value), None)
    kinds: tuple[tuple[type[BaseModel], str], ...] = (
        (MetricCondition, "metric"),
        (WettelijkCondition, "wettelijk"),
        (ManualCondition, "handmatig"),
        (AllCondition, "all"),
        (AnyCondition, "any"),
    )
    return next((tag for cls, tag in kinds if isinstance(value, cls)), None)


Condition = Annotated[
    Union[  # noqa: UP007
        Annotated[MetricCondition, Tag("metric")],
        Annotated[WettelijkCondition, Tag("wettelijk")],
        Annotated[ManualCondition, Tag("handmatig")],
        Annotated[AllCondition, Tag("all")],
        Annotated[AnyCondition, Tag("any")],
    ],
    Discriminator(
        _condition_kind,
        custom_error_type="condition_kind",
        custom_error_message="een voorwaarde begint met metric, wettelijk, handmatig, all of any",
    ),
]
AllCondition.model_rebuild()
AnyCondition.model_rebuild()


# -- steps and protocols ------------------------------------------------------------------------


class Step(_Strict):
    id: str
    title: str = Field(min_length=3)
    when: Condition
    melding: MeldingSoort | None = None
    actions: dict[Actor, tuple[str, ...]] = Field(min_length=1)
    source: str = Field(min_length=5)
    sectors: tuple[SectorName, ...] | None = None
    keuze: str | None = None

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG.match(value):
            raise ValueError("een stap-id bestaat uit kleine letters, cijfers en streepjes")
        return value

    @field_validator("actions")
    @classmethod
    def _non_empty(cls, value: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        for actor, texts in value.items():
            if not texts or any(not t.strip() for t in texts):
                raise ValueError(f"acties van {actor}: geef minstens één niet-lege actie")
        return value


class Protocol(_Strict):
    id: str
    name: str = Field(min_length=3)
    region: str = Field(min_length=2)
    sectors: tuple[SectorName, ...] = Field(min_length=1)
    schooljaar: str | None = None
    source: str = Field(min_length=5)
    description: str = ""
    steps: tuple[Step, ...] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG.match(value):
            raise ValueError("een protocol-id bestaat uit kleine letters, cijfers en streepjes")
        return value

    @model_validator(mode="after")
    def _references(self) -> Protocol:
        ids = [s.id for s in self.steps]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"stap-id's komen dubbel voor: {', '.join(dupes)}")
        for index, step in enumerate(self.steps):
            for cond in iter_leaves(step.when):
                if isinstance(cond, MetricCondition) and cond.window.kind == "sinds_stap":
                    if cond.window.step not in ids:
                        raise ValueError(
                            f"stap {step.id}: sinds_stap verwijst naar onbekende stap {cond.window.step!r}"
                        )
                    if ids.index(cond.window.step or "") >= index:
                        raise ValueError(
                            f"stap {step.id}: sinds_stap moet naar een eerdere stap verwijzen"
                        )
        return self

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)


def iter_leaves(
    cond: Condition,
) -> list[MetricCondition | WettelijkCondition | ManualCondition]:
    if isinstance(cond, AllCondition):
        return [leaf for c in cond.all for leaf in iter_leaves(c)]
    if isinstance(cond, AnyCondition):
        return [leaf for c in cond.any for leaf in iter_leaves(c)]
    return [cond]


def manual_step_ids(protocol: Protocol) -> set[str]:
    """The steps of a protocol that staff record by hand."""
    return {
        step.id
        for step in protocol.steps
        if any(isinstance(leaf, ManualCondition) for leaf in iter_leaves(step.when))
    }
