"""``leerrecht demo``: a demo school in a fresh database, served at http://127.0.0.1:8000.

The first run builds Basisschool De Linde (a few hundred invented pupils, a school year of
attendance with truants, chronic sick, late arrivals and a thuiszitter) in a SQLite database in
``--data-dir`` (default ``./leerrecht-demo``), prints the demo accounts and serves the site with
Django's development server. Later runs reuse that database; ``--opnieuw`` rebuilds it.

The demo never touches another database: ``DATABASE_URL`` is ignored, and a data directory with
a database that ``leerrecht demo`` did not make is refused (the file ``demo.json`` marks a demo
directory).

When Django is already set up (inside the test suite), :func:`main` uses the configured database
as it is: no environment, no migrate, no files deleted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import socket
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from leerrecht.web.demodata.plan import (
    MAX_LEERLINGEN,
    MIN_LEERLINGEN,
    PeildatumFout,
    demo_kalender,
    eerste_dag,
)

if TYPE_CHECKING:
    from leerrecht.web.demodata.bouw import Demo

EXIT_INVOER = 2
SETTINGS_MODULE = "leerrecht.web.conf.settings"
DB_BESTAND = "leerrecht.sqlite3"  # as in settings: DATA_DIR / "leerrecht.sqlite3"
META_BESTAND = "demo.json"


class DemoFout(Exception):
    """Wrong input or an unusable data directory: a Dutch message, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise DemoFout(f"{message.removeprefix('argument ')} (zie 'leerrecht demo --help')")


def _datum(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is geen datum; schrijf JJJJ-MM-DD") from None


def _getal(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is geen geheel getal") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="leerrecht demo",
        description=(
            "Bouw een demoschool (Basisschool De Linde) met verzonnen leerlingen en een schooljaar "
            "aan registraties, toon de demo-accounts en start de webapplicatie."
        ),
    )
    parser.add_argument("--host", default="127.0.0.1", help="adres (standaard: 127.0.0.1)")
    parser.add_argument("--port", type=_getal, default=8000, help="poort (standaard: 8000)")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path("leerrecht-demo"),
        metavar="MAP",
        help="map voor de demodatabase (standaard: ./leerrecht-demo)",
    )
    parser.add_argument(
        "--leerlingen",
        type=_getal,
        default=300,
        metavar="AANTAL",
        help=f"aantal leerlingen ({MIN_LEERLINGEN} tot {MAX_LEERLINGEN}; standaard: 300)",
    )
    parser.add_argument(
        "--seed", type=_getal, default=2026, help="startwaarde van het toeval (standaard: 2026)"
    )
    parser.add_argument(
        "--peildatum",
        type=_datum,
        default=None,
        metavar="JJJJ-MM-DD",
        help="de registraties lopen tot en met deze datum (standaard: vandaag)",
    )
    parser.add_argument(
        "--opnieuw", action="store_true", help="gooi de demodatabase weg en bouw hem opnieuw"
    )
    parser.add_argument(
        "--no-serve", action="store_true", help="alleen bouwen en de accounts tonen, niet starten"
    )
    return parser


def main(argv: Sequence[str]) -> int:
    try:
        return _main(list(argv))
    except DemoFout as exc:
        sys.stderr.write(f"leerrecht demo: {exc}\n")
        return EXIT_INVOER


def _main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    today = dt.date.today()
    peildatum: dt.date = args.peildatum or today
    try:
        eerste_dag(demo_kalender(), peildatum)
    except PeildatumFout as exc:
        raise DemoFout(str(exc)) from None
    if not MIN_LEERLINGEN <= args.leerlingen <= MAX_LEERLINGEN:
        raise DemoFout(
            f"--leerlingen: kies een aantal van {MIN_LEERLINGEN} tot {MAX_LEERLINGEN} "
            f"(niet {args.leerlingen})"
        )
    if not 1 <= args.port <= 65535:
        raise DemoFout(f"--port: kies een poort van 1 tot 65535 (niet {args.port})")
    data_dir: Path = args.data_dir.expanduser().resolve()
    meta_path = data_dir / META_BESTAND

    from django.apps import apps

    if not apps.ready:
        if not args.no_serve and not _poort_vrij(args.host, args.port):
            raise DemoFout(
                f"kan niet luisteren op {args.host}:{args.port}: de poort is bezet of het adres "
                "bestaat niet. Kies een andere met --port of --host."
            )
        _django_opzetten(data_dir, args.host, opnieuw=args.opnieuw)

    from django.conf import settings

    from leerrecht.web.demodata.bouw import andere_scholen, bouw_demo, lees_demo

    vreemd = andere_scholen()
    if vreemd:
        raise DemoFout(
            f"deze database bevat al andere scholen ({', '.join(vreemd[:3])}); de demo bouwt "
            "daar niet naast. Kies een lege map met --data-dir."
        )
    meta = _lees_meta(meta_path)
    demo = None if args.opnieuw else lees_demo(meta)
    duur: float | None = None
    if demo is None:
        start = time.perf_counter()
        demo = bouw_demo(peildatum, args.leerlingen, args.seed)
        duur = time.perf_counter() - start
        data_dir.mkdir(parents=True, exist_ok=True)
        meta = {**demo.meta(args.seed), "leerlingen": args.leerlingen}
        meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", "utf-8")

    host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    url = f"http://{f'[{host}]' if ':' in host else host}:{args.port}/"
    _toon(demo, url, today, duur, str(settings.DATABASES["default"]["NAME"]))
    if (
        demo.peildatum is not None
        and args.peildatum is not None
        and args.peildatum != demo.peildatum
    ):
        print(
            f"Let op: deze demo is eerder gebouwd met peildatum {demo.peildatum}, niet "
            f"{args.peildatum}. Bouw hem opnieuw met --opnieuw."
        )
    elif duur is None and demo.peildatum is not None and demo.peildatum != today:
        print(
            f"Let op: deze demo loopt tot {demo.peildatum}. Voor registraties tot vandaag: "
            "leerrecht demo --opnieuw"
        )
    sys.stdout.flush()
    if args.no_serve:
        return 0

    from django.core.management import call_command

    addrport = f"[{args.host}]:{args.port}" if ":" in args.host else f"{args.host}:{args.port}"
    call_command("runserver", addrport, use_reloader=False)
    return 0


