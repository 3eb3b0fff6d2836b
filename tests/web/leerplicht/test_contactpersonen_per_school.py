"""Which consulent leerrecht handles which school (seed 000 bijlage 1): the office sets it, the
school sees it with its meldingen (list and melding page)."""

from __future__ import annotations

import pytest
from django.test import Client
from leerplicht_hulp import (
    Kantoren,
    login,
    snelle_wachtwoorden,  # noqa: F401  (autouse)
)
from web_hulp import World, make_pupil

from leerrecht.web.leerplicht.models import Contactpersoon

pytestmark = pytest.mark.django_db


def test_het_bureau_kiest_de_consulent_en_de_school_ziet_hem(
    client: Client, world: World, kantoren: Kantoren
) -> None:
    login(client, kantoren.admin)
    html = client.get("/leerplicht/contactpersonen/").content.decode()
    assert "De Linde" in html  # pupils living in Heerlen
    assert "Josien Ramakers" in html  # a leerplichtambtenaar of BLD to choose
    response = client.post(
        "/leerplicht/contactpersonen/",
        {"bureau": kantoren.bld.pk, "school": world.school.pk, "consulent": kantoren.lpa.pk},
        follow=True,
    )
    assert "De consulent leerrecht voor De Linde is opgeslagen." in response.content.decode()
    assert Contactpersoon.objects.get(school=world.school).consulent == kantoren.lpa
    client.force_login(world.coordinator)
    lijst = client.get(f"/meldingen/?school={world.school.pk}").content.decode()
    assert "Uw consulenten leerrecht" in lijst
    assert "Bureau Leren en Doorstromen Parkstad: Josien Ramakers" in lijst
    # removing it
    login(client, kantoren.admin)
    client.post(
        "/leerplicht/contactpersonen/",
        {"bureau": kantoren.bld.pk, "school": world.school.pk, "consulent": ""},
    )
    assert not Contactpersoon.objects.exists()


def test_alleen_een_leerplichtambtenaar_van_het_bureau_kan_consulent_zijn(
    client: Client, world: World, kantoren: Kantoren
) -> None:
    login(client, kantoren.admin)
    client.post(
        "/leerplicht/contactpersonen/",
        {"bureau": kantoren.bld.pk, "school": world.school.pk, "consulent": kantoren.lpa_lj.pk},
    )
    assert not Contactpersoon.objects.exists()


def test_een_school_buiten_het_werkgebied_kan_niet(
    client: Client, world: World, kantoren: Kantoren
) -> None:
    """The other school's only pupil lives in Heerlen too; move it to Utrecht."""
    world.other_pupil.woongemeente = "Utrecht"
    world.other_pupil.save()
    login(client, kantoren.admin)
    response = client.post(
        "/leerplicht/contactpersonen/",
        {"bureau": kantoren.bld.pk, "school": world.other_school.pk, "consulent": kantoren.lpa.pk},
    )
    assert response.status_code == 404
    assert "De Eik" not in client.get("/leerplicht/contactpersonen/").content.decode()


def test_een_ander_bureau_krijgt_404_op_de_contactpersonen_van_bld(
    client: Client, world: World, kantoren: Kantoren
) -> None:
    login(client, kantoren.lpa_lj)
    assert client.get(f"/leerplicht/contactpersonen/?bureau={kantoren.bld.pk}").status_code == 404
    response = client.post(
        "/leerplicht/contactpersonen/",
        {"bureau": kantoren.bld.pk, "school": world.school.pk, "consulent": kantoren.lpa_lj.pk},
    )
    assert response.status_code == 404
    assert not Contactpersoon.objects.exists()
    # its own list: the schools with pupils living in Sittard-Geleen
    assert "De Linde" not in client.get("/leerplicht/contactpersonen/").content.decode()
    make_pupil(world.school, None, "sg1", woongemeente="Sittard-Geleen")
    html = client.get("/leerplicht/contactpersonen/").content.decode()
    assert "De Linde" in html and kantoren.team_lj.naam in html
