"""The status of a dossier moves only along the transition map (statussen.TRANSITIES), with a
Dutch message for a refused step; a closed dossier reopens only with a motivation; the history
is append only. Steps follow seed 003 §7 (dossier, verzuimonderzoek, route, terugkoppeling)."""

from __future__ import annotations

import pytest
from dossiers_hulp import VANDAAG, Kantoor, login, open_dossier

from leerrecht.web.dossiers import diensten
from leerrecht.web.dossiers.models import ActieSoort, Route, Status, Wijziging, WijzigingSoort
from leerrecht.web.dossiers.statussen import (
    TRANSITIES,
    MotiveringNodig,
    StatusFout,
    toegestaan,
    wijzig_status,
)

pytestmark = pytest.mark.django_db


def test_elke_status_staat_in_de_kaart_en_afgesloten_kan_alleen_heropend_worden() -> None:
    assert set(TRANSITIES) == set(Status)
    assert TRANSITIES[Status.AFGESLOTEN] == frozenset({Status.ONDERZOEK})
    assert toegestaan(Status.AANGEMAAKT) == [Status.ONDERZOEK, Status.AFGESLOTEN]


def test_een_nieuw_dossier_is_aangemaakt_met_een_regel_in_de_geschiedenis(
    kantoor: Kantoor,
) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    assert dossier.status == Status.AANGEMAAKT and dossier.route == ""
    assert list(dossier.meldingen.all()) == [kantoor.melding]
    eerste = dossier.geschiedenis.first()
    assert eerste is not None and eerste.soort == WijzigingSoort.AANGEMAAKT
    assert eerste.door == kantoor.lpa


def test_toegestane_overgang_wordt_vastgelegd_met_wie_en_waarom(kantoor: Kantoor) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    wijziging = wijzig_status(dossier, Status.ONDERZOEK, kantoor.lpa, toelichting="Gebeld.")
    assert dossier.status == Status.ONDERZOEK
    assert (wijziging.van, wijziging.naar, wijziging.door) == (
        Status.AANGEMAAKT,
        Status.ONDERZOEK,
        kantoor.lpa,
    )
    assert wijziging.toelichting == "Gebeld."


def test_niet_toegestane_overgang_geweigerd_met_nederlandse_uitleg(kantoor: Kantoor) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    with pytest.raises(StatusFout) as fout:
        wijzig_status(dossier, Status.IN_UITVOERING, kantoor.lpa)
    assert "kan niet naar 'in uitvoering'" in str(fout.value)
    assert "Mogelijk vanuit 'aangemaakt': onderzoek (verzuimgesprek), afgesloten" in str(fout.value)
    dossier.refresh_from_db()
    assert dossier.status == Status.AANGEMAAKT


def test_route_bepaald_kan_alleen_met_een_route(kantoor: Kantoor) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    wijzig_status(dossier, Status.ONDERZOEK, kantoor.lpa)
    with pytest.raises(StatusFout, match="Kies eerst een route"):
        wijzig_status(dossier, Status.ROUTE_BEPAALD, kantoor.lpa)


def test_route_kiezen_zet_de_status_op_route_bepaald_en_terug_bij_een_andere_route(
    kantoor: Kantoor,
) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    gesprek = dossier.acties.get(soort=ActieSoort.VERZUIMGESPREK)
    diensten.rond_actie_af(gesprek, VANDAAG, "Afspraken gemaakt.", kantoor.lpa)
    dossier.refresh_from_db()
    assert dossier.status == Status.ONDERZOEK  # the verzuimgesprek starts the onderzoek
    diensten.kies_route(dossier, Route.VOORLIGGEND, kantoor.lpa, VANDAAG)
    assert dossier.status == Status.ROUTE_BEPAALD
    wijzig_status(dossier, Status.IN_UITVOERING, kantoor.lpa)
    diensten.kies_route(
        dossier, Route.HALT, kantoor.lpa, VANDAAG, motivering="Zorg is afgerond, nu handhaven."
    )
    assert (dossier.status, dossier.route) == (Status.ROUTE_BEPAALD, Route.HALT)
    routes = list(
        dossier.geschiedenis.filter(soort=WijzigingSoort.ROUTE).values_list("van", "naar")
    )
    assert routes == [("", Route.VOORLIGGEND), (Route.VOORLIGGEND, Route.HALT)]


def test_route_kiezen_kan_niet_voor_het_onderzoek(kantoor: Kantoor) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    with pytest.raises(StatusFout, match="start eerst het onderzoek"):
        diensten.kies_route(dossier, Route.VOORLIGGEND, kantoor.lpa, VANDAAG)


def _afgesloten(kantoor: Kantoor) -> object:
    dossier = open_dossier(kantoor, kantoor.melding)
    wijzig_status(
        dossier, Status.AFGESLOTEN, kantoor.lpa, motivering="Onterechte melding, school belde."
    )
    return dossier


def test_heropenen_alleen_met_motivering(kantoor: Kantoor) -> None:
    dossier = _afgesloten(kantoor)
    with pytest.raises(MotiveringNodig, match="heropend"):
        wijzig_status(dossier, Status.ONDERZOEK, kantoor.lpa)  # type: ignore[arg-type]
    wijziging = wijzig_status(
        dossier,  # type: ignore[arg-type]
        Status.ONDERZOEK,
        kantoor.lpa,
        motivering="Nieuwe melding van de school over dezelfde periode.",
    )
    assert wijziging.motivering.startswith("Nieuwe melding")
    assert "heropend" in wijziging.afwijking


def test_heropenen_niet_als_er_al_een_open_dossier_is(kantoor: Kantoor) -> None:
    dossier = _afgesloten(kantoor)
    open_dossier(kantoor, kantoor.melding)
    with pytest.raises(StatusFout, match="al een open dossier"):
        wijzig_status(
            dossier,  # type: ignore[arg-type]
            Status.ONDERZOEK,
            kantoor.lpa,
            motivering="Nieuwe melding van de school.",
        )


def test_tweede_open_dossier_voor_dezelfde_jeugdige_kan_niet(kantoor: Kantoor) -> None:
    open_dossier(kantoor, kantoor.melding)
    with pytest.raises(StatusFout, match="al een open dossier"):
        open_dossier(kantoor, kantoor.melding)


def test_geschiedenis_wordt_nooit_gewijzigd_of_verwijderd(kantoor: Kantoor) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    regel = Wijziging.objects.filter(dossier=dossier).first()
    assert regel is not None
    regel.toelichting = "anders"
    with pytest.raises(ValueError, match="nooit gewijzigd"):
        regel.save()
    with pytest.raises(ValueError, match="nooit verwijderd"):
        regel.delete()


def test_statusknoppen_per_toegestane_overgang_en_weigering_op_de_pagina(
    kantoor: Kantoor,
) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    client = login(kantoor.lpa)
    html = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert "Onderzoek starten" in html and "Dossier afsluiten" in html
    assert "Route in uitvoering" not in html
    response = client.post(
        f"/dossiers/{dossier.pk}/status/", {"naar": Status.IN_UITVOERING}, follow=True
    )
    assert "De status is niet gewijzigd" in response.content.decode()
    response = client.post(f"/dossiers/{dossier.pk}/status/", {"naar": Status.ONDERZOEK})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.ONDERZOEK
