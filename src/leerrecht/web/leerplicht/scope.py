"""What an office user may see (least privilege).

A leerplichtambtenaar sees only young people living in the office's area (werkgebied) or reported
to the office (a jeugdige of the office). Office users never see a school's pupils otherwise.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower

from leerrecht.web.leerplicht.models import (
    Bureau,
    BureauRol,
    BureauRolSoort,
    Gemeente,
    Jeugdige,
)
from leerrecht.web.leerplicht.routering import ALIASSEN
from leerrecht.web.scholen.models import Leerling

User = AbstractBaseUser | AnonymousUser


def rollen(user: User) -> QuerySet[BureauRol]:
    if not user.is_authenticated:
        return BureauRol.objects.none()
    return BureauRol.objects.filter(gebruiker_id=user.pk).select_related("bureau")


def bureaus(user: User) -> QuerySet[Bureau]:
    return Bureau.objects.filter(rollen__in=rollen(user)).distinct()


def heeft_rol(user: User, bureau: Bureau, *soorten: BureauRolSoort) -> bool:
    mine = rollen(user).filter(bureau=bureau)
    return mine.filter(soort__in=list(soorten)).exists() if soorten else mine.exists()


def is_bureaumedewerker(user: User) -> bool:
    return rollen(user).exists()


def gemeenten(user: User) -> QuerySet[Gemeente]:
    return Gemeente.objects.filter(werkgebied__bureau__in=bureaus(user))


def jeugdigen(user: User) -> QuerySet[Jeugdige]:
    return Jeugdige.objects.filter(bureau__in=bureaus(user))


def leerlingen(user: User) -> QuerySet[Leerling]:
    """Platform pupils living in the user's offices' area, or linked to one of their jeugdigen."""
    namen = [n.lower() for n in gemeenten(user).values_list("naam", flat=True)]
    namen += [alias for alias, naam in ALIASSEN.items() if naam in namen]
    return (
        Leerling.objects.annotate(_woon=Lower("woongemeente"))
        .filter(Q(_woon__in=namen) | Q(jeugdigen__in=jeugdigen(user)))
        .distinct()
    )
