"""The demo content of the thuiszitter register: an SWV with the demo school and its account,
thuiszitters from the rules and by hand, one with its first knooppunt overdue."""

from __future__ import annotations

import pytest
from django.test import Client
from thuiszitters_hulp import D

from leerrecht.web.demodata.bouw import WACHTWOORD, bouw_demo, demo_school
from leerrecht.web.leerplicht.models import Bureau
from leerrecht.web.thuiszitters.models import (
    Categorie,
    Samenwerkingsverband,
    ThuiszitterRegistratie,
)
from leerrecht.web.thuiszitters.termijnen import TermijnSoort, TermijnStatus, termijnen

PEILDATUM = D(2026, 3, 20)


@pytest.mark.django_db
def test_demo_met_swv_en_een_verlopen_knooppunt(client: Client) -> None:
    demo = bouw_demo(PEILDATUM, 40, seed=2026)  # with the chain partners (issue 5)
    school = demo_school()
    assert school is not None
    bureau = Bureau.objects.get(naam="Bureau Leren en Doorstromen Parkstad")
    regels = list(demo.ketenpartners)
    assert any("swv-parkstad" in r for r in regels)
    swv = Samenwerkingsverband.objects.get(naam="SWV Parkstad PO")
    assert list(swv.scholen.all()) == [school]
    regs = list(ThuiszitterRegistratie.objects.filter(bureau=bureau))
    assert 3 <= len(regs) <= 5
    assert {Categorie.LRV_2A, Categorie.ABSOLUUT, Categorie.LRV_2B} <= {r.categorie for r in regs}
    te_laat = [
        r
        for r in regs
        for t in termijnen(r, PEILDATUM)
        if t.soort is TermijnSoort.KNOOPPUNT and t.status is TermijnStatus.VERLOPEN
    ]
    assert len(te_laat) == 1 and te_laat[0].leerling is not None
    assert client.login(username="swv-parkstad", password=WACHTWOORD)
    html = client.get("/thuiszitters/swv/?maand=2026-03").content.decode()
    assert "Primair onderwijs (PO)" in html and "Daan Hermans" in html
