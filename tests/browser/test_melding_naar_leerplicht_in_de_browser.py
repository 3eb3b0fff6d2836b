"""Journey in Chromium: the school reports a melding, it arrives in the inbox of the office of
the pupil's woongemeente (seed 000 bijlage 2), the leerplichtambtenaar sees the history across
schools, takes it up with a terugkoppeling, and the school sees that terugkoppeling (seed 002:
"in alle gevallen koppelt de leerplichtambtenaar terug aan de melder"). Axe on every page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from leerplicht_browser_hulp import (
    PEILDATUM_16_UUR,
    login,
    logout,
    ongeoorloofd,
    setup_school_en_bureau,
    snelle_wachtwoorden,  # noqa: F401  (autouse)
)

from leerrecht.web.leerplicht.models import InboxMelding
from leerrecht.web.meldingen.models import DuoMelding, Status

pytestmark = pytest.mark.django_db(transaction=True)

TERUGKOPPELING = "Op 12 maart verzuimgesprek met moeder en Sanne; afspraken volgen."


def test_melding_gaat_naar_de_inbox_en_de_school_ziet_de_terugkoppeling(
    page: Any, live_server: Any
) -> None:
    from browser_hulp import assert_accessible

    opzet = setup_school_en_bureau()
    ongeoorloofd(opzet.leerling)
    base = live_server.url

    # the coordinator completes the concept and reports it to DUO
    login(page, base, "coordinator")
    page.goto(f"{base}/meldingen/?peildatum={PEILDATUM_16_UUR.isoformat()}")
    page.get_by_text("1 nieuwe melding klaargezet als concept.").wait_for()
    assert "Bureau Leren en Doorstromen Parkstad: Anouk Custers" in page.inner_text("main")
    assert_accessible(page)
    page.get_by_role("link", name="Sanne de Vries").click()
    page.get_by_role("heading", name="DUO-melding: Sanne de Vries").wait_for()
    leerplicht = page.get_by_role("region", name="Leerplicht: waar de melding heen gaat")
    assert "de melding gaat naar Bureau Leren en Doorstromen Parkstad" in leerplicht.inner_text()
    assert_accessible(page)
    page.get_by_label("Toelichting").fill("Sanne was drie dagen zonder bericht afwezig.")
    page.get_by_label("Ondernomen acties").fill("Op 6 maart gebeld met moeder.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De melding is opgeslagen.").wait_for()
    gemeld = page.get_by_role("group", name="Gemeld bij DUO")
    gemeld.get_by_label("Meldingsnummer van DUO").fill("VM-2026-0042")
    gemeld.get_by_role("button", name="Gemeld bij DUO").click()
    page.get_by_text("De status is nu 'gemeld'").wait_for()
    assert "Ontvangen in de inbox van Bureau Leren en Doorstromen Parkstad" in page.inner_text(
        "main"
    )
    assert_accessible(page)
    inbox = InboxMelding.objects.get()
    assert inbox.meldingsnummer == "VM-2026-0042"
    logout(page)

    # the leerplichtambtenaar lands on the office's start page and opens the inbox
    login(page, base, "leerplichtambtenaar", landing="/leerplicht/")
    page.get_by_text("1 nieuwe melding in de inbox").wait_for()
    assert_accessible(page)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Inbox leerplicht"
    ).click()
    page.get_by_role("heading", name="Inbox leerplicht").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Sanne de Vries").click()
    page.get_by_role("heading", name="Melding: Sanne de Vries").wait_for()
    hoofd = page.inner_text("main")
    assert "Sanne was drie dagen zonder bericht afwezig." in hoofd
    assert "Ilse Hermans" in hoofd  # the school's contact person
    geschiedenis = page.get_by_role("region", name="Geschiedenis over scholen heen")
    tekst = geschiedenis.inner_text()
    assert "Het Anker" in tekst and "De Linde" in tekst  # the history across schools
    assert "31 jul 2024" in tekst.lower()  # left Het Anker
    assert_accessible(page)

    # ... takes it up, with a terugkoppeling for the school
    page.get_by_label("Status").select_option("in_behandeling")
    page.get_by_label("Terugkoppeling aan de school").fill(TERUGKOPPELING)
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Opgeslagen: de status is 'in behandeling'").wait_for()
    assert_accessible(page)
    melding = DuoMelding.objects.get(leerling=opzet.leerling)
    assert melding.status == Status.IN_BEHANDELING
    logout(page)

    # the coordinator sees what the office did with the melding
    login(page, base, "coordinator")
    page.goto(f"{base}/meldingen/{melding.pk}/")
    leerplicht = page.get_by_role("region", name="Leerplicht: waar de melding heen gaat")
    tekst = leerplicht.inner_text()
    assert TERUGKOPPELING in tekst
    assert "in behandeling" in tekst and "Anouk Custers" in tekst
    assert "Status: in behandeling" in page.inner_text("main")
    assert_accessible(page)


def test_contactpersonen_import_en_geschiedenis_in_de_browser(
    page: Any, live_server: Any, tmp_path: Any
) -> None:
    """The administratie sets the school's consulent and imports a file from the verzuimloket
    (preview, then all); the jeugdige and the pupil record pages. Axe on every page."""
    from browser_hulp import assert_accessible

    opzet = setup_school_en_bureau()
    base = live_server.url
    login(page, base, "leerplicht-administratie", landing="/leerplicht/")
    page.get_by_role("link", name="Contactpersonen per school").click()
    page.get_by_role("heading", name="Contactpersonen per school").wait_for()
    assert_accessible(page)
    page.get_by_label("Consulent leerrecht voor Het Anker").select_option(label="Anouk Custers")
    page.get_by_role("button", name=re.compile("Opslaan.*Het Anker")).click()
    page.get_by_text("De consulent leerrecht voor Het Anker is opgeslagen.").wait_for()
    assert_accessible(page)

    bestand = tmp_path / "verzuimloket.csv"
    bestand.write_text(
        "meldingsnummer;school;achternaam;voornaam;geboortedatum;woongemeente;verzuimsoort;"
        "begindatum\n"
        "VL-2026-7;Kindcentrum De Kling;de Vries;Sanne;02-04-2016;Heerlen;lrv;2026-01-12\n",
        encoding="utf-8",
    )
    page.goto(f"{base}/leerplicht/importeren/")
    assert_accessible(page)
    page.get_by_label("CSV-bestand uit het DUO-verzuimloket").set_input_files(str(bestand))
    page.get_by_role("button", name="Controleren").click()
    page.get_by_text("1 melding om te importeren").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="1 melding importeren").click()
    page.get_by_text("1 melding geïmporteerd in de inbox.").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Sanne de Vries").click()
    page.get_by_role("link", name="Sanne de Vries").first.click()
    page.get_by_role("heading", name="Jeugdige: Sanne de Vries").wait_for()
    assert "Het Anker" in page.inner_text("main")  # linked by name and date of birth
    assert_accessible(page)
    page.get_by_role("link", name="Het Anker").click()
    page.get_by_role("heading", name="Inschrijving: Sanne de Vries").wait_for()
    assert_accessible(page)
    assert InboxMelding.objects.get().jeugdige.leerlingen.count() == 2
    assert opzet.eerdere_inschrijving in InboxMelding.objects.get().jeugdige.leerlingen.all()
