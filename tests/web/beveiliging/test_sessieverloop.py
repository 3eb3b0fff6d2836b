"""Session expiry (issue 7: "session expiry"): at most LEERRECHT_SESSION_SECONDS (8 hours)
after login, and LEERRECHT_SESSIE_INACTIEF_MINUTEN (30) without a request; for parents too.
Time travel by moving the timestamps in the session back, no sleeping. Logout is POST only."""

from __future__ import annotations

from typing import Any

from django.test import Client
from web_hulp import PASSWORD, World

from leerrecht.web.tweestaps.sessie import SCHRIJF_INTERVAL, SESSIE_ACTIEF, SESSIE_BEGIN
from leerrecht.web.verlof.models import OuderToegang


def _ingelogd(world: World, settings: Any) -> Client:
    settings.LEERRECHT_TWEESTAPS = False
    client = Client()
    response = client.post("/inloggen/", {"username": "coordinator", "password": PASSWORD})
    assert response.status_code == 302
    return client


def _verschuif(client: Client, **seconden_terug: int) -> None:
    session = client.session
    for sleutel, terug in (
        (SESSIE_BEGIN, seconden_terug.get("begin", 0)),
        (SESSIE_ACTIEF, seconden_terug.get("actief", 0)),
    ):
        session[sleutel] = int(session[sleutel]) - terug
    session.save()


def test_inloggen_zet_beide_klokken(client: Client, world: World, settings: Any) -> None:
    client = _ingelogd(world, settings)
    session = client.session
    assert isinstance(session[SESSIE_BEGIN], int)
    assert session[SESSIE_BEGIN] == session[SESSIE_ACTIEF]


def test_na_dertig_minuten_zonder_activiteit_is_de_sessie_voorbij(
    world: World, settings: Any
) -> None:
    client = _ingelogd(world, settings)
    _verschuif(client, begin=29 * 60, actief=29 * 60)
    assert client.get("/").status_code == 200  # 29 minutes: still in, and the clock restarts
    _verschuif(client, actief=30 * 60 + 1)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/inloggen/?next=%2F"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "automatisch uitgelogd na 30 minuten zonder activiteit" in page
    assert client.get("/").status_code == 302


def test_activiteit_houdt_de_sessie_levend_maar_niet_langer_dan_acht_uur(
    world: World, settings: Any
) -> None:
    client = _ingelogd(world, settings)
    _verschuif(client, begin=8 * 3600 - 60, actief=20 * 60)
    assert client.get("/").status_code == 200
    assert client.session[SESSIE_ACTIEF] >= client.session[SESSIE_BEGIN] + 8 * 3600 - 61
    _verschuif(client, begin=61)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
    page = client.get(response["Location"]).content.decode()
    assert "een sessie duurt ten hoogste 8 uur" in page


def test_de_tijden_volgen_de_instellingen(world: World, settings: Any) -> None:
    settings.LEERRECHT_SESSIE_INACTIEF_SECONDEN = 5 * 60
    client = _ingelogd(world, settings)
    _verschuif(client, actief=5 * 60 + 1)
    assert client.get("/").status_code == 302


def test_de_laatste_activiteit_wordt_hoogstens_eens_per_minuut_geschreven(
    world: World, settings: Any
) -> None:
    """Most requests do not save the session (no UPDATE per request)."""
    client = _ingelogd(world, settings)
    _verschuif(client, actief=SCHRIJF_INTERVAL - 5)
    voor = client.session[SESSIE_ACTIEF]
    client.get("/")
    assert client.session[SESSIE_ACTIEF] == voor
    _verschuif(client, actief=10)
    client.get("/")
    assert client.session[SESSIE_ACTIEF] > voor


def test_ook_de_sessie_van_een_ouder_verloopt(world: World) -> None:
    _toegang, code = OuderToegang.uitgeven(world.a1, world.coordinator)
    client = Client()
    assert client.post("/ouders/", {"code": code}).status_code == 302
    assert client.get("/ouders/overzicht/").status_code == 200
    _verschuif(client, actief=31 * 60)
    response = client.get("/ouders/overzicht/")
    assert response.status_code == 302 and response["Location"].startswith("/ouders/")
    assert client.get("/ouders/overzicht/")["Location"] == "/ouders/"


def test_uitloggen_kan_alleen_met_post(world: World, settings: Any) -> None:
    client = _ingelogd(world, settings)
    assert client.get("/uitloggen/").status_code == 405
    assert client.get("/").status_code == 200
    assert client.post("/uitloggen/").status_code == 302
    assert client.get("/").status_code == 302


def test_het_uitlogknopje_is_een_formulier_met_post(world: World, settings: Any) -> None:
    client = _ingelogd(world, settings)
    html = client.get("/").content.decode()
    assert '<form method="post" action="/uitloggen/" class="uit">' in html
    assert 'href="/uitloggen/"' not in html


def test_de_sessiesleutel_wisselt_bij_inloggen(client: Client, world: World, settings: Any) -> None:
    settings.LEERRECHT_TWEESTAPS = False
    client.get("/inloggen/")
    voor = client.session.session_key
    client.post("/inloggen/", {"username": "coordinator", "password": PASSWORD})
    assert client.session.session_key not in (None, voor)


def test_een_verlopen_sessie_stuurt_htmx_door_naar_de_inlogpagina(
    world: World, settings: Any
) -> None:
    """An htmx request (a worklist action) would otherwise swap the login page into a cell."""
    client = _ingelogd(world, settings)
    _verschuif(client, actief=31 * 60)
    response = client.post("/", {"x": "1"}, headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == "/inloggen/"
    assert "_auth_user_id" not in client.session
