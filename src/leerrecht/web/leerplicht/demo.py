"""Demo content for the leerplicht office: the three offices of seed 000 bijlage 2 with their
werkgebied and contact details, a leerplichtambtenaar and an administratie account for BLD
Parkstad, the consulent leerrecht of the demo school (seed 000 bijlage 1), and a few of the demo
school's DUO-meldingen reported through the normal status change (so they are routed into the
inbox), one of them in behandeling with a terugkoppeling; plus one melding imported from the
verzuimloket about a pupil of a school that is not on the platform.

The integrator calls :func:`maak_bureaus` (returns BLD Parkstad) and then every app's
``vul_demo(bureau, school, as_of)``; :func:`vul_demo` also makes the offices when they do not
exist yet. The people are invented; the offices' addresses are those of seed 000 bijlage 2.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction

from leerrecht.core.calendar import CalendarError
from leerrecht.web.demodata.bouw import WACHTWOORD
from leerrecht.web.leerplicht import duo_import, statussen
from leerrecht.web.leerplicht.models import (
    Bureau,
    BureauRol,
    BureauRolSoort,
    Contactpersoon,
    Gemeente,
    InboxMelding,
    Werkgebied,
)
from leerrecht.web.leerplicht.ontvangst import gebied_namen
from leerrecht.web.meldingen import services
from leerrecht.web.meldingen.models import DuoMelding, Status
from leerrecht.web.meldingen.statussen import wijzig_status
from leerrecht.web.scholen.models import Rol, RolSoort, School

#: seed 000 bijlage 2 "Welke leerling waar melden?" (CBS names: "Gulpen-Wittem",
#: "Valkenburg aan de Geul")
BUREAUS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "Bureau Leren en Doorstromen Parkstad",
        "info@lerenendoorstromen.nl",
        "045-5605888",
        ("Beekdaelen", "Brunssum", "Heerlen", "Kerkrade", "Landgraaf", "Simpelveld", "Voerendaal"),
    ),
    (
        "Team Leren en Jongeren",
        "lerenenjongeren@sittard-geleen.nl",
        "14 046",
        ("Beek", "Sittard-Geleen", "Stein"),
    ),
    (
        "Gemeente Maastricht",
        "leerplichtvsv@maastricht.nl",
        "14 043",
        (
            "Eijsden-Margraten",
            "Gulpen-Wittem",
            "Maastricht",
            "Meerssen",
            "Vaals",
            "Valkenburg aan de Geul",
        ),
    ),
)
LEERPLICHTAMBTENAAR = ("leerplichtambtenaar", "Anouk", "Custers")
ADMINISTRATIE = ("leerplicht-administratie", "Ralf", "Houben")
AANTAL_MELDINGEN = 3

TOELICHTINGEN = (
    (
        "leerling_wil_niet",
        "Meerdere ochtenden zonder bericht afwezig; volgens moeder wil hij 's ochtends niet.",
        "Ouders gebeld en uitgenodigd; gesprek met de intern begeleider gepland.",
    ),
    (
        "onbekend",
        "Afwezig zonder afmelding; ouders niet bereikbaar.",
        "Twee keer gebeld en een brief gestuurd.",
    ),
    (
        "ouders_sturen_niet",
        "Ouders houden haar thuis na een conflict met de groepsleerkracht.",
        "Gesprek met ouders en directeur gevoerd; geen afspraak bereikt.",
    ),
)
TERUGKOPPELING = (
    "Verzuimgesprek met ouders en leerling gepland. De school hoort daarna van mij welke "
    "afspraken zijn gemaakt."
)


def maak_bureaus() -> Bureau:
    """The offices of seed 000 bijlage 2 with their werkgebied; returns BLD Parkstad."""
    eerste: Bureau | None = None
    for naam, email, telefoon, gemeenten in BUREAUS:
        bureau, _nieuw = Bureau.objects.get_or_create(
            naam=naam, defaults={"email": email, "telefoon": telefoon}
        )
        for gemeente in Gemeente.objects.filter(naam__in=gemeenten):
            Werkgebied.objects.get_or_create(gemeente=gemeente, defaults={"bureau": bureau})
        eerste = eerste or bureau
    assert eerste is not None
    return eerste


def _medewerker(bureau: Bureau, soort: BureauRolSoort, wie: tuple[str, str, str]) -> User:
    """The office's first staff member in this role, or a new demo account."""
    rol = (
        BureauRol.objects.filter(bureau=bureau, soort=soort)
        .select_related("gebruiker")
        .order_by("pk")
        .first()
    )
    if rol is not None:
        return rol.gebruiker
    gebruikersnaam, voornaam, achternaam = wie
    user, _nieuw = User.objects.get_or_create(
        username=gebruikersnaam,
        defaults={
            "first_name": voornaam,
            "last_name": achternaam,
            "email": f"{gebruikersnaam}@bureau.demo.invalid",
            "password": make_password(WACHTWOORD),
        },
    )
    BureauRol.objects.create(gebruiker=user, bureau=bureau, soort=soort)
    return user


