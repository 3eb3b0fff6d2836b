"""Journeys in Chromium for DUO-meldingen, verlof (parents and directeur) and letters; every
page checked with axe (WCAG 2.2 AA)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from leerrecht.web.brieven.models import VerzondenBrief
from leerrecht.web.meldingen.models import DuoMelding, Status
from leerrecht.web.registratie.models import Registratie
from leerrecht.web.scholen.models import Bestuur, Groep, Leerling, Rol, RolSoort, School
from leerrecht.web.verlof.models import VerlofAanvraag

PASSWORD = "een-lang-testwachtwoord-42"
DAGEN_16_UUR = [dt.date(2026, 3, 2), dt.date(2026, 3, 3), dt.date(2026, 3, 5)]
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Any) -> None:
    """Argon2 is slow on purpose; these tests are about the pages, not passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def bijlagen_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path


def setup_school() -> Leerling:
    from django.contrib.auth.models import User

    bestuur = Bestuur.objects.create(naam="Stichting Browser")
    school = School.objects.create(
        bestuur=bestuur, naam="De Linde", sector="po", regio="zuid", protocol="parkstad-po"
    )
    groep = Groep.objects.create(school=school, naam="5a")
    pupil = Leerling.objects.create(
        school=school,
        groep=groep,
        leerlingnummer="4711",
        voornaam="Sanne",
        achternaam="de Vries",
        geboortedatum=dt.date(2016, 4, 2),
        ingeschreven_vanaf=dt.date(2020, 8, 1),
        woongemeente="Heerlen",
    )
    for username, soort in (
        ("coordinator", RolSoort.COORDINATOR),
        ("directeur", RolSoort.DIRECTEUR),
    ):
        user = User.objects.create_user(username, password=PASSWORD)
        Rol.objects.create(gebruiker=user, school=school, soort=soort)
    return pupil


def ongeoorloofd(pupil: Leerling) -> None:
    for day in DAGEN_16_UUR:
        Registratie.objects.create(
            leerling=pupil, datum=day, moment="dag", soort="absent", reden="ongeoorloofd"
        )


def login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/")


def download(page: Any, click: Any) -> tuple[Any, bytes]:
    with page.expect_download() as info:
        click()
    dl = info.value
    return dl, Path(dl.path()).read_bytes()


def test_coordinator_vult_een_duo_melding_aan_meldt_en_exporteert(
    page: Any, live_server: Any
) -> None:
    from browser_hulp import assert_accessible

    pupil = setup_school()
    ongeoorloofd(pupil)
    base = live_server.url
    login(page, base, "coordinator")

    page.goto(f"{base}/meldingen/?peildatum=2026-03-06")
    page.get_by_text("1 nieuwe melding klaargezet als concept.").wait_for()
    assert_accessible(page)
    melding = DuoMelding.objects.get(leerling=pupil)
    assert melding.status == Status.CONCEPT

    # the list's export: the CSV of all concepts
    dl, csv = download(
        page, lambda: page.get_by_role("link", name="Exportbestand (CSV) van 1 concept").click()
    )
    assert dl.suggested_filename.endswith(".csv")
    tekst = csv.decode("utf-8-sig")
    assert "4711" in tekst or "Sanne" in tekst

    page.get_by_role("link", name="Sanne de Vries").click()
    page.get_by_role("heading", name="DUO-melding: Sanne de Vries").wait_for()
    assert_accessible(page)

    page.get_by_label("Toelichting").fill("Sanne was drie dagen zonder bericht afwezig.")
    page.get_by_label("Ondernomen acties").fill("Op 6 maart gebeld met moeder; gesprek gepland.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De melding is opgeslagen.").wait_for()
    assert_accessible(page)
    melding.refresh_from_db()
    assert melding.toelichting == "Sanne was drie dagen zonder bericht afwezig."
    assert melding.ondernomen_acties.startswith("Op 6 maart gebeld")

    gemeld = page.get_by_role("group", name="Gemeld bij DUO")
    gemeld.get_by_label("Meldingsnummer van DUO").fill("VM-2026-0042")
    gemeld.get_by_role("button", name="Gemeld bij DUO").click()
    page.get_by_text("De status is nu 'gemeld'").wait_for()
    assert "VM-2026-0042" in page.get_by_role("main").inner_text()
    assert_accessible(page)
    melding.refresh_from_db()
    assert (melding.status, melding.meldingsnummer) == (Status.GEMELD, "VM-2026-0042")

    # the melding's own export, after reporting
    dl, csv = download(
        page,
        lambda: page.get_by_role(
            "link", name="Deze melding als exportbestand (CSV) downloaden"
        ).click(),
    )
    tekst = csv.decode("utf-8-sig")
    assert "4711" in tekst or "Sanne" in tekst


def _twee_schooldagen(pupil: Leerling) -> tuple[dt.date, dt.date]:
    """Two consecutive school days, at least a week from today (inside a known school year)."""
    from leerrecht.web import evaluatie

    calendar = evaluatie.calendar_for(pupil.school)
    start = calendar.first_school_day_on_or_after(dt.date.today() + dt.timedelta(days=7))
    assert start is not None
    end = calendar.next_school_day(start)
    assert end is not None
    return start, end


