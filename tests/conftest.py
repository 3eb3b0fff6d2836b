"""Fixtures for the core tests. Helpers live in `scenario_hulp` (a unique module name: every
folder's conftest.py is imported as `conftest`, so tests never import from conftest)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from scenario_hulp import Scenario


@pytest.fixture(autouse=True)
def _taal_terug_naar_standaard() -> Iterator[None]:
    """A request in English (LocaleMiddleware) leaves English active in this thread; reset it so
    a later test never formats dates or messages in the wrong language."""
    yield
    if "django.utils.translation" in sys.modules:
        from django.utils import translation

        translation.deactivate()


@pytest.fixture(autouse=True)
def _tweestaps_en_inlogblokkade_uit() -> Iterator[None]:
    """Two-factor and login rate limiting are on in every installation, but most tests log in
    with `client.login`/`force_login` or the login form only to reach a page: there they are off.
    The tests in tests/web/tweestaps and tests/web/beveiliging turn them on and prove them
    (`settings.LEERRECHT_TWEESTAPS = True`, `settings.AXES_ENABLED = True`)."""
    from django.test import override_settings

    with override_settings(LEERRECHT_TWEESTAPS=False, AXES_ENABLED=False):
        yield


@pytest.fixture
def scenario() -> Scenario:
    return Scenario()


# -- browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium) -----------------
# `.ci/run` installs Chromium; without it these tests are skipped with a message (in CI they
# fail instead). One browser per test session, shared by every folder.

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

CHROMIUM = os.environ.get("LEERRECHT_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(
                f"Chromium ontbreekt op {CHROMIUM}; .ci/run installeert het pakket chromium"
            )
        pytest.skip(f"Chromium ontbreekt op {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
    # ORM calls made while Playwright's loop runs get their own connection (asgiref's
    # context-local storage); close them, or PostgreSQL cannot drop the test database
    from django.db import connections

    connections.close_all()
