"""Where a melding goes: the office of the pupil's woongemeente (seed 000 bijlage 2 "Welke
leerling waar melden?": "De woonplaats van de leerling (BRP-inschrijving) bepaalt waar de
leerling gemeld moet worden")."""

from __future__ import annotations

import pytest
from leerplicht_hulp import BLD, TEAM_LJ, Kantoren

from leerrecht.web.leerplicht.routering import routeer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "woongemeente",
    ["Heerlen", "Beekdaelen", "Brunssum", "Kerkrade", "Landgraaf", "Simpelveld", "Voerendaal"],
)
def test_parkstad_gaat_naar_bld(kantoren: Kantoren, woongemeente: str) -> None:
    """Seed 000 bijlage 2: "Beekdaelen, Brunssum, Heerlen, Kerkrade, Landgraaf, Simpelveld of
    Voerendaal, meldt u deze aan bij Bureau Leren en Doorstromen Parkstad Limburg"."""
    routering = routeer(woongemeente)
    assert routering.bureau == kantoren.bld
    assert routering.gemeente is not None and routering.gemeente.naam == woongemeente
    assert BLD in routering.uitleg and woongemeente in routering.uitleg


@pytest.mark.parametrize("woongemeente", ["Sittard-Geleen", "Beek", "Stein", "Stein (L.)"])
def test_westelijke_mijnstreek_gaat_naar_team_leren_en_jongeren(
    kantoren: Kantoren, woongemeente: str
) -> None:
    """Seed 000 bijlage 2: "Beek, Sittard-Geleen of Stein, meldt u deze aan bij Team Leren en
    Jongeren"."""
    routering = routeer(woongemeente)
    assert routering.bureau == kantoren.team_lj
    assert TEAM_LJ in routering.uitleg


def test_hoofdletters_spaties_en_het_woord_gemeente_tellen_niet(kantoren: Kantoren) -> None:
    assert routeer("  gemeente   HEERLEN ").bureau == kantoren.bld


def test_de_schrijfwijze_van_de_seed_wordt_herkend(kantoren: Kantoren) -> None:
    """Seed 000 bijlage 2 writes "Gulpen-Witten" and "Valkenburg a/d Geul"."""
    for naam, cbs in (
        ("Gulpen-Witten", "Gulpen-Wittem"),
        ("Valkenburg a/d Geul", "Valkenburg aan de Geul"),
    ):
        routering = routeer(naam)
        assert routering.gemeente is not None and routering.gemeente.naam == cbs


def test_duitsland_gaat_naar_het_jugendamt(kantoren: Kantoren) -> None:
    """Seed 000 bijlage 2: "Woont de leerling in Duitsland; meldt de leerling aan bij de
    Jugendamt van de woonplaats"."""
    routering = routeer("Duitsland")
    assert routering.buitenland and routering.bureau is None
    assert "Jugendamt" in routering.uitleg


def test_belgie_gaat_naar_het_clb(kantoren: Kantoren) -> None:
    """Seed 000 bijlage 2: België -> het Centrum voor Leerlingenbegeleiding (CLB)."""
    for naam in ("België", "belgie"):
        routering = routeer(naam)
        assert routering.buitenland and "CLB" in routering.uitleg


def test_een_onbekende_naam_wordt_uitgelegd(kantoren: Kantoren) -> None:
    routering = routeer("Heerlen-Noord")
    assert routering.bureau is None and routering.gemeente is None
    assert "'Heerlen-Noord' staat niet in de lijst van Nederlandse gemeenten" in routering.uitleg


def test_een_lege_woongemeente_wordt_uitgelegd(kantoren: Kantoren) -> None:
    routering = routeer("  ")
    assert routering.bureau is None and "niet ingevuld" in routering.uitleg


def test_een_gemeente_zonder_bureau_op_het_platform(kantoren: Kantoren) -> None:
    """Seed 000 bijlage 2: "Woont de leerling in een andere gemeente; meldt de leerling aan bij
    de afdeling leerplicht van de betreffende gemeente" (here Maastricht, no office on the
    platform in this test)."""
    routering = routeer("Maastricht")
    assert routering.bureau is None
    assert routering.gemeente is not None and routering.gemeente.code == "GM0935"
    assert "Geen leerplichtbureau op het platform voor Maastricht" in routering.uitleg
    assert "afdeling leerplicht" in routering.uitleg
