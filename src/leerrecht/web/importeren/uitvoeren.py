"""Applying an import: all or nothing, with progress for long imports.

:func:`voer_uit` reads the stored file again, inside one ``transaction.atomic()`` block. If the
plan differs from the preview the user confirmed (someone changed the data meanwhile), it stops
and nothing is written. Otherwise it writes the plan and marks the import *klaar* in the same
transaction. So "klaar" is committed exactly when the data is, and any error (a bad row, a
database constraint, a crash halfway) rolls back everything.

Progress
--------
The writes inside the transaction are invisible to other connections until the commit. So the
progress counter (``verwerkt``/``totaal``) is not written through the import's own connection:

- On PostgreSQL a *second* database connection in autocommit mode updates only the
  ``ImportOpdracht`` row, after every :data:`BATCH` rows. The import's transaction does not
  touch that row until its final update, so the two never wait for each other. The status
  page, which refreshes itself every 2 seconds, reads the counter from any web process.
- SQLite allows one writer at a time, so there the counter is kept in the memory of the web
  process that runs the import. The status page shows it when the same process serves it;
  otherwise it shows the phase (*bezig*) without a count.

Small imports (fewer than :data:`ACHTERGROND_VANAF` rows to write) run inside the confirming
request. Larger ones run in a background thread of the web process with its own connection and
the same transaction. If that process dies, the database rolls the transaction back, so nothing
is half-imported. The import then stays *bezig* until someone marks it as failed on the status
page (:func:`breek_af`). If it was still running after all, it is rolled back at its end.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    IntegrityError,
    connection,
    connections,
    transaction,
)
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from leerrecht.web.audit import log as audit_log
from leerrecht.web.importeren.models import ImportOpdracht, Status
from leerrecht.web.importeren.parsers import formaat
from leerrecht.web.importeren.plan import ImportFout, ImportPlan
from leerrecht.web.registratie.models import Registratie, RegistratieWijziging
from leerrecht.web.scholen.models import Groep, Leerling, School

log = logging.getLogger(__name__)

#: rows written between two progress reports
BATCH = 200
#: imports that write at least this many rows run in a background thread
ACHTERGROND_VANAF = 2000


class PlanVeranderd(Exception):
    """The data changed between preview and confirmation: the user must look again."""


class Afgebroken(Exception):
    """Someone marked the import as failed while it ran: roll it back."""


# -- progress ---------------------------------------------------------------------------------

_LOCK = threading.Lock()
_VOORTGANG: dict[int, tuple[int, int]] = {}
_DRADEN: dict[int, threading.Thread] = {}


def voortgang_in_geheugen(opdracht_id: int) -> tuple[int, int] | None:
    """(verwerkt, totaal) of an import running in this process, if any."""
    with _LOCK:
        return _VOORTGANG.get(opdracht_id)


class Voortgang:
    """Reports progress where other requests can see it while the transaction is open."""

    def __init__(self, opdracht_id: int, totaal: int) -> None:
        self.opdracht_id = opdracht_id
        self.totaal = totaal
        self._zijlijn: BaseDatabaseWrapper | None = None
        if connection.vendor == "postgresql" and totaal >= BATCH:
            # not connected yet: the first report connects (and a failure only stops reporting)
            self._zijlijn = connections.create_connection(DEFAULT_DB_ALIAS)
        self(0)

    def __call__(self, verwerkt: int, totaal: int | None = None) -> None:
        if totaal is not None:
            self.totaal = totaal
        with _LOCK:
            _VOORTGANG[self.opdracht_id] = (verwerkt, self.totaal)
        if self._zijlijn is None:
            return
        table = self._zijlijn.ops.quote_name(ImportOpdracht._meta.db_table)
        try:
            with self._zijlijn.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET verwerkt = %s, totaal = %s WHERE id = %s AND status = %s",
                    [verwerkt, self.totaal, self.opdracht_id, Status.BEZIG.value],
                )
        except DatabaseError:  # progress is a courtesy; never let it break the import
            log.warning("voortgang van import %s niet bijgewerkt", self.opdracht_id, exc_info=True)
            self.sluit_zijlijn()

    def sluit_zijlijn(self) -> None:
        if self._zijlijn is not None:
            self._zijlijn.close()
            self._zijlijn = None

    def sluit(self) -> None:
        self.sluit_zijlijn()
        with _LOCK:
            _VOORTGANG.pop(self.opdracht_id, None)


# -- writing a plan ---------------------------------------------------------------------------


def pas_toe(
    plan: ImportPlan,
    school: School,
    gebruiker: AbstractBaseUser,
    voortgang: Callable[[int], None] | None = None,
) -> dict[str, dict[str, int]]:
    """Write a plan. Must run inside ``transaction.atomic()``: it stops halfway on any error."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("pas_toe hoort binnen transaction.atomic() te draaien")
    done = 0
    reported = 0

    def tick(n: int = 1) -> None:
        nonlocal done, reported
        done += n
        if voortgang is not None and done - reported >= BATCH:
            voortgang(done)
            reported = done

    groepen = {g.naam: g for g in Groep.objects.filter(school=school)}
    for rij in plan.groepen.nieuw:
        groepen[rij.naam] = Groep.objects.create(school=school, naam=rij.naam)
        tick()

    pks = dict(Leerling.objects.filter(school=school).values_list("leerlingnummer", "pk"))
    for lrij in plan.leerlingen.nieuw:
        fields = dict(lrij.waarden)
        naam = fields.pop("groep", "")
        leerling = Leerling(
            school=school,
            leerlingnummer=lrij.leerlingnummer,
            groep=groepen[str(naam)] if naam else None,
            **fields,
        )
        leerling.save()
        pks[lrij.leerlingnummer] = leerling.pk
        tick()
    for lrij in plan.leerlingen.gewijzigd:
        assert lrij.pk is not None
        leerling = Leerling.objects.select_for_update().get(pk=lrij.pk, school=school)
        for veld, value in lrij.waarden.items():
            if veld == "groep":
                leerling.groep = groepen[str(value)] if value else None
            else:
                setattr(leerling, veld, value)
        leerling.save()
        tick()

    nieuw: list[Registratie] = []
    for reg in plan.registraties.nieuw:
        nieuw.append(
            Registratie(
                leerling_id=pks[reg.leerlingnummer],
                datum=reg.datum,
                moment=reg.moment,
                soort=reg.soort,
                reden=reg.reden,
                uren=reg.uren,
                notitie=reg.notitie or "",
                geregistreerd_door_id=gebruiker.pk,
            )
        )
        if len(nieuw) >= BATCH:
            Registratie.objects.bulk_create(nieuw)
            tick(len(nieuw))
            nieuw = []
    if nieuw:
        Registratie.objects.bulk_create(nieuw)
        tick(len(nieuw))

    history: list[RegistratieWijziging] = []
    for reg in plan.registraties.gewijzigd:
        assert reg.pk is not None
        values: dict[str, Any] = {"soort": reg.soort, "reden": reg.reden, "uren": reg.uren}
        if reg.notitie is not None:
            values["notitie"] = reg.notitie
        updated = Registratie.objects.filter(
            pk=reg.pk, leerling_id=pks[reg.leerlingnummer], datum=reg.datum, moment=reg.moment
        ).update(**values)
        if updated != 1:
            raise ImportFout(
                reg.bestand,
                "deze registratie is tijdens de import verwijderd of veranderd; importeer opnieuw",
                reg.regel,
            )
        history.append(
            RegistratieWijziging(
                leerling_id=pks[reg.leerlingnummer],
                datum=reg.datum,
                moment=reg.moment,
                oude_waarde=reg.oud,
                nieuwe_waarde=reg.nieuw,
                gewijzigd_door_id=gebruiker.pk,
            )
        )
        tick()
        if len(history) >= BATCH:
            RegistratieWijziging.objects.bulk_create(history)
            history = []
    if history:
        RegistratieWijziging.objects.bulk_create(history)
    if voortgang is not None:
        voortgang(done)
    return plan.aantallen()


