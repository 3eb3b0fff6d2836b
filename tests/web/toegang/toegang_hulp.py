"""The world of the authorisation matrix (a module with its own name, next to ``web_hulp.py``).

Two tenants that share nothing:

- **A**: school "Het Anker" (bestuur Stichting Anker, groups 1a and 2b) with a user for every
  school role, leerplicht office "Leerplicht Ankerstad" (Heerlen, Kerkrade) with a
  leerplichtambtenaar and administratie, "SWV Anker PO" over the school, "GGD Anker" serving it,
  and a parent signed in with a code for pupil a1.
- **B**: school "De Boei" (another bestuur) with its coordinator, office "Leerplicht Boeidorp"
  (Maastricht) with its leerplichtambtenaar, its own SWV and GGD.

Every pupil and office-only jeugdige has a unique, searchable voornaam, achternaam and
leerlingnummer (:data:`PERSONEN`), so a response body can be searched for anyone outside the
scope of the role that asked for it. Pupil a4 goes to school A but lives in Maastricht: the
school sees her, office A does not, office B does.

For every kind of page there is a real object on both sides (melding, inbox melding, dossier with
action, note and document, thuiszitter, verwijzing, vrijstelling, verlof with besluit, brief,
import, schorsing, verwijdering, free day, vacation, ...); :class:`Wereld` keeps their ids.
The objects are made with the applications' own services where they exist (``wijzig_status``
routes a melding to the office's inbox, ``open_dossier`` plans the first action, ...).

The helpers of the other folders (``leerplicht_hulp``, ``jgz_hulp``, ...) are not importable
from here (a test folder is only on ``sys.path`` when pytest collects it), so the few lines
they would give are written out below with the same services.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import re
import zlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.test import Client
from web_hulp import PASSWORD, D, absent_days, make_pupil, make_school, make_user

from leerrecht.web.audit.log import vastleggen
from leerrecht.web.audit.models import Actie
from leerrecht.web.brieven.models import BriefSjabloon, VerzondenBrief
from leerrecht.web.dossiers import diensten
from leerrecht.web.dossiers.models import Document
from leerrecht.web.importeren.models import ImportOpdracht
from leerrecht.web.importeren.models import Status as ImportStatus
from leerrecht.web.jgz.models import (
    Aanleiding,
    JgzOrganisatie,
    JgzRol,
    JgzRolSoort,
    Reikwijdte,
    Toestemming,
    ToestemmingDoor,
    Verwijzing,
    VerwijzingWijziging,
)
from leerrecht.web.jgz.models import (
    Status as JgzStatus,
)
from leerrecht.web.leerlingzaken import schorsingen, stappen
from leerrecht.web.leerplicht.models import (
    Bureau,
    BureauRol,
    BureauRolSoort,
    Gemeente,
    InboxMelding,
    Jeugdige,
    Werkgebied,
)
from leerrecht.web.meldingen.models import DuoMelding
from leerrecht.web.meldingen.models import Status as MeldingStatus
from leerrecht.web.meldingen.statussen import wijzig_status
from leerrecht.web.scholen.models import Groep, Leerling, Rol, RolSoort, School
from leerrecht.web.schoolbeheer.models import SchoolVakantie, SchoolVrijeDag
from leerrecht.web.thuiszitters import register
from leerrecht.web.thuiszitters.models import (
    Categorie,
    Reden,
    Samenwerkingsverband,
    SwvRol,
    ThuiszitterRegistratie,
)
from leerrecht.web.verlof import toetsing
from leerrecht.web.verlof.models import OuderToegang, Soort, VerlofAanvraag
from leerrecht.web.verlof.models import Status as VerlofStatus
from leerrecht.web.vrijstellingen.models import (
    Grond,
    VerlofBesluit,
    VerlofBesluitSoort,
    Vrijstelling,
    VrijstellingWijziging,
)
from leerrecht.web.vrijstellingen.models import Status as VrijstellingStatus
from leerrecht.web.vrijstellingen.personen import jeugdige_voor

__all__ = ["PASSWORD", "PERSONEN", "ROLLEN", "SCOPE", "Persoon", "Wereld", "bouw_wereld"]


@dataclass(frozen=True)
class Persoon:
    """A pupil (``leerling``) or an office-only young person (``jeugdige``) of the world."""

    code: str
    voornaam: str
    achternaam: str
    nummer: str  # leerlingnummer ('' for a jeugdige without a school)
    school: str  # "A", "B" or "" (jeugdige)
    groep: int  # 1 or 2 at school A, 1 at school B, 0 for a jeugdige
    gemeente: str

    def kenmerken(self) -> tuple[str, ...]:
        """What identifies this person in a response (searched case-insensitively)."""
        return tuple(t for t in (self.voornaam, self.achternaam, self.nummer) if t)


#: every person of the world; the names occur nowhere else (not in templates, not in staff)
PERSONEN: dict[str, Persoon] = {
    p.code: p
    for p in (
        Persoon("a1", "Anjerzicht", "Appelmanszoon", "QA1-7713", "A", 1, "Heerlen"),
        Persoon("a2", "Berkzicht", "Bosmanszoon", "QA2-7713", "A", 1, "Kerkrade"),
        Persoon("a3", "Cederzicht", "Coolmanszoon", "QA3-7713", "A", 2, "Heerlen"),
        Persoon("a4", "Dahliazicht", "Dekkermanszoon", "QA4-7713", "A", 2, "Maastricht"),
        Persoon("b1", "Egelbuiten", "Elsmanszoon", "QB1-7713", "B", 1, "Maastricht"),
        Persoon("ja", "Fazantthuis", "Fokkemanszoon", "", "", 0, "Heerlen"),
        Persoon("jb", "Gierzwaluwthuis", "Gerritsmanszoon", "", "", 0, "Maastricht"),
    )
}

#: every role of the matrix: the issue's list (docent, mentor, coördinator, directeur,
#: beheerder, ouder, leerplichtambtenaar, SWV, jeugdarts) and the other school and office roles,
#: the privacy officer, the other tenant, a user with roles at two schools (docent of 1a at
#: school A and coördinator at school B), a user without any role, and nobody signed in
ROLLEN: tuple[str, ...] = (
    "anoniem",
    "zonder_rol",
    "docent",
    "mentor",
    "coordinator",
    "teamleider",
    "administratie",
    "directeur",
    "beheerder",
    "privacy",
    "coordinator_b",
    "leerplichtambtenaar",
    "lp_administratie",
    "leerplichtambtenaar_b",
    "swv",
    "jeugdarts",
    "ouder",
    "docent_en_coordinator_b",
)

_SCHOOL_A = frozenset({"a1", "a2", "a3", "a4"})
_OFFICE_A = frozenset({"a1", "a2", "a3", "ja"})

#: the people each role may see anything of (pupils by name, number or as a jeugdige):
#: docent and mentor their own group, school roles their school, an office the young people
#: living in its area, the SWV the thuiszitters registered with it, the jeugdarts the referred
#: pupil, the parent their own child. The privacy officer sees no pupil page (the matrix denies
#: them all) but reads the audit log of the school, whose rows name the school's pupils: never
#: another school's (the world has audit rows about a1 and b1).
SCOPE: dict[str, frozenset[str]] = {
    "anoniem": frozenset(),
    "zonder_rol": frozenset(),
    "docent": frozenset({"a1", "a2"}),
    "mentor": frozenset({"a1", "a2"}),
    "coordinator": _SCHOOL_A,
    "teamleider": _SCHOOL_A,
    "administratie": _SCHOOL_A,
    "directeur": _SCHOOL_A,
    "beheerder": _SCHOOL_A,
    "privacy": _SCHOOL_A,
    "coordinator_b": frozenset({"b1"}),
    "leerplichtambtenaar": _OFFICE_A,
    "lp_administratie": _OFFICE_A,
    "leerplichtambtenaar_b": frozenset({"a4", "b1", "jb"}),
    "swv": frozenset({"a3", "ja"}),
    "jeugdarts": frozenset({"a1"}),
    "ouder": frozenset({"a1"}),
    "docent_en_coordinator_b": frozenset({"a1", "a2", "b1"}),
}

#: a1 is absent without reason on three school days: 16 uur in 4 weken on 5 March 2026
#: (parkstad-po step 'wettelijk-16-uur', Leerplichtwet art. 21a)
AFWEZIG = [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 5)]
STAP = ("parkstad-po", "wettelijk-16-uur", D(2026, 3, 5))


@dataclass
class Kant:
    """The objects of one tenant (A or B): ids only, every test reads them again."""

    school: int = 0
    groep: int = 0
    leerling: int = 0  # a1 or b1: the pupil every page of the tenant is about
    leerling_groep2: int = 0  # a3 (school A only)
    groep2: int = 0  # group 2b (school A only)
    leerling_buiten_gebied: int = 0  # a4: school A, living in office B's area
    melding: int = 0  # a concept DUO melding
    inbox: int = 0  # the office's inbox melding
    jeugdige: int = 0  # the jeugdige of the inbox melding
    dossier: int = 0
    actie: int = 0
    document: int = 0
    thuiszitter: int = 0
    swv: int = 0
    verwijzing: int = 0
    toestemming: int = 0
    vrijstelling: int = 0
    verlof: int = 0  # decided by the directeur, with a werkgeversverklaring
    verlof_doorgestuurd: int = 0  # forwarded and decided by the office
    verlof_open: int = 0  # forwarded, the office has not decided yet
    brief: int = 0
    sjabloon: int = 0
    opdracht: int = 0  # an import waiting in its preview
    schorsing: int = 0
    verwijdering: int = 0
    vrije_dag: int = 0
    vakantie: int = 0
    medewerker: int = 0  # a staff member of the school (schoolbeheer:medewerker)
    bureau: int = 0


@dataclass
class Wereld:
    a: Kant
    b: Kant
    gebruikers: dict[str, int] = field(default_factory=dict)  # role -> user id (no anoniem)
    ouder_code: str = ""
    superuser: int = 0


def _gemeente(naam: str) -> Gemeente:
    codes = {"Heerlen": "GM0917", "Kerkrade": "GM0928", "Maastricht": "GM0935"}
    gevonden = Gemeente.objects.filter(naam=naam).first()
    return gevonden or Gemeente.objects.create(naam=naam, code=codes[naam])


def _bureau(naam: str, *gemeenten: str) -> Bureau:
    bureau = Bureau.objects.create(naam=naam, adres="Postbus 7713, 6400 AA Heerlen")
    for g in gemeenten:
        Werkgebied.objects.update_or_create(gemeente=_gemeente(g), defaults={"bureau": bureau})
    return bureau


def _bureau_gebruiker(username: str, bureau: Bureau, soort: BureauRolSoort) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, first_name=username)
    BureauRol.objects.create(gebruiker=user, bureau=bureau, soort=soort)
    return user


def _leerling(code: str, school: School, groep: Groep) -> Leerling:
    p = PERSONEN[code]
    return make_pupil(
        school,
        groep,
        p.nummer,
        voornaam=p.voornaam,
        achternaam=p.achternaam,
        woongemeente=p.gemeente,
        geboortedatum=D(2014, 5, 12),
    )


def _melding(
    school: School, leerling: Leerling, contact: User, begin: dt.date, volgnummer: int
) -> DuoMelding:
    return DuoMelding.objects.create(
        school=school,
        leerling=leerling,
        soort="16_uur",
        begin=begin,
        einde=begin + dt.timedelta(days=3),
        uren=Decimal("16.5"),
        uiterlijk=begin + dt.timedelta(days=10),
        volgnummer=volgnummer,
        bereikt=D(2026, 3, 5),
        woongemeente=leerling.woongemeente,
        vermoedelijke_reden="leerling_wil_niet",
        toelichting="Drie dagen zonder bericht afwezig.",
        ondernomen_acties="Ouders gebeld.",
        contactpersoon=contact,
    )


def _verwijzing(leerling: Leerling, organisatie: JgzOrganisatie, door: User) -> Verwijzing:
    op = D(2026, 3, 25)
    v = Verwijzing.objects.create(
        school=leerling.school,
        leerling=leerling,
        organisatie=organisatie,
        aangemeld_door=door,
        aangemeld_op=op,
        aanleiding=Aanleiding.VIERDE_ZIEKMELDING_12_WEKEN,
        ziekmeldingen_12_weken=4,
        schooldagen_laatste_ziekmelding=2,
        schooldagen_ziek_schooljaar=9,
        ouders_geinformeerd_op=op,
    )
    VerwijzingWijziging.objects.create(
        verwijzing=v, van="", naar=JgzStatus.AANGEMELD, datum=op, door=door
    )
    return v


def _toestemming(v: Verwijzing, door: User) -> Toestemming:
    return Toestemming.objects.create(
        verwijzing=v,
        gegeven_door=ToestemmingDoor.OUDERS,
        gegeven_op=D(2026, 3, 26),
        reikwijdte=Reikwijdte.SCHOOL,
        vastgelegd_door=door,
    )


def _verlof(leerling: Leerling, directeur: User) -> VerlofAanvraag:
    """A holiday request with a werkgeversverklaring, refused by the directeur."""
    aanvraag = VerlofAanvraag.objects.create(
        leerling=leerling,
        soort=Soort.VAKANTIE,
        start=D(2026, 6, 1),
        end=D(2026, 6, 5),
        toelichting="Seizoenswerk van de ouders.",
        aangevraagd_op=D(2026, 3, 2),
    )
    aanvraag.werkgeversverklaring.save("verklaring.pdf", ContentFile(b"%PDF-1.4 verklaring\n"))
    toetsing.beslis(aanvraag.pk, toetsing.AFWIJZEN, "Niet buiten de schoolvakanties.", directeur)
    return aanvraag


def _verlof_doorgestuurd(
    leerling: Leerling, directeur: User, bureau: Bureau, lpa: User, *, besloten: bool = True
) -> int:
    """12 school days of gewichtige omstandigheden (more than 10: the leerplichtambtenaar
    decides, art. 14 lid 3 Lpw), forwarded by the directeur and, if ``besloten``, decided."""
    start = D(2026, 3, 9)
    aanvraag = VerlofAanvraag.objects.create(
        leerling=leerling,
        soort=Soort.GEWICHTIG,
        start=start,
        end=start + dt.timedelta(days=15),
        reden="huwelijk",
        toelichting="Huwelijk van een oom in het buitenland.",
        aangevraagd_op=D(2026, 2, 20),
        status=VerlofStatus.DOORGESTUURD,
        besloten_door=directeur,
        besloten_op=D(2026, 2, 23),
    )
    if not besloten:
        return aanvraag.pk
    VerlofBesluit.objects.create(
        aanvraag=aanvraag,
        bureau=bureau,
        besluit=VerlofBesluitSoort.AFGEWEZEN,
        motivering="Geen gewichtige omstandigheid voor zo lang.",
        besloten_door=lpa,
        besloten_op=D(2026, 2, 25),
    )
    return aanvraag.pk


def _vrijstelling(leerling: Leerling, bureau: Bureau, lpa: User) -> Vrijstelling:
    v = Vrijstelling.objects.create(
        bureau=bureau,
        jeugdige=jeugdige_voor(bureau, leerling),
        leerling=leerling,
        grond=Grond.ART_5C,
        aangevraagd_op=D(2026, 2, 10),
        ingangsdatum=D(2026, 3, 1),
        einddatum=D(2027, 2, 28),
        aangemaakt_door=lpa,
        status=VrijstellingStatus.AFGEWEZEN,
        motivering="De school is wel passend.",
        besloten_door=lpa,
        besloten_op=D(2026, 2, 20),
    )
    VrijstellingWijziging.objects.create(vrijstelling=v, van="", naar="ontvangen", door=lpa)
    return v


def _brief(leerling: Leerling, door: User) -> tuple[int, int]:
    sjabloon = BriefSjabloon.objects.filter(school=leerling.school).order_by("pk").first()
    assert sjabloon is not None, "a new school gets the standard letter templates"
    protocol, stap, datum = STAP
    brief = VerzondenBrief.objects.create(
        sjabloon=sjabloon,
        leerling=leerling,
        protocol=protocol,
        stap=stap,
        stap_datum=datum,
        stap_titel="16 uur ongeoorloofd verzuim",
        school_naam=leerling.school.naam,
        leerling_naam=str(leerling),
        datum=D(2026, 3, 6),
        onderwerp=f"Het verzuim van {leerling.voornaam}",
        tekst=f"Beste ouders van {leerling}, ...",
        afzender="De verzuimcoördinator",
        aangemaakt_door=door,
    )
    return brief.pk, sjabloon.pk


def _import(school: School, leerling: Leerling, door: User) -> int:
    """An import of the school's own pupil, waiting in its preview."""
    data = (
        "pupil_id,birth_date,enrolled_from,enrolled_until,municipality,group,first_name,last_name\n"
        f"{leerling.leerlingnummer},2014-05-12,2019-08-01,,{leerling.woongemeente},"
        f"{leerling.groep.naam if leerling.groep else ''},{leerling.voornaam},{leerling.achternaam}\n"
    ).encode()
    return ImportOpdracht.objects.create(
        school=school,
        gebruiker=door,
        formaat="leerrecht",
        bestandsnaam="pupils.csv",
        bestand=data,
        grootte=len(data),
        sha256="0" * 64,
        vingerafdruk="",
        aantallen={},
        totaal=1,
        status=ImportStatus.VOORBEELD,
    ).pk


