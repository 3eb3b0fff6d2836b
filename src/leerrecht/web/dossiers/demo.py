"""Demo content for the dossiers: three cases in different routes and statuses, one with an
action past its deadline, built with the same functions the pages use (so the history, the MAS
checks and the deadlines are real).

Runs once on a fresh demo database after the school demo and the office exist
(``vul_demo(bureau, school, as_of)``); returns the lines ``leerrecht demo`` prints.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from leerrecht.web.demodata.bouw import WACHTWOORD
from leerrecht.web.dossiers import diensten, mas
from leerrecht.web.dossiers.models import ActieSoort, Dossier, Route, Status, Wijziging
from leerrecht.web.dossiers.statussen import wijzig_status
from leerrecht.web.leerplicht.models import (
    Bron,
    Bureau,
    BureauRol,
    BureauRolSoort,
    Gemeente,
    InboxMelding,
    Jeugdige,
)
from leerrecht.web.meldingen.models import Verzuimsoort
from leerrecht.web.scholen.models import Leerling, School

GEBRUIKERSNAAM = "leerplichtambtenaar"


def _behandelaar(bureau: Bureau) -> tuple[User, bool]:
    """The office's first leerplichtambtenaar, or a new demo account (and whether it is new)."""
    rol = (
        BureauRol.objects.filter(bureau=bureau, soort=BureauRolSoort.LEERPLICHTAMBTENAAR)
        .select_related("gebruiker")
        .order_by("pk")
        .first()
    )
    if rol is not None:
        return rol.gebruiker, False
    user = User.objects.filter(username=GEBRUIKERSNAAM).first()
    if user is None:
        user = User.objects.create(
            username=GEBRUIKERSNAAM,
            first_name="Anouk",
            last_name="Custers",
            password=make_password(WACHTWOORD),
        )
    BureauRol.objects.create(
        gebruiker=user, bureau=bureau, soort=BureauRolSoort.LEERPLICHTAMBTENAAR
    )
    return user, True


def _leerlingen(bureau: Bureau, school: School, as_of: dt.date) -> list[Leerling]:
    """Three pupils of the school living in the office's area, the oldest first (for Halt)."""
    namen = [
        n.lower()
        for n in Gemeente.objects.filter(werkgebied__bureau=bureau).values_list("naam", flat=True)
    ]
    alle = Leerling.objects.filter(school=school, ingeschreven_vanaf__lte=as_of).exclude(
        ingeschreven_tot__lt=as_of
    )
    in_gebied = alle.annotate(_woon=Lower("woongemeente")).filter(_woon__in=namen)
    bron = in_gebied if in_gebied.count() >= 3 else alle
    bezet = [
        pk
        for pk in Dossier.objects.values_list("jeugdige__leerlingen", flat=True)
        if pk is not None
    ]
    return list(bron.exclude(pk__in=bezet).order_by("geboortedatum", "pk")[:3])


def _jeugdige(bureau: Bureau, leerling: Leerling) -> Jeugdige:
    gevonden = Jeugdige.objects.filter(bureau=bureau, leerlingen=leerling).first()
    if gevonden is not None:
        return gevonden
    jeugdige, _ = Jeugdige.objects.get_or_create(
        bureau=bureau,
        voornaam=leerling.voornaam,
        achternaam=leerling.achternaam,
        geboortedatum=leerling.geboortedatum,
        defaults={"gemeente": Gemeente.objects.filter(naam__iexact=leerling.woongemeente).first()},
    )
    jeugdige.leerlingen.add(leerling)
    return jeugdige


def _melding(
    bureau: Bureau,
    jeugdige: Jeugdige,
    school: School,
    soort: Verzuimsoort,
    begin: dt.date,
    ontvangen: dt.date,
    toelichting: str,
) -> InboxMelding:
    """A melding in the inbox: the office's own for this jeugdige when there is one, otherwise
    one as imported from DUO's verzuimloket."""
    bestaand = InboxMelding.objects.filter(bureau=bureau, jeugdige=jeugdige).order_by("pk").first()
    if bestaand is not None:
        return bestaand
    melding = InboxMelding.objects.create(
        bureau=bureau,
        jeugdige=jeugdige,
        bron=Bron.IMPORT,
        meldingsnummer=f"DEMO-{jeugdige.pk:05d}",
        school_naam=school.naam,
        brin=school.brin,
        soort=soort,
        begin=begin,
        toelichting=toelichting,
    )
    InboxMelding.objects.filter(pk=melding.pk).update(ontvangen_op=_moment(ontvangen))
    melding.refresh_from_db()
    return melding


