"""Which status of a thuiszitter registration may follow which, and the functions that change a
registration. Every change leaves a row in its history (:class:`Gebeurtenis`, append only).

:data:`TRANSITIES` is the only place that decides the status: a thuiszitter is open until a
solution is found (with the day and the outcome), and can be reopened when the solution does not
hold (the pupil is at home again).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from leerrecht.web.thuiszitters.models import (
    Gebeurtenis,
    Soort,
    Status,
    ThuiszitterRegistratie,
    Uitkomst,
)

TRANSITIES: Mapping[Status, frozenset[Status]] = {
    Status.OPEN: frozenset({Status.OPGELOST}),
    Status.OPGELOST: frozenset({Status.OPEN}),
}


class StatusFout(Exception):
    """A change that is not allowed; the message is for the user (Dutch)."""


def toegestaan(van: str) -> list[Status]:
    volgende = TRANSITIES.get(Status(van), frozenset())
    return [s for s in Status if s in volgende]


def _vergrendel(reg: ThuiszitterRegistratie) -> ThuiszitterRegistratie:
    return ThuiszitterRegistratie.objects.select_for_update().get(pk=reg.pk)


def _ververs(reg: ThuiszitterRegistratie, actueel: ThuiszitterRegistratie) -> None:
    for veld in (
        "status",
        "opgelost_op",
        "uitkomst",
        "knooppunt_op",
        "breed_overleg_op",
        "gewijzigd_op",
    ):
        setattr(reg, veld, getattr(actueel, veld))


@transaction.atomic
def wijzig_status(
    reg: ThuiszitterRegistratie,
    naar: str,
    door: User | None,
    *,
    datum: dt.date | None = None,
    uitkomst: str = "",
    notitie: str = "",
) -> Gebeurtenis:
    """Move ``reg`` to ``naar``; 'opgelost' needs the day and the outcome. Raises
    :class:`StatusFout` otherwise. ``reg`` is updated in place."""
    try:
        doel = Status(naar)
    except ValueError:
        raise StatusFout(_("Onbekende status: %(status)s.") % {"status": naar}) from None
    actueel = _vergrendel(reg)
    van = Status(actueel.status)
    if doel not in TRANSITIES[van]:
        raise StatusFout(
            _("Een thuiszitter met status '%(van)s' kan niet naar '%(naar)s'.")
            % {"van": van.label, "naar": doel.label}
        )
    if doel is Status.OPGELOST:
        if datum is None:
            raise StatusFout(_("Vul de datum in waarop het thuiszitten is opgelost."))
        if datum < actueel.sinds:
            raise StatusFout(_("De datum van de oplossing ligt voor de eerste dag thuis."))
        if uitkomst not in Uitkomst.values:
            raise StatusFout(_("Kies de uitkomst: waar gaat de jongere nu heen?"))
        actueel.opgelost_op = datum
        actueel.uitkomst = uitkomst
        naar_tekst = f"{doel.label}: {Uitkomst(uitkomst).label}"
    else:
        if (
            ThuiszitterRegistratie.objects.filter(
                bureau=actueel.bureau, jeugdige=actueel.jeugdige, status=Status.OPEN
            )
            .exclude(pk=actueel.pk)
            .exists()
        ):
            raise StatusFout(
                _("Deze jongere staat al opnieuw open in het register; heropenen kan niet.")
            )
        actueel.opgelost_op = None
        actueel.uitkomst = ""
        naar_tekst = str(doel.label)
    actueel.status = doel
    actueel.save(update_fields=["status", "opgelost_op", "uitkomst", "gewijzigd_op"])
    _ververs(reg, actueel)
    return Gebeurtenis.objects.create(
        registratie=actueel,
        soort=Soort.STATUS,
        datum=datum if doel is Status.OPGELOST else None,
        van=str(van.label),
        naar=naar_tekst,
        notitie=notitie.strip(),
        door=door,
    )


@transaction.atomic
def leg_overleg_vast(
    reg: ThuiszitterRegistratie,
    soort: str,
    datum: dt.date,
    door: User | None,
    *,
    vandaag: dt.date,
    notitie: str = "",
) -> Gebeurtenis:
    """Record a knooppunt or a breed overleg held on ``datum``. The first one sets the date
    that meets the deadline; later ones are kept in the history only (seed 000 §3: "De
    knooppunten dienen op regelmatige basis plaats te vinden")."""
    if soort not in (Soort.KNOOPPUNT, Soort.BREED_OVERLEG):
        raise StatusFout(_("Onbekende soort overleg."))
    if datum > vandaag:
        raise StatusFout(_("Een overleg kan pas worden vastgelegd als het is gehouden."))
    actueel = _vergrendel(reg)
    veld = "knooppunt_op" if soort == Soort.KNOOPPUNT else "breed_overleg_op"
    eerder = getattr(actueel, veld)
    if eerder is None or datum < eerder:
        setattr(actueel, veld, datum)
        actueel.save(update_fields=[veld, "gewijzigd_op"])
    _ververs(reg, actueel)
    return Gebeurtenis.objects.create(
        registratie=actueel,
        soort=soort,
        datum=datum,
        notitie=notitie.strip(),
        door=door,
    )


#: the fields whose change is described in the history
GEVOLGDE_VELDEN = ("categorie", "sinds", "reden", "toelichting", "aanpak", "school", "swv")


def beschrijf(reg: ThuiszitterRegistratie, veld: str) -> str:
    waarde = getattr(reg, veld)
    if waarde is None or waarde == "":
        return "-"
    display = getattr(reg, f"get_{veld}_display", None)
    if display is not None:
        return str(display())
    return str(waarde)


@transaction.atomic
def wijzig_gegevens(
    reg: ThuiszitterRegistratie, oud: ThuiszitterRegistratie, door: User | None
) -> list[Gebeurtenis]:
    """Save ``reg`` (changed by a form) and record each changed field with its old value."""
    reg.save()
    rijen: list[Gebeurtenis] = []
    for veld in GEVOLGDE_VELDEN:
        van, naar = beschrijf(oud, veld), beschrijf(reg, veld)
        if van != naar:
            label = str(getattr(ThuiszitterRegistratie._meta.get_field(veld), "verbose_name", veld))
            rijen.append(
                Gebeurtenis.objects.create(
                    registratie=reg,
                    soort=Soort.GEWIJZIGD,
                    van=f"{label}: {van}"[:200],
                    naar=f"{label}: {naar}"[:200],
                    door=door,
                )
            )
    return rijen
