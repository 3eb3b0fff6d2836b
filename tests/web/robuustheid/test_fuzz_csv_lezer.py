"""Fuzzing the CSV reader of the web importers without a database: decoding (UTF-8, BOM,
UTF-16, the Windows-1252 fallback of the LAS formats), choosing the delimiter, the header
checks, every row, and the cell readers (ISO and Dutch dates, lesuur, dagdeel, moment, text
length). Everything ends in a value or an :class:`~leerrecht.web.importeren.plan.ImportFout`
naming file, line and column; the full parsers (with a school) are fuzzed in
test_fuzz_importeren.py.
"""

from __future__ import annotations

import random

from hypothesis import example, given, settings
from hypothesis import strategies as st
from robuust_hulp import beschrijving_ok, codeer, csv_tekst, tel, uit_zaad

from leerrecht.batch.loader import (
    ABSENCE_OPTIONAL,
    ABSENCE_REQUIRED,
    PUPIL_OPTIONAL,
    PUPIL_REQUIRED,
)
from leerrecht.web.importeren import parsers
from leerrecht.web.importeren.plan import ImportFout

KOPPEN = [
    PUPIL_REQUIRED + PUPIL_OPTIONAL + parsers.NAAM_KOLOMMEN,
    (*ABSENCE_REQUIRED, *ABSENCE_OPTIONAL, parsers.MOMENT_KOLOM),
    tuple(k.kop for k in parsers.MAGISTER.kolommen()),
    tuple(k.kop for k in parsers.PARNASSYS.kolommen()),
]
GOED: dict[str, list[str]] = {
    "pupil_id": ["a1", ""],
    "birth_date": ["2015-03-01", "2015-3-1"],
    "date": ["2026-03-02", "02-03-2026", "2026-02-30"],
    "datum": ["02-03-2026", "2-3-2026 08:30", "2026-03-02T08:00", "31.12.2025"],
    "lesuur": ["1", "2e lesuur", "8", "9", "", "0"],
    "dagdeel": ["ochtend", "NM", "hele dag", "avond", ""],
    "moment": ["dag", "3", "middag", "10", "x"],
    "hours": ["1", "1,5", "-0", "nan"],
}


def _bestand(rnd: random.Random) -> bytes:
    return codeer(rnd, csv_tekst(rnd, rnd.choice(KOPPEN), GOED, max_rijen=10))


def _lees(data: bytes, streng_utf8: bool) -> int:
    """Read everything the importers read; returns the number of rows."""
    bekend = [c.lower() for kop in KOPPEN for c in kop]
    tabel = parsers.CsvTabel("fuzz.csv", data, bekend, streng_utf8=streng_utf8)
    tabel.controleer(KOPPEN[1][:5], KOPPEN[1][5:], onbekend_mag=not streng_utf8)
    aantal = 0
    for regel, rij in tabel.rijen(streng=streng_utf8):
        aantal += 1
        for kolom, waarde in rij.items():
            for lezer in (parsers._lesuur, parsers._dagdeel, parsers._moment):
                try:
                    lezer(tabel, regel, waarde, kolom)
                except ImportFout as exc:
                    assert beschrijving_ok(exc.message) and exc.line == regel
            for datum in (parsers._iso, parsers._las_datum):
                try:
                    datum(tabel, regel, rij, kolom)
                except ImportFout as exc:
                    assert beschrijving_ok(exc.message) and exc.line == regel
            try:
                parsers._tekst(tabel, regel, rij, kolom, 100)
            except ImportFout as exc:
                assert "te lang" in exc.message
    return aantal


@settings(max_examples=30_000, deadline=None)
@given(data=uit_zaad(_bestand), streng=st.booleans())
@example(data=b"\xff\xfe" + b"\x00" * 3, streng=True)  # UTF-16 BOM with an odd byte count
@example(data=b"pupil_id,date\r\na1,\xe9", streng=False)  # Windows-1252 fallback
def test_csv_lezer_geeft_waarden_of_importfouten(data: bytes, streng: bool) -> None:
    tel("importeren CSV-lezer (zonder database)")
    try:
        _lees(data, streng)
    except ImportFout as exc:
        assert beschrijving_ok(exc.message) and beschrijving_ok(str(exc))
        assert exc.bestand == "fuzz.csv"
