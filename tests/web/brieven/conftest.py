"""Fixtures for the letters app."""

from __future__ import annotations

import pytest
from pytest_django.fixtures import Settings


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Settings) -> None:
    """Argon2 is slow on purpose; these tests are about letters, not passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
