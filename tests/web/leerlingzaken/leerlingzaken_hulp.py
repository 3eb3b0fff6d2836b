"""Helpers for the schorsing and verwijdering tests, next to the shared factories of
``tests/web/web_hulp.py`` (a module with its own name: tests never import from a conftest)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from web_hulp import D, World, absent_days, make_pupil, make_school, make_user

from leerrecht.web.leerlingzaken import stappen
from leerrecht.web.leerlingzaken.models import Schorsing, Stap, Verwijdering
from leerrecht.web.scholen.models import Bestuur, Groep, Leerling, School

__all__ = [
    "STAPDATA",
    "VANDAAG",
    "D",
    "World",
    "absent_days",
    "doorloop",
    "login",
    "make_pupil",
    "make_school",
    "make_user",
    "registreer",
    "school_met_sector",
    "schorsing_data",
]

VANDAAG = D(2026, 3, 20)


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def school_met_sector(sector: str, naam: str = "De Wissel") -> tuple[School, Leerling]:
    """Another school of the given sector with one pupil (aged 11 in March 2026)."""
    school = School.objects.create(
        bestuur=Bestuur.objects.create(naam=f"Bestuur {naam}"),
        naam=naam,
        sector=sector,
        regio="zuid",
    )
    groep = Groep.objects.create(school=school, naam="1")
    return school, make_pupil(school, groep, f"{sector}1")


def schorsing_data(eerste: dt.date, laatste: dt.date, **extra: Any) -> dict[str, Any]:
    """The form data of a schorsing (decision and letter to the parents the day before)."""
    data: dict[str, Any] = {
        "eerste_dag": eerste.isoformat(),
        "laatste_dag": laatste.isoformat(),
        "reden": "Geweld tegen een medeleerling",
        "besluit_op": (eerste - dt.timedelta(days=1)).isoformat(),
        "ouders_geinformeerd_op": (eerste - dt.timedelta(days=1)).isoformat(),
    }
    data.update({k: v.isoformat() if isinstance(v, dt.date) else v for k, v in extra.items()})
    return data


def registreer(client: Client, leerling: Leerling, eerste: dt.date, laatste: dt.date) -> Schorsing:
    """Register a schorsing through the page; it must succeed."""
    response = client.post(
        f"/leerlingzaken/leerling/{leerling.pk}/schorsing/", schorsing_data(eerste, laatste)
    )
    assert response.status_code == 302, response.content.decode()
    schorsing = Schorsing.objects.filter(leerling=leerling).latest("pk")
    assert response["Location"] == f"/leerlingzaken/schorsingen/{schorsing.pk}/"
    return schorsing


#: one date per step, in order (all before VANDAAG)
STAPDATA: dict[Stap, dt.date] = {
    Stap.VOORNEMEN: D(2026, 1, 12),
    Stap.OUDERS_GEHOORD: D(2026, 1, 19),
    Stap.LEERLING_GEHOORD: D(2026, 1, 20),
    Stap.LEERKRACHT_GEHOORD: D(2026, 1, 21),
    Stap.INSPECTIE: D(2026, 1, 26),
    Stap.LEERPLICHT: D(2026, 1, 28),
    Stap.BESLUIT: D(2026, 2, 2),
}


def doorloop(leerling: Leerling, door: User, tot: Stap, **gegevens: Any) -> Verwijdering:
    """A procedure for ``leerling`` with every step up to and including ``tot`` recorded."""
    verwijdering = stappen.start(
        leerling, STAPDATA[Stap.VOORNEMEN], "Voornemen besproken", gegevens.get("cluster"), door
    )
    if "zoeken_vanaf" in gegevens:
        stappen.wijzig_gegevens(verwijdering.pk, gegevens.get("cluster"), gegevens["zoeken_vanaf"])
    for stap in stappen.VOLGORDE[1 : stappen.VOLGORDE.index(tot) + 1]:
        if stap is Stap.DEFINITIEF:
            break
        if stap is Stap.LEERLING_GEHOORD and not stappen.leerling_horen_vereist(
            leerling, STAPDATA[Stap.LEERKRACHT_GEHOORD]
        ):
            continue  # under 12: not required
        verwijdering = stappen.leg_stap_vast(
            verwijdering.pk, stap, STAPDATA[stap], f"{stap.label} vastgelegd", door
        )
    return verwijdering
