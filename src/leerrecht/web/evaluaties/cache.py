"""Incremental evaluation: evaluate only the pupils whose stored result is no longer current.

:func:`evalueer` is a drop-in for :func:`leerrecht.web.evaluatie.evaluate_pupils` and returns
an equal :class:`~leerrecht.core.evaluate.Evaluation` (the tests compare both after random
changes). Per pupil it reads the stored result for the peildatum (:class:`PupilEvaluatie`) and
uses it when

- the stored ``versie`` equals the pupil's registration version (:class:`LeerlingInvoer`,
  renewed by :func:`maak_ongeldig` from the signals in :mod:`.signalen` on every change of a
  registration), and
- the stored ``vingerafdruk`` equals the fingerprint of what else the result depends on: the
  pupil's own data (as the rules see it, :func:`leerrecht.web.evaluatie.core_pupil`), the
  school (sector, region, lesson hours, own closed days and vacations, protocol), the rules
  (:func:`regels_versie`, a hash of the source of :mod:`leerrecht.core` and the bridge) and the
  storage schema.

The other pupils are evaluated with the reference engine in one go and their results stored.
Each process also keeps the results it read or computed last in memory (:data:`GEHEUGEN`),
checked in the same way, so a worklist asked again reads only the versions from the database.

Order matters for correctness under concurrent writes: the versions are read *before* the
registrations. A registration written after that read renews the version in the same
transaction, so the result stored now carries an older version and is evaluated again at the
next request. A stored result is therefore never labelled with a version newer than its data.

Writing the cache is best effort: a failed write (say SQLite is busy with an import) is logged
and the request still gets its (fresh) result.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db import DatabaseError, transaction
from django.db.models import QuerySet

import leerrecht.core
from leerrecht.core.evaluate import Evaluation, PupilResult, evaluate
from leerrecht.core.model import Pupil
from leerrecht.web import evaluatie
from leerrecht.web.evaluatie import LeerlingGegevens, LeerlingRij
from leerrecht.web.evaluaties import opslag
from leerrecht.web.evaluaties.models import LeerlingInvoer, PupilEvaluatie
from leerrecht.web.registratie.models import Registratie
from leerrecht.web.scholen.models import School

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

    uit_opslag: int = 0  # current results (from this process's memory or the database)
    uit_geheugen: int = 0  # of which from this process's memory
    geevalueerd: int = 0
    opgeslagen: int = 0


def evalueer(school: School, leerlingen: Iterable[LeerlingGegevens], as_of: dt.date) -> Evaluation:
    """Evaluate the statutory rules and the school's protocol for these pupils at ``as_of``,
    reusing stored results that are still current. Equal to
    :func:`leerrecht.web.evaluatie.evaluate_pupils` (same order of results).

    Raises :class:`leerrecht.core.calendar.CalendarError` as the full evaluation does.
    """
    return evalueer_met_telling(school, leerlingen, as_of)[0]


def evalueer_met_telling(
    school: School,
    leerlingen: Iterable[LeerlingGegevens],
    as_of: dt.date,
    *,
    geheugen: bool = True,
) -> tuple[Evaluation, Telling]:
    """:func:`evalueer`, with what it took from the store and what it evaluated.

    ``geheugen=False`` skips this process's memory, so every current result is in the database
    afterwards (the nightly run, for the other processes)."""
    telling = Telling()
    pupils = list(leerlingen)
    sleutel = evaluatie.kalender_sleutel(school)
    calendar = evaluatie.calendar_for(school, sleutel)
    core_school = evaluatie.core_school(school, calendar)
    protocol = evaluatie.protocol_for(school)
    school_fp = school_vingerafdruk(school, sleutel)
    ids = [p.pk for p in pupils]
    core_pupils, fps = LEERLINGEN.bouw(school_fp, pupils)
    # versions first, then the stored results, then (for the stale ones) the registrations
    versies = _per_leerling(
        LeerlingInvoer.objects.all(), school, pupils, "leerling_id", ("pk", "versie")
    )
    results: list[PupilResult | None] = [
        GEHEUGEN.geef(lid, as_of, versies.get(lid, 0), fp) if geheugen else None
        for lid, fp in zip(ids, fps, strict=True)
    ]
    telling.uit_geheugen = sum(r is not None for r in results)
    nodig = [lid for lid, r in zip(ids, results, strict=True) if r is None]
    opgeslagen: dict[int, tuple[int, str, Any]] = {}
    if nodig:
        nodig_set = set(nodig)
        opgeslagen = _per_leerling(
            PupilEvaluatie.objects.filter(peildatum=as_of),
            school,
            [p for p in pupils if p.pk in nodig_set],
            "leerling_id",
            ("leerling_id", "versie", "vingerafdruk", "resultaat"),
        )
    stale: list[int] = []  # indexes into pupils
    for i, (lid, pupil, fp) in enumerate(zip(ids, core_pupils, fps, strict=True)):
        if results[i] is not None:
            continue
        versie = versies.get(lid, 0)
        stored = opgeslagen.get(lid)
        if stored is not None and stored[0] == versie and stored[1] == fp:
            try:
                result = opslag.uit_json(stored[2], pupil, as_of)
            except (ValueError, KeyError, TypeError, IndexError):
                pass  # another schema: evaluate again
            else:
                results[i] = result
                GEHEUGEN.bewaar(lid, as_of, versie, fp, result)
                continue
        stale.append(i)
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
        rows = []
        for i, result in zip(stale, fresh.results, strict=True):
            results[i] = result
            lid, versie = ids[i], versies.get(ids[i], 0)
            GEHEUGEN.bewaar(lid, as_of, versie, fps[i], result)
            rows.append((lid, versie, fps[i], result))
        telling.geevalueerd = len(stale)
        telling.opgeslagen = _bewaar(rows, as_of)
    evaluation = Evaluation(
        school=core_school,
        as_of=as_of,
        results=tuple(r for r in results if r is not None),
        protocol=protocol,
    )
    return evaluation, telling


class Geheugen:
    """The last results this process read or computed, so a worklist that is asked again
    needs neither the JSON nor building the objects (``maximum`` pupils and peildatums, least
    recently used out). Each entry is checked against the version and fingerprint of the
    request, exactly like a stored row, so it is never used after a change elsewhere."""

    def __init__(self, maximum: int) -> None:
        self.maximum = maximum
        self._lock = threading.Lock()
        self._data: OrderedDict[tuple[int, dt.date], tuple[int, str, PupilResult]] = OrderedDict()

    def geef(self, lid: int, as_of: dt.date, versie: int, fp: str) -> PupilResult | None:
        with self._lock:
            entry = self._data.get((lid, as_of))
            if entry is None or entry[0] != versie or entry[1] != fp:
                return None
            self._data.move_to_end((lid, as_of))
            return entry[2]

    def bewaar(self, lid: int, as_of: dt.date, versie: int, fp: str, result: PupilResult) -> None:
        with self._lock:
            self._data[(lid, as_of)] = (versie, fp, result)
            self._data.move_to_end((lid, as_of))
            while len(self._data) > self.maximum:
                self._data.popitem(last=False)

    def leeg(self) -> None:
        with self._lock:
            self._data.clear()


#: per process; 20,000 results are ten schools of 2,000 pupils (some tens of MB)
GEHEUGEN = Geheugen(20_000)


class Leerlingen:
    """The core pupil and its fingerprint per pupil row, kept per process.

    A worklist of 2,000 pupils would otherwise build 2,000 core pupils and hash their ``repr``
    on every request, although the rows hardly ever change. The key is the school's
    fingerprint with the whole :class:`~leerrecht.web.evaluatie.LeerlingRij` (a frozen
    dataclass, equal only when every value is equal), so any change of the pupil or the school
    gives another key: nothing needs invalidating. Model instances are never kept (they are
    equal by primary key alone). Full at ``maximum`` entries: emptied and filled again.
    """

    def __init__(self, maximum: int) -> None:
        self.maximum = maximum
        self._data: dict[tuple[str, LeerlingRij], tuple[Pupil, str]] = {}

    def bouw(self, school_fp: str, pupils: list[LeerlingGegevens]) -> tuple[list[Pupil], list[str]]:
        """The core pupils and their fingerprints, in the order of ``pupils``."""
        data = self._data
        core_pupils: list[Pupil] = []
        fps: list[str] = []
        for p in pupils:
            sleutel = (school_fp, p) if type(p) is LeerlingRij else None
            entry = data.get(sleutel) if sleutel is not None else None
            if entry is None:
                pupil = evaluatie.core_pupil(p)
                entry = (pupil, vingerafdruk(school_fp, pupil))
                if sleutel is not None:
                    if len(data) >= self.maximum:
                        data.clear()
                    data[sleutel] = entry
            core_pupils.append(entry[0])
            fps.append(entry[1])
        return core_pupils, fps

    def leeg(self) -> None:
        self._data.clear()


#: per process, next to :data:`GEHEUGEN`
LEERLINGEN = Leerlingen(20_000)


#: above this many pupils a query selects by school instead of a list of ids (a list of 2,000
#: parameters costs more to build and send than the few rows of other pupils it saves)
LIJST_TOT = 100


def _per_leerling(
    qs: QuerySet[Any],
    school: School,
    pupils: list[LeerlingGegevens],
    veld: str,
    kolommen: tuple[str, ...],
) -> dict[int, Any]:
    """``{pupil id: value}`` from ``qs`` for these pupils: the first column is the pupil id,
    the value the second column, or a tuple of the rest when there are more."""
    school_id = school.pk  # (a model's pk is a property: once, not twice per pupil)
    eigen = [p.pk for p in pupils if p.school_id == school_id]
    anders = [p.pk for p in pupils if p.school_id != school_id]
    gevonden: dict[int, Any] = {}
    delen: list[QuerySet[Any]] = []
    if len(eigen) > LIJST_TOT:
        delen.append(qs.filter(**{f"{veld.removesuffix('_id')}__school_id": school.pk}))
    elif eigen:
        anders += eigen
    if anders:
        delen.append(qs.filter(**{f"{veld}__in": anders}))
    for deel in delen:
        for row in deel.values_list(*kolommen):
            gevonden[row[0]] = row[1] if len(row) == 2 else tuple(row[1:])
    return gevonden


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
    """Give these pupils a new registration version: their stored results are no longer used.

    Call it inside the transaction that changes their registrations (the signals in
    :mod:`.signalen` do, for single writes and bulk writes alike). The new version is a random
    62-bit number, not a counter: a counter would return to an old value when a transaction is
    rolled back, and a result computed inside that transaction (kept in a process's memory)
    would then look current. Pupils are handled in id order, so two transactions never wait for
    each other crosswise.
    """
    ids = sorted(set(leerling_ids))
    if not ids:
        return
    rows = LeerlingInvoer.objects.filter(leerling_id__in=ids)
    if rows.update(versie=_nieuwe_versie()) == len(ids):
        return  # the usual case: one statement
    with transaction.atomic():
        # A pupil without a row yet: create it (waits for a concurrent insert of the same row),
        # then set a new version on all of them.
        LeerlingInvoer.objects.bulk_create(
            [LeerlingInvoer(leerling_id=i, versie=0) for i in ids], ignore_conflicts=True
        )
        rows.update(versie=_nieuwe_versie())


def _nieuwe_versie() -> int:
    return secrets.randbits(62) + 1  # never 0, the version of a pupil without a row


def vernieuw(school: School, as_of: dt.date) -> Telling:
    """Bring the stored results of every pupil of ``school`` at ``as_of`` up to date (the
    nightly task; afterwards the worklist of that day reads everything from the store)."""
    pupils = school.leerlingen.select_related("groep")
    return evalueer_met_telling(school, pupils, as_of, geheugen=False)[1]


def ruim_op(ouder_dan: dt.timedelta = dt.timedelta(days=7)) -> int:
    """Remove results not computed for a while (old peildatums); returns how many."""
    from django.utils import timezone

    grens = timezone.now() - ouder_dan
    return PupilEvaluatie.objects.filter(berekend_op__lt=grens).delete()[0]
