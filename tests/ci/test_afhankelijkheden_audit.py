"""The CI dependency audit (.ci/afhankelijkheden_audit.py) fails on a known vulnerability,
accepts only documented exceptions, and never passes silently when nothing could be checked
(issue 7: "A dependency audit (pip-audit) in CI")."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

PAD = Path(__file__).resolve().parents[2] / ".ci" / "afhankelijkheden_audit.py"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("afhankelijkheden_audit", PAD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["afhankelijkheden_audit"] = module
    spec.loader.exec_module(module)
    return module


audit = _module()

#: pip-audit 2.x JSON (``pip-audit -f json``), as it reports a vulnerable and a clean package
KWETSBAAR = {
    "dependencies": [
        {
            "name": "django",
            "version": "5.2.0",
            "vulns": [
                {
                    "id": "PYSEC-2025-1",
                    "fix_versions": ["5.2.1"],
                    "aliases": ["CVE-2025-0001", "GHSA-xxxx-yyyy-zzzz"],
                    "description": "...",
                }
            ],
        },
        {"name": "polars", "version": "1.20.0", "vulns": []},
    ],
    "fixes": [],
}
NIETS_BEREIKBAAR = {
    "dependencies": [
        {"name": "amqp", "skip_reason": "Dependency not found on PyPI and could not be audited"},
        {"name": "six", "skip_reason": "Dependency not found on PyPI and could not be audited"},
    ],
    "fixes": [],
}


def test_een_bekende_kwetsbaarheid_laat_ci_falen() -> None:
    oordeel = audit.beoordeel(KWETSBAAR, {}, verplicht=False)
    assert oordeel.fout
    assert oordeel.kwetsbaar == ["django 5.2.0: PYSEC-2025-1 (opgelost in: 5.2.1)"]
    assert oordeel.gecontroleerd == ["django 5.2.0", "polars 1.20.0"]


def test_een_uitzondering_met_reden_op_een_alias_telt_niet_als_fout() -> None:
    oordeel = audit.beoordeel(
        KWETSBAAR, {"CVE-2025-0001": "raakt alleen de MySQL-backend"}, verplicht=False
    )
    assert not oordeel.fout
    assert oordeel.uitgezonderd == ["django 5.2.0: PYSEC-2025-1 (raakt alleen de MySQL-backend)"]


def test_schone_pakketten_zijn_geen_fout() -> None:
    schoon = {"dependencies": [{"name": "polars", "version": "1.20.0", "vulns": []}]}
    oordeel = audit.beoordeel(schoon, {}, verplicht=True)
    assert not oordeel.fout
    assert oordeel.regels[0].startswith("pip-audit: 1 van 1 pakketten gecontroleerd")


def test_niets_gecontroleerd_waarschuwt_en_faalt_als_de_audit_verplicht_is() -> None:
    zacht = audit.beoordeel(NIETS_BEREIKBAAR, {}, verplicht=False)
    assert not zacht.fout
    assert any("WAARSCHUWING" in regel for regel in zacht.regels)
    streng = audit.beoordeel(NIETS_BEREIKBAAR, {}, verplicht=True)
    assert streng.fout


def test_een_uitzondering_zonder_reden_wordt_geweigerd() -> None:
    assert audit.lees_uitzonderingen("# commentaar\nPYSEC-1  alleen in tests\n") == {
        "PYSEC-1": "alleen in tests"
    }
    with pytest.raises(ValueError, match="geen reden"):
        audit.lees_uitzonderingen("PYSEC-2\n")
