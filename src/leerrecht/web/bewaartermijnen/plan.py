"""Retention (bewaartermijnen): which personal data has been kept long enough, and removing it.

:func:`bepaal` makes the plan for a peildatum (what would go, per category, model, action and
owner, with counts); :func:`voer_uit` executes exactly that plan in one transaction (all or
nothing). The command ``leerrecht manage bewaartermijnen`` and the weekly task
``leerrecht.bewaartermijnen`` use both. docs/beheer-bewaren-en-backup.md has the table.

Categories and clocks (sources: PO-Raad, "Wat zijn de bewaartermijnen m.b.t. leerlingdossiers":
"gegevens over verzuim en afwezigheid en in- en uitschrijving 5 jaar [...] nadat de leerling is
uitgeschreven" and "het leerlingdossier 2 jaar [...] nadat de leerling van school is gegaan", the
5 years from the Besluit bekostiging WPO; AVG art. 5 lid 1 onder e, opslagbeperking; the seeds in
/work/shared/seeds/ name no retention period):

- ``verzuim``: verzuim and in-/uitschrijving of a school pupil, 5 years after the uitschrijving
  (``Leerling.ingeschreven_tot``). The details are deleted (registrations and their history,
  handled actions, verlof requests with their files and the office's decision on them, parent
  codes, schorsingen, verwijderingen, letters and their e-mails, stored evaluations, the history
  of DUO meldingen); the pupil row and the DUO meldingen are *anonymised*, not deleted: names,
  pupil number, day and month of birth, municipality and group go, and every free text of the
  melding. The school's jaarcijfers count DUO meldingen per school, kind, start date and status
  and the distinct pupils behind them, so those figures stay the same after the run. A pupil
  record linked (through the office's jeugdige) to a record of the same child that is still
  enrolled, or left less than 5 years ago, is kept as a whole.
  Imports (the upload record; the file itself is erased when the import ends): 5 years after
  the import ended.
- ``dossier``: the office's and the chain's case data, 2 years after the case was closed:
  dossiers (closed: the last status change to *afgesloten*) with notes, actions, history and
  documents *including the files on disk*; inbox meldingen (closed, withdrawn or ter kennisgeving
  aangenomen, the last status change) not in a remaining dossier; thuiszitter registrations
  (``opgelost_op``); JGZ referrals (closed or withdrawn, the day in the last change); vrijstellingen
  (granted: its einddatum; refused: ``besloten_op``; withdrawn: the last change); and a jeugdige
  created more than 2 years ago with nothing left about it.
- ``audit``: audit rows older than ``AUDIT_BEWAARTERMIJN_JAREN`` (5) years: recorded before the
  same day 5 years before the peildatum (at most today: the database triggers of the audit table
  allow deleting older rows only, measured from the clock).

A period of N years ends on the same day N years later (29 February: on 28 February): data of
a pupil who left on 31 July 2020 stays on 30 July 2025 and goes on 31 July 2025.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.files.storage import Storage
from django.db import models, transaction
from django.db.models import CharField, Max, Q, Value
from django.db.models.functions import Cast, Coalesce, Concat, TruncYear
from django.utils import timezone

from leerrecht.web.bewaartermijnen.models import BewaarRun

VERZUIM = "verzuim"
DOSSIER = "dossier"
AUDIT = "audit"
CATEGORIEEN = (VERZUIM, DOSSIER, AUDIT)

VERWIJDEREN = "verwijderen"
ANONIMISEREN = "anonimiseren"

JAREN_VERZUIM = 5
JAREN_DOSSIER = 2

#: the pupil number of an anonymised pupil (and meldingsnummer of its DUO meldingen) starts so
ANONIEM = "anoniem-"
ANONIEME_ACHTERNAAM = "geanonimiseerd"

#: rows deleted or updated per statement (SQLite's limit of bound parameters)
BLOK = 900


class PlanVerouderd(Exception):
    """The data changed between making the plan and executing it."""


def jaren_terug(dag: dt.date, jaren: int) -> dt.date:
    """The same day ``jaren`` years earlier (29 February: 28 February)."""
    try:
        return dag.replace(year=dag.year - jaren)
    except ValueError:
        return dag.replace(year=dag.year - jaren, day=28)


def audit_jaren() -> int:
    from leerrecht.web.audit import models as audit_models

    return int(getattr(audit_models, "AUDIT_BEWAARTERMIJN_JAREN", 5))


Sleutel = tuple[str, str, str]  # categorie, model label, actie


@dataclass
class Plan:
    """What goes at ``peildatum``: per (category, model, action) the primary keys per owner, in
    the order of execution (children before their parents). Files are the names in the storages
    of the rows that go."""

    peildatum: dt.date
    grens_verzuim: dt.date
    grens_dossier: dt.date
    grens_audit: dt.date
    onderdelen: dict[Sleutel, dict[str, list[int]]] = field(default_factory=dict)
    bestanden: list[tuple[str, str]] = field(default_factory=list)  # (storage key, name)

    def aantal(self, sleutel: Sleutel) -> int:
        return sum(len(pks) for pks in self.onderdelen.get(sleutel, {}).values())

    @property
    def totaal(self) -> int:
        return sum(self.aantal(s) for s in self.onderdelen)

    @property
    def leeg(self) -> bool:
        return self.totaal == 0 and not self.bestanden

    def rapport(self) -> dict[str, Any]:
        """The plan as counts only (JSON): no names, no numbers, no keys of rows."""
        regels: list[dict[str, Any]] = [
            {
                "categorie": categorie,
                "model": label,
                "actie": actie,
                "eigenaar": eigenaar,
                "aantal": len(pks),
            }
            for (categorie, label, actie), per_eigenaar in self.onderdelen.items()
            for eigenaar, pks in sorted(per_eigenaar.items())
            if pks
        ]
        totalen = dict.fromkeys(CATEGORIEEN, 0)
        for r in regels:
            totalen[r["categorie"]] += r["aantal"]
        return {
            "peildatum": self.peildatum.isoformat(),
            "grenzen": {
                VERZUIM: self.grens_verzuim.isoformat(),
                DOSSIER: self.grens_dossier.isoformat(),
                AUDIT: self.grens_audit.isoformat(),
            },
            "regels": regels,
            "totalen": totalen,
            "totaal": self.totaal,
            "bestanden": len(self.bestanden),
        }


def _storages() -> dict[str, Storage]:
    from leerrecht.web.dossiers.models import Document
    from leerrecht.web.verlof.models import VerlofAanvraag

    return {
        "dossiers.Document": Document.bestand.field.storage,
        "verlof.VerlofAanvraag": VerlofAanvraag.werkgeversverklaring.field.storage,
    }


class _Bouwer:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan

    def voeg_toe(
        self,
        categorie: str,
        model: type[models.Model],
        actie: str,
        rijen: Iterable[tuple[Any, Any]],
    ) -> set[int]:
        """Add rows given as ``(pk, owner)``; returns their primary keys."""
        per_eigenaar: dict[str, list[int]] = defaultdict(list)
        for pk, eigenaar in rijen:
            per_eigenaar[str(eigenaar or "-")].append(int(pk))
        for pks in per_eigenaar.values():
            pks.sort()
        self.plan.onderdelen[(categorie, model._meta.label, actie)] = dict(per_eigenaar)
        return {pk for pks in per_eigenaar.values() for pk in pks}

    def query(
        self,
        categorie: str,
        model: type[models.Model],
        actie: str,
        qs: models.QuerySet[Any],
        eigenaar: str,
    ) -> set[int]:
        return self.voeg_toe(categorie, model, actie, qs.values_list("pk", eigenaar).order_by())


def _lokale_dag(moment: dt.datetime | None) -> dt.date | None:
    if moment is None:
        return None
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def _verlopen(einde: dt.date | None, grens: dt.date) -> bool:
    """Did the period end: the clock's day on or before ``grens``? No day: never."""
    return einde is not None and einde <= grens


