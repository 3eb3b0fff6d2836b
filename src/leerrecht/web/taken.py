"""Background work with Celery: the nightly evaluation per school, imports, letters by e-mail.

The Celery app takes its configuration from the Django settings (``CELERY_*``, see
docs/configuratie.md). Without ``LEERRECHT_CELERY_BROKER`` every task runs at once in the process
that asks for it (``CELERY_TASK_ALWAYS_EAGER``): the demo and the tests need no Redis. With a
broker, workers run them::

    leerrecht worker --concurrency 4              # or: celery -A leerrecht.web.taken worker -c 4
    leerrecht worker --beat                       # one of them also starts the nightly schedule

Tasks (their names are stable; they are what the broker carries):

- ``leerrecht.nachtelijke_evaluatie``: every night (``CELERY_BEAT_SCHEDULE``) one task per school
  (fan-out), then old stored evaluations are removed.
- ``leerrecht.evalueer_school``: bring the stored evaluation of every pupil of one school up to
  date for the peildatum (:func:`leerrecht.web.evaluaties.cache.vernieuw`), then the DUO concept
  meldingen (:func:`leerrecht.web.meldingen.services.synchroniseer`), which read those results.
- ``leerrecht.voer_import_uit``: apply a confirmed import
  (:func:`leerrecht.web.importeren.uitvoeren.voer_uit`: all or nothing, with progress).
- ``leerrecht.mail_brief``: send a letter to parents by e-mail with Django's e-mail backend.
- ``leerrecht.bewaartermijnen``: every week (``CELERY_BEAT_SCHEDULE``) remove or anonymise what
  has been kept long enough (:mod:`leerrecht.web.bewaartermijnen.plan`) and store the run.

Django models are imported inside the tasks: a worker imports this module before Django is set
up (Celery's Django support then calls ``django.setup()``).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Sequence
from typing import Any, Generic, ParamSpec, Protocol, TypeVar, cast

from celery import Celery  # type: ignore[import-untyped]

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerrecht.web.conf.settings")

log = logging.getLogger(__name__)

app = Celery("leerrecht")
app.config_from_object("django.conf:settings", namespace="CELERY")


P = ParamSpec("P")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class AsyncResult(Protocol):
    id: str

    def get(self, timeout: float | None = None) -> Any: ...


class Taak(Protocol, Generic[P, R_co]):
    """A Celery task as the type checker sees it: callable, and ``delay`` to queue it."""

    name: str

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R_co: ...

    def delay(self, *args: P.args, **kwargs: P.kwargs) -> AsyncResult: ...

    def apply_async(
        self,
        args: Sequence[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
        **options: Any,
    ) -> AsyncResult: ...


def taak(name: str) -> Callable[[Callable[P, R]], Taak[P, R]]:
    """``app.task(name=...)`` with types (Celery itself has no type information)."""
    return cast(Callable[[Callable[P, R]], Taak[P, R]], app.task(name=name))


def met_worker() -> bool:
    """Do tasks go to workers (a broker is configured), or run at once in this process?"""
    return not app.conf.task_always_eager


def _peildatum(peildatum: str | None) -> dt.date:
    from django.utils import timezone

    return dt.date.fromisoformat(peildatum) if peildatum else timezone.localdate()


@taak("leerrecht.evalueer_school")
def evalueer_school(school_id: int, peildatum: str | None = None) -> dict[str, Any]:
    """Refresh the stored evaluations of one school at ``peildatum`` (default: today) and bring
    its DUO concept meldingen in line. Returns what it did (JSON, for the result backend)."""
    from leerrecht.core.calendar import CalendarError
    from leerrecht.web.evaluaties.cache import vernieuw
    from leerrecht.web.meldingen.services import synchroniseer
    from leerrecht.web.scholen.models import School

    as_of = _peildatum(peildatum)
    school = School.objects.get(pk=school_id)
    try:
        telling = vernieuw(school, as_of)
        sync = synchroniseer(school, as_of)
    except CalendarError as exc:  # a school year without known vacations: nothing to do
        log.warning("school %s niet geëvalueerd op %s: %s", school_id, as_of, exc)
        return {"school": school_id, "peildatum": as_of.isoformat(), "fout": str(exc)}
    return {
        "school": school_id,
        "peildatum": as_of.isoformat(),
        "uit_opslag": telling.uit_opslag,
        "geevalueerd": telling.geevalueerd,
        "concepten_aangemaakt": sync.aangemaakt,
        "concepten_bijgewerkt": sync.bijgewerkt,
        "einde_ingevuld": sync.einde_ingevuld,
        "vervallen": len(sync.vervallen),
    }


@taak("leerrecht.nachtelijke_evaluatie")
def nachtelijke_evaluatie(peildatum: str | None = None) -> int:
    """One :func:`evalueer_school` per school (in parallel over the workers), then remove
    stored evaluations nobody asked for in a week. Returns the number of schools."""
    from leerrecht.web.evaluaties.cache import ruim_op
    from leerrecht.web.scholen.models import School

    dag = _peildatum(peildatum).isoformat()
    scholen = list(School.objects.order_by("pk").values_list("pk", flat=True))
    for school_id in scholen:
        evalueer_school.delay(school_id, dag)
    ruim_op()
    return len(scholen)


@taak("leerrecht.voer_import_uit")
def voer_import_uit(opdracht_id: int) -> str:
    """Apply a claimed import (status *bezig*); returns the final status."""
    from leerrecht.web.importeren.uitvoeren import voer_uit

    return str(voer_uit(opdracht_id))


def start_import(opdracht_id: int) -> None:
    """Run a large import in the background: on a worker when there is a broker, else in a
    thread of this web process (the behaviour without Celery: the status page shows progress
    either way)."""
    from leerrecht.web.importeren import uitvoeren

    if met_worker():
        voer_import_uit.delay(opdracht_id)
    else:
        uitvoeren.start_op_achtergrond(opdracht_id)


@taak("leerrecht.mail_brief")
def mail_brief(verzending_id: int) -> str:
    """Send one letter by e-mail (:class:`leerrecht.web.brieven.models.BriefEmail`): the text in
    the body and the PDF attached. Returns the final status; a failure is recorded, not raised,
    so the school sees it next to the letter."""
    from leerrecht.web.brieven.email import verstuur

    return verstuur(verzending_id)


@taak("leerrecht.bewaartermijnen")
def bewaartermijnen(peildatum: str | None = None, proef: bool | None = None) -> dict[str, Any]:
    """The weekly retention job (``CELERY_BEAT_SCHEDULE``): remove or anonymise what has been
    kept long enough (:mod:`leerrecht.web.bewaartermijnen.plan`), all or nothing, and store the
    run. With ``proef`` (default: the setting ``BEWAARTERMIJNEN_PROEF``) only the report of the
    dry run is stored. Returns the report (counts only)."""
    from django.conf import settings

    from leerrecht.web.bewaartermijnen.plan import bepaal, proefdraai_vastleggen, voer_uit

    plan = bepaal(_peildatum(peildatum))
    if proef if proef is not None else settings.BEWAARTERMIJNEN_PROEF:
        proefdraai_vastleggen(plan)
        rapport = plan.rapport()
        rapport["uitgevoerd"] = False
        return rapport
    rapport = voer_uit(plan)
    rapport["uitgevoerd"] = True
    return rapport
