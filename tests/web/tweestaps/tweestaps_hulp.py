"""Helpers for the two-factor and security tests: an app code computed like the phone does,
a confirmed app for a user, and logging in through the real forms."""

from __future__ import annotations

import time

from django.contrib.auth.models import User
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from web_hulp import PASSWORD


def app_code(device: TOTPDevice, stappen_verder: int = 0) -> str:
    """The code the authenticator app shows now (or ``stappen_verder`` 30-second steps later:
    a code is accepted once, so a second login in the same step needs the next one)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + stappen_verder * device.step
    return f"{totp.token():0{device.digits}d}"


def met_app(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def met_reservecodes(user: User, *codes: str) -> StaticDevice:
    device = StaticDevice.objects.create(user=user, name="reservecodes", confirmed=True)
    for code in codes:
        StaticToken.objects.create(device=device, token=code)
    return device


def wachtwoord_stap(client: Client, user: User, volgende: str = "/") -> str:
    """Username and password; returns where the login sends the browser."""
    response = client.post(
        "/inloggen/", {"username": user.username, "password": PASSWORD, "next": volgende}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return str(response["Location"])


def volledig_inloggen(client: Client, user: User, device: TOTPDevice, stap: int = 0) -> None:
    wachtwoord_stap(client, user)
    response = client.post("/tweestaps/", {"code": app_code(device, stap), "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/", response
