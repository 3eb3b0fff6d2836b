"""``leerrecht manage bewaartermijnen``: the retention plan (dry run) or its execution."""

from __future__ import annotations

import datetime as dt
import json
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from leerrecht.web.bewaartermijnen.plan import PlanVerouderd, als_tekst, bepaal, voer_uit


def _datum(waarde: str) -> dt.date:
    try:
        return dt.date.fromisoformat(waarde)
    except ValueError as exc:
        raise ArgumentTypeError(
            f"'{waarde}' is geen datum; schrijf de peildatum als JJJJ-MM-DD, bv. 2026-08-01."
        ) from exc


class Command(BaseCommand):
    help = (
        "Bewaartermijnen: toont wat zijn bewaartermijn heeft bereikt (proefdraai, verandert "
        "niets); met --uitvoeren wordt het verwijderd of geanonimiseerd en de run vastgelegd."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--peildatum",
            type=_datum,
            default=None,
            help="de dag waarop de termijnen worden berekend (JJJJ-MM-DD; standaard vandaag)",
        )
        parser.add_argument(
            "--uitvoeren",
            action="store_true",
            help="verwijder en anonimiseer echt (alles of niets) en leg de run vast",
        )
        parser.add_argument(
            "--json", action="store_true", help="het rapport als JSON (alleen aantallen)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        peildatum: dt.date = options["peildatum"] or timezone.localdate()
        plan = bepaal(peildatum)
        uitgevoerd = False
        if options["uitvoeren"]:
            try:
                voer_uit(plan)
            except PlanVerouderd as exc:
                raise CommandError(str(exc)) from exc
            uitgevoerd = True
        if options["json"]:
            rapport = plan.rapport()
            rapport["uitgevoerd"] = uitgevoerd
            self.stdout.write(json.dumps(rapport, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(als_tekst(plan, uitgevoerd=uitgevoerd))
