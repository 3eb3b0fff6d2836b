"""Helpers for the dossier tests (a unique module name, next to ``tests/web/web_hulp.py``):
two offices (BLD Parkstad serving Heerlen, and Twente), their staff, a jeugdige linked to a
pupil of the world's school, and an inbox melding about them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from web_hulp import PASSWORD, D, World

from leerrecht.web.dossiers import diensten
from leerrecht.web.dossiers.models import Dossier
from leerrecht.web.leerplicht.models import (
    Bron,
    Bureau,
    BureauRol,
    BureauRolSoort,
    Gemeente,
    InboxMelding,
    Jeugdige,
    Werkgebied,
)
from leerrecht.web.scholen.models import Leerling

__all__ = [
    "PASSWORD",
    "VANDAAG",
    "D",
    "Kantoor",
    "World",
    "bouw_kantoor",
    "login",
    "melding",
    "open_dossier",
]

#: a Wednesday in school year 2025-2026 (region zuid), after the spring vacation
VANDAAG = D(2026, 3, 25)


#: the default melding: absence from 2 March, received by the office on 16 March 2026
BEGIN = D(2026, 3, 2)
ONTVANGEN = D(2026, 3, 16)


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def gemeente(naam: str, code: str) -> Gemeente:
    gevonden = Gemeente.objects.filter(naam=naam).first()
    return gevonden or Gemeente.objects.create(naam=naam, code=code)


def medewerker(username: str, bureau: Bureau, soort: BureauRolSoort) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, first_name=username)
    BureauRol.objects.create(gebruiker=user, bureau=bureau, soort=soort)
    return user


def jeugdige(bureau: Bureau, leerling: Leerling, geboortedatum: dt.date | None = None) -> Jeugdige:
    j = Jeugdige.objects.create(
        bureau=bureau,
        voornaam=leerling.voornaam,
        achternaam=leerling.achternaam,
        geboortedatum=geboortedatum or leerling.geboortedatum,
        gemeente=Gemeente.objects.filter(naam=leerling.woongemeente).first(),
    )
    j.leerlingen.add(leerling)
    return j


def melding(
    jeugdige: Jeugdige,
    soort: str = "16_uur",
    begin: dt.date = BEGIN,
    ontvangen: dt.date = ONTVANGEN,
    school: str = "De Linde",
) -> InboxMelding:
    m = InboxMelding.objects.create(
        bureau=jeugdige.bureau,
        jeugdige=jeugdige,
        bron=Bron.IMPORT,
        school_naam=school,
        soort=soort,
        begin=begin,
        toelichting="Vaak te laat en twee dagen afwezig zonder bericht.",
    )
    moment = timezone.make_aware(dt.datetime.combine(ontvangen, dt.time(9)))
    InboxMelding.objects.filter(pk=m.pk).update(ontvangen_op=moment)
    m.refresh_from_db()
    return m


def open_dossier(
    kantoor: Kantoor, m: InboxMelding | None = None, jeugdige: Jeugdige | None = None
) -> Dossier:
    j = jeugdige or (m.jeugdige if m else kantoor.jeugdige)
    return diensten.open_dossier(j.bureau, j, kantoor.lpa, [m] if m else [], kantoor.lpa, VANDAAG)


@dataclass
class Kantoor:
    bureau: Bureau
    ander_bureau: Bureau
    lpa: User
    lpa2: User
    administratie: User
    andere_lpa: User
    jeugdige: Jeugdige  # 13 years old on VANDAAG, pupil world.a1
    jongere: Jeugdige  # 11 years old, pupil world.a2
    andere_jeugdige: Jeugdige  # of the other office
    melding: InboxMelding  # 16 uur about ``jeugdige``


def bouw_kantoor(world: World) -> Kantoor:
    heerlen = gemeente("Heerlen", "GM0917")
    enschede = gemeente("Enschede", "GM0153")
    bld = Bureau.objects.create(naam="Bureau Leren en Doorstromen Parkstad")
    twente = Bureau.objects.create(naam="Leerplicht Twente")
    Werkgebied.objects.update_or_create(gemeente=heerlen, defaults={"bureau": bld})
    Werkgebied.objects.update_or_create(gemeente=enschede, defaults={"bureau": twente})
    j = jeugdige(bld, world.a1, D(2012, 10, 2))
    return Kantoor(
        bureau=bld,
        ander_bureau=twente,
        lpa=medewerker("lpa", bld, BureauRolSoort.LEERPLICHTAMBTENAAR),
        lpa2=medewerker("lpa2", bld, BureauRolSoort.LEERPLICHTAMBTENAAR),
        administratie=medewerker("lpadmin", bld, BureauRolSoort.ADMINISTRATIE),
        andere_lpa=medewerker("twente", twente, BureauRolSoort.LEERPLICHTAMBTENAAR),
        jeugdige=j,
        jongere=jeugdige(bld, world.a2, D(2014, 6, 1)),
        andere_jeugdige=jeugdige(twente, world.other_pupil, D(2012, 1, 1)),
        melding=melding(j),
    )
