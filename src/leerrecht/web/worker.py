"""``leerrecht worker``: a Celery worker for the background tasks (:mod:`leerrecht.web.taken`).

Equivalent to ``celery -A leerrecht.web.taken worker -c N``; it needs a broker
(``LEERRECHT_CELERY_BROKER``, for example ``redis://127.0.0.1:6379/0``) and the same database
settings as the web application. Start as many workers (on as many machines) as you like; give
exactly one of them ``--beat`` for the nightly schedule.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

EXIT_INVOER = 2


class WorkerFout(Exception):
    """Wrong input or no broker: a Dutch message, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise WorkerFout(f"{message.removeprefix('argument ')} (zie 'leerrecht worker --help')")


def _getal(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is geen geheel getal") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="leerrecht worker",
        description=(
            "Start een Celery-worker voor de achtergrondtaken: de nachtelijke evaluatie per "
            "school, imports en brieven per e-mail. Vereist LEERRECHT_CELERY_BROKER."
        ),
    )
    parser.add_argument(
        "-c",
        "--concurrency",
        type=_getal,
        default=os.cpu_count() or 1,
        metavar="N",
        help="aantal taken tegelijk (processen; standaard: het aantal cores)",
    )
    parser.add_argument(
        "--beat",
        action="store_true",
        help="start ook het nachtelijke schema (celery beat); bij precies één worker",
    )
    parser.add_argument(
        "--loglevel",
        default="INFO",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="logniveau (standaard: INFO)",
    )
    return parser


def main(argv: Sequence[str]) -> int:
    try:
        args = build_parser().parse_args(list(argv))
        if args.concurrency < 1:
            raise WorkerFout(f"--concurrency: kies 1 of meer (niet {args.concurrency})")
        if not os.environ.get("LEERRECHT_CELERY_BROKER", "").strip():
            raise WorkerFout(
                "geen broker ingesteld: zet LEERRECHT_CELERY_BROKER, bijvoorbeeld "
                "redis://127.0.0.1:6379/0 (zonder broker lopen alle taken direct in de "
                "webapplicatie en is er geen worker nodig)"
            )
    except WorkerFout as exc:
        sys.stderr.write(f"leerrecht worker: {exc}\n")
        return EXIT_INVOER

    from django.conf import settings

    from leerrecht.web.taken import app

    opties = [f"--concurrency={args.concurrency}", f"--loglevel={args.loglevel}"]
    if args.beat:
        schema = settings.DATA_DIR / "celerybeat-schedule"
        schema.parent.mkdir(parents=True, exist_ok=True)
        opties += ["--beat", f"--schedule-filename={schema}"]
    app.worker_main(["worker", *opties])
    return 0
