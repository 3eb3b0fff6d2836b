"""Two-factor in Chromium: a coordinator without an app logs in, scans (reads) the QR code's
secret, confirms with a code computed here like the phone does, keeps the backup codes, logs
out and in again with a new code. Every page is checked with axe, and no page reports a
Content-Security-Policy violation (the console is watched throughout)."""

from __future__ import annotations

import base64
import datetime as dt
import time
from typing import Any

import pytest
from django_otp.oath import TOTP

from leerrecht.web.registratie.models import Registratie
from leerrecht.web.scholen.models import Bestuur, Groep, Leerling, Rol, RolSoort, School

PASSWORD = "een-lang-testwachtwoord-42"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _tweestaps_aan(settings: Any) -> None:
    settings.LEERRECHT_TWEESTAPS = True
    settings.AXES_ENABLED = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _school() -> tuple[Groep, Leerling]:
    from django.contrib.auth.models import User

    bestuur = Bestuur.objects.create(naam="Stichting Browser")
    school = School.objects.create(
        bestuur=bestuur, naam="De Linde", sector="po", regio="zuid", protocol="parkstad-po"
    )
    groep = Groep.objects.create(school=school, naam="5a")
    leerling = Leerling.objects.create(
        school=school,
        groep=groep,
        leerlingnummer="1",
        voornaam="Sanne",
        achternaam="de Vries",
        geboortedatum=dt.date(2016, 4, 2),
        ingeschreven_vanaf=dt.date(2020, 8, 1),
    )
    for dag in (2, 3, 5):
        Registratie.objects.create(
            leerling=leerling,
            datum=dt.date(2026, 3, dag),
            moment="dag",
            soort="absent",
            reden="ongeoorloofd",
        )
    coordinator = User.objects.create_user("coordinator", password=PASSWORD)
    Rol.objects.create(gebruiker=coordinator, school=school, soort=RolSoort.COORDINATOR)
    return groep, leerling


def _code(geheim: str, stappen_verder: int = 0) -> str:
    sleutel = base64.b32decode(geheim + "=" * (-len(geheim) % 8))
    totp = TOTP(sleutel)
    totp.time = time.time() + stappen_verder * 30
    return f"{totp.token():06d}"


def _wachtwoord(page: Any, base: str) -> None:
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("coordinator")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_instellen_en_inloggen_met_een_code_zonder_csp_meldingen(
    page: Any, live_server: Any
) -> None:
    from browser_hulp import assert_accessible

    groep, leerling = _school()
    base = live_server.url
    console: list[str] = []
    page.on("console", lambda bericht: console.append(f"{bericht.type}: {bericht.text}"))
    page.on("pageerror", lambda fout: console.append(f"pageerror: {fout}"))

    _wachtwoord(page, base)
    page.wait_for_url(f"{base}/tweestaps/instellen/**")
    page.get_by_role("heading", name="Twee-factor-authenticatie instellen").wait_for()
    assert page.get_by_role("img", name="QR-code").locator("svg").count() == 1
    assert_accessible(page)
    geheim = page.locator("code.geheim").inner_text().replace(" ", "")

    page.get_by_role("textbox", name="Code").fill(
        "000000" if _code(geheim) != "000000" else "111111"
    )
    page.get_by_role("button", name="App bevestigen").click()
    page.get_by_text("Deze code klopt niet").wait_for()
    time.sleep(1.1)  # django-otp's delay after a wrong code (1 second after the first)
    page.get_by_role("textbox", name="Code").fill(_code(geheim))
    page.get_by_role("button", name="App bevestigen").click()
    page.wait_for_url(f"{base}/tweestaps/reservecodes/**")
    codes = page.locator("ul.reservecodes li").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)
    page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
    page.wait_for_url(f"{base}/")
    page.get_by_role("heading", name="Werklijst").first.wait_for()

    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{base}/inloggen/")
    _wachtwoord(page, base)
    page.wait_for_url(f"{base}/tweestaps/?**")
    assert_accessible(page)
    page.get_by_role("textbox", name="Code").fill(
        _code(geheim, 1)
    )  # the next step: each code works once
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/")

    # pages with htmx, the timeline SVG and forms: no CSP violation anywhere
    page.goto(f"{base}/leerlingen/{leerling.pk}/?peildatum=2026-03-06")
    assert page.locator("figure.tijdlijn svg").count() == 1
    page.goto(f"{base}/registreren/{groep.pk}/?datum=2026-03-09&moment=dag")
    page.get_by_role("button", name="Register opslaan").wait_for()
    page.goto(f"{base}/?peildatum=2026-03-06")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof htmx") == "object"  # htmx loaded from /static/ under CSP
    assert_accessible(page)

    csp = [regel for regel in console if "Content Security Policy" in regel or "pageerror" in regel]
    assert csp == [], "\n".join(csp)


def test_de_admin_werkt_onder_de_csp_na_de_tweede_stap(page: Any, live_server: Any) -> None:
    from django.contrib.auth.models import User
    from django_otp.plugins.otp_totp.models import TOTPDevice

    beheerder = User.objects.create_superuser("beheer", password=PASSWORD)
    device = TOTPDevice.objects.create(user=beheerder, name="app", confirmed=True)
    geheim = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    base = live_server.url
    console: list[str] = []
    page.on("console", lambda bericht: console.append(f"{bericht.type}: {bericht.text}"))

    page.goto(f"{base}/beheer/")
    page.wait_for_url(f"{base}/beheer/login/**")
    page.get_by_label("Gebruikersnaam").fill("beheer")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"{base}/tweestaps/?**")  # the admin's own login is not enough
    page.get_by_role("textbox", name="Code").fill(_code(geheim))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/beheer/")
    for pad in (
        "/beheer/otp_totp/totpdevice/",
        f"/beheer/otp_totp/totpdevice/{device.pk}/change/",
        "/beheer/axes/accessattempt/",
        "/beheer/auth/user/add/",
    ):
        page.goto(f"{base}{pad}")
        page.wait_for_load_state("networkidle")
    csp = [regel for regel in console if "Content Security Policy" in regel]
    assert csp == [], "\n".join(csp)
