"""Fixtures for the thuiszitter tests; the factories live in `thuiszitters_hulp`."""

from __future__ import annotations

import pytest
from pytest_django.fixtures import Settings
from thuiszitters_hulp import Regio, bouw_regio
from web_hulp import World


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Settings) -> None:
    """Argon2 is slow on purpose; these tests are about thuiszitters, not passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def regio(world: World) -> Regio:
    return bouw_regio(world)
