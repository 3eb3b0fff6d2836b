"""Fixtures for the dossier tests: two offices with staff, a fixed 'today', documents in a
temporary DATA_DIR."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from dossiers_hulp import VANDAAG, Kantoor, World, bouw_kantoor

from leerrecht.web.dossiers import tijd


@pytest.fixture(autouse=True)
def vandaag(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tijd, "vandaag", lambda: VANDAAG)


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Any) -> None:
    """Argon2 is slow on purpose; these tests are about dossiers, not passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def documenten_map(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def kantoor(world: World) -> Kantoor:
    return bouw_kantoor(world)