# -- running an import ------------------------------------------------------------------------


def claim(opdracht: ImportOpdracht, vingerafdruk: str) -> bool:
    """Move a previewed import to *bezig* (once: a double click does not import twice)."""
    claimed = ImportOpdracht.objects.filter(pk=opdracht.pk, status=Status.VOORBEELD).update(
        status=Status.BEZIG,
        vingerafdruk=vingerafdruk,
        gestart_op=timezone.now(),
        verwerkt=0,
        fout="",
    )
    return claimed == 1


def voer_uit(opdracht_id: int) -> str:
    """Run a claimed import (status *bezig*) all or nothing. Returns the final status."""
    opdracht = ImportOpdracht.objects.select_related("school", "gebruiker").get(pk=opdracht_id)
    if opdracht.status != Status.BEZIG:
        return opdracht.status
    voortgang: Voortgang | None = None
    try:
        voortgang = Voortgang(opdracht.pk, opdracht.totaal)
        with transaction.atomic():
            plan = formaat(opdracht.formaat).parse(
                opdracht.inhoud(), opdracht.school, bestandsnaam=opdracht.bestandsnaam
            )
            if plan.vingerafdruk() != opdracht.vingerafdruk:
                raise PlanVeranderd
            voortgang(0, plan.totaal)
            aantallen = pas_toe(plan, opdracht.school, opdracht.gebruiker, voortgang)
            finished = ImportOpdracht.objects.filter(pk=opdracht.pk, status=Status.BEZIG).update(
                status=Status.KLAAR,
                aantallen=aantallen,
                verwerkt=plan.totaal,
                totaal=plan.totaal,
                klaar_op=timezone.now(),
                bestand=b"",
            )
            if finished != 1:
                raise Afgebroken
        return Status.KLAAR
    except PlanVeranderd:
        ImportOpdracht.objects.filter(pk=opdracht.pk, status=Status.BEZIG).update(
            status=Status.VOORBEELD,
            verwerkt=0,
            gestart_op=None,
            fout="De gegevens zijn veranderd sinds het voorbeeld. Er is niets opgeslagen; "
            "bekijk het nieuwe voorbeeld en bevestig opnieuw.",
        )
        return Status.VOORBEELD
    except Afgebroken:
        return Status.MISLUKT
    except ImportFout as exc:
        _mislukt(opdracht.pk, f"{exc} Er is niets opgeslagen.")
        return Status.MISLUKT
    except IntegrityError:
        log.warning("import %s botste met een gelijktijdige wijziging", opdracht.pk, exc_info=True)
        _mislukt(
            opdracht.pk,
            "Tijdens de import legde iemand anders dezelfde gegevens vast (een groep, leerling "
            "of registratie bestond ineens al). Er is niets opgeslagen; upload het bestand "
            "opnieuw om het nieuwe voorbeeld te zien.",
        )
        return Status.MISLUKT
    except Exception as exc:
        log.exception("import %s mislukt", opdracht.pk)
        _mislukt(
            opdracht.pk,
            f"Onverwachte fout ({type(exc).__name__}). Er is niets opgeslagen; de fout is "
            "gelogd voor de beheerder.",
        )
        return Status.MISLUKT
    finally:
        if voortgang is not None:
            voortgang.sluit()


