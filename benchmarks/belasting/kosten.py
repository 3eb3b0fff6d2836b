"""What one request of the load test costs the server: queries and CPU time per endpoint.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/leerrecht_kosten \\
        .venv/bin/python benchmarks/belasting/kosten.py [--herhaal 40] [--profiel register_opslaan]

The load test (``run.py``) measures latency on a machine that gunicorn, PostgreSQL and locust
share, so its p95 is mostly queueing: what a request costs decides how long the queue gets. This
script measures that cost without HTTP and without other load, in one process with Django's test
client, on the same data as the load test (``dataset.py``: the demo school with 2,000 pupils in
groups of 20, one teacher each, and the nightly evaluation of the peildatum). It does what the
users of ``locustfile.py`` do:

- ``register_opslaan``: a teacher saves the register of their group with one pupil changed
  (absent <-> present), as the page does it: with htmx, answered by the form as it is now;
- ``register_zonder_js``: the same save without JavaScript: the POST alone, answered by a
  redirect to the register (which the browser then opens: ``register_openen``);
- ``register_openen``: opening the register;
- ``werklijst_groep``: the worklist of a teacher (their group);
- ``werklijst_school``: the worklist of the coordinator (the whole school), right after a save
  (so the pupils of that save are evaluated again, as in the load test).

Per endpoint it prints the number of queries and the CPU time of this process (``time.
process_time``: Python, Django, the driver) as median and p95 over ``--herhaal`` requests after
a few unmeasured ones (the worker's caches warm, as on a server that has been running), and the
wall time (which includes PostgreSQL's share and whatever else runs on the machine).
``--profiel NAME`` prints a cProfile of that endpoint (the 30 most expensive functions).

The database is made by this script unless ``--bestaand`` is given (then the dataset JSON of a
previous run, ``--dataset``, must belong to it). Never point it at real data: it is dropped and
created. Never run by pytest.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

HIER = Path(__file__).resolve().parent
EINDPUNTEN = (
    "register_opslaan",
    "register_zonder_js",
    "register_openen",
    "werklijst_groep",
    "werklijst_school",
)


def _args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leerlingen", type=int, default=2000)
    parser.add_argument("--herhaal", type=int, default=40, help="gemeten aanvragen per eindpunt")
    parser.add_argument("--opwarmen", type=int, default=5, help="niet gemeten, per eindpunt")
    parser.add_argument("--profiel", choices=EINDPUNTEN, default=None)
    parser.add_argument(
        "--sql", action="store_true", help="de queries van de laatste aanvraag per eindpunt"
    )
    parser.add_argument("--dataset", type=Path, default=None, help="JSON van dataset.py")
    parser.add_argument(
        "--bestaand", action="store_true", help="de database en --dataset bestaan al"
    )
    return parser.parse_args(argv)


def _bouw(args: argparse.Namespace, env: dict[str, str], dataset: Path) -> None:
    url = env.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit(
            "Zet DATABASE_URL op een eigen PostgreSQL-database (die wordt leeggemaakt), "
            "bijvoorbeeld postgres://postgres@127.0.0.1:5432/leerrecht_kosten."
        )
    import psycopg

    base, _, naam = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{naam}"')
    python = sys.executable
    subprocess.run(
        [python, "-m", "leerrecht.web.manage", "migrate", "-v", "0"], env=env, check=True
    )
    subprocess.run(
        [
            python,
            str(HIER / "dataset.py"),
            "--leerlingen",
            str(args.leerlingen),
            "--uit",
            str(dataset),
        ],
        env=env,
        check=True,
    )


class Teller:
    """Counts the queries of this process (a cheap execute wrapper, no SQL kept)."""

    def __init__(self) -> None:
        self.n = 0
        self.sql: list[str] | None = None  # the statements, when asked for (--sql)

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, ctx: Any
    ) -> Any:
        self.n += 1
        if self.sql is not None:
            self.sql.append(sql)
        return execute(sql, params, many, ctx)


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    with tempfile.TemporaryDirectory(prefix="leerrecht-kosten-") as tmp:
        env = {
            **os.environ,
            "LEERRECHT_DATA_DIR": os.environ.get("LEERRECHT_DATA_DIR", tmp),
            "LEERRECHT_SECRET_KEY": os.environ.get("LEERRECHT_SECRET_KEY", "kosten-" * 8),
            "LEERRECHT_ALLOWED_HOSTS": "testserver",
            "LEERRECHT_DEBUG": "false",
            "LEERRECHT_LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "leerrecht.web.conf.settings",
        }
        env.pop("LEERRECHT_CELERY_BROKER", None)
        dataset = args.dataset or Path(tmp) / "dataset.json"
        if not args.bestaand:
            _bouw(args, env, dataset)
        elif not dataset.exists():
            raise SystemExit(f"--bestaand zonder dataset: {dataset} bestaat niet (geef --dataset).")
        os.environ.update(env)
        return _meet(args, json.loads(dataset.read_text("utf-8")))


def _meet(args: argparse.Namespace, data: dict[str, Any]) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    peildatum = data["peildatum"]
    docenten = data["docenten"]
    rng = random.Random(7)
    teller = Teller()
    metingen: dict[str, list[tuple[int, float, float]]] = {e: [] for e in EINDPUNTEN}
    laatste_sql: dict[str, list[str]] = {}
    profiel = cProfile.Profile(time.process_time) if args.profiel else None  # CPU, not waiting

    handler = Client().handler  # one handler for every user, as one worker serves them all

    def client(sessie: str) -> Client:
        c = Client()
        c.handler = handler
        c.cookies[settings.SESSION_COOKIE_NAME] = sessie
        return c

    def meet(naam: str, meten: bool, verzoek: Callable[..., Any], *a: Any, **kw: Any) -> Any:
        teller.n = 0
        teller.sql = [] if args.sql else None
        aan = profiel is not None and meten and naam == args.profiel
        cpu, wand = time.process_time(), time.perf_counter()
        if aan:
            assert profiel is not None
            profiel.enable()
        response = verzoek(*a, **kw)
        if aan:
            assert profiel is not None
            profiel.disable()
        cpu, wand = time.process_time() - cpu, time.perf_counter() - wand
        if meten:
            metingen[naam].append((teller.n, cpu * 1000, wand * 1000))
            if teller.sql is not None:
                laatste_sql[naam] = teller.sql
        return response

    from formulier import velden, waarom, wissel  # benchmarks/belasting

    coordinator = client(data["coordinatoren"][0])
    gebruikers: list[dict[str, Any]] = []
    for docent in docenten:
        regels = range(len(docent["rijen"]))
        gebruikers.append(
            {
                "client": client(docent["sessie"]),
                "url": f"/registreren/{docent['groep']}/?datum={peildatum}&moment=dag",
                "formulier": {},  # read from the register's page (a previous run changed it)
                "wisselaars": random.Random(docent["groep"]).sample(regels, min(2, len(regels))),
            }
        )
    with connection.execute_wrapper(teller):
        for ronde in range(args.opwarmen + args.herhaal):
            meten = ronde >= args.opwarmen
            g = gebruikers[ronde % len(gebruikers)]
            if not g["formulier"]:
                g["formulier"] = velden(g["client"].get(g["url"]).content.decode())
            for naam, htmx in (("register_opslaan", True), ("register_zonder_js", False)):
                # as locustfile.py: the form as the page shows it, one pupil changed
                g["formulier"] = wissel(g["formulier"], rng.choice(g["wisselaars"]))
                body = urlencode(g["formulier"])
                kop = {"HTTP_HX_REQUEST": "true"} if htmx else {}
                response = meet(
                    naam,
                    meten,
                    g["client"].post,
                    g["url"],
                    body,
                    content_type="application/x-www-form-urlencoded",
                    **kop,
                )
                tekst = response.content.decode()
                # (302 with htmx: a version without the htmx answer, for comparison)
                if response.status_code not in ((200, 302) if htmx else (302,)) or (
                    response.status_code == 200 and "Register opgeslagen" not in tekst
                ):
                    raise SystemExit(
                        f"register niet opgeslagen: {response.status_code} {waarom(tekst)}"
                    )
                if response.status_code == 200:
                    g["formulier"] = velden(tekst)  # the form that replaces the page's form
            response = meet("register_openen", meten, g["client"].get, g["url"])
            if b'class="register"' not in response.content:
                raise SystemExit("geen register (sessie verlopen?)")
            g["formulier"] = velden(response.content.decode())
            werklijst = f"/?peildatum={peildatum}"
            response = meet("werklijst_groep", meten, g["client"].get, werklijst)
            if b'id="kop-meldingen"' not in response.content:
                raise SystemExit("geen werklijst")
            response = meet("werklijst_school", meten, coordinator.get, werklijst)
            if b'id="kop-meldingen"' not in response.content:
                raise SystemExit("geen werklijst")
    _rapport(args, data, metingen, connection.vendor)
    for naam, statements in laatste_sql.items():
        print(f"\n{naam}: {len(statements)} queries")
        for sql in statements:
            print(f"  {sql[:160]}")
    if profiel is not None:
        print(f"\nprofiel van {args.profiel} ({args.herhaal} aanvragen):")
        stats = pstats.Stats(profiel)
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(25)
    return 0


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _rapport(
    args: argparse.Namespace,
    data: dict[str, Any],
    metingen: dict[str, list[tuple[int, float, float]]],
    vendor: str,
) -> None:
    print(
        f"database: {vendor}; {data['leerlingen']} leerlingen, {len(data['docenten'])} groepen; "
        f"commit {_commit()}; {args.herhaal} aanvragen per eindpunt na {args.opwarmen} opwarmen"
    )
    kop = (
        f"{'eindpunt':<18} {'queries':>8} {'CPU p50':>8} {'CPU p95':>8} "
        f"{'wand p50':>9} {'wand p95':>9}"
    )
    print(kop)
    print("-" * len(kop))
    for naam, rijen in metingen.items():
        queries = statistics.median(r[0] for r in rijen)
        cpu = [r[1] for r in rijen]
        wand = [r[2] for r in rijen]
        print(
            f"{naam:<18} {queries:>8.0f} {statistics.median(cpu):>8.1f} {_p(cpu, 0.95):>8.1f} "
            f"{statistics.median(wand):>9.1f} {_p(wand, 0.95):>9.1f}"
        )
    print(
        "(queries: mediaan per aanvraag; tijden in ms; CPU van dit proces, wand inclusief "
        "PostgreSQL)"
    )


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=HIER,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "onbekend"


if __name__ == "__main__":
    sys.exit(main())
