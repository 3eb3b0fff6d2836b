"""Incremental evaluation: evaluate only the pupils whose stored result is no longer current.

:func:`evalueer` is a drop-in for :func:`leerrecht.web.evaluatie.evaluate_pupils` and returns
an equal :class:`~leerrecht.core.evaluate.Evaluation` (the tests compare both after random
changes). Per pupil it reads the stored result for the peildatum (:class:`PupilEvaluatie`) and
uses it when

- the stored ``versie`` equals the pupil's registration version (:class:`LeerlingInvoer`,
  raised by :func:`maak_ongeldig` from the signals in :mod:`.signalen` on every change of a
  registration), and
- the stored ``vingerafdruk`` equals the fingerprint of what else the result depends on: the
  pupil's own data (as the rules see it, :func:`leerrecht.web.evaluatie.core_pupil`), the
  school (sector, region, lesson hours, own closed days and vacations, protocol), the rules
  (:data:`REGELS_VERSIE`, a hash of the source of :mod:`leerrecht.core` and the bridge) and the
  storage schema.

The other pupils are evaluated with the reference engine in one go and their results stored.

Order matters for correctness under concurrent writes: the versions are read *before* the
registrations. A registration written after that read raises the version in the same
transaction, so the result stored now carries an older version and is evaluated again at the
next request. A stored result is therefore never newer-labelled than its data.

Writing the cache is best effort: a failed write (say SQLite is busy with an import) is logged
and the request still gets its (fresh) result.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db import DatabaseError, transaction
from django.db.models import F

import leerrecht.core
from leerrecht.core.evaluate import Evaluation, PupilResult, evaluate
from leerrecht.core.model import Pupil
from leerrecht.web import evaluatie
from leerrecht.web.evaluaties import opslag
from leerrecht.web.evaluaties.models import LeerlingInvoer, PupilEvaluatie
from leerrecht.web.registratie.models import Registratie
from leerrecht.web.scholen.models import Leerling, School

log = logging.getLogger(__name__)

_BESTANDEN = ("*.py", "*.yaml", "*.yml", "*.toml")


@cache
def regels_versie() -> str:
    """A hash of the rules: every source and data file of :mod:`leerrecht.core` (rules,
    protocols, vacations) and the database bridge. A new release invalidates every result."""
    digest = hashlib.blake2b(digest_size=16)
    core = Path(leerrecht.core.__file__).parent
    files = sorted({f for pattern in _BESTANDEN for f in core.rglob(pattern)})
    files.append(Path(evaluatie.__file__))
    files.append(Path(opslag.__file__))
    for path in files:
        digest.update(str(path.relative_to(core.parent)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def school_vingerafdruk(school: School, sleutel: evaluatie.KalenderSleutel) -> str:
    """Everything about the school that a pupil's result depends on."""
    parts = (
        opslag.SCHEMA,
        regels_versie(),
        school.naam,
        school.brin,
        school.sector,
        school.regio,
        evaluatie.protocol_sleutel(school.protocol) if school.protocol else "",
        sleutel,
    )
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def vingerafdruk(school_fp: str, pupil: Pupil) -> str:
    return hashlib.blake2b(f"{school_fp}|{pupil!r}".encode(), digest_size=16).hexdigest()


@dataclass
class Telling:
    """What one call did: results taken from the store, evaluated, and stored."""

    uit_opslag: int = 0
    geevalueerd: int = 0
    opgeslagen: int = 0


def evalueer(school: School, leerlingen: Iterable[Leerling], as_of: dt.date) -> Evaluation:
    """Evaluate the statutory rules and the school's protocol for these pupils at ``as_of``,
    reusing stored results that are still current. Equal to
    :func:`leerrecht.web.evaluatie.evaluate_pupils` (same order of results).

    Raises :class:`leerrecht.core.calendar.CalendarError` as the full evaluation does.
    """
    return evalueer_met_telling(school, leerlingen, as_of)[0]


