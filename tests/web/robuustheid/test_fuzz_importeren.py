"""Fuzzing the web importers against a school in the database: the leerrecht format (CSV and
ZIP), Magister, SOMtoday and ParnasSys exports with the school's code table, and the office's
import from DUO's verzuimloket.

The contract: a parser returns an :class:`~leerrecht.web.importeren.plan.ImportPlan` or raises
:class:`~leerrecht.web.importeren.plan.ImportFout` naming file, line and column (parsers.py: "No
other exception escapes a parser"), and never writes. The verzuimloket reader
(:func:`leerrecht.web.leerplicht.duo_import.lees`) never raises: its errors are Dutch lines in
``fouten``. tests/web/importeren/test_importeren_willekeurig.py has smaller property tests of
the same parsers; these add nearly valid files in every encoding and delimiter.
"""

from __future__ import annotations

import io
import random
import warnings
import zipfile
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from robuust_hulp import beschrijving_ok, codeer, csv_tekst, tekst, tel, uit_zaad
from web_hulp import D, World

from leerrecht.batch.loader import (
    ABSENCE_OPTIONAL,
    ABSENCE_REQUIRED,
    PUPIL_OPTIONAL,
    PUPIL_REQUIRED,
)
from leerrecht.web.importeren.models import CodeKoppeling
from leerrecht.web.importeren.parsers import formaat
from leerrecht.web.importeren.plan import ImportFout, ImportPlan
from leerrecht.web.leerplicht import duo_import
from leerrecht.web.leerplicht.gemeenten import laad, lees_csv
from leerrecht.web.leerplicht.models import Bureau, Gemeente, InboxMelding, Werkgebied
from leerrecht.web.registratie.models import Registratie, RegistratieWijziging
from leerrecht.web.scholen.models import Groep, Leerling


def fuzz(max_examples: int) -> settings:
    return settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


GOED: dict[str, list[str]] = {
    "pupil_id": ["a1", "a2", "b1", "n1", "n2", ""],
    "birth_date": ["2015-03-01", "2016-05-10", "2030-01-01"],
    "enrolled_from": ["2019-08-01", "2025-08-18", ""],
    "enrolled_until": ["", "2026-07-31", "2026-03-03"],
    "municipality": ["Heerlen", ""],
    "group": ["5a", "6b", "7c", ""],
    "startkwalificatie": ["false", "ja", "?"],
    "vo_start": ["", "2027-08-01"],
    "exit_reason": ["", "emigratie", "weg"],
    "next_enrolment_from": ["", "2026-08-01"],
    "first_name": ["Noa", ""],
    "last_name": ["Jansen", ""],
    "date": ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-07", "2026-02-16"],
    "kind": ["absent", "late", ""],
    "reason": ["ziek", "ongeoorloofd", "arts", "schorsing", ""],
    "hours": ["", "0.5", "1", "2,5", "9", "-1"],
    "note": ["", "bus"],
    "code": ["", "Z", "TL", "Q"],
    "moment": ["", "dag", "ochtend", "middag", "1", "3", "9"],
    # LAS exports
    "stamnummer": ["a1", "a2", "b1", "x9"],
    "leerlingnummer": ["a1", "a2", "b1", "x9"],
    "leerling": ["a1", "a2", "b1", "x9"],
    "datum": ["02-03-2026", "2026-03-03", "4/3/2026 08:30", "30-02-2026", "07-03-2026"],
    "lesuur": ["", "1", "2e lesuur", "8", "9"],
    "dagdeel": ["", "ochtend", "o", "nm", "avond"],
    "absentiecode": ["Z", "O", "TL", "z", "Q", ""],
    "waarnemingscode": ["Z", "O", "TL", "Q", ""],
    "reden": ["Z", "Ziek", "O", "Q", ""],
    "omschrijving": ["Ziek", ""],
}
KOPPEN = {
    "magister": ["Stamnummer", "Datum", "Lesuur", "Absentiecode", "Omschrijving"],
    "somtoday": ["Leerlingnummer", "Datum", "Lesuur", "Waarnemingscode", "Omschrijving"],
    "parnassys": ["Leerling", "Datum", "Dagdeel", "Reden"],
}


