"""Security headers (issue 7): Content-Security-Policy without inline script or style,
Permissions-Policy, Cross-Origin-Opener-Policy, framing refused, and on every response to a
logged-in account or a parent `Cache-Control: no-store, private` (pupil data never sits in a
shared or browser cache). The templates themselves hold no inline script, handler or style."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from web_hulp import World, absent_days

import leerrecht.web
from leerrecht.web.tweestaps.svg import svg_zonder_inline_stijl
from leerrecht.web.verlof.models import OuderToegang

WEB = Path(leerrecht.web.__file__).parent


@pytest.fixture(autouse=True)
def _zonder_tweede_stap(settings: Any) -> None:
    """force_login has no second factor; the headers are the same either way."""
    settings.LEERRECHT_TWEESTAPS = False


def _csp(response: Any) -> dict[str, str]:
    richtlijnen = {}
    for deel in response["Content-Security-Policy"].split(";"):
        naam, _sep, waarde = deel.strip().partition(" ")
        richtlijnen[naam] = waarde
    return richtlijnen


def _algemene_headers(response: Any) -> None:
    csp = _csp(response)
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert csp["object-src"] == "'none'" and csp["base-uri"] == "'none'"
    assert csp["frame-ancestors"] == "'none'" and csp["form-action"] == "'self'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def _niet_bewaren(response: Any) -> None:
    waarden = {w.strip() for w in response["Cache-Control"].split(",")}
    assert "no-store" in waarden, response["Cache-Control"]
    assert "private" in waarden or waarden == {"no-store"}, response["Cache-Control"]


def test_de_inlogpagina_heeft_alle_beveiligingsheaders(client: Client, db: None) -> None:
    response = client.get("/inloggen/")
    assert response.status_code == 200
    _algemene_headers(response)


@pytest.mark.parametrize(
    "pagina",
    ["/", "leerling", "registreren", "/meldingen/", "/verlof/", "/tweestaps/reservecodes/"],
)
def test_elke_pagina_voor_een_ingelogde_medewerker_wordt_nergens_bewaard(
    client: Client, world: World, pagina: str
) -> None:
    pad = {
        "leerling": f"/leerlingen/{world.a1.pk}/",
        "registreren": f"/registreren/{world.groep_a.pk}/",
    }.get(pagina, pagina)
    client.force_login(world.coordinator)
    response = client.get(pad)
    assert response.status_code == 200
    _algemene_headers(response)
    _niet_bewaren(response)
    waarden = {w.strip() for w in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= waarden


def test_ook_de_paginas_van_een_ouder_worden_nergens_bewaard(world: World) -> None:
    _toegang, code = OuderToegang.uitgeven(world.a1, world.coordinator)
    client = Client()
    client.post("/ouders/", {"code": code})
    for pad in ("/ouders/overzicht/", "/ouders/ziekmelding/", "/ouders/"):
        response = client.get(pad)
        assert response.status_code == 200
        _algemene_headers(response)
        _niet_bewaren(response)


def test_templates_hebben_geen_inline_script_handler_of_stijl() -> None:
    templates = [p for p in WEB.rglob("templates/**/*.html") if "locale" not in p.parts]
    assert len(templates) > 50
    problemen = []
    for pad in templates:
        tekst = pad.read_text(encoding="utf-8")
        for fout in (
            *re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", tekst),
            *re.findall(
                r"<[^>]*\son(?:click|change|submit|load|input|key\w+|focus|blur|mouse\w+|error)\s*=",
                tekst,
            ),
            *re.findall(r"\sstyle\s*=", tekst),
            *re.findall(r"<style\b", tekst),
            *re.findall(r"\shx-on", tekst),
            *re.findall(r"javascript:", tekst),
        ):
            problemen.append(f"{pad.relative_to(WEB)}: {fout}")
    assert problemen == []


def test_de_tijdlijn_heeft_geen_inline_css(client: Client, world: World) -> None:
    import datetime as dt

    absent_days(world.a1, [dt.date(2026, 3, 2), dt.date(2026, 3, 3)])
    client.force_login(world.coordinator)
    html = client.get(f"/leerlingen/{world.a1.pk}/?peildatum=2026-03-06").content.decode()
    svg = html.split("<svg", 1)[1].split("</svg>")[0]
    assert "style=" not in svg and "<style" not in svg
    assert 'fill="#' in svg and 'stroke-linejoin="round"' in svg


def test_svg_stijl_wordt_presentatieattributen() -> None:
    bron = (
        '<svg width="10"><defs><style type="text/css">*{stroke-linejoin: round; '
        'stroke-linecap: butt}</style></defs><path d="M0 0" fill="red" '
        'style="fill: #ffffff; opacity: 0.8; stroke: #cccccc"/><g style="stroke-dasharray: '
        '5.55,2.4"></g></svg>'
    )
    uit = svg_zonder_inline_stijl(bron)
    assert uit == (
        '<svg width="10" stroke-linejoin="round" stroke-linecap="butt"><defs></defs>'
        '<path d="M0 0" fill="#ffffff" opacity="0.8" stroke="#cccccc"/>'
        '<g stroke-dasharray="5.55,2.4"></g></svg>'
    )
    with pytest.raises(ValueError, match="onverwachte CSS-regel"):
        svg_zonder_inline_stijl("<svg><style>.a{fill: red}</style></svg>")
