"""Putting a young person in the register: from the rules (a suggestion) or by hand.

Suggestions: the platform pupils in the office's area that the rules classify as thuiszitter
(:func:`leerrecht.core.rules.thuiszitter.thuiszitter_status`: LRV 2a/2b, absoluut verzuim) and
that are not in the office's register yet (seed 003 §7, Werkwijzer voor de leerplichtambtenaar,
2: "Beoordeel na 4 weken of er daadwerkelijk sprake is van een thuiszitter ... en registreer
dit").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from leerrecht.core.calendar import CalendarError
from leerrecht.core.model import Thuiszitter, ThuiszitterGroup
from leerrecht.web import evaluatie
from leerrecht.web.leerplicht.models import Bureau, Jeugdige
from leerrecht.web.leerplicht.routering import gemeente_bij_naam
from leerrecht.web.scholen.models import Leerling, School
from leerrecht.web.thuiszitters import scope
from leerrecht.web.thuiszitters.models import (
    Categorie,
    Gebeurtenis,
    Reden,
    Soort,
    Status,
    ThuiszitterRegistratie,
)
from leerrecht.web.thuiszitters.statussen import StatusFout

GROEP_NAAR_CATEGORIE = {
    ThuiszitterGroup.LRV_2A: Categorie.LRV_2A,
    ThuiszitterGroup.LRV_2B: Categorie.LRV_2B,
    ThuiszitterGroup.ABSOLUUT: Categorie.ABSOLUUT,
}

#: only pupils with an absence in this window (or unenrolled) can be thuiszitter on a day; wide
#: enough to span the summer vacation, through which a streak of absence continues
VENSTER = dt.timedelta(days=70)


@dataclass(frozen=True)
class Suggestie:
    leerling: Leerling
    thuiszitter: Thuiszitter

    @property
    def categorie(self) -> Categorie:
        return GROEP_NAAR_CATEGORIE[self.thuiszitter.group]


def geregistreerde_leerlingen(bureau: Bureau) -> set[int]:
    """Ids of the platform pupils with an open registration at this office."""
    open_ = ThuiszitterRegistratie.objects.filter(bureau=bureau, status=Status.OPEN)
    direct = open_.exclude(leerling=None).values_list("leerling_id", flat=True)
    via = Leerling.objects.filter(jeugdigen__thuiszitters__in=open_).values_list("pk", flat=True)
    return {int(pk) for pk in direct if pk is not None} | set(via)


def evalueer(
    leerlingen: list[Leerling], as_of: dt.date
) -> tuple[dict[int, Thuiszitter], list[School]]:
    """The thuiszitters among these pupils on ``as_of``, and the schools whose calendar failed."""
    per_school: dict[int, list[Leerling]] = defaultdict(list)
    scholen: dict[int, School] = {}
    for leerling in leerlingen:
        per_school[leerling.school_id].append(leerling)
        scholen[leerling.school_id] = leerling.school
    gevonden: dict[int, Thuiszitter] = {}
    mislukt: list[School] = []
    for school_id, pupils in per_school.items():
        try:
            evaluation = evaluatie.evaluate_pupils(scholen[school_id], pupils, as_of)
        except CalendarError:
            mislukt.append(scholen[school_id])
            continue
        for result in evaluation.results:
            if result.thuiszitter is not None:
                gevonden[int(result.pupil.pupil_id)] = result.thuiszitter
    return gevonden, mislukt


def kandidaten(user: scope.User, bureau: Bureau, as_of: dt.date) -> list[Leerling]:
    pupils = scope.leerlingen(user, bureau)
    return list(
        pupils.filter(
            Q(registraties__soort="absent", registraties__datum__range=(as_of - VENSTER, as_of))
            | Q(ingeschreven_tot__lt=as_of)
        )
        .exclude(pk__in=geregistreerde_leerlingen(bureau))
        .select_related("school", "groep")
        .distinct()
    )


def suggesties(
    user: scope.User, bureau: Bureau, as_of: dt.date
) -> tuple[list[Suggestie], list[School]]:
    """Pupils in the office's area the rules classify as thuiszitter, not yet registered."""
    pupils = kandidaten(user, bureau, as_of)
    gevonden, mislukt = evalueer(pupils, as_of)
    rows = [Suggestie(p, gevonden[p.pk]) for p in pupils if p.pk in gevonden]
    rows.sort(key=lambda s: (s.thuiszitter.since, s.leerling.achternaam, s.leerling.pk))
    return rows, mislukt


def jeugdige_voor(bureau: Bureau, leerling: Leerling) -> Jeugdige:
    """The office's jeugdige for a platform pupil: the linked one, the one with the same name and
    date of birth, or a new one (with the woongemeente when it is a known gemeente)."""
    gekoppeld = Jeugdige.objects.filter(bureau=bureau, leerlingen=leerling).first()
    if gekoppeld is not None:
        return gekoppeld
    jeugdige, _nieuw = Jeugdige.objects.get_or_create(
        bureau=bureau,
        achternaam=leerling.achternaam,
        voornaam=leerling.voornaam,
        geboortedatum=leerling.geboortedatum,
        defaults={"gemeente": gemeente_bij_naam(leerling.woongemeente)},
    )
    jeugdige.leerlingen.add(leerling)
    return jeugdige


@transaction.atomic
def opnemen(
    bureau: Bureau,
    leerling: Leerling,
    thuiszitter: Thuiszitter,
    door: User | None,
) -> ThuiszitterRegistratie:
    """Register a pupil the rules classify as thuiszitter; raises :class:`StatusFout` when the
    young person is in the register already."""
    jeugdige = jeugdige_voor(bureau, leerling)
    categorie = GROEP_NAAR_CATEGORIE[thuiszitter.group]
    # absoluut verzuim: on no school; the SWV of the last school is proposed
    school = None if categorie is Categorie.ABSOLUUT else leerling.school
    return maak(
        ThuiszitterRegistratie(
            bureau=bureau,
            jeugdige=jeugdige,
            leerling=leerling,
            school=school,
            swv=scope.swv_voor_school(leerling.school),
            categorie=categorie,
            sinds=thuiszitter.since,
            reden=Reden.ONBEKEND,
            aangemaakt_door=door,
        ),
        door,
        notitie=_("Gevonden door de regels: %(uitleg)s") % {"uitleg": thuiszitter.explanation.text},
    )


@transaction.atomic
def maak(
    reg: ThuiszitterRegistratie, door: User | None, *, notitie: str = ""
) -> ThuiszitterRegistratie:
    """Save a new registration with its first history row."""
    if ThuiszitterRegistratie.objects.filter(
        bureau=reg.bureau, jeugdige=reg.jeugdige, status=Status.OPEN
    ).exists():
        raise StatusFout(
            _("%(naam)s staat al open in het thuiszitterregister.") % {"naam": reg.jeugdige}
        )
    try:
        with transaction.atomic():
            reg.save()
    except IntegrityError:
        raise StatusFout(
            _("%(naam)s staat al open in het thuiszitterregister.") % {"naam": reg.jeugdige}
        ) from None
    Gebeurtenis.objects.create(
        registratie=reg,
        soort=Soort.AANGEMAAKT,
        naar=str(Categorie(reg.categorie).label)[:200],
        notitie=notitie,
        door=door,
    )
    return reg
