"""Fixtures for the core tests. Helpers live in `scenario_hulp` (a unique module name: every
folder's conftest.py is imported as `conftest`, so tests never import from conftest)."""

from __future__ import annotations

import pytest

from scenario_hulp import Scenario


@pytest.fixture
def scenario() -> Scenario:
    return Scenario()
