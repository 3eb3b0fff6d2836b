"""Key journeys in Chromium: log in, take a register, see the worklist update, open the pupil
page; every page checked with axe (WCAG 2.2 AA)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from leerrecht.web.registratie.models import ActieAfgehandeld, Registratie
from leerrecht.web.scholen.models import Bestuur, Groep, Leerling, Rol, RolSoort, School

PASSWORD = "een-lang-testwachtwoord-42"
pytestmark = pytest.mark.django_db(transaction=True)


def setup_school() -> tuple[Groep, Leerling]:
    from django.contrib.auth.models import User

    bestuur = Bestuur.objects.create(naam="Stichting Browser")
    school = School.objects.create(
        bestuur=bestuur, naam="De Linde", sector="po", regio="zuid", protocol="parkstad-po"
    )
    groep = Groep.objects.create(school=school, naam="5a")
    pupil = Leerling.objects.create(
        school=school,
        groep=groep,
        leerlingnummer="1",
        voornaam="Sanne",
        achternaam="de Vries",
        geboortedatum=dt.date(2016, 4, 2),
        ingeschreven_vanaf=dt.date(2020, 8, 1),
    )
    Leerling.objects.create(
        school=school,
        groep=groep,
        leerlingnummer="2",
        voornaam="Milan",
        achternaam="Jansen",
        geboortedatum=dt.date(2016, 7, 9),
        ingeschreven_vanaf=dt.date(2020, 8, 1),
    )
    docent = User.objects.create_user("docent", password=PASSWORD)
    Rol.objects.create(gebruiker=docent, school=school, soort=RolSoort.DOCENT).groepen.add(groep)
    coordinator = User.objects.create_user("coordinator", password=PASSWORD)
    Rol.objects.create(gebruiker=coordinator, school=school, soort=RolSoort.COORDINATOR)
    return groep, pupil


def login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/")


def test_register_nemen_en_de_werklijst_ziet_de_melding(page: Any, live_server: Any) -> None:
    from browser_hulp import assert_accessible

    groep, pupil = setup_school()
    base = live_server.url
    page.goto(f"{base}/inloggen/")
    assert_accessible(page)
    login(page, base, "docent")
    for day in ("2026-03-02", "2026-03-03", "2026-03-05"):
        page.goto(f"{base}/registreren/{groep.pk}/?datum={day}&moment=dag")
        row = page.get_by_role("row", name="Sanne de Vries")
        row.get_by_label("afwezig").check()
        row.get_by_label("Reden").select_option("ongeoorloofd")
        page.get_by_role("button", name="Register opslaan").click()
        page.get_by_text("Register opgeslagen").wait_for()
    assert_accessible(page)
    assert Registratie.objects.filter(leerling=pupil).count() == 3

    page.get_by_role("button", name="Uitloggen").click()
    login(page, base, "coordinator")
    page.goto(f"{base}/?peildatum=2026-03-06")
    meldingen = page.get_by_role("table", name="Meldingen die gedaan moeten worden")
    assert "Sanne de Vries" in meldingen.inner_text()
    assert "nog 4 werkdagen" in meldingen.inner_text()
    assert_accessible(page)

    # Marking a protocol step done replaces only its cell (HTMX): the page is not reloaded.
    page.evaluate("window.nietHerladen = true")
    stappen = page.get_by_role("table", name="Bereikte stappen van het verzuimprotocol")
    stap = stappen.get_by_role("row").filter(has_text="Sanne de Vries").first
    stap.get_by_label("Notitie").fill("Ouders gebeld, melding gedaan")
    stap.get_by_role("button", name="Afgehandeld").click()
    stap.get_by_text("Gedaan door coordinator").wait_for()
    assert page.evaluate("window.nietHerladen") is True
    assert ActieAfgehandeld.objects.get().notitie == "Ouders gebeld, melding gedaan"
    assert_accessible(page)

    page.get_by_role("link", name="Sanne de Vries").first.click()
    page.get_by_role("heading", name="Sanne de Vries").wait_for()
    assert page.locator("figure.tijdlijn svg").count() == 1
    assert "ongeoorloofd" in page.locator("figure.tijdlijn").inner_html()
    assert_accessible(page)


def test_register_met_fout_laat_de_fout_zien_en_bewaart_niets(page: Any, live_server: Any) -> None:
    groep, _pupil = setup_school()
    base = live_server.url
    login(page, base, "docent")
    page.goto(f"{base}/registreren/{groep.pk}/?datum=2026-03-02&moment=dag")
    page.get_by_role("row", name="Sanne de Vries").get_by_label("afwezig").check()
    page.get_by_role("button", name="Register opslaan").click()
    page.get_by_text("Kies een reden voor de afwezigheid.").wait_for()
    assert not Registratie.objects.exists()
