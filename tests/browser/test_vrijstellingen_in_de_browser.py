"""Journey in Chromium for the leerplicht office's decisions (seed 000 §1.1.2; art. 14 lid 3
Lpw): the leerplichtambtenaar decides forwarded verlof of 12 school days and registers and grants
a vrijstelling; the school sees both decisions. Every page checked with axe (WCAG 2.2 AA)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from leerrecht.web.leerplicht.models import Bureau, BureauRol, Gemeente, Werkgebied
from leerrecht.web.scholen.models import Bestuur, Groep, Leerling, Rol, RolSoort, School
from leerrecht.web.verlof import toetsing
from leerrecht.web.verlof.models import VerlofAanvraag
from leerrecht.web.vrijstellingen import tijd
from leerrecht.web.vrijstellingen.models import VerlofBesluit, Vrijstelling

PASSWORD = "een-lang-testwachtwoord-42"
VANDAAG = dt.date(2026, 2, 26)
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def vast(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setattr(tijd, "vandaag", lambda: VANDAAG)
    monkeypatch.setattr(toetsing, "vandaag", lambda: VANDAAG)


def setup() -> tuple[Leerling, Leerling, VerlofAanvraag]:
    from django.contrib.auth.models import User

    bestuur = Bestuur.objects.create(naam="Stichting Browser")
    school = School.objects.create(bestuur=bestuur, naam="De Linde", sector="po", regio="zuid")
    groep = Groep.objects.create(school=school, naam="7")
    sanne, milan = (
        Leerling.objects.create(
            school=school,
            groep=groep,
            leerlingnummer=nummer,
            voornaam=voornaam,
            achternaam=achternaam,
            geboortedatum=dt.date(2015, 4, 2),
            ingeschreven_vanaf=dt.date(2020, 8, 1),
            woongemeente="Heerlen",
        )
        for nummer, voornaam, achternaam in (("1", "Sanne", "de Vries"), ("2", "Milan", "Smeets"))
    )
    directeur = User.objects.create_user("directeur", password=PASSWORD)
    Rol.objects.create(gebruiker=directeur, school=school, soort=RolSoort.DIRECTEUR)
    gemeente, _ = Gemeente.objects.get_or_create(naam="Heerlen", defaults={"code": "GM0917"})
    bureau = Bureau.objects.create(naam="Bureau Leren en Doorstromen Parkstad")
    Werkgebied.objects.update_or_create(gemeente=gemeente, defaults={"bureau": bureau})
    lpa = User.objects.create_user(
        "lpa", password=PASSWORD, first_name="Anouk", last_name="Custers"
    )
    BureauRol.objects.create(gebruiker=lpa, bureau=bureau, soort="leerplichtambtenaar")
    aanvraag = VerlofAanvraag.objects.create(
        leerling=sanne,
        soort="gewichtig",
        start=dt.date(2026, 3, 2),
        end=dt.date(2026, 3, 17),
        reden="overlijden",
        aangevraagd_op=dt.date(2026, 2, 20),
    )
    toetsing.beslis(aanvraag.pk, toetsing.DOORSTUREN, "De school steunt de aanvraag.", directeur)
    return sanne, milan, aanvraag


def login(page: Any, base: str, username: str, naar: str) -> None:
    page.goto(f"{base}/inloggen/?next={naar}")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}{naar}")


def test_leerplicht_beslist_verlof_en_vrijstelling_en_de_school_ziet_het(
    page: Any, live_server: Any
) -> None:
    from browser_hulp import assert_accessible

    sanne, milan, aanvraag = setup()
    base = live_server.url
    login(page, base, "lpa", "/vrijstellingen/")
    page.get_by_role(
        "heading", name="Vrijstellingen en verlof van meer dan 10 schooldagen"
    ).wait_for()
    assert_accessible(page)

    # verlof of 12 school days, forwarded by the directeur
    page.get_by_role("link", name="Sanne de Vries").click()
    page.get_by_role("heading", name="Verlofaanvraag van Sanne de Vries").wait_for()
    assert "De school steunt de aanvraag." in page.get_by_role("main").inner_text()
    assert_accessible(page)
    page.get_by_label("Toekennen").check()
    page.get_by_label("Motivering").fill("Begrafenis in het buitenland; eenmalig.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_text("Besluit vastgelegd: toegekend.").wait_for()
    assert_accessible(page)
    assert VerlofBesluit.objects.get(aanvraag=aanvraag).dagen_geregistreerd == 12

    # a vrijstelling art. 5 onder c for Milan
    page.goto(f"{base}/vrijstellingen/?q=Milan")
    assert_accessible(page)
    page.get_by_role("link", name="Milan Smeets").click()
    page.get_by_role("heading", name="Aanvraag vrijstelling voor Milan Smeets").wait_for()
    assert_accessible(page)
    page.get_by_label("art. 5 onder c: ingeschreven op een school buiten Nederland").check()
    page.get_by_label("ouder(s) of verzorger(s)").check()
    page.get_by_label("Aangevraagd op").fill("2026-02-25")
    page.get_by_label("Ingangsdatum").fill("2026-03-01")
    page.get_by_label("Einddatum").fill("2027-02-28")
    page.get_by_label("Verklaring of bewijs ontvangen op").fill("2026-02-25")
    page.get_by_label("Verklaring of bewijs van").fill("Athénée Royal, Liège")
    page.get_by_role("button", name="Aanvraag vastleggen").click()
    page.get_by_text("De aanvraag is vastgelegd.").wait_for()
    assert_accessible(page)
    page.get_by_role("group", name="In behandeling nemen").get_by_role("button").click()
    page.get_by_text("De status is nu 'in behandeling'.").wait_for()
    toekennen = page.get_by_role("group", name="Toekennen")
    toekennen.get_by_label("Motivering").fill("Het bewijs van inschrijving is overgelegd.")
    toekennen.get_by_role("button", name="Toekennen").click()
    page.get_by_text("De status is nu 'toegekend'.").wait_for()
    assert_accessible(page)
    assert Vrijstelling.objects.get(leerling=milan).status == "toegekend"
    page.get_by_role("button", name="Uitloggen").click()

    # the school sees both decisions
    login(page, base, "directeur", "/vrijstellingen/school/")
    main = page.get_by_role("main").inner_text()
    assert "Milan Smeets" in main and "Sanne de Vries" in main
    assert_accessible(page)
    page.goto(f"{base}/verlof/{aanvraag.pk}/")
    besluit = page.get_by_role("region", name="Besluit van de leerplichtambtenaar")
    assert "Toegekend" in besluit.inner_text()
    assert_accessible(page)
    assert sanne.registraties.filter(reden="verlof").count() == 12
