"""Journey in Chromium for M@ZL (seed 003 §7 'Afwezigheid vanwege ziekte: M@ZL-methodiek'; seed
000 §1.1.1 'Twijfelachtig ziekteverzuim'): the coordinator refers a pupil to the jeugdarts, the
jeugdarts invites and records 'niet verschenen' twice, the school sees that it may report
overig verzuim and prepares the melding; a second referral gets advice, which the school only
sees once the consent is recorded. Every page checked with axe (WCAG 2.2 AA)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from leerrecht.web.jgz import tijd
from leerrecht.web.jgz.models import JgzOrganisatie, JgzRol, Status, Verwijzing
from leerrecht.web.meldingen.models import DuoMelding
from leerrecht.web.registratie.models import Registratie
from leerrecht.web.scholen.models import Bestuur, Groep, Leerling, Rol, RolSoort, School

PASSWORD = "een-lang-testwachtwoord-42"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class Klok:
    """'Today' for the JGZ pages; the journey moves it forward."""

    def __init__(self) -> None:
        self.dag = dt.date(2026, 3, 2)

    def __call__(self) -> dt.date:
        return self.dag


@pytest.fixture
def klok(monkeypatch: pytest.MonkeyPatch) -> Klok:
    k = Klok()
    monkeypatch.setattr(tijd, "vandaag", k)
    return k


def setup() -> tuple[Leerling, Leerling]:
    from django.contrib.auth.models import User

    bestuur = Bestuur.objects.create(naam="Stichting Browser")
    school = School.objects.create(
        bestuur=bestuur, naam="Het College", sector="vo", regio="zuid", protocol=""
    )
    groep = Groep.objects.create(school=school, naam="2b")
    leerlingen = [
        Leerling.objects.create(
            school=school,
            groep=groep,
            leerlingnummer=nummer,
            voornaam=voornaam,
            achternaam=achternaam,
            geboortedatum=geboren,
            ingeschreven_vanaf=dt.date(2024, 8, 1),
            woongemeente="Heerlen",
        )
        for nummer, voornaam, achternaam, geboren in (
            ("5001", "Noor", "Bakker", dt.date(2012, 5, 4)),
            ("5002", "Daan", "Hendriks", dt.date(2012, 9, 14)),
        )
    ]
    # four sick reports in the last 12 school weeks
    for dag in (
        dt.date(2026, 1, 12),
        dt.date(2026, 2, 2),
        dt.date(2026, 2, 9),
        dt.date(2026, 2, 24),
    ):
        Registratie.objects.create(
            leerling=leerlingen[0], datum=dag, moment="dag", soort="absent", reden="ziek"
        )
    coordinator = User.objects.create_user(
        "coordinator", password=PASSWORD, first_name="Ilse", last_name="Hermans"
    )
    Rol.objects.create(gebruiker=coordinator, school=school, soort=RolSoort.COORDINATOR)
    ggd = JgzOrganisatie.objects.create(naam="GGD Zuid Limburg")
    ggd.scholen.add(school)
    arts = User.objects.create_user(
        "jeugdarts", password=PASSWORD, first_name="Femke", last_name="Jacobs"
    )
    JgzRol.objects.create(gebruiker=arts, organisatie=ggd, soort="jeugdarts")
    return leerlingen[0], leerlingen[1]


def login(page: Any, base: str, username: str, naar: str = "/") -> None:
    page.goto(f"{base}/inloggen/?next={naar}")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}{naar}")


def logout(page: Any) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("heading", name="Inloggen").wait_for()


def test_verwijzing_niet_verschenen_overig_verzuim_en_advies_met_toestemming(
    page: Any, live_server: Any, klok: Klok
) -> None:
    from browser_hulp import assert_accessible

    noor, daan = setup()
    base = live_server.url

    # 2 March: the coordinator refers Noor (4th sick report in 12 school weeks)
    login(page, base, "coordinator")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Jeugdarts (M@ZL)"
    ).click()
    page.get_by_role("heading", name="Verwijzingen naar de jeugdarts (M@ZL)").wait_for()
    assert_accessible(page)
    page.get_by_label("Leerling", exact=True).select_option(label="Bakker, Noor (2b)")
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("heading", name="Noor Bakker aanmelden bij de jeugdarts").wait_for()
    assert_accessible(page)
    assert page.get_by_label("Ziekmeldingen in de laatste 12 schoolweken").input_value() == "4"
    page.get_by_label("4e ziekmelding in 12 schoolweken (M@ZL)").check()
    page.get_by_label("Ouders geïnformeerd over de aanmelding op").fill("2026-02-27")
    page.get_by_role("button", name="Aanmelden bij de jeugdarts").click()
    page.get_by_text("Noor Bakker is aangemeld bij GGD Zuid Limburg.").wait_for()
    assert_accessible(page)
    eerste = Verwijzing.objects.get(leerling=noor)
    assert eerste.status == Status.AANGEMELD and eerste.ziekmeldingen_12_weken == 4
    logout(page)

    # the jeugdarts invites for 9 March; Noor does not come
    login(page, base, "jeugdarts", "/jgz/")
    page.get_by_role("heading", name="Verwijzingen naar de jeugdarts").wait_for()
    assert_accessible(page)
    # a JGZ account never sees the school's absence data
    assert page.request.get(f"{base}/meldingen/").status == 404
    page.get_by_role("link", name="Noor Bakker").click()
    page.get_by_role("heading", name="Verwijzing van Noor Bakker").wait_for()
    assert_accessible(page)

    def stap(knop: str, datum: str | None = None) -> None:
        groep = page.get_by_role("group", name=knop, exact=True)
        if datum is not None:
            groep.locator('input[name="datum"]').fill(datum)
        groep.get_by_role("button", name=knop, exact=True).click()
        page.get_by_text("De status is nu").wait_for()
        assert_accessible(page)

    stap("Uitgenodigd", "2026-03-09")
    klok.dag = dt.date(2026, 3, 9)
    page.reload()
    stap("Niet verschenen")  # the date is the appointment's
    stap("Uitgenodigd", "2026-03-16")
    klok.dag = dt.date(2026, 3, 16)
    page.reload()
    stap("Niet verschenen")
    assert "de school kan overig verzuim melden" in page.get_by_role("main").inner_text()
    eerste.refresh_from_db()
    assert eerste.keer_niet_verschenen == 2 and eerste.laatste_niet_verschenen() == klok.dag
    logout(page)

    # the school sees it may report overig verzuim and prepares the melding
    login(page, base, "coordinator")
    page.goto(f"{base}/jgz/school/")
    assert "Overig verzuim melden mogelijk" in page.get_by_role("main").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Noor Bakker").click()
    overig = page.get_by_role("region", name="Overig verzuim melden")
    assert "2 keer niet verschenen" in overig.inner_text()
    assert_accessible(page)
    overig.get_by_role("button", name="Melding overig verzuim klaarzetten").click()
    page.get_by_role("heading", name="DUO-melding: Noor Bakker").wait_for()
    assert_accessible(page)
    melding = DuoMelding.objects.get(leerling=noor)
    assert (melding.soort, melding.status, melding.begin) == (
        "overig",
        "concept",
        dt.date(2026, 3, 16),
    )

    # 17 March: a second referral, for Daan
    klok.dag = dt.date(2026, 3, 17)
    page.goto(f"{base}/jgz/school/")
    page.get_by_label("Leerling", exact=True).select_option(label="Hendriks, Daan (2b)")
    page.get_by_role("button", name="Verder").click()
    page.get_by_label("zorgen over het ziekteverzuim (twijfelachtig of zorgwekkend)").check()
    page.get_by_label("Ouders geïnformeerd over de aanmelding op").fill("2026-03-17")
    page.get_by_role("button", name="Aanmelden bij de jeugdarts").click()
    page.get_by_text("Daan Hendriks is aangemeld bij GGD Zuid Limburg.").wait_for()
    assert_accessible(page)
    tweede = Verwijzing.objects.get(leerling=daan)
    logout(page)

    # the jeugdarts sees Daan on 23 March and gives advice, without consent yet
    klok.dag = dt.date(2026, 3, 23)
    login(page, base, "jeugdarts", "/jgz/")
    page.get_by_role("link", name="Daan Hendriks").click()
    stap("Uitgenodigd", "2026-03-23")
    stap("Verschenen")
    advies = page.get_by_role("group", name="Advies vastleggen")
    advies.get_by_label("Advies aan school").fill(
        "Daan start met halve dagen; een rustige plek in de pauze helpt."
    )
    advies.get_by_role("button", name="Advies vastleggen").click()
    page.get_by_text("De status is nu 'advies gegeven'.").wait_for()
    assert "De school ziet dit advies niet" in page.get_by_role("main").inner_text()
    assert_accessible(page)
    logout(page)

    login(page, base, "coordinator")
    page.goto(f"{base}/jgz/school/{tweede.pk}/")
    advies_school = page.get_by_role("region", name="Advies van de jeugdarts")
    assert "Advies gegeven, geen toestemming om te delen." in advies_school.inner_text()
    assert "halve dagen" not in page.get_by_role("main").inner_text()
    assert_accessible(page)
    logout(page)

    # Daan is 13: the parents and Daan consent; then the school sees the advice
    login(page, base, "jeugdarts", f"/jgz/{tweede.pk}/")
    page.get_by_label("ouder(s) of verzorger(s) en de leerling").check()
    page.get_by_label("Toestemming gegeven op").fill("2026-03-23")
    page.get_by_label("het advies delen met de school", exact=True).check()
    page.get_by_role("button", name="Toestemming vastleggen").click()
    page.get_by_text("De toestemming is vastgelegd.", exact=True).wait_for()
    assert (
        "De school ziet dit advies: de toestemming is vastgelegd."
        in page.get_by_role("main").inner_text()
    )
    assert_accessible(page)
    logout(page)

    login(page, base, "coordinator")
    page.goto(f"{base}/jgz/school/{tweede.pk}/")
    advies_school = page.get_by_role("region", name="Advies van de jeugdarts")
    assert "halve dagen" in advies_school.inner_text()
    assert "geen toestemming" not in advies_school.inner_text()
    assert_accessible(page)
