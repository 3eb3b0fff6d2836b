"""A register POST whose lines are in another order than the page's is refused and saves
nothing: each line is checked against the stored value of the pupil at its position, so a
reordered POST could otherwise make a sick day ongeoorloofd without the date the parents were
told (issue 7; leerrecht.web.registratie.ziekteverzuim)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from web_hulp import World

from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.registratie.models import Registratie, RegistratieWijziging

pytestmark = pytest.mark.django_db
DAG = dt.date(2026, 3, 2)


def test_regels_in_een_andere_volgorde_worden_geweigerd(client: Client, world: World) -> None:
    ziek = Registratie.objects.create(
        leerling=world.a1, datum=DAG, moment="dag", soort="absent", reden="ziek"
    )
    client.force_login(world.docent_a)
    url = f"/registreren/{world.groep_a.pk}/?datum={DAG}&moment=dag"
    pagina = client.get(url)
    volgorde = [f.initial["leerling"] for f in pagina.context["formset"].forms]
    assert sorted(volgorde) == sorted([world.a1.pk, world.a2.pk])
    omgekeerd = list(reversed(volgorde))
    data: dict[str, object] = {"form-TOTAL_FORMS": 2, "form-INITIAL_FORMS": 2}
    for n, leerling in enumerate(omgekeerd):
        data[f"form-{n}-leerling"] = leerling
        data[f"form-{n}-status"] = "absent"
        data[f"form-{n}-reden"] = "ongeoorloofd"  # a1 was ziek: needs the date, not given
    audit_voor = AuditRegel.objects.count()
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "past niet bij de leerlingen" in response.content.decode()
    ziek.refresh_from_db()
    assert ziek.reden == "ziek"
    assert Registratie.objects.filter(leerling=world.a2).count() == 0
    assert not RegistratieWijziging.objects.exists()
    assert not AuditRegel.objects.filter(doel__startswith="herclassificatie").exists()
    assert AuditRegel.objects.count() >= audit_voor


def test_dezelfde_regels_in_de_volgorde_van_de_pagina_vragen_de_datum(
    client: Client, world: World
) -> None:
    Registratie.objects.create(
        leerling=world.a1, datum=DAG, moment="dag", soort="absent", reden="ziek"
    )
    client.force_login(world.docent_a)
    url = f"/registreren/{world.groep_a.pk}/?datum={DAG}&moment=dag"
    volgorde = [f.initial["leerling"] for f in client.get(url).context["formset"].forms]
    data: dict[str, object] = {"form-TOTAL_FORMS": 2, "form-INITIAL_FORMS": 2}
    for n, leerling in enumerate(volgorde):
        data[f"form-{n}-leerling"] = leerling
        data[f"form-{n}-status"] = "absent"
        data[f"form-{n}-reden"] = "ongeoorloofd"
    response = client.post(url, data, follow=True)
    assert "ouders" in response.content.decode()
    assert Registratie.objects.get(leerling=world.a1).reden == "ziek"