def _dossier(inbox: InboxMelding, lpa: User) -> tuple[int, int, int]:
    dossier = diensten.open_dossier(inbox.bureau, inbox.jeugdige, lpa, [inbox], lpa, D(2026, 3, 25))
    diensten.voeg_notitie_toe(dossier, "Gesprek met moeder gepland.", lpa)
    actie = dossier.acties.order_by("pk").first()
    assert actie is not None, "opening a dossier plans the verzuimgesprek"
    document = Document(
        dossier=dossier,
        naam="uitnodiging.pdf",
        omschrijving="Uitnodiging verzuimgesprek",
        content_type="application/pdf",
        grootte=20,
        door=lpa,
    )
    document.bestand.save("uitnodiging.pdf", ContentFile(b"%PDF-1.4 uitnodiging\n"), save=False)
    document.save()
    return dossier.pk, actie.pk, document.pk


def _thuiszitter(
    bureau: Bureau,
    jeugdige: Jeugdige,
    swv: Samenwerkingsverband,
    door: User,
    school: School | None = None,
    leerling: Leerling | None = None,
) -> int:
    reg = ThuiszitterRegistratie(
        bureau=bureau,
        jeugdige=jeugdige,
        school=school,
        leerling=leerling,
        swv=swv,
        categorie=Categorie.LRV_2A,
        sinds=D(2026, 2, 23),
        reden=Reden.LEERLING_WIL_NIET,
        aanpak="Gesprek met ouders en school.",
        aangemaakt_door=door,
    )
    return register.maak(reg, door).pk


