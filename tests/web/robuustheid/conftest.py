"""The fuzz suite: reports how many inputs each test really ran (robuust_hulp.TELLING)."""

from __future__ import annotations

from typing import Any

from robuust_hulp import TELLING


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not TELLING:
        return
    terminalreporter.section("robuustheid: gegenereerde invoer")
    for naam, aantal in sorted(TELLING.items()):
        terminalreporter.write_line(f"{aantal:>8}  {naam}")
    terminalreporter.write_line(f"{sum(TELLING.values()):>8}  totaal")
