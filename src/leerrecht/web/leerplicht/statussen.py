"""How the office handles a melding in its inbox: which status may follow which, the behandelaar
and the terugkoppeling for the school.

The statuses are DUO's (:class:`leerrecht.web.meldingen.models.Status`): a melding arrives as
*gemeld*; the leerplichtambtenaar takes it up (*in behandeling*), notes it (*ter kennisgeving
aangenomen*) or closes it (*afgesloten*); a melding in behandeling is closed in the end.
*Ingetrokken* is set only by the school withdrawing its melding
(:func:`leerrecht.web.leerplicht.ontvangst.trek_in`). :data:`TRANSITIES` is the only place that
decides this; :func:`wijzig_status` refuses everything else with a clear Dutch message and keeps
every step in :class:`~leerrecht.web.leerplicht.models.InboxStatusWijziging` (append only).

For a melding from a school on the platform, the school's DuoMelding moves along through
:func:`leerrecht.web.meldingen.statussen.wijzig_status` (with the office user and the
terugkoppeling as notitie), so the school sees it. Seed 002 (Holland Rijnland, "Melding"): "in
alle gevallen koppelt de leerplichtambtenaar terug aan de melder": closing a melding
(afgesloten, ter kennisgeving aangenomen) needs a terugkoppeling.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from leerrecht.web.audit.log import vastleggen
from leerrecht.web.audit.models import Actie
from leerrecht.web.leerplicht.models import (
    BureauRol,
    BureauRolSoort,
    InboxMelding,
    InboxStatusWijziging,
)
from leerrecht.web.leerplicht.ontvangst import door_bureau
from leerrecht.web.meldingen import statussen as duo
from leerrecht.web.meldingen.models import Status

TRANSITIES: Mapping[Status, frozenset[Status]] = {
    Status.GEMELD: frozenset({Status.IN_BEHANDELING, Status.TER_KENNISGEVING, Status.AFGESLOTEN}),
    Status.IN_BEHANDELING: frozenset({Status.AFGESLOTEN}),
    # final
    Status.AFGESLOTEN: frozenset(),
    Status.TER_KENNISGEVING: frozenset(),
    Status.INGETROKKEN: frozenset(),
}

#: closing needs a terugkoppeling for the school (seed 002: "in alle gevallen ... terug")
VEREIST_TERUGKOPPELING = frozenset({Status.AFGESLOTEN, Status.TER_KENNISGEVING})

TERUGKOPPELING_MAX = 4000


class StatusFout(Exception):
    """A change that is not allowed; the message is for the user (Dutch)."""


def toegestaan(van: str) -> list[Status]:
    """The statuses an inbox melding in status ``van`` may move to, in the order of Status."""
    try:
        volgende = TRANSITIES[Status(van)]
    except (ValueError, KeyError):
        return []
    return [s for s in Status if s in volgende]


def behandelaars(melding: InboxMelding) -> list[User]:
    """Who may be the behandelaar: the office's leerplichtambtenaren."""
    ids = BureauRol.objects.filter(
        bureau_id=melding.bureau_id, soort=BureauRolSoort.LEERPLICHTAMBTENAAR
    ).values_list("gebruiker_id", flat=True)
    return list(User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "username"))


