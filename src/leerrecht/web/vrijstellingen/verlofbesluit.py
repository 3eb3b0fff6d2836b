"""The leerplichtambtenaar's decision on verlof of more than 10 school days (art. 14 lid 3
Leerplichtwet 1969; seed 000 §1.1.2 "De consulent leerrecht beoordeelt aanvragen voor verlof
vanwege gewichtige omstandigheden meer dan 10 schooldagen (LPW 1969, art. 11g / 14)").

The directeur forwards such a request (:mod:`leerrecht.web.verlof.toetsing`, status
'doorgestuurd'); the office of the pupil's area decides here, with the same legal check, and a
granted verlof is registered on the school days like the directeur's (reason 'verlof').
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.db.models import QuerySet

from leerrecht.core.rules.verlof import VerlofCheck
from leerrecht.web.leerplicht import scope as lp_scope
from leerrecht.web.leerplicht.models import Bureau
from leerrecht.web.leerplicht.routering import routeer
from leerrecht.web.scholen.models import Leerling
from leerrecht.web.verlof import toetsing
from leerrecht.web.verlof.models import Status as VerlofStatus
from leerrecht.web.verlof.models import VerlofAanvraag
from leerrecht.web.vrijstellingen import tijd
from leerrecht.web.vrijstellingen.models import VerlofBesluit, VerlofBesluitSoort

TOEKENNEN = VerlofBesluitSoort.TOEGEKEND.value
AFWIJZEN = VerlofBesluitSoort.AFGEWEZEN.value


class AlBesloten(Exception):
    """The office decided in the meantime (another tab or another colleague)."""


class NietAanLeerplicht(Exception):
    """The request is not (or no longer) one for the leerplichtambtenaar."""


@dataclass(frozen=True)
class Uitkomst:
    besluit: VerlofBesluit
    dagen: list[toetsing.Dag]


def doorgestuurd(user: AbstractBaseUser | AnonymousUser) -> QuerySet[VerlofAanvraag]:
    """Forwarded requests of pupils in the user's offices' area (leerplicht scope)."""
    return VerlofAanvraag.objects.filter(
        status=VerlofStatus.DOORGESTUURD,
        leerling_id__in=lp_scope.leerlingen(user).values("pk"),
    ).select_related("leerling", "leerling__school", "leerling__groep")


def bureau_voor(user: AbstractBaseUser | AnonymousUser, leerling: Leerling) -> Bureau | None:
    """The user's office that decides for ``leerling``: the office of the woongemeente, or else
    the office that has the pupil among its jeugdigen."""
    mijn = lp_scope.bureaus(user)
    bureau = routeer(leerling.woongemeente).bureau
    if bureau is not None and mijn.filter(pk=bureau.pk).exists():
        return bureau
    return mijn.filter(jeugdigen__leerlingen=leerling).first()


def mogelijke_besluiten(check: VerlofCheck) -> list[str]:
    """Verlof that fails the legal check can only be refused (as for the directeur)."""
    return [TOEKENNEN, AFWIJZEN] if check.allowed else [AFWIJZEN]


def beslis(aanvraag_id: int, bureau: Bureau, besluit: str, motivering: str, door: User) -> Uitkomst:
    """Record the decision; on toekennen register the verlof days. Re-checks the law inside the
    transaction. Raises AlBesloten, NietAanLeerplicht, CalendarError, or ValueError for a
    decision the check does not allow."""
    with transaction.atomic():
        aanvraag = (
            VerlofAanvraag.objects.select_for_update()
            .select_related("leerling", "leerling__school")
            .get(pk=aanvraag_id)
        )
        if VerlofBesluit.objects.filter(aanvraag=aanvraag).exists():
            raise AlBesloten
        if aanvraag.status != VerlofStatus.DOORGESTUURD:
            raise NietAanLeerplicht
        check = toetsing.toets(aanvraag)
        if check.decided_by != toetsing.LEERPLICHTAMBTENAAR:
            raise NietAanLeerplicht
        if besluit not in mogelijke_besluiten(check) or not motivering.strip():
            raise ValueError(besluit)
        dagen: list[toetsing.Dag] = []
        if besluit == TOEKENNEN:
            dagen = toetsing.registreer_dagen(
                aanvraag.leerling,
                aanvraag.start,
                aanvraag.end,
                "verlof",
                door,
                # stored data stays Dutch, whatever the language of the screen
                notitie=f"verlof toegekend door de leerplichtambtenaar, aanvraag {aanvraag.pk}",
            )
        uitkomst = VerlofBesluit.objects.create(
            aanvraag=aanvraag,
            bureau=bureau,
            besluit=besluit,
            motivering=motivering.strip(),
            besloten_door=door,
            besloten_op=tijd.vandaag(),
            toetsing=check.to_dict(),
            dagen_geregistreerd=sum(1 for d in dagen if d.geregistreerd),
        )
    return Uitkomst(uitkomst, dagen)
