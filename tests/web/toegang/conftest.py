"""The world of the authorisation matrix, built once per test module (``toegang_hulp``).

Building it takes seconds (every kind of object on both sides), so it is made once inside a
transaction that is rolled back at the end of the module; every test runs inside its own
savepoint (pytest-django's ``db``), so what a test changes (an allowed POST) is gone before the
next one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from pytest_django import DjangoDbBlocker
from toegang_hulp import Wereld, bouw_wereld, ouder_client

SNEL = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def wereld(
    django_db_setup: None,
    django_db_blocker: DjangoDbBlocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Wereld]:
    data_dir: Path = tmp_path_factory.mktemp("toegang")
    # Argon2 is slow on purpose; documents and werkgeversverklaringen go to a temporary DATA_DIR
    with (
        override_settings(PASSWORD_HASHERS=SNEL, DATA_DIR=data_dir),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield bouw_wereld()
        transaction.set_rollback(True)


# -- sessions: one per role, made once per module -------------------------------------------


@pytest.fixture(scope="module")
def sessies(wereld: Wereld, django_db_blocker: DjangoDbBlocker) -> dict[str, dict[str, str]]:
    """The cookies of a signed-in session per role (copied into a fresh client per test)."""
    koekjes: dict[str, dict[str, str]] = {"anoniem": {}}
    with django_db_blocker.unblock():
        for rol, pk in [*wereld.gebruikers.items(), ("superuser", wereld.superuser)]:
            client = Client()
            client.force_login(User.objects.get(pk=pk))
            koekjes[rol] = {k: v.value for k, v in client.cookies.items()}
        ouder = ouder_client(wereld.ouder_code)
        koekjes["ouder"] = {k: v.value for k, v in ouder.cookies.items()}
    return koekjes
