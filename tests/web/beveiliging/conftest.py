"""Two-factor and rate limiting ON for these tests (tests/conftest.py turns them off for the
rest); fast password hashing, since these tests are about the second step."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def tweestaps_aan(settings: Any) -> None:
    settings.LEERRECHT_TWEESTAPS = True
    settings.AXES_ENABLED = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
