"""Helpers for the vrijstellingen tests (a unique module name, next to ``web_hulp.py``): two
leerplicht offices (Parkstad with Heerlen, Maastricht), their staff, and PDF text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.test import Client
from web_hulp import PASSWORD, D, World, make_user

from leerrecht.web.leerplicht.models import Bureau, BureauRol, BureauRolSoort, Gemeente, Werkgebied
from leerrecht.web.scholen.models import Leerling
from leerrecht.web.verlof.models import OuderToegang, Soort, Status, VerlofAanvraag
from leerrecht.web.vrijstellingen.models import Grond, Vrijstelling, VrijstellingWijziging
from leerrecht.web.vrijstellingen.personen import jeugdige_voor

__all__ = [
    "PASSWORD",
    "VANDAAG",
    "Bureaus",
    "D",
    "World",
    "login",
    "maak_bureaus",
    "make_user",
    "ouder",
    "pdf_tekst",
    "verlof_doorgestuurd",
    "vrijstelling",
]

#: a Thursday in school year 2025-2026
VANDAAG = D(2026, 2, 26)
#: 12 school days of gewichtige omstandigheden (region zuid): 2 to 17 March 2026
VERLOF_START, VERLOF_EINDE = D(2026, 3, 2), D(2026, 3, 17)


@dataclass
class Bureaus:
    parkstad: Bureau
    maastricht: Bureau
    lpa: User
    administratie: User
    lpa_maastricht: User


def _gemeente(naam: str, code: str) -> Gemeente:
    gemeente, _nieuw = Gemeente.objects.get_or_create(naam=naam, defaults={"code": code})
    return gemeente


def _bureau(naam: str, gemeente: Gemeente) -> Bureau:
    bureau = Bureau.objects.create(naam=naam, adres="Postbus 1, 6400 AA Heerlen")
    Werkgebied.objects.update_or_create(gemeente=gemeente, defaults={"bureau": bureau})
    return bureau


def _medewerker(username: str, bureau: Bureau, soort: BureauRolSoort) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, first_name="Marjan", last_name="Op de Kamp"
    )
    BureauRol.objects.create(gebruiker=user, bureau=bureau, soort=soort)
    return user


def maak_bureaus() -> Bureaus:
    parkstad = _bureau("Bureau Leren en Doorstromen Parkstad", _gemeente("Heerlen", "GM0917"))
    maastricht = _bureau("Leerplicht Maastricht", _gemeente("Maastricht", "GM0935"))
    return Bureaus(
        parkstad=parkstad,
        maastricht=maastricht,
        lpa=_medewerker("lpa", parkstad, BureauRolSoort.LEERPLICHTAMBTENAAR),
        administratie=_medewerker("adm", parkstad, BureauRolSoort.ADMINISTRATIE),
        lpa_maastricht=_medewerker("lpa_mt", maastricht, BureauRolSoort.LEERPLICHTAMBTENAAR),
    )


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def ouder(leerling: Leerling, door: User) -> Client:
    """A parent signed in with a code issued by the school."""
    _toegang, code = OuderToegang.uitgeven(leerling, door)
    client = Client()
    assert client.post("/ouders/", {"code": code}).status_code == 302
    return client


def vrijstelling(
    leerling: Leerling, bureaus: Bureaus, grond: str = Grond.ART_5C, **extra: object
) -> Vrijstelling:
    waarden: dict[str, object] = {
        "bureau": bureaus.parkstad,
        "jeugdige": jeugdige_voor(bureaus.parkstad, leerling),
        "leerling": leerling,
        "grond": grond,
        "aangevraagd_op": D(2026, 2, 10),
        "ingangsdatum": D(2026, 3, 1),
        "einddatum": D(2027, 2, 28),
        "aangemaakt_door": bureaus.lpa,
    }
    waarden.update(extra)
    v = Vrijstelling.objects.create(**waarden)
    VrijstellingWijziging.objects.create(vrijstelling=v, van="", naar="ontvangen", door=bureaus.lpa)
    return v


def verlof_doorgestuurd(leerling: Leerling, directeur: User, advies: str = "") -> VerlofAanvraag:
    """A request for 12 school days the directeur forwarded, as the verlof app records it."""
    return VerlofAanvraag.objects.create(
        leerling=leerling,
        soort=Soort.GEWICHTIG,
        start=VERLOF_START,
        end=VERLOF_EINDE,
        reden="huwelijk",
        toelichting="Huwelijk van een oom in Suriname.",
        aangevraagd_op=D(2026, 2, 20),
        status=Status.DOORGESTUURD,
        besluit_motivering=advies,
        besloten_door=directeur,
        besloten_op=D(2026, 2, 23),
    )


def pdf_tekst(inhoud: bytes) -> str:
    """The text lines of an uncompressed ReportLab PDF (``comprimeren=False``), joined by
    spaces (ASCII text reads as is in the embedded font's first subset)."""
    regels = []
    for ruw in re.findall(rb"\(((?:\\.|[^\\)])*)\) Tj", inhoud):
        regels.append(re.sub(rb"\\(.)", rb"\1", ruw).decode("latin-1"))
    return " ".join(regels)
