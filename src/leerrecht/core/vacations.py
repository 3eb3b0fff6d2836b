"""The official OCW school vacation dates per region, shipped as data (core/data/ocw_vakanties.toml).

Source: Rijksoverheid, "Overzicht schoolvakanties per schooljaar". A school may replace them
with its own ``[[vacation]]`` tables in school.toml (see :mod:`leerrecht.batch.loader`).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources

from leerrecht.core.calendar import Vacation


class Region(StrEnum):
    NOORD = "noord"
    MIDDEN = "midden"
    ZUID = "zuid"


@dataclass(frozen=True, slots=True)
class ShippedYear:
    """One school year of shipped vacation data (start year, e.g. 2025 for 2025-2026)."""

    start_year: int
    source: str
    vacations: dict[Region, tuple[Vacation, ...]]


def load_shipped() -> dict[int, ShippedYear]:
    """Read the shipped OCW vacation dates, keyed by the start year of the school year."""
    text = resources.files("leerrecht.core").joinpath("data/ocw_vakanties.toml").read_text("utf-8")
    data = tomllib.loads(text)
    years: dict[int, ShippedYear] = {}
    for entry in data["schooljaar"]:
        start_year = int(str(entry["jaar"]).split("-")[0])
        per_region: dict[Region, list[Vacation]] = {r: [] for r in Region}
        for item in entry.get("vakantie", []):
            start = item["start"]
            end = item["end"]
            if not isinstance(start, dt.date) or not isinstance(end, dt.date):
                raise ValueError(f"ocw_vakanties.toml: {item['naam']} heeft geen geldige datums")
            per_region[Region(item["regio"])].append(Vacation(str(item["naam"]), start, end))
        years[start_year] = ShippedYear(
            start_year=start_year,
            source=str(entry.get("source", "")),
            vacations={r: tuple(v) for r, v in per_region.items()},
        )
    return years


def shipped_vacations(region: Region) -> tuple[list[Vacation], set[int]]:
    """All shipped vacations of a region and the school years they describe.

    The first shipped school year also lists the summer vacation that opens it (it belongs to
    the school year before), so every shipped year is fully described.
    """
    years = load_shipped()
    vacations: list[Vacation] = []
    for year in years.values():
        vacations.extend(year.vacations[region])
    return sorted(vacations, key=lambda v: v.start), set(years)