def test_ouder_vraagt_verlof_aan_en_de_directeur_kent_het_toe(
    browser: Any, page: Any, live_server: Any
) -> None:
    from browser_hulp import assert_accessible

    pupil = setup_school()
    start, end = _twee_schooldagen(pupil)
    base = live_server.url

    # the directeur issues a code for the parents
    login(page, base, "directeur")
    page.goto(f"{base}/verlof/toegang/")
    assert_accessible(page)
    page.get_by_role("link", name="Sanne de Vries").click()
    page.get_by_role("button", name="Nieuwe code uitgeven").click()
    code = page.get_by_label("Code", exact=True).input_value()
    assert len(code) > 20
    assert_accessible(page)

    ouder_context = browser.new_context(locale="nl-NL")
    try:
        ouder = ouder_context.new_page()
        ouder.set_default_timeout(15_000)
        ouder.goto(f"{base}/ouders/")
        assert_accessible(ouder)
        ouder.get_by_label("Code van de school").fill(code)
        ouder.get_by_role("button", name="Verder").click()
        ouder.wait_for_url(f"{base}/ouders/overzicht/")
        assert_accessible(ouder)

        ouder.get_by_role("navigation", name="Ouders").get_by_role(
            "link", name="Verlof aanvragen"
        ).click()
        ouder.get_by_role("heading", name="Verlof aanvragen voor Sanne").wait_for()
        assert_accessible(ouder)
        ouder.get_by_label("verlof wegens gewichtige omstandigheden").check()
        ouder.get_by_label("Eerste dag van het verlof").fill(start.isoformat())
        ouder.get_by_label("Laatste dag van het verlof").fill(end.isoformat())
        ouder.get_by_label("Reden (alleen bij gewichtige omstandigheden)").select_option("huwelijk")
        ouder.get_by_label("Toelichting").fill("Huwelijk van een oom in Maastricht.")
        ouder.get_by_role("button", name="Aanvraag versturen").click()
        ouder.get_by_text("Uw aanvraag is ontvangen.").wait_for()
        voorcontrole = ouder.get_by_role("region", name="Voorlopige controle")
        assert "2 schooldagen" in voorcontrole.inner_text()
        assert_accessible(ouder)
        aanvraag = VerlofAanvraag.objects.get(leerling=pupil)
        assert (aanvraag.start, aanvraag.end, aanvraag.status) == (start, end, "aangevraagd")

        # the directeur decides
        page.goto(f"{base}/verlof/")
        assert_accessible(page)
        page.get_by_role("link", name="Sanne de Vries").click()
        page.get_by_role("heading", name="Verlofaanvraag van Sanne de Vries").wait_for()
        assert_accessible(page)
        page.get_by_label("Toekennen").check()
        page.get_by_label("Motivering").fill("Huwelijk van een familielid: verlof toegekend.")
        page.get_by_role("button", name="Besluit vastleggen").click()
        page.get_by_role("link", name="Besluitbrief downloaden (pdf)").wait_for()
        assert_accessible(page)
        aanvraag.refresh_from_db()
        assert aanvraag.status == "toegekend"

        # the parent sees the decision and downloads the letter
        ouder.goto(f"{base}/ouders/overzicht/")
        rij = ouder.get_by_role("row").filter(has_text="toegekend")
        assert "Huwelijk van een familielid" in rij.inner_text()
        assert_accessible(ouder)
        rij.get_by_role("link").first.click()
        ouder.get_by_role("heading", name="Besluit").wait_for()
        assert_accessible(ouder)
        _dl, brief = download(
            ouder,
            lambda: ouder.get_by_role("link", name="Besluitbrief downloaden (pdf)").click(),
        )
        assert brief.startswith(b"%PDF")
    finally:
        ouder_context.close()


def test_brief_maken_vanuit_de_werklijst_geeft_een_pdf_en_geen_dubbele_brief(
    page: Any, live_server: Any
) -> None:
    from browser_hulp import assert_accessible

    pupil = setup_school()
    ongeoorloofd(pupil)
    base = live_server.url
    login(page, base, "coordinator")

    page.goto(f"{base}/?peildatum=2026-03-06")
    assert_accessible(page)
    rij = page.get_by_role("row").filter(has_text="16 uur").filter(has_text="Sanne de Vries")
    rij.get_by_role("link", name="Brief maken").click()
    page.get_by_role("heading", name="Brief aan de ouders van Sanne de Vries").wait_for()
    assert_accessible(page)

    keuze = next(
        o
        for o in page.get_by_label("Sjabloon").locator("option").all_inner_texts()
        if o.startswith("Uitnodiging gesprek over verzuim")
    )
    page.get_by_label("Sjabloon").select_option(label=keuze)
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    page.get_by_role("heading", name="Voorbeeld").wait_for()
    assert_accessible(page)

    _dl, eerste = download(
        page, lambda: page.get_by_role("button", name="Brief maken (PDF)").click()
    )
    assert eerste.startswith(b"%PDF")
    assert VerzondenBrief.objects.count() == 1

    page.reload()
    page.get_by_role("heading", name="Al gemaakt voor deze stap").wait_for()
    assert_accessible(page)
    _dl, tweede = download(
        page, lambda: page.get_by_role("button", name="PDF opnieuw downloaden").click()
    )
    assert tweede.startswith(b"%PDF")
    assert VerzondenBrief.objects.count() == 1
    brief = VerzondenBrief.objects.get()
    assert brief.leerling == pupil
    assert brief.stap_datum == dt.date(2026, 3, 5)
