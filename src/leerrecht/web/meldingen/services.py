"""Concept DUO-meldingen from the rules.

:func:`sync_concepten` evaluates every pupil of a school with the Django-free rule engine
(:func:`leerrecht.web.evaluatie.evaluate_pupils`, through the store of current results in
:func:`leerrecht.web.evaluaties.cache.evalueer`) and makes sure that each melding the rules
require by the peildatum exists as a :class:`DuoMelding`, prefilled with what DUO asks.

- A new melding (no row yet for leerling + soort + begin) becomes a *concept*.
- A concept follows the rules: its computed fields (uren, einddatum, verzuimdagen, uitleg, ...)
  are refreshed; what the school typed (reden, toelichting, acties, contactpersoon) stays.
- A melding that is no longer a concept is never changed, with one exception: langdurig relatief
  verzuim reported while open (no einddatum) gets its einddatum once the rules see it closed.
- Nothing is ever deleted. A concept the rules no longer require (for example after a
  correction of the register) is listed in :attr:`SyncResultaat.vervallen`, so the school can
  withdraw it.

Run it for a peildatum no later than today: the rules treat a day without a registration as
present, so a later peildatum would close open LRV on days whose register has not been taken.
For the same reason an einddatum is only filled in when the pupil was present on a school day
*before* the peildatum (today's register may not have been taken yet).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from leerrecht.core.absence import Kind, Registration
from leerrecht.core.calendar import SchoolCalendar
from leerrecht.core.model import Melding
from leerrecht.web import evaluatie
from leerrecht.web.evaluaties import cache as evaluaties
from leerrecht.web.meldingen.models import DuoMelding, Status, StatusWijziging, Verzuimsoort
from leerrecht.web.scholen.models import Leerling, School

#: fields of a concept computed from the rules (refreshed while it is a concept)
BEREKENDE_VELDEN = (
    "einde",
    "uren",
    "uiterlijk",
    "volgnummer",
    "bereikt",
    "woongemeente",
    "locatie_id",
    "verzuimdagen",
    "uitleg",
)

Sleutel = tuple[int, str, dt.date]


@dataclass
class SyncResultaat:
    aangemaakt: int = 0
    bijgewerkt: int = 0
    einde_ingevuld: int = 0
    vervallen: list[DuoMelding] = field(default_factory=list)


def sync_concepten(school: School, as_of: dt.date) -> int:
    """Create the missing concept meldingen of ``school`` at ``as_of``; returns how many."""
    return synchroniseer(school, as_of).aangemaakt


def synchroniseer(school: School, as_of: dt.date) -> SyncResultaat:
    """Bring the DUO-meldingen of ``school`` in line with the rules at ``as_of``.

    Raises :class:`leerrecht.core.calendar.CalendarError` when the school calendar does not
    cover ``as_of``.
    """
    leerlingen = {
        str(p.pk): p for p in school.leerlingen.all().select_related("groep", "groep__locatie")
    }
    # the stored results where current (equal to a full evaluation; leerrecht.web.evaluaties)
    evaluation = evaluaties.evalueer(school, leerlingen.values(), as_of)
    calendar = evaluatie.calendar_for(school)
    nodig: dict[Sleutel, tuple[Melding, Leerling]] = {}
    for m in evaluation.meldingen:
        if m.reached > as_of or m.pupil_id not in leerlingen:
            continue
        leerling = leerlingen[m.pupil_id]
        nodig[(leerling.pk, m.soort.value, m.begin)] = (m, leerling)

    result = SyncResultaat()
    with transaction.atomic():
        bestaand: dict[Sleutel, DuoMelding] = {
            (d.leerling_id, d.soort, d.begin): d
            for d in DuoMelding.objects.select_for_update().filter(school=school)
        }
        for sleutel, (m, leerling) in nodig.items():
            waarden = _waarden(m, leerling, calendar, as_of)
            melding = bestaand.get(sleutel)
            if melding is None:
                if _maak_concept(school, leerling, m, waarden, as_of):
                    result.aangemaakt += 1
            elif melding.status == Status.CONCEPT:
                if _werk_concept_bij(melding, waarden):
                    result.bijgewerkt += 1
            elif _vul_einde_in(melding, waarden["einde"]):
                result.einde_ingevuld += 1
        result.vervallen = [
            d
            for sleutel, d in sorted(bestaand.items(), key=lambda item: item[1].pk)
            if d.status == Status.CONCEPT
            and d.bereikt <= as_of
            and sleutel not in nodig
            # overig verzuim is always the school's own decision (e.g. after missed consults at
            # the jeugdarts), never a rule's: the rules cannot say it is no longer needed
            and d.soort != Verzuimsoort.OVERIG
        ]
    return result


def _waarden(
    m: Melding, leerling: Leerling, calendar: SchoolCalendar, as_of: dt.date
) -> dict[str, Any]:
    groep = leerling.groep
    return {
        "einde": zeker_einde(m, calendar, as_of),
        "uren": uren(m.hours),
        "uiterlijk": m.due,
        "volgnummer": m.sequence,
        "bereikt": m.reached,
        "woongemeente": leerling.woongemeente,
        "locatie_id": groep.locatie_id if groep is not None else None,
        "verzuimdagen": verzuimdagen(m.explanation.absences, calendar),
        "uitleg": m.explanation.text,
    }


def _maak_concept(
    school: School, leerling: Leerling, m: Melding, waarden: dict[str, Any], as_of: dt.date
) -> bool:
    try:
        with transaction.atomic():  # a savepoint: another sync may have created it just now
            melding = DuoMelding.objects.create(
                school=school,
                leerling=leerling,
                soort=m.soort.value,
                begin=m.begin,
                status=Status.CONCEPT,
                **waarden,
            )
    except IntegrityError:
        if DuoMelding.objects.filter(
            leerling=leerling, soort=m.soort.value, begin=m.begin
        ).exists():
            return False
        raise
    StatusWijziging.objects.create(
        melding=melding,
        van="",
        naar=Status.CONCEPT,
        door=None,
        notitie=f"Concept aangemaakt door leerrecht (stand per {as_of.isoformat()}).",  # Dutch
    )
    return True


def _werk_concept_bij(melding: DuoMelding, waarden: dict[str, Any]) -> bool:
    gewijzigd = [naam for naam in BEREKENDE_VELDEN if getattr(melding, naam) != waarden[naam]]
    if not gewijzigd:
        return False
    for naam in gewijzigd:
        setattr(melding, naam, waarden[naam])
    melding.save(update_fields=[*gewijzigd, "gewijzigd_op"])
    return True


def _vul_einde_in(melding: DuoMelding, einde: dt.date | None) -> bool:
    """The one change to a melding that is no longer a concept: an open LRV has ended."""
    if melding.einde is not None or einde is None or melding.status == Status.INGETROKKEN:
        return False
    melding.einde = einde
    melding.save(update_fields=["einde", "gewijzigd_op"])
    StatusWijziging.objects.create(
        melding=melding,
        van=melding.status,
        naar=melding.status,
        door=None,
        notitie=_(
            "Einddatum %(einde)s ingevuld door leerrecht: de leerling is weer op school. "
            "Geef de einddatum door aan DUO."
        )
        % {"einde": einde.isoformat()},
    )
    return True


def zeker_einde(m: Melding, calendar: SchoolCalendar, as_of: dt.date) -> dt.date | None:
    """The einddatum of ``m``, but only once it is certain.

    The rules close langdurig relatief verzuim as soon as a school day has no registration. On
    the peildatum itself the register may not have been taken yet, so an LRV counts as ended
    only when the pupil was present on a school day before the peildatum.
    """
    if m.end is None:
        return None
    if m.explanation.rule != "langdurig_relatief_verzuim":
        return m.end
    volgende = calendar.next_school_day(m.end)
    if volgende is None or volgende >= as_of:
        return None
    return m.end


def uren(hours: float) -> Decimal:
    return Decimal(str(round(hours, 2))).quantize(Decimal("0.01"))


def verzuimdagen(absences: Iterable[Registration], calendar: SchoolCalendar) -> str:
    """The days and hours behind a melding, e.g. '2026-03-02 hele dag; 2026-03-04 0.5 uur'."""
    per_dag: dict[dt.date, list[Registration]] = defaultdict(list)
    for reg in absences:
        per_dag[reg.date].append(reg)
    delen: list[str] = []
    for dag in sorted(per_dag):
        gepland = calendar.scheduled_hours(dag)
        afwezig = 0.0
        totaal = 0.0
        te_laat = False
        for reg in per_dag[dag]:
            if reg.kind is Kind.LATE:
                te_laat = True
                totaal += reg.hours or 0.0
                continue
            uur = gepland if reg.hours is None else reg.hours
            afwezig += uur
            totaal += uur
        totaal = min(totaal, gepland) if gepland > 0 else totaal
        if gepland > 0 and afwezig >= gepland - 1e-9:
            delen.append(f"{dag.isoformat()} hele dag")
        else:
            tekst = f"{dag.isoformat()} {round(totaal, 2):g} uur"
            delen.append(f"{tekst} (te laat)" if te_laat and afwezig == 0 else tekst)
    return "; ".join(delen)
