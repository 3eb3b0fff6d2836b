"""Write the demo school to the database: board, school, location, groups, pupils, a school year
of registrations, and one account per role (plus a superuser for /beheer/).

Everything is created in one transaction with ``bulk_create``; 300 pupils take a few seconds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.db.models import ProtectedError, QuerySet, RestrictedError

from leerrecht.web.demodata.plan import GROEPEN, LESUREN, REGIO, Plan, maak_plan
from leerrecht.web.evaluatie import calendar_for
from leerrecht.web.leerlingzaken.models import (
    Kennisgeving,
    Schorsing,
    SchorsingDag,
    Verwijdering,
    VerwijderingStap,
)
from leerrecht.web.leerlingzaken.schorsingen import ontvangers
from leerrecht.web.registratie.models import Registratie, RegistratieWijziging
from leerrecht.web.scholen.models import (
    Bestuur,
    Groep,
    Leerling,
    Locatie,
    Rol,
    RolSoort,
    School,
    Sector,
)

BESTUUR = "Stichting Demo Onderwijs"
SCHOOL = "Basisschool De Linde"
BRIN = "99XX00"
PROTOCOL = "parkstad-po"
#: The one password of every demo account (it satisfies the password validators).
WACHTWOORD = "leerrecht-demo-2026"
SUPERUSER = "beheer"


@dataclass(frozen=True, slots=True)
class _Persoon:
    gebruikersnaam: str
    voornaam: str
    achternaam: str
    soort: RolSoort
    groep: str | None = None


PERSONEEL: tuple[_Persoon, ...] = (
    _Persoon("docent", "Sanne", "Bemelmans", RolSoort.DOCENT, "5"),
    _Persoon("mentor", "Rik", "Vossen", RolSoort.MENTOR, "8"),
    _Persoon("coordinator", "Ilse", "Hermans", RolSoort.COORDINATOR),
    _Persoon("teamleider", "Mark", "Janssen", RolSoort.TEAMLEIDER),
    _Persoon("administratie", "Petra", "Smeets", RolSoort.ADMINISTRATIE),
    _Persoon("directeur", "Hans", "Lemmens", RolSoort.DIRECTEUR),
    _Persoon("schoolbeheerder", "Yvonne", "Kessels", RolSoort.BEHEERDER),
    _Persoon("privacy", "Noor", "Wetzels", RolSoort.PRIVACY),
)

_ZIET = {
    RolSoort.COORDINATOR: "alle {n} leerlingen: DUO-meldingen, thuiszitters, protocolstappen",
    RolSoort.TEAMLEIDER: "alle {n} leerlingen van de school",
    RolSoort.ADMINISTRATIE: "alle {n} leerlingen: registraties en inschrijvingen",
    RolSoort.DIRECTEUR: "alle {n} leerlingen, o.a. de schorsing, de verwijdering en het absoluut verzuim",
    RolSoort.BEHEERDER: "alle {n} leerlingen en de inrichting van de school",
    RolSoort.PRIVACY: "het auditlog van de school (/privacy/), geen leerlingpagina's",
}


@dataclass(frozen=True, slots=True)
class DemoAccount:
    gebruikersnaam: str
    naam: str
    rol: str
    ziet: str


@dataclass(frozen=True, slots=True)
class DemoVerhaal:
    """A pupil worth looking at, with the page that shows it."""

    wat: str
    leerling: str
    groep: str
    leerling_id: int


@dataclass(frozen=True)
class Demo:
    """What ``leerrecht demo`` prints: the school, the accounts and what to look at."""

    school: str
    leerlingen: int
    registraties: int
    wachtwoord: str
    accounts: tuple[DemoAccount, ...]
    peildatum: dt.date | None = None
    eerste_dag: dt.date | None = None
    verhalen: tuple[DemoVerhaal, ...] = ()
    #: what the chain partners (leerplicht office, SWV, JGZ) have, with their accounts
    ketenpartners: tuple[str, ...] = ()

    def meta(self, seed: int) -> dict[str, Any]:
        """The facts :func:`lees_demo` cannot read back from the database (for demo.json)."""
        return {
            "peildatum": self.peildatum.isoformat() if self.peildatum else None,
            "eerste_dag": self.eerste_dag.isoformat() if self.eerste_dag else None,
            "seed": seed,
            "verhalen": [
                {"wat": v.wat, "leerling": v.leerling, "groep": v.groep, "id": v.leerling_id}
                for v in self.verhalen
            ],
            "ketenpartners": list(self.ketenpartners),
        }


def demo_school() -> School | None:
    return School.objects.filter(bestuur__naam=BESTUUR, naam=SCHOOL, brin=BRIN).first()


def andere_scholen() -> list[str]:
    """Schools in this database that the demo did not make (never build a demo next to them)."""
    return [str(s) for s in School.objects.exclude(bestuur__naam=BESTUUR)]


def verwijder_demo() -> None:
    """Remove the demo school, its pupils with everything that hangs on them (also what other
    apps protect, such as DUO-meldingen made in the demo), and the demo accounts. The audit rows
    of the demo accounts go too: the only deletion of recent audit rows outside ``flush``."""
    from leerrecht.web.audit.triggers import audit_legen_toegestaan

    with transaction.atomic(), audit_legen_toegestaan(connection):
        schools = School.objects.filter(bestuur__naam=BESTUUR)
        _weg(Leerling.objects.filter(school__in=schools))
        _weg(schools)
        _weg(Bestuur.objects.filter(naam=BESTUUR))
        usernames = [p.gebruikersnaam for p in PERSONEEL] + [SUPERUSER]
        _weg(User.objects.filter(username__in=usernames))
        _verwijder_ketenpartners()


def _verwijder_ketenpartners() -> None:
    """The demo's offices, SWV and GGD with everything on them, and their demo accounts."""
    from leerrecht.web.jgz import demo as jgz_demo
    from leerrecht.web.jgz.models import JgzOrganisatie
    from leerrecht.web.leerplicht import demo as leerplicht_demo
    from leerrecht.web.leerplicht.models import Bureau
    from leerrecht.web.thuiszitters import demo as thuiszitters_demo
    from leerrecht.web.thuiszitters.models import Samenwerkingsverband

    _weg(Bureau.objects.filter(naam__in=[b[0] for b in leerplicht_demo.BUREAUS]))
    _weg(Samenwerkingsverband.objects.filter(naam=thuiszitters_demo.SWV_NAAM))
    _weg(JgzOrganisatie.objects.filter(naam=jgz_demo.GGD))
    accounts = [
        leerplicht_demo.LEERPLICHTAMBTENAAR[0],
        leerplicht_demo.ADMINISTRATIE[0],
        thuiszitters_demo.SWV_ACCOUNT[0],
        jgz_demo.JEUGDARTS[0],
    ]
    _weg(User.objects.filter(username__in=accounts))


