"""HTMX on the worklist: marking a step done replaces only its cell; without JavaScript the same
form posts and the page reloads (progressive enhancement, issue 4 "HTMX where interaction helps").
The htmx script is served by the app itself (no CDN)."""

from __future__ import annotations

from django.test import Client
from web_hulp import PASSWORD, D, World, absent_days

from leerrecht.web.registratie.models import ActieAfgehandeld

HX = {"HTTP_HX_REQUEST": "true"}
STAP = {
    "protocol": "parkstad-po",
    "stap": "wettelijk-16-uur",
    "bereikt_op": "2026-03-05",
    "volgende": "/?peildatum=2026-03-06",
    "n": "3",
}


def _reach_step(world: World) -> None:
    """3 ongeoorloofde dagen (16,5 uur) in 4 lesweken: Lpw art. 21a, parkstad-po stap 16 uur."""
    absent_days(world.a1, [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 5)])


def test_afhandelen_via_htmx_geeft_alleen_de_cel_terug(client: Client, world: World) -> None:
    _reach_step(world)
    client.login(username="coordinator", password=PASSWORD)
    response = client.post(
        f"/leerlingen/{world.a1.pk}/actie/", {**STAP, "notitie": "Ouders gebeld"}, **HX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gedaan door coordinator" in html and "Ouders gebeld" in html
    assert "<html" not in html and "<form" not in html  # a fragment, not the page
    assert ActieAfgehandeld.objects.get().notitie == "Ouders gebeld"


def test_htmx_zonder_notitie_toont_de_fout_in_de_cel(client: Client, world: World) -> None:
    _reach_step(world)
    client.login(username="coordinator", password=PASSWORD)
    response = client.post(f"/leerlingen/{world.a1.pk}/actie/", {**STAP, "notitie": ""}, **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html and "vul een notitie in" in html
    assert 'id="notitie-3"' in html and 'aria-invalid="true"' in html
    assert not ActieAfgehandeld.objects.exists()


def test_htmx_voor_een_andere_school_blijft_404(client: Client, world: World) -> None:
    _reach_step(world)
    client.login(username="anders", password=PASSWORD)
    response = client.post(f"/leerlingen/{world.a1.pk}/actie/", {**STAP, "notitie": "poging"}, **HX)
    assert response.status_code == 404
    assert not ActieAfgehandeld.objects.exists()


def test_zonder_javascript_werkt_hetzelfde_formulier(client: Client, world: World) -> None:
    _reach_step(world)
    client.login(username="coordinator", password=PASSWORD)
    response = client.post(f"/leerlingen/{world.a1.pk}/actie/", {**STAP, "notitie": "Gebeld"})
    assert response.status_code == 302 and response["Location"] == STAP["volgende"]


def test_werklijst_laadt_htmx_van_de_eigen_server(client: Client, world: World) -> None:
    _reach_step(world)
    client.login(username="coordinator", password=PASSWORD)
    html = client.get("/?peildatum=2026-03-06").content.decode()
    assert '<script src="/static/django_htmx/htmx-2.min.js"' in html
    assert 'hx-post="/leerlingen/' in html and 'hx-target="closest .actie"' in html
    assert "http://" not in html.split("<body", 1)[0] and "https://" not in html.split("<body")[0]