def _verzuim(b: _Bouwer, grens: dt.date) -> None:
    from leerrecht.web.brieven.models import BriefEmail, VerzondenBrief
    from leerrecht.web.evaluaties.models import LeerlingInvoer, PupilEvaluatie
    from leerrecht.web.importeren.models import ImportOpdracht
    from leerrecht.web.leerlingzaken.models import (
        Kennisgeving,
        Schorsing,
        SchorsingDag,
        Verwijdering,
        VerwijderingStap,
    )
    from leerrecht.web.leerplicht.models import Jeugdige
    from leerrecht.web.meldingen.models import DuoMelding, StatusWijziging
    from leerrecht.web.registratie.models import (
        ActieAfgehandeld,
        Registratie,
        RegistratieWijziging,
    )
    from leerrecht.web.scholen.models import Leerling
    from leerrecht.web.verlof.models import OuderToegang, VerlofAanvraag
    from leerrecht.web.vrijstellingen.models import VerlofBesluit

    koppeling = Jeugdige.leerlingen.through
    lopend = Leerling.objects.filter(
        Q(ingeschreven_tot__isnull=True) | Q(ingeschreven_tot__gt=grens)
    )
    jeugdigen_lopend = koppeling.objects.filter(leerling__in=lopend).values("jeugdige_id")
    vastgehouden = koppeling.objects.filter(jeugdige_id__in=jeugdigen_lopend).values("leerling_id")
    leerlingen = list(
        Leerling.objects.filter(ingeschreven_tot__isnull=False, ingeschreven_tot__lte=grens)
        .exclude(leerlingnummer__startswith=ANONIEM)
        .exclude(pk__in=vastgehouden)
        .values_list("pk", flat=True)
    )
    # the plan keeps keys; for a very large set the sub-queries below use the same condition
    ll = Leerling.objects.filter(pk__in=leerlingen)
    school = "leerling__school__naam"

    b.query(VERZUIM, Registratie, VERWIJDEREN, Registratie.objects.filter(leerling__in=ll), school)
    b.query(
        VERZUIM,
        RegistratieWijziging,
        VERWIJDEREN,
        RegistratieWijziging.objects.filter(leerling__in=ll),
        school,
    )
    b.query(
        VERZUIM,
        ActieAfgehandeld,
        VERWIJDEREN,
        ActieAfgehandeld.objects.filter(leerling__in=ll),
        school,
    )
    aanvragen = VerlofAanvraag.objects.filter(leerling__in=ll)
    b.query(
        VERZUIM,
        VerlofBesluit,
        VERWIJDEREN,
        VerlofBesluit.objects.filter(aanvraag__in=aanvragen),
        "aanvraag__leerling__school__naam",
    )
    b.query(VERZUIM, VerlofAanvraag, VERWIJDEREN, aanvragen, school)
    for naam in aanvragen.exclude(werkgeversverklaring="").values_list(
        "werkgeversverklaring", flat=True
    ):
        b.plan.bestanden.append(("verlof.VerlofAanvraag", naam))
    b.query(
        VERZUIM, OuderToegang, VERWIJDEREN, OuderToegang.objects.filter(leerling__in=ll), school
    )
    schorsingen = Schorsing.objects.filter(leerling__in=ll)
    via_schorsing = "schorsing__leerling__school__naam"
    b.query(
        VERZUIM,
        SchorsingDag,
        VERWIJDEREN,
        SchorsingDag.objects.filter(schorsing__in=schorsingen),
        via_schorsing,
    )
    b.query(
        VERZUIM,
        Kennisgeving,
        VERWIJDEREN,
        Kennisgeving.objects.filter(schorsing__in=schorsingen),
        via_schorsing,
    )
    b.query(VERZUIM, Schorsing, VERWIJDEREN, schorsingen, school)
    verwijderingen = Verwijdering.objects.filter(leerling__in=ll)
    b.query(
        VERZUIM,
        VerwijderingStap,
        VERWIJDEREN,
        VerwijderingStap.objects.filter(verwijdering__in=verwijderingen),
        "verwijdering__leerling__school__naam",
    )
    b.query(VERZUIM, Verwijdering, VERWIJDEREN, verwijderingen, school)
    brieven = VerzondenBrief.objects.filter(leerling__in=ll)
    b.query(
        VERZUIM,
        BriefEmail,
        VERWIJDEREN,
        BriefEmail.objects.filter(brief__in=brieven),
        "brief__leerling__school__naam",
    )
    b.query(VERZUIM, VerzondenBrief, VERWIJDEREN, brieven, school)
    b.query(
        VERZUIM, PupilEvaluatie, VERWIJDEREN, PupilEvaluatie.objects.filter(leerling__in=ll), school
    )
    b.query(
        VERZUIM, LeerlingInvoer, VERWIJDEREN, LeerlingInvoer.objects.filter(leerling__in=ll), school
    )
    meldingen = DuoMelding.objects.filter(leerling__in=ll)
    b.query(
        VERZUIM,
        StatusWijziging,
        VERWIJDEREN,
        StatusWijziging.objects.filter(melding__in=meldingen),
        "melding__school__naam",
    )
    b.query(VERZUIM, DuoMelding, ANONIMISEREN, meldingen, "school__naam")
    b.query(VERZUIM, koppeling, VERWIJDEREN, koppeling.objects.filter(leerling__in=ll), school)
    b.query(VERZUIM, Leerling, ANONIMISEREN, ll, "school__naam")

    imports = ImportOpdracht.objects.annotate(einde=Coalesce("klaar_op", "aangemaakt_op")).filter(
        einde__lt=_begin_van_dag_na(grens)
    )
    b.query(VERZUIM, ImportOpdracht, VERWIJDEREN, imports, "school__naam")


