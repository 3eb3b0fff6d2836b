"""The work behind the verlof pages: the legal check, sick reports and decisions.

The legal rules themselves live in the Django-free core (:func:`check_verlof`); this module
feeds it from the database and writes the outcome back as registrations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerrecht.core.model import VerlofSoort
from leerrecht.core.rules.verlof import VerlofCheck, check_verlof
from leerrecht.web import evaluatie
from leerrecht.web.registratie.models import Moment, Registratie
from leerrecht.web.scholen.models import Leerling
from leerrecht.web.verlof.models import Status, VerlofAanvraag

LEERPLICHTAMBTENAAR = "leerplichtambtenaar"


def vandaag() -> dt.date:
    """Today in the school's time zone (a function, so tests can fix the date)."""
    return timezone.localdate()


def toets(aanvraag: VerlofAanvraag) -> VerlofCheck:
    """The legal check of a (possibly unsaved) request; raises CalendarError for unknown years."""
    calendar = evaluatie.calendar_for(aanvraag.leerling.school)
    andere = VerlofAanvraag.objects.filter(
        leerling_id=aanvraag.leerling_id, status=Status.TOEGEKEND
    )
    if aanvraag.pk is not None:
        andere = andere.exclude(pk=aanvraag.pk)
    return check_verlof(
        calendar,
        str(aanvraag.leerling_id),
        VerlofSoort(aanvraag.soort),
        aanvraag.start,
        aanvraag.end,
        existing=[a.als_core() for a in andere],
        requested_on=aanvraag.aangevraagd_op,
        werkgeversverklaring=bool(aanvraag.werkgeversverklaring),
    )


def samenvatting(check: VerlofCheck) -> str:
    """The outcome of the check in plain Dutch, for parents."""
    if check.decided_by == LEERPLICHTAMBTENAAR:
        return _(
            "Het verlof duurt meer dan 10 schooldagen. Daarover beslist de "
            "leerplichtambtenaar van uw gemeente; de directeur stuurt uw aanvraag door."
        )
    if check.allowed:
        return _(
            "Uw aanvraag voldoet aan de wettelijke voorwaarden die wij kunnen controleren. "
            "De directeur beslist en motiveert het besluit."
        )
    return _(
        "Uw aanvraag voldoet niet aan alle wettelijke voorwaarden. De directeur beslist, "
        "maar mag verlof dat niet aan de wet voldoet niet toekennen."
    )


@dataclass(frozen=True)
class Dag:
    """One calendar day of a sick report or a granted verlof: registered, or why not."""

    datum: dt.date
    geregistreerd: bool
    waarom_niet: str = ""
    schooldag: bool = True


def registreer_dagen(
    leerling: Leerling,
    start: dt.date,
    end: dt.date,
    reden: str,
    door: Any,
    notitie: str = "",
) -> list[Dag]:
    """Register ``leerling`` absent for the whole day on every school day from start to end.

    Days that are no school day, on which the pupil is not enrolled, or that already have a
    registration are skipped (an existing registration is never overwritten).
    Raises CalendarError when a date lies outside the known school years.
    """
    calendar = evaluatie.calendar_for(leerling.school)
    calendar.require(start)
    calendar.require(end)
    dagen: list[Dag] = []
    with transaction.atomic():
        bezet = set(
            Registratie.objects.filter(
                leerling=leerling, datum__gte=start, datum__lte=end
            ).values_list("datum", flat=True)
        )
        day = start
        while day <= end:
            waarom = calendar.why_not_school_day(day)
            schooldag = not waarom
            if not waarom and not leerling.ingeschreven_op(day):
                waarom = _("niet ingeschreven")
            if not waarom and day in bezet:
                waarom = _("er staat al een registratie op deze dag")
            if waarom:
                dagen.append(Dag(day, False, waarom, schooldag))
            else:
                Registratie.objects.create(
                    leerling=leerling,
                    datum=day,
                    moment=Moment.DAG,
                    soort="absent",
                    reden=reden,
                    uren=None,
                    notitie=notitie,
                    geregistreerd_door=door,
                )
                dagen.append(Dag(day, True))
            day += dt.timedelta(days=1)
    return dagen


class AlBesloten(Exception):
    """The request was decided in the meantime (another tab or another directeur)."""


TOEKENNEN = "toekennen"
AFWIJZEN = "afwijzen"
DOORSTUREN = "doorsturen"


def mogelijke_besluiten(check: VerlofCheck) -> list[str]:
    """What the directeur may decide, given the legal check.

    More than 10 school days of gewichtige omstandigheden is for the leerplichtambtenaar
    (art. 14 lid 3): the directeur can only forward it. Verlof that fails the check can only be
    refused.
    """
    if check.decided_by == LEERPLICHTAMBTENAAR:
        return [DOORSTUREN]
    if check.allowed:
        return [TOEKENNEN, AFWIJZEN]
    return [AFWIJZEN]


def beslis(
    aanvraag_id: int, besluit: str, motivering: str, door: Any
) -> tuple[VerlofAanvraag, list[Dag]]:
    """Record the directeur's decision; on toekennen register the verlof days.

    Re-checks the law inside the transaction, so the decision always matches the check the
    directeur saw. Raises AlBesloten, CalendarError, or ValueError for a decision the check
    does not allow.
    """
    with transaction.atomic():
        aanvraag = (
            VerlofAanvraag.objects.select_for_update()
            .select_related("leerling", "leerling__school")
            .get(pk=aanvraag_id)
        )
        if aanvraag.status != Status.AANGEVRAAGD:
            raise AlBesloten
        check = toets(aanvraag)
        if besluit not in mogelijke_besluiten(check):
            raise ValueError(besluit)
        aanvraag.status = {
            TOEKENNEN: Status.TOEGEKEND,
            AFWIJZEN: Status.AFGEWEZEN,
            DOORSTUREN: Status.DOORGESTUURD,
        }[besluit]
        aanvraag.besluit_motivering = motivering.strip()
        aanvraag.besloten_door = door
        aanvraag.besloten_op = vandaag()
        aanvraag.toetsing = check.to_dict()
        aanvraag.save()
        dagen: list[Dag] = []
        if besluit == TOEKENNEN:
            dagen = registreer_dagen(
                aanvraag.leerling,
                aanvraag.start,
                aanvraag.end,
                "verlof",
                door,
                # stored data stays Dutch, whatever the language of the screen
                notitie=f"toegekend verlof, aanvraag {aanvraag.pk}",
            )
    return aanvraag, dagen
