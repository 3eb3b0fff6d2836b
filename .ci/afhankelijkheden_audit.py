"""Dependency audit for CI: pip-audit over every package installed in the project's venv.

    python3 .ci/afhankelijkheden_audit.py .venv

Runs pip-audit (from its own venv, ``.ci-audit-venv``, so the audit tool does not change what is
audited) on the site-packages of the given venv, against PyPI's vulnerability data, and decides:

- exit 1 when any installed package has a known vulnerability that is not listed, with a reason,
  in ``.ci/pip-audit-uitzonderingen.txt`` (one ``ID  reden`` per line, ``#`` for comments);
- exit 0 otherwise. Packages the service has no data for are listed. When the service could not
  check a single package (no connection to PyPI's vulnerability API, as on a closed network),
  the audit says so loudly and exits 0, unless ``LEERRECHT_AUDIT_VERPLICHT=1``: then that is a
  failure too. Set it in every CI that has internet access.

The decision (:func:`beoordeel`) is tested in tests/ci/test_afhankelijkheden_audit.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

HIER = Path(__file__).resolve().parent
UITZONDERINGEN = HIER / "pip-audit-uitzonderingen.txt"
AUDIT_VENV = HIER.parent / ".ci-audit-venv"


@dataclass
class Oordeel:
    gecontroleerd: list[str] = field(default_factory=list)
    niet_gecontroleerd: list[str] = field(default_factory=list)
    kwetsbaar: list[str] = field(default_factory=list)
    uitgezonderd: list[str] = field(default_factory=list)
    fout: bool = False
    regels: list[str] = field(default_factory=list)


def lees_uitzonderingen(tekst: str) -> dict[str, str]:
    """``ID reden`` per line; a line without a reason is refused (an exception needs a why)."""
    uitzonderingen: dict[str, str] = {}
    for nummer, regel in enumerate(tekst.splitlines(), start=1):
        regel = regel.split("#", 1)[0].strip()
        if not regel:
            continue
        vuln_id, _, reden = regel.partition(" ")
        if not reden.strip():
            raise ValueError(
                f"{UITZONDERINGEN.name} regel {nummer}: {vuln_id} heeft geen reden; "
                "schrijf achter het ID waarom deze kwetsbaarheid leerrecht niet raakt."
            )
        uitzonderingen[vuln_id] = reden.strip()
    return uitzonderingen


def beoordeel(
    rapport: dict[str, object], uitzonderingen: dict[str, str], verplicht: bool
) -> Oordeel:
    """Judge pip-audit's JSON report (``pip-audit -f json``)."""
    oordeel = Oordeel()
    afhankelijkheden = rapport.get("dependencies", [])
    assert isinstance(afhankelijkheden, list)
    for dep in afhankelijkheden:
        naam = f"{dep['name']} {dep.get('version', '')}".strip()
        if "skip_reason" in dep:
            oordeel.niet_gecontroleerd.append(naam)
            continue
        oordeel.gecontroleerd.append(naam)
        for vuln in dep.get("vulns", []):
            ids = [vuln["id"], *vuln.get("aliases", [])]
            herstel = ", ".join(vuln.get("fix_versions", [])) or "nog geen"
            bekend = next((i for i in ids if i in uitzonderingen), None)
            if bekend is not None:
                oordeel.uitgezonderd.append(f"{naam}: {vuln['id']} ({uitzonderingen[bekend]})")
            else:
                oordeel.kwetsbaar.append(f"{naam}: {vuln['id']} (opgelost in: {herstel})")
    totaal = len(oordeel.gecontroleerd) + len(oordeel.niet_gecontroleerd)
    oordeel.regels.append(
        f"pip-audit: {len(oordeel.gecontroleerd)} van {totaal} pakketten gecontroleerd, "
        f"{len(oordeel.kwetsbaar)} kwetsbaarheden, {len(oordeel.uitgezonderd)} uitgezonderd"
    )
    for regel in oordeel.kwetsbaar:
        oordeel.regels.append(f"  KWETSBAAR  {regel}")
    for regel in oordeel.uitgezonderd:
        oordeel.regels.append(f"  uitgezonderd  {regel}")
    if oordeel.kwetsbaar:
        oordeel.fout = True
        oordeel.regels.append(
            "Werk de pakketten bij (pyproject.toml) of zet het ID met een reden in "
            f".ci/{UITZONDERINGEN.name}."
        )
    if totaal and not oordeel.gecontroleerd:
        oordeel.regels.append(
            "WAARSCHUWING: geen enkel pakket kon worden gecontroleerd: de kwetsbaarheidsgegevens "
            "van PyPI zijn vanaf deze machine niet bereikbaar."
        )
        if verplicht:
            oordeel.fout = True
            oordeel.regels.append("LEERRECHT_AUDIT_VERPLICHT=1: dat is een fout.")
    elif oordeel.niet_gecontroleerd:
        oordeel.regels.append(
            "  geen gegevens voor: " + ", ".join(sorted(oordeel.niet_gecontroleerd))
        )
    return oordeel


def main(argv: list[str]) -> int:
    venv = Path(argv[1] if len(argv) > 1 else ".venv").resolve()
    site_packages = sorted(venv.glob("lib/python3*/site-packages"))
    if not site_packages:
        print(f"Geen site-packages in {venv}: maak eerst de venv van het project.", file=sys.stderr)
        return 2
    pip_audit = AUDIT_VENV / "bin" / "pip-audit"
    if not pip_audit.exists():
        subprocess.run([sys.executable, "-m", "venv", str(AUDIT_VENV)], check=True)
        subprocess.run(
            [str(AUDIT_VENV / "bin" / "pip"), "install", "-q", "pip-audit>=2.7"],
            check=True,
            stderr=subprocess.DEVNULL,
        )
    proces = subprocess.run(
        [
            str(pip_audit),
            "--path",
            str(site_packages[0]),
            "--skip-editable",
            "--progress-spinner",
            "off",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    try:
        rapport = json.loads(proces.stdout)
    except json.JSONDecodeError:
        print(proces.stderr, file=sys.stderr)
        print("pip-audit gaf geen rapport (zie hierboven).", file=sys.stderr)
        return 1
    uitzonderingen = (
        lees_uitzonderingen(UITZONDERINGEN.read_text(encoding="utf-8"))
        if UITZONDERINGEN.exists()
        else {}
    )
    oordeel = beoordeel(
        rapport, uitzonderingen, os.environ.get("LEERRECHT_AUDIT_VERPLICHT", "") == "1"
    )
    print("\n".join(oordeel.regels))
    return 1 if oordeel.fout else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
