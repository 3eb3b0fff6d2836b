"""The import journey in Chromium, every page checked with axe-core (WCAG 2.2 AA): upload, an
error with line and column, the preview, the result, the progress page and the code table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from import_hulp import ABSENCES_CSV, PUPILS_CSV, laatste
from web_hulp import PASSWORD, World

from leerrecht.web.importeren import uitvoeren
from leerrecht.web.importeren.models import Status
from leerrecht.web.registratie.models import Registratie

pytestmark = pytest.mark.django_db(transaction=True)


def assert_accessible(page: Any) -> None:
    """No serious or critical WCAG 2.2 A/AA violations in this app's content (``main``).

    The header and menu come from base.html and are checked by tests/browser.
    """
    from axe_playwright_python.sync_playwright import Axe

    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
    result = Axe().run(
        page, context="main#inhoud", options={"runOnly": {"type": "tag", "values": tags}}
    )
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert problems == [], "\n".join(problems)


def test_importeren_in_de_browser(
    page: Any, live_server: Any, world: World, tmp_path: Path
) -> None:
    base = live_server.url
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("coordinator")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/importeren/")
    assert_accessible(page)

    weekend = tmp_path / "weekend.csv"
    weekend.write_text("pupil_id,date,kind,reason,hours\na1,2026-03-07,absent,ziek,\n")
    page.get_by_label("leerrecht (pupils.csv").check()
    page.get_by_label("Bestand", exact=True).set_input_files(str(weekend))
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    alert = page.get_by_role("alert")
    alert.get_by_text("geen schooldag (weekend)").wait_for()
    assert "Regel" in alert.inner_text() and "date" in alert.inner_text()
    assert_accessible(page)

    pupils = tmp_path / "pupils.csv"
    pupils.write_text(PUPILS_CSV)
    page.get_by_label("leerrecht (pupils.csv").check()
    page.get_by_label("Bestand", exact=True).set_input_files(str(pupils))
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    page.get_by_role("heading", name="Voorbeeld: pupils.csv").wait_for()
    summary = page.get_by_role("table", name="Wat deze import verandert")
    assert "Leerlingen" in summary.inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Importeren bevestigen").click()
    page.get_by_text("De import is klaar").wait_for()
    assert_accessible(page)

    absences = tmp_path / "absences.csv"
    absences.write_text(ABSENCES_CSV)
    page.goto(f"{base}/importeren/")
    page.get_by_label("leerrecht (pupils.csv").check()
    page.get_by_label("Bestand", exact=True).set_input_files(str(absences))
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    page.get_by_role("heading", name="Voorbeeld: absences.csv").wait_for()
    opdracht = laatste()
    assert uitvoeren.claim(opdracht, opdracht.vingerafdruk)  # as if it were running now
    page.goto(f"{base}/importeren/{opdracht.pk}/status/?vernieuwen=nee")
    page.get_by_text("De import is bezig").wait_for()
    assert_accessible(page)
    assert uitvoeren.voer_uit(opdracht.pk) == Status.KLAAR
    assert Registratie.objects.count() == 3

    page.goto(f"{base}/importeren/codes/")
    page.get_by_label("Code", exact=True).fill("z")
    page.get_by_label("Soort").select_option("absent")
    page.get_by_label("Reden").select_option("ziek")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("table", name="Codes en hun betekenis in leerrecht").wait_for()
    assert_accessible(page)
