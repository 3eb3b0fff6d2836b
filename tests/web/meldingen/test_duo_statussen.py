"""The status map of DUO-meldingen: every allowed transition works and is recorded, everything
else is refused with a clear message; concept -> gemeld needs DUO's meldingsnummer."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from duo_hulp import (
    maak_melding,
    snelle_wachtwoorden,  # noqa: F401  (autouse)
)
from web_hulp import World

from leerrecht.core.model import Soort
from leerrecht.web.meldingen.models import Status, StatusWijziging, Verzuimsoort
from leerrecht.web.meldingen.statussen import (
    TRANSITIES,
    StatusFout,
    toegestaan,
    vereist_meldingsnummer,
    wijzig_status,
)

TOEGESTAAN = sorted((van, naar) for van, naars in TRANSITIES.items() for naar in naars)
VERBODEN = sorted((van, naar) for van in Status for naar in Status if naar not in TRANSITIES[van])


def test_de_statuskaart_kent_elke_status_en_de_eindstatussen_hebben_geen_uitweg() -> None:
    assert set(TRANSITIES) == set(Status)
    for status in (Status.AFGESLOTEN, Status.INGETROKKEN, Status.TER_KENNISGEVING):
        assert TRANSITIES[status] == frozenset()
    assert set(TRANSITIES[Status.CONCEPT]) == {Status.GEMELD, Status.INGETROKKEN}


def test_de_verzuimsoorten_zijn_die_van_de_regels() -> None:
    assert set(Verzuimsoort.values) == {s.value for s in Soort}


@pytest.mark.parametrize(("van", "naar"), TOEGESTAAN, ids=[f"{v}->{n}" for v, n in TOEGESTAAN])
def test_toegestane_overgang_lukt_en_komt_in_de_geschiedenis(
    world: World, van: Status, naar: Status
) -> None:
    melding = maak_melding(world, van)
    nummer = "VM-2026-0042" if vereist_meldingsnummer(van, naar) else ""
    wijziging = wijzig_status(
        melding, naar, world.coordinator, meldingsnummer=nummer, notitie="  gebeld  "
    )
    melding.refresh_from_db()
    assert melding.status == naar
    assert (wijziging.van, wijziging.naar, wijziging.door) == (van, naar, world.coordinator)
    assert wijziging.notitie == "gebeld"
    assert list(melding.geschiedenis.all()) == [wijziging]
    if nummer:
        assert melding.meldingsnummer == nummer


@pytest.mark.parametrize(("van", "naar"), VERBODEN, ids=[f"{v}->{n}" for v, n in VERBODEN])
def test_verboden_overgang_wordt_geweigerd_met_een_duidelijke_melding(
    world: World, van: Status, naar: Status
) -> None:
    melding = maak_melding(world, van)
    with pytest.raises(StatusFout) as fout:
        wijzig_status(melding, naar, world.coordinator, meldingsnummer="VM-1")
    assert f"'{van.label}' kan niet naar '{naar.label}'" in str(fout.value)
    melding.refresh_from_db()
    assert melding.status == van
    assert not StatusWijziging.objects.exists()


@pytest.mark.parametrize("nummer", ["", "   "])
def test_gemeld_zonder_meldingsnummer_wordt_geweigerd(world: World, nummer: str) -> None:
    melding = maak_melding(world)
    with pytest.raises(StatusFout, match="meldingsnummer van DUO"):
        wijzig_status(melding, Status.GEMELD, world.coordinator, meldingsnummer=nummer)
    melding.refresh_from_db()
    assert (melding.status, melding.meldingsnummer) == (Status.CONCEPT, "")
    assert not StatusWijziging.objects.exists()


def test_meldingsnummer_met_spaties_of_te_lang_wordt_geweigerd(world: World) -> None:
    melding = maak_melding(world)
    for nummer in ("VM 12", "V" * 51):
        with pytest.raises(StatusFout, match="geen spaties"):
            wijzig_status(melding, Status.GEMELD, world.coordinator, meldingsnummer=nummer)
    wijzig_status(melding, Status.GEMELD, world.coordinator, meldingsnummer=" VM-12 ")
    melding.refresh_from_db()
    assert melding.meldingsnummer == "VM-12"


def test_onbekende_status_wordt_geweigerd(world: World) -> None:
    with pytest.raises(StatusFout, match="Onbekende status"):
        wijzig_status(maak_melding(world), "verzonden", world.coordinator)


def test_de_overgang_gaat_uit_van_de_status_in_de_database(world: World) -> None:
    """Two people on the same page: the second click sees the status the first one set."""
    melding = maak_melding(world)
    verouderd = type(melding).objects.get(pk=melding.pk)
    wijzig_status(melding, Status.INGETROKKEN, world.coordinator)
    with pytest.raises(StatusFout, match="'ingetrokken' kan niet naar 'gemeld'"):
        wijzig_status(verouderd, Status.GEMELD, world.coordinator, meldingsnummer="VM-1")


def test_toegestaan_volgt_de_kaart_in_vaste_volgorde() -> None:
    assert toegestaan(Status.CONCEPT) == [Status.GEMELD, Status.INGETROKKEN]
    assert toegestaan(Status.AFGESLOTEN) == []


def test_de_geschiedenis_kan_niet_worden_gewijzigd_of_verwijderd(world: World) -> None:
    melding = maak_melding(world)
    wijziging = wijzig_status(melding, Status.INGETROKKEN, world.coordinator)
    wijziging.notitie = "achteraf aangepast"
    with pytest.raises(ValueError, match="nooit gewijzigd"):
        wijziging.save()
    with pytest.raises(ValueError, match="nooit verwijderd"):
        wijziging.delete()


def test_de_database_weigert_gemeld_zonder_meldingsnummer(world: World) -> None:
    melding = maak_melding(world)
    melding.status = Status.GEMELD
    with pytest.raises(IntegrityError), transaction.atomic():
        melding.save()
