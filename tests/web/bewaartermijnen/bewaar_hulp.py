"""Builders for the retention tests: a pupil with data in every verzuim model, an office with a
closed dossier (and a document on disk), a thuiszitter, a JGZ referral, a vrijstelling, and a
fingerprint of the whole database."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from unittest import mock

from django.apps import apps
from django.contrib.auth.models import User
from django.core import serializers
from django.core.files.base import ContentFile
from django.utils import timezone
from web_hulp import D

from leerrecht.web.audit.models import Actie as AuditActie
from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.brieven.models import BriefEmail, BriefSjabloon, VerzondenBrief
from leerrecht.web.dossiers.models import (
    Actie,
    ActieSoort,
    Document,
    Dossier,
    Notitie,
    Status,
    Wijziging,
    WijzigingSoort,
)
from leerrecht.web.evaluaties.models import LeerlingInvoer, PupilEvaluatie
from leerrecht.web.jgz.models import JgzOrganisatie, Toestemming, Verwijzing, VerwijzingWijziging
from leerrecht.web.leerlingzaken.models import (
    Kennisgeving,
    Schorsing,
    SchorsingDag,
    Verwijdering,
    VerwijderingStap,
)
from leerrecht.web.leerplicht.models import (
    Bron,
    Bureau,
    InboxMelding,
    InboxStatusWijziging,
    Jeugdige,
)
from leerrecht.web.meldingen.models import DuoMelding, StatusWijziging
from leerrecht.web.registratie.models import ActieAfgehandeld, Registratie, RegistratieWijziging
from leerrecht.web.scholen.models import Leerling
from leerrecht.web.thuiszitters.models import Gebeurtenis, ThuiszitterRegistratie
from leerrecht.web.verlof.models import OuderToegang, VerlofAanvraag
from leerrecht.web.vrijstellingen.models import Vrijstelling, VrijstellingWijziging

__all__ = ["D", "fingerprint", "moment", "rijen_per_model"]


def moment(dag: dt.date, uur: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dag, dt.time(uur)))


def op_dag(dag: dt.date) -> Any:
    """Patch the clock, so ``auto_now_add`` fields get ``dag`` (also where updates are refused,
    like the audit log)."""
    return mock.patch("django.utils.timezone.now", return_value=moment(dag))


def gebruiker(naam: str = "medewerker") -> User:
    return User.objects.get_or_create(username=naam)[0]


def leerling_met_verzuim(leerling: Leerling, uitgeschreven: dt.date | None) -> Leerling:
    """Give ``leerling`` data in every model of the verzuim category, and the uitschrijving."""
    door = gebruiker()
    leerling.ingeschreven_tot = uitgeschreven
    leerling.uitschrijfreden = "nieuwe_school" if uitgeschreven else ""
    leerling.save()
    dag = D(2019, 10, 1)
    Registratie.objects.create(leerling=leerling, datum=dag, soort="absent", reden="ongeoorloofd")
    RegistratieWijziging.objects.create(
        leerling=leerling,
        datum=dag,
        moment="dag",
        oude_waarde="aanwezig",
        nieuwe_waarde="afwezig",
        gewijzigd_door=door,
    )
    ActieAfgehandeld.objects.create(
        leerling=leerling,
        protocol="parkstad-po",
        stap="gesprek",
        bereikt_op=dag,
        notitie="Gesprek met moeder gevoerd",
        gedaan_door=door,
    )
    toegang, _code = OuderToegang.uitgeven(leerling, door)
    aanvraag = VerlofAanvraag.objects.create(
        leerling=leerling,
        soort="vakantie",
        start=D(2019, 11, 4),
        end=D(2019, 11, 8),
        ingediend_via=toegang,
    )
    aanvraag.werkgeversverklaring.save("verklaring.pdf", ContentFile(b"%PDF verklaring"))
    schorsing = Schorsing.objects.create(
        leerling=leerling,
        eerste_dag=dag,
        laatste_dag=dag,
        reden="vechten",
        besluit_op=dag,
        ouders_geinformeerd_op=dag,
        geregistreerd_door=door,
    )
    SchorsingDag.objects.create(schorsing=schorsing, datum=dag)
    Kennisgeving.objects.create(schorsing=schorsing, ontvanger="inspectie")
    verwijdering = Verwijdering.objects.create(leerling=leerling, aangemaakt_door=door)
    VerwijderingStap.objects.create(
        verwijdering=verwijdering, stap="voornemen", datum=dag, notitie="n", vastgelegd_door=door
    )
    sjabloon, _ = BriefSjabloon.objects.get_or_create(
        school=leerling.school,
        naam="Waarschuwing",
        defaults={"soort": "waarschuwing", "onderwerp": "Verzuim", "tekst": "Beste ouders"},
    )
    brief = VerzondenBrief.objects.create(
        sjabloon=sjabloon,
        leerling=leerling,
        protocol="parkstad-po",
        stap="brief",
        stap_datum=dag,
        stap_titel="Brief",
        school_naam=leerling.school.naam,
        leerling_naam=str(leerling),
        datum=dag,
        onderwerp="Verzuim",
        tekst=f"Beste ouders van {leerling}",
        afzender="De directeur",
        aangemaakt_door=door,
    )
    BriefEmail.objects.create(brief=brief, aan="ouder@example.org", gevraagd_door=door)
    LeerlingInvoer.objects.update_or_create(leerling=leerling, defaults={"versie": 7})
    PupilEvaluatie.objects.create(
        leerling=leerling, peildatum=dag, versie=7, vingerafdruk="x", resultaat={}
    )
    melding = DuoMelding.objects.create(
        school=leerling.school,
        leerling=leerling,
        soort="16_uur",
        begin=dag,
        einde=D(2019, 10, 25),
        uren=Decimal("16.5"),
        uiterlijk=D(2019, 11, 1),
        bereikt=D(2019, 10, 25),
        status="gemeld",
        meldingsnummer=f"DUO-{leerling.leerlingnummer}",
        woongemeente="Heerlen",
        verzuimdagen="1 oktober: hele dag",
        toelichting=f"{leerling.voornaam} komt vaak te laat",
        contactpersoon=door,
    )
    StatusWijziging.objects.create(melding=melding, naar="gemeld", door=door, notitie="gemeld")
    return leerling


@dataclass
class Kantoor:
    bureau: Bureau
    jeugdige: Jeugdige
    dossier: Dossier
    document: Document
    melding: InboxMelding


def gesloten_dossier(
    leerling: Leerling, gesloten: dt.date, bureau: Bureau | None = None
) -> Kantoor:
    """A jeugdige (linked to ``leerling``) with a dossier closed on ``gesloten``: a note, an
    action, its history and a document on disk, and a closed inbox melding in it."""
    door = gebruiker("lpa")
    bureau = bureau or Bureau.objects.get_or_create(naam="Bureau Leren en Doorstromen")[0]
    with op_dag(D(2020, 1, 6)):
        jeugdige = Jeugdige.objects.create(
            bureau=bureau,
            voornaam=leerling.voornaam,
            achternaam=leerling.achternaam,
            geboortedatum=leerling.geboortedatum,
        )
        jeugdige.leerlingen.add(leerling)
        melding = InboxMelding.objects.create(
            bureau=bureau,
            jeugdige=jeugdige,
            bron=Bron.IMPORT,
            school_naam=leerling.school.naam,
            soort="16_uur",
            begin=D(2020, 1, 6),
            status="afgesloten",
            toelichting=f"{leerling.voornaam} verzuimt",
        )
        InboxStatusWijziging.objects.create(melding=melding, naar="gemeld")
        dossier = Dossier.objects.create(
            bureau=bureau,
            jeugdige=jeugdige,
            behandelaar=door,
            geopend_op=D(2020, 1, 6),
            aangemaakt_door=door,
        )
        dossier.meldingen.add(melding)
        Wijziging.objects.create(dossier=dossier, soort=WijzigingSoort.AANGEMAAKT, door=door)
        Notitie.objects.create(dossier=dossier, tekst="Gesprek met vader", door=door)
        Actie.objects.create(dossier=dossier, soort=ActieSoort.VERZUIMGESPREK)
        document = Document(
            dossier=dossier,
            naam="verslag.pdf",
            omschrijving="verslag",
            content_type="application/pdf",
            grootte=12,
            door=door,
        )
        document.bestand.save("verslag.pdf", ContentFile(b"%PDF verslag"), save=False)
        document.save()
    with op_dag(gesloten):
        Wijziging.objects.create(
            dossier=dossier, soort=WijzigingSoort.STATUS, van="in_uitvoering", naar="afgesloten"
        )
        InboxStatusWijziging.objects.create(melding=melding, van="gemeld", naar="afgesloten")
    Dossier.objects.filter(pk=dossier.pk).update(status=Status.AFGESLOTEN)
    return Kantoor(bureau, jeugdige, dossier, document, melding)


def opgeloste_thuiszitter(jeugdige: Jeugdige, opgelost: dt.date) -> ThuiszitterRegistratie:
    r = ThuiszitterRegistratie.objects.create(
        bureau=jeugdige.bureau,
        jeugdige=jeugdige,
        categorie="absoluut",
        sinds=D(2020, 1, 6),
        status="opgelost",
        opgelost_op=opgelost,
        uitkomst="andere_school",
        toelichting="thuis",
    )
    Gebeurtenis.objects.create(registratie=r, soort="aangemaakt")
    return r


def afgesloten_verwijzing(leerling: Leerling, afgesloten: dt.date) -> Verwijzing:
    door = gebruiker("jeugdarts")
    org = JgzOrganisatie.objects.get_or_create(naam="GGD Zuid")[0]
    v = Verwijzing.objects.create(
        school=leerling.school,
        leerling=leerling,
        organisatie=org,
        aangemeld_door=door,
        aangemeld_op=D(2020, 1, 6),
        aanleiding="zorgen",
        ziekmeldingen_12_weken=4,
        schooldagen_laatste_ziekmelding=3,
        schooldagen_ziek_schooljaar=12,
        ouders_geinformeerd_op=D(2020, 1, 6),
        status="afgesloten",
    )
    Toestemming.objects.create(
        verwijzing=v,
        gegeven_door="ouders",
        gegeven_op=D(2020, 1, 6),
        reikwijdte="school",
        vastgelegd_door=door,
    )
    VerwijzingWijziging.objects.create(
        verwijzing=v, van="advies_gegeven", naar="afgesloten", datum=afgesloten, door=door
    )
    return v


def toegekende_vrijstelling(jeugdige: Jeugdige, einde: dt.date) -> Vrijstelling:
    door = gebruiker("lpa")
    v = Vrijstelling.objects.create(
        bureau=jeugdige.bureau,
        jeugdige=jeugdige,
        grond="5c",
        aangevraagd_op=D(2020, 1, 6),
        ingangsdatum=D(2020, 2, 1),
        einddatum=einde,
        status="toegekend",
        besloten_op=D(2020, 1, 20),
        besloten_door=door,
        aangemaakt_door=door,
    )
    VrijstellingWijziging.objects.create(vrijstelling=v, naar="toegekend", door=door)
    return v


def auditregel(dag: dt.date, leerling: Leerling) -> AuditRegel:
    with op_dag(dag):
        return AuditRegel.objects.create(
            actie=AuditActie.LEZEN, wat=f"leerling #{leerling.pk}", doel="test"
        )


def alle_modellen() -> list[Any]:
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label not in {"sessions", "contenttypes", "admin"}
    ]


def rijen_per_model() -> dict[str, int]:
    return {m._meta.label: m._base_manager.count() for m in alle_modellen()}


def fingerprint(zonder: frozenset[str] = frozenset()) -> str:
    """A hash of every row of every model (serialized), for 'nothing changed'; ``zonder``:
    labels of models left out."""
    h = hashlib.sha256()
    for m in sorted(alle_modellen(), key=lambda m: m._meta.label):
        if m._meta.label in zonder:
            continue
        data = serializers.serialize("json", m._base_manager.order_by("pk"))
        h.update(m._meta.label.encode())
        h.update(json.dumps(json.loads(data), sort_keys=True).encode())
    return h.hexdigest()
