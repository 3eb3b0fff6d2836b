"""Journeys in Chromium for parents reporting sick (with the English parent page) and for the
import of pupils, a group and absences; every page checked with axe (WCAG 2.2 AA)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest

from leerrecht.web.importeren.models import ImportOpdracht, Status
from leerrecht.web.registratie.models import Registratie
from leerrecht.web.scholen.models import Bestuur, Groep, Leerling, Rol, RolSoort, School
from leerrecht.web.verlof import toetsing
from leerrecht.web.verlof.models import OuderToegang

PASSWORD = "een-lang-testwachtwoord-42"
#: 'today' for the parent: Friday 6 March 2026, a school day (voorjaarsvakantie zuid was 14-22 Feb)
VANDAAG = dt.date(2026, 3, 6)
#: Friday 6 to Monday 9 March 2026: two school days and a weekend in between
ZIEK_VAN, ZIEK_TOT = dt.date(2026, 3, 6), dt.date(2026, 3, 9)
pytestmark = pytest.mark.django_db(transaction=True)

#: two new pupils in a new group 7c; 2, 3 and 4 March 2026 are Monday to Wednesday
PUPILS_CSV = """\
pupil_id,birth_date,enrolled_from,enrolled_until,municipality,group,first_name,last_name
n1,2016-05-10,2025-08-18,,Heerlen,7c,Noa,Jansen
n2,2016-06-11,2025-08-18,,Kerkrade,7c,Sem,Bakker
"""
ABSENCES_CSV = """\
pupil_id,date,kind,reason,hours,note
n1,2026-03-02,absent,ziek,,
n2,2026-03-03,late,ongeoorloofd,0.25,bus te laat
n1,2026-03-04,absent,ongeoorloofd,,
"""
#: line 2 is fine, line 3 has a date that does not exist
FOUTE_ABSENCES_CSV = """\
pupil_id,date,kind,reason,hours,note
n1,2026-03-05,absent,ziek,,
n2,2026-02-30,absent,ziek,,
"""


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Any) -> None:
    """Argon2 is slow on purpose; these tests are about the pages, not passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def setup_school(*soorten: RolSoort) -> Leerling:
    """De Linde with group 5a, the pupil Sanne and one user per role (named after the role)."""
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
    for soort in soorten:
        user = User.objects.create_user(soort.value, password=PASSWORD)
        Rol.objects.create(gebruiker=user, school=school, soort=soort)
    return pupil


def login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/")


def lijst_onder(page: Any, kop: str) -> list[str]:
    """The items of the list right after the heading ``kop`` in the main content."""
    items: list[str] = page.locator(f'main h2:text-is("{kop}") + ul > li').all_inner_texts()
    return items


def aantallen(tabel: Any) -> dict[str, list[str]]:
    """The rows of an import's count table: {kind: [nieuw, gewijzigd, ongewijzigd]}."""
    return {
        rij.get_by_role("rowheader").inner_text(): rij.get_by_role("cell").all_inner_texts()
        for rij in tabel.locator("tbody tr").all()
    }


def foutmelding(page: Any) -> dict[str, str]:
    """The terms of the import error in the alert: {Bestand, Regel, Kolom, Probleem: ...}."""
    alert = page.get_by_role("alert")
    terms = alert.locator("dt").all_inner_texts()
    values = alert.locator("dd").all_inner_texts()
    return dict(zip(terms, values, strict=True))


def tellingen() -> dict[str, int]:
    return {
        "groepen": Groep.objects.count(),
        "leerlingen": Leerling.objects.count(),
        "registraties": Registratie.objects.count(),
        "imports": ImportOpdracht.objects.count(),
    }


