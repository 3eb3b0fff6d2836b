"""After the second missed consult the school may report overig verzuim (seed 003 §7 NB: "Bij
twee keer niet verschijnen bij de jeugdarts wordt er een melding bij de leerplichtambtenaar
gedaan"; "Zorg coördinator maakt een DUO-melding 'overig verzuim'"). The school's page shows it
with a button that prepares a concept DUO-melding of soort 'overig'."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from jgz_hulp import D, World, login, make_user, verwijs

from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.jgz.models import JgzOrganisatie, Status, Verwijzing
from leerrecht.web.jgz.statussen import wijzig_status
from leerrecht.web.meldingen.models import DuoMelding
from leerrecht.web.scholen.models import RolSoort

pytestmark = pytest.mark.django_db


def niet_verschenen(v: Verwijzing, jeugdarts: User, *dagen: dt.date) -> None:
    for dag in dagen:
        wijzig_status(v, Status.UITGENODIGD, jeugdarts, school=False, datum=dag)
        wijzig_status(v, Status.NIET_VERSCHENEN, jeugdarts, school=False, datum=dag)


def test_na_een_keer_nog_geen_knop(world: World, ggd: JgzOrganisatie, jeugdarts: User) -> None:
    v = verwijs(world.a1, ggd, world.coordinator, op=D(2026, 3, 2))
    niet_verschenen(v, jeugdarts, D(2026, 3, 9))
    client = login(world.coordinator)
    assert "Overig verzuim melden" not in client.get(f"/jgz/school/{v.pk}/").content.decode()
    client.post(f"/jgz/school/{v.pk}/overig-verzuim/")
    assert not DuoMelding.objects.exists()


def test_na_twee_keer_maakt_de_knop_een_concept_overig_verzuim(
    world: World, ggd: JgzOrganisatie, jeugdarts: User
) -> None:
    v = verwijs(world.a1, ggd, world.coordinator, op=D(2026, 3, 2))
    niet_verschenen(v, jeugdarts, D(2026, 3, 9), D(2026, 3, 16))
    client = login(world.coordinator)
    html = client.get(f"/jgz/school/{v.pk}/").content.decode()
    assert "2 keer niet verschenen" in html and "Melding overig verzuim klaarzetten" in html
    assert "Overig verzuim melden mogelijk" in client.get("/jgz/school/").content.decode()
    response = client.post(f"/jgz/school/{v.pk}/overig-verzuim/")
    melding = DuoMelding.objects.get()
    assert response["Location"] == f"/meldingen/{melding.pk}/"
    assert melding.soort == "overig" and melding.status == "concept"
    assert melding.begin == melding.einde == D(2026, 3, 16)
    assert melding.leerling == world.a1 and melding.school == world.school
    assert "niet verschenen bij de jeugdarts" in melding.uitleg
    assert [w.naar for w in melding.geschiedenis.all()] == ["concept"]
    v.refresh_from_db()
    assert v.duo_melding == melding
    assert AuditRegel.objects.filter(actie="aanmaken", wat=f"meldingen.duomelding #{melding.pk}")
    # the coordinator completes it on the meldingen page
    assert client.get(f"/meldingen/{melding.pk}/").status_code == 200
    # a second click does not make a second melding
    client.post(f"/jgz/school/{v.pk}/overig-verzuim/")
    assert DuoMelding.objects.count() == 1
    assert "Naar de melding overig verzuim" in client.get(f"/jgz/school/{v.pk}/").content.decode()


def test_mentor_ziet_het_maar_de_coordinator_meldt(
    world: World, ggd: JgzOrganisatie, jeugdarts: User
) -> None:
    v = verwijs(world.a1, ggd, world.coordinator, op=D(2026, 3, 2))
    niet_verschenen(v, jeugdarts, D(2026, 3, 9), D(2026, 3, 16))
    mentor = login(make_user("mentor", world.school, RolSoort.MENTOR, [world.groep_a]))
    html = mentor.get(f"/jgz/school/{v.pk}/").content.decode()
    assert "De verzuimcoördinator of de directeur maakt de melding." in html
    assert mentor.post(f"/jgz/school/{v.pk}/overig-verzuim/").status_code == 403
    assert not DuoMelding.objects.exists()


def test_jeugdarts_ziet_dat_de_school_mag_melden_maar_niet_de_melding(
    world: World, ggd: JgzOrganisatie, jeugdarts: User
) -> None:
    v = verwijs(world.a1, ggd, world.coordinator, op=D(2026, 3, 2))
    niet_verschenen(v, jeugdarts, D(2026, 3, 9), D(2026, 3, 16))
    login(world.coordinator).post(f"/jgz/school/{v.pk}/overig-verzuim/")
    client = login(jeugdarts)
    html = client.get(f"/jgz/{v.pk}/").content.decode()
    assert "de school kan overig verzuim melden" in html
    assert "/meldingen/" not in html
    assert client.get(f"/meldingen/{DuoMelding.objects.get().pk}/").status_code == 404
