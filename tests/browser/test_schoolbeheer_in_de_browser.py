"""The school beheerder in Chromium: adds a group, enrols a pupil in it, makes a docent account
for that group (and the docent logs in with the password shown once), and adds a studiedag;
every page checked with axe (WCAG 2.2 AA)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from leerrecht.web import evaluatie
from leerrecht.web.scholen.models import Bestuur, Groep, Leerling, Rol, RolSoort, School
from leerrecht.web.schoolbeheer.models import SchoolVrijeDag

PASSWORD = "een-lang-testwachtwoord-42"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Any) -> None:
    """Argon2 is slow on purpose; these tests are about the pages, not passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def setup_school() -> School:
    from django.contrib.auth.models import User

    bestuur = Bestuur.objects.create(naam="Stichting Browser")
    school = School.objects.create(
        bestuur=bestuur, naam="De Linde", sector="po", regio="zuid", protocol="parkstad-po"
    )
    beheerder = User.objects.create_user(
        "beheerder", password=PASSWORD, first_name="Bea", last_name="Heer"
    )
    Rol.objects.create(gebruiker=beheerder, school=school, soort=RolSoort.BEHEERDER)
    return school


def login(page: Any, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/")


def test_beheerder_richt_een_groep_leerling_docent_en_studiedag_in(
    page: Any, live_server: Any
) -> None:
    from browser_hulp import assert_accessible

    school = setup_school()
    base = live_server.url
    login(page, base, "beheerder")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Schoolbeheer"
    ).click()
    page.get_by_role("heading", name="Schoolbeheer: De Linde").wait_for()
    assert_accessible(page)

    # a group
    page.get_by_role("link", name="Groepen").click()
    page.get_by_label("Naam van de groep").fill("3b")
    page.get_by_role("button", name="Groep toevoegen").click()
    page.get_by_text("Groep 3b toegevoegd.").wait_for()
    assert_accessible(page)
    groep = Groep.objects.get(school=school, naam="3b")

    # a pupil in it (first without a birth date: nothing is saved and the form says why)
    page.get_by_role("link", name="Schoolbeheer van De Linde").click()
    page.get_by_role("link", name="Leerlingen").click()
    assert_accessible(page)
    page.get_by_role("link", name="Leerling inschrijven").click()
    page.get_by_label("Leerlingnummer").fill("7001")
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("Jansen")
    page.get_by_label("Ingeschreven vanaf").fill("2025-08-18")
    page.get_by_label("Groep").select_option(label="3b")
    page.get_by_role("button", name="Inschrijven").click()
    page.get_by_text("Er is niets opgeslagen. Verbeter de gemarkeerde velden.").wait_for()
    assert_accessible(page)
    page.get_by_label("Geboortedatum").fill("2019-05-12")
    page.get_by_role("button", name="Inschrijven").click()
    page.get_by_text("Leerling Noor Jansen ingeschreven.").wait_for()
    assert_accessible(page)
    noor = Leerling.objects.get(school=school, leerlingnummer="7001")
    assert noor.groep == groep

    # a docent for that group, with a password shown once
    page.get_by_role("link", name="Schoolbeheer van De Linde").click()
    page.get_by_role("link", name="Personeel en rollen").click()
    assert_accessible(page)
    page.get_by_role("link", name="Medewerker toevoegen").click()
    assert_accessible(page)
    nieuw = page.get_by_role("region", name="Nieuw account")
    nieuw.get_by_label("Gebruikersnaam").fill("d.docent")
    nieuw.get_by_label("Voornaam").fill("Dirk")
    nieuw.get_by_label("Achternaam").fill("Docent")
    nieuw.get_by_label("Rol").select_option("docent")
    nieuw.get_by_label("3b").check()
    nieuw.get_by_role("button", name="Account maken").click()
    page.get_by_role("heading", name="Account gemaakt").wait_for()
    assert_accessible(page)
    wachtwoord = page.get_by_label("Wachtwoord", exact=True).input_value()
    assert len(wachtwoord) >= 20
    rol = Rol.objects.get(gebruiker__username="d.docent")
    assert (rol.school, rol.soort, list(rol.groepen.all())) == (school, "docent", [groep])

    # a studiedag
    page.get_by_role("link", name="Alle medewerkers").click()
    page.get_by_role("link", name="Schoolbeheer van De Linde").click()
    page.get_by_role("link", name="Kalender").click()
    assert_accessible(page)
    vrij = page.get_by_role("region", name="Vrije dagen van de school")
    vrij.get_by_label("Datum").fill("2026-03-05")
    vrij.get_by_label("Omschrijving").fill("studiedag")
    vrij.get_by_role("button", name="Vrije dag toevoegen").click()
    page.get_by_text("2026-03-05 is nu een vrije dag (studiedag).").wait_for()
    assert_accessible(page)
    assert SchoolVrijeDag.objects.filter(school=school, datum=dt.date(2026, 3, 5)).exists()
    assert not evaluatie.calendar_for(school).is_school_day(dt.date(2026, 3, 5))

    # the new docent logs in with the password and sees the group's pupil
    page.get_by_role("button", name="Uitloggen").click()
    login(page, base, "d.docent", wachtwoord)
    assert "Schoolbeheer" not in page.get_by_role("navigation", name="Hoofdmenu").inner_text()
    page.goto(f"{base}/leerlingen/{noor.pk}/?peildatum=2026-03-20")
    page.get_by_role("heading", name="Noor Jansen").wait_for()