def _leerrecht(rnd: random.Random) -> bytes:
    kop = PUPIL_REQUIRED + PUPIL_OPTIONAL + ("first_name", "last_name")
    if rnd.randrange(2):
        kop = (*ABSENCE_REQUIRED, *ABSENCE_OPTIONAL, "moment")
    if rnd.randrange(5):
        return codeer(rnd, csv_tekst(rnd, kop, GOED))
    buffer = io.BytesIO()  # a ZIP (DATA_DIR) with both files, maybe broken
    with zipfile.ZipFile(buffer, "w", rnd.choice([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])) as z:
        z.writestr("data/pupils.csv", codeer(rnd, csv_tekst(rnd, PUPIL_REQUIRED, GOED)))
        z.writestr("absences.csv", codeer(rnd, csv_tekst(rnd, ABSENCE_REQUIRED, GOED)))
        if rnd.randrange(3) == 0:
            with warnings.catch_warnings():  # a second absences.csv is on purpose
                warnings.simplefilter("ignore", UserWarning)
                z.writestr(rnd.choice(["school.toml", "absences.csv", "__MACOSX/._x"]), b"x")
    data = bytearray(buffer.getvalue())
    for _ in range(rnd.randrange(3)):
        if data:
            data[rnd.randrange(len(data))] = rnd.randrange(256)  # a damaged byte
    return bytes(data)


def _las(naam: str) -> Any:
    def maker(rnd: random.Random) -> bytes:
        kop = KOPPEN[naam] + ([tekst(rnd)] if rnd.randrange(4) == 0 else [])
        return codeer(rnd, csv_tekst(rnd, kop, GOED))

    return maker


@pytest.fixture
def school(world: World) -> World:
    for code, soort, reden in [
        ("Z", "absent", "ziek"),
        ("O", "absent", "ongeoorloofd"),
        ("TL", "late", "ongeoorloofd"),
        ("ZIEK", "absent", "ziek"),
    ]:
        CodeKoppeling.objects.create(school=world.school, code=code, soort=soort, reden=reden)
    Registratie.objects.create(
        leerling=world.a2, datum=D(2026, 3, 3), moment="dag", soort="absent", reden="ziek"
    )
    return world


def _stand() -> tuple[int, int, int, int, int]:
    return (
        Groep.objects.count(),
        Leerling.objects.count(),
        Registratie.objects.count(),
        RegistratieWijziging.objects.count(),
        InboxMelding.objects.count(),
    )


def _plan_of_fout(world: World, naam: str, data: bytes) -> None:
    try:
        plan = formaat(naam).parse(data, world.school, bestandsnaam="fuzz.csv")
    except ImportFout as exc:
        assert beschrijving_ok(exc.message) and beschrijving_ok(str(exc))
    else:
        assert isinstance(plan, ImportPlan) and plan.totaal <= plan.rijen


@fuzz(4_000)
@given(data=uit_zaad(_leerrecht))
@example(data=b"PK\x05\x06" + b"\x00" * 18)  # an empty ZIP
@example(data=b"pupil_id,birth_date,enrolled_from,last_name\na1,2015-03-01,2019-08-01,Ja\x00n\n")
def test_leerrecht_formaat_geeft_een_plan_of_een_importfout(school: World, data: bytes) -> None:
    tel("importeren leerrecht (CSV, ZIP)")
    voor = _stand()
    _plan_of_fout(school, "leerrecht", data)
    assert _stand() == voor


@fuzz(1_500)
@given(naam=st.sampled_from(sorted(KOPPEN)), zaad=st.integers(0, 2**64))
def test_las_exports_geven_een_plan_of_een_importfout(school: World, naam: str, zaad: int) -> None:
    tel("importeren Magister, SOMtoday, ParnasSys")
    voor = _stand()
    _plan_of_fout(school, naam, _las(naam)(random.Random(zaad)))
    assert _stand() == voor