def _weg(queryset: QuerySet[Any], depth: int = 0) -> None:
    """Delete, first removing the objects that protect these from deletion."""
    for _attempt in range(20):
        try:
            queryset.delete()
            return
        except (ProtectedError, RestrictedError) as exc:
            blocking = (
                exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
            )
            if depth > 5:
                raise
            for obj in blocking:
                _weg(type(obj)._default_manager.filter(pk=obj.pk), depth + 1)
    queryset.delete()


def accounts(school: School) -> tuple[DemoAccount, ...]:
    sizes = {g.naam: g.leerlingen.count() for g in school.groepen.all()}
    total = school.leerlingen.count()
    rows: list[DemoAccount] = []
    for p in PERSONEEL:
        if p.groep is not None:
            ziet = f"groep {p.groep} ({sizes.get(p.groep, 0)} leerlingen): register en werklijst"
        else:
            ziet = _ZIET[p.soort].format(n=total)
        rows.append(
            DemoAccount(p.gebruikersnaam, f"{p.voornaam} {p.achternaam}", str(p.soort.label), ziet)
        )
    rows.append(
        DemoAccount(
            SUPERUSER, "Beheerder", "Django-superuser", "/beheer/: alle gegevens (geen schoolrol)"
        )
    )
    return tuple(rows)


