"""The allocator settings for a batch process (leerrecht.batch.memory): they reach a new
process and an operator's own setting wins."""

from __future__ import annotations

import subprocess
import sys

from leerrecht.batch.memory import BATCH_ALLOCATOR_ENV, GLIBC_MALLOC, batch_environment


def test_batch_environment_adds_the_allocator_settings() -> None:
    environment = batch_environment({"PATH": "/usr/bin"})
    assert environment["PATH"] == "/usr/bin"
    assert environment["GLIBC_TUNABLES"] == GLIBC_MALLOC
    assert "dirty_decay_ms:-1" in environment["_RJEM_MALLOC_CONF"]


def test_an_operators_own_setting_is_kept() -> None:
    own = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:1000", "GLIBC_TUNABLES": "glibc.malloc.arena_max=2"}
    environment = batch_environment(own)
    assert environment["_RJEM_MALLOC_CONF"] == "dirty_decay_ms:1000"
    assert environment["GLIBC_TUNABLES"] == "glibc.malloc.arena_max=2"


def test_the_base_mapping_is_not_changed() -> None:
    base = {"HOME": "/tmp"}
    batch_environment(base)
    assert base == {"HOME": "/tmp"}


def test_a_process_started_with_them_evaluates_polars_and_numpy() -> None:
    """The settings are valid for both allocators: a process with them runs Polars and numpy
    and sees the variables (a malformed setting would make jemalloc print an error)."""
    code = (
        "import os, numpy as np, polars as pl;"
        "a = np.arange(5_000_000); df = pl.DataFrame({'a': a}).sort('a', descending=True);"
        "print(int(df['a'][0]), os.environ['_RJEM_MALLOC_CONF'])"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        env=batch_environment({}),
        capture_output=True,
        text=True,
        check=True,
    )
    first, conf = proc.stdout.split()
    assert first == "4999999"
    # Polars puts its own defaults first; jemalloc takes the last value of a setting
    assert conf.endswith("," + BATCH_ALLOCATOR_ENV["_RJEM_MALLOC_CONF"])
    assert "jemalloc" not in proc.stderr.lower()
    assert "invalid" not in proc.stderr.lower()