def test_ouder_meldt_ziek_met_een_code_en_de_coordinator_ziet_het_bij_de_leerling(
    browser: Any, page: Any, live_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 4, journey 'ouder meldt ziek': the school issues a code, the parent reports the
    child sick for two school days (the weekend in between is skipped, with its reason) and
    the coordinator sees the sick days on the pupil page; the parent page is also in English."""
    from browser_hulp import assert_accessible

    monkeypatch.setattr(toetsing, "vandaag", lambda: VANDAAG)  # the server thread shares it
    pupil = setup_school(RolSoort.COORDINATOR)
    base = live_server.url

    # the coordinator issues a code for the parents
    login(page, base, "coordinator")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Codes voor ouders"
    ).click()
    assert_accessible(page)
    page.get_by_role("link", name="Sanne de Vries").click()
    page.get_by_role("button", name="Nieuwe code uitgeven").click()
    code = page.get_by_label("Code", exact=True).input_value()
    assert len(code) > 20
    assert_accessible(page)
    toegang = OuderToegang.objects.get(leerling=pupil, actief=True)

    ouder_context = browser.new_context(locale="nl-NL")
    try:
        ouder = ouder_context.new_page()
        ouder.set_default_timeout(15_000)
        ouder.goto(f"{base}/ouders/")
        ouder.get_by_role("heading", name="Ziekmelden en verlof aanvragen").wait_for()
        assert_accessible(ouder)
        ouder.get_by_label("Code van de school").fill(code)
        ouder.get_by_role("button", name="Verder").click()
        ouder.wait_for_url(f"{base}/ouders/overzicht/")
        assert_accessible(ouder)

        ouder.get_by_role("navigation", name="Ouders").get_by_role(
            "link", name="Ziek melden"
        ).click()
        ouder.get_by_role("heading", name="Sanne ziek melden").wait_for()
        assert_accessible(ouder)
        # nothing about the illness is asked: two dates and no free text at all
        form = ouder.locator("main form").filter(
            has=ouder.get_by_role("button", name="Ziek melden", exact=True)
        )
        velden = form.locator("input, select, textarea").evaluate_all(
            "els => els.map(e => [e.name, e.type])"
        )
        assert sorted(velden) == [
            ["csrfmiddlewaretoken", "hidden"],
            ["tot", "date"],
            ["van", "date"],
        ]
        ouder.get_by_label("Ziek vanaf").fill(ZIEK_VAN.isoformat())
        ouder.get_by_label("Tot en met").fill(ZIEK_TOT.isoformat())
        ouder.get_by_role("button", name="Ziek melden", exact=True).click()

        ouder.get_by_role("heading", name="Ziekmelding ontvangen").wait_for()
        assert lijst_onder(ouder, "Ziek gemeld op") == [
            "vrijdag 6 maart 2026",
            "maandag 9 maart 2026",
        ]
        assert lijst_onder(ouder, "Niet geregistreerd") == [
            "zaterdag 7 maart 2026: weekend",
            "zondag 8 maart 2026: weekend",
        ]
        assert_accessible(ouder)

        ziek = Registratie.objects.filter(leerling=pupil).order_by("datum")
        assert [(r.datum, r.moment, r.soort, r.reden, r.uren) for r in ziek] == [
            (ZIEK_VAN, "dag", "absent", "ziek", None),
            (ZIEK_TOT, "dag", "absent", "ziek", None),
        ]
        # the only note is leerrecht's own, in Dutch: where it came from, never a diagnosis
        assert {r.notitie for r in ziek} == {f"ziekgemeld door ouder (code {toegang.prefix}…)"}
        assert {r.geregistreerd_door for r in ziek} == {None}

        # the coordinator sees the sick days on the pupil page
        page.goto(f"{base}/leerlingen/{pupil.pk}/?peildatum={ZIEK_TOT.isoformat()}")
        page.get_by_role("heading", name="Sanne de Vries", exact=True).wait_for()
        registraties = page.get_by_role("table", name="De laatste registraties")
        ziek_gemeld = ["hele dag", "afwezig", "ziek, gemeld volgens de afspraken (geoorloofd)"]
        assert [
            rij.get_by_role("cell").all_inner_texts()
            for rij in registraties.locator("tbody tr").all()
        ] == [
            ["9 Mrt 2026", *ziek_gemeld, "hele dag"],
            ["6 Mrt 2026", *ziek_gemeld, "hele dag"],
        ]
        assert "ziek" in page.locator("figure.tijdlijn").inner_html()
        assert_accessible(page)

        # the parent switches the page to English with the language switcher
        ouder.get_by_label("Taal").select_option("en")
        ouder.get_by_role("button", name="Kies", exact=True).click()
        ouder.get_by_role("heading", name="Report Sanne sick").wait_for()
        assert ouder.locator("html").get_attribute("lang") == "en"
        assert (
            ouder.get_by_role("navigation", name="Parents")
            .get_by_role("link", name="Request leave")
            .is_visible()
        )
        assert_accessible(ouder)
        ouder.goto(f"{base}/ouders/")
        ouder.get_by_role("heading", name="Report sickness and request leave").wait_for()
        assert_accessible(ouder)
    finally:
        ouder_context.close()


def test_administratie_importeert_leerlingen_groep_en_verzuim_en_een_fout_bestand_verandert_niets(
    page: Any, live_server: Any, tmp_path: Path
) -> None:
    """Issue 4, journey 'importeren': the administratie uploads a leerrecht-format file with
    pupils, a new group and absences, sees what will change, confirms and finds the new pupils;
    a file with an impossible date gets a Dutch error with line and column and saves nothing."""
    from browser_hulp import assert_accessible

    setup_school(RolSoort.ADMINISTRATIE)
    base = live_server.url
    login(page, base, "administratie")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Importeren").click()
    page.get_by_role("heading", name="Importeren", exact=True).wait_for()
    assert_accessible(page)

    # pupils.csv and absences.csv together, as the leerrecht batch format's ZIP
    (tmp_path / "pupils.csv").write_text(PUPILS_CSV, encoding="utf-8")
    (tmp_path / "absences.csv").write_text(ABSENCES_CSV, encoding="utf-8")
    bestand = tmp_path / "leerrecht.zip"
    with zipfile.ZipFile(bestand, "w") as archive:
        archive.write(tmp_path / "pupils.csv", "pupils.csv")
        archive.write(tmp_path / "absences.csv", "absences.csv")
    voor = tellingen()
    page.get_by_label("leerrecht (pupils.csv").check()
    page.get_by_label("Bestand", exact=True).set_input_files(str(bestand))
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    page.get_by_role("heading", name="Voorbeeld: leerrecht.zip").wait_for()
    samenvatting = page.get_by_role("table", name="Wat deze import verandert")
    assert aantallen(samenvatting) == {
        "Groepen": ["1", "0", "0"],
        "Leerlingen": ["2", "0", "0"],
        "Registraties": ["3", "0", "0"],
    }
    assert_accessible(page)
    assert tellingen() == {**voor, "imports": voor["imports"] + 1}  # a preview saves nothing

    page.get_by_role("button", name="Importeren bevestigen").click()
    page.get_by_role("heading", name="Import: leerrecht.zip").wait_for()
    page.get_by_role("status").filter(has_text="De import is klaar").wait_for()
    resultaat = page.get_by_role("table", name="Wat deze import heeft veranderd")
    assert aantallen(resultaat)["Leerlingen"] == ["2", "0", "0"]
    assert_accessible(page)
    assert ImportOpdracht.objects.get().status == Status.KLAAR
    noa = Leerling.objects.get(leerlingnummer="n1")
    assert (noa.voornaam, noa.achternaam, noa.groep.naam if noa.groep else None) == (
        "Noa",
        "Jansen",
        "7c",
    )
    assert sorted(Leerling.objects.filter(groep__naam="7c").values_list("voornaam", flat=True)) == [
        "Noa",
        "Sem",
    ]
    assert sorted(
        Registratie.objects.filter(leerling__groep__naam="7c").values_list(
            "leerling__leerlingnummer", "datum", "soort", "reden"
        )
    ) == [
        ("n1", dt.date(2026, 3, 2), "absent", "ziek"),
        ("n1", dt.date(2026, 3, 4), "absent", "ongeoorloofd"),
        ("n2", dt.date(2026, 3, 3), "late", "ongeoorloofd"),
    ]

    # the new group is on the worklist, its register lists the new pupils with the absence
    page.goto(f"{base}/?peildatum=2026-03-02")
    page.get_by_role("link", name="Groep 7c").click()
    rij = page.get_by_role("row", name="Noa Jansen")
    assert rij.get_by_label("afwezig").is_checked()
    assert rij.get_by_label("Reden").input_value() == "ziek"
    assert page.get_by_role("row", name="Sem Bakker").get_by_label("aanwezig").is_checked()
    assert_accessible(page)

    page.goto(f"{base}/leerlingen/{noa.pk}/?peildatum=2026-03-06")
    page.get_by_role("heading", name="Noa Jansen").wait_for()
    assert "Groep 7c" in page.get_by_role("main").inner_text()
    assert (
        page.get_by_role("table", name="De laatste registraties").locator("tbody tr").count() == 2
    )
    assert_accessible(page)

    # a file with an impossible date: a clear error, and nothing changes
    fout = tmp_path / "absences-fout.csv"
    fout.write_text(FOUTE_ABSENCES_CSV, encoding="utf-8")
    voor = tellingen()
    page.goto(f"{base}/importeren/")
    page.get_by_label("leerrecht (pupils.csv").check()
    page.get_by_label("Bestand", exact=True).set_input_files(str(fout))
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    page.get_by_role("alert").get_by_role(
        "heading", name="Dit bestand kan niet worden geïmporteerd"
    ).wait_for()
    assert foutmelding(page) == {
        "Bestand": "absences-fout.csv",
        "Regel": "3",
        "Kolom": "date",
        "Probleem": "'2026-02-30' is geen geldige datum; schrijf JJJJ-MM-DD",
    }
    assert "Er is niets opgeslagen." in page.get_by_role("alert").inner_text()
    assert_accessible(page)
    assert tellingen() == voor
    assert not Registratie.objects.filter(datum=dt.date(2026, 3, 5)).exists()
