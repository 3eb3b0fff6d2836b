"""Fixtures for the leerplicht office tests; the helpers live in `leerplicht_hulp`."""

from __future__ import annotations

import pytest
from leerplicht_hulp import Kantoren, bouw_kantoren


@pytest.fixture
def kantoren(db: None) -> Kantoren:
    return bouw_kantoren()