def _losse_jeugdige(code: str, bureau: Bureau) -> Jeugdige:
    p = PERSONEN[code]
    return Jeugdige.objects.create(
        bureau=bureau,
        voornaam=p.voornaam,
        achternaam=p.achternaam,
        geboortedatum=D(2013, 9, 1),
        gemeente=_gemeente(p.gemeente),
    )


def _gekoppelde_jeugdige(leerling: Leerling, bureau: Bureau) -> Jeugdige:
    j = Jeugdige.objects.create(
        bureau=bureau,
        voornaam=leerling.voornaam,
        achternaam=leerling.achternaam,
        geboortedatum=leerling.geboortedatum,
        gemeente=_gemeente(leerling.woongemeente),
    )
    j.leerlingen.add(leerling)
    return j


def _kant(
    school: School,
    groep: Groep,
    leerling: Leerling,
    contact: User,
    directeur: User,
    bureau: Bureau,
    lpa: User,
    swv: Samenwerkingsverband,
    ggd: JgzOrganisatie,
    thuiszitter_code: str,
) -> Kant:
    """The objects of one tenant, every one about ``leerling`` (a1 or b1)."""
    kant = Kant(school=school.pk, groep=groep.pk, leerling=leerling.pk, bureau=bureau.pk)
    absent_days(leerling, AFWEZIG)
    # a reported melding reaches the office's inbox (routing by woongemeente); a second one
    # stays a concept at school
    gemeld = _melding(school, leerling, contact, D(2026, 3, 2), 1)
    wijzig_status(gemeld, MeldingStatus.GEMELD, contact, meldingsnummer=f"VM-{school.pk}-1")
    inbox = InboxMelding.objects.get(duo_melding=gemeld)
    assert inbox.bureau_id == bureau.pk, "the melding goes to the office of the woongemeente"
    concept = _melding(school, leerling, contact, D(2026, 3, 16), 2)
    kant.melding, kant.inbox, kant.jeugdige = concept.pk, inbox.pk, inbox.jeugdige_id
    kant.dossier, kant.actie, kant.document = _dossier(inbox, lpa)
    kant.thuiszitter = _thuiszitter(bureau, _losse_jeugdige(thuiszitter_code, bureau), swv, lpa)
    kant.swv = swv.pk
    v = _verwijzing(leerling, ggd, contact)
    kant.verwijzing, kant.toestemming = v.pk, _toestemming(v, contact).pk
    kant.vrijstelling = _vrijstelling(leerling, bureau, lpa).pk
    kant.verlof = _verlof(leerling, directeur).pk
    kant.verlof_doorgestuurd = _verlof_doorgestuurd(leerling, directeur, bureau, lpa)
    kant.verlof_open = _verlof_doorgestuurd(leerling, directeur, bureau, lpa, besloten=False)
    kant.brief, kant.sjabloon = _brief(leerling, contact)
    kant.opdracht = _import(school, leerling, contact)
    kant.schorsing = schorsingen.registreer(
        leerling,
        eerste_dag=D(2026, 3, 9),
        laatste_dag=D(2026, 3, 10),
        reden="Geweld tegen een medeleerling",
        besluit_op=D(2026, 3, 6),
        ouders_geinformeerd_op=D(2026, 3, 6),
        door=directeur,
    ).pk
    kant.vrije_dag = SchoolVrijeDag.objects.create(
        school=school, datum=D(2026, 4, 15), omschrijving="studiedag"
    ).pk
    kant.vakantie = SchoolVakantie.objects.create(
        school=school,
        naam="eigen vakantie",
        eerste_dag=D(2026, 4, 20),
        laatste_dag=D(2026, 4, 21),
        schooljaar=2025,
    ).pk
    kant.medewerker = contact.pk
    # a row in the audit log about the pupil (what the privacy officer of the school reads)
    vastleggen(contact, Actie.LEZEN, leerling, doel="leerlingpagina", leerling_id=leerling.pk)
    return kant


