"""Login rate limiting (issue 7: "login rate limiting"), django-axes with its attempts in the
database (so every gunicorn worker counts the same): after 5 failed passwords or codes for one
username from one IP address that pair is locked for 15 minutes (LEERRECHT_INLOG_POGINGEN,
LEERRECHT_INLOG_BLOKKADE_MINUTEN); the 2FA step and the parents' code page count too."""

from __future__ import annotations

import datetime as dt
from typing import Any

from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from web_hulp import PASSWORD, World

from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.verlof.models import OuderToegang


def _fout_wachtwoord(client: Client, username: str) -> Any:
    return client.post("/inloggen/", {"username": username, "password": "fout-wachtwoord-123"})


def _goed_wachtwoord(client: Client, username: str) -> Any:
    return client.post("/inloggen/", {"username": username, "password": PASSWORD})


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def _terug_in_de_tijd(minuten: int) -> None:
    AccessAttempt.objects.update(
        attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minuten)
    )


def test_na_vijf_foute_wachtwoorden_is_de_gebruiker_vanaf_dit_adres_een_kwartier_geblokkeerd(
    client: Client, world: World, settings: Any
) -> None:
    settings.LEERRECHT_TWEESTAPS = False
    for _poging in range(4):
        response = _fout_wachtwoord(client, "coordinator")
        assert response.status_code == 200
        assert "Gebruikersnaam of wachtwoord klopt niet" in response.content.decode()
    response = _fout_wachtwoord(client, "coordinator")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Tijdelijk geblokkeerd" in html and "15 minuten" in html and "5 keer" in html
    assert response["Retry-After"] == "900"
    # now even the right password is refused, from this address
    response = _goed_wachtwoord(client, "coordinator")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # another address, or another username from this address, is not locked
    ander_adres = Client(REMOTE_ADDR="192.0.2.7")
    assert _goed_wachtwoord(ander_adres, "coordinator").status_code == 302
    assert _goed_wachtwoord(Client(), "docent").status_code == 302


def test_na_het_kwartier_kan_het_weer(client: Client, world: World, settings: Any) -> None:
    settings.LEERRECHT_TWEESTAPS = False
    for _poging in range(5):
        _fout_wachtwoord(client, "coordinator")
    assert _goed_wachtwoord(client, "coordinator").status_code == 429
    _terug_in_de_tijd(14)
    assert _goed_wachtwoord(client, "coordinator").status_code == 429
    _terug_in_de_tijd(16)
    assert _goed_wachtwoord(client, "coordinator").status_code == 302


