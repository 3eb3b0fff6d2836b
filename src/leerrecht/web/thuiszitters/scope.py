"""Who sees which thuiszitters (least privilege; out of scope is a 404).

- Office users (:mod:`leerrecht.web.leerplicht.scope`) see the register of their own office(s)
  only, and suggestions for the platform pupils in their area.
- Users of a samenwerkingsverband see the overview of the thuiszitters registered with their
  own SWV(s), from every office, and nothing else: no register, melding or dossier.
- School staff see only the figures of their own school (counts, no names).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404
from django.utils.translation import gettext as _

from leerrecht.web.leerplicht import routering
from leerrecht.web.leerplicht import scope as lp_scope
from leerrecht.web.leerplicht.models import Bureau, Gemeente
from leerrecht.web.scholen import scope as school_scope
from leerrecht.web.scholen.models import Leerling, RolSoort, School
from leerrecht.web.thuiszitters.models import Samenwerkingsverband, ThuiszitterRegistratie

User = lp_scope.User

#: school roles that see their school's yearly figures
JAARCIJFERS_ROLLEN = (RolSoort.DIRECTEUR, RolSoort.COORDINATOR)


def swvs(user: User) -> QuerySet[Samenwerkingsverband]:
    """The samenwerkingsverbanden where this user has a role."""
    if not user.is_authenticated:
        return Samenwerkingsverband.objects.none()
    return Samenwerkingsverband.objects.filter(rollen__gebruiker_id=user.pk).distinct()


def is_swv_gebruiker(user: User) -> bool:
    return swvs(user).exists()


def bureau(user: User, wanted: str | None) -> Bureau:
    """The office the user works for (``wanted``: its id, when they work for several)."""
    mine = lp_scope.bureaus(user)
    if wanted:
        gekozen = mine.filter(pk=wanted).first() if wanted.isdigit() else None
    else:
        gekozen = mine.first()
    if gekozen is None:
        raise Http404(_("U heeft geen rol bij dit leerplichtbureau."))
    return gekozen


def registraties(user: User, bureau_: Bureau) -> QuerySet[ThuiszitterRegistratie]:
    if not lp_scope.heeft_rol(user, bureau_):
        return ThuiszitterRegistratie.objects.none()
    return ThuiszitterRegistratie.objects.filter(bureau=bureau_)


def alle_registraties(user: User) -> QuerySet[ThuiszitterRegistratie]:
    """Every registration of every office of this user (for fetching one by its id)."""
    return ThuiszitterRegistratie.objects.filter(bureau__in=lp_scope.bureaus(user))


def gemeenten(bureau_: Bureau) -> QuerySet[Gemeente]:
    return Gemeente.objects.filter(werkgebied__bureau=bureau_)


def leerlingen(user: User, bureau_: Bureau) -> QuerySet[Leerling]:
    """The platform pupils of one office: within :func:`leerrecht.web.leerplicht.scope.leerlingen`
    (the user's scope), living in this office's area or linked to one of its jeugdigen."""
    alle = lp_scope.leerlingen(user)
    if lp_scope.bureaus(user).count() == 1:
        return alle if lp_scope.heeft_rol(user, bureau_) else Leerling.objects.none()
    namen = [n.lower() for n in gemeenten(bureau_).values_list("naam", flat=True)]
    aliassen: dict[str, str] = getattr(routering, "ALIASSEN", {})
    namen += [alias for alias, naam in aliassen.items() if naam in namen]
    eigen = Leerling.objects.annotate(_woon=Lower("woongemeente")).filter(
        Q(_woon__in=namen) | Q(jeugdigen__bureau=bureau_)
    )
    return alle.filter(pk__in=eigen.values("pk"))


def swvs_voor_bureau(bureau_: Bureau) -> QuerySet[Samenwerkingsverband]:
    """The samenwerkingsverbanden an office reports to: those covering one of its gemeenten or
    having one of its registrations."""
    return Samenwerkingsverband.objects.filter(
        Q(gemeenten__werkgebied__bureau=bureau_) | Q(thuiszitters__bureau=bureau_)
    ).distinct()


def swv_voor_school(school: School | None) -> Samenwerkingsverband | None:
    """The SWV of a school: the one of its sector when it has several (SO counts as PO)."""
    if school is None:
        return None
    kandidaten = list(school.samenwerkingsverbanden.all())
    if len(kandidaten) <= 1:
        return kandidaten[0] if kandidaten else None
    sector = "vo" if school.sector in ("vo", "mbo") else "po"
    passend = [s for s in kandidaten if s.sector == sector]
    return passend[0] if len(passend) == 1 else None


def jaarcijfer_scholen(user: User) -> QuerySet[School]:
    """Schools whose yearly figures this user may see (directeur, verzuimcoördinator)."""
    mine = school_scope.rollen(user).filter(soort__in=list(JAARCIJFERS_ROLLEN))
    return School.objects.filter(rollen__in=mine).distinct()