def _begin_van_dag_na(dag: dt.date) -> dt.datetime:
    """Midnight (local time) at the start of the day after ``dag``: a moment before it lies on
    or before ``dag``."""
    volgende = dag + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime(volgende.year, volgende.month, volgende.day))


def _dossier(b: _Bouwer, grens: dt.date) -> None:
    from leerrecht.web.dossiers.models import (
        Actie,
        Document,
        Dossier,
        Notitie,
        Status,
        Wijziging,
        WijzigingSoort,
    )
    from leerrecht.web.jgz.models import Status as JgzStatus
    from leerrecht.web.jgz.models import Toestemming, Verwijzing, VerwijzingWijziging
    from leerrecht.web.leerplicht.models import InboxMelding, InboxStatusWijziging, Jeugdige
    from leerrecht.web.thuiszitters.models import Gebeurtenis, ThuiszitterRegistratie
    from leerrecht.web.thuiszitters.models import Status as TzStatus
    from leerrecht.web.vrijstellingen.models import Status as VrStatus
    from leerrecht.web.vrijstellingen.models import Vrijstelling, VrijstellingWijziging

    # dossiers: closed on the day of the last status change to 'afgesloten'
    gesloten = Dossier.objects.filter(status=Status.AFGESLOTEN).annotate(
        gesloten_op=Max(
            "geschiedenis__op",
            filter=Q(
                geschiedenis__soort=WijzigingSoort.STATUS,
                geschiedenis__naar=Status.AFGESLOTEN,
            ),
        )
    )
    dossier_ids = [
        pk
        for pk, gesloten_op, gewijzigd_op in gesloten.values_list(
            "pk", "gesloten_op", "gewijzigd_op"
        )
        if _verlopen(_lokale_dag(gesloten_op or gewijzigd_op), grens)
    ]
    dossiers = Dossier.objects.filter(pk__in=dossier_ids)
    bureau = "dossier__bureau__naam"
    documenten = Document.objects.filter(dossier__in=dossiers)
    b.query(DOSSIER, Document, VERWIJDEREN, documenten, bureau)
    for naam in documenten.exclude(bestand="").values_list("bestand", flat=True):
        b.plan.bestanden.append(("dossiers.Document", naam))
    b.query(DOSSIER, Notitie, VERWIJDEREN, Notitie.objects.filter(dossier__in=dossiers), bureau)
    b.query(DOSSIER, Actie, VERWIJDEREN, Actie.objects.filter(dossier__in=dossiers), bureau)
    b.query(DOSSIER, Wijziging, VERWIJDEREN, Wijziging.objects.filter(dossier__in=dossiers), bureau)
    dossier_meldingen = Dossier.meldingen.through
    b.query(
        DOSSIER,
        dossier_meldingen,
        VERWIJDEREN,
        dossier_meldingen.objects.filter(dossier__in=dossiers),
        bureau,
    )
    weg_dossiers = b.query(DOSSIER, Dossier, VERWIJDEREN, dossiers, "bureau__naam")

    # inbox: closed, withdrawn or noted, on the day of its last status change; not while a
    # remaining dossier holds it
    in_dossier = dossier_meldingen.objects.exclude(dossier_id__in=weg_dossiers).values(
        "inboxmelding_id"
    )
    inbox = (
        InboxMelding.objects.filter(status__in=["afgesloten", "ingetrokken", "ter_kennisgeving"])
        .exclude(pk__in=in_dossier)
        .annotate(laatst=Max("geschiedenis__op"))
    )
    inbox_ids = [
        pk
        for pk, laatst, ontvangen in inbox.values_list("pk", "laatst", "ontvangen_op")
        if _verlopen(_lokale_dag(laatst or ontvangen), grens)
    ]
    inbox_qs = InboxMelding.objects.filter(pk__in=inbox_ids)
    b.query(
        DOSSIER,
        InboxStatusWijziging,
        VERWIJDEREN,
        InboxStatusWijziging.objects.filter(melding__in=inbox_qs),
        "melding__bureau__naam",
    )
    weg_inbox = b.query(DOSSIER, InboxMelding, VERWIJDEREN, inbox_qs, "bureau__naam")

    # thuiszitter register: solved on opgelost_op
    tz = ThuiszitterRegistratie.objects.filter(status=TzStatus.OPGELOST, opgelost_op__lte=grens)
    b.query(
        DOSSIER,
        Gebeurtenis,
        VERWIJDEREN,
        Gebeurtenis.objects.filter(registratie__in=tz),
        "registratie__bureau__naam",
    )
    weg_tz = b.query(DOSSIER, ThuiszitterRegistratie, VERWIJDEREN, tz, "bureau__naam")

    # JGZ referrals: closed or withdrawn, on the day in the last change to that status
    eind = [JgzStatus.AFGESLOTEN, JgzStatus.INGETROKKEN]
    verwijzingen = Verwijzing.objects.filter(status__in=eind).annotate(
        einde=Max("geschiedenis__datum", filter=Q(geschiedenis__naar__in=eind))
    )
    verwijzing_ids = [
        pk
        for pk, einde, gewijzigd_op in verwijzingen.values_list("pk", "einde", "gewijzigd_op")
        if _verlopen(einde or _lokale_dag(gewijzigd_op), grens)
    ]
    vw = Verwijzing.objects.filter(pk__in=verwijzing_ids)
    org = "verwijzing__organisatie__naam"
    b.query(DOSSIER, Toestemming, VERWIJDEREN, Toestemming.objects.filter(verwijzing__in=vw), org)
    b.query(
        DOSSIER,
        VerwijzingWijziging,
        VERWIJDEREN,
        VerwijzingWijziging.objects.filter(verwijzing__in=vw),
        org,
    )
    b.query(DOSSIER, Verwijzing, VERWIJDEREN, vw, "organisatie__naam")

    # vrijstellingen: granted ends on its einddatum, refused on the decision, withdrawn on the
    # last change
    vrij = Vrijstelling.objects.filter(
        status__in=[VrStatus.TOEGEKEND, VrStatus.AFGEWEZEN, VrStatus.INGETROKKEN]
    ).annotate(laatst=Max("geschiedenis__op"))
    vrij_ids = []
    for pk, status, einddatum, besloten_op, laatst in vrij.values_list(
        "pk", "status", "einddatum", "besloten_op", "laatst"
    ):
        if status == VrStatus.TOEGEKEND:
            einde: dt.date | None = einddatum
        elif status == VrStatus.AFGEWEZEN:
            einde = besloten_op or _lokale_dag(laatst)
        else:
            einde = _lokale_dag(laatst)
        if einde is not None and einde <= grens:
            vrij_ids.append(pk)
    vr = Vrijstelling.objects.filter(pk__in=vrij_ids)
    b.query(
        DOSSIER,
        VrijstellingWijziging,
        VERWIJDEREN,
        VrijstellingWijziging.objects.filter(vrijstelling__in=vr),
        "vrijstelling__bureau__naam",
    )
    weg_vrij = b.query(DOSSIER, Vrijstelling, VERWIJDEREN, vr, "bureau__naam")

    # a jeugdige created 2 years ago or longer with nothing left about it
    koppeling = Jeugdige.leerlingen.through
    weg_koppelingen = {
        pk
        for pks in b.plan.onderdelen.get((VERZUIM, koppeling._meta.label, VERWIJDEREN), {}).values()
        for pk in pks
    }
    kandidaten = Jeugdige.objects.filter(aangemaakt_op__lt=_begin_van_dag_na(grens))
    blijft: set[int] = set()
    for model, weg in (
        (Dossier, weg_dossiers),
        (InboxMelding, weg_inbox),
        (ThuiszitterRegistratie, weg_tz),
        (Vrijstelling, weg_vrij),
        (koppeling, weg_koppelingen),
    ):
        for pk, jeugdige_id in (
            model._default_manager.filter(jeugdige__in=kandidaten)
            .values_list("pk", "jeugdige_id")
            .order_by()
        ):
            if pk not in weg:
                blijft.add(jeugdige_id)
    b.query(
        DOSSIER,
        Jeugdige,
        VERWIJDEREN,
        kandidaten.exclude(pk__in=blijft),
        "bureau__naam",
    )


