"""Accessibility check with axe-core for the browser tests."""

from __future__ import annotations

from typing import Any


def assert_accessible(page: Any) -> None:
    """No WCAG 2.x A/AA violations found by axe-core (serious or critical)."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
            }
        },
    )
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert problems == [], "\n".join(problems)
