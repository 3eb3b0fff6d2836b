"""Office views that record their own, detailed audit row keep exactly that one row per
request: the middleware adds nothing (issue 7). The office fixtures come from the leerplicht
tests' helper module."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from audit_hulp import laatste_pk, nieuwe_regels
from django.test import Client
from web_hulp import World

sys.path.insert(0, str(Path(__file__).parent.parent / "leerplicht"))
from leerplicht_hulp import Kantoren, bouw_kantoren, meld, school_melding

from leerrecht.web.audit.models import Actie
from leerrecht.web.leerplicht.models import InboxMelding

pytestmark = pytest.mark.django_db


@pytest.fixture
def kantoren(world: World) -> Kantoren:
    return bouw_kantoren()


@pytest.fixture
def inbox(world: World, kantoren: Kantoren) -> InboxMelding:
    meld(school_melding(world), world.coordinator)
    return InboxMelding.objects.get()


def test_melding_lezen_een_regel_van_de_view(
    client: Client, world: World, kantoren: Kantoren, inbox: InboxMelding
) -> None:
    client.force_login(kantoren.lpa)
    voor = laatste_pk()
    assert client.get(f"/leerplicht/inbox/{inbox.pk}/").status_code == 200
    (regel,) = nieuwe_regels(voor)
    assert regel.wat == f"leerplicht.inboxmelding #{inbox.pk}" and regel.wie == kantoren.lpa
    assert regel.actie == Actie.LEZEN and regel.leerling_id == world.a1.pk
    # the pupil's school: the school's privacy officer sees that the office read its melding
    assert regel.school_id == world.school.pk


def test_melding_behandelen_een_regel_van_de_view(
    client: Client, kantoren: Kantoren, inbox: InboxMelding
) -> None:
    client.force_login(kantoren.lpa)
    voor = laatste_pk()
    response = client.post(
        f"/leerplicht/inbox/{inbox.pk}/behandelen/",
        {"status": "in_behandeling", "terugkoppeling": "We nemen contact op met de ouders."},
    )
    assert response.status_code == 302
    (regel,) = nieuwe_regels(voor)
    assert regel.actie == Actie.WIJZIGEN and not regel.wat.startswith("leerplicht:")


def test_kantoorpagina_zonder_eigen_regel_krijgt_er_een_van_de_middleware(
    client: Client, kantoren: Kantoren, inbox: InboxMelding
) -> None:
    client.force_login(kantoren.lpa)
    voor = laatste_pk()
    assert client.get("/leerplicht/").status_code == 200
    regels = nieuwe_regels(voor)
    assert len(regels) == 1 and regels[0].wie == kantoren.lpa