def _audit(b: _Bouwer, grens: dt.date) -> None:
    from leerrecht.web.audit.models import AuditRegel

    # recorded before the day ``grens``: older than the period, as the database triggers of the
    # audit table require (leerrecht.web.audit.triggers)
    begin = _begin_van_dag_na(grens - dt.timedelta(days=1))
    rijen = AuditRegel.objects.filter(wanneer__lt=begin).values_list("pk", flat=True).order_by()
    b.voeg_toe(AUDIT, AuditRegel, VERWIJDEREN, ((pk, "") for pk in rijen))


def bepaal(peildatum: dt.date) -> Plan:
    """The plan at ``peildatum``: what has been kept long enough. Reads only."""
    plan = Plan(
        peildatum=peildatum,
        grens_verzuim=jaren_terug(peildatum, JAREN_VERZUIM),
        grens_dossier=jaren_terug(peildatum, JAREN_DOSSIER),
        # never later than today: the audit table's triggers measure from the clock
        grens_audit=jaren_terug(min(peildatum, timezone.localdate()), audit_jaren()),
    )
    bouwer = _Bouwer(plan)
    _verzuim(bouwer, plan.grens_verzuim)
    _dossier(bouwer, plan.grens_dossier)
    _audit(bouwer, plan.grens_audit)
    plan.bestanden.sort()
    return plan


