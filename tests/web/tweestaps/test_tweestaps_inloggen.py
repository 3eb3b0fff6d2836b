"""Two-factor login for staff (issue 7: "two-factor for staff"): after the password a 6-digit
code of an authenticator app (TOTP, RFC 6238) or a single-use backup code; an account without
an app enrols first (QR code and secret, confirmed with a code, then 10 backup codes once)."""

from __future__ import annotations

import base64
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.contrib.auth.models import User
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from tweestaps_hulp import (
    app_code,
    met_app,
    met_reservecodes,
    volledig_inloggen,
    wachtwoord_stap,
)
from web_hulp import World

from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.tweestaps.checks import tweestaps_check


def test_na_het_wachtwoord_volgt_de_tweede_stap_met_de_gevraagde_pagina(
    client: Client, world: World
) -> None:
    met_app(world.coordinator)
    doel = f"/leerlingen/{world.a1.pk}/"
    location = wachtwoord_stap(client, world.coordinator, doel)
    assert urlsplit(location).path == "/tweestaps/"
    assert parse_qs(urlsplit(location).query)["next"] == [doel]
    # logged in, but not verified: the pupil page is out of reach
    response = client.get(doel)
    assert response.status_code == 302 and response["Location"].startswith("/tweestaps/")
    page = client.get(location)
    assert page.status_code == 200
    assert "code van 6 cijfers" in page.content.decode()
    assert 'aria-label="Hoofdmenu"' not in page.content.decode()  # every link would bounce


def test_inloggen_met_een_geldige_code_opent_de_gevraagde_pagina(
    client: Client, world: World
) -> None:
    device = met_app(world.coordinator)
    doel = f"/leerlingen/{world.a1.pk}/"
    wachtwoord_stap(client, world.coordinator, doel)
    response = client.post("/tweestaps/", {"code": app_code(device), "next": doel})
    assert response.status_code == 302 and response["Location"] == doel
    pagina = client.get(doel)
    assert pagina.status_code == 200
    assert 'aria-label="Hoofdmenu"' in pagina.content.decode()


