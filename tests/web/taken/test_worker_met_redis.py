"""Integration: a real Celery worker against Redis at 127.0.0.1:6379 runs the per-school
evaluation task end to end (broker, worker, result backend). Skipped when Redis is not there.

The worker runs in a thread of this process (Celery's test worker, the same WorkController as
``leerrecht worker``), so it uses the test database; the data is committed (transaction=True).
Its own queue, named per run, keeps it apart from any other worker on the same Redis.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from collections.abc import Iterator

import pytest
from web_hulp import World, absent_days

from leerrecht.web import evaluatie, taken
from leerrecht.web.evaluaties import cache
from leerrecht.web.evaluaties.models import PupilEvaluatie
from leerrecht.web.meldingen.models import DuoMelding

REDIS = os.environ.get("LEERRECHT_TEST_REDIS", "redis://127.0.0.1:6379/15")
PEILDATUM = dt.date(2026, 3, 20)

pytestmark = pytest.mark.django_db(transaction=True)


def _redis_bereikbaar() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def worker() -> Iterator[str]:
    """A worker on Redis consuming a queue of its own; yields the queue's name."""
    if not _redis_bereikbaar():
        pytest.skip(
            "Redis is niet bereikbaar op 127.0.0.1:6379: de integratietest met een echte worker "
            "is overgeslagen (start Redis, bv. apt-get install redis-server)"
        )
    from celery.contrib.testing.worker import start_worker  # type: ignore[import-untyped]

    conf = taken.app.conf
    vorig = {k: conf[k] for k in ("broker_url", "result_backend", "task_always_eager")}
    conf.update(broker_url=REDIS, result_backend=REDIS, task_always_eager=False)
    _vergeet_verbindingen()
    wachtrij = f"leerrecht-test-{uuid.uuid4().hex[:12]}"
    try:
        with start_worker(taken.app, queues=[wachtrij], perform_ping_check=False):
            yield wachtrij
    finally:
        conf.update(vorig)
        _vergeet_verbindingen()
        _ruim_redis_op(wachtrij)


def _ruim_redis_op(wachtrij: str) -> None:
    """Remove what this run left in Redis (the queue's bindings)."""
    import redis

    client = redis.Redis.from_url(REDIS)
    for key in client.scan_iter(match=f"*{wachtrij}*"):
        client.delete(key)
    client.close()


def _vergeet_verbindingen() -> None:
    """The app keeps its result backend and broker connections once made (earlier tests ran
    eager, without either); drop them so the changed configuration is used."""
    app = taken.app
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)
    app._after_fork()  # the connection and producer pools


def test_een_echte_worker_evalueert_een_school_via_redis(world: World, worker: str) -> None:
    absent_days(world.a1, [dt.date(2026, 3, d) for d in (2, 3, 4, 5)])
    cache.GEHEUGEN.leeg()
    assert taken.met_worker()

    resultaat = taken.evalueer_school.apply_async(
        args=[world.school.pk, PEILDATUM.isoformat()], queue=worker
    ).get(timeout=60)

    assert resultaat["school"] == world.school.pk
    assert resultaat["geevalueerd"] == 3 and resultaat["concepten_aangemaakt"] == 1
    # what the worker stored is what a full evaluation gives, and the worklist reads it
    pupils = list(world.school.leerlingen.select_related("groep").order_by("pk"))
    assert PupilEvaluatie.objects.filter(peildatum=PEILDATUM).count() == len(pupils)
    opgeslagen, telling = cache.evalueer_met_telling(world.school, pupils, PEILDATUM)
    assert telling.geevalueerd == 0
    assert opgeslagen.results == evaluatie.evaluate_pupils(world.school, pupils, PEILDATUM).results
    (melding,) = DuoMelding.objects.filter(school=world.school)
    assert (melding.leerling_id, melding.soort, melding.status) == (
        world.a1.pk,
        "16_uur",
        "concept",
    )
