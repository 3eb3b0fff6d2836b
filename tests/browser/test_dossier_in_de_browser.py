"""Journey in Chromium: a leerplichtambtenaar finds a melding in the inbox and opens a dossier
from it, records the verzuimgesprek, chooses the Halt route for a 13-year-old (seed 003 §4: the
four routes of the MAS; seed 001: Halt from 12), tries a proces-verbaal without a motivation
(refused with the reason: no waarschuwing yet, and a proces-verbaal is not the Halt route) and
then with one ('pas toe of leg uit', seed 003 §7), which the history shows; axe (WCAG 2.2 AA) on
every page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from leerrecht.web.dossiers import tijd
from leerrecht.web.dossiers.models import ActieSoort, Dossier, Route, Status
from leerrecht.web.leerplicht.models import (
    Bron,
    Bureau,
    BureauRol,
    BureauRolSoort,
    Gemeente,
    InboxMelding,
    Jeugdige,
    Werkgebied,
)
from leerrecht.web.scholen.models import Bestuur, Groep, Leerling, School

PASSWORD = "een-lang-testwachtwoord-42"
VANDAAG = dt.date(2026, 3, 25)
MOTIVERING = "Ouders weigerden twee keer een gesprek; de officier vroeg om een proces-verbaal."
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Any) -> None:
    """Argon2 is slow on purpose; these tests are about the pages, not passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def vaste_dag(monkeypatch: pytest.MonkeyPatch) -> None:
    """'Today' for the deadlines (the live server runs in this process)."""
    monkeypatch.setattr(tijd, "vandaag", lambda: VANDAAG)


def setup_bureau() -> InboxMelding:
    """BLD Parkstad serving Heerlen, its leerplichtambtenaar, and a melding in its inbox about a
    13-year-old pupil who is often late (made through the ORM, as received from DUO)."""
    from django.contrib.auth.models import User

    bestuur = Bestuur.objects.create(naam="Stichting Browser")
    school = School.objects.create(
        bestuur=bestuur, naam="De Linde", sector="po", regio="zuid", protocol="parkstad-po"
    )
    groep = Groep.objects.create(school=school, naam="8")
    leerling = Leerling.objects.create(
        school=school,
        groep=groep,
        leerlingnummer="4712",
        voornaam="Daan",
        achternaam="Kessels",
        geboortedatum=dt.date(2012, 10, 2),
        ingeschreven_vanaf=dt.date(2016, 10, 2),
        woongemeente="Heerlen",
    )
    heerlen = Gemeente.objects.filter(naam="Heerlen").first() or Gemeente.objects.create(
        naam="Heerlen", code="GM0917"
    )
    bureau = Bureau.objects.create(naam="Bureau Leren en Doorstromen Parkstad")
    Werkgebied.objects.update_or_create(gemeente=heerlen, defaults={"bureau": bureau})
    user = User.objects.create_user(
        "consulent", password=PASSWORD, first_name="Anouk", last_name="Custers"
    )
    BureauRol.objects.create(
        gebruiker=user, bureau=bureau, soort=BureauRolSoort.LEERPLICHTAMBTENAAR
    )
    jeugdige = Jeugdige.objects.create(
        bureau=bureau,
        voornaam="Daan",
        achternaam="Kessels",
        geboortedatum=leerling.geboortedatum,
        gemeente=heerlen,
    )
    jeugdige.leerlingen.add(leerling)
    melding = InboxMelding.objects.create(
        bureau=bureau,
        jeugdige=jeugdige,
        bron=Bron.IMPORT,
        meldingsnummer="VZ-2026-0042",
        school_naam="De Linde",
        soort="overig",
        begin=dt.date(2026, 2, 2),
        toelichting="Twaalf keer te laat gekomen sinds de kerstvakantie.",
    )
    ontvangen = timezone.make_aware(dt.datetime(2026, 3, 18, 9))
    InboxMelding.objects.filter(pk=melding.pk).update(ontvangen_op=ontvangen)
    return melding


