"""After logging in, staff of an office, a samenwerkingsverband or a JGZ organisation land on
their own start page (they have no school, so the school's worklist has nothing for them)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from web_hulp import PASSWORD, World

from leerrecht.web.jgz.models import JgzOrganisatie, JgzRol, JgzRolSoort
from leerrecht.web.leerplicht.models import Bureau, BureauRol, BureauRolSoort
from leerrecht.web.thuiszitters.models import Samenwerkingsverband, SwvRol

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _user(naam: str) -> User:
    return User.objects.create_user(naam, password=PASSWORD)


def test_leerplichtambtenaar_landt_op_het_bureau() -> None:
    user = _user("lpa")
    BureauRol.objects.create(
        gebruiker=user,
        bureau=Bureau.objects.create(naam="BLD"),
        soort=BureauRolSoort.LEERPLICHTAMBTENAAR,
    )
    assert _client(user).get("/")["Location"] == "/leerplicht/"


def test_swv_medewerker_landt_op_het_swv_overzicht() -> None:
    user = _user("swv")
    swv = Samenwerkingsverband.objects.create(naam="SWV Parkstad PO", code="PO3101", sector="po")
    SwvRol.objects.create(gebruiker=user, swv=swv)
    assert _client(user).get("/")["Location"] == "/thuiszitters/swv/"


def test_jeugdarts_landt_op_de_verwijzingen() -> None:
    user = _user("arts")
    organisatie = JgzOrganisatie.objects.create(naam="GGD Zuid Limburg")
    JgzRol.objects.create(gebruiker=user, organisatie=organisatie, soort=JgzRolSoort.JEUGDARTS)
    assert _client(user).get("/")["Location"] == "/jgz/"


def test_schoolpersoneel_blijft_op_de_werklijst(world: World) -> None:
    assert _client(world.coordinator).get("/?peildatum=2026-03-06").status_code == 200


def test_zonder_enige_rol_geen_werklijst() -> None:
    assert _client(_user("niemand")).get("/").status_code == 404
