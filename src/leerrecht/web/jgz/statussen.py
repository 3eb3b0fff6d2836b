"""Which status of a referral may follow which, who makes each step, and the one function that
changes a status (like :mod:`leerrecht.web.meldingen.statussen`).

The chain follows M@ZL (seed 003 §7 'Stappenplan'): the school refers (aangemeld), the jeugdarts
invites the pupil and parents (uitgenodigd), they appear (verschenen) or not (niet verschenen; the
jeugdarts invites again), the jeugdarts advises (advies gegeven) and closes the referral
(afgesloten). The school may withdraw a referral before the consult. After the second time
'niet verschenen' the school may report overig verzuim (seed 003 §7 NB; seed 000 §1.1.1 "Indien
ouders 2x niet verschijnen bij de jeugdarts ... melding maken via DUO-verzuimloket (overig
verzuim)"); :func:`mag_overig_verzuim_melden`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from leerrecht.web.jgz import tijd
from leerrecht.web.jgz.models import Status, Verwijzing, VerwijzingWijziging

TRANSITIES: Mapping[Status, frozenset[Status]] = {
    # the jeugdarts invites; the school may still withdraw
    Status.AANGEMELD: frozenset({Status.UITGENODIGD, Status.INGETROKKEN}),
    Status.UITGENODIGD: frozenset({Status.VERSCHENEN, Status.NIET_VERSCHENEN, Status.INGETROKKEN}),
    # after a missed consult: a new invitation, or (after the second time) close
    Status.NIET_VERSCHENEN: frozenset({Status.UITGENODIGD, Status.AFGESLOTEN}),
    Status.VERSCHENEN: frozenset({Status.ADVIES_GEGEVEN, Status.AFGESLOTEN}),
    Status.ADVIES_GEGEVEN: frozenset({Status.AFGESLOTEN}),
    # final
    Status.AFGESLOTEN: frozenset(),
    Status.INGETROKKEN: frozenset(),
}

#: the statuses the school sets; every other status is set by the jeugdarts
DOOR_SCHOOL: frozenset[Status] = frozenset({Status.INGETROKKEN})

#: after how many missed consults the school may report overig verzuim, per protocol; seed 001
#: (Twente) reports at "niet verschijnen bij de GGD-JGZ zonder goede reden", the others after
#: the second time (seed 000 §1.1.1, seed 003 §7)
NIET_VERSCHENEN_DREMPEL: Mapping[str, int] = {"twente-po": 1}
NIET_VERSCHENEN_STANDAARD = 2

#: statuses with a date that cannot lie in the future (the consult took place, or not)
DATUM_NIET_IN_TOEKOMST = frozenset({Status.VERSCHENEN, Status.NIET_VERSCHENEN})


class StatusFout(Exception):
    """A status change that is not allowed; the message is for the user (Dutch)."""


def toegestaan(van: str, *, school: bool) -> list[Status]:
    """The statuses the school (``school=True``) or the jeugdarts may move a referral to."""
    volgende = TRANSITIES.get(Status(van), frozenset())
    return [s for s in Status if s in volgende and (s in DOOR_SCHOOL) == school]


def drempel(verwijzing: Verwijzing) -> int:
    return NIET_VERSCHENEN_DREMPEL.get(verwijzing.school.protocol, NIET_VERSCHENEN_STANDAARD)


def mag_overig_verzuim_melden(verwijzing: Verwijzing) -> bool:
    """The pupil did not appear at the jeugdarts often enough for a melding overig verzuim."""
    return verwijzing.keer_niet_verschenen >= drempel(verwijzing)


@transaction.atomic
def wijzig_status(
    verwijzing: Verwijzing,
    naar: str,
    door: User,
    *,
    school: bool,
    datum: dt.date | None = None,
    advies: str = "",
) -> VerwijzingWijziging:
    """Move ``verwijzing`` to ``naar``; raises :class:`StatusFout` when that is not allowed.

    ``school`` says who acts (the school or the jeugdarts). ``datum`` is the day of the
    appointment (uitgenodigd) or of the consult (verschenen, niet verschenen); today by default.
    ``advies`` is required for 'advies gegeven'. The row is locked and read again, so two
    clicks at once cannot both change it; ``verwijzing`` is updated in place.
    """
    try:
        doel = Status(naar)
    except ValueError:
        raise StatusFout(_("Onbekende status: %(status)s.") % {"status": naar}) from None
    actueel = Verwijzing.objects.select_for_update().get(pk=verwijzing.pk)
    van = Status(actueel.status)
    if doel not in TRANSITIES[van]:
        mogelijk = ", ".join(str(s.label) for s in Status if s in TRANSITIES[van]) or _("geen")
        raise StatusFout(
            _(
                "Een verwijzing met status '%(van)s' kan niet naar '%(naar)s'. "
                "Mogelijk vanuit '%(van)s': %(mogelijk)s."
            )
            % {"van": van.label, "naar": doel.label, "mogelijk": mogelijk}
        )
    if (doel in DOOR_SCHOOL) != school:
        raise StatusFout(
            _("Alleen de school kan een verwijzing intrekken.")
            if doel in DOOR_SCHOOL
            else _("Alleen de jeugdarts zet een verwijzing op '%(naar)s'.") % {"naar": doel.label}
        )
    vandaag = tijd.vandaag()
    dag = datum or vandaag
    if doel in DATUM_NIET_IN_TOEKOMST and dag > vandaag:
        raise StatusFout(_("De datum van het consult ligt in de toekomst."))
    if dag < actueel.aangemeld_op:
        raise StatusFout(_("De datum ligt voor de aanmelding."))
    velden = ["status", "gewijzigd_op"]
    if doel == Status.UITGENODIGD:
        if datum is None:
            raise StatusFout(_("Vul de datum van de afspraak in."))
        actueel.afspraak_op = dag
        velden.append("afspraak_op")
    if doel == Status.ADVIES_GEGEVEN:
        tekst = advies.strip()
        if not tekst:
            raise StatusFout(_("Vul het advies aan school in."))
        actueel.advies_aan_school = tekst
        actueel.advies_op = dag
        actueel.advies_door = door
        velden += ["advies_aan_school", "advies_op", "advies_door"]
    actueel.status = doel
    actueel.save(update_fields=velden)
    wijziging = VerwijzingWijziging.objects.create(
        verwijzing=actueel, van=van, naar=doel, datum=dag, door=door
    )
    for veld in velden:
        setattr(verwijzing, veld, getattr(actueel, veld))
    return wijziging