def login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_leerplichtambtenaar_behandelt_een_melding_in_een_dossier_volgens_de_mas(
    page: Any, live_server: Any
) -> None:
    from browser_hulp import assert_accessible

    melding = setup_bureau()
    base = live_server.url
    login(page, base, "consulent")

    # the inbox, when it is there; otherwise straight to the new dossier for the melding
    try:
        inbox = reverse("leerplicht:inbox")
    except NoReverseMatch:
        inbox = ""
    nieuw = f"{base}/dossiers/nieuw/?melding={melding.pk}"
    if inbox:
        page.goto(f"{base}{inbox}")
        assert_accessible(page)
        page.get_by_role("link", name="Daan Kessels").first.click()
        page.wait_for_load_state()
        assert_accessible(page)
        openen = page.get_by_role("link", name=re.compile("Dossier openen"))
        if openen.count():
            openen.first.click()
        else:
            page.goto(nieuw)
    else:
        page.goto(nieuw)
    page.get_by_role("heading", name="Nieuw dossier: Daan Kessels").wait_for()
    assert_accessible(page)
    assert page.get_by_role("checkbox").first.is_checked()  # the melding is in the dossier
    page.get_by_role("button", name="Dossier openen").click()
    page.get_by_role("heading", name="Dossier: Daan Kessels").wait_for()
    assert_accessible(page)
    dossier = Dossier.objects.get()
    assert list(dossier.meldingen.all()) == [melding]
    main = page.get_by_role("main").inner_text()
    assert "Volgende stap volgens de MAS" in main and "verzuimgesprek" in main

    # the verzuimgesprek, planned with the office's deadline, is recorded as done
    page.get_by_role("link", name="verzuimgesprek afronden").click()
    page.get_by_role("heading", name=re.compile("verzuimgesprek afronden")).wait_for()
    assert_accessible(page)
    page.get_by_label("Gedaan op").fill("2026-03-24")
    page.get_by_label("Uitkomst").fill("Daan en moeder gesproken; afspraak: op tijd op school.")
    page.get_by_role("button", name="Vastleggen als gedaan").click()
    page.get_by_text("'verzuimgesprek' is vastgelegd als gedaan.").wait_for()
    assert_accessible(page)
    dossier.refresh_from_db()
    assert dossier.status == Status.ONDERZOEK

    # the Halt route for a 13-year-old who is often late: no deviation, no motivation needed
    page.get_by_role("link", name="Route kiezen").click()
    page.get_by_role("heading", name="Route kiezen: Daan Kessels").wait_for()
    assert_accessible(page)
    page.get_by_label("Halt-straf").check()
    page.get_by_role("button", name="Route vastleggen").click()
    page.get_by_text("De route is nu 'Halt-straf'.").wait_for()
    assert_accessible(page)
    dossier.refresh_from_db()
    assert (dossier.route, dossier.status) == (Route.HALT, Status.ROUTE_BEPAALD)
    assert "schriftelijke waarschuwing" in page.get_by_role("main").inner_text()  # next step

    # a proces-verbaal without a motivation: refused, with the reasons from the seeds
    page.get_by_role("link", name="Actie vastleggen").click()
    page.get_by_role("heading", name="Actie vastleggen: Daan Kessels").wait_for()
    assert_accessible(page)
    page.get_by_label("Soort actie").select_option(ActieSoort.PROCES_VERBAAL.value)
    page.get_by_label("Gepland op").fill("2026-03-30")
    page.get_by_role("button", name="Actie vastleggen").click()
    page.get_by_text("Dit wijkt af van de MAS en kan alleen met een motivering").wait_for()
    fout = page.get_by_role("main").inner_text()
    assert "nog geen schriftelijke waarschuwing" in fout
    assert "hoort bij de route 'dwang in strafrechtelijk kader" in fout
    assert_accessible(page)
    assert not dossier.acties.filter(soort=ActieSoort.PROCES_VERBAAL).exists()

    # with a motivation it is recorded, and the history shows why
    page.get_by_label("Motivering (pas toe of leg uit)").fill(MOTIVERING)
    page.get_by_role("button", name="Actie vastleggen").click()
    page.get_by_text("De actie 'proces-verbaal' is vastgelegd.").wait_for()
    assert_accessible(page)
    geschiedenis = page.get_by_role("region", name="Geschiedenis").inner_text()
    assert MOTIVERING in geschiedenis
    assert "seed 003 §7" in geschiedenis
    actie = dossier.acties.get(soort=ActieSoort.PROCES_VERBAAL)
    assert actie.motivering == MOTIVERING and actie.gepland_op == dt.date(2026, 3, 30)

    # the office's list shows the dossier
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Dossiers").click()
    page.get_by_role("heading", name=re.compile("^Dossiers: Bureau Leren")).wait_for()
    assert_accessible(page)
    assert "Daan Kessels" in page.get_by_role("region", name="Dossiers").inner_text()
