"""How current is the worklist after a register save? (incremental evaluation, issue 6)

    .venv/bin/python benchmarks/belasting/incrementeel.py [--leerlingen 2000] [--herhaal 20]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/leerrecht_bench_incr \
        .venv/bin/python benchmarks/belasting/incrementeel.py

Builds the demo school with ``--leerlingen`` pupils (``leerrecht demo``'s builder, peildatum
2026-03-20) in a fresh database: a temporary SQLite file, or the PostgreSQL database named in
``DATABASE_URL`` (created if missing, emptied first: never point it at real data). Then, in one
process with Django's test client (no HTTP server, so these are server-side times):

1. the full evaluation of every pupil (what the worklist did before, per request);
2. the first worklist of the day with an empty store (every pupil evaluated and stored);
3. the worklist with everything stored;
4. ``--herhaal`` times: a register save of one group (two pupils get a new absence), then the
   worklist of the whole school (the coordinator's), timed separately, with the number of
   pupils evaluated again.

Prints the figures and PASS/FAIL for "current within a fraction of a second": the worklist after
a save (p95) under 0.5 s. Never run by pytest: timings are not asserted in unit tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PEILDATUM = dt.date(2026, 3, 20)
DOEL_SECONDEN = 0.5


def _django(data_dir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "leerrecht.web.conf.settings"
    os.environ["LEERRECHT_DATA_DIR"] = str(data_dir)
    os.environ["LEERRECHT_DEMO"] = "1"
    os.environ.setdefault("LEERRECHT_ALLOWED_HOSTS", "testserver,127.0.0.1")
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        _lege_postgres(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _lege_postgres(url: str) -> None:
    """Create the benchmark database, or empty it (drop and create)."""
    import psycopg

    base, _, naam = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{naam}"')


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leerlingen", type=int, default=2000)
    parser.add_argument("--herhaal", type=int, default=20)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="leerrecht-incr-") as tmp:
        _django(Path(tmp))
        return _meet(args.leerlingen, args.herhaal)


def _meet(aantal: int, herhaal: int) -> int:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from leerrecht.web import evaluatie
    from leerrecht.web.demodata.bouw import bouw_demo, demo_school
    from leerrecht.web.evaluaties import cache
    from leerrecht.web.evaluaties.models import PupilEvaluatie
    from leerrecht.web.registratie.models import Registratie
    from leerrecht.web.scholen.models import Groep

    setup_test_environment()  # response.context for the counts, as in the tests
    start = time.perf_counter()
    bouw_demo(PEILDATUM, aantal, seed=2026)
    bouwen = time.perf_counter() - start
    school = demo_school()
    assert school is not None
    leerlingen = list(school.leerlingen.select_related("groep"))
    registraties = Registratie.objects.filter(leerling__school=school).count()
    print(
        f"database: {connection.vendor}; {len(leerlingen)} leerlingen, {registraties} "
        f"registraties, peildatum {PEILDATUM}; demo gebouwd in {bouwen:.1f} s"
    )

    start = time.perf_counter()
    evaluatie.evaluate_pupils(school, leerlingen, PEILDATUM)
    volledig = time.perf_counter() - start

    client = Client()
    # force_login: the login rate limiter (django-axes) needs a request that login() lacks
    client.force_login(User.objects.get(username="coordinator"))
    url = f"/?peildatum={PEILDATUM.isoformat()}"
    PupilEvaluatie.objects.all().delete()
    start = time.perf_counter()
    assert client.get(url).status_code == 200
    koud = time.perf_counter() - start
    warm: list[float] = []
    for _ in range(5):
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        warm.append(time.perf_counter() - start)

    docent = Client()
    docent.force_login(User.objects.get(username="docent"))
    groep = Groep.objects.get(school=school, naam="5")
    dagen = [
        d
        for d in (PEILDATUM - dt.timedelta(days=n) for n in range(1, 200))
        if evaluatie.calendar_for(school).is_school_day(d)
    ]
    opslaan: list[float] = []
    na_opslaan: list[float] = []
    evalueren: list[float] = []
    opnieuw: list[int] = []
    for i in range(herhaal):
        datum = dagen[i]
        pupils = list(  # the pupils enrolled that day, in the register's order (as the page)
            groep.leerlingen.filter(ingeschreven_vanaf__lte=datum).exclude(
                ingeschreven_tot__lt=datum
            )
        )
        bestaand = {
            r.leerling_id: r
            for r in Registratie.objects.filter(leerling__in=pupils, datum=datum, moment="dag")
        }
        vrij = [p for p in pupils if p.pk not in bestaand][:2]
        data: dict[str, Any] = {
            "form-TOTAL_FORMS": len(pupils),
            "form-INITIAL_FORMS": len(pupils),
        }
        for n, p in enumerate(pupils):
            row: dict[str, Any] = {"leerling": p.pk, "status": "aanwezig"}
            reg = bestaand.get(p.pk)
            if p in vrij:
                row.update(status="absent", reden="ongeoorloofd")
            elif reg is not None:
                row.update(status=reg.soort, reden=reg.reden, notitie=reg.notitie)
                if reg.soort == "late" and reg.uren is not None:
                    row["minuten"] = round(float(reg.uren) * 60)
            for key, value in row.items():
                data[f"form-{n}-{key}"] = value
        start = time.perf_counter()
        response = docent.post(f"/registreren/{groep.pk}/?datum={datum}&moment=dag", data)
        opslaan.append(time.perf_counter() - start)
        if response.status_code != 302:
            fouten = response.context["melding"] if response.context else None
            raise SystemExit(f"register niet opgeslagen ({response.status_code}): {fouten}")
        start = time.perf_counter()
        response = client.get(url)
        na_opslaan.append(time.perf_counter() - start)
        assert response.status_code == 200
        start = time.perf_counter()
        _ev, telling = cache.evalueer_met_telling(school, leerlingen, PEILDATUM)
        evalueren.append(time.perf_counter() - start)
        opnieuw.append(len(vrij))
        assert telling.geevalueerd == 0  # the worklist request before stored them

    p95 = _p(na_opslaan, 0.95)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"commit: {_commit()}")
    print(f"volledige evaluatie van alle leerlingen:        {_ms(volledig)}")
    print(f"werklijst, lege opslag (eerste van de dag):      {_ms(koud)}")
    print(f"werklijst, alles opgeslagen (mediaan van 5):     {_ms(statistics.median(warm))}")
    print(
        f"register opslaan (groep {groep.naam}, {len(pupils)} leerlingen): "
        f"mediaan {_ms(statistics.median(opslaan))}, p95 {_ms(_p(opslaan, 0.95))}"
    )
    print(
        f"werklijst direct na het opslaan ({herhaal}x, {statistics.mean(opnieuw):.0f} leerlingen "
        f"opnieuw geëvalueerd): mediaan {_ms(statistics.median(na_opslaan))}, p95 {_ms(p95)}"
    )
    print(
        f"  waarvan de evaluatie uit de opslag (alle leerlingen): mediaan "
        f"{_ms(statistics.median(evalueren))}"
    )
    ok = p95 < DOEL_SECONDEN
    print(
        f"doel: werklijst actueel binnen {DOEL_SECONDEN:.1f} s na opslaan: "
        f"{'PASS' if ok else 'FAIL'} (p95 {_ms(p95)})"
    )
    return 0 if ok else 1


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parent,
        )
    except (OSError, subprocess.CalledProcessError):
        return "onbekend"
    return out.stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
