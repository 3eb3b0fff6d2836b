"""The demo content for M@ZL: the GGD with the demo school and a jeugdarts account, one referral
with advice and consent (the school sees the advice) and one with two missed consults (the
school may report overig verzuim)."""

from __future__ import annotations

import pytest
from django.test import Client
from jgz_hulp import D

from leerrecht.web.demodata.bouw import WACHTWOORD, bouw_demo, demo_school
from leerrecht.web.jgz.models import JgzOrganisatie, Status, Verwijzing
from leerrecht.web.jgz.statussen import mag_overig_verzuim_melden

PEILDATUM = D(2026, 3, 20)


@pytest.mark.django_db
def test_demo_met_ggd_jeugdarts_en_twee_verwijzingen(client: Client) -> None:
    demo = bouw_demo(PEILDATUM, 40, seed=2026)  # with the chain partners (issue 5)
    school = demo_school()
    assert school is not None
    regels = list(demo.ketenpartners)
    assert any("jeugdarts" in r for r in regels)
    ggd = JgzOrganisatie.objects.get(naam="GGD Zuid Limburg")
    assert list(ggd.scholen.all()) == [school]
    met_advies = Verwijzing.objects.get(status=Status.ADVIES_GEGEVEN)
    assert met_advies.advies_voor_school()
    weggebleven = Verwijzing.objects.get(status=Status.NIET_VERSCHENEN)
    assert mag_overig_verzuim_melden(weggebleven)
    assert client.login(username="jeugdarts", password=WACHTWOORD)
    html = client.get("/jgz/").content.decode()
    assert str(met_advies.leerling) in html and str(weggebleven.leerling) in html
    assert client.get("/meldingen/").status_code == 404
    assert client.login(username="coordinator", password=WACHTWOORD)
    html = client.get(f"/jgz/school/{weggebleven.pk}/").content.decode()
    assert "Melding overig verzuim klaarzetten" in html
