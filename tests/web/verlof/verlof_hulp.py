"""Helpers for the verlof tests, next to the shared factories of ``tests/web/web_hulp.py``."""

from __future__ import annotations

import base64
import re
import zlib

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from web_hulp import PASSWORD, D, World, absent_days, make_pupil, make_school, make_user

from leerrecht.web.scholen.models import Leerling
from leerrecht.web.verlof.models import OuderToegang

__all__ = [
    "PASSWORD",
    "D",
    "World",
    "absent_days",
    "geef_code",
    "login",
    "make_pupil",
    "make_school",
    "make_user",
    "meld_aan",
    "pdf",
    "pdf_tekst",
]


def geef_code(leerling: Leerling, door: User) -> str:
    """Issue a code for ``leerling`` and return the plain code."""
    _toegang, code = OuderToegang.uitgeven(leerling, door)
    return code


def meld_aan(client: Client, code: str) -> Client:
    """Sign a parent in with ``code``."""
    response = client.post("/ouders/", {"code": code})
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == "/ouders/overzicht/"
    return client


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pdf(inhoud: bytes = b"%PDF-1.4 werkgeversverklaring\n%%EOF") -> SimpleUploadedFile:
    """An uploaded werkgeversverklaring."""
    return SimpleUploadedFile("verklaring werkgever.pdf", inhoud, content_type="application/pdf")


def pdf_tekst(inhoud: bytes) -> str:
    """The text of a ReportLab PDF (ASCII85 + Flate page streams), lines joined by spaces."""
    regels: list[str] = []
    for stream in re.findall(
        rb"/ASCII85Decode /FlateDecode \] /Length \d+\s*>>\s*stream\r?\n(.*?)endstream",
        inhoud,
        re.S,
    ):
        data = stream.strip()
        data = data.removeprefix(b"<~").removesuffix(b"~>")
        tekst = zlib.decompress(base64.a85decode(data))
        for ruw in re.findall(rb"\(((?:\\.|[^\\)])*)\) Tj", tekst):
            ontsnapt = re.sub(
                rb"\\([0-7]{1,3}|.)",
                lambda m: bytes([int(m.group(1), 8)]) if m.group(1).isdigit() else m.group(1),
                ruw,
            )
            regels.append(ontsnapt.decode("cp1252"))
    return " ".join(regels)
