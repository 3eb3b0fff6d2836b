"""The load test's teacher (benchmarks/belasting/formulier.py, used by locustfile.py and
kosten.py) posts the register as the page shows it. The one failed save of an earlier load test
came from posting the dataset's lines instead: a pupil stored as ziek with a note was made
present in the warm-up, and the measured run posted the old line (a new note next to sick
leave), which the register rightly refuses. Reading the form from the page and from each htmx
answer keeps every save valid."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlencode

from django.test import Client
from web_hulp import PASSWORD, D, World

from leerrecht.web.registratie.models import Registratie

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks" / "belasting"))
import formulier

DAG = D(2026, 3, 2)
HTMX = {"HTTP_HX_REQUEST": "true"}


def _post(client: Client, url: str, data: dict[str, str]) -> str:
    response = client.post(
        url, urlencode(data), content_type="application/x-www-form-urlencoded", **HTMX
    )
    assert response.status_code == 200
    return response.content.decode()


def test_het_formulier_van_de_pagina_opslaan_en_een_leerling_wisselen(world: World) -> None:
    Registratie.objects.create(
        leerling=world.a1,
        datum=DAG,
        moment="dag",
        soort="absent",
        reden="ziek",
        notitie="Ziek gemeld door vader",
    )
    client = Client(enforce_csrf_checks=True)
    client.login(username="docent", password=PASSWORD)
    url = f"/registreren/{world.groep_a.pk}/?datum={DAG.isoformat()}&moment=dag"
    pagina = formulier.velden(client.get(url).content.decode())
    assert pagina["csrfmiddlewaretoken"] and formulier.aantal_regels(pagina) == 2
    regel = next(n for n in range(2) if pagina[f"form-{n}-leerling"] == str(world.a1.pk))
    assert (pagina[f"form-{regel}-reden"], pagina[f"form-{regel}-notitie"]) == (
        "ziek",
        "Ziek gemeld door vader",
    )
    # as the page shows it: saved, nothing changed
    antwoord = _post(client, url, pagina)
    assert "Register opgeslagen: 0 wijziging(en)." in antwoord
    # the sick pupil made present, then absent again (ongeoorloofd), from each answer's form
    antwoord = _post(client, url, formulier.wissel(formulier.velden(antwoord), regel))
    assert "Register opgeslagen: 1 wijziging(en)." in antwoord
    assert not Registratie.objects.filter(leerling=world.a1, datum=DAG).exists()
    antwoord = _post(client, url, formulier.wissel(formulier.velden(antwoord), regel))
    assert "Register opgeslagen: 1 wijziging(en)." in antwoord
    assert Registratie.objects.get(leerling=world.a1, datum=DAG).reden == "ongeoorloofd"
    # what the load test did before: the old line with its note, now a new note next to sick
    # leave, is refused (and the failure names the register's message)
    oud = dict(pagina, csrfmiddlewaretoken=formulier.velden(antwoord)["csrfmiddlewaretoken"])
    oud[f"form-{regel}-status"] = "absent"
    antwoord = _post(client, url, oud)
    assert "Register opgeslagen" not in antwoord
    assert "Geen notitie bij ziekte" in formulier.waarom(antwoord)
