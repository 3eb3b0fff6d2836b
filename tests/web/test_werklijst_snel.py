"""The worklist writes its rows of protocol steps directly (leerrecht.web.registratie.
werklijstrijen) instead of through the template: the page must be the same."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.test.html import parse_html

from leerrecht.web.demodata.bouw import WACHTWOORD, bouw_demo, demo_school
from leerrecht.web.evaluaties import cache as evaluaties_cache
from leerrecht.web.registratie import views
from leerrecht.web.registratie.models import ActieAfgehandeld
from leerrecht.web.scholen.models import Groep

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


def _sectie(client: Client, kop: str, taal: str) -> str:
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE=taal).content.decode()
    start = html.index(f'<section aria-labelledby="{kop}">')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_de_links_naar_het_register_per_groep_zijn_hetzelfde_als_via_de_template(
    db: None, client: Client, monkeypatch: pytest.MonkeyPatch, taal: str
) -> None:
    bouw_demo(PEILDATUM, 40, seed=5)
    school = demo_school()
    assert school is not None
    Groep.objects.create(school=school, naam='7 "<b>" & co')
    client.login(username="coordinator", password=WACHTWOORD)
    snel = _sectie(client, "kop-registreren", taal)
    monkeypatch.setattr(views, "SNEL_WERKLIJST", False)
    template = _sectie(client, "kop-registreren", taal)
    assert snel.count("<li>") == Groep.objects.filter(school=school).count() >= 3
    assert "7 &quot;&lt;b&gt;&quot; &amp; co" in snel and "?datum=2026-03-20" in snel
    assert parse_html(snel) == parse_html(template)


def test_afgehandelde_acties_per_school_gelezen_zijn_dezelfde(
    db: None, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large school reads the actions done by school instead of a list of ids: the same
    steps are marked done."""
    bouw_demo(PEILDATUM, 40, seed=5)
    client.login(username="coordinator", password=WACHTWOORD)
    signalen = client.get(URL).context["signalen"]
    coordinator = User.objects.get(username="coordinator")
    for row in signalen[:2]:
        s = row["signaal"]
        ActieAfgehandeld.objects.create(
            leerling_id=row["leerling"].pk,
            protocol=s.protocol,
            stap=s.step,
            bereikt_op=s.on,
            notitie="gebeld",
            gedaan_door=coordinator,
        )
    per_id = _sectie(client, "kop-stappen", "nl")
    monkeypatch.setattr(evaluaties_cache, "LIJST_TOT", 0)  # every pupil read by school
    per_school = _sectie(client, "kop-stappen", "nl")
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert per_school.count("Gedaan door coordinator") == 2
    assert parse_html(strip.sub("", per_school)) == parse_html(strip.sub("", per_id))
