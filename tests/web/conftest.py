"""Fixtures for the web tests; the factories live in `web_hulp`."""

from __future__ import annotations

import pytest
from web_hulp import World, build_world


@pytest.fixture
def world(db: None) -> World:
    return build_world()
