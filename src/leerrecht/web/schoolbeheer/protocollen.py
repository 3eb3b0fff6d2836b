"""The shipped regional protocols (verzuimkaarten) a school can choose, and their steps as the
beheerder reads them before choosing (like ``leerrecht protocols list`` and ``show``)."""

from __future__ import annotations

from dataclasses import dataclass

from leerrecht.core.protocols.describe import describe
from leerrecht.core.protocols.loader import ProtocolError, load_protocol, shipped_protocol_files
from leerrecht.core.protocols.schema import Protocol
from leerrecht.web.scholen.models import School


@dataclass(frozen=True, slots=True)
class StapRij:
    id: str
    titel: str
    wanneer: str
    sectoren: tuple[str, ...]
    keuze: str
    melding: str
    acties: tuple[tuple[str, tuple[str, ...]], ...]
    bron: str


def meegeleverd() -> list[Protocol]:
    """All shipped protocols, by id (a broken file is left out; ``protocols check`` names it)."""
    protocols: list[Protocol] = []
    for ref in sorted(shipped_protocol_files()):
        try:
            protocols.append(load_protocol(ref))
        except (KeyError, ProtocolError):
            continue
    return protocols


def voor_school(school: School) -> list[Protocol]:
    """The shipped protocols for the school's sector (po, so, vo, mbo)."""
    return [p for p in meegeleverd() if school.sector in p.sectors]


def zoek(protocol_id: str) -> Protocol | None:
    """A shipped protocol by id; None for an unknown id (never a path on disk)."""
    if protocol_id not in shipped_protocol_files():
        return None
    try:
        return load_protocol(protocol_id)
    except (KeyError, ProtocolError):
        return None


def stappen(protocol: Protocol) -> list[StapRij]:
    return [
        StapRij(
            id=step.id,
            titel=step.title,
            wanneer=describe(step.when),
            sectoren=tuple(step.sectors or ()),
            keuze=step.keuze or "",
            melding=step.melding or "",
            acties=tuple((actor, texts) for actor, texts in step.actions.items()),
            bron=step.source,
        )
        for step in protocol.steps
    ]