def _melder(school: School) -> User | None:
    rol = (
        Rol.objects.filter(school=school, soort=RolSoort.COORDINATOR)
        .select_related("gebruiker")
        .order_by("pk")
        .first()
    )
    return rol.gebruiker if rol is not None else None


def _meld_concepten(bureau: Bureau, school: School, as_of: dt.date, melder: User) -> int:
    """Report the first concepts of pupils living in the office's area, as the coordinator."""
    try:
        services.synchroniseer(school, as_of)
    except CalendarError:
        return 0
    namen = gebied_namen(bureau)
    concepten = [
        m
        for m in DuoMelding.objects.filter(school=school, status=Status.CONCEPT)
        .select_related("leerling")
        .order_by("bereikt", "pk")
        if (m.woongemeente or m.leerling.woongemeente).lower() in namen
    ][:AANTAL_MELDINGEN]
    for n, (melding, (reden, toelichting, acties)) in enumerate(
        zip(concepten, TOELICHTINGEN, strict=False), start=1
    ):
        melding.vermoedelijke_reden = reden
        melding.toelichting = toelichting
        melding.ondernomen_acties = acties
        melding.contactpersoon = melder
        melding.save()
        wijzig_status(
            melding,
            Status.GEMELD,
            melder,
            meldingsnummer=f"DEMO-{as_of.year}-{n:04d}",
            notitie="Gemeld in het verzuimloket van DUO.",
        )
    return len(concepten)


def _importeer_een(bureau: Bureau, as_of: dt.date, door: User) -> None:
    """One melding from the verzuimloket about a pupil of a school not on the platform."""
    rij = duo_import.ImportRij(
        regel=2,
        meldingsnummer=f"DEMO-{as_of.year}-0100",
        school="Kindcentrum De Kling",
        brin="99YY00",
        voornaam="Mila",
        achternaam="Schoonbrood",
        geboortedatum=dt.date(as_of.year - 9, 6, 14),
        gemeente=Gemeente.objects.filter(naam="Kerkrade").first(),
        soort="16_uur",
        begin=as_of - dt.timedelta(days=21),
        einde=as_of - dt.timedelta(days=14),
        uren=Decimal("17.5"),
        vermoedelijke_reden="onbekend",
        toelichting="Vier dagen afwezig zonder bericht.",
        ondernomen_acties="Ouders gebeld, geen gehoor; brief gestuurd.",
        contactpersoon="M. Wetzels (intern begeleider)",
    )
    if not InboxMelding.objects.filter(bureau=bureau, meldingsnummer=rij.meldingsnummer).exists():
        duo_import.voer_uit(bureau, [rij], door)


@transaction.atomic
def vul_demo(bureau: Bureau | None, school: School, as_of: dt.date) -> list[str]:
    """The demo's office side of the inbox; returns the lines ``leerrecht demo`` prints."""
    parkstad = maak_bureaus()
    bureau = bureau or parkstad
    lpa = _medewerker(bureau, BureauRolSoort.LEERPLICHTAMBTENAAR, LEERPLICHTAMBTENAAR)
    admin = _medewerker(bureau, BureauRolSoort.ADMINISTRATIE, ADMINISTRATIE)
    Contactpersoon.objects.update_or_create(
        bureau=bureau, school=school, defaults={"consulent": lpa}
    )
    melder = _melder(school)
    gemeld = _meld_concepten(bureau, school, as_of, melder) if melder is not None else 0
    eerste = (
        InboxMelding.objects.filter(bureau=bureau, duo_melding__school=school)
        .order_by("pk")
        .first()
    )
    if eerste is not None and eerste.status == Status.GEMELD:
        statussen.wijzig_status(
            eerste, Status.IN_BEHANDELING, lpa, terugkoppeling=TERUGKOPPELING, behandelaar=lpa
        )
    _importeer_een(bureau, as_of, admin)
    return [
        f"Leerplichtbureau: {bureau.naam} (werkgebied: "
        f"{', '.join(bureau.werkgebied.values_list('gemeente__naam', flat=True))})",
        f"  {lpa.username:<26} {lpa.get_full_name():<18} leerplichtambtenaar (consulent "
        f"leerrecht van {school.naam}): inbox, behandelen en terugkoppelen",
        f"  {admin.username:<26} {admin.get_full_name():<18} administratie leerplicht: inbox, "
        "importeren uit DUO, contactpersonen",
        f"  In de inbox: {gemeld} meldingen van {school.naam} (een in behandeling met "
        "terugkoppeling) en 1 uit het DUO-verzuimloket",
    ]
