"""The bridge from the database to the Django-free core: build domain objects and evaluate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

from leerrecht.core.absence import Kind, Reason, Registration
from leerrecht.core.calendar import SchoolCalendar, build_calendar
from leerrecht.core.evaluate import Evaluation, evaluate
from leerrecht.core.model import ExitReason, Pupil, School, Sector
from leerrecht.core.protocols.loader import load_protocol
from leerrecht.core.protocols.schema import Protocol
from leerrecht.core.vacations import Region, shipped_vacations
from leerrecht.web.registratie.models import Registratie
from leerrecht.web.scholen import models as m


@lru_cache(maxsize=64)
def _calendar(regio: str, hours: tuple[tuple[int, float], ...]) -> SchoolCalendar:
    vacations, years = shipped_vacations(Region(regio))
    return build_calendar(dict(hours), vacations, [], years)


def calendar_for(school: m.School) -> SchoolCalendar:
    return _calendar(school.regio, tuple(sorted(school.lesuren().items())))


def core_school(school: m.School) -> School:
    return School(
        name=school.naam,
        sector=Sector(school.sector),
        calendar=calendar_for(school),
        brin=school.brin,
        region=school.regio,
    )


def core_pupil(leerling: m.Leerling) -> Pupil:
    return Pupil(
        pupil_id=str(leerling.pk),
        birth_date=leerling.geboortedatum,
        enrolled_from=leerling.ingeschreven_vanaf,
        enrolled_until=leerling.ingeschreven_tot,
        municipality=leerling.woongemeente,
        group=leerling.groep.naam if leerling.groep else "",
        startkwalificatie=leerling.startkwalificatie,
        exit_reason=ExitReason(leerling.uitschrijfreden) if leerling.uitschrijfreden else None,
        next_enrolment_from=leerling.nieuwe_inschrijving_vanaf,
    )


def core_registration(reg: Registratie) -> Registration:
    return Registration(
        pupil_id=str(reg.leerling_id),
        date=reg.datum,
        kind=Kind(reg.soort),
        reason=Reason(reg.reden),
        hours=float(reg.uren) if reg.uren is not None else None,
        note="",
        line=reg.pk or 0,
    )


def protocol_for(school: m.School) -> Protocol | None:
    return load_protocol(school.protocol) if school.protocol else None


def evaluate_pupils(
    school: m.School, leerlingen: Iterable[m.Leerling], as_of: dt.date
) -> Evaluation:
    """Evaluate the statutory rules and the school's protocol for these pupils."""
    pupils = list(leerlingen)
    registraties = Registratie.objects.filter(leerling__in=pupils, datum__lte=as_of)
    return evaluate(
        core_school(school),
        [core_pupil(p) for p in pupils],
        [core_registration(r) for r in registraties],
        [],
        as_of,
        protocol_for(school),
    )