def test_een_foute_code_wordt_geweigerd_en_de_sessie_blijft_onbevestigd(
    client: Client, world: World, settings: Any
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's own delay is tested separately
    device = met_app(world.coordinator)
    wachtwoord_stap(client, world.coordinator)
    goed = app_code(device)
    fout = f"{(int(goed) + 1) % 1_000_000:06d}"
    response = client.post("/tweestaps/", {"code": fout, "next": "/"})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get("/").status_code == 302
    assert client.post("/tweestaps/", {"code": goed, "next": "/"}).status_code == 302
    assert client.get("/").status_code == 200


def test_een_code_werkt_maar_een_keer(world: World, settings: Any) -> None:
    """TOTPDevice.last_t: a code seen once is refused, even within its 30 seconds."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = met_app(world.coordinator)
    volledig_inloggen(Client(), world.coordinator, device)
    tweede = Client()
    wachtwoord_stap(tweede, world.coordinator)
    response = tweede.post("/tweestaps/", {"code": app_code(device), "next": "/"})
    assert response.status_code == 200 and "Deze code klopt niet" in response.content.decode()


def test_na_een_foute_code_vertraagt_het_apparaat_de_volgende_poging(
    client: Client, world: World
) -> None:
    """django-otp's throttling per device (1, 2, 4, ... s), whatever the client address."""
    device = met_app(world.coordinator)
    wachtwoord_stap(client, world.coordinator)
    goed = app_code(device)
    client.post("/tweestaps/", {"code": f"{(int(goed) + 1) % 1_000_000:06d}"})
    response = client.post("/tweestaps/", {"code": goed})
    assert response.status_code == 200
    assert "moet u even wachten" in response.content.decode()
    assert client.get("/").status_code == 302


def test_een_reservecode_werkt_een_keer(world: World) -> None:
    user = world.coordinator
    met_app(user)
    met_reservecodes(user, "abcd2345", "efgh6723")
    client = Client()
    wachtwoord_stap(client, user)
    response = client.post("/tweestaps/", {"code": "ABCD-2345", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert list(StaticToken.objects.values_list("token", flat=True)) == ["efgh6723"]
    assert AuditRegel.objects.filter(wie=user, doel="inloggen", actie="wijzigen").exists()

    opnieuw = Client()
    wachtwoord_stap(opnieuw, user)
    response = opnieuw.post("/tweestaps/", {"code": "abcd2345", "next": "/"})
    assert response.status_code == 200 and "Deze code klopt niet" in response.content.decode()
    assert opnieuw.get("/").status_code == 302


def test_zonder_app_volgt_instellen_met_qr_code_en_sleutel_en_dan_reservecodes(
    client: Client, world: World
) -> None:
    user = world.docent_a
    wachtwoord_stap(client, user)
    response = client.get("/tweestaps/?next=/")
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/tweestaps/instellen/"
    page = client.get(response["Location"]).content.decode()
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    assert "<svg" in page and "<style" not in page.split("<svg", 1)[1]
    # the secret as text equals the device key (what the app computes its codes from)
    geheim = re.search(r'<code class="geheim">([A-Z2-7 ]+)</code>', page)
    assert geheim is not None
    tekst = geheim.group(1).replace(" ", "")
    assert base64.b32decode(tekst + "=" * (-len(tekst) % 8)) == device.bin_key

    response = client.post("/tweestaps/instellen/", {"code": app_code(device), "next": "/"})
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/tweestaps/reservecodes/"
    device.refresh_from_db()
    assert device.confirmed
    codes_pagina = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_pagina)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    )
    # shown once: the next visit lists none of them
    tweede_keer = client.get("/tweestaps/reservecodes/").content.decode()
    assert not any(c in tweede_keer for c in codes)
    assert "nog 10 ongebruikte reservecodes" in tweede_keer
    assert client.get("/").status_code == 200
    assert set(
        AuditRegel.objects.filter(wie=user, doel="inloggen").values_list("omschrijving", flat=True)
    ) == {"app ingesteld", "10 nieuwe reservecodes (de oude vervallen)"}


def test_instellen_met_een_foute_code_bevestigt_niets(client: Client, world: World) -> None:
    wachtwoord_stap(client, world.docent_a)
    client.get("/tweestaps/instellen/")
    device = TOTPDevice.objects.get(user=world.docent_a)
    goed = app_code(device)
    response = client.post("/tweestaps/instellen/", {"code": f"{(int(goed) + 1) % 1_000_000:06d}"})
    assert response.status_code == 200 and "Deze code klopt niet" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticDevice.objects.filter(user=world.docent_a).exists()
    assert client.get("/").status_code == 302


def test_met_alleen_het_wachtwoord_komt_er_geen_tweede_app_of_nieuwe_reservecodes(
    client: Client, world: World
) -> None:
    """Otherwise whoever has the password alone could pass the second factor."""
    user = world.coordinator
    met_app(user)
    wachtwoord_stap(client, user)
    response = client.get("/tweestaps/instellen/")
    assert response.status_code == 302 and response["Location"].startswith("/tweestaps/?")
    assert TOTPDevice.objects.filter(user=user).count() == 1
    response = client.post("/tweestaps/reservecodes/nieuw/")
    assert response.status_code == 302 and response["Location"] == "/tweestaps/"
    assert not StaticDevice.objects.filter(user=user).exists()
    assert (
        "Nieuwe reservecodes maken" not in client.get("/tweestaps/reservecodes/").content.decode()
    )


def test_nieuwe_reservecodes_na_de_tweede_stap_vervangen_de_oude(world: World) -> None:
    user = world.coordinator
    device = met_app(user)
    met_reservecodes(user, "oudecode")
    client = Client()
    volledig_inloggen(client, user, device)
    response = client.post("/tweestaps/reservecodes/nieuw/")
    assert response.status_code == 302
    pagina = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", pagina)
    assert len(codes) == 10
    assert not StaticToken.objects.filter(token="oudecode").exists()


def test_de_sessiesleutel_wisselt_bij_wachtwoord_en_bij_tweede_stap(
    client: Client, world: World
) -> None:
    device = met_app(world.coordinator)
    client.get("/")  # an anonymous session first (the language or a message can make one)
    client.session.save()
    voor = client.session.session_key
    wachtwoord_stap(client, world.coordinator)
    na_wachtwoord = client.session.session_key
    client.post("/tweestaps/", {"code": app_code(device)})
    na_code = client.session.session_key
    assert na_wachtwoord not in (None, voor)
    assert na_code not in (None, voor, na_wachtwoord)


def test_zonder_tweestaps_logt_het_wachtwoord_direct_in(
    client: Client, world: World, settings: Any
) -> None:
    settings.LEERRECHT_TWEESTAPS = False
    assert wachtwoord_stap(client, world.coordinator) == "/"
    assert client.get("/").status_code == 200


def test_check_deploy_waarschuwt_als_tweestaps_uit_staat_buiten_de_demo(settings: Any) -> None:
    settings.LEERRECHT_TWEESTAPS = False
    settings.DEMO = False
    assert [w.id for w in tweestaps_check(None)] == ["leerrecht.W010"]
    settings.DEMO = True
    assert tweestaps_check(None) == []
    settings.DEMO = False
    settings.LEERRECHT_TWEESTAPS = True
    assert tweestaps_check(None) == []


def test_een_verwijderd_apparaat_betekent_opnieuw_instellen(client: Client, world: World) -> None:
    """What the application manager does in /beheer/ for a lost phone: delete the device."""
    device = met_app(world.coordinator)
    device.delete()
    wachtwoord_stap(client, world.coordinator)
    response = client.get("/tweestaps/")
    assert urlsplit(response["Location"]).path == "/tweestaps/instellen/"


def test_de_beheerder_kan_apparaten_verwijderen_in_beheer(client: Client, world: World) -> None:
    from django.contrib import admin

    assert TOTPDevice in admin.site._registry and StaticDevice in admin.site._registry
    beheerder = User.objects.create_superuser("beheer", password="een-lang-testwachtwoord-42")
    device = met_app(beheerder)
    doel = met_app(world.coordinator)
    volledig_inloggen(client, beheerder, device)
    response = client.post(f"/beheer/otp_totp/totpdevice/{doel.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=doel.pk).exists()


def test_de_tweede_stap_stuurt_nooit_door_naar_een_andere_site(
    client: Client, world: World
) -> None:
    device = met_app(world.coordinator)
    wachtwoord_stap(client, world.coordinator)
    response = client.post(
        "/tweestaps/", {"code": app_code(device), "next": "https://aanvaller.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    page = client.get("/tweestaps/?next=//aanvaller.example/")
    assert page.status_code == 302 and page["Location"] == "/"