def bouw_wereld() -> Wereld:
    """Both tenants with every object and a user per role (see the module docstring)."""
    school_a = make_school("Het Anker", protocol="parkstad-po")
    school_b = make_school("De Boei", protocol="parkstad-po")
    groep1 = Groep.objects.create(school=school_a, naam="1a")
    groep2 = Groep.objects.create(school=school_a, naam="2b")
    groep_b = Groep.objects.create(school=school_b, naam="1a")
    leerlingen = {
        code: _leerling(
            code,
            school_a if p.school == "A" else school_b,
            groep_b if p.school == "B" else groep1 if p.groep == 1 else groep2,
        )
        for code, p in PERSONEN.items()
        if p.school
    }
    gebruikers: dict[str, User] = {
        "zonder_rol": User.objects.create_user("zonder_rol", password=PASSWORD),
        "docent": make_user("docent", school_a, RolSoort.DOCENT, [groep1]),
        "mentor": make_user("mentor", school_a, RolSoort.MENTOR, [groep1]),
        "coordinator": make_user("coordinator", school_a, RolSoort.COORDINATOR),
        "teamleider": make_user("teamleider", school_a, RolSoort.TEAMLEIDER),
        "administratie": make_user("administratie", school_a, RolSoort.ADMINISTRATIE),
        "directeur": make_user("directeur", school_a, RolSoort.DIRECTEUR),
        "beheerder": make_user("beheerder", school_a, RolSoort.BEHEERDER),
        "privacy": make_user("privacy", school_a, RolSoort.PRIVACY),
        "coordinator_b": make_user("coordinator_b", school_b, RolSoort.COORDINATOR),
    }
    directeur_b = make_user("directeur_b", school_b, RolSoort.DIRECTEUR)
    beide = make_user("docent_en_coordinator_b", school_a, RolSoort.DOCENT, [groep1])
    Rol.objects.create(gebruiker=beide, school=school_b, soort=RolSoort.COORDINATOR)
    gebruikers["docent_en_coordinator_b"] = beide
    bureau_a = _bureau("Leerplicht Ankerstad", "Heerlen", "Kerkrade")
    bureau_b = _bureau("Leerplicht Boeidorp", "Maastricht")
    gebruikers["leerplichtambtenaar"] = _bureau_gebruiker(
        "lpa", bureau_a, BureauRolSoort.LEERPLICHTAMBTENAAR
    )
    gebruikers["lp_administratie"] = _bureau_gebruiker(
        "lp_administratie", bureau_a, BureauRolSoort.ADMINISTRATIE
    )
    gebruikers["leerplichtambtenaar_b"] = _bureau_gebruiker(
        "lpa_b", bureau_b, BureauRolSoort.LEERPLICHTAMBTENAAR
    )
    swv_a = Samenwerkingsverband.objects.create(naam="SWV Anker PO", sector="po")
    swv_a.scholen.set([school_a])
    swv_a.gemeenten.set([_gemeente("Heerlen")])
    swv_b = Samenwerkingsverband.objects.create(naam="SWV Boei PO", sector="po")
    swv_b.scholen.set([school_b])
    swv_b.gemeenten.set([_gemeente("Maastricht")])
    gebruikers["swv"] = User.objects.create_user("swv", password=PASSWORD)
    SwvRol.objects.create(gebruiker=gebruikers["swv"], swv=swv_a)
    ggd_a = JgzOrganisatie.objects.create(naam="GGD Anker")
    ggd_a.scholen.add(school_a)
    ggd_b = JgzOrganisatie.objects.create(naam="GGD Boei")
    ggd_b.scholen.add(school_b)
    gebruikers["jeugdarts"] = User.objects.create_user("jeugdarts", password=PASSWORD)
    JgzRol.objects.create(
        gebruiker=gebruikers["jeugdarts"], organisatie=ggd_a, soort=JgzRolSoort.JEUGDARTS
    )

    a = _kant(
        school_a,
        groep1,
        leerlingen["a1"],
        gebruikers["coordinator"],
        gebruikers["directeur"],
        bureau_a,
        gebruikers["leerplichtambtenaar"],
        swv_a,
        ggd_a,
        "ja",
    )
    a.leerling_groep2, a.groep2 = leerlingen["a3"].pk, groep2.pk
    a.leerling_buiten_gebied = leerlingen["a4"].pk
    # a3 and a4 are absent too: a page that ignores the docent's group or the office's area
    # would list them next to a1 (worklist, meldingen, suggestions)
    for code in ("a3", "a4"):
        absent_days(leerlingen[code], AFWEZIG)
    b = _kant(
        school_b,
        groep_b,
        leerlingen["b1"],
        gebruikers["coordinator_b"],
        directeur_b,
        bureau_b,
        gebruikers["leerplichtambtenaar_b"],
        swv_b,
        ggd_b,
        "jb",
    )
    # a3 is a thuiszitter of office A with the SWV (the SWV sees a3 and ja, nobody else)
    _thuiszitter(
        bureau_a,
        _gekoppelde_jeugdige(leerlingen["a3"], bureau_a),
        swv_a,
        gebruikers["leerplichtambtenaar"],
        school=school_a,
        leerling=leerlingen["a3"],
    )
    # the verwijdering procedure runs for a2 (a1 has the schorsing)
    a.verwijdering = stappen.start(
        leerlingen["a2"], D(2026, 3, 2), "Voornemen besproken.", None, gebruikers["directeur"]
    ).pk
    b.verwijdering = stappen.start(
        leerlingen["b1"], D(2026, 3, 2), "Voornemen besproken.", None, directeur_b
    ).pk
    _toegang, code = OuderToegang.uitgeven(leerlingen["a1"], gebruikers["coordinator"])
    superuser = User.objects.create_superuser("applicatiebeheer", password=PASSWORD)
    return Wereld(
        a=a,
        b=b,
        gebruikers={rol: u.pk for rol, u in gebruikers.items()},
        ouder_code=code,
        superuser=superuser.pk,
    )