# -- the verzuimloket import of the office --------------------------------------------------


DUO_GOED: dict[str, list[str]] = {
    "meldingsnummer": ["VM-1", "VM-2", "VM 3", "", "x" * 60],
    "brin": ["99XX00", "", "1234567"],
    "school": ["De Linde", ""],
    "achternaam": ["Jansen", ""],
    "tussenvoegsel": ["de", ""],
    "voornaam": ["Noa", ""],
    "geboortedatum": ["2015-03-01", "01-03-2015", "2099-01-01", "1-3-15"],
    "woongemeente": ["Heerlen", "Sittard-Geleen", "Atlantis", ""],
    "verzuimsoort": ["16 uur", "lrv", "luxe", "18+", "ziek", ""],
    "begindatum": ["2026-03-02", "02/03/2026", "2026-02-30"],
    "einddatum": ["", "2026-03-05", "2026-03-01"],
    "uren": ["", "16,5", "-1", "1e999", "NaN", "sNaN", "Infinity", "100000"],
    "vermoedelijke_reden": ["", "leerling_wil_niet"],
    "toelichting": ["", "Drie dagen weg"],
    "ondernomen_acties": ["", "gebeld"],
    "contactpersoon": ["", "J. de Vries"],
}


def _verzuimloket(rnd: random.Random) -> bytes:
    kop = (*duo_import.VERPLICHT, *duo_import.OPTIONEEL)
    return codeer(rnd, csv_tekst(rnd, kop, DUO_GOED, max_rijen=6))


@pytest.fixture
def bureau(db: None) -> Bureau:
    if not Gemeente.objects.exists():
        laad(lees_csv())
    bureau = Bureau.objects.create(naam="Bureau Leren en Doorstromen Parkstad")
    Werkgebied.objects.create(bureau=bureau, gemeente=Gemeente.objects.get(naam="Heerlen"))
    return bureau


@fuzz(4_000)
@given(data=uit_zaad(_verzuimloket))
@example(data=b"meldingsnummer;school;achternaam;voornaam;geboortedatum;verzuimsoort;"
         b"begindatum;uren\nVM-1;De Linde;Jansen;Noa;2015-03-01;lrv;2026-03-02;sNaN\n")  # fmt: skip
# fixed: 'NaN' or 'sNaN' hours were a decimal.InvalidOperation
@example(data=b"meldingsnummer,school,achternaam,voornaam,geboortedatum,verzuimsoort,begindatum,"
         b"woongemeente\nVM-1,L,J,N,2015-03-01,lrv,2026-03-02," + b"x" * 100_000)  # fmt: skip
# fixed: a woongemeente of 100,000 characters was 'LIKE pattern too complex' from SQLite
@example(data=b"meldingsnummer,school,achternaam,voornaam,geboortedatum,verzuimsoort,begindatum,"
         b"woongemeente\nVM-1,L,J,N,2015-03-01,lrv,2026-03-02,Heer\x00len")  # fmt: skip
# fixed: a NUL byte was a DataError on PostgreSQL
def test_verzuimloket_import_geeft_regels_of_foutmeldingen(bureau: Bureau, data: bytes) -> None:
    tel("verzuimloket (leerplicht)")
    voor = _stand()
    resultaat = duo_import.lees(duo_import.decodeer(data), bureau)
    assert all(isinstance(f, str) and beschrijving_ok(f) for f in resultaat.fouten)
    assert all(beschrijving_ok(o) for o in resultaat.overgeslagen)
    for rij in resultaat.rijen:
        assert rij.meldingsnummer and rij.soort and rij.begin
        assert rij.uren is None or (rij.uren.is_finite() and 0 <= rij.uren < 100_000)
    assert _stand() == voor
