"""Demo content for M@ZL: the GGD serving the demo school with a jeugdarts account, and two
referrals made with the same functions the pages use (so the history is real):

- one where the pupil and parents came to the consult, the jeugdarts gave advice and the parents
  consented to sharing it: the school sees the advice;
- one where the pupil did not come twice: the school sees that it may report overig verzuim
  (seed 003 §7 NB) and can prepare the melding with one button.

Runs once on a fresh demo database after the school demo and the office exist
(``vul_demo(bureau, school, as_of)``); returns the lines ``leerrecht demo`` prints. The people
are invented; nothing medical is stored.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, Q

from leerrecht.web.demodata.bouw import WACHTWOORD
from leerrecht.web.jgz import tijd
from leerrecht.web.jgz.forms import toestemming_fout
from leerrecht.web.jgz.models import (
    Aanleiding,
    JgzOrganisatie,
    JgzRol,
    JgzRolSoort,
    Reikwijdte,
    Status,
    Toestemming,
    ToestemmingDoor,
    Verwijzing,
    VerwijzingWijziging,
)
from leerrecht.web.jgz.statussen import wijzig_status
from leerrecht.web.jgz.telling import tel
from leerrecht.web.leerplicht.models import Bureau
from leerrecht.web.scholen.models import Leerling, Rol, RolSoort, School

GGD = "GGD Zuid Limburg"
JEUGDARTS = ("jeugdarts", "Femke", "Jacobs")
ADVIES = (
    "Bouw de schooldagen op: de eerste twee weken ochtenden, daarna hele dagen. Bij klachten op "
    "school mag de leerling even naar een rustige plek; bel ouders pas na overleg met de mentor. "
    "Over zes weken kijken we samen met ouders en mentor of dit werkt."
)


def _jeugdarts(ggd: JgzOrganisatie) -> User:
    gebruikersnaam, voornaam, achternaam = JEUGDARTS
    user, _nieuw = User.objects.get_or_create(
        username=gebruikersnaam,
        defaults={
            "first_name": voornaam,
            "last_name": achternaam,
            "email": f"{gebruikersnaam}@ggd.demo.invalid",
            "password": make_password(WACHTWOORD),
        },
    )
    JgzRol.objects.get_or_create(gebruiker=user, organisatie=ggd, soort=JgzRolSoort.JEUGDARTS)
    return user


def _zorgcoordinator(school: School) -> User | None:
    rol = (
        Rol.objects.filter(school=school, soort=RolSoort.COORDINATOR)
        .select_related("gebruiker")
        .order_by("pk")
        .first()
    )
    return rol.gebruiker if rol is not None else None


def _vaak_ziek(school: School, as_of: dt.date, n: int) -> list[Leerling]:
    """The pupils with the most sick days this school year (the ones a school would refer)."""
    return list(
        Leerling.objects.filter(school=school, ingeschreven_tot__isnull=True)
        .annotate(
            ziek=Count(
                "registraties",
                filter=Q(registraties__reden="ziek", registraties__datum__lte=as_of),
            )
        )
        .filter(ziek__gt=0)
        .order_by("-ziek", "pk")[:n]
    )


def _verwijs(
    leerling: Leerling, ggd: JgzOrganisatie, door: User, op: dt.date, aanleiding: str
) -> Verwijzing:
    telling = tel(leerling, op)
    v = Verwijzing.objects.create(
        school=leerling.school,
        leerling=leerling,
        organisatie=ggd,
        aangemeld_door=door,
        aangemeld_op=op,
        aanleiding=aanleiding,
        ziekmeldingen_12_weken=telling.ziekmeldingen_12_weken if telling else 0,
        schooldagen_laatste_ziekmelding=telling.schooldagen_laatste_ziekmelding if telling else 0,
        schooldagen_ziek_schooljaar=telling.schooldagen_ziek_schooljaar if telling else 0,
        ouders_geinformeerd_op=op - dt.timedelta(days=1),
    )
    VerwijzingWijziging.objects.create(
        verwijzing=v, van="", naar=Status.AANGEMELD, datum=op, door=door
    )
    return v


@transaction.atomic
def vul_demo(bureau: Bureau, school: School, as_of: dt.date) -> list[str]:
    """The GGD, its jeugdarts and two referrals; returns the lines ``leerrecht demo`` prints."""
    ggd, _nieuw = JgzOrganisatie.objects.get_or_create(naam=GGD)
    ggd.scholen.add(school)
    arts = _jeugdarts(ggd)
    regels = [
        f"JGZ: {GGD} ({school.naam})",
        f"  {arts.username:<26} {arts.get_full_name():<18} jeugdarts: alleen de verwijzingen "
        "(M@ZL), zie /jgz/",
    ]
    coordinator = _zorgcoordinator(school)
    # the last day that may carry a consult: the peildatum, never later than today
    eind = min(as_of, tijd.vandaag())
    leerlingen = _vaak_ziek(school, eind, 2)
    if coordinator is None or len(leerlingen) < 2:
        return regels
    met_advies, weggebleven = leerlingen

    v = _verwijs(met_advies, ggd, coordinator, eind - dt.timedelta(days=42), Aanleiding.ZEVENDE_DAG)
    wijzig_status(v, Status.UITGENODIGD, arts, school=False, datum=eind - dt.timedelta(days=35))
    wijzig_status(v, Status.VERSCHENEN, arts, school=False, datum=eind - dt.timedelta(days=35))
    wijzig_status(
        v,
        Status.ADVIES_GEGEVEN,
        arts,
        school=False,
        datum=eind - dt.timedelta(days=34),
        advies=ADVIES,
    )
    gegeven_op = eind - dt.timedelta(days=35)
    door = next(d for d in ToestemmingDoor if not toestemming_fout(met_advies, d.value, gegeven_op))
    Toestemming.objects.create(
        verwijzing=v,
        gegeven_door=door,
        gegeven_op=gegeven_op,
        reikwijdte=Reikwijdte.SCHOOL,
        vastgelegd_door=arts,
    )

    w = _verwijs(
        weggebleven,
        ggd,
        coordinator,
        eind - dt.timedelta(days=28),
        Aanleiding.VIERDE_ZIEKMELDING_12_WEKEN,
    )
    for dagen in (21, 7):
        consult = eind - dt.timedelta(days=dagen)
        wijzig_status(w, Status.UITGENODIGD, arts, school=False, datum=consult)
        wijzig_status(w, Status.NIET_VERSCHENEN, arts, school=False, datum=consult)
    return [
        *regels,
        f"  Verwijzingen: {met_advies} (advies met toestemming: de school ziet het advies), "
        f"{weggebleven} (twee keer niet verschenen: de school kan overig verzuim melden), "
        f"zie /jgz/school/ als {coordinator.username}",
    ]