def test_de_beheerder_heft_een_blokkade_op_in_beheer(world: World, settings: Any) -> None:
    from django.contrib import admin

    settings.LEERRECHT_TWEESTAPS = False
    assert AccessAttempt in admin.site._registry
    client = Client()
    for _poging in range(5):
        _fout_wachtwoord(client, "coordinator")
    poging = AccessAttempt.objects.get(username="coordinator")
    beheerder = User.objects.create_superuser("beheer", password=PASSWORD)
    beheer = Client()
    beheer.force_login(beheerder)
    response = beheer.post(f"/beheer/axes/accessattempt/{poging.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert _goed_wachtwoord(client, "coordinator").status_code == 302


def test_foute_codes_in_de_tweede_stap_tellen_mee_en_loggen_uit(
    client: Client, world: World, settings: Any
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # only axes here; django-otp's delay is tested apart
    device = TOTPDevice.objects.create(user=world.coordinator, name="app", confirmed=True)
    _fout_wachtwoord(client, "coordinator")
    _fout_wachtwoord(client, "coordinator")
    assert _goed_wachtwoord(client, "coordinator").status_code == 302
    fout = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    assert client.post("/tweestaps/", {"code": fout}).status_code == 200
    assert client.post("/tweestaps/", {"code": fout}).status_code == 200
    response = client.post("/tweestaps/", {"code": fout})  # the fifth failure
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session  # logged out: the whole login again
    assert AuditRegel.objects.filter(
        wie=world.coordinator, doel="inloggen", actie="geweigerd"
    ).exists()
    # the right password does not get through either, for the next 15 minutes
    assert _goed_wachtwoord(client, "coordinator").status_code == 429


def test_de_tweede_stap_zet_de_teller_pas_na_de_code_op_nul(
    client: Client, world: World, settings: Any
) -> None:
    """The password alone does not reset the count (else whoever has it could try codes
    forever, four at a time); a complete login does."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = TOTPDevice.objects.create(user=world.coordinator, name="app", confirmed=True)
    for _poging in range(3):
        _fout_wachtwoord(client, "coordinator")
    assert _goed_wachtwoord(client, "coordinator").status_code == 302
    assert AccessAttempt.objects.get(username="coordinator").failures_since_start == 3
    assert client.post("/tweestaps/", {"code": _code(device)}).status_code == 302
    assert not AccessAttempt.objects.filter(username="coordinator").exists()


def test_een_geblokkeerde_sessie_in_de_tweede_stap_ziet_de_blokkade(
    client: Client, world: World, settings: Any
) -> None:
    TOTPDevice.objects.create(user=world.coordinator, name="app", confirmed=True)
    assert _goed_wachtwoord(client, "coordinator").status_code == 302
    for _poging in range(5):
        _fout_wachtwoord(Client(), "coordinator")  # someone else, same address
    response = client.get("/tweestaps/")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_codes_komen_niet_in_het_log_van_pogingen(world: World, settings: Any) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    TOTPDevice.objects.create(user=world.coordinator, name="app", confirmed=True)
    client = Client()
    client.post("/inloggen/", {"username": "coordinator", "password": "geheim-wachtwoord-99"})
    assert _goed_wachtwoord(client, "coordinator").status_code == 302
    client.post("/tweestaps/", {"code": "abcd2345"})
    ouder = Client()
    ouder.post("/ouders/", {"code": "een-geheime-oudercode-die-niet-bestaat"})
    opgeslagen = " ".join(f"{a.post_data} {a.get_data}" for a in AccessAttempt.objects.all())
    assert AccessAttempt.objects.count() == 2
    for geheim in ("geheim-wachtwoord-99", "abcd2345", "een-geheime-oudercode"):
        assert geheim not in opgeslagen


def test_ouders_na_vijf_foute_codes_een_kwartier_geblokkeerd(world: World) -> None:
    _toegang, code = OuderToegang.uitgeven(world.a1, world.coordinator)
    client = Client()
    for _poging in range(4):
        response = client.post("/ouders/", {"code": "verkeerde-code"})
        assert response.status_code == 200
        assert "Deze code is niet geldig" in response.content.decode()
    response = client.post("/ouders/", {"code": "verkeerde-code"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "verkeerde code ingevuld" in html and "15 minuten" in html
    # also the right code is refused from this address for now; another address is fine
    assert client.post("/ouders/", {"code": code}).status_code == 429
    assert Client(REMOTE_ADDR="192.0.2.9").post("/ouders/", {"code": code}).status_code == 302
    _terug_in_de_tijd(16)
    assert client.post("/ouders/", {"code": code}).status_code == 302


def test_ouderpogingen_blokkeren_geen_medewerker(world: World, settings: Any) -> None:
    settings.LEERRECHT_TWEESTAPS = False
    client = Client()
    for _poging in range(5):
        client.post("/ouders/", {"code": "verkeerde-code"})
    assert _goed_wachtwoord(client, "coordinator").status_code == 302


def test_achter_een_proxy_telt_het_adres_dat_de_proxy_toevoegde(
    world: World, settings: Any
) -> None:
    """With LEERRECHT_ACHTER_PROXY the last X-Forwarded-For entry counts; a client cannot
    escape the count by sending its own header (that lands in front of the proxy's entry)."""
    settings.LEERRECHT_TWEESTAPS = False
    settings.LEERRECHT_ACHTER_PROXY = True
    for nummer in range(5):
        client = Client(
            REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{nummer}, 203.0.113.5"
        )
        _fout_wachtwoord(client, "coordinator")
    geblokkeerd = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert _goed_wachtwoord(geblokkeerd, "coordinator").status_code == 429
    ander = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert _goed_wachtwoord(ander, "coordinator").status_code == 302
