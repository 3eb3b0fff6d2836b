"""The admin shows DUO-meldingen but never lets anyone rewrite the history or what was reported."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client
from duo_hulp import (
    maak_melding,
    snelle_wachtwoorden,  # noqa: F401  (autouse)
)
from web_hulp import World

from leerrecht.web.meldingen.models import Status
from leerrecht.web.meldingen.statussen import wijzig_status


def test_beheer_toont_meldingen_en_geschiedenis_alleen_lezen(client: Client, world: World) -> None:
    beheerder = User.objects.create_superuser("root", password="een-lang-beheerwachtwoord-7")
    client.force_login(beheerder)
    melding = maak_melding(world)
    html = client.get(f"/beheer/meldingen/duomelding/{melding.pk}/change/").content.decode()
    assert 'name="toelichting"' in html  # een concept mag nog worden aangevuld
    assert 'name="status"' not in html  # de status gaat alleen via de statuskaart
    wijziging = wijzig_status(melding, Status.GEMELD, beheerder, meldingsnummer="VM-9")
    html = client.get(f"/beheer/meldingen/duomelding/{melding.pk}/change/").content.decode()
    assert 'name="toelichting"' not in html  # wat gemeld is, verandert niet meer
    url = f"/beheer/meldingen/statuswijziging/{wijziging.pk}/change/"
    assert client.post(url, {"notitie": "achteraf"}).status_code == 403
    assert client.get("/beheer/meldingen/statuswijziging/add/").status_code == 403
    delete = f"/beheer/meldingen/duomelding/{melding.pk}/delete/"
    assert client.post(delete, {"post": "yes"}).status_code == 403
