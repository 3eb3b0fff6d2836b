"""Which status of a DUO-melding may follow which, and the one function that changes a status.

The map :data:`TRANSITIES` is the only place that decides this (like the state machine of
Amsterdam's Signalen): the views show a button per allowed transition and :func:`wijzig_status`
refuses everything else with a clear Dutch message. Every change is recorded in
:class:`~leerrecht.web.meldingen.models.StatusWijziging`.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from leerrecht.web.meldingen.models import DuoMelding, Status, StatusWijziging
from leerrecht.web.meldingen.signalen import status_gewijzigd

TRANSITIES: Mapping[Status, frozenset[Status]] = {
    # not yet reported: report it to DUO, or withdraw the draft
    Status.CONCEPT: frozenset({Status.GEMELD, Status.INGETROKKEN}),
    # DUO has it: the leerplichtambtenaar takes it up, notes it, closes it, or the school withdraws
    Status.GEMELD: frozenset(
        {
            Status.IN_BEHANDELING,
            Status.TER_KENNISGEVING,
            Status.AFGESLOTEN,
            Status.INGETROKKEN,
        }
    ),
    Status.IN_BEHANDELING: frozenset({Status.AFGESLOTEN}),
    # final
    Status.AFGESLOTEN: frozenset(),
    Status.INGETROKKEN: frozenset(),
    Status.TER_KENNISGEVING: frozenset(),
}

#: transitions that need DUO's meldingsnummer
VEREIST_MELDINGSNUMMER: frozenset[tuple[Status, Status]] = frozenset(
    {(Status.CONCEPT, Status.GEMELD)}
)

MELDINGSNUMMER_MAX = 50


class StatusFout(Exception):
    """A status change that is not allowed; the message is for the user (Dutch)."""


def toegestaan(van: str) -> list[Status]:
    """The statuses a melding in status ``van`` may move to, in the order of :class:`Status`."""
    volgende = TRANSITIES.get(Status(van), frozenset())
    return [s for s in Status if s in volgende]


def vereist_meldingsnummer(van: str, naar: str) -> bool:
    return (Status(van), Status(naar)) in VEREIST_MELDINGSNUMMER


@transaction.atomic
def wijzig_status(
    melding: DuoMelding,
    naar: str,
    door: User | None,
    *,
    meldingsnummer: str = "",
    notitie: str = "",
) -> StatusWijziging:
    """Move ``melding`` to status ``naar``; raises :class:`StatusFout` when that is not allowed.

    The row is locked and its status read again, so two people clicking at once cannot both
    change it. ``melding`` is updated in place.
    """
    try:
        doel = Status(naar)
    except ValueError:
        raise StatusFout(_("Onbekende status: %(status)s.") % {"status": naar}) from None
    actueel = DuoMelding.objects.select_for_update().get(pk=melding.pk)
    van = Status(actueel.status)
    if doel not in TRANSITIES[van]:
        mogelijk = ", ".join(str(s.label) for s in toegestaan(van)) or _("geen")
        raise StatusFout(
            _(
                "Een melding met status '%(van)s' kan niet naar '%(naar)s'. "
                "Mogelijk vanuit '%(van)s': %(mogelijk)s."
            )
            % {"van": van.label, "naar": doel.label, "mogelijk": mogelijk}
        )
    velden = ["status", "gewijzigd_op"]
    if (van, doel) in VEREIST_MELDINGSNUMMER:
        nummer = meldingsnummer.strip()
        if not nummer:
            raise StatusFout(
                _(
                    "Vul het meldingsnummer van DUO in: zonder meldingsnummer kan de melding "
                    "niet op 'gemeld' worden gezet."
                )
            )
        if len(nummer) > MELDINGSNUMMER_MAX or any(c.isspace() for c in nummer):
            raise StatusFout(
                _(
                    "Het meldingsnummer van DUO mag geen spaties bevatten en is hoogstens "
                    "%(max)d tekens lang."
                )
                % {"max": MELDINGSNUMMER_MAX}
            )
        actueel.meldingsnummer = nummer
        velden.append("meldingsnummer")
    actueel.status = doel
    actueel.save(update_fields=velden)
    wijziging = StatusWijziging.objects.create(
        melding=actueel, van=van, naar=doel, door=door, notitie=notitie.strip()
    )
    melding.status = actueel.status
    melding.meldingsnummer = actueel.meldingsnummer
    melding.gewijzigd_op = actueel.gewijzigd_op
    status_gewijzigd.send(
        sender=DuoMelding, melding=actueel, van=van, naar=doel, door=door, notitie=notitie.strip()
    )
    return wijziging
