"""Saving the register with htmx (the page's form): the answer is the form alone, as it is
after the save, with the message in it; no redirect and no second request for the whole page.
Without JavaScript the form posts and the browser follows a redirect (tests in
test_register_en_werklijst.py)."""

from __future__ import annotations

import re

from django.contrib.messages import get_messages
from django.test import Client
from django.test.html import parse_html
from web_hulp import PASSWORD, D, World

from leerrecht.web.registratie.models import Registratie

DAG = "2026-03-02"
HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(world: World, datum: str = DAG) -> str:
    return f"/registreren/{world.groep_a.pk}/?datum={datum}&moment=dag"


def _data(rows: list[dict[str, str]]) -> dict[str, str]:
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(len(rows))}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"form-{i}-{key}"] = value
    return data


def _tabel(html: str) -> str:
    start, end = html.index('<table class="register">'), html.index("</table>")
    return html[start : end + len("</table>")]


def _zonder_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_opslaan_met_htmx_geeft_het_formulier_zoals_het_nu_is(client: Client, world: World) -> None:
    client.login(username="docent", password=PASSWORD)
    rows = [
        {"leerling": str(world.a1.pk), "status": "absent", "reden": "ongeoorloofd"},
        {"leerling": str(world.a2.pk), "status": "late", "minuten": "10", "reden": ""},
    ]
    response = client.post(_url(world), _data(rows), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<form") and "<html" not in html  # the form alone
    assert 'hx-post="' in html and 'hx-swap="outerHTML"' in html
    assert 'role="status"' in html and "Register opgeslagen: 2 wijziging(en)." in html
    assert Registratie.objects.filter(datum=D(2026, 3, 2)).count() == 2
    assert not list(get_messages(response.wsgi_request))  # not shown a second time
    # the same lines as the page opened now
    pagina = client.get(_url(world)).content.decode()
    assert "Register opgeslagen" not in pagina
    assert parse_html(_zonder_csrf(_tabel(html))) == parse_html(_zonder_csrf(_tabel(pagina)))
    assert 'value="10"' in _tabel(html)


def test_een_fout_met_htmx_staat_in_het_formulier_en_niets_is_opgeslagen(
    client: Client, world: World
) -> None:
    client.login(username="docent", password=PASSWORD)
    rows = [
        {"leerling": str(world.a1.pk), "status": "absent", "reden": "ongeoorloofd"},
        {"leerling": str(world.a2.pk), "status": "absent", "reden": ""},
    ]
    response = client.post(_url(world), _data(rows), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'role="alert"' in html and "controleer de gemarkeerde regels" in html
    assert "Kies een reden" in html and 'class="fout-rij"' in html
    assert not Registratie.objects.exists()
    assert not list(get_messages(response.wsgi_request))


def test_na_opslaan_met_htmx_vraagt_het_formulier_naar_de_ouders_bij_ziek(
    client: Client, world: World
) -> None:
    """The answer is read from the database after the save: a line that is now ziek gets the
    field for reclassifying it (the date the parents were told), as when the page opens."""
    client.login(username="docent", password=PASSWORD)
    rows = [
        {"leerling": str(world.a1.pk), "status": "absent", "reden": "ziek"},
        {"leerling": str(world.a2.pk), "status": "aanwezig"},
    ]
    vooraf = client.get(_url(world)).content.decode()
    assert "form-0-ouders_geinformeerd_op" not in vooraf
    html = client.post(_url(world), _data(rows), **HTMX).content.decode()
    assert 'name="form-0-ouders_geinformeerd_op"' in html
    assert 'name="form-1-ouders_geinformeerd_op"' not in html


def test_htmx_op_een_dag_zonder_school_laadt_de_pagina_die_het_uitlegt(
    client: Client, world: World
) -> None:
    client.login(username="docent", password=PASSWORD)
    url = _url(world, "2026-02-16")  # voorjaarsvakantie
    rows = [{"leerling": str(world.a1.pk), "status": "absent", "reden": "ziek"}]
    response = client.post(url, _data(rows), **HTMX)
    assert response.headers["HX-Redirect"] == url
    assert not Registratie.objects.exists()


def test_zonder_htmx_blijft_het_een_redirect_naar_de_pagina(client: Client, world: World) -> None:
    client.login(username="docent", password=PASSWORD)
    rows = [{"leerling": str(world.a1.pk), "status": "absent", "reden": "ongeoorloofd"}]
    rows.append({"leerling": str(world.a2.pk), "status": "aanwezig"})
    response = client.post(_url(world), _data(rows))
    assert response.status_code == 302
    pagina = client.get(response.headers["Location"]).content.decode()
    assert "Register opgeslagen: 1 wijziging(en)." in pagina and "<html" in pagina
