"""In Chromium: a teacher makes a sick day ongeoorloofd on the register page. Without the date
the parents were told, the page refuses it and says why; with it, it is saved, kept in the
history and the audit log. Every page checked with axe (WCAG 2.2 AA). Source: seed 000 §1.1.1
(twijfelachtig ziekteverzuim), seed 003 §6."""

from __future__ import annotations

from typing import Any

import pytest
from web_hulp import D, build_world
from ziekte_hulp import inloggen_in_browser, toegankelijk, ziek

from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.registratie.models import Registratie, RegistratieWijziging
from leerrecht.web.registratie.ziekteverzuim import HERCLASSIFICATIE_DOEL

pytestmark = pytest.mark.django_db(transaction=True)


def test_ziek_ongeoorloofd_maken_vraagt_de_datum_waarop_de_ouders_het_hoorden(
    page: Any, live_server: Any
) -> None:
    world = build_world()
    ziek(world.a1, D(2026, 3, 2))
    base = live_server.url
    inloggen_in_browser(page, base, world.docent_a)
    page.goto(f"{base}/registreren/{world.groep_a.pk}/?datum=2026-03-02&moment=dag")
    rij = page.get_by_role("row", name="Leerlinga1 Test")
    datum = rij.get_by_label("Ongeoorloofd maken: ouders geïnformeerd op")
    assert datum.is_visible()
    assert (
        page.get_by_role("row", name="Leerlinga2 Test")
        .get_by_label("Ongeoorloofd maken: ouders geïnformeerd op")
        .count()
        == 0
    )
    toegankelijk(page)

    rij.get_by_label("Reden").select_option("ongeoorloofd")
    page.get_by_role("button", name="Register opslaan").click()
    page.get_by_text("vul de datum in waarop zij zijn geïnformeerd").wait_for()
    assert Registratie.objects.get(leerling=world.a1).reden == "ziek"
    toegankelijk(page)

    rij = page.get_by_role("row", name="Leerlinga1 Test")
    rij.get_by_label("Reden").select_option("ongeoorloofd")
    rij.get_by_label("Ongeoorloofd maken: ouders geïnformeerd op").fill("2026-03-04")
    page.get_by_role("button", name="Register opslaan").click()
    page.get_by_text("Register opgeslagen").wait_for()
    assert Registratie.objects.get(leerling=world.a1).reden == "ongeoorloofd"
    wijziging = RegistratieWijziging.objects.get(leerling=world.a1)
    assert wijziging.ouders_geinformeerd_op == D(2026, 3, 4)
    assert AuditRegel.objects.filter(doel=HERCLASSIFICATIE_DOEL, wie=world.docent_a).count() == 1
    # the line is ongeoorloofd now: no date field any more
    assert page.get_by_label("Ongeoorloofd maken: ouders geïnformeerd op").count() == 0
    toegankelijk(page)
