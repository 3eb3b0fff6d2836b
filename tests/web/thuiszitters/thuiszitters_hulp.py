"""Factories for the thuiszitter tests: two offices with their area, samenwerkingsverbanden
(PO and VO) with their users, and registrations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.test import Client
from web_hulp import PASSWORD, D, World, absent_days, make_school

from leerrecht.web import evaluatie
from leerrecht.web.leerplicht.models import (
    Bureau,
    BureauRol,
    BureauRolSoort,
    Gemeente,
    Jeugdige,
    Werkgebied,
)
from leerrecht.web.scholen.models import Leerling, School
from leerrecht.web.thuiszitters import register
from leerrecht.web.thuiszitters.models import (
    Categorie,
    Reden,
    Samenwerkingsverband,
    SwvRol,
    ThuiszitterRegistratie,
)

#: a thuiszitter from Monday 23 February 2026 (after the carnaval vacation, regio zuid): every
#: school day ongeoorloofd absent; on Monday 23 March it is more than 4 lesweken: LRV (2a)
SINDS = D(2026, 2, 23)
LRV_DAG = D(2026, 3, 23)


def gemeente(naam: str, code: str) -> Gemeente:
    found = Gemeente.objects.filter(naam=naam).first()
    return found or Gemeente.objects.create(naam=naam, code=code)


def maak_bureau(naam: str, *gemeenten: tuple[str, str]) -> Bureau:
    bureau = Bureau.objects.create(naam=naam)
    for g_naam, code in gemeenten:
        Werkgebied.objects.create(bureau=bureau, gemeente=gemeente(g_naam, code))
    return bureau


def bureau_gebruiker(
    username: str, bureau: Bureau, soort: str = BureauRolSoort.LEERPLICHTAMBTENAAR
) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD)
    BureauRol.objects.create(gebruiker=user, bureau=bureau, soort=soort)
    return user


def maak_swv(naam: str, sector: str, *scholen: School) -> Samenwerkingsverband:
    swv = Samenwerkingsverband.objects.create(naam=naam, sector=sector)
    swv.scholen.set(scholen)
    return swv


def swv_gebruiker(username: str, swv: Samenwerkingsverband) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD)
    SwvRol.objects.create(gebruiker=user, swv=swv)
    return user


def jeugdige(bureau: Bureau, voornaam: str, achternaam: str = "Test") -> Jeugdige:
    return Jeugdige.objects.create(
        bureau=bureau,
        voornaam=voornaam,
        achternaam=achternaam,
        geboortedatum=D(2014, 5, 1),
        gemeente=Gemeente.objects.filter(werkgebied__bureau=bureau).first(),
    )


def registratie(
    bureau: Bureau,
    voornaam: str,
    sinds: dt.date,
    categorie: str = Categorie.LRV_2A,
    *,
    school: School | None = None,
    swv: Samenwerkingsverband | None = None,
    reden: str = Reden.LEERLING_WIL_NIET,
    aanpak: str = "",
    door: User | None = None,
    **extra: object,
) -> ThuiszitterRegistratie:
    reg = ThuiszitterRegistratie(
        bureau=bureau,
        jeugdige=jeugdige(bureau, voornaam),
        school=school,
        swv=swv,
        categorie=categorie,
        sinds=sinds,
        reden=reden,
        aanpak=aanpak,
        aangemaakt_door=door,
        **extra,
    )
    return register.maak(reg, door)


def thuis(pupil: Leerling, start: dt.date, eind: dt.date) -> list[dt.date]:
    """Register the pupil ongeoorloofd absent on every school day from ``start`` to ``eind``."""
    days = evaluatie.calendar_for(pupil.school).school_days_between(start, eind)
    absent_days(pupil, days)
    return days


def login(client: Client, user: User) -> Client:
    assert client.login(username=user.username, password=PASSWORD)
    return client


@dataclass
class Regio:
    world: World
    vo_school: School
    bureau: Bureau
    ander_bureau: Bureau
    lpa: User
    ander_lpa: User
    swv_po: Samenwerkingsverband
    swv_vo: Samenwerkingsverband
    ander_swv: Samenwerkingsverband
    swv_po_user: User
    ander_swv_user: User


def bouw_regio(world: World) -> Regio:
    """BLD Parkstad (Heerlen, Kerkrade) and Leerplicht Maastricht; De Linde (PO) and a VO school
    in SWV Parkstad PO/VO, De Eik in SWV Maastricht PO."""
    vo = make_school("Parkstad College")
    vo.sector = "vo"
    vo.save()
    bureau = maak_bureau("BLD Parkstad", ("Heerlen", "GM0917"), ("Kerkrade", "GM0928"))
    ander = maak_bureau("Leerplicht Maastricht", ("Maastricht", "GM0935"))
    swv_po = maak_swv("SWV Parkstad PO", "po", world.school)
    swv_vo = maak_swv("SWV Parkstad VO", "vo", vo)
    ander_swv = maak_swv("SWV Maastricht PO", "po", world.other_school)
    ander_swv.gemeenten.set([gemeente("Maastricht", "GM0935")])
    swv_po.gemeenten.set([gemeente("Heerlen", "GM0917")])
    swv_vo.gemeenten.set([gemeente("Heerlen", "GM0917")])
    return Regio(
        world=world,
        vo_school=vo,
        bureau=bureau,
        ander_bureau=ander,
        lpa=bureau_gebruiker("lpa", bureau),
        ander_lpa=bureau_gebruiker("lpa-maastricht", ander),
        swv_po=swv_po,
        swv_vo=swv_vo,
        ander_swv=ander_swv,
        swv_po_user=swv_gebruiker("swv-po", swv_po),
        ander_swv_user=swv_gebruiker("swv-maastricht", ander_swv),
    )
