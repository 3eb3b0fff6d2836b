"""The fuzz suite: reports how many inputs each test really ran (robuust_hulp.TELLING)."""

from __future__ import annotations

from typing import Any

import pytest
from robuust_hulp import TELLING


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not TELLING:
        return
    terminalreporter.section("robuustheid: gegenereerde invoer")
    for naam, aantal in sorted(TELLING.items()):
        terminalreporter.write_line(f"{aantal:>8}  {naam}")
    terminalreporter.write_line(f"{sum(TELLING.values()):>8}  totaal")


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Any) -> None:
    """Argon2 makes every user of the world cost a second; these tests are about input."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
