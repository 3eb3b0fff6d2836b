"""Issue 5, done when: "school melding -> office inbox -> case -> terugkoppeling at the school"
end to end in the browser. The coordinator reports a 16-uur melding to DUO; it lands in the inbox
of the office of the pupil's woongemeente (seed 000 bijlage 2); the leerplichtambtenaar opens a
dossier from it (MAS, seed 000 bijlage 5), records the verzuimgesprek and then the terugkoppeling
to the school; the coordinator sees that terugkoppeling with the melding (seed 002: "in alle
gevallen koppelt de leerplichtambtenaar terug aan de melder"). Axe on every page."""

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

from leerrecht.web.dossiers.models import Dossier
from leerrecht.web.leerplicht.models import InboxMelding
from leerrecht.web.meldingen.models import DuoMelding, Status

pytestmark = pytest.mark.django_db(transaction=True)

UITKOMST = "Verzuimgesprek met moeder en Sanne gevoerd; Sanne is weer elke dag op school."


def test_melding_inbox_dossier_en_terugkoppeling_aan_de_school(page: Any, live_server: Any) -> None:
    from browser_hulp import assert_accessible

    opzet = setup_school_en_bureau()
    ongeoorloofd(opzet.leerling)
    base = live_server.url

    # school: the concept from the rules, reported to DUO
    login(page, base, "coordinator")
    page.goto(f"{base}/meldingen/?peildatum={PEILDATUM_16_UUR.isoformat()}")
    page.get_by_role("link", name="Sanne de Vries").click()
    page.get_by_role("heading", name="DUO-melding: Sanne de Vries").wait_for()
    gemeld = page.get_by_role("group", name="Gemeld bij DUO")
    gemeld.get_by_label("Meldingsnummer van DUO").fill("VM-2026-0099")
    gemeld.get_by_role("button", name="Gemeld bij DUO").click()
    page.get_by_text("De status is nu 'gemeld'").wait_for()
    assert_accessible(page)
    inbox = InboxMelding.objects.get()
    logout(page)

    # office: inbox -> the melding -> a dossier from it
    login(page, base, "leerplichtambtenaar", landing="/leerplicht/")
    page.goto(f"{base}/leerplicht/inbox/")
    page.get_by_role("link", name="Sanne de Vries").click()
    page.get_by_role("heading", name="Melding: Sanne de Vries").wait_for()
    page.get_by_role("link", name=re.compile("Dossier openen")).click()
    page.get_by_role("heading", name="Nieuw dossier: Sanne de Vries").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Dossier openen").click()
    page.get_by_role("heading", name="Dossier: Sanne de Vries").wait_for()
    dossier = Dossier.objects.get()
    assert list(dossier.meldingen.all()) == [inbox]
    assert_accessible(page)

    # the verzuimgesprek, then the terugkoppeling the MAS plans after it
    page.get_by_role("link", name="verzuimgesprek afronden").click()
    page.get_by_label("Gedaan op").fill("2026-03-12")
    page.get_by_label("Uitkomst").fill("Moeder en Sanne gesproken.")
    page.get_by_role("button", name="Vastleggen als gedaan").click()
    page.get_by_text("'verzuimgesprek' is vastgelegd als gedaan.").wait_for()
    page.get_by_role("link", name=re.compile("terugkoppeling.*afronden")).click()
    assert_accessible(page)
    page.get_by_label("Gedaan op").fill("2026-03-13")
    page.get_by_label("Uitkomst").fill(UITKOMST)
    page.get_by_role("button", name="Vastleggen als gedaan").click()
    page.get_by_text(re.compile("terugkoppeling.*is vastgelegd als gedaan")).wait_for()
    assert_accessible(page)
    inbox.refresh_from_db()
    assert inbox.terugkoppeling == UITKOMST and inbox.status == Status.IN_BEHANDELING
    logout(page)

    # school: the terugkoppeling with its melding
    login(page, base, "coordinator")
    melding = DuoMelding.objects.get(leerling=opzet.leerling)
    assert melding.status == Status.IN_BEHANDELING
    page.goto(f"{base}/meldingen/{melding.pk}/")
    leerplicht = page.get_by_role("region", name="Leerplicht: waar de melding heen gaat")
    assert UITKOMST in leerplicht.inner_text()
    assert_accessible(page)
