"""``leerrecht manage laad_gemeenten [CSV]``: the yearly update of the CBS municipalities.

Adds new codes, renames by code, and deletes a code that is gone only when nothing refers to it;
reports what changed. Without a path it loads the list that ships with leerrecht
(``data/gemeenten.csv``, see ``data/BRON.md``).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from leerrecht.web.leerplicht.gemeenten import GemeentenFout, laad, lees_csv


class Command(BaseCommand):
    help = (
        "Laad de CBS-lijst van gemeenten (code,naam,provincie): voegt nieuwe toe, hernoemt op "
        "code en verwijdert nooit een gemeente die in gebruik is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "csv", nargs="?", default=None, help="pad naar het CSV-bestand (standaard: meegeleverd)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            rijen = lees_csv(options["csv"])
        except GemeentenFout as exc:
            raise CommandError(str(exc)) from exc
        with transaction.atomic():
            verslag = laad(rijen)
        for kop, regels in (
            ("Toegevoegd", verslag.toegevoegd),
            ("Hernoemd of provincie gewijzigd", verslag.hernoemd),
            ("Verwijderd (niet meer in de lijst, niet in gebruik)", verslag.verwijderd),
            ("Niet meer in de lijst maar in gebruik, blijft staan", verslag.behouden),
        ):
            if regels:
                self.stdout.write(f"{kop} ({len(regels)}):")
                for regel in regels:
                    self.stdout.write(f"  {regel}")
        if not verslag.veranderd and not verslag.behouden:
            self.stdout.write("Geen wijzigingen.")
        self.stdout.write(f"{len(rijen)} gemeenten in de lijst.")
        if verslag.behouden:
            self.stdout.write(
                self.style.WARNING(
                    "Pas het werkgebied van de leerplichtbureaus aan in /beheer/ voor de "
                    "gemeenten die blijven staan."
                )
            )
