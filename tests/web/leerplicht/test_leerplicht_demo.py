"""The demo's office side: the offices of seed 000 bijlage 2, accounts, the school's consulent,
and meldingen of the demo school routed into BLD's inbox through the normal status change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from leerrecht.web.demodata.bouw import WACHTWOORD, bouw_demo
from leerrecht.web.leerplicht.demo import maak_bureaus, vul_demo
from leerrecht.web.leerplicht.models import Bron, Bureau, Contactpersoon, InboxMelding
from leerrecht.web.meldingen.models import Status

pytestmark = pytest.mark.django_db

PEILDATUM = dt.date(2026, 3, 20)


def test_de_demo_vult_de_inbox_van_bld(client: Client) -> None:
    bouw_demo(PEILDATUM, 40, seed=2026)
    from leerrecht.web.demodata.bouw import demo_school

    school = demo_school()
    assert school is not None
    bureau = maak_bureaus()
    regels = vul_demo(bureau, school, PEILDATUM)
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
    assert InboxMelding.objects.filter(bron=Bron.IMPORT).count() == 1
    contact = Contactpersoon.objects.get(school=school)
    assert contact.consulent.username == "leerplichtambtenaar"
    assert any("leerplichtambtenaar" in r for r in regels)
    assert client.login(username="leerplichtambtenaar", password=WACHTWOORD)
    assert client.get("/").status_code == 302
    html = client.get("/leerplicht/inbox/").content.decode()
    assert "Kindcentrum De Kling" in html
