"""What a user may see. Every view that touches pupil data starts here (least privilege).

- Schoolwide roles (coördinator, teamleider, administratie, directeur, beheerder) see all pupils
  of their school(s).
- Docent and mentor see the pupils of the groups assigned to their role.
- Nobody sees another school's pupils through a role they do not have there.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet

from leerrecht.web.scholen.models import SCHOOLBREDE_ROLLEN, Groep, Leerling, Rol, RolSoort, School
from leerrecht.web.vaste_query import VasteQuery

User = AbstractBaseUser | AnonymousUser


def rollen(user: User) -> QuerySet[Rol]:
    if not user.is_authenticated:
        return Rol.objects.none()
    return Rol.objects.filter(gebruiker_id=user.pk).select_related("school")


def scholen(user: User) -> QuerySet[School]:
    return School.objects.filter(rollen__in=rollen(user)).distinct()


def schoolbreed(user: User, school: School) -> bool:
    if not user.is_authenticated:
        return False
    if school is None or school.pk is None:
        return rollen(user).filter(school=school, soort__in=list(SCHOOLBREDE_ROLLEN)).exists()
    return bool(_SCHOOLBREED.rijen(gebruiker=user.pk, school=school.pk))


#: :func:`schoolbreed` as SQL written once per process (asked on every school page)
_SCHOOLBREED = VasteQuery(
    lambda gebruiker, school: (
        Rol.objects.filter(
            gebruiker_id=gebruiker, school_id=school, soort__in=sorted(SCHOOLBREDE_ROLLEN)
        )
        .order_by()
        .values("pk")[:1]
    ),
    "gebruiker",
    "school",
)


def heeft_rol(user: User, school: School, *soorten: RolSoort) -> bool:
    return rollen(user).filter(school=school, soort__in=list(soorten)).exists()


def groepen(user: User, school: School, *, breed: bool | None = None) -> QuerySet[Groep]:
    """The groups of ``school`` this user may see (``breed``: :func:`schoolbreed` when the
    caller has asked it already)."""
    if breed is None:
        breed = schoolbreed(user, school)
    if breed:
        return school.groepen.all()
    return Groep.objects.filter(rollen__in=rollen(user).filter(school=school)).distinct()


def mag_groep(user: User, groep: Groep) -> bool:
    """Whether ``groep`` is among :func:`groepen` of its school, with one query: a schoolwide
    role at its school, or a role at its school with this group."""
    if not user.is_authenticated:
        return False
    return bool(_MAG_GROEP.rijen(gebruiker=user.pk, school=groep.school_id, groep=groep.pk))


def _mag_groep(gebruiker: int, school: int, groep: int) -> QuerySet[Any]:
    mine = Rol.objects.filter(gebruiker_id=gebruiker, school_id=school)
    return (
        Groep.objects.filter(pk=groep, school_id=school)
        .filter(
            Exists(mine.filter(soort__in=sorted(SCHOOLBREDE_ROLLEN)))
            | Exists(mine.filter(groepen=OuterRef("pk")))
        )
        .order_by()
        .values("pk")[:1]
    )


#: :func:`mag_groep` as SQL written once per process (every register request asks it)
_MAG_GROEP = VasteQuery(_mag_groep, "gebruiker", "school", "groep")


def leerlingen(user: User, school: School | None = None) -> QuerySet[Leerling]:
    """The pupils this user may see (optionally at one school)."""
    mine = rollen(user)
    if school is not None:
        mine = mine.filter(school=school)
    wide = mine.filter(soort__in=list(SCHOOLBREDE_ROLLEN)).values("school_id")
    own_groups = mine.exclude(soort__in=list(SCHOOLBREDE_ROLLEN)).values("groepen")
    return Leerling.objects.filter(Q(school_id__in=wide) | Q(groep_id__in=own_groups)).distinct()