def _uitleg(afwijkingen: list[str]) -> str:
    """A motivation for the demo, only where the chosen pupil or melding deviates from the MAS."""
    return "Afgestemd met school en ouders; maatwerk voor deze jeugdige." if afwijkingen else ""


def _moment(dag: dt.date, uur: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dag, dt.time(uur)))


def _dateer(dossier: Dossier, dagen: list[dt.date]) -> None:
    """Spread the history over the demo's days (it was made in one go, now)."""
    regels = list(dossier.geschiedenis.order_by("pk").values_list("pk", flat=True))
    for n, pk in enumerate(regels):
        dag = dagen[min(n, len(dagen) - 1)]
        Wijziging.objects.filter(pk=pk).update(op=_moment(dag, 9 + n % 8))


@transaction.atomic
def vul_demo(bureau: Bureau, school: School, as_of: dt.date) -> list[str]:
    lpa, nieuw_account = _behandelaar(bureau)
    leerlingen = _leerlingen(bureau, school, as_of)
    if len(leerlingen) < 3:
        return [f"Dossiers: te weinig leerlingen op {school.naam} voor de demo."]
    oud, midden, jong = leerlingen

    def d(days: int) -> dt.date:
        return as_of - dt.timedelta(days=days)

    regels: list[str] = []

    # 1. Halt route (or strafrechtelijk below 12): verzuimgesprek and waarschuwing done
    j1 = _jeugdige(bureau, oud)
    m1 = _melding(
        bureau,
        j1,
        school,
        Verzuimsoort.OVERIG,
        d(days=40),
        d(days=30),
        "Twaalf keer te laat sinds de kerstvakantie; gesprekken op school hielpen niet.",
    )
    halt = mas.HALT_VANAF <= mas.leeftijd(j1.geboortedatum, as_of) < mas.HALT_TOT
    dossier1 = diensten.open_dossier(bureau, j1, lpa, [m1], lpa, d(days=29))
    gesprek = dossier1.acties.get(soort=ActieSoort.VERZUIMGESPREK)
    diensten.rond_actie_af(
        gesprek, d(days=25), "Met jeugdige en moeder gesproken: wekker, op tijd vertrekken.", lpa
    )
    terug = dossier1.acties.get(soort=ActieSoort.TERUGKOPPELING)
    diensten.rond_actie_af(terug, d(days=22), "School gebeld: afspraken doorgegeven.", lpa)
    diensten.leg_actie_vast(
        dossier1,
        ActieSoort.WAARSCHUWING,
        lpa,
        d(days=15),
        gedaan_op=d(days=15),
        uitkomst="Schriftelijke waarschuwing verstuurd; kopie aan de school.",
    )
    route = Route.HALT if halt else Route.STRAF
    diensten.kies_route(
        dossier1,
        route,
        lpa,
        d(days=8),
        toelichting="Na de waarschuwing nog vier keer te laat.",
        motivering=_uitleg(mas.afwijkingen_route(mas.stand(dossier1), route, d(days=8))),
    )
    wijzig_status(dossier1, Status.IN_UITVOERING, lpa)
    stap = ActieSoort.HALT_VERWIJZING if halt else ActieSoort.PROCES_VERBAAL
    diensten.leg_actie_vast(
        dossier1,
        stap,
        lpa,
        d(days=7),
        gepland_op=as_of + dt.timedelta(days=5),
        uiterlijk=as_of + dt.timedelta(days=10),
        motivering=_uitleg(mas.afwijkingen_actie(mas.stand(dossier1), stap, d(days=7))),
    )
    _dateer(
        dossier1,
        [
            d(days=29),
            d(days=29),
            d(days=25),
            d(days=25),
            d(days=25),
            d(days=22),
            d(days=15),
            d(days=8),
            d(days=8),
            d(days=7),
            d(days=7),
        ],
    )
    regels.append(
        f"  - {j1}: route {dossier1.get_route_display()}, in uitvoering; "
        f"{'Halt-verwijzing' if halt else 'proces-verbaal'} gepland"
    )

    # 2. onderzoek: verzuimgesprek done, the terugkoppeling to the school is overdue
    j2 = _jeugdige(bureau, midden)
    m2 = _melding(
        bureau,
        j2,
        school,
        Verzuimsoort.ZESTIEN_UUR,
        d(days=30),
        d(days=20),
        "Zestien uur ongeoorloofd afwezig in vier weken; ouders niet bereikbaar.",
    )
    dossier2 = diensten.open_dossier(bureau, j2, lpa, [m2], lpa, d(days=19))
    gesprek = dossier2.acties.get(soort=ActieSoort.VERZUIMGESPREK)
    diensten.rond_actie_af(
        gesprek, d(days=14), "Vader en jeugdige gesproken; zorgen over de thuissituatie.", lpa
    )
    diensten.voeg_notitie_toe(
        dossier2, "Vader vraagt om een gesprek met de intern begeleider erbij.", lpa
    )
    _dateer(dossier2, [d(days=19), d(days=19), d(days=14), d(days=14), d(days=14)])
    terug2 = dossier2.acties.get(soort=ActieSoort.TERUGKOPPELING)
    regels.append(
        f"  - {j2}: onderzoek; terugkoppeling aan de school te laat (uiterlijk {terug2.uiterlijk})"
    )

    # 3. zorgroute, afgesloten after a knooppunt and the terugkoppeling
    j3 = _jeugdige(bureau, jong)
    m3 = _melding(
        bureau,
        j3,
        school,
        Verzuimsoort.LRV,
        d(days=90),
        d(days=62),
        "Vier weken niet op school; jeugdige wil niet, ouders zoeken hulp.",
    )
    dossier3 = diensten.open_dossier(bureau, j3, lpa, [m3], lpa, d(days=61))
    gesprek = dossier3.acties.get(soort=ActieSoort.VERZUIMGESPREK)
    diensten.rond_actie_af(gesprek, d(days=58), "Ouders en jeugdige willen hulp.", lpa)
    knooppunt = dossier3.acties.filter(
        soort=ActieSoort.KNOOPPUNT
    ).first() or diensten.leg_actie_vast(dossier3, ActieSoort.KNOOPPUNT, lpa, d(days=58))
    diensten.rond_actie_af(
        knooppunt, d(days=55), "Knooppunt met school, SWV en wijkteam: wijkteam start.", lpa
    )
    diensten.kies_route(dossier3, Route.VOORLIGGEND, lpa, d(days=55))
    wijzig_status(dossier3, Status.IN_UITVOERING, lpa)
    diensten.leg_actie_vast(
        dossier3,
        ActieSoort.ZORGMELDING,
        lpa,
        d(days=54),
        gedaan_op=d(days=54),
        uitkomst="Doorverwezen naar het wijkteam.",
    )
    terug = dossier3.acties.get(soort=ActieSoort.TERUGKOPPELING)
    diensten.rond_actie_af(terug, d(days=20), "School: weer volledig aanwezig sinds 3 weken.", lpa)
    wijzig_status(dossier3, Status.AFGESLOTEN, lpa, toelichting="Weer op school.")
    _dateer(
        dossier3,
        [
            d(days=61),
            d(days=61),
            d(days=61),
            d(days=58),
            d(days=58),
            d(days=58),
            d(days=58),
            d(days=55),
            d(days=55),
            d(days=55),
            d(days=55),
            d(days=54),
            d(days=20),
            d(days=20),
        ],
    )
    regels.append(f"  - {j3}: zorgroute, afgesloten na knooppunt en terugkoppeling")

    naam = lpa.get_full_name() or lpa.username
    kop = [
        "",
        f"Dossiers (MAS) bij {bureau.naam}: log in als {lpa.username} ({naam}) en kies Dossiers.",
    ]
    if nieuw_account:
        kop.append(f"  Account {lpa.username}, wachtwoord {WACHTWOORD} (leerplichtambtenaar).")
    return kop + regels
