"""Factories for web tests: a board with two schools, groups, pupils and staff with roles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User

from leerrecht.web.registratie.models import Registratie
from leerrecht.web.scholen.models import Bestuur, Groep, Leerling, Rol, RolSoort, School

D = dt.date
PASSWORD = "een-lang-testwachtwoord-42"


def make_school(naam: str, bestuur: Bestuur | None = None, protocol: str = "") -> School:
    bestuur = bestuur or Bestuur.objects.create(naam=f"Bestuur {naam}")
    return School.objects.create(
        bestuur=bestuur, naam=naam, sector="po", regio="zuid", protocol=protocol
    )


def make_pupil(school: School, groep: Groep | None, nummer: str, **extra: object) -> Leerling:
    values: dict[str, object] = {
        "voornaam": f"Leerling{nummer}",
        "achternaam": "Test",
        "geboortedatum": D(2015, 3, 1),
        "ingeschreven_vanaf": D(2019, 8, 1),
        "woongemeente": "Heerlen",
    }
    values.update(extra)
    return Leerling.objects.create(school=school, groep=groep, leerlingnummer=nummer, **values)


def make_user(
    username: str, school: School, soort: RolSoort, groepen: list[Groep] | None = None
) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD)
    rol = Rol.objects.create(gebruiker=user, school=school, soort=soort)
    if groepen:
        rol.groepen.set(groepen)
    return user


@dataclass
class World:
    school: School
    other_school: School
    groep_a: Groep
    groep_b: Groep
    a1: Leerling
    a2: Leerling
    b1: Leerling
    other_pupil: Leerling
    docent_a: User
    coordinator: User
    other_coordinator: User


def build_world() -> World:
    school = make_school("De Linde", protocol="parkstad-po")
    other = make_school("De Eik")
    groep_a = Groep.objects.create(school=school, naam="5a")
    groep_b = Groep.objects.create(school=school, naam="6b")
    other_groep = Groep.objects.create(school=other, naam="5a")
    return World(
        school=school,
        other_school=other,
        groep_a=groep_a,
        groep_b=groep_b,
        a1=make_pupil(school, groep_a, "a1"),
        a2=make_pupil(school, groep_a, "a2"),
        b1=make_pupil(school, groep_b, "b1"),
        other_pupil=make_pupil(other, other_groep, "x1"),
        docent_a=make_user("docent", school, RolSoort.DOCENT, [groep_a]),
        coordinator=make_user("coordinator", school, RolSoort.COORDINATOR),
        other_coordinator=make_user("anders", other, RolSoort.COORDINATOR),
    )


def absent_days(pupil: Leerling, days: list[dt.date], reden: str = "ongeoorloofd") -> None:
    for day in days:
        Registratie.objects.create(
            leerling=pupil, datum=day, moment="dag", soort="absent", reden=reden
        )
