"""The privacy officer in Chromium: lands on the audit log after login, filters by pupil and
exports the filtered rows as CSV; every page checked with axe-core (WCAG 2.2 AA)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from audit_hulp import privacyfunctionaris
from web_hulp import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)


def assert_accessible(page: Any) -> None:
    """No serious or critical WCAG 2.2 A/AA violations in the page content (``main``)."""
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


def _inloggen(page: Any, base: str, gebruikersnaam: str) -> None:
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_privacyfunctionaris_filtert_en_exporteert(
    page: Any, live_server: Any, world: World, tmp_path: Path
) -> None:
    base = live_server.url
    privacyfunctionaris(world.school)
    # the coordinator opens two pupils: two rows in the log
    _inloggen(page, base, "coordinator")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/leerlingen/{world.a1.pk}/")
    page.goto(f"{base}/leerlingen/{world.b1.pk}/")
    page.context.clear_cookies()

    _inloggen(page, base, "privacy")
    page.wait_for_url(f"{base}/privacy/")
    page.get_by_role("heading", name="Auditlog van De Linde").wait_for()
    tabel = page.get_by_role("table")
    assert "Leerlinga1 Test" in tabel.inner_text() and "Leerlingb1 Test" in tabel.inner_text()
    assert_accessible(page)

    page.get_by_label("Leerlingnummer").fill("b1")
    page.get_by_role("button", name="Toon").click()
    page.wait_for_url("**leerlingnummer=b1**")
    tekst = page.get_by_role("table").inner_text()
    assert "Leerlingb1 Test" in tekst and "Leerlinga1 Test" not in tekst
    assert "coordinator" in tekst and "verzuim van een leerling bekijken" in tekst
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Exporteren als CSV (met deze filters)").click()
    bestand = tmp_path / "auditlog.csv"
    download_info.value.save_as(bestand)
    inhoud = bestand.read_bytes()
    assert inhoud.startswith(b"\xef\xbb\xbf")
    regels = inhoud.decode("utf-8-sig").splitlines()
    assert regels[0].startswith("wanneer;wie;actie;wat;leerlingnummer;leerling;doel")
    assert len(regels) == 2 and ";b1;Leerlingb1 Test;" in regels[1]

    # the export is in the log itself
    page.goto(f"{base}/privacy/?actie=exporteren")
    assert "CSV-export; filters: leerlingnummer=b1" in page.get_by_role("table").inner_text()

    page.get_by_label("Van").fill("2030-01-02")
    page.get_by_label("Tot en met").fill("2030-01-01")
    page.get_by_role("button", name="Toon").click()
    page.get_by_role("alert").get_by_text("De einddatum ligt voor de begindatum").wait_for()
    assert_accessible(page)
