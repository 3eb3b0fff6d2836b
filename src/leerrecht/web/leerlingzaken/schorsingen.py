"""The work behind the schorsing pages: the legal checks, the registrations, the copies of the
decision, and withdrawing a schorsing.

The rule itself is in the Django-free core (:mod:`leerrecht.core.rules.schorsing`): at most one
week (5 school days); more than 1 day goes to the inspectie and the leerplichtambtenaar, in PO
and SO also to the samenwerkingsverband (seed 002 §2a Schorsing; seed 000 §1.1.3). Here the
directeur is stopped *before* registering what the core would report as a fault.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from leerrecht.core.absence import Reason
from leerrecht.core.calendar import CalendarError, SchoolCalendar, school_year_label
from leerrecht.core.rules.schorsing import MAX_SCHOOL_DAYS
from leerrecht.core.sources import HR_2A_SCHORSING, PARKSTAD_113_SCHORSING
from leerrecht.core.timeline import group_consecutive
from leerrecht.web import evaluatie
from leerrecht.web.leerlingzaken import tijd
from leerrecht.web.leerlingzaken.models import (
    Kennisgeving,
    Ontvanger,
    Schorsing,
    SchorsingDag,
)
from leerrecht.web.registratie.models import Moment, Registratie
from leerrecht.web.registratie.views import beschrijf, leg_wijziging_vast
from leerrecht.web.scholen.models import Leerling, Sector

BRONNEN = f"{PARKSTAD_113_SCHORSING}; {HR_2A_SCHORSING}"


class SchorsingFout(Exception):
    """A schorsing that may not be registered or changed; the message is for the user (Dutch).

    ``veld`` names the form field the message belongs to (None: the form as a whole).
    """

    def __init__(self, bericht: str, veld: str | None = None) -> None:
        super().__init__(bericht)
        self.bericht = bericht
        self.veld = veld


def datum_tekst(dag: dt.date) -> str:
    """A date as the pages show it: 'dinsdag 3 maart 2026'."""
    return str(formats.date_format(dag, "l j F Y"))


def ontvangers(sector: str, schooldagen: int) -> list[Ontvanger]:
    """Who must receive a copy of the decision (seed 002 §2a Schorsing).

    1 school day: nobody. More: inspectie and leerplichtambtenaar; in PO (and SO, which the
    core treats as PO) also the samenwerkingsverband.
    """
    if schooldagen <= 1:
        return []
    wie = [Ontvanger.INSPECTIE, Ontvanger.LEERPLICHT]
    if sector in (Sector.PO, Sector.SO):
        wie.append(Ontvanger.SWV)
    return wie


def _schooldag(calendar: SchoolCalendar, dag: dt.date, veld: str) -> None:
    try:
        waarom = calendar.why_not_school_day(dag)
    except CalendarError:
        bekend = ", ".join(f"{y}-{y + 1}" for y in sorted(calendar.covered_years))
        raise SchorsingFout(
            _(
                "Van schooljaar %(jaar)s zijn de schoolvakanties niet bekend, dus leerrecht kan "
                "niet nagaan of %(dag)s een schooldag is. Kies een datum in een schooljaar "
                "waarvan de vakanties bekend zijn (%(bekend)s)."
            )
            % {"jaar": school_year_label(dag), "dag": datum_tekst(dag), "bekend": bekend},
            veld,
        ) from None
    if waarom:
        raise SchorsingFout(
            _(
                "%(dag)s is geen schooldag (%(waarom)s). Een schorsing begint en eindigt op een "
                "schooldag."
            )
            % {"dag": datum_tekst(dag).capitalize(), "waarom": waarom},
            veld,
        )


def controleer(
    leerling: Leerling,
    eerste: dt.date,
    laatste: dt.date,
    besluit_op: dt.date,
    ouders_op: dt.date,
) -> list[dt.date]:
    """The school days of a new schorsing of ``leerling``; raises :class:`SchorsingFout`."""
    if laatste < eerste:
        raise SchorsingFout(_("De laatste dag ligt voor de eerste dag."), "laatste_dag")
    calendar = evaluatie.calendar_for(leerling.school)
    _schooldag(calendar, eerste, "eerste_dag")
    _schooldag(calendar, laatste, "laatste_dag")
    dagen = calendar.school_days_between(eerste, laatste)
    if len(dagen) > MAX_SCHOOL_DAYS:
        raise SchorsingFout(
            _(
                "Een leerling mag ten hoogste één week (%(max)d schooldagen) geschorst worden; "
                "van %(van)s tot en met %(tot)s zijn %(n)d schooldagen. Ook een leerling met "
                "gedragsproblematiek heeft recht op onderwijs: zoek in een knooppunt met ouders, "
                "samenwerkingsverband en leerplicht naar een oplossing. (Bron: %(bron)s)"
            )
            % {
                "max": MAX_SCHOOL_DAYS,
                "van": datum_tekst(eerste),
                "tot": datum_tekst(laatste),
                "n": len(dagen),
                "bron": BRONNEN,
            },
            "laatste_dag",
        )
    niet_ingeschreven = [d for d in dagen if not leerling.ingeschreven_op(d)]
    if niet_ingeschreven:
        raise SchorsingFout(
            _("%(naam)s staat op %(dag)s niet op deze school ingeschreven.")
            % {"naam": leerling, "dag": datum_tekst(niet_ingeschreven[0])}
        )
    overlap = (
        Schorsing.objects.filter(
            leerling=leerling,
            ingetrokken_op__isnull=True,
            eerste_dag__lte=laatste,
            laatste_dag__gte=eerste,
        )
        .order_by("eerste_dag")
        .first()
    )
    if overlap is not None:
        raise SchorsingFout(
            _(
                "Deze periode overlapt met de schorsing van %(van)s tot en met %(tot)s. Trek die "
                "eerst in als de periode anders moet."
            )
            % {"van": datum_tekst(overlap.eerste_dag), "tot": datum_tekst(overlap.laatste_dag)}
        )
    _aansluitend(leerling, calendar, dagen)
    vandaag = tijd.vandaag()
    if besluit_op > vandaag:
        raise SchorsingFout(_("De datum van het besluit ligt in de toekomst."), "besluit_op")
    if besluit_op > eerste:
        raise SchorsingFout(
            _(
                "Het besluit gaat aan de schorsing vooraf: de datum van het besluit ligt na de "
                "eerste dag van de schorsing."
            ),
            "besluit_op",
        )
    if ouders_op < besluit_op:
        raise SchorsingFout(
            _("De ouders kunnen niet over het besluit geïnformeerd zijn voordat het genomen is."),
            "ouders_geinformeerd_op",
        )
    if ouders_op > vandaag:
        raise SchorsingFout(
            _(
                "Deze datum ligt in de toekomst. Registreer de schorsing als de ouders "
                "schriftelijk zijn geïnformeerd (met de redenen en de bezwaarprocedure)."
            ),
            "ouders_geinformeerd_op",
        )
    return dagen


def _aansluitend(leerling: Leerling, calendar: SchoolCalendar, dagen: list[dt.date]) -> None:
    """Refuse a schorsing that, with registered schorsing days right before or after it,
    makes one schorsing of more than 5 school days (as the rules would count it)."""
    if not dagen:
        return
    voor = calendar.previous_school_day(dagen[0]) or dagen[0]
    na = calendar.next_school_day(dagen[-1]) or dagen[-1]
    # a window wide enough to see a whole adjacent schorsing
    van = voor - dt.timedelta(days=31)
    tot = na + dt.timedelta(days=31)
    eerder = set(
        Registratie.objects.filter(
            leerling=leerling, reden=Reason.SCHORSING.value, datum__gte=van, datum__lte=tot
        ).values_list("datum", flat=True)
    )
    for blok in group_consecutive(calendar, eerder | set(dagen)):
        if dagen[0] in blok and len(blok) > MAX_SCHOOL_DAYS:
            raise SchorsingFout(
                _(
                    "Deze schorsing sluit aan op een eerdere schorsing: samen %(n)d schooldagen "
                    "(%(van)s tot en met %(tot)s). Een leerling mag ten hoogste één week "
                    "(%(max)d schooldagen) geschorst worden. (Bron: %(bron)s)"
                )
                % {
                    "n": len(blok),
                    "van": datum_tekst(blok[0]),
                    "tot": datum_tekst(blok[-1]),
                    "max": MAX_SCHOOL_DAYS,
                    "bron": BRONNEN,
                }
            )


def _als_waarde(reg: Registratie) -> dict[str, Any]:
    return {
        "moment": reg.moment,
        "soort": reg.soort,
        "reden": reg.reden,
        "uren": str(reg.uren) if reg.uren is not None else None,
        "notitie": reg.notitie,
        "door": reg.geregistreerd_door_id,
    }


def registreer(
    leerling: Leerling,
    *,
    eerste_dag: dt.date,
    laatste_dag: dt.date,
    reden: str,
    besluit_op: dt.date,
    ouders_geinformeerd_op: dt.date,
    door: User,
) -> Schorsing:
    """Register a schorsing: the record, a copy per required recipient, and a registration
    'schorsing' on every school day; registrations it replaces stay in the correction history.

    All or nothing; the checks run again inside the transaction (with the pupil locked, so two
    schorsingen cannot be registered at once). Raises :class:`SchorsingFout`.
    """
    with transaction.atomic():
        leerling = Leerling.objects.select_for_update().select_related("school").get(pk=leerling.pk)
        dagen = controleer(leerling, eerste_dag, laatste_dag, besluit_op, ouders_geinformeerd_op)
        schorsing = Schorsing.objects.create(
            leerling=leerling,
            eerste_dag=eerste_dag,
            laatste_dag=laatste_dag,
            reden=reden.strip(),
            besluit_op=besluit_op,
            ouders_geinformeerd_op=ouders_geinformeerd_op,
            geregistreerd_door=door,
        )
        Kennisgeving.objects.bulk_create(
            Kennisgeving(schorsing=schorsing, ontvanger=o)
            for o in ontvangers(leerling.school.sector, len(dagen))
        )
        bestaand: dict[dt.date, list[Registratie]] = defaultdict(list)
        for reg in Registratie.objects.filter(leerling=leerling, datum__in=dagen).order_by(
            "moment"
        ):
            bestaand[reg.datum].append(reg)
        notitie = _("schorsing %(nr)d") % {"nr": schorsing.pk}
        for dag in dagen:
            oud = bestaand.get(dag, [])
            if oud:
                Registratie.objects.filter(pk__in=[r.pk for r in oud]).delete()
            nieuw = Registratie.objects.create(
                leerling=leerling,
                datum=dag,
                moment=Moment.DAG,
                soort="absent",
                reden=Reason.SCHORSING.value,
                uren=None,
                notitie=notitie,
                geregistreerd_door=door,
            )
            for reg in oud:
                leg_wijziging_vast(
                    leerling.pk, dag, reg.moment, beschrijf(reg), beschrijf(nieuw), door
                )
            SchorsingDag.objects.create(
                schorsing=schorsing, datum=dag, vervangen=[_als_waarde(r) for r in oud]
            )
    return schorsing


def controleer_verstuurd(kennisgeving: Kennisgeving, verstuurd_op: dt.date) -> None:
    schorsing = kennisgeving.schorsing
    if schorsing.ingetrokken:
        raise SchorsingFout(_("Deze schorsing is ingetrokken: er hoeft niets meer verstuurd."))
    if kennisgeving.verstuurd_op is not None:
        raise SchorsingFout(
            _("De kopie aan %(wie)s is al op %(dag)s verstuurd.")
            % {
                "wie": kennisgeving.aan,
                "dag": datum_tekst(kennisgeving.verstuurd_op),
            }
        )
    if verstuurd_op > tijd.vandaag():
        raise SchorsingFout(_("Deze datum ligt in de toekomst."), "verstuurd_op")
    if verstuurd_op < schorsing.besluit_op:
        raise SchorsingFout(
            _("Deze datum ligt voor het besluit (%(dag)s).")
            % {"dag": datum_tekst(schorsing.besluit_op)},
            "verstuurd_op",
        )


def markeer_verstuurd(kennisgeving_id: int, verstuurd_op: dt.date, door: User) -> Kennisgeving:
    """Record that the copy of the decision went to its recipient (on which day, by whom)."""
    with transaction.atomic():
        kennisgeving = (
            Kennisgeving.objects.select_for_update()
            .select_related("schorsing")
            .get(pk=kennisgeving_id)
        )
        controleer_verstuurd(kennisgeving, verstuurd_op)
        kennisgeving.verstuurd_op = verstuurd_op
        kennisgeving.verstuurd_door = door
        kennisgeving.vastgelegd_op = timezone.now()
        kennisgeving.save(update_fields=["verstuurd_op", "verstuurd_door", "vastgelegd_op"])
    return kennisgeving


@dataclass
class Intrekking:
    """What withdrawing a schorsing did, per school day."""

    schorsing: Schorsing
    hersteld: list[dt.date] = field(default_factory=list)
    aanwezig: list[dt.date] = field(default_factory=list)
    ongemoeid: list[dt.date] = field(default_factory=list)


def trek_in(schorsing_id: int, reden: str, door: User) -> Intrekking:
    """Withdraw a schorsing: remove its registrations and put back what they replaced.

    A day whose schorsing registration was changed since (on the register page) is left alone.
    Every change is kept in the correction history. Raises :class:`SchorsingFout`.
    """
    with transaction.atomic():
        schorsing = (
            Schorsing.objects.select_for_update().select_related("leerling").get(pk=schorsing_id)
        )
        if schorsing.ingetrokken:
            raise SchorsingFout(_("Deze schorsing is al ingetrokken."))
        uitkomst = Intrekking(schorsing)
        leerling = schorsing.leerling
        gebruikers = {
            u.pk: u
            for u in User.objects.filter(
                pk__in={
                    w["door"]
                    for d in schorsing.dagen.all()
                    for w in d.vervangen
                    if w.get("door") is not None
                }
            )
        }
        for dag in schorsing.dagen.all():
            reg = Registratie.objects.filter(
                leerling=leerling,
                datum=dag.datum,
                moment=Moment.DAG,
                reden=Reason.SCHORSING.value,
            ).first()
            if reg is None:
                uitkomst.ongemoeid.append(dag.datum)
                continue
            was = beschrijf(reg)
            reg.delete()
            bezet = set(
                Registratie.objects.filter(leerling=leerling, datum=dag.datum).values_list(
                    "moment", flat=True
                )
            )
            terug: list[Registratie] = []
            for waarde in dag.vervangen:
                if waarde["moment"] in bezet:
                    continue
                terug.append(
                    Registratie.objects.create(
                        leerling=leerling,
                        datum=dag.datum,
                        moment=waarde["moment"],
                        soort=waarde["soort"],
                        reden=waarde["reden"],
                        uren=Decimal(waarde["uren"]) if waarde.get("uren") is not None else None,
                        notitie=waarde.get("notitie", ""),
                        geregistreerd_door=gebruikers.get(waarde.get("door"), door),
                    )
                )
            if terug:
                uitkomst.hersteld.append(dag.datum)
                for nieuw in terug:
                    leg_wijziging_vast(
                        leerling.pk, dag.datum, nieuw.moment, was, beschrijf(nieuw), door
                    )
            else:
                uitkomst.aanwezig.append(dag.datum)
                leg_wijziging_vast(leerling.pk, dag.datum, Moment.DAG, was, beschrijf(None), door)
        schorsing.ingetrokken_op = timezone.now()
        schorsing.ingetrokken_door = door
        schorsing.intrekking_reden = reden.strip()
        schorsing.save(update_fields=["ingetrokken_op", "ingetrokken_door", "intrekking_reden"])
    return uitkomst