def evalueer_met_telling(
    school: School, leerlingen: Iterable[Leerling], as_of: dt.date
) -> tuple[Evaluation, Telling]:
    """:func:`evalueer`, with what it took from the store and what it evaluated."""
    telling = Telling()
    pupils = list(leerlingen)
    sleutel = evaluatie.kalender_sleutel(school)
    calendar = evaluatie.calendar_for(school, sleutel)
    core_school = evaluatie.core_school(school, calendar)
    protocol = evaluatie.protocol_for(school)
    school_fp = school_vingerafdruk(school, sleutel)
    ids = [p.pk for p in pupils]
    core_pupils = [evaluatie.core_pupil(p) for p in pupils]
    # versions first, then the stored results, then (for the stale ones) the registrations
    versies = dict(LeerlingInvoer.objects.filter(leerling_id__in=ids).values_list("pk", "versie"))
    opgeslagen: dict[int, tuple[int, str, Any]] = {
        lid: (versie, fp, data)
        for lid, versie, fp, data in PupilEvaluatie.objects.filter(
            leerling_id__in=ids, peildatum=as_of
        ).values_list("leerling_id", "versie", "vingerafdruk", "resultaat")
    }
    results: list[PupilResult | None] = []
    stale: list[int] = []  # indexes into pupils
    fps: list[str] = []
    for i, (lid, pupil) in enumerate(zip(ids, core_pupils, strict=True)):
        fp = vingerafdruk(school_fp, pupil)
        fps.append(fp)
        stored = opgeslagen.get(lid)
        result: PupilResult | None = None
        if stored is not None and stored[0] == versies.get(lid, 0) and stored[1] == fp:
            try:
                result = opslag.uit_json(stored[2], pupil, as_of)
            except (ValueError, KeyError, TypeError, IndexError):
                result = None
        if result is None:
            stale.append(i)
        results.append(result)
    telling.uit_opslag = len(pupils) - len(stale)
    if stale:
        stale_ids = [ids[i] for i in stale]
        registraties = Registratie.objects.filter(leerling_id__in=stale_ids, datum__lte=as_of)
        fresh = evaluate(
            core_school,
            [core_pupils[i] for i in stale],
            [evaluatie.core_registration(r) for r in registraties],
            [],
            as_of,
            protocol,
        )
        for i, result in zip(stale, fresh.results, strict=True):
            results[i] = result
        telling.geevalueerd = len(stale)
        telling.opgeslagen = _bewaar(
            [
                (ids[i], versies.get(ids[i], 0), fps[i], r)
                for i, r in zip(stale, fresh.results, strict=True)
            ],
            as_of,
        )
    evaluation = Evaluation(
        school=core_school,
        as_of=as_of,
        results=tuple(r for r in results if r is not None),
        protocol=protocol,
    )
    return evaluation, telling


def _bewaar(rows: list[tuple[int, int, str, PupilResult]], as_of: dt.date) -> int:
    objs: list[PupilEvaluatie] = []
    for lid, versie, fp, result in rows:
        try:
            data = opslag.naar_json(result)
        except opslag.AndereLeerling:
            continue  # never happens with the current rules; such a result is not stored
        objs.append(
            PupilEvaluatie(
                leerling_id=lid, peildatum=as_of, versie=versie, vingerafdruk=fp, resultaat=data
            )
        )
    if not objs:
        return 0
    try:
        with transaction.atomic():
            PupilEvaluatie.objects.bulk_create(
                objs,
                batch_size=500,
                update_conflicts=True,
                unique_fields=["leerling", "peildatum"],
                update_fields=["versie", "vingerafdruk", "resultaat", "berekend_op"],
            )
    except DatabaseError:
        log.warning("evaluaties niet bewaard (%d leerlingen)", len(objs), exc_info=True)
        return 0
    return len(objs)


def maak_ongeldig(leerling_ids: Iterable[int]) -> None:
    """Raise the registration version of these pupils: their stored results are no longer used.

    Call it inside the transaction that changes their registrations (the signals in
    :mod:`.signalen` do for single saves and deletes; bulk writes call it themselves). Pupils
    are handled in id order, so two transactions never wait for each other crosswise.
    """
    ids = sorted(set(leerling_ids))
    if not ids:
        return
    rows = LeerlingInvoer.objects.filter(leerling_id__in=ids)
    if rows.update(versie=F("versie") + 1) == len(ids):
        return  # the usual case: one statement
    with transaction.atomic():
        # A pupil without a row yet: create it (waits for a concurrent insert of the same row)
        # and raise again. Raising a row twice is harmless: only a change of version counts.
        LeerlingInvoer.objects.bulk_create(
            [LeerlingInvoer(leerling_id=i, versie=0) for i in ids], ignore_conflicts=True
        )
        rows.update(versie=F("versie") + 1)


def vernieuw(school: School, as_of: dt.date) -> Telling:
    """Bring the stored results of every pupil of ``school`` at ``as_of`` up to date (the
    nightly task; afterwards the worklist of that day reads everything from the store)."""
    return evalueer_met_telling(school, school.leerlingen.select_related("groep"), as_of)[1]


def ruim_op(ouder_dan: dt.timedelta = dt.timedelta(days=7)) -> int:
    """Remove results not computed for a while (old peildatums); returns how many."""
    from django.utils import timezone

    grens = timezone.now() - ouder_dan
    return PupilEvaluatie.objects.filter(berekend_op__lt=grens).delete()[0]
