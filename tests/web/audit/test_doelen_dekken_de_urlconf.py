"""Every URL of the web application has a purpose in the registry, or is marked as holding no
pupil data: a new page cannot escape the audit log (issue 7)."""

from __future__ import annotations

from audit_hulp import url_namen

from leerrecht.web.audit.doelen import DOELEN, GEEN_LEERLINGGEGEVENS, sleutel
from leerrecht.web.audit.middleware import _object_velden


def test_elke_url_naam_staat_in_het_doelenregister() -> None:
    ontbrekend = sorted({sleutel(n) for n in url_namen()} - DOELEN.keys())
    assert ontbrekend == [], (
        "Deze URL-namen staan niet in leerrecht/web/audit/doelen.py; geef ze een Doel of "
        f"GEEN_LEERLINGGEGEVENS: {ontbrekend}"
    )


def test_het_register_noemt_geen_urls_die_niet_bestaan() -> None:
    bestaand = {sleutel(n) for n in url_namen()}
    assert sorted(DOELEN.keys() - bestaand) == []


def test_de_admin_is_een_regel_en_elke_url_heeft_een_naam() -> None:
    namen = list(url_namen())
    assert sum(n.startswith("admin:") for n in namen) > 10
    # outside the admin every URL has a name, the key the audit middleware looks up
    assert [n for n in namen if "<zonder naam" in n and not n.startswith("admin:")] == []


def test_elk_doel_met_leerlinggegevens_heeft_een_tekst_en_een_vindbaar_object() -> None:
    for naam, doel in DOELEN.items():
        if doel is GEEN_LEERLINGGEGEVENS:
            continue
        assert doel.leerlinggegevens and len(doel.tekst) > 10, naam
        if doel.object_model is not None:
            leerling, school = _object_velden(doel.object_model)
            assert leerling is not None or school is not None, naam


def test_pagina_zonder_leerlinggegevens_zijn_alleen_de_verwachte() -> None:
    zonder = {n for n, d in DOELEN.items() if not d.leerlinggegevens}
    assert {"login", "logout", "set_language", "ouders:code", "brieven:sjablonen"} <= zonder
    assert not zonder & {"werklijst", "registreren", "leerling", "meldingen:lijst", "admin"}
