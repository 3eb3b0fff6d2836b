"""The worklist writes its rows of protocol steps directly (leerrecht.web.registratie.
werklijstrijen) instead of through the template: the page must be the same."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.test.html import parse_html

from leerrecht.web.demodata.bouw import WACHTWOORD, bouw_demo
from leerrecht.web.registratie import views
from leerrecht.web.registratie.models import ActieAfgehandeld

PEILDATUM = dt.date(2026, 3, 20)
URL = f"/?peildatum={PEILDATUM.isoformat()}"


def _stappen(client: Client, taal: str) -> str:
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE=taal).content.decode()
    start = html.index('<section aria-labelledby="kop-stappen">')
    html = html[start : html.index("</section>", start)]
    # a CSRF token is masked anew each time it is asked for: compare without its value
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken"', html)


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_de_rijen_met_protocolstappen_zijn_hetzelfde_als_via_de_template(
    db: None, client: Client, monkeypatch: pytest.MonkeyPatch, taal: str
) -> None:
    bouw_demo(PEILDATUM, 40, seed=5)
    client.login(username="coordinator", password=WACHTWOORD)
    signalen = client.get(URL).context["signalen"]
    assert len(signalen) >= 3
    for row in signalen[:2]:  # two steps done (one with characters to escape), the rest not
        s = row["signaal"]
        ActieAfgehandeld.objects.get_or_create(
            leerling_id=row["leerling"].pk,
            protocol=s.protocol,
            stap=s.step,
            bereikt_op=s.on,
            defaults={
                "notitie": 'Ouders gebeld <"tel">',
                "gedaan_door": User.objects.get(username="coordinator"),
            },
        )
    snel = _stappen(client, taal)
    monkeypatch.setattr(views, "SNEL_WERKLIJST", False)
    template = _stappen(client, taal)
    assert "Ouders gebeld &lt;" in snel and 'name="notitie"' in snel
    assert parse_html(snel) == parse_html(template)
