"""The audit log is append only and records who, what, which pupil and why (AVG art. 5 lid 2)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User
from web_hulp import World

from leerrecht.web.audit.log import vastleggen
from leerrecht.web.audit.models import Actie, AuditRegel

pytestmark = pytest.mark.django_db


def test_vastleggen_met_object_neemt_leerling_en_label_over(world: World) -> None:
    regel = vastleggen(world.coordinator, Actie.LEZEN, world.a1, doel="werklijst bekijken")
    assert regel.wie == world.coordinator and regel.actie == "lezen"
    assert regel.wat == f"scholen.leerling #{world.a1.pk}"
    assert regel.doel == "werklijst bekijken"


def test_anoniem_wordt_zonder_gebruiker_vastgelegd() -> None:
    regel = vastleggen(AnonymousUser(), Actie.AANMAKEN, "ziekmelding ouder", doel="ziekmelding")
    assert regel.wie is None and regel.leerling_id is None


def test_een_regel_wijzigen_of_verwijderen_kan_niet(world: World) -> None:
    regel = vastleggen(world.coordinator, Actie.LEZEN, world.a1, doel="inzage")
    regel.doel = "iets anders"
    with pytest.raises(ValueError, match="nooit gewijzigd"):
        regel.save()
    with pytest.raises(ValueError, match="nooit verwijderd"):
        regel.delete()
    assert AuditRegel.objects.get().doel == "inzage"
    assert isinstance(regel.wie, User)