def _mislukt(opdracht_id: int, fout: str) -> None:
    ImportOpdracht.objects.filter(pk=opdracht_id, status=Status.BEZIG).update(
        status=Status.MISLUKT, fout=fout, klaar_op=timezone.now(), bestand=b""
    )


def breek_af(opdracht: ImportOpdracht, door: str) -> bool:
    """Mark a running import as failed. If it is still running, it rolls back at its end."""
    return (
        ImportOpdracht.objects.filter(pk=opdracht.pk, status=Status.BEZIG).update(
            status=Status.MISLUKT,
            fout=f"Afgebroken door {door}. Wat deze import schreef, is teruggedraaid.",
            klaar_op=timezone.now(),
            bestand=b"",
        )
        == 1
    )


def _draai(opdracht_id: int) -> None:
    try:
        voer_uit(opdracht_id)
    finally:
        with _LOCK:
            _DRADEN.pop(opdracht_id, None)
        if not _DRADEN:  # SQLite's write lock is free again: write the audit rows that waited
            audit_log.schrijf_uitgestelde()
        connections.close_all()  # this thread's connections only


def _draait_er_een() -> bool:
    with _LOCK:
        return bool(_DRADEN)


audit_log.registreer_schrijfslot(_draait_er_een)


def start_op_achtergrond(opdracht_id: int) -> threading.Thread:
    thread = threading.Thread(
        target=_draai, args=(opdracht_id,), name=f"leerrecht-import-{opdracht_id}", daemon=True
    )
    with _LOCK:
        _DRADEN[opdracht_id] = thread
    thread.start()
    return thread


def wacht_op(opdracht_id: int, timeout: float | None = None) -> None:
    """Wait for a background import of this process (for tests and management code)."""
    with _LOCK:
        thread = _DRADEN.get(opdracht_id)
    if thread is not None:
        thread.join(timeout)
