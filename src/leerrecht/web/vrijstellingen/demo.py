"""Demo content for vrijstellingen and verlof of more than 10 school days, made with the same
functions the pages use (so the history is real):

- a vrijstelling on art. 5 onder c (a school in Aachen) granted earlier, with its letter; the
  school sees the decision and gets a copy;
- a beroep on art. 5 onder a in behandeling, still waiting for the physician's statement;
- a request for 12 school days of verlof wegens gewichtige omstandigheden that the directeur
  forwarded to the leerplichtambtenaar, waiting for the office's decision.

Runs once on a fresh demo database after the school demo and the office exist
(``vul_demo(bureau, school, as_of)``); returns the lines ``leerrecht demo`` prints. The people are
invented.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction

from leerrecht.core.calendar import CalendarError
from leerrecht.web import evaluatie
from leerrecht.web.demodata.bouw import WACHTWOORD
from leerrecht.web.leerplicht.models import Bureau, BureauRol, BureauRolSoort, Gemeente
from leerrecht.web.scholen.models import Leerling, Rol, RolSoort, School
from leerrecht.web.verlof import toetsing
from leerrecht.web.verlof.models import GewichtigeReden, Soort, VerlofAanvraag
from leerrecht.web.vrijstellingen import tijd
from leerrecht.web.vrijstellingen.models import Grond, Status, Vrijstelling, VrijstellingWijziging
from leerrecht.web.vrijstellingen.personen import jeugdige_voor
from leerrecht.web.vrijstellingen.statussen import wijzig_status

LEERPLICHTAMBTENAAR = ("leerplichtambtenaar", "Anouk", "Custers")
VERLOF_DAGEN = 12


def _leerplichtambtenaar(bureau: Bureau) -> User:
    rol = (
        BureauRol.objects.filter(bureau=bureau, soort=BureauRolSoort.LEERPLICHTAMBTENAAR)
        .select_related("gebruiker")
        .order_by("pk")
        .first()
    )
    if rol is not None:
        return rol.gebruiker
    gebruikersnaam, voornaam, achternaam = LEERPLICHTAMBTENAAR
    user, _nieuw = User.objects.get_or_create(
        username=gebruikersnaam,
        defaults={
            "first_name": voornaam,
            "last_name": achternaam,
            "email": f"{gebruikersnaam}@bureau.demo.invalid",
            "password": make_password(WACHTWOORD),
        },
    )
    BureauRol.objects.get_or_create(
        gebruiker=user, bureau=bureau, soort=BureauRolSoort.LEERPLICHTAMBTENAAR
    )
    return user


def _leerlingen(bureau: Bureau, school: School, n: int) -> list[Leerling]:
    """Pupils of the demo school living in the office's area (the last ones of the list, so the
    other demos' pupils are left alone)."""
    namen = list(Gemeente.objects.filter(werkgebied__bureau=bureau).values_list("naam", flat=True))
    return list(
        Leerling.objects.filter(
            school=school, ingeschreven_tot__isnull=True, woongemeente__in=namen
        ).order_by("-pk")[:n]
    )


def _vrijstelling(
    bureau: Bureau, leerling: Leerling, door: User, grond: str, **velden: object
) -> Vrijstelling:
    v = Vrijstelling.objects.create(
        bureau=bureau,
        jeugdige=jeugdige_voor(bureau, leerling),
        leerling=leerling,
        grond=grond,
        aangemaakt_door=door,
        **velden,
    )
    VrijstellingWijziging.objects.create(vrijstelling=v, van="", naar=Status.ONTVANGEN, door=door)
    return v


def _directeur(school: School) -> User | None:
    rol = Rol.objects.filter(school=school, soort=RolSoort.DIRECTEUR).order_by("pk").first()
    return rol.gebruiker if rol is not None else None


