"""What the school sees of the office: where its melding went and what the office did with it.

Seed 002 (Holland Rijnland, "Melding"): "in alle gevallen koppelt de leerplichtambtenaar terug
aan de melder". Seed 000 bijlage 1: every school has its consulent leerrecht (contactpersoon) at
the office; bijlage 2: where a melding goes depends on the pupil's woongemeente.

Used by the school's DUO-meldingen pages through the template tags in
:mod:`leerrecht.web.leerplicht.templatetags.leerplicht_school`, so the meldingen app does not
depend on this one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from leerrecht.web.leerplicht.models import Bureau, Contactpersoon, InboxMelding
from leerrecht.web.leerplicht.ontvangst import BUREAU_STATUSSEN
from leerrecht.web.leerplicht.routering import Routering, routeer
from leerrecht.web.meldingen.models import DuoMelding
from leerrecht.web.scholen.models import School


@dataclass(frozen=True)
class BijLeerplicht:
    """The melding as the school sees it at the office."""

    routering: Routering
    bureau: Bureau | None
    contactpersoon: Contactpersoon | None
    ontvangen: InboxMelding | None

    @property
    def alleen_bureau(self) -> frozenset[str]:
        """Statuses the school may no longer set itself: the office sets them."""
        return frozenset(BUREAU_STATUSSEN) if self.ontvangen is not None else frozenset()


def contactpersonen(school: School) -> QuerySet[Contactpersoon]:
    """The consulenten leerrecht for this school, one per office (seed 000 bijlage 1)."""
    return school.contactpersonen.select_related("bureau", "consulent").order_by("bureau__naam")


def voor_school(melding: DuoMelding) -> BijLeerplicht:
    ontvangen = (
        InboxMelding.objects.filter(duo_melding=melding)
        .select_related("bureau", "behandelaar")
        .first()
    )
    routering = routeer(melding.woongemeente or melding.leerling.woongemeente)
    bureau = ontvangen.bureau if ontvangen is not None else routering.bureau
    contact = (
        contactpersonen(melding.school).filter(bureau=bureau).first()
        if bureau is not None
        else None
    )
    return BijLeerplicht(routering, bureau, contact, ontvangen)
