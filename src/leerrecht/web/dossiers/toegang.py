"""Who may see and change dossiers (least privilege; fetched through the office scope).

- A leerplichtambtenaar of the dossier's office: everything.
- Administratie of that office: reads the dossier and adds documents; any other change is
  refused with 403 (the dossier is in their scope, so a 404 would hide nothing).
- Everyone else (another office, school staff, JGZ, no role): 404, as if the dossier did not
  exist. School staff see what was done with their melding through the inbox's terugkoppeling.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from leerrecht.web.dossiers.models import Dossier
from leerrecht.web.leerplicht import scope
from leerrecht.web.leerplicht.models import Bureau, BureauRolSoort

Gebruiker = AbstractBaseUser | AnonymousUser


def dossiers(user: Gebruiker) -> QuerySet[Dossier]:
    """The dossiers of the user's offices (both roles may read), about jeugdigen in scope."""
    return Dossier.objects.filter(
        bureau__in=scope.bureaus(user), jeugdige__in=scope.jeugdigen(user)
    )


def dossier(user: Gebruiker, pk: int) -> Dossier:
    gevonden = (
        dossiers(user)
        .select_related("bureau", "jeugdige", "jeugdige__gemeente", "behandelaar")
        .filter(pk=pk)
        .first()
    )
    if gevonden is None:
        raise Http404(_("Dit dossier bestaat niet of hoort niet bij uw bureau."))
    return gevonden


def is_leerplichtambtenaar(user: Gebruiker, bureau: Bureau) -> bool:
    return scope.heeft_rol(user, bureau, BureauRolSoort.LEERPLICHTAMBTENAAR)


def mag_documenten_toevoegen(user: Gebruiker, bureau: Bureau) -> bool:
    return scope.heeft_rol(
        user, bureau, BureauRolSoort.LEERPLICHTAMBTENAAR, BureauRolSoort.ADMINISTRATIE
    )


def vereis_leerplichtambtenaar(user: Gebruiker, bureau: Bureau) -> User:
    if not is_leerplichtambtenaar(user, bureau):
        raise PermissionDenied(_("Alleen een leerplichtambtenaar van het bureau kan dit wijzigen."))
    assert isinstance(user, User)
    return user


def behandelaars(bureau: Bureau) -> QuerySet[User]:
    """The leerplichtambtenaren of the office (who can handle a dossier)."""
    return (
        User.objects.filter(
            bureaurollen__bureau=bureau,
            bureaurollen__soort=BureauRolSoort.LEERPLICHTAMBTENAAR,
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def bureau(user: Gebruiker, gevraagd: str | None, *soorten: BureauRolSoort) -> Bureau:
    """The office the user asked for (``?bureau=``), or their first; 404 without a role there."""
    mijn = scope.bureaus(user)
    if soorten:
        mijn = mijn.filter(rollen__gebruiker_id=user.pk, rollen__soort__in=list(soorten))
    if gevraagd:
        gekozen = mijn.filter(pk=gevraagd).first() if gevraagd.isdigit() else None
    else:
        gekozen = mijn.order_by("naam").first()
    if gekozen is None:
        raise Http404(_("U heeft geen rol bij dit leerplichtbureau."))
    return gekozen


def leerling_id(dossier: Dossier) -> int | None:
    """The pupil record the audit log names: the first one linked to the jeugdige."""
    return (
        dossier.jeugdige.leerlingen.order_by("pk").values_list("pk", flat=True).first()
        if dossier.jeugdige_id
        else None
    )
