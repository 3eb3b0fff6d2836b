"""Before the second factor a session reaches nothing but the two-factor pages, logout and the
language switch: every URL in the URL configuration (walked, so a new page cannot escape), the
admin included, redirects to the code step. Parents (a code, no account) are not affected."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from tweestaps_hulp import app_code, met_app, volledig_inloggen, wachtwoord_stap
from web_hulp import World

from leerrecht.web.tweestaps.middleware import VRIJ_VOOR_TWEESTAPS
from leerrecht.web.verlof.models import OuderToegang

VOORBEELD = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "0" * 32}


def _paden(resolver: URLResolver, prefix: str = "", ns: str = "") -> Iterator[tuple[str, str]]:
    """(URL name, a concrete path) for every route; converters filled with sample values."""
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        if isinstance(pattern, RoutePattern):
            deel = str(pattern)
            for naam, converter in pattern.converters.items():
                soort = type(converter).__name__.replace("Converter", "").lower()
                deel = deel.replace(f"<{soort}:{naam}>", VOORBEELD.get(soort, "1"))
                deel = deel.replace(f"<{naam}>", "x")
        else:  # a regex (the admin's catch-all and app index)
            deel = str(pattern.regex.pattern).lstrip("^").rstrip("$").replace("\\Z", "")
            if "(" in deel or "[" in deel:
                continue
        if isinstance(entry, URLResolver):
            sub_ns = entry.namespace or ns
            yield from _paden(entry, prefix + deel, sub_ns)
        elif isinstance(entry, URLPattern) and entry.name:
            naam = f"{ns}:{entry.name}" if ns else entry.name
            yield naam, "/" + prefix + deel


ALLE = sorted(set(_paden(get_resolver())))
TWEESTAPS = [(naam, pad) for naam, pad in ALLE if naam.startswith("tweestaps:")]
AFGESCHERMD = [
    (naam, pad)
    for naam, pad in ALLE
    if not naam.startswith("tweestaps:") and naam not in VRIJ_VOOR_TWEESTAPS
]


def test_de_lijst_dekt_alle_onderdelen_en_de_admin() -> None:
    namespaces = {naam.split(":")[0] for naam, _pad in AFGESCHERMD if ":" in naam}
    assert {"admin", "meldingen", "verlof", "ouders", "leerplicht", "jgz", "dossiers"} <= namespaces
    assert {"thuiszitters", "vrijstellingen", "schoolbeheer", "importeren"} <= namespaces
    assert len(AFGESCHERMD) > 100


@pytest.fixture
def onbevestigd(world: World) -> Client:
    client = Client()
    met_app(world.coordinator)
    wachtwoord_stap(client, world.coordinator)
    return client


@pytest.mark.parametrize(("naam", "pad"), AFGESCHERMD, ids=[n for n, _p in AFGESCHERMD])
def test_een_onbevestigde_sessie_gaat_naar_de_tweede_stap(
    onbevestigd: Client, naam: str, pad: str
) -> None:
    response = onbevestigd.get(pad)
    assert response.status_code == 302, (naam, pad, response.status_code)
    assert response["Location"].startswith("/tweestaps/?next="), (naam, response["Location"])
    response = onbevestigd.post(pad, {"x": "1"})
    assert response.status_code == 302 and response["Location"] == "/tweestaps/", naam


def test_htmx_krijgt_een_volledige_doorverwijzing(onbevestigd: Client) -> None:
    response = onbevestigd.get("/", headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith("/tweestaps/?next=")


def test_uitloggen_en_de_tweestapspaginas_blijven_bereikbaar(onbevestigd: Client) -> None:
    assert TWEESTAPS
    assert onbevestigd.get("/tweestaps/").status_code == 200
    assert onbevestigd.get("/tweestaps/reservecodes/").status_code == 200
    response = onbevestigd.post("/uitloggen/")
    assert response.status_code == 302 and response["Location"] == "/inloggen/"
    assert onbevestigd.get("/").status_code == 302


def test_na_de_tweede_stap_gaat_alles_open_ook_de_admin(world: World) -> None:
    from django.contrib.auth.models import User

    beheerder = User.objects.create_superuser("beheer", password="een-lang-testwachtwoord-42")
    device = met_app(beheerder)
    client = Client()
    wachtwoord_stap(client, beheerder, "/beheer/")
    assert client.get("/beheer/").status_code == 302
    response = client.post("/tweestaps/", {"code": app_code(device), "next": "/beheer/"})
    assert response["Location"] == "/beheer/"
    assert client.get("/beheer/").status_code == 200


def test_ouders_merken_niets_van_de_tweede_stap(world: World) -> None:
    _toegang, code = OuderToegang.uitgeven(world.a1, world.coordinator)
    client = Client()
    response = client.post("/ouders/", {"code": code})
    assert response.status_code == 302 and response["Location"] == "/ouders/overzicht/"
    assert client.get("/ouders/overzicht/").status_code == 200
    assert client.get("/ouders/ziekmelding/").status_code == 200


def test_een_medewerker_met_tweede_stap_kan_gewoon_werken(world: World, settings: Any) -> None:
    device = met_app(world.docent_a)
    client = Client()
    volledig_inloggen(client, world.docent_a, device)
    assert client.get(f"/registreren/{world.groep_a.pk}/").status_code == 200


def test_de_tweede_stap_kost_per_verzoek_een_query(world: World, settings: Any) -> None:
    """A verified session costs one SELECT of its device per request (django-otp's
    OTPMiddleware); the session clocks add no write within the minute."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    device = met_app(world.docent_a)
    client = Client()
    volledig_inloggen(client, world.docent_a, device)
    pad = f"/registreren/{world.groep_a.pk}/"
    client.get(pad)
    with CaptureQueriesContext(connection) as vastgelegd:
        assert client.get(pad).status_code == 200
    met = [q["sql"] for q in vastgelegd.captured_queries]  # read now: a request resets the log
    settings.LEERRECHT_TWEESTAPS = False
    zonder_client = Client()
    zonder_client.force_login(world.docent_a)
    zonder_client.get(pad)
    with CaptureQueriesContext(connection) as vastgelegd:
        assert zonder_client.get(pad).status_code == 200
    zonder = [q["sql"] for q in vastgelegd.captured_queries]
    assert len([sql for sql in met if "otp_totp_totpdevice" in sql]) == 1
    assert len(met) == len(zonder) + 1
    assert not any("UPDATE" in sql and "django_session" in sql for sql in met)
