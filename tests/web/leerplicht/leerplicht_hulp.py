"""Helpers for the leerplicht office tests (a module with its own name, never a conftest import):
the offices of seed 000 bijlage 2 with their werkgebied, their staff, and a melding reported by
the world's school."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from web_hulp import PASSWORD, D, World

from leerrecht.web.leerplicht.gemeenten import laad, lees_csv
from leerrecht.web.leerplicht.models import (
    Bureau,
    BureauRol,
    BureauRolSoort,
    Gemeente,
    Werkgebied,
)
from leerrecht.web.meldingen.models import DuoMelding, Status
from leerrecht.web.meldingen.statussen import wijzig_status

#: seed 000 bijlage 2 "Welke leerling waar melden?"
PARKSTAD = (
    "Beekdaelen",
    "Brunssum",
    "Heerlen",
    "Kerkrade",
    "Landgraaf",
    "Simpelveld",
    "Voerendaal",
)
WESTELIJKE_MIJNSTREEK = ("Beek", "Sittard-Geleen", "Stein")
BLD = "Bureau Leren en Doorstromen Parkstad"
TEAM_LJ = "Team Leren en Jongeren"


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings: Any) -> None:
    """Argon2 is slow on purpose; these tests are about the office, not passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def maak_bureau(naam: str, gemeenten: tuple[str, ...], **extra: Any) -> Bureau:
    bureau = Bureau.objects.create(naam=naam, **extra)
    for gemeente in gemeenten:
        Werkgebied.objects.create(bureau=bureau, gemeente=Gemeente.objects.get(naam=gemeente))
    return bureau


def medewerker(username: str, bureau: Bureau, soort: BureauRolSoort, **extra: Any) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, **extra)
    BureauRol.objects.create(gebruiker=user, bureau=bureau, soort=soort)
    return user


@dataclass
class Kantoren:
    bld: Bureau
    team_lj: Bureau
    lpa: User
    admin: User
    lpa_lj: User


def bouw_kantoren() -> Kantoren:
    """BLD Parkstad and Team Leren en Jongeren (seed 000 bijlage 2) with their staff."""
    if not Gemeente.objects.exists():  # emptied by a transactional test that ran before
        laad(lees_csv())
    bld = maak_bureau(BLD, PARKSTAD, email="info@lerenendoorstromen.nl", telefoon="045-5605888")
    team_lj = maak_bureau(TEAM_LJ, WESTELIJKE_MIJNSTREEK)
    return Kantoren(
        bld=bld,
        team_lj=team_lj,
        lpa=medewerker(
            "lpa",
            bld,
            BureauRolSoort.LEERPLICHTAMBTENAAR,
            first_name="Josien",
            last_name="Ramakers",
            email="j.ramakers@bld.example",
        ),
        admin=medewerker("lp-admin", bld, BureauRolSoort.ADMINISTRATIE),
        lpa_lj=medewerker("lpa-lj", team_lj, BureauRolSoort.LEERPLICHTAMBTENAAR),
    )


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def school_melding(world: World, **extra: Any) -> DuoMelding:
    """A concept melding of pupil a1 (lives in Heerlen) at the world's school, filled in."""
    values: dict[str, Any] = {
        "school": world.school,
        "leerling": world.a1,
        "soort": "16_uur",
        "begin": D(2026, 3, 2),
        "einde": D(2026, 3, 5),
        "uren": Decimal("16.5"),
        "uiterlijk": D(2026, 3, 12),
        "volgnummer": 1,
        "bereikt": D(2026, 3, 5),
        "woongemeente": world.a1.woongemeente,
        "vermoedelijke_reden": "leerling_wil_niet",
        "toelichting": "Drie dagen zonder bericht afwezig.",
        "ondernomen_acties": "Moeder gebeld; gesprek gepland.",
        "contactpersoon": world.coordinator,
    }
    values.update(extra)
    return DuoMelding.objects.create(**values)


def meld(melding: DuoMelding, door: User, nummer: str = "VM-2026-0001") -> DuoMelding:
    """The school reports the melding to DUO (concept -> gemeld)."""
    wijzig_status(melding, Status.GEMELD, door, meldingsnummer=nummer)
    return melding
