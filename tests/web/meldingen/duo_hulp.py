"""Helpers for the DUO-meldingen tests (a module with its own name, not a conftest, so it never
clashes with the other ``conftest`` modules of the test tree)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from web_hulp import PASSWORD, D, World, absent_days

from leerrecht.web.meldingen.models import MET_MELDINGSNUMMER, DuoMelding, Status
from leerrecht.web.meldingen.services import sync_concepten

#: the 16-uur case of the brief: 5.5 + 5.5 + 5.5 hours on Mon, Tue and Thu
DAGEN_16_UUR = [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 5)]
PEILDATUM_16_UUR = D(2026, 3, 6)


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Any) -> None:
    """Argon2 is slow on purpose; these tests are about meldingen, not passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def login(client: Client, username: str) -> Client:
    assert client.login(username=username, password=PASSWORD)
    return client


def concept_16_uur(world: World) -> DuoMelding:
    """a1 reaches 16 hours on 5 March; the concept exists after a sync on 6 March."""
    absent_days(world.a1, DAGEN_16_UUR)
    assert sync_concepten(world.school, PEILDATUM_16_UUR) == 1
    return DuoMelding.objects.get(leerling=world.a1)


def maak_melding(world: World, status: Status = Status.CONCEPT, **extra: Any) -> DuoMelding:
    """A melding in any status, without the rules (for the status tests)."""
    values: dict[str, Any] = {
        "school": world.school,
        "leerling": world.a1,
        "soort": "16_uur",
        "begin": D(2026, 3, 2),
        "einde": D(2026, 3, 5),
        "uren": Decimal("16.5"),
        "uiterlijk": D(2026, 3, 12),
        "volgnummer": 1,
        "bereikt": D(2026, 3, 5),
        "status": status,
        "meldingsnummer": "VM-2026-0001" if status in MET_MELDINGSNUMMER else "",
        "woongemeente": "Heerlen",
    }
    values.update(extra)
    return DuoMelding.objects.create(**values)
