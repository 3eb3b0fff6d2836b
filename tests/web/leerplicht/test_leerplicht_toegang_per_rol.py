"""An office sees only its own inbox and young people, and only pupils living in its area or
reported to it; school staff never see the office pages; everything outside: 404."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from leerplicht_hulp import (
    Kantoren,
    login,
    meld,
    school_melding,
    snelle_wachtwoorden,  # noqa: F401  (autouse)
)
from web_hulp import PASSWORD, World, make_pupil

from leerrecht.web.leerplicht import scope
from leerrecht.web.leerplicht.models import InboxMelding, Jeugdige

pytestmark = pytest.mark.django_db


@pytest.fixture
def ontvangen(world: World, kantoren: Kantoren) -> InboxMelding:
    meld(school_melding(world), world.coordinator)
    return InboxMelding.objects.get()


def test_bureau_b_ziet_niets_van_bureau_a(
    client: Client, kantoren: Kantoren, ontvangen: InboxMelding
) -> None:
    login(client, kantoren.lpa_lj)  # Team Leren en Jongeren
    jeugdige = ontvangen.jeugdige
    for url in (
        f"/leerplicht/inbox/{ontvangen.pk}/",
        f"/leerplicht/jeugdigen/{jeugdige.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        f"/leerplicht/inbox/{ontvangen.pk}/behandelen/",
        {"status": "afgesloten", "terugkoppeling": "x"},
    )
    assert response.status_code == 404
    assert "Leerlinga1" not in client.get("/leerplicht/inbox/").content.decode()
    assert list(scope.jeugdigen(kantoren.lpa_lj)) == []
    assert set(scope.jeugdigen(kantoren.lpa)) == {jeugdige}


def test_bureau_a_ziet_zijn_eigen_jeugdige(
    client: Client, kantoren: Kantoren, ontvangen: InboxMelding
) -> None:
    login(client, kantoren.lpa)
    assert client.get(f"/leerplicht/jeugdigen/{ontvangen.jeugdige_id}/").status_code == 200
    assert client.get(f"/leerplicht/inbox/{ontvangen.pk}/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/leerplicht/",
        "/leerplicht/inbox/",
        "/leerplicht/inbox/{inbox}/",
        "/leerplicht/jeugdigen/{jeugdige}/",
        "/leerplicht/leerlingen/{leerling}/",
        "/leerplicht/contactpersonen/",
        "/leerplicht/importeren/",
    ],
)
def test_schoolpersoneel_krijgt_404_op_de_paginas_van_het_bureau(
    client: Client, world: World, ontvangen: InboxMelding, url: str
) -> None:
    login(client, world.coordinator)
    pad = url.format(inbox=ontvangen.pk, jeugdige=ontvangen.jeugdige_id, leerling=world.a1.pk)
    assert client.get(pad).status_code == 404


def test_leerplichtambtenaar_ziet_alleen_leerlingen_in_het_werkgebied(
    client: Client, world: World, kantoren: Kantoren
) -> None:
    """a1 lives in Heerlen (BLD); a pupil living in Utrecht is outside BLD's area."""
    buiten = make_pupil(world.other_school, None, "u1", woongemeente="Utrecht")
    login(client, kantoren.lpa)
    assert client.get(f"/leerplicht/leerlingen/{world.a1.pk}/").status_code == 200
    assert client.get(f"/leerplicht/leerlingen/{buiten.pk}/").status_code == 404
    # Team Leren en Jongeren serves Sittard-Geleen: not Heerlen
    login(client, kantoren.lpa_lj)
    assert client.get(f"/leerplicht/leerlingen/{world.a1.pk}/").status_code == 404
    # and the school's own pupil page is never the office's
    login(client, kantoren.lpa)
    assert client.get(f"/leerlingen/{world.a1.pk}/").status_code == 404


def test_een_gemelde_leerling_buiten_het_gebied_is_zichtbaar_via_de_jeugdige(
    client: Client, world: World, kantoren: Kantoren
) -> None:
    """Reported to the office, then moved away: still the office's (linked to its jeugdige)."""
    meld(school_melding(world), world.coordinator)
    world.a1.woongemeente = "Utrecht"
    world.a1.save()
    login(client, kantoren.lpa)
    assert client.get(f"/leerplicht/leerlingen/{world.a1.pk}/").status_code == 200


def test_lezen_wordt_vastgelegd(
    client: Client, world: World, kantoren: Kantoren, ontvangen: InboxMelding
) -> None:
    from leerrecht.web.audit.models import AuditRegel

    login(client, kantoren.lpa)
    client.get(f"/leerplicht/jeugdigen/{ontvangen.jeugdige_id}/")
    client.get(f"/leerplicht/leerlingen/{world.a1.pk}/")
    wat = set(
        AuditRegel.objects.filter(wie=kantoren.lpa, actie="lezen").values_list("wat", flat=True)
    )
    assert wat == {
        f"leerplicht.jeugdige #{ontvangen.jeugdige_id}",
        f"scholen.leerling #{world.a1.pk}",
    }


def test_bureaumedewerker_zonder_schoolrol_landt_op_de_startpagina(
    client: Client, kantoren: Kantoren
) -> None:
    login(client, kantoren.lpa)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/leerplicht/"
    html = client.get("/leerplicht/").content.decode()
    assert 'href="/leerplicht/inbox/"' in html  # the menu


def test_iemand_zonder_enige_rol_krijgt_nog_steeds_404(client: Client, kantoren: Kantoren) -> None:
    User.objects.create_user("niemand", password=PASSWORD)
    assert client.login(username="niemand", password=PASSWORD)
    assert client.get("/").status_code == 404
    assert client.get("/leerplicht/").status_code == 404


def test_schoolpersoneel_ziet_geen_menu_van_het_bureau(client: Client, world: World) -> None:
    login(client, world.coordinator)
    html = client.get("/meldingen/").content.decode()
    assert "/leerplicht/" not in html


def test_jeugdige_zonder_koppeling_blijft_binnen_het_bureau(kantoren: Kantoren) -> None:
    from web_hulp import D

    Jeugdige.objects.create(
        bureau=kantoren.team_lj, voornaam="Lisa", achternaam="Peters", geboortedatum=D(2013, 2, 2)
    )
    assert scope.jeugdigen(kantoren.lpa).count() == 0
    assert scope.jeugdigen(kantoren.lpa_lj).count() == 1
