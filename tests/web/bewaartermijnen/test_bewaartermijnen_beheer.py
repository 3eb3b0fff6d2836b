"""The runs of the retention job are shown in /beheer/, read only: no adding, changing or
deleting a run, and the report lists counts per category, model and owner."""

from __future__ import annotations

import pytest
from bewaar_hulp import D, leerling_met_verzuim
from django.contrib.auth.models import User
from django.test import Client
from web_hulp import World

from leerrecht.web.bewaartermijnen.models import BewaarRun
from leerrecht.web.bewaartermijnen.plan import bepaal, voer_uit


def test_beheer_toont_de_runs_alleen_lezen(client: Client, world: World) -> None:
    leerling_met_verzuim(world.a1, D(2020, 7, 31))
    voer_uit(bepaal(D(2025, 8, 1)))
    run = BewaarRun.objects.get()
    client.force_login(User.objects.create_superuser("root", password="een-lang-wachtwoord-7"))

    lijst = client.get("/beheer/bewaartermijnen/bewaarrun/")
    assert lijst.status_code == 200
    assert "2025-08-01" in lijst.content.decode() or "1 augustus 2025" in lijst.content.decode()
    detail = client.get(f"/beheer/bewaartermijnen/bewaarrun/{run.pk}/change/").content.decode()
    assert "verzuim: scholen.Leerling anonimiseren (De Linde): 1" in detail
    assert world.a1.voornaam not in detail
    assert 'name="_save"' not in detail
    assert client.get("/beheer/bewaartermijnen/bewaarrun/add/").status_code == 403
    delete = client.post(f"/beheer/bewaartermijnen/bewaarrun/{run.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403
    assert BewaarRun.objects.filter(pk=run.pk).exists()


def test_een_run_wordt_nooit_gewijzigd(world: World) -> None:
    voer_uit(bepaal(D(2025, 8, 1)))
    run = BewaarRun.objects.get()
    run.totaal = 99
    with pytest.raises(ValueError, match="nooit gewijzigd"):
        run.save()
    assert BewaarRun.objects.get().totaal == 0
