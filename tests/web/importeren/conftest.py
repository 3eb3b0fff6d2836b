"""Fixtures for the import tests: users with every role, and fast password hashing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from pytest_django.fixtures import Settings
from web_hulp import World, make_user

from leerrecht.web.scholen.models import RolSoort


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Settings) -> None:
    """Argon2 makes every test user cost a second; these tests are not about passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def rollen(world: World) -> dict[str, User]:
    """One user per role at the world's school (docent and coördinator come from the world)."""
    users = {
        soort.value: make_user(f"imp-{soort.value}", world.school, soort)
        for soort in (
            RolSoort.BEHEERDER,
            RolSoort.ADMINISTRATIE,
            RolSoort.DIRECTEUR,
            RolSoort.TEAMLEIDER,
            RolSoort.MENTOR,
        )
    }
    users["coordinator"] = world.coordinator
    users["docent"] = world.docent_a
    return users
