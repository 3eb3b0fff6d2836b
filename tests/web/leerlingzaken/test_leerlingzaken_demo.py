"""The demo school shows a schorsing with a copy still to be sent and a verwijderingsprocedure
halfway, as the directeur would have recorded them."""

from __future__ import annotations

import pytest
from django.test import Client
from leerlingzaken_hulp import D

from leerrecht.web.demodata.bouw import WACHTWOORD, bouw_demo
from leerrecht.web.demodata.plan import maak_plan
from leerrecht.web.leerlingzaken import stappen
from leerrecht.web.leerlingzaken.models import Schorsing, Stap, Verwijdering
from leerrecht.web.registratie.models import Registratie

PEILDATUM = D(2026, 3, 20)


def test_het_plan_heeft_een_schorsing_en_een_verwijdering() -> None:
    plan = maak_plan(PEILDATUM, 40, seed=2026)
    (schorsing,) = plan.schorsingen
    assert len(schorsing.dagen) == 2 and schorsing.besluit_op < schorsing.dagen[0]
    assert set(schorsing.verstuurd) == {"inspectie", "leerplicht"}
    (verwijdering,) = plan.verwijderingen
    assert [s for s, _d, _n in verwijdering.stappen][-1] == "leerkracht_gehoord"
    datums = [d for _s, d, _n in verwijdering.stappen]
    assert datums == sorted(datums) and datums[-1] <= PEILDATUM


@pytest.mark.django_db
def test_de_directeur_ziet_de_schorsing_en_de_procedure(client: Client) -> None:
    bouw_demo(PEILDATUM, 40, seed=2026)
    schorsing = Schorsing.objects.get()
    dagen = [d.datum for d in schorsing.dagen.all()]
    assert dagen == list(
        Registratie.objects.filter(leerling=schorsing.leerling, reden="schorsing")
        .order_by("datum")
        .values_list("datum", flat=True)
    )
    open_ = schorsing.kennisgevingen.filter(verstuurd_op__isnull=True)
    assert [k.ontvanger for k in open_] == ["swv"]
    verwijdering = Verwijdering.objects.get()
    assert stappen.volgende(verwijdering) is Stap.INSPECTIE

    assert client.login(username="directeur", password=WACHTWOORD)
    html = client.get("/leerlingzaken/").content.decode()
    assert "nog te melden aan het samenwerkingsverband" in html
    assert "overleg met de onderwijsinspectie" in html
    page = client.get(f"/leerlingzaken/verwijderingen/{verwijdering.pk}/").content.decode()
    assert "Volgende stap: overleg met de onderwijsinspectie." in page