def _doorgestuurd_verlof(leerling: Leerling, as_of: dt.date) -> VerlofAanvraag | None:
    """12 school days of verlof from about two weeks after the peildatum, forwarded by the
    directeur (None when the calendar does not reach that far or there is no directeur)."""
    directeur = _directeur(leerling.school)
    calendar = evaluatie.calendar_for(leerling.school)
    start = calendar.first_school_day_on_or_after(as_of + dt.timedelta(days=14))
    if directeur is None or start is None:
        return None
    dagen = calendar.school_days_between(start, start + dt.timedelta(days=40))
    if len(dagen) < VERLOF_DAGEN:
        return None
    aanvraag = VerlofAanvraag.objects.create(
        leerling=leerling,
        soort=Soort.GEWICHTIG,
        start=start,
        end=dagen[VERLOF_DAGEN - 1],
        reden=GewichtigeReden.OVERLIJDEN,
        toelichting="Begrafenis en rouwperiode bij de familie in Suriname.",
        aangevraagd_op=as_of,
    )
    try:
        toetsing.beslis(
            aanvraag.pk,
            toetsing.DOORSTUREN,
            "De school steunt de aanvraag: de familie heeft de reis goed voorbereid en de "
            "leerling krijgt werk mee voor de weken van afwezigheid.",
            directeur,
        )
    except (CalendarError, ValueError):
        aanvraag.delete()
        return None
    aanvraag.refresh_from_db()
    return aanvraag


@transaction.atomic
def vul_demo(bureau: Bureau, school: School, as_of: dt.date) -> list[str]:
    """A granted and a pending vrijstelling and a forwarded verlof; returns the lines
    ``leerrecht demo`` prints."""
    lpa = _leerplichtambtenaar(bureau)
    leerlingen = _leerlingen(bureau, school, 3)
    if len(leerlingen) < 3:
        return []
    eind = min(as_of, tijd.vandaag())
    buitenland, medisch, verlof = leerlingen

    toegekend = _vrijstelling(
        bureau,
        buitenland,
        lpa,
        Grond.ART_5C,
        aangevraagd_op=eind - dt.timedelta(days=30),
        ingangsdatum=eind - dt.timedelta(days=14),
        einddatum=eind - dt.timedelta(days=15) + dt.timedelta(days=365),
        verklaring_ontvangen_op=eind - dt.timedelta(days=25),
        verklaring_van="Bischöfliches Pius-Gymnasium, Aachen (inschrijfbewijs)",
    )
    wijzig_status(toegekend, Status.IN_BEHANDELING, lpa, leerplichtambtenaar=True)
    wijzig_status(
        toegekend,
        Status.TOEGEKEND,
        lpa,
        leerplichtambtenaar=True,
        motivering=(
            "De ouders hebben het bewijs van inschrijving op een school in Aachen overgelegd. De "
            "vrijstelling geldt voor één jaar; daarna kunt u opnieuw een beroep doen."
        ),
    )
    _vrijstelling(
        bureau,
        medisch,
        lpa,
        Grond.ART_5A,
        aangevraagd_op=eind - dt.timedelta(days=5),
        ingangsdatum=eind + dt.timedelta(days=14),
        einddatum=eind + dt.timedelta(days=14 + 364),
    )
    wijzig_status(
        Vrijstelling.objects.get(leerling=medisch, grond=Grond.ART_5A),
        Status.IN_BEHANDELING,
        lpa,
        leerplichtambtenaar=True,
        notitie="Verklaring van de onafhankelijk arts opgevraagd.",
    )
    aanvraag = _doorgestuurd_verlof(verlof, as_of)
    regels = [
        f"Vrijstellingen van {bureau.naam}, zie /vrijstellingen/ als {lpa.username}:",
        f"  {buitenland}: art. 5 onder c toegekend (de school ziet het besluit onder "
        "'Besluiten leerplicht');",
        f"  {medisch}: art. 5 onder a in behandeling, wacht op de verklaring van de arts",
    ]
    if aanvraag is not None:
        regels.append(
            f"  {verlof}: verlof van {VERLOF_DAGEN} schooldagen (gewichtige omstandigheden), "
            "doorgestuurd door de directeur: de leerplichtambtenaar beslist"
        )
    return regels
