"""The CBS list of Dutch municipalities: read it from CSV and bring the database in line with it.

The shipped file is ``data/gemeenten.csv`` (CBS gemeentelijke indeling op 1 januari 2026; source
and choices in ``data/BRON.md``). :func:`lees_csv` reads and checks such a file without touching
the database; :func:`laad` applies it: new codes are added, a changed name or province is updated
by code, and a code that is no longer listed is deleted only when nothing refers to it (an
office's werkgebied or a jeugdige's woongemeente). Used by the data migration and by the
management command ``laad_gemeenten``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: the list that ships with leerrecht
STANDAARD_CSV = Path(__file__).resolve().parent / "data" / "gemeenten.csv"
KOLOMMEN = ("code", "naam", "provincie")
CODE = re.compile(r"^GM\d{4}$")


class GemeentenFout(ValueError):
    """A file that cannot be loaded; the message names the line (Dutch)."""


@dataclass(frozen=True)
class GemeenteRij:
    code: str
    naam: str
    provincie: str


@dataclass
class Verslag:
    """What :func:`laad` changed, for the command's report."""

    toegevoegd: list[str] = field(default_factory=list)
    hernoemd: list[str] = field(default_factory=list)
    verwijderd: list[str] = field(default_factory=list)
    behouden: list[str] = field(default_factory=list)

    @property
    def veranderd(self) -> bool:
        return bool(self.toegevoegd or self.hernoemd or self.verwijderd)


def lees_csv(bron: Path | str | None = None, tekst: str | None = None) -> list[GemeenteRij]:
    """The rows of a ``code,naam,provincie`` file; raises :class:`GemeentenFout` on a wrong
    header, a wrong code, an empty name, or a code or name that occurs twice."""
    if tekst is None:
        pad = Path(bron) if bron is not None else STANDAARD_CSV
        try:
            tekst = pad.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise GemeentenFout(f"{pad}: kan het bestand niet lezen ({exc})") from exc
    reader = csv.reader(io.StringIO(tekst.lstrip("\ufeff")))
    kop = [k.strip().lower() for k in next(reader, [])]
    if tuple(kop) != KOLOMMEN:
        raise GemeentenFout(
            f"regel 1: de kolommen moeten {','.join(KOLOMMEN)} zijn, niet {','.join(kop) or '(leeg)'}"
        )
    rijen: list[GemeenteRij] = []
    codes: dict[str, int] = {}
    namen: dict[str, int] = {}
    for nummer, velden in enumerate(reader, start=2):
        if not any(v.strip() for v in velden):
            continue
        if len(velden) != len(KOLOMMEN):
            raise GemeentenFout(f"regel {nummer}: {len(velden)} kolommen, verwacht {len(KOLOMMEN)}")
        code, naam, provincie = (v.strip() for v in velden)
        if not CODE.match(code):
            raise GemeentenFout(f"regel {nummer}, kolom code: '{code}' is geen CBS-code (GM0000)")
        if not naam:
            raise GemeentenFout(f"regel {nummer}, kolom naam: de naam ontbreekt")
        if code in codes:
            raise GemeentenFout(
                f"regel {nummer}, kolom code: {code} staat ook al op regel {codes[code]}"
            )
        sleutel = naam.casefold()
        if sleutel in namen:
            raise GemeentenFout(
                f"regel {nummer}, kolom naam: '{naam}' staat ook al op regel {namen[sleutel]}"
            )
        codes[code] = nummer
        namen[sleutel] = nummer
        rijen.append(GemeenteRij(code, naam, provincie))
    if not rijen:
        raise GemeentenFout("het bestand bevat geen gemeenten")
    return rijen


def laad(
    rijen: list[GemeenteRij],
    gemeente_model: Any = None,
    werkgebied_model: Any = None,
    jeugdige_model: Any = None,
) -> Verslag:
    """Bring the Gemeente table in line with ``rijen``; the models may be historical ones (from a
    migration). Run inside a transaction: names are swapped through temporary names."""
    if gemeente_model is None:
        from leerrecht.web.leerplicht.models import Gemeente, Jeugdige, Werkgebied

        gemeente_model, werkgebied_model, jeugdige_model = Gemeente, Werkgebied, Jeugdige
    verslag = Verslag()
    nieuw = {r.code: r for r in rijen}
    bestaand = {g.code: g for g in gemeente_model.objects.all()}

    in_gebruik: set[int] = set()
    if werkgebied_model is not None:
        in_gebruik.update(werkgebied_model.objects.values_list("gemeente_id", flat=True))
    if jeugdige_model is not None:
        in_gebruik.update(
            jeugdige_model.objects.exclude(gemeente=None).values_list("gemeente_id", flat=True)
        )

    # codes that are gone: delete when unused, otherwise keep (and free their name if needed)
    vrije_namen = {r.naam.casefold() for r in rijen}
    for code, gemeente in sorted(bestaand.items()):
        if code in nieuw:
            continue
        if gemeente.pk in in_gebruik:
            verslag.behouden.append(f"{code} {gemeente.naam}")
            if gemeente.naam.casefold() in vrije_namen:
                gemeente.naam = f"{gemeente.naam} (opgeheven, {code})"
                gemeente.save(update_fields=["naam"])
        else:
            verslag.verwijderd.append(f"{code} {gemeente.naam}")
            gemeente.delete()

    # renames by code, through a temporary name so two gemeenten can swap names
    te_wijzigen = [
        (bestaand[r.code], r)
        for r in rijen
        if r.code in bestaand
        and (bestaand[r.code].naam, bestaand[r.code].provincie) != (r.naam, r.provincie)
    ]
    oude_namen = {g.code: g.naam for g, _r in te_wijzigen}
    for gemeente, r in te_wijzigen:
        if gemeente.naam != r.naam:
            gemeente.naam = f"~{r.code}~"
            gemeente.save(update_fields=["naam"])
    for gemeente, r in te_wijzigen:
        oud = oude_namen[r.code]
        if oud != r.naam:
            verslag.hernoemd.append(f"{r.code}: {oud} -> {r.naam}")
        else:
            verslag.hernoemd.append(f"{r.code} {r.naam}: provincie {r.provincie}")
        gemeente.naam = r.naam
        gemeente.provincie = r.provincie
        gemeente.save(update_fields=["naam", "provincie"])

    nieuwe = [r for r in rijen if r.code not in bestaand]
    gemeente_model.objects.bulk_create(
        gemeente_model(code=r.code, naam=r.naam, provincie=r.provincie) for r in nieuwe
    )
    verslag.toegevoegd.extend(f"{r.code} {r.naam}" for r in nieuwe)
    return verslag
