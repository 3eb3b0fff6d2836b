"""Render an evaluation as JSON (the batch contract) or as tables for people."""

from __future__ import annotations

import json
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from leerrecht.core.evaluate import Evaluation

SOORT_LABELS = {
    "16_uur": "16 uur in 4 weken",
    "lrv": "langdurig relatief verzuim",
    "luxe": "luxe verzuim",
    "overig": "overig verzuim",
    "18plus": "18+ verzuim",
}


def to_json(evaluation: Evaluation) -> str:
    return json.dumps(evaluation.to_dict(), ensure_ascii=False, indent=2)


def render_table(evaluation: Evaluation, out: TextIO) -> None:
    console = Console(file=out, width=140, highlight=False, markup=False)
    data: dict[str, Any] = evaluation.to_dict()
    console.print(
        f"{evaluation.school.name} ({evaluation.school.sector.value}), "
        f"stand per {evaluation.as_of}: {len(data['pupils'])} leerlingen, "
        f"{len(data['meldingen'])} meldingen, {len(data['checks'])} aandachtspunten"
    )
    meldingen = Table(title="DUO-meldingen", show_lines=False)
    for column in (
        "leerling",
        "soort",
        "nr",
        "begin",
        "eind",
        "uren",
        "uiterlijk melden",
        "toelichting",
    ):
        meldingen.add_column(column, overflow="fold")
    for m in data["meldingen"]:
        meldingen.add_row(
            m["pupil_id"],
            SOORT_LABELS.get(m["soort"], m["soort"]),
            str(m["sequence"]),
            m["begin"],
            m["end"] or "(open)",
            f"{m['hours']:g}",
            m["due"],
            m["explanation"]["text"],
        )
    console.print(meldingen)
    thuiszitters = [p for p in data["pupils"] if p["thuiszitter"]]
    table = Table(title="Thuiszitters")
    for column in ("leerling", "groep", "sinds", "toelichting"):
        table.add_column(column, overflow="fold")
    for p in thuiszitters:
        t = p["thuiszitter"]
        table.add_row(p["pupil_id"], t["group"], t["since"], t["explanation"]["text"])
    console.print(table)
    checks = Table(title="Aandachtspunten")
    for column in ("leerling", "soort", "datum", "ernst", "toelichting"):
        checks.add_column(column, overflow="fold")
    for c in data["checks"]:
        checks.add_row(c["pupil_id"], c["kind"], c["on"], c["severity"], c["explanation"]["text"])
    console.print(checks)
    if data["signals"]:
        signals = Table(title="Protocolstappen")
        for column in ("leerling", "protocol", "stap", "datum", "acties"):
            signals.add_column(column, overflow="fold")
        for s in data["signals"]:
            actions = "; ".join(f"{a['actor']}: {a['text']}" for a in s["actions"])
            signals.add_row(s["pupil_id"], s["protocol"], s["step"], s["on"], actions)
        console.print(signals)
