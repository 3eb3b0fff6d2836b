"""Fixtures for schorsing and verwijdering: a directeur, a teamleider, a fixed 'today'. The
helpers live in `leerlingzaken_hulp`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from leerlingzaken_hulp import VANDAAG, World, make_user

from leerrecht.web.leerlingzaken import tijd
from leerrecht.web.scholen.models import RolSoort


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Any) -> None:
    """Argon2 is slow on purpose; these tests are about schorsing and verwijdering."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def vandaag(monkeypatch: pytest.MonkeyPatch) -> Callable[[dt.date], None]:
    """'Today' is 20 March 2026 unless a test sets another day."""

    def zet(dag: dt.date) -> None:
        monkeypatch.setattr(tijd, "vandaag", lambda: dag)

    zet(VANDAAG)
    return zet


@pytest.fixture
def directeur(world: World) -> User:
    return make_user("directeur", world.school, RolSoort.DIRECTEUR)


@pytest.fixture
def teamleider(world: World) -> User:
    return make_user("teamleider", world.school, RolSoort.TEAMLEIDER)
