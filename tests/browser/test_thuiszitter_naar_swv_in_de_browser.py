"""Journey in Chromium (issue 5, 'Done when'): thuiszitter -> knooppunt deadline -> SWV overview.

The leerplichtambtenaar registers a pupil the rules classify as thuiszitter from the suggestions,
sees the first knooppunt due within 4 weeks of the first day at home (seed 000 §3) on the
deadline page, records the knooppunt; a user of the samenwerkingsverband then sees the pupil in
the monthly overview (seed 002 §3a) and downloads the CSV. Every page checked with axe.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from browser_hulp import assert_accessible

from leerrecht.web import evaluatie
from leerrecht.web.leerplicht.models import Bureau, BureauRol, Gemeente, Werkgebied
from leerrecht.web.registratie.models import Registratie
from leerrecht.web.scholen.models import Bestuur, Groep, Leerling, School
from leerrecht.web.thuiszitters.models import Samenwerkingsverband, SwvRol, ThuiszitterRegistratie

PASSWORD = "een-lang-testwachtwoord-42"
#: every school day ongeoorloofd absent from Monday 23 February 2026 (after carnaval, regio
#: zuid); on Monday 23 March more than 4 lesweken: langdurig relatief verzuim, group 2a
SINDS = dt.date(2026, 2, 23)
PEILDATUM = dt.date(2026, 3, 23)
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Any) -> None:
    """Argon2 is slow on purpose; these tests are about the pages, not passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def setup_regio() -> Leerling:
    from django.contrib.auth.models import User

    bestuur = Bestuur.objects.create(naam="Stichting Browser")
    school = School.objects.create(
        bestuur=bestuur, naam="De Linde", sector="po", regio="zuid", protocol="parkstad-po"
    )
    groep = Groep.objects.create(school=school, naam="6a")
    pupil = Leerling.objects.create(
        school=school,
        groep=groep,
        leerlingnummer="5012",
        voornaam="Sanne",
        achternaam="de Vries",
        geboortedatum=dt.date(2015, 4, 2),
        ingeschreven_vanaf=dt.date(2019, 8, 1),
        woongemeente="Heerlen",
    )
    for day in evaluatie.calendar_for(school).school_days_between(SINDS, PEILDATUM):
        Registratie.objects.create(
            leerling=pupil, datum=day, moment="dag", soort="absent", reden="ongeoorloofd"
        )
    heerlen = Gemeente.objects.filter(naam="Heerlen").first() or Gemeente.objects.create(
        naam="Heerlen", code="GM0917"
    )
    bureau = Bureau.objects.create(naam="BLD Parkstad")
    Werkgebied.objects.create(bureau=bureau, gemeente=heerlen)
    lpa = User.objects.create_user("consulent", password=PASSWORD, first_name="Karin")
    BureauRol.objects.create(gebruiker=lpa, bureau=bureau, soort="leerplichtambtenaar")
    swv = Samenwerkingsverband.objects.create(naam="SWV Parkstad PO", sector="po")
    swv.scholen.add(school)
    swv_user = User.objects.create_user("swv", password=PASSWORD)
    SwvRol.objects.create(gebruiker=swv_user, swv=swv)
    return pupil


def login(page: Any, base: str, username: str, naar: str) -> None:
    page.goto(f"{base}/inloggen/?next={naar}")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}{naar}")


