"""Fixtures for the backup tests: a temporary DATA_DIR, a key, fast password hashing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from leerrecht.web.backup import SLEUTEL_VAR, nieuwe_sleutel


@pytest.fixture(autouse=True)
def data_map(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR


@pytest.fixture(autouse=True)
def sleutel(monkeypatch: pytest.MonkeyPatch) -> str:
    waarde = nieuwe_sleutel()
    monkeypatch.setenv(SLEUTEL_VAR, waarde)
    return waarde


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
