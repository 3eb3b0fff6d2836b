"""Demo content for the thuiszitter register: the samenwerkingsverband "SWV Parkstad PO" with the
demo school and an SWV account, and a few thuiszitters in the office's register, made with the
same functions the pages use (so the history and the deadlines are real):

- the thuiszitters the rules find at the demo school (langdurig relatief verzuim 2a, absoluut
  verzuim), registered from the suggestions; the LRV one without a knooppunt, so its first
  knooppunt is overdue (seed 000 §3: within 4 weeks);
- a pupil of a school outside the platform at home for more than 3 months (2b), waiting for a
  place in passend onderwijs, with knooppunt and breed overleg held;
- one solved earlier in the school year (back to school), for the yearly analysis.

Runs once on a fresh demo database after the school demo and the office exist
(``vul_demo(bureau, school, as_of)``); returns the lines ``leerrecht demo`` prints. The people are
invented.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction

from leerrecht.web.demodata.bouw import WACHTWOORD
from leerrecht.web.leerplicht.models import Bureau, BureauRol, BureauRolSoort, Gemeente, Jeugdige
from leerrecht.web.scholen.models import School
from leerrecht.web.thuiszitters import register
from leerrecht.web.thuiszitters.models import (
    Categorie,
    Reden,
    Samenwerkingsverband,
    Soort,
    Status,
    SwvRol,
    ThuiszitterRegistratie,
    Uitkomst,
)
from leerrecht.web.thuiszitters.statussen import leg_overleg_vast, wijzig_status
from leerrecht.web.thuiszitters.termijnen import KNOOPPUNT_WEKEN

SWV_NAAM = "SWV Parkstad PO"
SWV_ACCOUNT = ("swv-parkstad", "Linda", "Wouters")
LEERPLICHTAMBTENAAR = ("leerplichtambtenaar", "Anouk", "Custers")

AANPAK_LRV = (
    "School maakt met ouders een plan van aanpak; intern begeleider is contactpersoon. "
    "Knooppunt met school, ouders, SWV en leerplicht plannen."
)
AANPAK_2B = (
    "Knooppunt en breed overleg gehouden. SWV zoekt met ouders een plek in het speciaal "
    "basisonderwijs; tot dan thuisonderwijs via de school (2 ochtenden per week)."
)


def _account(wie: tuple[str, str, str], domein: str) -> User:
    gebruikersnaam, voornaam, achternaam = wie
    user, _nieuw = User.objects.get_or_create(
        username=gebruikersnaam,
        defaults={
            "first_name": voornaam,
            "last_name": achternaam,
            "email": f"{gebruikersnaam}@{domein}.demo.invalid",
            "password": make_password(WACHTWOORD),
        },
    )
    return user


def _leerplichtambtenaar(bureau: Bureau) -> User:
    rol = (
        BureauRol.objects.filter(bureau=bureau, soort=BureauRolSoort.LEERPLICHTAMBTENAAR)
        .select_related("gebruiker")
        .order_by("pk")
        .first()
    )
    if rol is not None:
        return rol.gebruiker
    user = _account(LEERPLICHTAMBTENAAR, "bureau")
    BureauRol.objects.create(
        gebruiker=user, bureau=bureau, soort=BureauRolSoort.LEERPLICHTAMBTENAAR
    )
    return user


def _swv(bureau: Bureau, school: School) -> tuple[Samenwerkingsverband, User]:
    swv, _nieuw = Samenwerkingsverband.objects.get_or_create(
        naam=SWV_NAAM, defaults={"sector": "po"}
    )
    swv.scholen.add(school)
    swv.gemeenten.add(*Gemeente.objects.filter(werkgebied__bureau=bureau))
    user = _account(SWV_ACCOUNT, "swv")
    SwvRol.objects.get_or_create(gebruiker=user, swv=swv)
    return swv, user


def _uit_de_regels(bureau: Bureau, lpa: User, as_of: dt.date) -> list[ThuiszitterRegistratie]:
    """Register what the rules find, as the leerplichtambtenaar would from the suggestions."""
    rijen, _mislukt = register.suggesties(lpa, bureau, as_of)
    gemaakt: list[ThuiszitterRegistratie] = []
    for s in rijen[:3]:
        reg = register.opnemen(bureau, s.leerling, s.thuiszitter, lpa)
        if reg.categorie == Categorie.ABSOLUUT:
            reg.reden = Reden.GEEN_SCHOOL
            reg.aanpak = "Ouders aangeschreven; leerplicht bemiddelt bij de inschrijving."
            reg.save(update_fields=["reden", "aanpak", "gewijzigd_op"])
            knooppunt = min(as_of, reg.sinds + dt.timedelta(days=10))
            leg_overleg_vast(reg, Soort.KNOOPPUNT, knooppunt, lpa, vandaag=as_of)
        else:  # langdurig relatief verzuim: no knooppunt yet, so it is overdue
            reg.reden = Reden.LEERLING_WIL_NIET
            reg.aanpak = AANPAK_LRV
            reg.save(update_fields=["reden", "aanpak", "gewijzigd_op"])
        gemaakt.append(reg)
    return gemaakt


def _jeugdige(bureau: Bureau, voornaam: str, achternaam: str, geboren: dt.date) -> Jeugdige:
    jeugdige, _nieuw = Jeugdige.objects.get_or_create(
        bureau=bureau,
        voornaam=voornaam,
        achternaam=achternaam,
        geboortedatum=geboren,
        defaults={"gemeente": Gemeente.objects.filter(werkgebied__bureau=bureau).first()},
    )
    return jeugdige


def _handmatig(
    bureau: Bureau, swv: Samenwerkingsverband, lpa: User, as_of: dt.date
) -> list[ThuiszitterRegistratie]:
    lang = register.maak(
        ThuiszitterRegistratie(
            bureau=bureau,
            jeugdige=_jeugdige(bureau, "Daan", "Hermans", dt.date(as_of.year - 10, 2, 9)),
            school_naam="Kindcentrum De Kling",
            swv=swv,
            categorie=Categorie.LRV_2B,
            sinds=as_of - dt.timedelta(weeks=17),
            reden=Reden.WACHT_OP_PLAATSING,
            aanpak=AANPAK_2B,
            aangemaakt_door=lpa,
        ),
        lpa,
    )
    leg_overleg_vast(lang, Soort.KNOOPPUNT, lang.sinds + dt.timedelta(weeks=3), lpa, vandaag=as_of)
    leg_overleg_vast(
        lang, Soort.BREED_OVERLEG, lang.sinds + dt.timedelta(weeks=9), lpa, vandaag=as_of
    )
    opgelost = register.maak(
        ThuiszitterRegistratie(
            bureau=bureau,
            jeugdige=_jeugdige(bureau, "Fenna", "Lardinois", dt.date(as_of.year - 8, 11, 23)),
            school_naam="Kindcentrum De Kling",
            swv=swv,
            categorie=Categorie.LRV_2A,
            sinds=as_of - dt.timedelta(weeks=26),
            reden=Reden.OUDERS_STUREN_NIET,
            aanpak="Gesprekken met ouders; terugkeer met een aangepast rooster.",
            aangemaakt_door=lpa,
        ),
        lpa,
    )
    leg_overleg_vast(
        opgelost,
        Soort.KNOOPPUNT,
        opgelost.sinds + dt.timedelta(weeks=KNOOPPUNT_WEKEN - 1),
        lpa,
        vandaag=as_of,
    )
    wijzig_status(
        opgelost,
        Status.OPGELOST,
        lpa,
        datum=opgelost.sinds + dt.timedelta(weeks=7),
        uitkomst=Uitkomst.TERUG_NAAR_SCHOOL,
        notitie="Weer elke dag op school.",
    )
    return [lang, opgelost]


@transaction.atomic
def vul_demo(bureau: Bureau, school: School, as_of: dt.date) -> list[str]:
    """The SWV with its account and the office's thuiszitter register; returns the lines
    ``leerrecht demo`` prints."""
    lpa = _leerplichtambtenaar(bureau)
    swv, swv_user = _swv(bureau, school)
    regels = _uit_de_regels(bureau, lpa, as_of)
    hand = _handmatig(bureau, swv, lpa, as_of)
    te_laat = [r for r in regels if r.knooppunt_op is None]
    return [
        f"Samenwerkingsverband: {swv.naam} ({school.naam})",
        f"  {swv_user.username:<26} {swv_user.get_full_name():<18} samenwerkingsverband: "
        "maandoverzicht thuiszitters (PO), als PDF en CSV",
        f"  Thuiszitterregister van {bureau.naam}: {len(regels) + len(hand)} thuiszitters "
        f"({len(regels)} uit de regels, {len(te_laat)} met het eerste knooppunt te laat), "
        f"zie /thuiszitters/termijnen/ als {lpa.username}",
    ]
