"""The Methodische Aanpak Schoolverzuim (MAS) as rules: the steps each route expects, the
deadlines, and 'pas toe of leg uit' - which action, route or status change deviates from the
MAS and so needs a motivation.

Seed 003 §7 ("Rol leerplichtambtenaar"): "Het credo is dan ook 'Pas toe of leg uit'. Iedereen
werkt volgens de MAS (Pas toe...), tenzij hij of zij kan motiveren waarom wordt afgeweken (...of
leg uit). Zo is, als de problematiek rondom de verzuimende jongere daar om vraagt, direct
doorpakken mogelijk." A deviation is therefore never refused outright: it needs a motivation,
which is kept in the history of the dossier.

The rules read a :class:`Stand` (a snapshot of the dossier), so they are plain functions that
tests can call directly. Every message names its source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from leerrecht.core.calendar import add_werkdagen
from leerrecht.web.dossiers.models import (
    ActieSoort,
    Dossier,
    DossierInstelling,
    Route,
    Status,
    WijzigingSoort,
)
from leerrecht.web.meldingen.models import Verzuimsoort

#: the steps each route expects, in order (seed 003 §4 and §7; seed 000 §1.2.2; seed 002 §2);
#: "" is a dossier without a route yet
VERWACHT: Mapping[str, tuple[ActieSoort, ...]] = {
    "": (ActieSoort.VERZUIMGESPREK,),
    Route.VOORLIGGEND: (
        ActieSoort.VERZUIMGESPREK,
        ActieSoort.ZORGMELDING,
        ActieSoort.TERUGKOPPELING,
    ),
    Route.HALT: (
        ActieSoort.VERZUIMGESPREK,
        ActieSoort.WAARSCHUWING,
        ActieSoort.HALT_VERWIJZING,
        ActieSoort.TERUGKOPPELING,
    ),
    Route.CIVIEL: (
        ActieSoort.VERZUIMGESPREK,
        ActieSoort.ZORGMELDING,
        ActieSoort.RAAD,
        ActieSoort.TERUGKOPPELING,
    ),
    Route.STRAF: (
        ActieSoort.VERZUIMGESPREK,
        ActieSoort.WAARSCHUWING,
        ActieSoort.PROCES_VERBAAL,
        ActieSoort.TERUGKOPPELING,
    ),
}

#: enforcement actions and the one route they belong to
ROUTE_VAN_ACTIE: Mapping[ActieSoort, Route] = {
    ActieSoort.HALT_VERWIJZING: Route.HALT,
    ActieSoort.PROCES_VERBAAL: Route.STRAF,
    ActieSoort.RAAD: Route.CIVIEL,
}

#: Halt: from 12 (seed 001, "Te laat komen": "eventueel verwijzing HALT vanaf 12 jaar") and
#: under 18 (the Halt-afdoening is juvenile criminal law, art. 77e Wetboek van Strafrecht)
HALT_VANAF = 12
HALT_TOT = 18

#: verzuimsoorten for which the seeds name Halt: te laat komen and spijbelen by the pupil
#: (seed 000 bijlage 3: "Na officiële waarschuwing kan vanaf 12 x te laat een Halt-verwijzing
#: plaatsvinden"; seed 002 §2 "Te laat komen": "proces-verbaal HALT")
HALT_VERZUIMSOORTEN = frozenset({Verzuimsoort.OVERIG.value, Verzuimsoort.ZESTIEN_UUR.value})

#: seed 000 §3 "Knooppunten": "Het eerste knooppunt moet binnen 4 weken na start thuiszitten
#: gepland worden."
KNOOPPUNT_DAGEN = 28
#: seed 002 §3a (Leerplicht): a breed overleg "wanneer een leerling langer dan 8 weken thuiszit"
BREED_OVERLEG_DAGEN = 56

MIN_MOTIVERING = 10


@dataclass(frozen=True)
class Stand:
    """What the rules need to know about a dossier."""

    route: str
    status: str
    geboortedatum: dt.date
    gedaan: frozenset[str]
    open: frozenset[str]
    verzuimsoorten: frozenset[str]
    routes_gehad: frozenset[str]
    heeft_meldingen: bool

    def leeftijd(self, op: dt.date) -> int:
        return leeftijd(self.geboortedatum, op)


def leeftijd(geboortedatum: dt.date, op: dt.date) -> int:
    jaren = op.year - geboortedatum.year
    if (op.month, op.day) < (geboortedatum.month, geboortedatum.day):
        jaren -= 1
    return jaren


def stand(dossier: Dossier) -> Stand:
    acties = list(dossier.acties.values_list("soort", "gedaan_op"))
    routes = set(
        dossier.geschiedenis.filter(soort=WijzigingSoort.ROUTE).values_list("naar", flat=True)
    )
    if dossier.route:
        routes.add(dossier.route)
    soorten = frozenset(dossier.meldingen.values_list("soort", flat=True))
    return Stand(
        route=dossier.route,
        status=dossier.status,
        geboortedatum=dossier.jeugdige.geboortedatum,
        gedaan=frozenset(s for s, gedaan in acties if gedaan is not None),
        open=frozenset(s for s, gedaan in acties if gedaan is None),
        verzuimsoorten=soorten,
        routes_gehad=frozenset(r for r in routes if r),
        heeft_meldingen=bool(soorten),
    )


def _route_naam(route: str) -> str:
    return str(Route(route).label) if route else _("nog geen route")


def zorgroute_loopt(s: Stand) -> bool:
    """The route 'voorliggende ondersteuning / jeugdhulp' is chosen and not yet finished."""
    return s.route == Route.VOORLIGGEND and s.status in (
        Status.ROUTE_BEPAALD,
        Status.IN_UITVOERING,
    )


def zorg_geprobeerd(s: Stand) -> bool:
    """A zorgmelding was done, or the dossier once had the zorgroute."""
    return ActieSoort.ZORGMELDING in s.gedaan or Route.VOORLIGGEND in s.routes_gehad


def _geen_verzuimgesprek() -> str:
    return _(
        "Er is nog geen verzuimgesprek gevoerd. De leerplichtambtenaar start een "
        "verzuimonderzoek zodra afwezigheid gemeld is en neemt op grond van dat onderzoek "
        "passende maatregelen (seed 003 §7, 'Rol leerplichtambtenaar'); eerst volgt een "
        "intake- of verzuimgesprek met ouders en jeugdige (seed 000 §1.2.2)."
    )


def _geen_waarschuwing_pv() -> str:
    return _(
        "Er is nog geen schriftelijke waarschuwing gegeven. Volgens de seeds gaat een "
        "waarschuwing aan het proces-verbaal vooraf: na een eerste melding geeft de "
        "leerplichtambtenaar een waarschuwing in plaats van een proces-verbaal (seed 003 §7, "
        "luxe verzuim), en pas bij herhaling volgt een proces-verbaal (seed 002 §2, 'Te laat "
        "komen'; seed 000 §1.2.2: 'bij aanhoudend verwijtbaar verzuim')."
    )


def _geen_waarschuwing_halt() -> str:
    return _(
        "Er is nog geen schriftelijke waarschuwing gegeven. Een Halt-verwijzing volgt na een "
        "officiële waarschuwing (seed 000 bijlage 3: 'Na officiële waarschuwing kan vanaf 12 x "
        "te laat een Halt-verwijzing plaatsvinden')."
    )


def _buiten_route(soort: ActieSoort, s: Stand) -> str:
    return _(
        "Een %(actie)s hoort bij de route '%(hoort)s'; de route van dit dossier is "
        "'%(route)s'. De MAS kent vier routes, elk met eigen stappen (seed 003 §4)."
    ) % {
        "actie": soort.label,
        "hoort": ROUTE_VAN_ACTIE[soort].label,
        "route": _route_naam(s.route),
    }


def _halt_leeftijd(jaren: int) -> str:
    return _(
        "De jongere is %(leeftijd)d jaar. Halt is er voor jongeren vanaf 12 jaar (seed 001, "
        "'Te laat komen': 'eventueel verwijzing HALT vanaf 12 jaar') en jonger dan 18 jaar "
        "(de Halt-afdoening, art. 77e Wetboek van Strafrecht)."
    ) % {"leeftijd": jaren}


def _halt_verzuimsoort(s: Stand) -> str:
    soorten = ", ".join(
        sorted(str(Verzuimsoort(v).label) for v in s.verzuimsoorten if v in Verzuimsoort.values)
    )
    return _(
        "De meldingen in dit dossier zijn: %(soorten)s. De seeds noemen Halt bij te laat komen "
        "en spijbelen door de jongere zelf (seed 000 bijlage 3; seed 002 §2, 'Te laat komen'); "
        "bij luxe verzuim wordt proces-verbaal opgemaakt tegen de ouders (seed 002 §2, 'Luxe "
        "verzuim') en een thuiszitter vraagt een integrale aanpak (seed 002 §3a)."
    ) % {"soorten": soorten}


def _geen_zorg() -> str:
    return _(
        "Er is nog geen zorgroute geprobeerd: geen zorgmelding of doorverwijzing gedaan en de "
        "route was nooit 'voorliggende ondersteuning / jeugdhulp'. Bij afwezigheid met "
        "achterliggende problematiek staat de inzet van jeugdhulp altijd voorop (seed 003 §4)."
    )


def _naast_zorgroute() -> str:
    return _(
        "De zorgroute loopt nog. Bij afwezigheid met achterliggende problematiek staat de inzet "
        "van jeugdhulp altijd voorop (seed 003 §4); zorg en handhaving tegelijk is een duaal "
        "traject (seed 000 §1.2.2, seed 002 §2) dat u motiveert."
    )


def _halt_past_niet(s: Stand, op: dt.date) -> list[str]:
    redenen = []
    jaren = s.leeftijd(op)
    if not HALT_VANAF <= jaren < HALT_TOT:
        redenen.append(_halt_leeftijd(jaren))
    if s.verzuimsoorten and not (s.verzuimsoorten & HALT_VERZUIMSOORTEN):
        redenen.append(_halt_verzuimsoort(s))
    return redenen


def afwijkingen_actie(s: Stand, soort: str, op: dt.date) -> list[str]:
    """Why recording action ``soort`` on ``op`` deviates from the MAS (empty: it does not)."""
    actie = ActieSoort(soort)
    redenen: list[str] = []
    if actie in ROUTE_VAN_ACTIE:
        if s.route != ROUTE_VAN_ACTIE[actie]:
            redenen.append(_buiten_route(actie, s))
        if ActieSoort.VERZUIMGESPREK not in s.gedaan:
            redenen.append(_geen_verzuimgesprek())
    if actie == ActieSoort.PROCES_VERBAAL:
        if ActieSoort.WAARSCHUWING not in s.gedaan:
            redenen.append(_geen_waarschuwing_pv())
        if zorgroute_loopt(s):
            redenen.append(_naast_zorgroute())
    elif actie == ActieSoort.HALT_VERWIJZING:
        if ActieSoort.WAARSCHUWING not in s.gedaan:
            redenen.append(_geen_waarschuwing_halt())
        redenen.extend(_halt_past_niet(s, op))
    elif actie == ActieSoort.RAAD and not zorg_geprobeerd(s):
        redenen.append(_geen_zorg())
    return redenen


def afwijkingen_route(s: Stand, route: str, op: dt.date) -> list[str]:
    """Why choosing ``route`` on ``op`` deviates from the MAS (empty: it does not)."""
    gekozen = Route(route)
    redenen: list[str] = []
    if ActieSoort.VERZUIMGESPREK not in s.gedaan:
        redenen.append(_geen_verzuimgesprek())
    if gekozen == Route.HALT:
        redenen.extend(_halt_past_niet(s, op))
    elif gekozen == Route.CIVIEL and not zorg_geprobeerd(s):
        redenen.append(_geen_zorg())
    elif gekozen == Route.STRAF and zorgroute_loopt(s):
        redenen.append(_naast_zorgroute())
    return redenen


def afwijkingen_status(s: Stand, naar: str) -> list[str]:
    """Why moving the dossier to status ``naar`` deviates from the MAS (empty: it does not)."""
    doel = Status(naar)
    redenen: list[str] = []
    if s.status == Status.AFGESLOTEN:
        redenen.append(
            _(
                "Een afgesloten dossier wordt heropend: leg uit waarom (bijvoorbeeld een nieuwe "
                "melding of nieuwe afspraken)."
            )
        )
    if doel != Status.AFGESLOTEN:
        return redenen
    if s.status == Status.AANGEMAAKT:
        redenen.append(
            _(
                "Het dossier wordt afgesloten zonder verzuimonderzoek. De leerplichtambtenaar "
                "start een verzuimonderzoek zodra afwezigheid gemeld is (seed 003 §7); zonder "
                "onderzoek afsluiten, bijvoorbeeld bij een onterechte melding, vraagt uitleg."
            )
        )
    if s.heeft_meldingen and ActieSoort.TERUGKOPPELING not in s.gedaan:
        redenen.append(
            _(
                "Er is nog geen terugkoppeling aan de school vastgelegd. In alle gevallen "
                "rapporteert de leerplichtambtenaar aan de melder terug wat er met de melding "
                "is gebeurd en welke acties en afspraken gemaakt zijn (seed 002 §2)."
            )
        )
    if s.open:
        redenen.append(
            _("Er staan nog acties open: %(acties)s. Leg uit waarom die niet meer nodig zijn.")
            % {"acties": ", ".join(sorted(str(ActieSoort(a).label) for a in s.open))}
        )
    return redenen


@dataclass(frozen=True)
class Stap:
    """The next step the MAS expects in a dossier."""

    soort: ActieSoort | None
    tekst: str


def volgende_stap(s: Stand) -> Stap:
    """The first expected step of the dossier's route that has not been done."""
    if s.status == Status.AFGESLOTEN:
        return Stap(None, _("Het dossier is afgesloten."))
    for soort in VERWACHT[s.route]:
        if soort not in s.gedaan:
            if soort == ActieSoort.TERUGKOPPELING and not s.heeft_meldingen:
                continue
            return Stap(soort, str(soort.label))
    if not s.route:
        return Stap(
            None,
            _(
                "Kies een route: de leerplichtambtenaar volgt in alle gevallen een van de routes "
                "uit de MAS (seed 003 §5, 'MAS biedt houvast')."
            ),
        )
    return Stap(
        None, _("Alle stappen van deze route zijn gedaan; het dossier kan worden afgesloten.")
    )


