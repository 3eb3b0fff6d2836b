"""``leerrecht manage nachtelijke_evaluatie``: the nightly run, for an installation without
Celery workers (from cron). With a broker it only queues one task per school."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from leerrecht.web import taken


class Command(BaseCommand):
    help = (
        "Werk de bewaarde evaluaties en de DUO-conceptmeldingen van elke school bij "
        "(standaard voor vandaag)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--peildatum", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        peildatum: dt.date | None = options["peildatum"]
        scholen = taken.nachtelijke_evaluatie(peildatum.isoformat() if peildatum else None)
        wijze = "in de wachtrij gezet" if taken.met_worker() else "bijgewerkt"
        self.stdout.write(f"{scholen} scholen {wijze}.")
