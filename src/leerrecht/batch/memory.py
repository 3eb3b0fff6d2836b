"""Allocator settings for a process that runs a large vectorised evaluation.

The vectorised engine allocates and frees arrays of hundreds of megabytes many times over (at
1,000,000 pupils there are 11 million registrations: one int64 column is 90 MB). With the
allocators' defaults a freed block goes back to the operating system, and the next array is
fresh memory that the kernel first fills with zeros, page by page. Measured with ``perf`` on a
run of 1,000,000 pupils (docs/performance.md): without these settings more than half of the
process's time was kernel time, most of it ``clear_page`` on page faults.

The settings keep freed memory inside the process, where the next array reuses it:

- Polars' allocator (jemalloc, read from ``_RJEM_MALLOC_CONF``): freed pages are never purged
  (``dirty_decay_ms:-1,muzzy_decay_ms:-1``; transparent huge pages, ``thp:always``, made no
  measurable difference and are left to the system). Polars itself sets
  ``dirty_decay_ms:500,muzzy_decay_ms:1000`` (purge after half a second, good for a long-lived
  process that should give memory back) and appends the variable's value, so these win
  (polars/__init__.py; pola-rs/polars issue 18088 and pull request 21829);
- glibc's malloc (numpy and Python, read from ``GLIBC_TUNABLES``): large blocks come from the
  heap instead of a separate ``mmap`` each (``mmap_max=0``), and the heap is not given back
  while the process runs (``trim_threshold``), with some room to grow (``top_pad``).

Both allocators read their settings when the process starts, so they are given to a new
process (:func:`batch_environment`), never changed in a running one. The price is that the
process keeps its peak memory until it ends, which suits a batch process (the benchmark's
engine process, a nightly batch job) and not a web server, whose settings are left alone.
A variable the operator has set already is kept as it is. Polars writes ``_RJEM_MALLOC_CONF``
into ``os.environ`` when it is imported, so a process that has imported Polars passes the
environment it was started with (a copy taken before the import), not ``os.environ``.
"""

from __future__ import annotations

from collections.abc import Mapping

POLARS_ALLOCATOR = "dirty_decay_ms:-1,muzzy_decay_ms:-1"
GLIBC_MALLOC = (
    "glibc.malloc.mmap_max=0"
    ":glibc.malloc.trim_threshold=68719476736"  # 64 GiB: never trim while running
    ":glibc.malloc.top_pad=268435456"  # grow the heap 256 MiB at a time
)
BATCH_ALLOCATOR_ENV: dict[str, str] = {
    "_RJEM_MALLOC_CONF": POLARS_ALLOCATOR,
    "GLIBC_TUNABLES": GLIBC_MALLOC,
}


def batch_environment(base: Mapping[str, str]) -> dict[str, str]:
    """``base`` (e.g. ``os.environ``) with the allocator settings for a batch process added,
    except where ``base`` sets that variable already."""
    environment = dict(base)
    for name, value in BATCH_ALLOCATOR_ENV.items():
        environment.setdefault(name, value)
    return environment
