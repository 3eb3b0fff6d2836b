"""Changing a dossier: open it, link a melding, choose a route, plan and record actions, notes.

Each function checks the MAS ('pas toe of leg uit', :mod:`leerrecht.web.dossiers.mas`) and writes
the history; the views only collect input and show the result. Status changes go through
:func:`leerrecht.web.dossiers.statussen.wijzig_status`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from leerrecht.web.dossiers import mas
from leerrecht.web.dossiers.models import (
    Actie,
    ActieSoort,
    Dossier,
    Notitie,
    Route,
    Status,
    Wijziging,
    WijzigingSoort,
)
from leerrecht.web.dossiers.signalen import terugkoppeling_gedaan
from leerrecht.web.dossiers.statussen import (
    StatusFout,
    afwijking_nl,
    controleer_motivering,
    wijzig_status,
)
from leerrecht.web.leerplicht.models import Bureau, InboxMelding, Jeugdige
from leerrecht.web.meldingen.models import Verzuimsoort

#: statuses in which a route may be chosen or changed
ROUTE_KIEZEN = frozenset({Status.ONDERZOEK, Status.ROUTE_BEPAALD, Status.IN_UITVOERING})


def open_dossier(
    bureau: Bureau,
    jeugdige: Jeugdige,
    behandelaar: User,
    meldingen: Iterable[InboxMelding],
    door: User,
    vandaag: dt.date,
) -> Dossier:
    """A new dossier, with the first steps of the MAS planned: the verzuimgesprek (seed 000
    §1.2.2, seed 003 §7) and, for langdurig relatief verzuim, the first knooppunt (seed 000 §3).
    """
    if jeugdige.bureau_id != bureau.pk:
        raise StatusFout(_("Deze jeugdige hoort niet bij dit bureau."))
    meldingen = list(meldingen)
    if any(m.bureau_id != bureau.pk or m.jeugdige_id != jeugdige.pk for m in meldingen):
        raise StatusFout(_("Een melding hoort niet bij deze jeugdige of dit bureau."))
    try:
        with transaction.atomic():
            dossier = Dossier.objects.create(
                bureau=bureau,
                jeugdige=jeugdige,
                behandelaar=behandelaar,
                geopend_op=vandaag,
                aangemaakt_door=door,
            )
    except IntegrityError:
        raise StatusFout(
            _("Deze jeugdige heeft al een open dossier; koppel de melding aan dat dossier.")
        ) from None
    with transaction.atomic():
        dossier.meldingen.set(meldingen)
        Wijziging.objects.create(
            dossier=dossier,
            soort=WijzigingSoort.AANGEMAAKT,
            naar=Status.AANGEMAAKT,
            door=door,
            toelichting=", ".join(str(m) for m in meldingen),
        )
        _plan(dossier, ActieSoort.VERZUIMGESPREK, vandaag, door=None)
        if any(m.soort == Verzuimsoort.LRV for m in meldingen):
            _plan(dossier, ActieSoort.KNOOPPUNT, vandaag, door=None)
    return dossier


def _plan(dossier: Dossier, soort: ActieSoort, vanaf: dt.date, door: User | None) -> Actie:
    """An action planned by leerrecht itself (the expected step), with its deadline."""
    with translation.override("nl"):
        termijn = mas.termijn(dossier, soort, vanaf)
    actie = Actie.objects.create(
        dossier=dossier,
        soort=soort,
        uiterlijk=termijn.uiterlijk if termijn else None,
        termijn_bron=termijn.bron if termijn else "",
        aangemaakt_door=door,
    )
    Wijziging.objects.create(
        dossier=dossier,
        soort=WijzigingSoort.ACTIE,
        naar=soort,
        door=door,
        toelichting=_nl_termijn(actie),
    )
    return actie


def _nl_termijn(actie: Actie) -> str:
    if actie.uiterlijk is None:
        return ""
    return f"uiterlijk {actie.uiterlijk:%d-%m-%Y} ({actie.termijn_bron})"


@transaction.atomic
def koppel_melding(dossier: Dossier, melding: InboxMelding, door: User) -> None:
    if melding.bureau_id != dossier.bureau_id or melding.jeugdige_id != dossier.jeugdige_id:
        raise StatusFout(_("Deze melding hoort niet bij de jeugdige van dit dossier."))
    if not dossier.is_open:
        raise StatusFout(_("Het dossier is afgesloten; heropen het eerst."))
    if dossier.meldingen.filter(pk=melding.pk).exists():
        return
    dossier.meldingen.add(melding)
    Wijziging.objects.create(
        dossier=dossier, soort=WijzigingSoort.MELDING, naar="", door=door, toelichting=str(melding)
    )


@transaction.atomic
def kies_route(
    dossier: Dossier,
    route: str,
    door: User,
    vandaag: dt.date,
    *,
    toelichting: str = "",
    motivering: str = "",
) -> Wijziging:
    """Choose (or change) the route; the dossier then has status 'route bepaald'."""
    try:
        gekozen = Route(route)
    except ValueError:
        raise StatusFout(_("Onbekende route: %(route)s.") % {"route": route}) from None
    actueel = Dossier.objects.select_for_update().select_related("jeugdige").get(pk=dossier.pk)
    if actueel.status not in ROUTE_KIEZEN:
        raise StatusFout(
            _(
                "In de status '%(status)s' kan geen route worden gekozen: start eerst het "
                "onderzoek (of heropen het dossier)."
            )
            % {"status": Status(actueel.status).label}
        )
    if actueel.route == gekozen:
        raise StatusFout(_("Dit is al de route van het dossier."))
    stand = mas.stand(actueel)
    tekst = controleer_motivering(mas.afwijkingen_route(stand, gekozen, vandaag), motivering)
    with translation.override("nl"):
        afwijking = afwijking_nl(mas.afwijkingen_route(stand, gekozen, vandaag))
    van = actueel.route
    actueel.route = gekozen
    actueel.save(update_fields=["route", "gewijzigd_op"])
    wijziging = Wijziging.objects.create(
        dossier=actueel,
        soort=WijzigingSoort.ROUTE,
        van=van,
        naar=gekozen,
        door=door,
        toelichting=toelichting.strip(),
        afwijking=afwijking,
        motivering=tekst,
    )
    if actueel.status != Status.ROUTE_BEPAALD:
        wijzig_status(
            actueel,
            Status.ROUTE_BEPAALD,
            door,
            toelichting=_nl(lambda: _route_gekozen(gekozen)),
        )
    dossier.route = actueel.route
    dossier.status = actueel.status
    return wijziging


def _route_gekozen(route: Route) -> str:
    return _("Route gekozen: %(route)s.") % {"route": route.label}


def _nl(maak: Callable[[], str]) -> str:
    """A text as the history keeps it: in Dutch, whatever the screen language."""
    with translation.override("nl"):
        return maak()


@transaction.atomic
def leg_actie_vast(
    dossier: Dossier,
    soort: str,
    door: User,
    vandaag: dt.date,
    *,
    gepland_op: dt.date | None = None,
    uiterlijk: dt.date | None = None,
    gedaan_op: dt.date | None = None,
    uitkomst: str = "",
    motivering: str = "",
) -> Actie:
    """A new action, planned or already done. Without a deadline of its own it gets the one from
    the seeds or the office (:func:`leerrecht.web.dossiers.mas.termijn`)."""
    actueel = Dossier.objects.select_for_update().select_related("jeugdige").get(pk=dossier.pk)
    if not actueel.is_open:
        raise StatusFout(_("Het dossier is afgesloten; heropen het eerst."))
    actie_soort = ActieSoort(soort)
    op = gedaan_op or gepland_op or vandaag
    stand = mas.stand(actueel)
    tekst = controleer_motivering(mas.afwijkingen_actie(stand, actie_soort, op), motivering)
    with translation.override("nl"):
        afwijking = afwijking_nl(mas.afwijkingen_actie(stand, actie_soort, op))
        termijn = None if uiterlijk else mas.termijn(actueel, actie_soort, vandaag)
    actie = Actie.objects.create(
        dossier=actueel,
        soort=actie_soort,
        gepland_op=gepland_op,
        uiterlijk=uiterlijk or (termijn.uiterlijk if termijn else None),
        termijn_bron=(termijn.bron if termijn else "") if not uiterlijk else "",
        gedaan_op=gedaan_op,
        uitkomst=uitkomst.strip(),
        motivering=tekst,
        afwijking=afwijking,
        aangemaakt_door=door,
        afgerond_door=door if gedaan_op else None,
    )
    Wijziging.objects.create(
        dossier=actueel,
        soort=WijzigingSoort.ACTIE_GEDAAN if gedaan_op else WijzigingSoort.ACTIE,
        naar=actie_soort,
        door=door,
        toelichting=uitkomst.strip() if gedaan_op else _nl_termijn(actie),
        afwijking=afwijking,
        motivering=tekst,
    )
    if gedaan_op:
        _na_afronden(actueel, actie, door)
    dossier.status = actueel.status
    return actie


@transaction.atomic
def rond_actie_af(actie: Actie, gedaan_op: dt.date, uitkomst: str, door: User) -> Actie:
    """Record a planned action as done, with its outcome. The MAS check was made when it was
    planned; an action planned by leerrecht itself is an expected step."""
    actueel = Actie.objects.select_for_update().select_related("dossier").get(pk=actie.pk)
    if actueel.gedaan_op is not None:
        raise StatusFout(_("Deze actie is al afgerond."))
    if not actueel.dossier.is_open:
        raise StatusFout(_("Het dossier is afgesloten; heropen het eerst."))
    actueel.gedaan_op = gedaan_op
    actueel.uitkomst = uitkomst.strip()
    actueel.afgerond_door = door
    actueel.save(update_fields=["gedaan_op", "uitkomst", "afgerond_door"])
    Wijziging.objects.create(
        dossier=actueel.dossier,
        soort=WijzigingSoort.ACTIE_GEDAAN,
        naar=actueel.soort,
        door=door,
        toelichting=actueel.uitkomst,
    )
    _na_afronden(actueel.dossier, actueel, door)
    return actueel


def _na_afronden(dossier: Dossier, actie: Actie, door: User) -> None:
    """What follows from a done action: the verzuimgesprek starts the onderzoek and puts the
    terugkoppeling to the school on the list (seed 001: "Koppelt afspraken terug aan melder";
    seed 002 §2); a terugkoppeling is announced to whoever shows it to the school."""
    assert actie.gedaan_op is not None
    if actie.soort == ActieSoort.VERZUIMGESPREK:
        if dossier.status == Status.AANGEMAAKT:
            wijzig_status(
                dossier,
                Status.ONDERZOEK,
                door,
                toelichting=_nl(lambda: _("Verzuimgesprek gevoerd.")),
            )
        if (
            dossier.meldingen.exists()
            and not dossier.acties.filter(
                soort=ActieSoort.TERUGKOPPELING, gedaan_op__isnull=True
            ).exists()
        ):
            _plan(dossier, ActieSoort.TERUGKOPPELING, actie.gedaan_op, door=None)
    elif actie.soort == ActieSoort.TERUGKOPPELING:
        terugkoppeling_gedaan.send(
            sender=Dossier,
            dossier=dossier,
            actie=actie,
            meldingen=list(dossier.meldingen.all()),
        )


@transaction.atomic
def wijzig_behandelaar(dossier: Dossier, behandelaar: User, door: User) -> None:
    """Hand the dossier to another leerplichtambtenaar of the office (recorded in the history)."""
    actueel = Dossier.objects.select_for_update().select_related("behandelaar").get(pk=dossier.pk)
    if actueel.behandelaar_id == behandelaar.pk:
        return
    van = actueel.behandelaar.get_full_name() or actueel.behandelaar.get_username()
    actueel.behandelaar = behandelaar
    actueel.save(update_fields=["behandelaar", "gewijzigd_op"])
    Wijziging.objects.create(
        dossier=actueel,
        soort=WijzigingSoort.BEHANDELAAR,
        van=van,
        naar=behandelaar.get_full_name() or behandelaar.get_username(),
        door=door,
    )
    dossier.behandelaar = behandelaar


@transaction.atomic
def voeg_notitie_toe(dossier: Dossier, tekst: str, door: User) -> Notitie:
    return Notitie.objects.create(dossier=dossier, tekst=tekst.strip(), door=door)
