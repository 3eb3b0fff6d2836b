"""The domain core stays free of Django (and of web or database frameworks), so the CLI, batch
jobs and the web application run the same rules (issue: "The domain core does not import
Django")."""

from __future__ import annotations

import ast
from pathlib import Path

import leerrecht.core

FORBIDDEN = ("django", "celery", "sqlalchemy", "psycopg", "rest_framework")
CORE = Path(leerrecht.core.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_domeinkern_importeert_geen_django() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert len(files) > 10
    offenders = {
        str(path.relative_to(CORE)): sorted(
            n for n in _imports(path) if n.split(".")[0] in FORBIDDEN
        )
        for path in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_domeinkern_importeert_niets_buiten_de_kern_van_leerrecht() -> None:
    for path in CORE.rglob("*.py"):
        for name in _imports(path):
            if name.startswith("leerrecht"):
                assert name.startswith("leerrecht.core"), (path, name)
