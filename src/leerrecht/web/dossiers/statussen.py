"""Which status of a dossier may follow which, and the one function that changes a status.

The map :data:`TRANSITIES` is the only place that decides this (as in
:mod:`leerrecht.web.meldingen.statussen`): the detail page shows a button per allowed transition
and :func:`wijzig_status` refuses everything else with a clear Dutch message. Every change is
recorded in :class:`~leerrecht.web.dossiers.models.Wijziging` (append only).

The steps follow the MAS as seed 003 §7 describes the leerplichtambtenaar's work: "maakt een
dossier aan" (aangemaakt), "start een verzuimonderzoek zodra afwezigheid gemeld is" with a
verzuimgesprek (onderzoek), follows "een van de routes uit de MAS" (route bepaald, in
uitvoering; seed 003 §5) and "geeft een terugkoppeling aan de school" before closing
(afgesloten; seed 002 §2). A closed dossier can be reopened, always with a motivation.

'Pas toe of leg uit' (seed 003 §7): a change that deviates from the MAS (see
:func:`leerrecht.web.dossiers.mas.afwijkingen_status`) is allowed only with a motivation.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from leerrecht.web.dossiers import mas
from leerrecht.web.dossiers.models import Dossier, Status, Wijziging, WijzigingSoort

TRANSITIES: Mapping[Status, frozenset[Status]] = {
    # the office opened the dossier: start the onderzoek, or close it (with a motivation)
    Status.AANGEMAAKT: frozenset({Status.ONDERZOEK, Status.AFGESLOTEN}),
    # the verzuimgesprek: choose a route (on the route page), or close ("geen actie bij geen
    # verwijtbaarheid of onterechte melding", seed 003 §7)
    Status.ONDERZOEK: frozenset({Status.ROUTE_BEPAALD, Status.AFGESLOTEN}),
    Status.ROUTE_BEPAALD: frozenset({Status.IN_UITVOERING, Status.AFGESLOTEN}),
    # another route while in progress goes back to 'route bepaald'
    Status.IN_UITVOERING: frozenset({Status.ROUTE_BEPAALD, Status.AFGESLOTEN}),
    # heropenen, always with a motivation
    Status.AFGESLOTEN: frozenset({Status.ONDERZOEK}),
}

#: statuses that need a route
VEREIST_ROUTE = frozenset({Status.ROUTE_BEPAALD, Status.IN_UITVOERING})


class StatusFout(Exception):
    """A change that is not allowed; the message is for the user (Dutch)."""


class MotiveringNodig(StatusFout):
    """A change that deviates from the MAS, tried without a motivation."""

    def __init__(self, redenen: list[str]) -> None:
        self.redenen = redenen
        super().__init__(
            _("Dit wijkt af van de MAS: %(redenen)s Pas toe of leg uit: vul een motivering in.")
            % {"redenen": " ".join(redenen)}
        )


def toegestaan(van: str) -> list[Status]:
    """The statuses a dossier in status ``van`` may move to, in the order of :class:`Status`."""
    volgende = TRANSITIES.get(Status(van), frozenset())
    return [s for s in Status if s in volgende]


def controleer_motivering(redenen: list[str], motivering: str) -> str:
    """The stripped motivation; raises :class:`MotiveringNodig` when a deviation has none, or one
    too short to explain anything."""
    tekst = motivering.strip()
    if redenen and len(tekst) < mas.MIN_MOTIVERING:
        raise MotiveringNodig(redenen)
    return tekst


def afwijking_nl(redenen_nl: list[str]) -> str:
    return "\n".join(redenen_nl)


@transaction.atomic
def wijzig_status(
    dossier: Dossier,
    naar: str,
    door: User | None,
    *,
    toelichting: str = "",
    motivering: str = "",
) -> Wijziging:
    """Move ``dossier`` to status ``naar``; raises :class:`StatusFout` when that is not allowed
    and :class:`MotiveringNodig` when it deviates from the MAS without a motivation.

    The row is locked and its status read again, so two people clicking at once cannot both
    change it. ``dossier`` is updated in place.
    """
    try:
        doel = Status(naar)
    except ValueError:
        raise StatusFout(_("Onbekende status: %(status)s.") % {"status": naar}) from None
    actueel = Dossier.objects.select_for_update().select_related("jeugdige").get(pk=dossier.pk)
    van = Status(actueel.status)
    if doel not in TRANSITIES[van]:
        mogelijk = ", ".join(str(s.label) for s in toegestaan(van)) or _("geen")
        raise StatusFout(
            _(
                "Een dossier met status '%(van)s' kan niet naar '%(naar)s'. "
                "Mogelijk vanuit '%(van)s': %(mogelijk)s."
            )
            % {"van": van.label, "naar": doel.label, "mogelijk": mogelijk}
        )
    if doel in VEREIST_ROUTE and not actueel.route:
        raise StatusFout(
            _("Kies eerst een route: de status '%(naar)s' hoort bij een gekozen route.")
            % {"naar": doel.label}
        )
    if (
        van == Status.AFGESLOTEN
        and Dossier.objects.filter(jeugdige_id=actueel.jeugdige_id)
        .exclude(status=Status.AFGESLOTEN)
        .exclude(pk=actueel.pk)
        .exists()
    ):
        raise StatusFout(
            _(
                "Deze jeugdige heeft al een open dossier; een tweede open dossier kan niet. "
                "Werk in het open dossier verder."
            )
        )
    stand = mas.stand(actueel)
    tekst = controleer_motivering(mas.afwijkingen_status(stand, doel), motivering)
    with translation.override("nl"):  # the history keeps the Dutch text, whatever the screen
        afwijking = afwijking_nl(mas.afwijkingen_status(stand, doel))
    actueel.status = doel
    actueel.save(update_fields=["status", "gewijzigd_op"])
    wijziging = Wijziging.objects.create(
        dossier=actueel,
        soort=WijzigingSoort.STATUS,
        van=van,
        naar=doel,
        door=door,
        toelichting=toelichting.strip(),
        afwijking=afwijking if tekst else "",
        motivering=tekst,
    )
    dossier.status = actueel.status
    dossier.gewijzigd_op = actueel.gewijzigd_op
    return wijziging
