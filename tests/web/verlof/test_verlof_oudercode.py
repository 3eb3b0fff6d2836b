"""Parents get in with a code the school issues, without an account; a wrong or withdrawn code
gets the same answer and never reveals whether a pupil exists."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.test import Client
from verlof_hulp import World, geef_code, login, meld_aan

from leerrecht.web.scholen.models import Leerling
from leerrecht.web.verlof.models import OuderToegang

ONGELDIG = "Deze code is niet geldig"


def test_juiste_code_geeft_toegang_tot_de_eigen_leerling(world: World) -> None:
    code = geef_code(world.a1, world.coordinator)
    client = meld_aan(Client(), code)
    html = client.get("/ouders/overzicht/").content.decode()
    assert "U bent aangemeld voor Leerlinga1" in html
    assert client.session["verlof_ouder_leerling"] == world.a1.pk
    assert OuderToegang.objects.get().laatst_gebruikt is not None


def test_code_met_spaties_eromheen_werkt_ook(world: World) -> None:
    code = geef_code(world.a1, world.coordinator)
    assert Client().post("/ouders/", {"code": f"  {code} "}).status_code == 302


def test_verkeerde_code_geeft_een_duidelijke_melding_en_geen_toegang(
    client: Client, world: World
) -> None:
    geef_code(world.a1, world.coordinator)
    response = client.post("/ouders/", {"code": "dit-is-geen-code"})
    assert response.status_code == 200
    assert ONGELDIG in response.content.decode()
    assert "verlof_ouder_leerling" not in client.session
    assert client.get("/ouders/overzicht/")["Location"] == "/ouders/"


def test_ingetrokken_code_werkt_niet_en_verraadt_niet_dat_de_leerling_bestaat(
    client: Client, world: World
) -> None:
    code = geef_code(world.a1, world.coordinator)
    OuderToegang.objects.update(actief=False)
    ingetrokken = client.post("/ouders/", {"code": code})
    onbekend = client.post("/ouders/", {"code": "x" * len(code)})
    for response in (ingetrokken, onbekend):
        html = response.content.decode()
        assert response.status_code == 200
        assert ONGELDIG in html
        assert "Leerlinga1" not in html and "De Linde" not in html
    assert "verlof_ouder_leerling" not in client.session


def test_intrekken_sluit_een_lopende_sessie_direct_af(
    world: World, ouder: Callable[[Leerling], Client]
) -> None:
    client = ouder(world.a1)
    assert client.get("/ouders/overzicht/").status_code == 200
    OuderToegang.objects.update(actief=False)
    response = client.get("/ouders/overzicht/")
    assert response.status_code == 302 and response["Location"] == "/ouders/"


def test_afmelden_beeindigt_de_toegang(world: World, ouder: Callable[[Leerling], Client]) -> None:
    client = ouder(world.a1)
    client.post("/ouders/afmelden/")
    assert client.get("/ouders/overzicht/").status_code == 302


def test_alleen_de_hash_en_een_kort_begin_van_de_code_worden_bewaard(world: World) -> None:
    toegang, code = OuderToegang.uitgeven(world.a1, world.coordinator)
    assert len(code) >= 32
    toegang.refresh_from_db()
    assert toegang.code_hash == hashlib.sha256(code.encode()).hexdigest()
    assert toegang.prefix == code[:6]
    opgeslagen = {str(v) for v in OuderToegang.objects.values_list(flat=False).get()}
    assert code not in opgeslagen


def test_school_geeft_een_code_uit_en_toont_die_maar_een_keer(world: World) -> None:
    client = login(world.coordinator)
    response = client.post(f"/verlof/toegang/{world.a1.pk}/", {"actie": "uitgeven"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    toegang = OuderToegang.objects.get(leerling=world.a1)
    html = response.content.decode()
    code = html.split('id="nieuwe-code" value="')[1].split('"')[0]
    assert toegang.code_hash == hashlib.sha256(code.encode()).hexdigest()
    assert f"/ouders/?code={code}" in html
    assert code not in client.get(f"/verlof/toegang/{world.a1.pk}/").content.decode()
    meld_aan(Client(), code)


def test_school_kan_een_code_intrekken(world: World) -> None:
    toegang, code = OuderToegang.uitgeven(world.a1, world.coordinator)
    client = login(world.coordinator)
    client.post(f"/verlof/toegang/{world.a1.pk}/", {"actie": "intrekken", "toegang": toegang.pk})
    toegang.refresh_from_db()
    assert not toegang.actief
    assert ONGELDIG in Client().post("/ouders/", {"code": code}).content.decode()


def test_link_van_de_school_vult_de_code_alvast_in(client: Client, world: World) -> None:
    html = client.get("/ouders/?code=abc123").content.decode()
    assert 'value="abc123"' in html


def test_docent_en_andere_school_geven_geen_codes_uit(world: World) -> None:
    for user in (world.docent_a, world.other_coordinator):
        client = login(user)
        assert client.get(f"/verlof/toegang/{world.a1.pk}/").status_code == 404
        assert (
            client.post(f"/verlof/toegang/{world.a1.pk}/", {"actie": "uitgeven"}).status_code == 404
        )
    assert login(world.docent_a).get("/verlof/toegang/").status_code == 404
    assert not OuderToegang.objects.exists()


def test_codes_uitgeven_vraagt_een_schoolbrede_rol(world: World) -> None:
    client = login(world.coordinator)
    html = client.get("/verlof/toegang/").content.decode()
    assert "Leerlinga1" in html and "Leerlingx1" not in html


def test_zonder_inloggen_geen_codes_uitgeven(client: Client, world: World) -> None:
    response = client.get(f"/verlof/toegang/{world.a1.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