def ouder_client(code: str) -> Client:
    """A parent signed in with the school's code (the session holds the code and the pupil)."""
    client = Client()
    response = client.post("/ouders/", {"code": code})
    assert response.status_code == 302, response.content.decode()
    return client


# -- reading a response ----------------------------------------------------------------------


def pdf_tekst(inhoud: bytes) -> str:
    """The text of a ReportLab PDF: plain page streams, or ASCII85 + Flate compressed ones
    (the same reading as ``tests/web/verlof/verlof_hulp.py``)."""
    regels: list[str] = []
    streams = re.findall(rb"stream\r?\n(.*?)endstream", inhoud, re.S)
    for stream in streams:
        data = stream.strip()
        if data.startswith(b"<~") or data.endswith(b"~>"):
            try:
                data = zlib.decompress(
                    base64.a85decode(data.removeprefix(b"<~").removesuffix(b"~>"))
                )
            except (ValueError, zlib.error):
                continue
        else:
            with contextlib.suppress(zlib.error):
                data = zlib.decompress(data)
        for ruw in re.findall(rb"\(((?:\\.|[^\\)])*)\) Tj", data):
            ontsnapt = re.sub(
                rb"\\([0-7]{1,3}|.)",
                lambda m: bytes([int(m.group(1), 8)]) if m.group(1).isdigit() else m.group(1),
                ruw,
            )
            regels.append(ontsnapt.decode("cp1252"))
    return " ".join(regels)


def datum(dag: dt.date) -> str:
    return dag.isoformat()


# -- the URL configuration -------------------------------------------------------------------


@dataclass(frozen=True)
class Patroon:
    """One URL pattern of the URLconf: its full name (``namespace:name``, or the route when it
    has no name), its full route, and the names of its kwargs."""

    naam: str
    route: str
    kwargs: tuple[str, ...]


def alle_patronen() -> list[Patroon]:
    """Every pattern of the URLconf, through every include (django.urls.get_resolver)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    gevonden: list[Patroon] = []

    def loop(resolver: URLResolver, prefix: str, namespaces: tuple[str, ...]) -> None:
        for p in resolver.url_patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                ns = (*namespaces, p.namespace) if p.namespace else namespaces
                loop(p, route, ns)
            elif isinstance(p, URLPattern):
                regex = p.pattern.regex
                naam = ":".join((*namespaces, p.name)) if p.name else route
                gevonden.append(Patroon(naam, route, tuple(regex.groupindex)))

    loop(get_resolver(), "/", ())
    return gevonden
