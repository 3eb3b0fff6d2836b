"""Fixtures for the verlof app: a directeur, a fixed 'today', parents signed in with a code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from pytest_django.fixtures import Settings
from verlof_hulp import World, geef_code, make_user, meld_aan

from leerrecht.web.scholen.models import Leerling, RolSoort
from leerrecht.web.verlof import toetsing


@pytest.fixture(autouse=True)
def bijlagen_in_tmp(settings: Settings, tmp_path: Path) -> None:
    """Uploaded werkgeversverklaringen go to a temporary DATA_DIR."""
    settings.DATA_DIR = tmp_path


@pytest.fixture
def vandaag(monkeypatch: pytest.MonkeyPatch) -> Callable[[dt.date], None]:
    """Fix 'today' for the verlof app (requests, sick reports, decisions)."""

    def zet(dag: dt.date) -> None:
        monkeypatch.setattr(toetsing, "vandaag", lambda: dag)

    return zet


@pytest.fixture
def directeur(world: World) -> User:
    return make_user("directeur", world.school, RolSoort.DIRECTEUR)


@pytest.fixture
def ouder(world: World) -> Callable[[Leerling], Client]:
    """A fresh browser of a parent signed in for a pupil with a code from the coordinator."""

    def aanmelden(leerling: Leerling) -> Client:
        return meld_aan(Client(), geef_code(leerling, world.coordinator))

    return aanmelden
