"""Fixtures for the vrijstellingen tests: two offices, a directeur, a fixed 'today'."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from pytest_django.fixtures import Settings
from vrijstellingen_hulp import VANDAAG, Bureaus, World, maak_bureaus, make_user

from leerrecht.web.scholen.models import RolSoort
from leerrecht.web.verlof import toetsing
from leerrecht.web.vrijstellingen import tijd


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Settings, tmp_path: Path) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DATA_DIR = tmp_path


@pytest.fixture(autouse=True)
def vandaag(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tijd, "vandaag", lambda: VANDAAG)
    monkeypatch.setattr(toetsing, "vandaag", lambda: VANDAAG)


@pytest.fixture
def bureaus(world: World) -> Bureaus:
    return maak_bureaus()


@pytest.fixture
def directeur(world: World) -> User:
    return make_user("directeur", world.school, RolSoort.DIRECTEUR)
