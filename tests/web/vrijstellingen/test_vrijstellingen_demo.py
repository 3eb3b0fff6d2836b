"""The demo content for vrijstellingen: a granted vrijstelling the school sees, a beroep on art. 5
onder a waiting for the physician's statement, and forwarded verlof of 12 school days for the
office to decide."""

from __future__ import annotations

import pytest
from django.test import Client
from vrijstellingen_hulp import D

from leerrecht.web.demodata.bouw import WACHTWOORD, bouw_demo, demo_school
from leerrecht.web.leerplicht.models import Bureau
from leerrecht.web.verlof.models import Status as VerlofStatus
from leerrecht.web.verlof.models import VerlofAanvraag
from leerrecht.web.vrijstellingen.models import Grond, Status, Vrijstelling

PEILDATUM = D(2026, 3, 20)
PARKSTAD = (
    ("Heerlen", "GM0917"),
    ("Landgraaf", "GM0882"),
    ("Voerendaal", "GM0986"),
    ("Kerkrade", "GM0928"),
    ("Brunssum", "GM0899"),
    ("Simpelveld", "GM0965"),
    ("Beekdaelen", "GM1954"),
)


@pytest.mark.django_db
def test_demo_met_een_besloten_en_een_lopende_vrijstelling(client: Client) -> None:
    demo = bouw_demo(PEILDATUM, 40, seed=2026)  # with the chain partners (issue 5)
    school = demo_school()
    assert school is not None
    assert Bureau.objects.filter(naam="Bureau Leren en Doorstromen Parkstad").exists()
    regels = list(demo.ketenpartners)
    assert any("leerplichtambtenaar" in r for r in regels)
    toegekend = Vrijstelling.objects.get(grond=Grond.ART_5C)
    assert toegekend.status == Status.TOEGEKEND and toegekend.besloten
    lopend = Vrijstelling.objects.get(grond=Grond.ART_5A)
    assert lopend.status == Status.IN_BEHANDELING and lopend.verklaring_ontvangen_op is None
    aanvraag = VerlofAanvraag.objects.get(status=VerlofStatus.DOORGESTUURD)
    assert client.login(username="leerplichtambtenaar", password=WACHTWOORD)
    html = client.get("/vrijstellingen/").content.decode()
    assert f"/vrijstellingen/verlof/{aanvraag.pk}/" in html
    assert f"/vrijstellingen/{lopend.pk}/" in html
    assert client.get(f"/vrijstellingen/{toegekend.pk}/besluit.pdf").content.startswith(b"%PDF")
    assert 'name="besluit"' in client.get(f"/vrijstellingen/verlof/{aanvraag.pk}/").content.decode()
    assert client.login(username="coordinator", password=WACHTWOORD)
    assert str(toegekend.leerling) in client.get("/vrijstellingen/school/").content.decode()
