"""Journey in Chromium: the directeur registers a 2-day schorsing, sees the copies of the decision
still to be sent (seed 002 §2a Schorsing: inspectie, leerplicht and, in PO, the SWV), records one
as sent, and starts a verwijderingsprocedure; every page checked with axe (WCAG 2.2 AA)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from leerrecht.web.leerlingzaken import tijd
from leerrecht.web.leerlingzaken.models import Kennisgeving, Schorsing, Stap, Verwijdering
from leerrecht.web.registratie.models import Registratie
from leerrecht.web.scholen.models import Bestuur, Groep, Leerling, Rol, RolSoort, School

PASSWORD = "een-lang-testwachtwoord-42"
VANDAAG = dt.date(2026, 3, 20)
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Any) -> None:
    """Argon2 is slow on purpose; these tests are about the pages, not passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def vaste_dag(monkeypatch: pytest.MonkeyPatch) -> None:
    """'Today' for the schorsing and verwijdering checks (the live server runs in this process)."""
    monkeypatch.setattr(tijd, "vandaag", lambda: VANDAAG)


def setup_school() -> Leerling:
    from django.contrib.auth.models import User

    bestuur = Bestuur.objects.create(naam="Stichting Browser")
    school = School.objects.create(
        bestuur=bestuur, naam="De Linde", sector="po", regio="zuid", protocol="parkstad-po"
    )
    groep = Groep.objects.create(school=school, naam="7")
    pupil = Leerling.objects.create(
        school=school,
        groep=groep,
        leerlingnummer="4712",
        voornaam="Daan",
        achternaam="Kessels",
        geboortedatum=dt.date(2014, 10, 2),
        ingeschreven_vanaf=dt.date(2018, 10, 2),
        woongemeente="Heerlen",
    )
    user = User.objects.create_user("directeur", password=PASSWORD)
    Rol.objects.create(gebruiker=user, school=school, soort=RolSoort.DIRECTEUR)
    return pupil


def login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/")


def test_directeur_registreert_een_schorsing_en_legt_een_kopie_vast(
    page: Any, live_server: Any
) -> None:
    from browser_hulp import assert_accessible

    pupil = setup_school()
    base = live_server.url
    login(page, base, "directeur")

    page.goto(f"{base}/leerlingen/{pupil.pk}/?peildatum={VANDAAG.isoformat()}")
    page.get_by_role("link", name="Schorsing registreren").click()
    page.get_by_role("heading", name="Schorsing registreren voor Daan Kessels").wait_for()
    assert_accessible(page)

    # six school days first: refused with the reason, nothing saved
    page.get_by_label("Eerste dag van de schorsing").fill("2026-03-02")
    page.get_by_label("Laatste dag van de schorsing").fill("2026-03-09")
    page.get_by_label("Reden").fill("Geweld tegen een medeleerling op het schoolplein")
    page.get_by_label("Datum van het besluit").fill("2026-03-02")
    page.get_by_label("Ouders schriftelijk geïnformeerd op").fill("2026-03-02")
    page.get_by_role("button", name="Schorsing registreren").click()
    page.get_by_text("van maandag 2 maart 2026 tot en met maandag 9 maart 2026 zijn 6").wait_for()
    assert_accessible(page)
    assert not Schorsing.objects.exists()

    page.get_by_label("Eerste dag van de schorsing").fill("2026-03-10")
    page.get_by_label("Laatste dag van de schorsing").fill("2026-03-11")
    page.get_by_label("Datum van het besluit").fill("2026-03-09")
    page.get_by_label("Ouders schriftelijk geïnformeerd op").fill("2026-03-09")
    page.get_by_role("button", name="Schorsing registreren").click()
    page.get_by_role("heading", name="Schorsing van Daan Kessels").wait_for()
    meldingen = page.get_by_role("status").inner_text()
    assert "Schorsing geregistreerd op 2 schooldag(en)." in meldingen
    assert "onderwijsinspectie, leerplichtambtenaar, samenwerkingsverband" in meldingen
    assert "Nog 3 kopieën te versturen." in page.get_by_role("main").inner_text()
    assert_accessible(page)
    assert list(Registratie.objects.filter(leerling=pupil).values_list("datum", "reden")) == [
        (dt.date(2026, 3, 10), "schorsing"),
        (dt.date(2026, 3, 11), "schorsing"),
    ]

    page.get_by_label("Kopie aan de onderwijsinspectie verstuurd op").fill("2026-03-12")
    page.get_by_role("button", name="Verstuurd aan de onderwijsinspectie").click()
    page.get_by_text("Kopie aan de onderwijsinspectie vastgelegd als verstuurd op").wait_for()
    assert "Nog 2 kopieën te versturen." in page.get_by_role("main").inner_text()
    assert_accessible(page)
    inspectie = Kennisgeving.objects.get(ontvanger="inspectie")
    assert inspectie.verstuurd_op == dt.date(2026, 3, 12)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Schorsing en verwijdering"
    ).click()
    page.get_by_role("heading", name="Schorsing en verwijdering: De Linde").wait_for()
    te_melden = page.get_by_role("region", name="Nog te melden").inner_text()
    assert "nog te melden aan de leerplichtambtenaar" in te_melden
    assert "nog te melden aan het samenwerkingsverband" in te_melden
    assert "nog te melden aan de onderwijsinspectie" not in te_melden
    assert_accessible(page)

    # the verwijderingsprocedure: start it and see the steps
    page.goto(f"{base}/leerlingen/{pupil.pk}/?peildatum={VANDAAG.isoformat()}")
    page.get_by_role("link", name="Verwijderingsprocedure").click()
    page.get_by_role("heading", name="Verwijderingsprocedure voor Daan Kessels").wait_for()
    assert_accessible(page)
    page.get_by_label("Datum van het voornemen").fill("2026-03-12")
    page.get_by_label("Notitie").fill("Voornemen besproken; ouders schriftelijk geïnformeerd.")
    page.get_by_role("button", name="Voornemen vastleggen").click()
    page.get_by_text("Volgende stap: ouders gehoord.").wait_for()
    assert_accessible(page)
    assert Verwijdering.objects.get(leerling=pupil).status == Stap.VOORNEMEN
