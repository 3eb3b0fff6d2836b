"""Every model change has its migration (a missing one would break a fresh install)."""

from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_geen_ontbrekende_migraties() -> None:
    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
    except SystemExit as exc:  # makemigrations --check exits non-zero when changes are missing
        pytest.fail(f"ontbrekende migraties (exit {exc.code}): draai makemigrations")