def _blokken(pks: Sequence[int]) -> Iterable[list[int]]:
    for i in range(0, len(pks), BLOK):
        yield list(pks[i : i + BLOK])


def _anonimiseer(label: str, pks: list[int]) -> int:
    from leerrecht.web.meldingen.models import DuoMelding
    from leerrecht.web.scholen.models import Leerling

    nummer = Concat(Value(ANONIEM), Cast("pk", output_field=CharField()))
    if label == Leerling._meta.label:
        return Leerling.objects.filter(pk__in=pks).update(
            voornaam="",
            achternaam=ANONIEME_ACHTERNAAM,
            leerlingnummer=nummer,
            geboortedatum=TruncYear("geboortedatum", output_field=models.DateField()),
            woongemeente="",
            groep=None,
            nieuwe_inschrijving_vanaf=None,
        )
    if label == DuoMelding._meta.label:
        return DuoMelding.objects.filter(pk__in=pks).update(
            meldingsnummer=nummer,
            woongemeente="",
            verzuimdagen="",
            uitleg="",
            toelichting="",
            ondernomen_acties="",
            contactpersoon=None,
        )
    raise ValueError(f"Geen anonimisering bekend voor {label}.")


def voer_uit(plan: Plan) -> dict[str, Any]:
    """Execute ``plan`` in one transaction: first checks that the data still gives exactly this
    plan (else :class:`PlanVerouderd`, nothing changed), then deletes and anonymises exactly the
    planned rows (a different count rolls everything back). The files of deleted rows are
    removed after the commit. Stores the run (:class:`BewaarRun`) and returns its report."""
    from django.apps import apps

    begin = time.monotonic()
    with transaction.atomic():
        opnieuw = bepaal(plan.peildatum)
        if opnieuw.onderdelen != plan.onderdelen or opnieuw.bestanden != plan.bestanden:
            raise PlanVerouderd(
                "De gegevens zijn veranderd sinds het plan is gemaakt; maak het plan opnieuw "
                "(leerrecht manage bewaartermijnen) en voer dat uit."
            )
        for (_categorie, label, actie), per_eigenaar in plan.onderdelen.items():
            pks = sorted(pk for lijst in per_eigenaar.values() for pk in lijst)
            if not pks:
                continue
            model = apps.get_model(label)
            gedaan = 0
            for blok in _blokken(pks):
                if actie == VERWIJDEREN:
                    qs = model._base_manager.filter(pk__in=blok)
                    gedaan += qs._raw_delete(qs.db)
                else:
                    gedaan += _anonimiseer(label, blok)
            if gedaan != len(pks):
                raise PlanVerouderd(
                    f"{label}: {gedaan} rijen {actie} in plaats van de geplande {len(pks)}; "
                    "er is niets veranderd."
                )
        rapport = plan.rapport()
        duur = time.monotonic() - begin
        BewaarRun.objects.create(
            peildatum=plan.peildatum,
            uitgevoerd=True,
            totaal=plan.totaal,
            bestanden=len(plan.bestanden),
            rapport=rapport,
            duur=round(duur, 3),
        )
        bestanden = list(plan.bestanden)
        transaction.on_commit(lambda: _verwijder_bestanden(bestanden))
    return rapport