@transaction.atomic
def wijzig_status(
    melding: InboxMelding,
    naar: str,
    door: User,
    *,
    terugkoppeling: str | None = None,
    behandelaar: User | None = None,
) -> InboxStatusWijziging:
    """Move ``melding`` to ``naar`` (or keep its status when ``naar`` is the current one) and
    set the behandelaar and the terugkoppeling; raises :class:`StatusFout` when not allowed.

    ``terugkoppeling=None`` keeps the current text. The row is locked and read again, so two
    people saving at once cannot both change it; ``melding`` is updated in place.
    """
    try:
        doel = Status(naar)
    except ValueError:
        raise StatusFout(_("Onbekende status: %(status)s.") % {"status": naar}) from None
    actueel = InboxMelding.objects.select_for_update().get(pk=melding.pk)
    van = Status(actueel.status)
    if van == Status.INGETROKKEN:
        raise StatusFout(
            _("De school heeft deze melding ingetrokken; er valt niets meer te wijzigen.")
        )
    if doel != van and doel not in TRANSITIES[van]:
        mogelijk = ", ".join(str(s.label) for s in toegestaan(van)) or _("geen")
        raise StatusFout(
            _(
                "Een melding met status '%(van)s' kan niet naar '%(naar)s'. "
                "Mogelijk vanuit '%(van)s': %(mogelijk)s."
            )
            % {"van": van.label, "naar": doel.label, "mogelijk": mogelijk}
        )
    tekst = actueel.terugkoppeling if terugkoppeling is None else terugkoppeling.strip()
    if len(tekst) > TERUGKOPPELING_MAX:
        raise StatusFout(
            _("De terugkoppeling is te lang (hoogstens %(max)d tekens).")
            % {"max": TERUGKOPPELING_MAX}
        )
    if doel in VEREIST_TERUGKOPPELING and not tekst:
        raise StatusFout(
            _(
                "Vul de terugkoppeling aan de school in: bij '%(naar)s' koppelt de "
                "leerplichtambtenaar altijd terug wat er met de melding is gedaan."
            )
            % {"naar": doel.label}
        )
    if behandelaar is not None and behandelaar not in behandelaars(actueel):
        raise StatusFout(
            _("%(naam)s is geen leerplichtambtenaar van %(bureau)s.")
            % {
                "naam": behandelaar.get_full_name() or behandelaar.username,
                "bureau": actueel.bureau.naam,
            }
        )
    if (
        behandelaar is None
        and actueel.behandelaar_id is None
        and doel == Status.IN_BEHANDELING
        and door in behandelaars(actueel)
    ):
        behandelaar = door  # who takes it up handles it
    nieuwe_behandelaar = behandelaar if behandelaar is not None else actueel.behandelaar
    if (
        doel == van
        and tekst == actueel.terugkoppeling
        and nieuwe_behandelaar == actueel.behandelaar
    ):
        raise StatusFout(_("Er is niets gewijzigd."))

    if doel != van and actueel.duo_melding_id is not None:
        school_melding = actueel.duo_melding
        assert school_melding is not None
        if school_melding.status != doel:
            token = door_bureau.set(True)
            try:
                duo.wijzig_status(school_melding, doel, door, notitie=tekst)
            except duo.StatusFout as exc:
                raise StatusFout(
                    _("De melding van de school kan niet mee: %(fout)s") % {"fout": exc}
                ) from exc
            finally:
                door_bureau.reset(token)

    notities: list[str] = []
    if tekst != actueel.terugkoppeling:
        notities.append(tekst if tekst else "Terugkoppeling gewist.")  # stored: Dutch
    if nieuwe_behandelaar != actueel.behandelaar and nieuwe_behandelaar is not None:
        notities.append(
            "Behandelaar: %s" % (nieuwe_behandelaar.get_full_name() or nieuwe_behandelaar.username)
        )
    actueel.status = doel
    actueel.terugkoppeling = tekst
    actueel.behandelaar = nieuwe_behandelaar
    actueel.save(update_fields=["status", "terugkoppeling", "behandelaar"])
    wijziging = InboxStatusWijziging.objects.create(
        melding=actueel, van=van, naar=doel, door=door, notitie="\n".join(notities)
    )
    vastleggen(
        door,
        Actie.WIJZIGEN,
        actueel,
        doel="melding behandelen en terugkoppelen aan de school",
        leerling_id=actueel.duo_melding.leerling_id if actueel.duo_melding else None,
        omschrijving=f"{van} -> {doel}",
    )
    melding.status = actueel.status
    melding.terugkoppeling = actueel.terugkoppeling
    melding.behandelaar = actueel.behandelaar
    return wijziging


def bij_terugkoppeling_in_dossier(
    sender: Any, actie: Any, meldingen: list[InboxMelding], **kwargs: Any
) -> None:
    """Receiver of :data:`leerrecht.web.dossiers.signalen.terugkoppeling_gedaan`: the
    terugkoppeling recorded in the dossier becomes the one the school sees with its melding; a
    melding still 'gemeld' is now 'in behandeling' (the office works on it in a dossier)."""
    tekst = (getattr(actie, "uitkomst", "") or "").strip()
    door = getattr(actie, "afgerond_door", None)
    if not tekst or not isinstance(door, User):
        return
    for melding in meldingen:
        if melding.status in (Status.INGETROKKEN, *VEREIST_TERUGKOPPELING):
            continue
        naar = Status.IN_BEHANDELING
        try:
            wijzig_status(melding, naar, door, terugkoppeling=tekst[:TERUGKOPPELING_MAX])
        except StatusFout:
            continue  # nothing new, or the school's melding cannot follow: leave it as it is
