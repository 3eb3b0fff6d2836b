"""Who sees which referral (least privilege; out of scope is a 404).

- A jeugdarts or jeugdverpleegkundige sees the referrals to their own JGZ organisation, and
  nothing else of the school: never the register, the worklist, the meldingen or a pupil page.
- At school, the verzuimcoördinator and the directeur see the referrals of all pupils of their
  school, a mentor those of the pupils of their own groups (seed 003 §7: the mentor announces
  the referral, the zorgcoördinator sends it). Other school roles see no referrals.
- The leerplicht office sees no referrals in leerrecht: it learns of missed consults through the
  melding overig verzuim (seed 003 §7), and of the advice only if the parents agreed to that,
  outside leerrecht (docs/leerplichtbureau.md, "JGZ (M@ZL)").
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from leerrecht.web.jgz.models import JgzOrganisatie, JgzRol, Verwijzing
from leerrecht.web.scholen.models import Leerling, Rol, RolSoort, School

User = AbstractBaseUser | AnonymousUser

#: school roles that refer pupils and follow their referrals
SCHOOLROLLEN = (RolSoort.COORDINATOR, RolSoort.MENTOR, RolSoort.DIRECTEUR)
#: school roles that see all pupils of their school here (and may make the DUO melding)
SCHOOLBREED = (RolSoort.COORDINATOR, RolSoort.DIRECTEUR)


def jgz_rollen(user: User) -> QuerySet[JgzRol]:
    if not user.is_authenticated:
        return JgzRol.objects.none()
    return JgzRol.objects.filter(gebruiker_id=user.pk).select_related("organisatie")


def organisaties(user: User) -> QuerySet[JgzOrganisatie]:
    return JgzOrganisatie.objects.filter(rollen__in=jgz_rollen(user)).distinct()


def is_jgz(user: User) -> bool:
    return jgz_rollen(user).exists()


def verwijzingen_jgz(user: User) -> QuerySet[Verwijzing]:
    """The referrals to the user's JGZ organisations."""
    return Verwijzing.objects.filter(organisatie__in=organisaties(user))


def _schoolrollen(user: User) -> QuerySet[Rol]:
    if not user.is_authenticated:
        return Rol.objects.none()
    return Rol.objects.filter(gebruiker_id=user.pk, soort__in=list(SCHOOLROLLEN))


def scholen(user: User) -> QuerySet[School]:
    """Schools where the user refers pupils (coördinator, mentor or directeur)."""
    return School.objects.filter(rollen__in=_schoolrollen(user)).distinct()


def schoolbreed(user: User, school: School) -> bool:
    return _schoolrollen(user).filter(school=school, soort__in=list(SCHOOLBREED)).exists()


def leerlingen(user: User, school: School | None = None) -> QuerySet[Leerling]:
    """The pupils the user may refer: all of the school for coördinator and directeur, the own
    groups for a mentor."""
    mine = _schoolrollen(user)
    if school is not None:
        mine = mine.filter(school=school)
    wide = mine.filter(soort__in=list(SCHOOLBREED)).values("school_id")
    groepen = mine.filter(soort=RolSoort.MENTOR).values("groepen")
    return Leerling.objects.filter(Q(school_id__in=wide) | Q(groep_id__in=groepen)).distinct()


def verwijzingen_school(user: User) -> QuerySet[Verwijzing]:
    """The referrals of the pupils the user may refer."""
    return Verwijzing.objects.filter(leerling__in=leerlingen(user).values("pk"))