def lees_demo(meta: dict[str, Any] | None = None) -> Demo | None:
    """The demo already in the database (None when there is none); ``meta`` from demo.json."""
    school = demo_school()
    if school is None:
        return None
    meta = meta or {}
    verhalen = tuple(
        DemoVerhaal(str(v["wat"]), str(v["leerling"]), str(v["groep"]), int(v["id"]))
        for v in meta.get("verhalen", [])
        if isinstance(v, dict)
    )
    return Demo(
        school=school.naam,
        leerlingen=school.leerlingen.count(),
        registraties=Registratie.objects.filter(leerling__school=school).count(),
        wachtwoord=WACHTWOORD,
        accounts=accounts(school),
        peildatum=_date(meta.get("peildatum")),
        eerste_dag=_date(meta.get("eerste_dag")),
        verhalen=verhalen,
        ketenpartners=tuple(str(r) for r in meta.get("ketenpartners", []) if isinstance(r, str)),
    )


def _ketenpartners(school: School, as_of: dt.date) -> tuple[str, ...]:
    """The leerplicht offices of seed 000 bijlage 2 with the office's inbox, dossiers, thuiszitter
    register and SWV, the GGD's referrals and the office's vrijstellingen, around the demo school."""
    from leerrecht.web.dossiers import demo as dossiers_demo
    from leerrecht.web.jgz import demo as jgz_demo
    from leerrecht.web.leerplicht import demo as leerplicht_demo
    from leerrecht.web.thuiszitters import demo as thuiszitters_demo
    from leerrecht.web.vrijstellingen import demo as vrijstellingen_demo

    bureau = leerplicht_demo.maak_bureaus()
    lines: list[str] = []
    for module in (
        leerplicht_demo,
        dossiers_demo,
        thuiszitters_demo,
        jgz_demo,
        vrijstellingen_demo,
    ):
        lines += module.vul_demo(bureau, school, as_of)
    return tuple(lines)


def _leerlingzaken(
    plan: Plan, school: School, pupils: dict[str, Leerling], directeur: User
) -> None:
    """The schorsingen (their registrations are in the plan) with their copies of the decision,
    and the verwijderingsprocedures, as the directeur recorded them."""
    for s in plan.schorsingen:
        schorsing = Schorsing.objects.create(
            leerling=pupils[s.nummer],
            eerste_dag=s.dagen[0],
            laatste_dag=s.dagen[-1],
            reden=s.reden,
            besluit_op=s.besluit_op,
            ouders_geinformeerd_op=s.besluit_op,
            geregistreerd_door=directeur,
        )
        SchorsingDag.objects.bulk_create(
            SchorsingDag(schorsing=schorsing, datum=d) for d in s.dagen
        )
        verstuurd_om = dt.datetime.combine(s.dagen[0], dt.time(12), tzinfo=dt.UTC)
        Kennisgeving.objects.bulk_create(
            Kennisgeving(
                schorsing=schorsing,
                ontvanger=o,
                verstuurd_op=s.dagen[0] if o in s.verstuurd else None,
                verstuurd_door=directeur if o in s.verstuurd else None,
                vastgelegd_op=verstuurd_om if o in s.verstuurd else None,
            )
            for o in ontvangers(school.sector, len(s.dagen))
        )
    for v in plan.verwijderingen:
        verwijdering = Verwijdering.objects.create(
            leerling=pupils[v.nummer],
            status=v.stappen[-1][0],
            zoeken_vanaf=v.zoeken_vanaf,
            aangemaakt_door=directeur,
        )
        VerwijderingStap.objects.bulk_create(
            VerwijderingStap(
                verwijdering=verwijdering,
                stap=stap,
                datum=datum,
                notitie=notitie,
                vastgelegd_door=directeur,
            )
            for stap, datum, notitie in v.stappen
        )


def _groepsnaam(leerling: Leerling) -> str:
    return leerling.groep.naam if leerling.groep is not None else ""


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


