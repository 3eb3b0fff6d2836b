"""``leerrecht demo``: a demo school in a fresh database, served at http://127.0.0.1:8000."""

from __future__ import annotations

from collections.abc import Sequence


def main(argv: Sequence[str]) -> int:
    raise NotImplementedError("leerrecht demo wordt gebouwd")
