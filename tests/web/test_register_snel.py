"""Opening the register writes its lines directly (leerrecht.web.registratie.regels) instead of
through a template per widget: the page must be the same as with Django's widgets."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.test.html import parse_html
from web_hulp import PASSWORD, D, World

from leerrecht.web.registratie import views
from leerrecht.web.registratie.models import Registratie


def _pagina(client: Client, url: str, taal: str) -> str:
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=taal).content.decode()
    start, end = html.index('<table class="register">'), html.index("</table>")
    return html[start : end + len("</table>")]


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_het_register_is_hetzelfde_als_met_de_widgets_van_django(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch, taal: str
) -> None:
    dag = D(2026, 3, 2)
    Registratie.objects.create(
        leerling=world.a1, datum=dag, moment="dag", soort="absent", reden="ziek", notitie='"<b>"'
    )
    Registratie.objects.create(
        leerling=world.a2,
        datum=dag,
        moment="dag",
        soort="late",
        reden="ongeoorloofd",
        uren=Decimal("0.25"),
    )
    world.a2.voornaam = "Zoë & <Ali>"
    world.a2.save()
    client.login(username="docent", password=PASSWORD)
    url = f"/registreren/{world.groep_a.pk}/?datum=2026-03-02&moment=dag"
    snel = _pagina(client, url, taal)
    monkeypatch.setattr(views, "SNEL_REGISTER", False)
    widgets = _pagina(client, url, taal)
    assert "checked" in snel and "selected" in snel and 'value="15"' in snel
    assert parse_html(snel) == parse_html(widgets)
