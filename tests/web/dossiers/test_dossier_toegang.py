"""Only the staff of the dossier's office see a dossier: a leerplichtambtenaar does everything,
administratie reads and adds documents (403 on other changes), another office, school staff and
users without a role get 404, as if the dossier did not exist."""

from __future__ import annotations

import pytest
from django.test import Client
from dossiers_hulp import Kantoor, World, login, melding, open_dossier

from leerrecht.web.dossiers.models import ActieSoort, Dossier, Route, Status

pytestmark = pytest.mark.django_db


def _paginas(dossier: Dossier) -> list[str]:
    actie = dossier.acties.first()
    assert actie is not None
    return [
        f"/dossiers/{dossier.pk}/",
        f"/dossiers/{dossier.pk}/route/",
        f"/dossiers/{dossier.pk}/acties/nieuw/",
        f"/dossiers/{dossier.pk}/acties/{actie.pk}/",
        f"/dossiers/{dossier.pk}/notities/nieuw/",
        f"/dossiers/{dossier.pk}/documenten/nieuw/",
    ]


def _onderzoek(kantoor: Kantoor) -> Dossier:
    dossier = open_dossier(kantoor, kantoor.melding)
    login(kantoor.lpa).post(f"/dossiers/{dossier.pk}/status/", {"naar": Status.ONDERZOEK})
    dossier.refresh_from_db()
    return dossier


def test_leerplichtambtenaar_van_het_bureau_opent_alle_paginas(kantoor: Kantoor) -> None:
    dossier = _onderzoek(kantoor)
    for client in (login(kantoor.lpa), login(kantoor.lpa2)):
        for url in _paginas(dossier):
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("wie", ["andere_lpa", "coordinator", "docent_a", "zonder_rol"])
def test_buiten_het_bureau_overal_404(kantoor: Kantoor, world: World, wie: str) -> None:
    from django.contrib.auth.models import User

    dossier = _onderzoek(kantoor)
    if wie == "zonder_rol":
        user = User.objects.create_user("niemand")
    else:
        user = getattr(kantoor, wie, None) or getattr(world, wie)
    client = login(user)
    for url in _paginas(dossier):
        assert client.get(url).status_code == 404, url
    for url, data in (
        (f"/dossiers/{dossier.pk}/status/", {"naar": Status.AFGESLOTEN, "motivering": "x" * 20}),
        (f"/dossiers/{dossier.pk}/route/", {"route": Route.STRAF, "motivering": "x" * 20}),
        (f"/dossiers/{dossier.pk}/acties/nieuw/", {"soort": ActieSoort.WAARSCHUWING}),
        (f"/dossiers/{dossier.pk}/notities/nieuw/", {"tekst": "iets"}),
    ):
        assert client.post(url, data).status_code == 404, url
    assert client.get(f"/dossiers/nieuw/?melding={kantoor.melding.pk}").status_code == 404
    assert client.get(f"/dossiers/nieuw/?jeugdige={kantoor.jeugdige.pk}").status_code == 404
    dossier.refresh_from_db()
    assert dossier.status == Status.ONDERZOEK and not dossier.notities.exists()


@pytest.mark.parametrize("wie", ["coordinator", "docent_a"])
def test_schoolpersoneel_ziet_geen_dossierlijst(kantoor: Kantoor, world: World, wie: str) -> None:
    open_dossier(kantoor, kantoor.melding)
    client = login(getattr(world, wie))
    assert client.get("/dossiers/").status_code == 404
    assert client.get("/dossiers/nieuw/").status_code == 404
    assert "/dossiers/" not in client.get("/?peildatum=2026-03-20").content.decode()


def test_ander_bureau_ziet_eigen_lijst_zonder_dossiers_van_dit_bureau(kantoor: Kantoor) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    html = login(kantoor.andere_lpa).get("/dossiers/").content.decode()
    assert "Leerplicht Twente" in html and f"/dossiers/{dossier.pk}/" not in html
    assert (
        login(kantoor.andere_lpa).get(f"/dossiers/?bureau={kantoor.bureau.pk}").status_code == 404
    )


def test_ander_bureau_opent_geen_dossier_voor_een_jeugdige_of_melding_van_dit_bureau(
    kantoor: Kantoor,
) -> None:
    client = login(kantoor.andere_lpa)
    assert client.get(f"/dossiers/nieuw/?melding={kantoor.melding.pk}").status_code == 404
    assert client.post("/dossiers/nieuw/", {"melding": kantoor.melding.pk}).status_code == 404
    assert client.post("/dossiers/nieuw/", {"jeugdige": kantoor.jeugdige.pk}).status_code == 404
    html = client.get("/dossiers/nieuw/").content.decode()
    assert "Leerlingx1" in html and "Leerlinga1" not in html
    assert not Dossier.objects.exists()