# -- deadlines ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Termijn:
    uiterlijk: dt.date
    bron: str


def instelling(dossier: Dossier) -> DossierInstelling:
    """The office's settings (not saved when the office never changed them)."""
    gevonden = DossierInstelling.objects.filter(bureau_id=dossier.bureau_id).first()
    return gevonden or DossierInstelling(bureau_id=dossier.bureau_id)


def ontvangen(dossier: Dossier) -> dt.date:
    """The day the first melding of the dossier arrived, or the day it was opened."""
    eerste = dossier.meldingen.order_by("ontvangen_op").values_list("ontvangen_op", flat=True)
    moment = eerste.first()
    return timezone.localdate(moment) if moment is not None else dossier.geopend_op


def thuiszitten_sinds(dossier: Dossier) -> dt.date | None:
    """The begin of the first melding of langdurig relatief verzuim: the start of thuiszitten."""
    begin = (
        dossier.meldingen.filter(soort=Verzuimsoort.LRV)
        .order_by("begin")
        .values_list("begin", flat=True)
        .first()
    )
    return begin


def termijn(dossier: Dossier, soort: str, vanaf: dt.date) -> Termijn | None:
    """The deadline of a new action of ``soort`` (``vanaf``: today, or the day the step before
    it was done), and where it comes from; ``None`` when neither the seeds nor the office set
    one."""
    actie = ActieSoort(soort)
    if actie == ActieSoort.VERZUIMGESPREK:
        n = instelling(dossier).termijn_verzuimgesprek
        return Termijn(
            add_werkdagen(ontvangen(dossier), n),
            _(
                "instelling van het bureau: binnen %(n)d werkdagen na ontvangst van de melding "
                "(de seeds noemen geen termijn)"
            )
            % {"n": n},
        )
    if actie == ActieSoort.TERUGKOPPELING:
        n = instelling(dossier).termijn_terugkoppeling
        return Termijn(
            add_werkdagen(vanaf, n),
            _(
                "instelling van het bureau: binnen %(n)d werkdagen (de seeds noemen geen "
                "termijn; seed 002 §2: 'in alle gevallen' terugkoppelen)"
            )
            % {"n": n},
        )
    if actie in (ActieSoort.KNOOPPUNT, ActieSoort.BREED_OVERLEG):
        sinds = thuiszitten_sinds(dossier)
        if sinds is None:
            return None
        if actie == ActieSoort.KNOOPPUNT:
            return Termijn(
                sinds + dt.timedelta(days=KNOOPPUNT_DAGEN),
                _("seed 000 §3: het eerste knooppunt binnen 4 weken na start thuiszitten"),
            )
        return Termijn(
            sinds + dt.timedelta(days=BREED_OVERLEG_DAGEN),
            _("seed 002 §3a: breed overleg als een leerling langer dan 8 weken thuiszit"),
        )
    return None