@transaction.atomic
def bouw_demo(peildatum: dt.date, leerlingen: int = 300, seed: int = 2026) -> Demo:
    """Build the demo school (replacing an earlier one); deterministic given the arguments."""
    verwijder_demo()
    bestuur = Bestuur.objects.create(naam=BESTUUR)
    school = School.objects.create(
        bestuur=bestuur,
        naam=SCHOOL,
        brin=BRIN,
        sector=Sector.PO,
        regio=REGIO.value,
        protocol=PROTOCOL,
        uren_ma=Decimal(str(LESUREN[0])),
        uren_di=Decimal(str(LESUREN[1])),
        uren_wo=Decimal(str(LESUREN[2])),
        uren_do=Decimal(str(LESUREN[3])),
        uren_vr=Decimal(str(LESUREN[4])),
    )
    locatie = Locatie.objects.create(school=school, naam="Hoofdgebouw", plaats="Heerlen")
    groepen = {
        naam: Groep.objects.create(school=school, locatie=locatie, naam=naam) for naam in GROEPEN
    }
    plan = maak_plan(peildatum, leerlingen, seed, calendar_for(school))

    Leerling.objects.bulk_create(
        Leerling(
            school=school,
            groep=groepen[p.groep],
            leerlingnummer=p.nummer,
            voornaam=p.voornaam,
            achternaam=p.achternaam,
            geboortedatum=p.geboortedatum,
            ingeschreven_vanaf=p.ingeschreven_vanaf,
            ingeschreven_tot=p.ingeschreven_tot,
            woongemeente=p.woongemeente,
            uitschrijfreden=p.uitschrijfreden,
            nieuwe_inschrijving_vanaf=p.nieuwe_inschrijving_vanaf,
        )
        for p in plan.leerlingen
    )
    pupils = {p.leerlingnummer: p for p in school.leerlingen.select_related("groep")}

    wachtwoord = make_password(WACHTWOORD)  # hash once: every account shares it
    users: dict[str, User] = {}
    for p in PERSONEEL:
        user = User.objects.create(
            username=p.gebruikersnaam,
            first_name=p.voornaam,
            last_name=p.achternaam,
            email=f"{p.gebruikersnaam}@de-linde.demo.invalid",
            password=wachtwoord,
        )
        rol = Rol.objects.create(gebruiker=user, school=school, soort=p.soort)
        if p.groep is not None:
            rol.groepen.set([groepen[p.groep]])
        users[p.gebruikersnaam] = user
    User.objects.create(
        username=SUPERUSER,
        first_name="Beheerder",
        email="beheer@de-linde.demo.invalid",
        password=wachtwoord,
        is_staff=True,
        is_superuser=True,
    )

    teachers = {"5": users["docent"], "8": users["mentor"]}

    def door(leerling: Leerling) -> User:
        """Who took the register: the group's teacher, else the administration."""
        return teachers.get(_groepsnaam(leerling), users["administratie"])

    Registratie.objects.bulk_create(
        (
            Registratie(
                leerling=pupils[r.nummer],
                datum=r.datum,
                moment=r.moment,
                soort=r.soort,
                reden=r.reden,
                uren=r.uren,
                notitie=r.notitie,
                geregistreerd_door=door(pupils[r.nummer]),
            )
            for r in plan.registraties
        ),
        batch_size=2000,
    )
    # A few corrections with their history: first ongeoorloofd, later reported sick.
    sick = [r for r in plan.registraties if r.reden == "ziek" and r.notitie.startswith("Ziek")]
    RegistratieWijziging.objects.bulk_create(
        RegistratieWijziging(
            leerling=pupils[r.nummer],
            datum=r.datum,
            moment=r.moment,
            oude_waarde="afwezig (ongeoorloofd)",
            nieuwe_waarde="afwezig (ziek)",
            gewijzigd_door=users["administratie"],
        )
        for r in sick[:: max(1, len(sick) // 3)][:3]
    )

    _leerlingzaken(plan, school, pupils, users["directeur"])
    ketenpartners = _ketenpartners(school, plan.peildatum)

    verhalen = tuple(
        DemoVerhaal(
            wat=v.wat,
            leerling=str(pupils[v.nummer]),
            groep=_groepsnaam(pupils[v.nummer]),
            leerling_id=pupils[v.nummer].pk,
        )
        for v in plan.verhalen
    )
    return Demo(
        school=school.naam,
        leerlingen=len(plan.leerlingen),
        registraties=len(plan.registraties),
        wachtwoord=WACHTWOORD,
        accounts=accounts(school),
        peildatum=plan.peildatum,
        eerste_dag=plan.eerste_dag,
        verhalen=verhalen,
        ketenpartners=ketenpartners,
    )