def proefdraai_vastleggen(plan: Plan) -> BewaarRun:
    """Store the report of a dry run (the scheduled task in dry-run mode)."""
    return BewaarRun.objects.create(
        peildatum=plan.peildatum,
        uitgevoerd=False,
        totaal=plan.totaal,
        bestanden=len(plan.bestanden),
        rapport=plan.rapport(),
    )


def _verwijder_bestanden(bestanden: list[tuple[str, str]]) -> None:
    opslag = _storages()
    for sleutel, naam in bestanden:
        opslag[sleutel].delete(naam)


def als_tekst(plan: Plan, uitgevoerd: bool = False) -> str:
    """A readable Dutch report of the plan (counts only)."""
    r = plan.rapport()
    kop = "Uitgevoerd" if uitgevoerd else "Proefdraai (er is niets veranderd)"
    regels = [
        f"Bewaartermijnen op {plan.peildatum:%d-%m-%Y}: {kop}",
        f"- verzuim en in-/uitschrijving: uitgeschreven op of voor {plan.grens_verzuim:%d-%m-%Y}"
        f" ({JAREN_VERZUIM} jaar)",
        f"- overige dossiergegevens: afgesloten op of voor {plan.grens_dossier:%d-%m-%Y}"
        f" ({JAREN_DOSSIER} jaar)",
        f"- audit-log: vastgelegd voor {plan.grens_audit:%d-%m-%Y} ({audit_jaren()} jaar)",
        "",
    ]
    if not r["regels"]:
        regels.append("Er is niets dat zijn bewaartermijn heeft bereikt.")
    per_categorie: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for regel in r["regels"]:
        per_categorie[regel["categorie"]].append(regel)
    for categorie in CATEGORIEEN:
        if not per_categorie[categorie]:
            continue
        regels.append(f"{categorie} ({r['totalen'][categorie]} rijen):")
        for regel in per_categorie[categorie]:
            eigenaar = f" [{regel['eigenaar']}]" if regel["eigenaar"] != "-" else ""
            regels.append(f"  {regel['model']}: {regel['aantal']} {regel['actie']}{eigenaar}")
    regels.append("")
    regels.append(f"Totaal: {r['totaal']} rijen, {r['bestanden']} bestanden.")
    return "\n".join(regels)
