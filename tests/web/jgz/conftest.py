"""Fixtures for the JGZ tests: a GGD serving the school, a jeugdarts, a fixed 'today'."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from jgz_hulp import VANDAAG, World, make_jeugdarts
from pytest_django.fixtures import Settings

from leerrecht.web.jgz import tijd
from leerrecht.web.jgz.models import JgzOrganisatie


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Settings) -> None:
    """Argon2 is slow on purpose; these tests are about referrals, not passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def vandaag(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tijd, "vandaag", lambda: VANDAAG)


@pytest.fixture
def ggd(world: World) -> JgzOrganisatie:
    ggd = JgzOrganisatie.objects.create(naam="GGD Zuid Limburg")
    ggd.scholen.add(world.school)
    return ggd


@pytest.fixture
def andere_ggd(world: World) -> JgzOrganisatie:
    ggd = JgzOrganisatie.objects.create(naam="GGD IJsselland")
    ggd.scholen.add(world.other_school)
    return ggd


@pytest.fixture
def jeugdarts(ggd: JgzOrganisatie) -> User:
    return make_jeugdarts("jeugdarts", ggd)