def test_thuiszitter_knooppunt_en_maandoverzicht_voor_het_swv(page: Any, live_server: Any) -> None:
    setup_regio()
    base = live_server.url

    # 1. de leerplichtambtenaar ziet de thuiszitter in de suggesties uit de regels
    login(page, base, "consulent", "/thuiszitters/")
    assert_accessible(page)
    page.goto(f"{base}/thuiszitters/suggesties/?peildatum={PEILDATUM.isoformat()}")
    page.get_by_role("heading", name="Suggesties uit de regels: BLD Parkstad").wait_for()
    rij = page.get_by_role("row", name="Sanne de Vries")
    assert "4 weken tot 3 maanden (2a)" in rij.inner_text()
    assert_accessible(page)

    # 2. met één klik in het register
    page.get_by_role("button", name="Sanne de Vries in het register opnemen").click()
    page.get_by_role("heading", name="Thuiszitter: Sanne de Vries").wait_for()
    assert "staat in het thuiszitterregister" in page.locator(".meldingen").inner_text()
    assert_accessible(page)
    reg = ThuiszitterRegistratie.objects.get()
    assert reg.sinds == SINDS and reg.swv is not None

    # de reden en de afgesproken aanpak aanvullen
    page.get_by_role("link", name="Gegevens wijzigen").click()
    page.get_by_role("heading", name="Gegevens wijzigen: Sanne de Vries").wait_for()
    assert_accessible(page)
    page.get_by_label("Reden").select_option("leerling_wil_niet")
    page.get_by_label("Afgesproken aanpak").fill(
        "Knooppunt met school, ouders en SWV; terug per april."
    )
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", name="Thuiszitter: Sanne de Vries").wait_for()

    # 3. op de termijnenpagina: het eerste knooppunt binnen 4 weken na de eerste dag thuis
    page.goto(f"{base}/thuiszitters/termijnen/?peildatum={PEILDATUM.isoformat()}")
    page.get_by_role("heading", name="Termijnen thuiszitters: BLD Parkstad").wait_for()
    rij = page.get_by_role("row", name="Sanne de Vries")
    tekst = rij.inner_text()
    assert "23 Mrt 2026\nbinnenkort: vandaag" in tekst
    assert_accessible(page)

    # 4. het knooppunt vastleggen
    rij.get_by_role("link", name="Sanne de Vries").click()
    page.get_by_role("heading", name="Thuiszitter: Sanne de Vries").wait_for()
    formulier = page.get_by_role("group", name="Knooppunt of breed overleg vastleggen")
    formulier.get_by_label("Soort overleg").select_option("knooppunt")
    formulier.get_by_label("Gehouden op").fill(PEILDATUM.isoformat())
    formulier.get_by_role("button", name="Overleg vastleggen").click()
    page.get_by_text("Knooppunt gehouden op 23 maart 2026 vastgelegd.").wait_for()
    assert_accessible(page)
    reg.refresh_from_db()
    assert reg.knooppunt_op == PEILDATUM
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("heading", name="Inloggen").wait_for()

    # 5. het samenwerkingsverband ziet de leerling in het maandoverzicht van maart
    login(page, base, "swv", "/thuiszitters/swv/")
    assert_accessible(page)
    page.get_by_label("Maand").fill("2026-03")
    page.get_by_role("button", name="Toon").click()
    page.get_by_role("heading", name="Thuiszitters maart 2026: SWV Parkstad PO").wait_for()
    page.get_by_role("heading", name="Primair onderwijs (PO)").wait_for()
    rij = page.get_by_role("row", name="Sanne de Vries")
    tekst = rij.inner_text()
    assert "De Linde" in tekst and "terug per april" in tekst and "gedaan op 23 maart 2026" in tekst
    assert_accessible(page)
    # het register zelf is niet voor het SWV
    assert page.goto(f"{base}/thuiszitters/{reg.pk}/").status == 404
    page.go_back()

    # 6. en downloadt het als CSV voor Excel
    with page.expect_download() as info:
        page.get_by_role("link", name="Downloaden als CSV (Excel)").click()
    download = info.value
    assert download.suggested_filename.startswith("thuiszitters-2026-03")
    inhoud = Path(download.path()).read_bytes()
    assert inhoud.startswith(b"\xef\xbb\xbf")
    tekst = inhoud.decode("utf-8-sig")
    assert "de Vries;Sanne;2015-04-02" in tekst and ";2026-03-23;gedaan;2026-03-23;" in tekst


def test_register_analyse_en_jaarcijfers_zijn_toegankelijk(page: Any, live_server: Any) -> None:
    """The other pages of the register, with data in them, pass axe too."""
    from django.contrib.auth.models import User

    from leerrecht.web.scholen.models import Rol
    from leerrecht.web.thuiszitters import register

    pupil = setup_regio()
    bureau = Bureau.objects.get()
    gevonden, _mislukt = register.evalueer([pupil], PEILDATUM)
    register.opnemen(bureau, pupil, gevonden[pupil.pk], None)
    coordinator = User.objects.create_user("coordinator", password=PASSWORD)
    Rol.objects.create(gebruiker=coordinator, school=pupil.school, soort="coordinator")
    base = live_server.url

    login(page, base, "consulent", "/thuiszitters/?status=alle")
    page.get_by_role("row", name="Sanne de Vries").wait_for()
    assert_accessible(page)
    for pad, kop in (
        ("/thuiszitters/nieuw/", "Thuiszitter registreren"),
        (
            "/thuiszitters/analyse/?schooljaar=2025",
            "Jaaranalyse thuiszitters 2025-2026: BLD Parkstad",
        ),
        ("/thuiszitters/jaarcijfers/?schooljaar=2025", "Jaarcijfers 2025-2026: BLD Parkstad"),
        (
            "/thuiszitters/swv/?maand=2026-03",
            "Thuiszitters maart 2026: alle samenwerkingsverbanden",
        ),
    ):
        page.goto(f"{base}{pad}")
        page.get_by_role("heading", name=kop).wait_for()
        assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("heading", name="Inloggen").wait_for()

    login(page, base, "coordinator", "/thuiszitters/jaarcijfers/school/?schooljaar=2025")
    page.get_by_role("heading", name="Jaarcijfers 2025-2026: De Linde").wait_for()
    assert_accessible(page)
