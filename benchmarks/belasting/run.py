"""Load test: register save and worklist under 100 concurrent users, on PostgreSQL + gunicorn.

    .venv/bin/pip install -q -e '.[bench]'
    .venv/bin/python benchmarks/belasting/run.py [--database-url postgres://postgres@127.0.0.1:5432/leerrecht_belasting]
        [--leerlingen 2000] [--gunicorn-workers 4] [--gunicorn-threads 1] [--gebruikers 100]
        [--coordinatoren 5] [--duur 60]

In one run:

1. creates the PostgreSQL database (dropped first if it exists: never point this at real data)
   and migrates it;
2. builds the dataset (``dataset.py``): the demo school with ``--leerlingen`` pupils in groups of
   20 with a teacher each, and the nightly evaluation of the peildatum;
3. starts gunicorn (``--gunicorn-workers`` sync workers, or with ``--gunicorn-threads N`` the
   gthread worker with N threads each; DEBUG off, a real secret key, two-factor on: the
   sessions of ``dataset.py`` have passed it);
4. runs locust headless (``locustfile.py``) with ``--gebruikers`` users, of which
   ``--coordinatoren`` look at the worklist of the whole school: first ``--opwarmen`` seconds
   that are not measured (every gunicorn worker loads its code, templates and caches, as on a
   server that has been running for a while), then ``--duur`` seconds measured after every
   user has logged in (the statistics are reset then); locust's output goes to
   ``<uitvoer>/locust.log``;
5. prints per endpoint the number of requests, errors, p50/p95/p99, and PASS/FAIL against the
   targets of issue 6 (register save p95 < 50 ms, worklist p95 < 150 ms, 0 errors), and for a
   failed save the register's message (the first answers are kept in the output directory as
   ``fout-opslaan-*.html``);
6. stops gunicorn and drops the database (``--behoud`` keeps it).

Locust runs on the same machine as gunicorn and PostgreSQL, so they share its cores.
Never run by pytest. Exit code 0 when every target passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HIER = Path(__file__).resolve().parent
DOEL_OPSLAAN_MS = 50.0
DOEL_WERKLIJST_MS = 150.0
OPSLAAN = "POST /registreren/[groep]/ (opslaan)"


def _args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/leerrecht_belasting"
    )
    parser.add_argument("--leerlingen", type=int, default=2000)
    parser.add_argument(
        "--gunicorn-workers", type=int, default=4, help="processen (advies: 2x het aantal cores)"
    )
    parser.add_argument(
        "--gunicorn-threads",
        type=int,
        default=1,
        help="threads per proces; meer dan 1: gunicorn's gthread-worker (standaard: sync)",
    )
    parser.add_argument("--gebruikers", type=int, default=100)
    parser.add_argument("--coordinatoren", type=int, default=5)
    parser.add_argument("--duur", type=int, default=60, help="seconden meten")
    parser.add_argument("--spawn-rate", type=float, default=20.0)
    parser.add_argument(
        "--opwarmen", type=int, default=20, help="seconden vooraf, niet gemeten (0: geen)"
    )
    parser.add_argument("--poort", type=int, default=0, help="0: een vrije poort")
    parser.add_argument("--uitvoer", type=Path, default=None, help="map voor de CSV van locust")
    parser.add_argument("--behoud", action="store_true", help="database niet verwijderen")
    return parser.parse_args(argv)


def _postgres(url: str, *, maak: bool) -> None:
    import psycopg

    base, _, naam = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        if maak:
            conn.execute(f'CREATE DATABASE "{naam}"')


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wacht_op(url: str, proces: subprocess.Popen[bytes], seconden: float = 60) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise SystemExit(f"gunicorn stopte met code {proces.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn antwoordt niet op {url}")


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


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="leerrecht-belasting-") as tmp:
        data_dir = Path(tmp)
        env = {
            **os.environ,
            "DATABASE_URL": args.database_url,
            "LEERRECHT_SECRET_KEY": secrets.token_urlsafe(50),
            "LEERRECHT_DATA_DIR": str(data_dir),
            "LEERRECHT_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LEERRECHT_DEBUG": "false",
            "LEERRECHT_LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "leerrecht.web.conf.settings",
        }
        env.pop("LEERRECHT_CELERY_BROKER", None)  # the nightly run here is eager
        (data_dir / "static").mkdir()
        print(f"database {args.database_url} aanmaken en migreren ...", flush=True)
        _postgres(args.database_url, maak=True)
        gunicorn: subprocess.Popen[bytes] | None = None
        try:
            subprocess.run(
                [python, "-m", "leerrecht.web.manage", "migrate", "-v", "0"], env=env, check=True
            )
            dataset = data_dir / "dataset.json"
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
            poort = args.poort or _vrije_poort()
            host = f"http://127.0.0.1:{poort}"
            gunicorn = subprocess.Popen(
                [
                    python,
                    "-m",
                    "gunicorn",
                    "leerrecht.web.wsgi:application",
                    "--workers",
                    str(args.gunicorn_workers),
                    *(
                        ["--worker-class", "gthread", "--threads", str(args.gunicorn_threads)]
                        if args.gunicorn_threads > 1
                        else []
                    ),
                    "--bind",
                    f"127.0.0.1:{poort}",
                    "--log-level",
                    "warning",
                    "--timeout",
                    "120",
                ],
                env=env,
            )
            _wacht_op(f"{host}/inloggen/", gunicorn)
            uitvoer = args.uitvoer or data_dir
            uitvoer.mkdir(parents=True, exist_ok=True)
            prefix = uitvoer / "locust"
            opstart = args.gebruikers / args.spawn_rate
            print(
                f"locust: {args.gebruikers} gebruikers ({args.coordinatoren} coördinatoren), "
                f"{args.duur} s meten na {opstart:.0f} s opstarten, tegen gunicorn met "
                f"{_gunicorn(args)} ...",
                flush=True,
            )
            locust_env = {
                **env,
                "LEERRECHT_BELASTING": str(dataset),
                "LEERRECHT_COORDINATOREN": str(args.coordinatoren),
                "LEERRECHT_BELASTING_UITVOER": str(uitvoer),  # the body of a failed save
            }
            if args.opwarmen:
                print(f"opwarmen: {args.opwarmen} s (niet gemeten) ...", flush=True)
                _locust(args, host, uitvoer / "opwarmen", args.opwarmen, locust_env)
            print("meten ...", flush=True)
            _locust(args, host, prefix, round(args.duur + opstart + 2), locust_env)
            resultaat = _rapport(prefix.with_name("locust_stats.csv"), args, opstart)
            _fouten(uitvoer, bewaard=args.uitvoer is not None)
            return resultaat
        finally:
            if gunicorn is not None:
                gunicorn.terminate()
                gunicorn.wait(timeout=30)
            if not args.behoud:
                _postgres(args.database_url, maak=False)


def _locust(
    args: argparse.Namespace, host: str, prefix: Path, seconden: int, env: dict[str, str]
) -> None:
    with prefix.with_suffix(".log").open("w", encoding="utf-8") as log:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(HIER / "locustfile.py"),
                "--headless",
                "--users",
                str(args.gebruikers),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                f"{seconden}s",
                "--reset-stats",
                "--host",
                host,
                "--csv",
                str(prefix),
                "--only-summary",
                "--stop-timeout",
                "5",
            ],
            env=env,
            check=False,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def _fouten(uitvoer: Path, *, bewaard: bool) -> None:
    """The failed saves whose answers locustfile.py kept (warm-up included): why each failed."""
    from formulier import waarom  # benchmarks/belasting

    bestanden = sorted(uitvoer.glob("fout-*.html"))
    if not bestanden:
        return
    print()
    print(f"antwoorden van mislukte verzoeken ({len(bestanden)}, opwarmen meegeteld):")
    for pad in bestanden:
        print(f"  {pad.name if not bewaard else pad}: {waarom(pad.read_text('utf-8'))[:300]}")


def _gunicorn(args: argparse.Namespace) -> str:
    if args.gunicorn_threads > 1:
        return f"{args.gunicorn_workers} workers x {args.gunicorn_threads} threads (gthread)"
    return f"{args.gunicorn_workers} sync workers"


def _rapport(stats: Path, args: argparse.Namespace, opstart: float) -> int:
    with stats.open(encoding="utf-8") as f:
        rijen = [r for r in csv.DictReader(f) if r["Name"] != "inloggen"]
    print()
    print(
        f"machine: {_cpu()}, {os.cpu_count()} cores; Python {platform.python_version()}; "
        f"commit {_commit()}; {time.strftime('%Y-%m-%d')}"
    )
    print(
        f"{args.leerlingen} leerlingen, {args.gebruikers} gelijktijdige gebruikers "
        f"({args.coordinatoren} coördinatoren), gunicorn {_gunicorn(args)}, "
        f"PostgreSQL; {args.duur} s gemeten na {args.opwarmen} s opwarmen en {opstart:.0f} s "
        "opstarten"
    )
    print()
    kop = f"{'endpoint':<42} {'aantal':>7} {'fouten':>6} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6}"
    print(kop)
    print("-" * len(kop))
    fouten = 0
    resultaat: dict[str, float] = {}
    for r in rijen:
        naam = "alles samen" if r["Name"] == "Aggregated" else r["Name"]
        n_fout = int(r["Failure Count"])
        if r["Name"] != "Aggregated":
            fouten += n_fout
        resultaat[r["Name"]] = float(r["95%"] or 0)
        print(
            f"{naam:<42} {r['Request Count']:>7} {n_fout:>6} {float(r['Requests/s']):>6.1f} "
            f"{r['50%']:>6} {r['95%']:>6} {r['99%']:>6}"
        )
    print("(tijden in ms)")
    print()
    ok = True
    doelen = [
        (OPSLAAN, DOEL_OPSLAAN_MS),
        ("GET / (werklijst, eigen groep)", DOEL_WERKLIJST_MS),
        ("GET / (werklijst, hele school)", DOEL_WERKLIJST_MS),
    ]
    for naam, doel in doelen:
        if naam not in resultaat:
            print(f"FAIL {naam}: geen metingen")
            ok = False
            continue
        p95 = resultaat[naam]
        geslaagd = p95 < doel
        ok &= geslaagd
        verschil = "" if geslaagd else f", {p95 - doel:.0f} ms ({p95 / doel:.1f}x) te traag"
        print(
            f"{'PASS' if geslaagd else 'FAIL'} {naam}: p95 {p95:.0f} ms (doel < {doel:.0f} ms{verschil})"
        )
    print(f"{'PASS' if fouten == 0 else 'FAIL'} fouten: {fouten} (doel 0)")
    return 0 if ok and fouten == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
