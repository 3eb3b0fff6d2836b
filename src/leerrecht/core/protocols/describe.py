"""Human-readable descriptions of conditions, and the side-by-side diff of two protocols."""

from __future__ import annotations

from dataclasses import dataclass

from leerrecht.core.protocols.schema import (
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

METRIC_NAMES = {
    "te_laat": "te laat",
    "ongeoorloofd_keren": "keer ongeoorloofd",
    "ongeoorloofd_uren": "uur ongeoorloofd",
    "ziekmeldingen": "ziekmeldingen",
    "geoorloofd_lesblokken": "lesblokken geoorloofd",
    "aandeel_lestijd": "aandeel lestijd afwezig",
    "geschorste_dagen": "dagen geschorst",
    "ongeoorloofd_aaneengesloten": "dagen aaneengesloten ongeoorloofd",
    "ziek_aaneengesloten": "dagen aaneengesloten ziek",
    "afwezig_aaneengesloten": "dagen aaneengesloten afwezig",
    "structureel_verzuim_weken": "weken structureel afwezig",
}

TOPICS = {
    "te_laat": "te laat komen",
    "ongeoorloofd_keren": "ongeoorloofd verzuim (keren)",
    "ongeoorloofd_uren": "ongeoorloofd verzuim (uren)",
    "ziekmeldingen": "ziekteverzuim",
    "ziek_aaneengesloten": "ziekteverzuim",
    "geoorloofd_lesblokken": "geoorloofd verzuim",
    "aandeel_lestijd": "geoorloofd verzuim",
    "afwezig_aaneengesloten": "thuiszitters en langdurig afwezig",
    "ongeoorloofd_aaneengesloten": "thuiszitters en langdurig afwezig",
    "structureel_verzuim_weken": "risicoleerlingen",
    "geschorste_dagen": "risicoleerlingen",
}


def describe(cond: Condition) -> str:
    if isinstance(cond, AllCondition):
        return " en ".join(f"({describe(c)})" for c in cond.all)
    if isinstance(cond, AnyCondition):
        return " of ".join(f"({describe(c)})" for c in cond.any)
    if isinstance(cond, ManualCondition):
        return f"handmatig: {cond.handmatig}"
    if isinstance(cond, WettelijkCondition):
        ref = cond.wettelijk
        if ref.melding is not None:
            text = f"wettelijke melding {ref.melding}" + (f" ({ref.rule})" if ref.rule else "")
            if ref.min_schooldagen:
                text += f", ten minste {ref.min_schooldagen} schooldagen"
            if ref.max_schooldagen:
                text += f", ten hoogste {ref.max_schooldagen} schooldagen"
            return text
        return f"wettelijk aandachtspunt {ref.check}"
    return _describe_metric(cond)


def _describe_metric(cond: MetricCondition) -> str:
    parts = [f"{METRIC_NAMES[cond.metric]} {cond.threshold_text()}"]
    if cond.metric not in (
        "ongeoorloofd_aaneengesloten",
        "ziek_aaneengesloten",
        "afwezig_aaneengesloten",
        "structureel_verzuim_weken",
    ):
        parts.append(cond.window.describe())
    if cond.meet != "schooldagen":
        parts.append(f"({cond.meet})")
    if cond.herhalen:
        parts.append("(elke dag opnieuw)")
    if cond.count_by == "registratie":
        parts.append("(per registratie)")
    if cond.reasons is not None:
        parts.append("redenen: " + ", ".join(r.value for r in cond.reasons))
    if cond.kinds is not None:
        parts.append("soort: " + ", ".join(k.value for k in cond.kinds))
    return " ".join(parts)


def topic(step: Step) -> str:
    leaf = iter_leaves(step.when)[0]
    if isinstance(leaf, ManualCondition):
        return "handmatig vastgesteld"
    if isinstance(leaf, WettelijkCondition):
        ref = leaf.wettelijk
        if ref.check is not None:
            return {
                "twijfelachtig_ziekteverzuim": "ziekteverzuim",
                "schorsing_melden": "schorsing",
                "schorsing_te_lang": "schorsing",
                "uitschrijving_niet_toegestaan": "in- en uitschrijving",
            }.get(ref.check, "wettelijke aandachtspunten")
        return {
            "16_uur": "wettelijk verzuim (16 uur)",
            "lrv": "thuiszitters en langdurig afwezig",
            "18plus": "18+ verzuim",
            "luxe": "luxe verzuim",
            "overig": "overig verzuim",
        }[ref.melding or "overig"]
    if (
        leaf.metric == "aandeel_lestijd"
        and leaf.reasons is not None
        and all(not r.geoorloofd for r in leaf.reasons)
    ):
        return "thuiszitters en langdurig afwezig"
    return TOPICS[leaf.metric]


@dataclass(frozen=True, slots=True)
class DiffRow:
    topic: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    same: bool

    @property
    def status(self) -> str:
        if not self.left:
            return "alleen rechts"
        if not self.right:
            return "alleen links"
        return "gelijk" if self.same else "verschilt"


def _line(step: Step) -> str:
    melding = f" -> melding {step.melding}" if step.melding else ""
    sectors = f" [{', '.join(step.sectors)}]" if step.sectors else ""
    return f"{step.id}: {describe(step.when)}{melding}{sectors}"


def _signature(step: Step) -> str:
    return describe(step.when) + (f" -> {step.melding}" if step.melding else "")


def diff(left: Protocol, right: Protocol) -> list[DiffRow]:
    topics: list[str] = []
    for step in (*left.steps, *right.steps):
        if topic(step) not in topics:
            topics.append(topic(step))
    rows = []
    for name in topics:
        lsteps = [s for s in left.steps if topic(s) == name]
        rsteps = [s for s in right.steps if topic(s) == name]
        same = sorted(_signature(s) for s in lsteps) == sorted(_signature(s) for s in rsteps)
        left_lines = tuple(_line(s) for s in lsteps)
        right_lines = tuple(_line(s) for s in rsteps)
        rows.append(DiffRow(name, left_lines, right_lines, same))
    return rows