def test_administratie_leest_mee_maar_wijzigt_niets(kantoor: Kantoor) -> None:
    dossier = _onderzoek(kantoor)
    client = login(kantoor.administratie)
    html = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert "Document toevoegen" in html
    assert "Actie vastleggen" not in html and "Dossier afsluiten" not in html
    assert client.get("/dossiers/").status_code == 200
    actie = dossier.acties.get(soort=ActieSoort.VERZUIMGESPREK)
    for url in (
        f"/dossiers/{dossier.pk}/route/",
        f"/dossiers/{dossier.pk}/acties/nieuw/",
        f"/dossiers/{dossier.pk}/acties/{actie.pk}/",
        f"/dossiers/{dossier.pk}/notities/nieuw/",
        f"/dossiers/nieuw/?melding={kantoor.melding.pk}",
        f"/dossiers/nieuw/?jeugdige={kantoor.jongere.pk}",
        "/dossiers/nieuw/",
    ):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(
            f"/dossiers/{dossier.pk}/status/",
            {"naar": Status.AFGESLOTEN, "motivering": "x" * 20},
        ).status_code
        == 403
    )
    assert client.post(f"/dossiers/{dossier.pk}/notities/nieuw/", {"tekst": "x"}).status_code == 403
    dossier.refresh_from_db()
    assert dossier.status == Status.ONDERZOEK and not dossier.notities.exists()


def test_zonder_inloggen_naar_de_inlogpagina(kantoor: Kantoor) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    for url in ("/dossiers/", f"/dossiers/{dossier.pk}/", "/dossiers/nieuw/"):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


def test_menu_toont_dossiers_alleen_aan_bureaumedewerkers(kantoor: Kantoor, world: World) -> None:
    assert 'href="/dossiers/"' in login(kantoor.administratie).get("/dossiers/").content.decode()
    assert (
        'href="/dossiers/"'
        not in login(world.coordinator).get("/?peildatum=2026-03-20").content.decode()
    )


def test_dossier_openen_vanuit_een_melding_en_een_tweede_melding_koppelen(
    kantoor: Kantoor,
) -> None:
    client = login(kantoor.lpa)
    url = f"/dossiers/nieuw/?melding={kantoor.melding.pk}"
    html = client.get(url).content.decode()
    assert "Dossier openen" in html
    response = client.post(
        "/dossiers/nieuw/",
        {
            "melding": kantoor.melding.pk,
            "behandelaar": kantoor.lpa2.pk,
            "meldingen": [kantoor.melding.pk],
        },
    )
    dossier = Dossier.objects.get()
    assert response["Location"] == f"/dossiers/{dossier.pk}/"
    assert dossier.behandelaar == kantoor.lpa2 and list(dossier.meldingen.all()) == [
        kantoor.melding
    ]

    tweede = melding(kantoor.jeugdige, soort="overig")
    html = client.get(f"/dossiers/nieuw/?melding={tweede.pk}").content.decode()
    assert "Er is al een open dossier" in html
    client.post("/dossiers/nieuw/", {"melding": tweede.pk, "koppel": "1"})
    assert set(dossier.meldingen.all()) == {kantoor.melding, tweede}
    assert Dossier.objects.count() == 1


def test_dossier_zonder_melding_voor_een_jeugdige_kiezen(kantoor: Kantoor) -> None:
    client = login(kantoor.lpa)
    html = client.get("/dossiers/nieuw/").content.decode()
    assert str(kantoor.jongere.achternaam) in html
    assert "Leerlingx1" not in html  # the other office's jeugdige
    response = client.post(
        "/dossiers/nieuw/", {"jeugdige": kantoor.jongere.pk, "behandelaar": kantoor.lpa.pk}
    )
    assert response.status_code == 302
    assert Dossier.objects.get().jeugdige == kantoor.jongere


def test_behandelaar_moet_leerplichtambtenaar_van_het_bureau_zijn(kantoor: Kantoor) -> None:
    response = login(kantoor.lpa).post(
        "/dossiers/nieuw/",
        {"jeugdige": kantoor.jongere.pk, "behandelaar": kantoor.andere_lpa.pk},
    )
    assert response.status_code == 200 and not Dossier.objects.exists()


def test_behandelaar_overdragen_staat_in_de_geschiedenis(kantoor: Kantoor) -> None:
    dossier = open_dossier(kantoor, kantoor.melding)
    url = f"/dossiers/{dossier.pk}/behandelaar/"
    assert (
        login(kantoor.administratie).post(url, {"behandelaar": kantoor.lpa2.pk}).status_code == 403
    )
    assert login(kantoor.andere_lpa).post(url, {"behandelaar": kantoor.lpa2.pk}).status_code == 404
    login(kantoor.lpa).post(url, {"behandelaar": kantoor.andere_lpa.pk})  # not of this office
    dossier.refresh_from_db()
    assert dossier.behandelaar == kantoor.lpa
    login(kantoor.lpa).post(url, {"behandelaar": kantoor.lpa2.pk})
    dossier.refresh_from_db()
    assert dossier.behandelaar == kantoor.lpa2
    regel = dossier.geschiedenis.last()
    assert regel is not None and (regel.soort, regel.van, regel.naar) == (
        "behandelaar",
        "lpa",
        "lpa2",
    )
