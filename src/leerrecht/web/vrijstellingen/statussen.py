"""Which status of a vrijstelling may follow which, the conditions for granting one, and the one
function that changes a status (like :mod:`leerrecht.web.meldingen.statussen`).

ontvangen -> in behandeling -> toegekend or afgewezen; a request can be withdrawn (ingetrokken)
before the decision, and a granted vrijstelling can be withdrawn when it no longer applies (for
example when the jongere is enrolled at a school again). Only the leerplichtambtenaar decides
(seed 000 §1.1.2: "Indien een van onderstaande vrijstelling is / wordt toegekend door BLD"); the
administratie of the office registers requests and takes them into handling.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from leerrecht.web.vrijstellingen import tijd
from leerrecht.web.vrijstellingen.models import (
    VERKLARING_NODIG,
    Grond,
    Status,
    Vrijstelling,
    VrijstellingWijziging,
)

TRANSITIES: Mapping[Status, frozenset[Status]] = {
    Status.ONTVANGEN: frozenset({Status.IN_BEHANDELING, Status.INGETROKKEN}),
    Status.IN_BEHANDELING: frozenset({Status.TOEGEKEND, Status.AFGEWEZEN, Status.INGETROKKEN}),
    Status.TOEGEKEND: frozenset({Status.INGETROKKEN}),
    # final
    Status.AFGEWEZEN: frozenset(),
    Status.INGETROKKEN: frozenset(),
}

#: the steps only a leerplichtambtenaar takes (the decision and a withdrawal)
ALLEEN_LEERPLICHTAMBTENAAR = frozenset({Status.TOEGEKEND, Status.AFGEWEZEN, Status.INGETROKKEN})
#: a decision needs a motivation (art. 3:46 Algemene wet bestuursrecht)
MOTIVERING_NODIG = frozenset({Status.TOEGEKEND, Status.AFGEWEZEN})


class StatusFout(Exception):
    """A status change that is not allowed; the message is for the user (Dutch)."""


def toegestaan(van: str, *, leerplichtambtenaar: bool) -> list[Status]:
    volgende = TRANSITIES.get(Status(van), frozenset())
    return [
        s
        for s in Status
        if s in volgende and (leerplichtambtenaar or s not in ALLEEN_LEERPLICHTAMBTENAAR)
    ]


def waarom_niet_toekennen(v: Vrijstelling) -> list[str]:
    """Why this vrijstelling cannot be granted (empty: it can)."""
    redenen: list[str] = []
    nodig = VERKLARING_NODIG.get(v.grond)
    if nodig is not None and (v.verklaring_ontvangen_op is None or not v.verklaring_van.strip()):
        redenen.append(_("Leg eerst vast dat %(wat)s is ontvangen, en van wie.") % {"wat": nodig})
    if v.grond == Grond.ART_5C and v.einddatum >= _een_jaar_later(v.ingangsdatum):
        # seed 000 §1.1.2: "Altijd voor de duur van één jaar"
        redenen.append(
            _("Een vrijstelling voor een school buiten Nederland geldt ten hoogste één jaar.")
        )
    if v.grond == Grond.ART_5B and _ingeschreven_in_jaar_voor(v):
        # seed 000 §1.1.2: "alleen ... als er in het afgelopen schooljaar geen schoolinschrijving
        # is geweest"
        redenen.append(
            _(
                "De jeugdige stond in het jaar voor de ingangsdatum op een school ingeschreven; "
                "een vrijstelling op grond van de richting kan dan niet."
            )
        )
    return redenen


def _jaren_verder(dag: dt.date, jaren: int) -> dt.date:
    try:
        return dag.replace(year=dag.year + jaren)
    except ValueError:  # 29 February
        return dag.replace(year=dag.year + jaren, day=28)


def _een_jaar_later(dag: dt.date) -> dt.date:
    return _jaren_verder(dag, 1)


def _ingeschreven_in_jaar_voor(v: Vrijstelling) -> bool:
    begin = _jaren_verder(v.ingangsdatum, -1)
    inschrijvingen = list(v.jeugdige.leerlingen.all())
    if v.leerling is not None:
        inschrijvingen.append(v.leerling)
    return any(
        leerling.ingeschreven_vanaf < v.ingangsdatum
        and (leerling.ingeschreven_tot is None or leerling.ingeschreven_tot >= begin)
        for leerling in inschrijvingen
    )


@transaction.atomic
def wijzig_status(
    vrijstelling: Vrijstelling,
    naar: str,
    door: User,
    *,
    leerplichtambtenaar: bool,
    motivering: str = "",
    notitie: str = "",
) -> VrijstellingWijziging:
    """Move ``vrijstelling`` to ``naar``; raises :class:`StatusFout` when that is not allowed.

    The row is locked and read again; ``vrijstelling`` is updated in place.
    """
    try:
        doel = Status(naar)
    except ValueError:
        raise StatusFout(_("Onbekende status: %(status)s.") % {"status": naar}) from None
    actueel = Vrijstelling.objects.select_for_update().get(pk=vrijstelling.pk)
    van = Status(actueel.status)
    if doel not in TRANSITIES[van]:
        mogelijk = ", ".join(str(s.label) for s in Status if s in TRANSITIES[van]) or _("geen")
        raise StatusFout(
            _(
                "Een vrijstelling met status '%(van)s' kan niet naar '%(naar)s'. "
                "Mogelijk vanuit '%(van)s': %(mogelijk)s."
            )
            % {"van": van.label, "naar": doel.label, "mogelijk": mogelijk}
        )
    if doel in ALLEEN_LEERPLICHTAMBTENAAR and not leerplichtambtenaar:
        raise StatusFout(_("Alleen een leerplichtambtenaar beslist over een vrijstelling."))
    velden = ["status"]
    if doel in MOTIVERING_NODIG:
        tekst = motivering.strip()
        if not tekst:
            raise StatusFout(_("Een besluit heeft een motivering nodig."))
        if doel == Status.TOEGEKEND:
            redenen = waarom_niet_toekennen(actueel)
            if redenen:
                raise StatusFout(" ".join(redenen))
        actueel.motivering = tekst
        actueel.besloten_door = door
        actueel.besloten_op = tijd.vandaag()
        velden += ["motivering", "besloten_door", "besloten_op"]
    actueel.status = doel
    actueel.save(update_fields=velden)
    wijziging = VrijstellingWijziging.objects.create(
        vrijstelling=actueel, van=van, naar=doel, door=door, notitie=notitie.strip()[:500]
    )
    for veld in velden:
        setattr(vrijstelling, veld, getattr(actueel, veld))
    return wijziging