def _poort_vrij(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _django_opzetten(data_dir: Path, host: str, *, opnieuw: bool) -> None:
    """Point Django at the demo database in ``data_dir``, set it up and migrate quietly."""
    db = data_dir / DB_BESTAND
    meta = data_dir / META_BESTAND
    if db.exists() and not meta.exists():
        raise DemoFout(
            f"in {data_dir} staat een leerrecht-database die niet door 'leerrecht demo' is "
            "gemaakt; de demo gebruikt of verwijdert die niet. Kies een andere map met --data-dir."
        )
    if opnieuw:
        for path in (db, *(db.with_name(db.name + s) for s in ("-journal", "-wal", "-shm")), meta):
            path.unlink(missing_ok=True)
    (data_dir / "static").mkdir(parents=True, exist_ok=True)  # STATIC_ROOT, for WhiteNoise
    if not meta.exists():
        # mark the directory as the demo's before the database exists
        meta.write_text(json.dumps({"status": "in opbouw"}) + "\n", "utf-8")

    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    os.environ["LEERRECHT_DEMO"] = "1"
    os.environ["LEERRECHT_DATA_DIR"] = str(data_dir)
    if os.environ.pop("DATABASE_URL", None):
        print(f"DATABASE_URL genegeerd: de demo gebruikt een eigen SQLite-database in {data_dir}.")
    if "LEERRECHT_ALLOWED_HOSTS" not in os.environ and host not in ("127.0.0.1", "localhost"):
        extra = "*" if host in ("0.0.0.0", "::") else host
        os.environ["LEERRECHT_ALLOWED_HOSTS"] = f"127.0.0.1,localhost,{extra}"

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _lees_meta(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _tabel(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
        lines.append("  " + "  ".join(cells).rstrip())
        if n == 0:
            lines.append("  " + "  ".join("-" * width for width in widths))
    return lines


def _toon(demo: Demo, url: str, today: dt.date, duur: float | None, database: str) -> None:
    """The start text: where to go, how to log in, and what to look at."""
    werklijst = url
    if demo.peildatum is not None and demo.peildatum != today:
        werklijst = f"{url}?peildatum={demo.peildatum.isoformat()}"
    periode = ""
    if demo.eerste_dag is not None and demo.peildatum is not None:
        periode = f" van {demo.eerste_dag} t/m {demo.peildatum} (peildatum)"
    gebouwd = (
        f"Nieuw gebouwd in {duur:.1f} s".replace(".", ",")
        if duur is not None
        else "Bestaande demo hergebruikt"
    )
    lines = [
        "",
        f"leerrecht demo: {demo.school} (Stichting Demo Onderwijs, regio zuid)",
        f"  {demo.leerlingen} leerlingen, {demo.registraties} registraties{periode}",
        f"  {gebouwd}; database: {database}",
        "",
        f"Open {werklijst} in de browser en log in met een van deze accounts.",
        f"Het wachtwoord is voor iedereen hetzelfde: {demo.wachtwoord}",
        "",
        *_tabel(
            [
                ("gebruikersnaam", "wachtwoord", "rol", "naam", "ziet"),
                *(
                    (a.gebruikersnaam, demo.wachtwoord, a.rol, a.naam, a.ziet)
                    for a in demo.accounts
                ),
            ]
        ),
    ]
    if demo.ketenpartners:
        lines += ["", "Ketenpartners (leerplicht, samenwerkingsverband, jeugdarts):"]
        lines += [f"  {r}" for r in demo.ketenpartners]
    if demo.verhalen:
        lines += ["", "Om naar te kijken (log in als coordinator; klik op de naam):"]
        lines += [f"  - {v.leerling} (groep {v.groep}): {v.wat}" for v in demo.verhalen]
    lines += [
        "",
        "Alle leerlingen zijn verzonnen; gebruik deze demo niet voor echte gegevens.",
        "Stoppen: Ctrl+C. Opnieuw opbouwen: leerrecht demo --opnieuw",
        "",
    ]
    print("\n".join(lines))
