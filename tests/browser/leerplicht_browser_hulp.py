"""Helpers for browser journeys between a school and the leerplicht office (a module with its own
name, importable by other journeys): logging in, and a school plus an office that serves the
pupil's woongemeente (seed 000 bijlage 2), with their staff."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User

from leerrecht.web.leerplicht.gemeenten import laad, lees_csv
from leerrecht.web.leerplicht.models import (
    Bureau,
    BureauRol,
    BureauRolSoort,
    Contactpersoon,
    Gemeente,
    Werkgebied,
)
from leerrecht.web.registratie.models import Registratie
from leerrecht.web.scholen.models import Bestuur, Groep, Leerling, Rol, RolSoort, School

PASSWORD = "een-lang-testwachtwoord-42"
#: 16.5 hours ongeoorloofd in March 2026 (Mon, Tue, Thu): a 16-uur melding on 6 March
DAGEN_16_UUR = (dt.date(2026, 3, 2), dt.date(2026, 3, 3), dt.date(2026, 3, 5))
PEILDATUM_16_UUR = dt.date(2026, 3, 6)
PARKSTAD = (
    "Beekdaelen",
    "Brunssum",
    "Heerlen",
    "Kerkrade",
    "Landgraaf",
    "Simpelveld",
    "Voerendaal",
)


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Any) -> None:
    """Argon2 is slow on purpose; import this fixture in a journey about pages, not passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def login(page: Any, base: str, username: str, landing: str = "/") -> None:
    """Log in through the login page and wait for ``landing`` (office staff land on
    /leerplicht/)."""
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}{landing}")


def logout(page: Any) -> None:
    page.get_by_role("button", name="Uitloggen").click()


def user(username: str, first_name: str = "", last_name: str = "", email: str = "") -> User:
    return User.objects.create_user(
        username, password=PASSWORD, first_name=first_name, last_name=last_name, email=email
    )


@dataclass
class SchoolEnBureau:
    school: School
    leerling: Leerling
    #: the same child's earlier enrolment at another school in the office's area
    eerdere_inschrijving: Leerling
    bureau: Bureau
    coordinator: User
    leerplichtambtenaar: User
    administratie: User


def zorg_voor_gemeenten() -> None:
    """The CBS list comes with a data migration, but a transactional test (every browser test)
    empties all tables after it runs: load the list again when it is gone."""
    if not Gemeente.objects.exists():
        laad(lees_csv())


def setup_school_en_bureau() -> SchoolEnBureau:
    """De Linde (Heerlen) with Sanne de Vries in 5a, who was at Het Anker (Kerkrade) before;
    BLD Parkstad serving the Parkstad gemeenten; a coordinator, a leerplichtambtenaar (the
    school's consulent leerrecht) and an administratie account."""
    zorg_voor_gemeenten()
    bestuur = Bestuur.objects.create(naam="Stichting Browser")
    school = School.objects.create(
        bestuur=bestuur, naam="De Linde", brin="99XX01", sector="po", regio="zuid",
        protocol="parkstad-po",
    )  # fmt: skip
    anker = School.objects.create(
        bestuur=bestuur, naam="Het Anker", sector="po", regio="zuid", protocol="parkstad-po"
    )
    groep = Groep.objects.create(school=school, naam="5a")
    geboren = dt.date(2016, 4, 2)
    leerling = Leerling.objects.create(
        school=school, groep=groep, leerlingnummer="4711", voornaam="Sanne",
        achternaam="de Vries", geboortedatum=geboren, ingeschreven_vanaf=dt.date(2024, 8, 1),
        woongemeente="Heerlen",
    )  # fmt: skip
    eerder = Leerling.objects.create(
        school=anker, leerlingnummer="A-208", voornaam="Sanne", achternaam="de Vries",
        geboortedatum=geboren, ingeschreven_vanaf=dt.date(2020, 8, 1),
        ingeschreven_tot=dt.date(2024, 7, 31), woongemeente="Kerkrade",
        uitschrijfreden="nieuwe_school", nieuwe_inschrijving_vanaf=dt.date(2024, 8, 1),
    )  # fmt: skip
    bureau = Bureau.objects.create(
        naam="Bureau Leren en Doorstromen Parkstad",
        email="info@lerenendoorstromen.nl",
        telefoon="045-5605888",
    )
    for gemeente in Gemeente.objects.filter(naam__in=PARKSTAD):
        Werkgebied.objects.create(bureau=bureau, gemeente=gemeente)
    coordinator = user("coordinator", "Ilse", "Hermans", "coordinator@de-linde.example")
    Rol.objects.create(gebruiker=coordinator, school=school, soort=RolSoort.COORDINATOR)
    lpa = user("leerplichtambtenaar", "Anouk", "Custers", "a.custers@bld.example")
    BureauRol.objects.create(gebruiker=lpa, bureau=bureau, soort=BureauRolSoort.LEERPLICHTAMBTENAAR)
    admin = user("leerplicht-administratie", "Ralf", "Houben")
    BureauRol.objects.create(gebruiker=admin, bureau=bureau, soort=BureauRolSoort.ADMINISTRATIE)
    Contactpersoon.objects.create(bureau=bureau, school=school, consulent=lpa)
    return SchoolEnBureau(school, leerling, eerder, bureau, coordinator, lpa, admin)


def ongeoorloofd(leerling: Leerling, dagen: tuple[dt.date, ...] = DAGEN_16_UUR) -> None:
    for dag in dagen:
        Registratie.objects.create(
            leerling=leerling, datum=dag, moment="dag", soort="absent", reden="ongeoorloofd"
        )
