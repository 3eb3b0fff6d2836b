"""Receiving a school's melding in the office's inbox.

:func:`bij_statuswijziging` listens to :data:`leerrecht.web.meldingen.signalen.status_gewijzigd`
(connected in :class:`~leerrecht.web.leerplicht.apps.LeerplichtConfig`):

- the school reports a melding (status *gemeld*): it is routed by the pupil's woongemeente (seed 000
  bijlage 2, :func:`~leerrecht.web.leerplicht.routering.routeer`) to the office of that gemeente
  on the platform; the office's record of the young person (:class:`Jeugdige`, matched on name and
  date of birth) is found or made and linked to the pupil record, and an
  :class:`InboxMelding` with a snapshot of the melding is created (once: a second signal for the
  same melding changes nothing). No office on the platform, or a pupil living abroad: nothing is
  created; the school sees the routing explanation on its melding page.
- the school withdraws (*ingetrokken*) a melding that is in an inbox: the inbox item shows it.
- the office's own status changes (:mod:`leerrecht.web.leerplicht.statussen`, which moves the
  school's melding along) are ignored. Anyone else who tries to set an office status on a
  melding in an inbox is refused: the status is the office's to set.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, User
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext as _

from leerrecht.web.audit.log import vastleggen
from leerrecht.web.audit.models import Actie
from leerrecht.web.leerplicht.models import (
    Bron,
    Bureau,
    Gemeente,
    InboxMelding,
    InboxStatusWijziging,
    Jeugdige,
)
from leerrecht.web.leerplicht.routering import ALIASSEN, routeer
from leerrecht.web.meldingen.models import DuoMelding, Status, VermoedelijkeReden
from leerrecht.web.meldingen.statussen import StatusFout
from leerrecht.web.scholen.models import Leerling

#: the statuses that only the office sets once a melding is in its inbox
BUREAU_STATUSSEN = frozenset({Status.IN_BEHANDELING, Status.TER_KENNISGEVING, Status.AFGESLOTEN})

#: set while the office itself moves the school's melding along (statussen.wijzig_status)
door_bureau: contextvars.ContextVar[bool] = contextvars.ContextVar("door_bureau", default=False)


def bij_statuswijziging(
    sender: Any,
    melding: DuoMelding,
    van: str,
    naar: str,
    door: AbstractBaseUser | None,
    notitie: str = "",
    **kwargs: Any,
) -> None:
    """Receiver of ``status_gewijzigd`` (runs inside the status change's transaction)."""
    if naar == Status.GEMELD:
        ontvang(melding, door)
    elif naar == Status.INGETROKKEN:
        trek_in(melding, door, notitie)
    elif naar in BUREAU_STATUSSEN and not door_bureau.get():
        inbox = InboxMelding.objects.filter(duo_melding=melding).select_related("bureau").first()
        if inbox is not None:
            raise StatusFout(
                _(
                    "Deze melding staat in de inbox van %(bureau)s: de leerplichtambtenaar zet "
                    "de status en koppelt terug aan de school."
                )
                % {"bureau": inbox.bureau.naam}
            )


def gebied_namen(bureau: Bureau) -> list[str]:
    """The lower-case names (and known other spellings) of the office's gemeenten."""
    namen = [n.lower() for n in bureau.werkgebied.values_list("gemeente__naam", flat=True)]
    return namen + [alias for alias, naam in ALIASSEN.items() if naam in namen]


def leerlingen_in_gebied(bureau: Bureau) -> QuerySet[Leerling]:
    """Platform pupil records living in the office's area."""
    return Leerling.objects.annotate(_woon=Lower("woongemeente")).filter(
        _woon__in=gebied_namen(bureau)
    )


def vind_of_maak_jeugdige(
    bureau: Bureau,
    voornaam: str,
    achternaam: str,
    geboortedatum: dt.date,
    gemeente: Gemeente | None = None,
) -> tuple[Jeugdige, bool]:
    """The office's record of this young person (name and date of birth, case ignored), made
    when there is none; every pupil record with the same name and date of birth that lives in the
    office's area is linked, so the office sees the history across schools."""
    voornaam, achternaam = voornaam.strip(), achternaam.strip()
    jeugdige = Jeugdige.objects.filter(
        bureau=bureau,
        voornaam__iexact=voornaam,
        achternaam__iexact=achternaam,
        geboortedatum=geboortedatum,
    ).first()
    nieuw = jeugdige is None
    if jeugdige is None:
        jeugdige = Jeugdige.objects.create(
            bureau=bureau,
            voornaam=voornaam,
            achternaam=achternaam,
            geboortedatum=geboortedatum,
            gemeente=gemeente,
        )
    elif gemeente is not None and jeugdige.gemeente_id != gemeente.pk:
        jeugdige.gemeente = gemeente  # the latest woongemeente
        jeugdige.save(update_fields=["gemeente"])
    koppel_leerlingen(
        jeugdige,
        leerlingen_in_gebied(bureau).filter(
            voornaam__iexact=voornaam, achternaam__iexact=achternaam, geboortedatum=geboortedatum
        ),
    )
    return jeugdige, nieuw


def koppel_leerlingen(jeugdige: Jeugdige, leerlingen: Iterable[Leerling]) -> None:
    jeugdige.leerlingen.add(*leerlingen)


def _gebruiker(door: AbstractBaseUser | None) -> User | None:
    return door if isinstance(door, User) else None


def _persoon(user: Any) -> str:
    if user is None:
        return ""
    naam = user.get_full_name() or user.get_username()
    return f"{naam} ({user.email})" if user.email else naam


def ontvang(melding: DuoMelding, door: AbstractBaseUser | None) -> InboxMelding | None:
    """Put a reported melding in the inbox of the office of the pupil's woongemeente; returns the
    inbox item, or None when there is no office on the platform for it (idempotent)."""
    bestaand = InboxMelding.objects.filter(duo_melding=melding).first()
    if bestaand is not None:
        return bestaand
    leerling = melding.leerling
    routering = routeer(melding.woongemeente or leerling.woongemeente)
    if routering.bureau is None:
        return None
    bureau = routering.bureau
    jeugdige, _nieuw = vind_of_maak_jeugdige(
        bureau, leerling.voornaam, leerling.achternaam, leerling.geboortedatum, routering.gemeente
    )
    koppel_leerlingen(jeugdige, [leerling])
    school = melding.school
    if melding.meldingsnummer:
        # imported from DUO's verzuimloket before: the same melding, now linked to the school's
        geimporteerd = InboxMelding.objects.filter(
            bureau=bureau, meldingsnummer=melding.meldingsnummer, duo_melding=None
        ).first()
        if geimporteerd is not None:
            geimporteerd.duo_melding = melding
            geimporteerd.save(update_fields=["duo_melding"])
            InboxStatusWijziging.objects.create(
                melding=geimporteerd,
                van=geimporteerd.status,
                naar=geimporteerd.status,
                door=_gebruiker(door),
                notitie=f"Gekoppeld aan de melding van {school.naam} op het platform.",
            )
            vastleggen(
                door,
                Actie.WIJZIGEN,
                geimporteerd,
                doel="melding van de school koppelen aan de geïmporteerde melding",
                leerling_id=leerling.pk,
            )
            return geimporteerd
    with translation.override("nl"):  # what leerrecht stores stays Dutch
        reden = (
            ""
            if melding.vermoedelijke_reden == VermoedelijkeReden.ONBEKEND
            else str(VermoedelijkeReden(melding.vermoedelijke_reden).label)
        )
        inbox = InboxMelding.objects.create(
            bureau=bureau,
            jeugdige=jeugdige,
            bron=Bron.PLATFORM,
            duo_melding=melding,
            meldingsnummer=melding.meldingsnummer,
            school_naam=school.naam,
            brin=school.brin,
            soort=melding.soort,
            begin=melding.begin,
            einde=melding.einde,
            uren=melding.uren,
            vermoedelijke_reden=reden,
            toelichting=melding.toelichting,
            ondernomen_acties=melding.ondernomen_acties,
            contactpersoon=_persoon(melding.contactpersoon)[:200],
            status=Status.GEMELD,
        )
        InboxStatusWijziging.objects.create(
            melding=inbox,
            van="",
            naar=Status.GEMELD,
            door=_gebruiker(door),
            notitie=f"Ontvangen van {school.naam} ({routering.uitleg})",
        )
    vastleggen(
        door,
        Actie.AANMAKEN,
        inbox,
        doel="melding van de school ontvangen in de inbox van het leerplichtbureau",
        leerling_id=leerling.pk,
        omschrijving=routering.uitleg,
    )
    return inbox


def trek_in(melding: DuoMelding, door: AbstractBaseUser | None, notitie: str = "") -> None:
    """The school withdrew its melding: the inbox item (if any) shows it."""
    inbox = InboxMelding.objects.filter(duo_melding=melding).first()
    if inbox is None or inbox.status == Status.INGETROKKEN:
        return
    van = inbox.status
    inbox.status = Status.INGETROKKEN
    inbox.save(update_fields=["status"])
    tekst = "Ingetrokken door de school."
    if notitie:
        tekst = f"{tekst} {notitie}"
    InboxStatusWijziging.objects.create(
        melding=inbox,
        van=van,
        naar=Status.INGETROKKEN,
        door=_gebruiker(door),
        notitie=tekst,
    )
    vastleggen(
        door,
        Actie.WIJZIGEN,
        inbox,
        doel="melding ingetrokken door de school",
        leerling_id=melding.leerling_id,
    )


def meldingen_van(jeugdige: Jeugdige) -> QuerySet[InboxMelding]:
    """All inbox meldingen about this young person, newest first."""
    return jeugdige.meldingen.select_related("duo_melding", "behandelaar").order_by("-begin", "-pk")
