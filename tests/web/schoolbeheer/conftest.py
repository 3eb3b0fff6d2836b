"""Fixtures for the school beheer: a beheerder at each school of the world (``web_hulp``)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from pytest_django.fixtures import Settings
from schoolbeheer_hulp import World, make_user

from leerrecht.web.scholen.models import RolSoort


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Settings) -> None:
    """Argon2 is slow on purpose; these tests are about the pages, not hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def beheerder(world: World) -> User:
    return make_user("beheerder", world.school, RolSoort.BEHEERDER)


@pytest.fixture
def andere_beheerder(world: World) -> User:
    return make_user("beheerder-eik", world.other_school, RolSoort.BEHEERDER)
