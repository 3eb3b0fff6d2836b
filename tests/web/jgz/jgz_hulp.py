"""Helpers for the JGZ tests (a unique module name, next to ``tests/web/web_hulp.py``)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.test import Client
from web_hulp import PASSWORD, D, World, make_user

from leerrecht.web.jgz.models import (
    Aanleiding,
    JgzOrganisatie,
    JgzRol,
    JgzRolSoort,
    Status,
    Verwijzing,
    VerwijzingWijziging,
)
from leerrecht.web.scholen.models import Leerling

__all__ = [
    "PASSWORD",
    "VANDAAG",
    "D",
    "World",
    "login",
    "make_jeugdarts",
    "make_user",
    "verwijs",
]

#: a Wednesday in school year 2025-2026 (region zuid), after the spring vacation
VANDAAG = D(2026, 3, 25)


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make_jeugdarts(username: str, organisatie: JgzOrganisatie) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD)
    JgzRol.objects.create(gebruiker=user, organisatie=organisatie, soort=JgzRolSoort.JEUGDARTS)
    return user


def verwijs(
    leerling: Leerling, organisatie: JgzOrganisatie, door: User, op: dt.date = VANDAAG
) -> Verwijzing:
    """A referral as the school page makes it (status aangemeld, one history row)."""
    v = Verwijzing.objects.create(
        school=leerling.school,
        leerling=leerling,
        organisatie=organisatie,
        aangemeld_door=door,
        aangemeld_op=op,
        aanleiding=Aanleiding.VIERDE_ZIEKMELDING_12_WEKEN,
        ziekmeldingen_12_weken=4,
        schooldagen_laatste_ziekmelding=2,
        schooldagen_ziek_schooljaar=9,
        ouders_geinformeerd_op=op,
    )
    VerwijzingWijziging.objects.create(
        verwijzing=v, van="", naar=Status.AANGEMELD, datum=op, door=door
    )
    return v
