"""The demo's office side: the offices of seed 000 bijlage 2, accounts, the school's consulent,
and meldingen of the demo school routed into BLD's inbox through the normal status change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from leerrecht.web.demodata.bouw import WACHTWOORD, bouw_demo
from leerrecht.web.leerplicht.models import Bron, Bureau, Contactpersoon, InboxMelding
from leerrecht.web.meldingen.models import Status

pytestmark = pytest.mark.django_db

PEILDATUM = dt.date(2026, 3, 20)


def test_de_demo_vult_de_inbox_van_bld(client: Client) -> None:
    demo = bouw_demo(PEILDATUM, 40, seed=2026)  # with the chain partners (issue 5)
    from leerrecht.web.demodata.bouw import demo_school

    school = demo_school()
    assert school is not None
    bureau = Bureau.objects.get(naam="Bureau Leren en Doorstromen Parkstad")
    regels = list(demo.ketenpartners)
    assert bureau.naam == "Bureau Leren en Doorstromen Parkstad"
    assert set(Bureau.objects.values_list("naam", flat=True)) == {
        "Bureau Leren en Doorstromen Parkstad",
        "Team Leren en Jongeren",
        "Gemeente Maastricht",
    }
    assert Bureau.objects.get(naam="Gemeente Maastricht").werkgebied.count() == 6
    assert bureau.telefoon == "045-5605888"
    platform = InboxMelding.objects.filter(bureau=bureau, bron=Bron.PLATFORM)
    assert platform.count() >= 1
    behandeld = platform.get(status=Status.IN_BEHANDELING)
    assert behandeld.terugkoppeling and behandeld.duo_melding is not None
    assert behandeld.duo_melding.status == Status.IN_BEHANDELING
    assert InboxMelding.objects.filter(bureau=bureau, bron=Bron.IMPORT).exists()
    contact = Contactpersoon.objects.get(school=school)
    assert contact.consulent.username == "leerplichtambtenaar"
    assert any("leerplichtambtenaar" in r for r in regels)
    assert client.login(username="leerplichtambtenaar", password=WACHTWOORD)
    assert client.get("/").status_code == 302
    html = client.get("/leerplicht/inbox/").content.decode()
    assert "Kindcentrum De Kling" in html
