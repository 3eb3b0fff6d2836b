"""Only the beheerder and the directeur of a school manage it, and only that school: another
school's beheerder, a docent or a coördinator get a 404, also for pages of objects by id."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from schoolbeheer_hulp import D, World, login, make_user, pad, tekst

from leerrecht.web.scholen.models import Groep, Rol, RolSoort
from leerrecht.web.schoolbeheer.models import SchoolVakantie, SchoolVrijeDag

SCHOOLPAGINAS = [
    "start",
    "groepen",
    "leerlingen",
    "leerling_nieuw",
    "personeel",
    "medewerker_nieuw",
    "kalender",
    "protocol",
]


@pytest.mark.parametrize("naam", SCHOOLPAGINAS)
def test_beheerder_opent_elke_pagina_van_de_eigen_school(
    world: World, beheerder: User, naam: str
) -> None:
    response = login(beheerder).get(pad(naam, world.school))
    assert response.status_code == 200
    assert world.school.naam in tekst(response)


@pytest.mark.parametrize("naam", SCHOOLPAGINAS)
def test_directeur_mag_ook_beheren(world: World, naam: str) -> None:
    directeur = make_user("directeur", world.school, RolSoort.DIRECTEUR)
    assert login(directeur).get(pad(naam, world.school)).status_code == 200


@pytest.mark.parametrize("naam", SCHOOLPAGINAS)
def test_beheerder_van_een_andere_school_krijgt_404(
    world: World, andere_beheerder: User, naam: str
) -> None:
    assert login(andere_beheerder).get(pad(naam, world.school)).status_code == 404


@pytest.mark.parametrize("naam", SCHOOLPAGINAS)
@pytest.mark.parametrize("wie", ["docent_a", "coordinator"])
def test_docent_en_coordinator_beheren_niets(world: World, naam: str, wie: str) -> None:
    user: User = getattr(world, wie)
    assert login(user).get(pad(naam, world.school)).status_code == 404


def test_objecten_van_een_andere_school_bestaan_niet(
    world: World, beheerder: User, andere_beheerder: User
) -> None:
    dag = SchoolVrijeDag.objects.create(
        school=world.school, datum=D(2026, 3, 4), omschrijving="studiedag"
    )
    vakantie = SchoolVakantie.objects.create(
        school=world.school,
        naam="extra",
        eerste_dag=dag.datum,
        laatste_dag=dag.datum,
    )
    client = login(andere_beheerder)
    groep = world.groep_a
    for url in (
        f"/schoolbeheer/groepen/{groep.pk}/",
        f"/schoolbeheer/leerlingen/{world.a1.pk}/",
        f"/schoolbeheer/leerlingen/{world.a1.pk}/uitschrijven/",
        f"/schoolbeheer/personeel/{beheerder.pk}/",
        # with their own school in the query: still not theirs
        f"/schoolbeheer/groepen/{groep.pk}/?school={world.other_school.pk}",
        f"/schoolbeheer/personeel/{beheerder.pk}/?school={world.other_school.pk}",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/schoolbeheer/groepen/{groep.pk}/",
        f"/schoolbeheer/groepen/{groep.pk}/verwijderen/",
        f"/schoolbeheer/leerlingen/{world.a1.pk}/",
        f"/schoolbeheer/leerlingen/{world.a1.pk}/verwijderen/",
        f"/schoolbeheer/kalender/vrije-dagen/{dag.pk}/verwijderen/",
        f"/schoolbeheer/kalender/vakanties/{vakantie.pk}/verwijderen/",
    ):
        assert client.post(url, {"naam": "overgenomen"}).status_code == 404, url
    assert Groep.objects.filter(pk=groep.pk, naam="5a").exists()
    assert SchoolVrijeDag.objects.filter(pk=dag.pk).exists()
    assert SchoolVakantie.objects.filter(pk=vakantie.pk).exists()
    world.a1.refresh_from_db()
    assert world.a1.voornaam == "Leerlinga1"


def test_lijsten_tonen_alleen_de_eigen_school(world: World, beheerder: User) -> None:
    client = login(beheerder)
    leerlingen = tekst(client.get(pad("leerlingen", world.school, status="alle")))
    assert "Leerlinga1" in leerlingen
    assert "Leerlingx1" not in leerlingen
    personeel = tekst(client.get(pad("personeel", world.school)))
    assert "coordinator" in personeel
    assert "anders" not in personeel


def test_medewerker_van_een_andere_school_is_hier_onbekend(world: World, beheerder: User) -> None:
    assert (
        login(beheerder)
        .get(pad("medewerker", world.school, world.other_coordinator.pk))
        .status_code
        == 404
    )


def test_wie_meerdere_scholen_beheert_kiest_eerst_een_school(world: World, beheerder: User) -> None:
    Rol.objects.create(gebruiker=beheerder, school=world.other_school, soort=RolSoort.BEHEERDER)
    client = login(beheerder)
    html = tekst(client.get("/schoolbeheer/"))
    assert "Kies de school die u wilt beheren" in html
    assert world.school.naam in html and world.other_school.naam in html
    response = client.get("/schoolbeheer/groepen/")
    assert response.status_code == 302
    assert response["Location"] == "/schoolbeheer/"
    assert client.get(pad("groepen", world.other_school)).status_code == 200


def test_menu_toont_schoolbeheer_alleen_aan_beheerder_en_directeur(
    world: World, beheerder: User
) -> None:
    assert "/schoolbeheer/" in tekst(login(beheerder).get("/"))
    assert "/schoolbeheer/" not in tekst(login(world.coordinator).get("/"))
    assert "/schoolbeheer/" not in tekst(login(world.docent_a).get("/"))


def test_niet_ingelogd_naar_de_inlogpagina(world: World) -> None:
    from django.test import Client

    response = Client().get(pad("groepen", world.school))
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_startpagina_linkt_naar_de_las_codes(world: World, beheerder: User) -> None:
    html = tekst(login(beheerder).get(pad("start", world.school)))
    assert f"/importeren/codes/?school={world.school.pk}" in html
