"""Fixtures for the sick-leave tests; the helpers live in `ziekte_hulp`."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Any) -> None:
    """Argon2 is slow on purpose; these tests are about sick leave, not passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
