"""Import formats: a registry of parsers that turn an uploaded file into an :class:`ImportPlan`.

Each format is a :class:`Formaat` with a ``naam`` (stored with the import), a ``label`` (shown
in the upload form) and ``parse(data, school) -> ImportPlan``. On bad input, ``parse`` raises
:class:`~leerrecht.web.importeren.plan.ImportFout`, which names the file, line and column and
says how to fix it. No other exception escapes a parser. Nothing is written while parsing. A
new format is one :func:`registreer` call.

Every format reads CSV. The delimiter can be a comma, semicolon or tab: it is chosen from the
header row, or sniffed as in the batch loader. Column names are matched case-insensitively. The
file is UTF-8, with or without a BOM. UTF-16 with a BOM is also read. The LAS formats fall back
to Windows-1252, which is what Excel writes, and say so in a warning.

Rules for every format (see :mod:`leerrecht.web.importeren.plan`): only school days (the
school's calendar in leerrecht), hours within the day's lesson time, the pupil must be known and
enrolled on that day, one registration per pupil, date and moment, and nothing is ever deleted.

``leerrecht``: the batch format of issue 2 (docs/batch-formaat.md)
-------------------------------------------------------------------
Upload ``pupils.csv`` or ``absences.csv``. The header row tells which one it is. Or upload a
ZIP that holds ``pupils.csv`` and/or ``absences.csv`` (a DATA_DIR): then the absences may name
pupils that the same ZIP's ``pupils.csv`` creates. Other files in the ZIP (``school.toml``,
``verlof.csv``, ``handmatig.csv``) are not imported; a warning names them. The school, its
calendar and its LAS codes come from leerrecht itself.

``pupils.csv`` has the columns of the batch format:

- ``pupil_id`` (required): the leerlingnummer, unique in the file.
- ``birth_date`` (required): JJJJ-MM-DD.
- ``enrolled_from``: required for a pupil who is new to the school. If it is empty for an
  existing pupil, that pupil's date stays.
- ``enrolled_until``, ``municipality``, ``group``, ``startkwalificatie``, ``exit_reason``,
  ``next_enrolment_from``: as in the batch format. ``group`` is the group's name; a group that
  does not exist yet is created.
- ``vo_start`` is checked but not stored; the web app has no field for it (a warning says so).
- Web extension: ``first_name`` and ``last_name``. The batch format has no names. A new pupil
  without names gets their leerlingnummer as last name, and a warning says so.

A column that is missing leaves that field of an existing pupil as it is. A column that is
present but has an empty cell means "empty", except ``enrolled_from``, ``first_name`` and
``last_name``: those are required in leerrecht, so an empty cell keeps the existing value.

``absences.csv`` has ``pupil_id``, ``date`` (JJJJ-MM-DD), ``kind`` (absent/late), ``reason``
(the leerrecht reasons), ``hours`` (may be empty) and the optional columns ``note`` and
``code``. ``code`` is a LAS code from the school's code table; then ``kind`` and ``reason`` may
be empty. Web extension: an optional ``moment`` column with ``dag``, ``ochtend``, ``middag`` or
a lesuur ``1`` to ``8``. Without it every row is a whole-day registration, so two rows for one
pupil on one day are a duplicate. An empty ``hours`` means the whole day for ``absent`` (half
the day for ochtend/middag, 1 hour for a lesuur, as the register counts it) and no hours for
``late``.

LAS absence exports: ``magister``, ``somtoday`` and ``parnassys``
-----------------------------------------------------------------
**The column layouts below are leerrecht's documented assumption.** The suppliers publish no
specification of these exports. Check them against a real export of your school before you rely
on them. Other columns are ignored, such as name, class or a free-text remark. Free text is
never imported, because a note in leerrecht may never hold a diagnosis. Every row is one
absence. Its code is looked up in the school's own code table (:class:`CodeKoppeling`, edited
at Importeren › LAS-codes). An unknown code is an error that names the code and the line; it
is never silently dropped. Pupils must already exist at the school: import them first with the
``leerrecht`` format. Dates are DD-MM-JJJJ (also with ``/`` or ``.``, and a time after the date
is ignored) or JJJJ-MM-DD.

- ``magister``: ``Stamnummer;Datum;Lesuur;Absentiecode;Omschrijving``. *Stamnummer* (also
  *Stamnr*) is the leerlingnummer. *Lesuur* is optional: 1-8, empty means the whole day.
  *Absentiecode* (also *Code*) goes through the code table. *Omschrijving* is optional and
  only shown in error messages.
- ``somtoday``: ``Leerlingnummer;Datum;Lesuur;Waarnemingscode;Omschrijving``.
  *Leerlingnummer* (also *Lln.nr*), *Datum*, *Lesuur* (optional, 1-8), *Waarnemingscode*
  (also *Absentiereden*, *Code*) through the code table, and *Omschrijving* (optional).
- ``parnassys``: ``Leerling;Datum;Dagdeel;Reden``. *Leerling* (also *Leerlingnummer*) is the
  leerlingnummer. *Dagdeel* is optional: ``ochtend``/``o``/``vm``, ``middag``/``m``/``nm``,
  or empty or ``hele dag`` for the whole day. *Reden* goes through the code table.

A lesuur counts 1 hour and a dagdeel half the day's lesson time, as in the register.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Literal

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from leerrecht.batch.loader import (
    ABSENCE_OPTIONAL,
    ABSENCE_REQUIRED,
    FALSE_WORDS,
    PUPIL_OPTIONAL,
    PUPIL_REQUIRED,
    TRUE_WORDS,
)
from leerrecht.core.absence import Kind, Reason, VocabularyError, kind_and_reason
from leerrecht.core.model import ExitReason
from leerrecht.web.importeren.plan import (
    ImportFout,
    ImportPlan,
    Kolommen,
    LeerlingInvoer,
    PlanBouwer,
    RegistratieInvoer,
)
from leerrecht.web.registratie.models import Moment
from leerrecht.web.scholen.models import School

#: the largest file (or file inside a ZIP) an import reads
MAX_BYTES = 20 * 1024 * 1024

NAAM_KOLOMMEN = ("first_name", "last_name")
MOMENT_KOLOM = "moment"


def _norm(name: str) -> str:
    return " ".join(name.replace("\ufeff", "").strip().lower().split())


# -- reading CSV ------------------------------------------------------------------------------


def _decodeer(bestand: str, data: bytes, *, streng: bool) -> tuple[str, str]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise ImportFout(
                bestand, f"ongeldige UTF-16 (byte {exc.start}); sla het bestand op als UTF-8"
            ) from None
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as exc:
        if streng:
            raise ImportFout(
                bestand,
                f"geen UTF-8 (byte {exc.start}); sla het bestand op als UTF-8 "
                "(in Excel: 'CSV UTF-8')",
            ) from None
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def _met_scheidingsteken(teken: str) -> type[csv.Dialect]:
    class Gekozen(csv.excel):
        delimiter = teken

    return Gekozen


def _kies_dialect(tekst: str, bekend: Iterable[str]) -> csv.Dialect | type[csv.Dialect]:
    """The delimiter that makes the most known column names appear in the header row.

    Without any known column name, sniff as the batch loader does.
    """
    known = set(bekend)
    lines = tekst.splitlines()
    first = lines[0] if lines else ""
    best, score = "", 0
    for teken in (";", ",", "\t"):
        try:
            cells = next(csv.reader([first], delimiter=teken), [])
        except csv.Error:
            continue
        found = sum(1 for c in cells if _norm(c) in known)
        if found > score:
            best, score = teken, found
    if best:
        return _met_scheidingsteken(best)
    try:
        sniffed: csv.Dialect | type[csv.Dialect] = csv.Sniffer().sniff(
            tekst[:4096], delimiters=",;\t"
        )
        csv.reader([], sniffed)  # the sniffer can guess a dialect the reader refuses
    except (csv.Error, TypeError, ValueError):
        sniffed = csv.excel
    return sniffed


class CsvTabel:
    """A CSV upload: header, rows with their line numbers, and errors that name both."""

    def __init__(
        self, bestand: str, data: bytes, bekend: Iterable[str], *, streng_utf8: bool
    ) -> None:
        self.bestand = bestand
        self.tekst, self.codering = _decodeer(bestand, data, streng=streng_utf8)
        if not self.tekst.strip():
            raise ImportFout(
                bestand, "het bestand is leeg; de eerste regel moet de kolomnamen bevatten", 1
            )
        self.dialect = _kies_dialect(self.tekst, bekend)
        reader = csv.reader(io.StringIO(self.tekst, newline=""), self.dialect)
        try:
            header = next(reader, [])
        except csv.Error as exc:
            raise ImportFout(bestand, f"de kopregel is onleesbaar: {exc}", 1) from None
        self.kop = [h.replace("\ufeff", "").strip() for h in header]
        self.kolommen = [_norm(h) for h in header]
        self.origineel = dict(zip(self.kolommen, self.kop, strict=True))

    def fout(self, regel: int | None, kolom: str | None, melding: str) -> ImportFout:
        shown = self.origineel.get(kolom, kolom) if kolom is not None else None
        return ImportFout(self.bestand, melding, regel, shown)

    def controleer(
        self, verplicht: Iterable[str], optioneel: Iterable[str], *, onbekend_mag: bool
    ) -> None:
        required, optional = tuple(verplicht), tuple(optioneel)
        found = ", ".join(self.kop) or "(geen)"
        missing = [c for c in required if c not in self.kolommen]
        if missing:
            raise self.fout(
                1,
                None,
                f"verplichte kolom(men) ontbreken: {', '.join(missing)} (gevonden: {found})",
            )
        if not onbekend_mag:
            unknown = [c for c in self.kolommen if c and c not in required + optional]
            if unknown:
                allowed = ", ".join(required + optional)
                raise self.fout(
                    1, None, f"onbekende kolom(men): {', '.join(unknown)}; toegestaan: {allowed}"
                )
        used = set(required + optional) if onbekend_mag else set(self.kolommen)
        dupes = sorted({c for c in self.kolommen if c and c in used and self.kolommen.count(c) > 1})
        if dupes:
            raise self.fout(1, None, f"kolom(men) dubbel: {', '.join(dupes)}")

    def rijen(self, *, streng: bool) -> Iterator[tuple[int, dict[str, str]]]:
        """(line, {column: value}); blank lines are skipped. ``streng``: no extra fields."""
        reader = csv.reader(io.StringIO(self.tekst, newline=""), self.dialect)
        width = len(self.kolommen)
        try:
            next(reader, None)
            while True:
                start = reader.line_num + 1
                values = next(reader, None)
                if values is None:
                    return
                if not any(v.strip() for v in values):
                    continue
                if len(values) > width and (streng or any(v.strip() for v in values[width:])):
                    raise self.fout(
                        start,
                        None,
                        f"{len(values)} velden, maar de kop heeft {width} kolommen "
                        "(een scheidingsteken te veel, of een veld met een scheidingsteken "
                        "zonder aanhalingstekens?)",
                    )
                nul = next((i for i, v in enumerate(values) if "\x00" in v), None)
                if nul is not None:  # PostgreSQL cannot store text with a NUL byte
                    raise self.fout(
                        start,
                        self.kolommen[nul] if nul < width else None,
                        "bevat een nul-teken (0x00); sla het bestand opnieuw op als CSV",
                    )
                if len(values) < width:
                    raise self.fout(
                        start,
                        self.kolommen[len(values)],
                        f"{len(values)} velden, maar de kop heeft {width} kolommen; "
                        f"kolom '{self.kop[len(values)]}' en verder ontbreken",
                    )
                yield start, {c: v.strip() for c, v in zip(self.kolommen, values, strict=False)}
        except csv.Error as exc:
            raise self.fout(reader.line_num or 1, None, f"onleesbare regel: {exc}") from None


# -- values -----------------------------------------------------------------------------------


def _iso(tabel: CsvTabel, regel: int, row: dict[str, str], kolom: str) -> dt.date | None:
    """An ISO date (JJJJ-MM-DD) as in the batch format; None when empty."""
    value = row.get(kolom, "")
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise tabel.fout(
            regel, kolom, f"{value!r} is geen geldige datum; schrijf JJJJ-MM-DD"
        ) from None


def _iso_verplicht(tabel: CsvTabel, regel: int, row: dict[str, str], kolom: str) -> dt.date:
    day = _iso(tabel, regel, row, kolom)
    if day is None:
        raise tabel.fout(regel, kolom, f"'{kolom}' is leeg; vul een datum in (JJJJ-MM-DD)")
    return day


_NL_DATUM = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_ISO_DATUM = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIJD = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"


def _las_datum(tabel: CsvTabel, regel: int, row: dict[str, str], kolom: str) -> dt.date:
    value = row.get(kolom, "")
    if not value:
        raise tabel.fout(regel, kolom, "de datum is leeg; schrijf DD-MM-JJJJ")
    nl = re.fullmatch(_NL_DATUM.pattern + _TIJD, value)
    iso = re.fullmatch(_ISO_DATUM.pattern + _TIJD, value)
    try:
        if nl:
            return dt.date(int(nl.group(3)), int(nl.group(2)), int(nl.group(1)))
        if iso:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    except ValueError:
        raise tabel.fout(regel, kolom, f"{value!r}: deze datum bestaat niet") from None
    raise tabel.fout(regel, kolom, f"{value!r} is geen datum; schrijf DD-MM-JJJJ of JJJJ-MM-DD")


_DAGDELEN = {
    "": Moment.DAG,
    "dag": Moment.DAG,
    "hele dag": Moment.DAG,
    "heledag": Moment.DAG,
    "ochtend": Moment.OCHTEND,
    "o": Moment.OCHTEND,
    "vm": Moment.OCHTEND,
    "morgen": Moment.OCHTEND,
    "middag": Moment.MIDDAG,
    "m": Moment.MIDDAG,
    "nm": Moment.MIDDAG,
}
_LESUUR = re.compile(r"(\d{1,2})\s*(?:e|ste|de)?(?:\s*(?:lesuur|uur))?", re.IGNORECASE)


def _lesuur(tabel: CsvTabel, regel: int, value: str, kolom: str) -> str:
    if not value:
        return Moment.DAG.value
    match = _LESUUR.fullmatch(value)
    if match is None or not 1 <= int(match.group(1)) <= 8:
        raise tabel.fout(
            regel,
            kolom,
            f"lesuur {value!r} kan leerrecht niet registreren; gebruik 1 tot en met 8, "
            "of laat het leeg voor de hele dag",
        )
    return str(int(match.group(1)))


def _dagdeel(tabel: CsvTabel, regel: int, value: str, kolom: str) -> str:
    found = _DAGDELEN.get(_norm(value))
    if found is None:
        raise tabel.fout(
            regel, kolom, f"dagdeel {value!r} is onbekend; gebruik ochtend, middag of hele dag"
        )
    return found.value


def _moment(tabel: CsvTabel, regel: int, value: str, kolom: str) -> str:
    """The ``moment`` column of the leerrecht format: dag, ochtend, middag or lesuur 1-8."""
    if _norm(value) in _DAGDELEN:
        return _dagdeel(tabel, regel, value, kolom)
    if value.isdigit():
        return _lesuur(tabel, regel, value, kolom)
    raise tabel.fout(
        regel, kolom, f"moment {value!r} is onbekend; gebruik dag, ochtend, middag of 1 tot 8"
    )


def _tekst(tabel: CsvTabel, regel: int, row: dict[str, str], kolom: str, maximum: int) -> str:
    value = row.get(kolom, "")
    if len(value) > maximum:
        raise tabel.fout(regel, kolom, f"te lang: {len(value)} tekens, hooguit {maximum}")
    return value


# -- the leerrecht format ---------------------------------------------------------------------

KOLOMMEN_LEERRECHT = Kolommen(leerling="pupil_id", datum="date", uren="hours", moment="date")


def _lees_pupils(bouwer: PlanBouwer, tabel: CsvTabel) -> None:
    tabel.controleer(PUPIL_REQUIRED, PUPIL_OPTIONAL + NAAM_KOLOMMEN, onbekend_mag=False)
    present = set(tabel.kolommen)
    today = dt.date.today()
    nameless = 0
    for regel, row in tabel.rijen(streng=True):
        nummer = row["pupil_id"]
        if not nummer:
            raise tabel.fout(regel, "pupil_id", "pupil_id is leeg")
        if len(nummer) > 40:
            raise tabel.fout(regel, "pupil_id", "pupil_id is langer dan 40 tekens")
        existing = bouwer.bestaande_leerling(nummer)
        birth = _iso_verplicht(tabel, regel, row, "birth_date")
        if birth > today or birth.year < 1900:
            raise tabel.fout(regel, "birth_date", f"geboortedatum {birth} is onmogelijk")
        waarden: dict[str, object] = {"geboortedatum": birth}
        vanaf = _iso(tabel, regel, row, "enrolled_from")
        if vanaf is not None:
            waarden["ingeschreven_vanaf"] = vanaf
        elif existing is None:
            raise tabel.fout(
                regel,
                "enrolled_from",
                f"enrolled_from is leeg; leerling {nummer} is nieuw op {bouwer.school.naam} "
                "en heeft een inschrijfdatum nodig (JJJJ-MM-DD)",
            )
        else:
            vanaf = existing.ingeschreven_vanaf
        if "enrolled_until" in present:
            tot = _iso(tabel, regel, row, "enrolled_until")
            waarden["ingeschreven_tot"] = tot
        else:
            tot = existing.ingeschreven_tot if existing else None
        if tot is not None and tot < vanaf:
            raise tabel.fout(
                regel,
                "enrolled_until",
                f"uitschrijfdatum {tot} ligt voor inschrijfdatum {vanaf}",
            )
        if vanaf < birth:
            raise tabel.fout(regel, "enrolled_from", "inschrijfdatum ligt voor de geboortedatum")
        if "municipality" in present:
            waarden["woongemeente"] = _tekst(tabel, regel, row, "municipality", 100)
        if "group" in present:
            waarden["groep"] = _tekst(tabel, regel, row, "group", 50)
        if "startkwalificatie" in present:
            value = row["startkwalificatie"].lower()
            if value not in TRUE_WORDS | FALSE_WORDS:
                raise tabel.fout(
                    regel,
                    "startkwalificatie",
                    f"{value!r} is geen ja/nee; gebruik true of false",
                )
            waarden["startkwalificatie"] = value in TRUE_WORDS
        if _iso(tabel, regel, row, "vo_start") is not None:
            bouwer.waarschuw(
                "De kolom vo_start is gecontroleerd maar niet opgeslagen: de webversie van "
                "leerrecht heeft (nog) geen veld voor de eerste dag voortgezet onderwijs."
            )
        if "exit_reason" in present:
            reden = row["exit_reason"].lower()
            if reden and reden not in {e.value for e in ExitReason}:
                raise tabel.fout(
                    regel,
                    "exit_reason",
                    f"{row['exit_reason']!r} is onbekend; kies nieuwe_school, emigratie, "
                    "vrijstelling of verwijderd_so",
                )
            waarden["uitschrijfreden"] = reden
        if "next_enrolment_from" in present:
            waarden["nieuwe_inschrijving_vanaf"] = _iso(tabel, regel, row, "next_enrolment_from")
        for kolom, veld in (("first_name", "voornaam"), ("last_name", "achternaam")):
            naam = _tekst(tabel, regel, row, kolom, 100) if kolom in present else ""
            if naam:  # names are required fields: an empty cell keeps the existing name
                waarden[veld] = naam
        if existing is None and not waarden.get("voornaam") and not waarden.get("achternaam"):
            waarden["achternaam"] = nummer
            nameless += 1
        bouwer.leerling(LeerlingInvoer(tabel.bestand, regel, nummer, waarden), "pupil_id")
    if nameless:
        bouwer.waarschuw(
            f"{nameless} nieuwe leerling(en) zonder naam: het bestand heeft geen kolommen "
            "first_name en last_name. Zij krijgen hun leerlingnummer als achternaam; vul de "
            "namen later aan (of voeg de kolommen toe en importeer opnieuw)."
        )


def _soort_reden(
    bouwer: PlanBouwer, tabel: CsvTabel, regel: int, row: dict[str, str]
) -> tuple[Kind, Reason]:
    code = row.get("code", "")
    try:
        return kind_and_reason(
            row["kind"],
            row["reason"],
            code,
            lambda c: bouwer.code(tabel.bestand, regel, "code", c),
        )
    except VocabularyError as exc:
        raise tabel.fout(regel, exc.column, exc.message) from None


def _lees_absences(bouwer: PlanBouwer, tabel: CsvTabel, onbekend: str) -> None:
    tabel.controleer(ABSENCE_REQUIRED, (*ABSENCE_OPTIONAL, MOMENT_KOLOM), onbekend_mag=False)
    has_note = "note" in tabel.kolommen
    kolommen = KOLOMMEN_LEERRECHT
    if MOMENT_KOLOM in tabel.kolommen:
        kolommen = Kolommen(leerling="pupil_id", datum="date", uren="hours", moment="moment")
    for regel, row in tabel.rijen(streng=True):
        nummer = row["pupil_id"]
        if not nummer:
            raise tabel.fout(regel, "pupil_id", "pupil_id is leeg")
        day = _iso_verplicht(tabel, regel, row, "date")
        kind, reason = _soort_reden(bouwer, tabel, regel, row)
        hours: float | None = None
        if row["hours"]:
            try:
                hours = float(row["hours"].replace(",", "."))
            except ValueError:
                raise tabel.fout(
                    regel, "hours", f"{row['hours']!r} is geen getal (uren, bijvoorbeeld 1.5)"
                ) from None
            if hours < 0 or hours != hours:
                raise tabel.fout(
                    regel, "hours", f"{row['hours']!r}: uren kunnen niet negatief zijn"
                )
        moment = _moment(tabel, regel, row.get(MOMENT_KOLOM, ""), MOMENT_KOLOM)
        note = _tekst(tabel, regel, row, "note", 500) if has_note else None
        invoer = RegistratieInvoer(
            tabel.bestand, regel, nummer, day, moment, kind, reason, hours, note
        )
        bouwer.registratie(invoer, kolommen, onbekend)


def _uit_zip(bestand: str, data: bytes) -> tuple[dict[str, tuple[str, bytes]], list[str]]:
    """pupils.csv and absences.csv from a ZIP (in any folder), and the names of other files."""
    found: dict[str, tuple[str, bytes]] = {}
    ignored: list[str] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                path = PurePosixPath(info.filename)
                base = path.name.lower()
                if "__macosx" in info.filename.lower() or base.startswith("._"):
                    continue
                if base not in ("pupils.csv", "absences.csv"):
                    ignored.append(info.filename)
                    continue
                if base in found:
                    raise ImportFout(
                        bestand,
                        f"het ZIP-bestand bevat {base} twee keer ({found[base][0]} en "
                        f"{info.filename})",
                    )
                if info.file_size > MAX_BYTES:
                    raise ImportFout(bestand, f"{info.filename} is groter dan 20 MB")
                with archive.open(info) as handle:
                    content = handle.read(MAX_BYTES + 1)
                if len(content) > MAX_BYTES:
                    raise ImportFout(bestand, f"{info.filename} is groter dan 20 MB")
                found[base] = (info.filename, content)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        RuntimeError,
        EOFError,
        OSError,
        ValueError,
        zlib.error,
    ) as exc:
        raise ImportFout(bestand, f"geen leesbaar ZIP-bestand ({exc})") from None
    if not found:
        raise ImportFout(
            bestand, "het ZIP-bestand bevat geen pupils.csv en geen absences.csv (zie de uitleg)"
        )
    return found, ignored


def lees_leerrecht(data: bytes, school: School, bestandsnaam: str) -> ImportPlan:
    bouwer = PlanBouwer(school, "leerrecht")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        found, ignored = _uit_zip(bestandsnaam or "upload.zip", data)
        if ignored:
            bouwer.waarschuw(
                "Niet geïmporteerd (alleen pupils.csv en absences.csv worden gelezen; school, "
                f"kalender en codes komen uit leerrecht): {', '.join(sorted(ignored))}."
            )
        if "pupils.csv" in found:
            naam, inhoud = found["pupils.csv"]
            _lees_pupils(bouwer, CsvTabel(naam, inhoud, PUPIL_REQUIRED, streng_utf8=True))
        if "absences.csv" in found:
            naam, inhoud = found["absences.csv"]
            hint = " en staat niet in pupils.csv" if "pupils.csv" in found else ""
            hint += "; importeer eerst de leerlingen (pupils.csv)"
            tabel = CsvTabel(naam, inhoud, ABSENCE_REQUIRED, streng_utf8=True)
            _lees_absences(bouwer, tabel, hint)
        return bouwer.maak()
    tabel = CsvTabel(
        bestandsnaam or "upload.csv",
        data,
        (*PUPIL_REQUIRED, *ABSENCE_REQUIRED),
        streng_utf8=True,
    )
    if "birth_date" in tabel.kolommen:
        _lees_pupils(bouwer, tabel)
    elif "date" in tabel.kolommen or "kind" in tabel.kolommen:
        _lees_absences(bouwer, tabel, "; importeer eerst de leerlingen (pupils.csv)")
    else:
        raise tabel.fout(
            1,
            None,
            "de kolommen passen niet bij pupils.csv (pupil_id, birth_date, …) of "
            f"absences.csv (pupil_id, date, kind, reason, hours); gevonden: "
            f"{', '.join(tabel.kop) or '(geen)'}",
        )
    return bouwer.maak()


# -- the LAS absence exports ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LasKolom:
    kop: str
    aliassen: tuple[str, ...] = ()

    @property
    def namen(self) -> tuple[str, ...]:
        return (_norm(self.kop), *(_norm(a) for a in self.aliassen))


@dataclass(frozen=True, slots=True)
class LasIndeling:
    """The documented column layout of one LAS absence export."""

    leerling: LasKolom
    datum: LasKolom
    moment: LasKolom
    moment_soort: Literal["lesuur", "dagdeel"]
    code: LasKolom
    omschrijving: LasKolom | None = None

    def kolommen(self) -> list[LasKolom]:
        optional = [self.omschrijving] if self.omschrijving else []
        return [self.leerling, self.datum, self.moment, self.code, *optional]

    def kop(self) -> str:
        return ";".join(k.kop for k in self.kolommen())


def lees_las(
    naam: str, indeling: LasIndeling, data: bytes, school: School, bestand: str
) -> ImportPlan:
    bouwer = PlanBouwer(school, naam)
    known = [n for k in indeling.kolommen() for n in k.namen]
    tabel = CsvTabel(bestand or f"{naam}.csv", data, known, streng_utf8=False)
    if tabel.codering == "Windows-1252":
        bouwer.waarschuw(
            "Het bestand is geen UTF-8 en is gelezen als Windows-1252 (Excel). Controleer "
            "letters met accenten in het voorbeeld."
        )

    def column(kolom: LasKolom | None) -> str | None:
        if kolom is None:
            return None
        return next((n for n in kolom.namen if n in tabel.kolommen), None)

    leerling, datum, code = column(indeling.leerling), column(indeling.datum), column(indeling.code)
    moment, omschrijving = column(indeling.moment), column(indeling.omschrijving)
    missing = [
        k.kop
        for k, c in ((indeling.leerling, leerling), (indeling.datum, datum), (indeling.code, code))
        if c is None
    ]
    if leerling is None or datum is None or code is None:
        raise tabel.fout(
            1,
            None,
            f"verplichte kolom(men) ontbreken: {', '.join(missing)}; verwacht "
            f"{indeling.kop()} (gevonden: {', '.join(tabel.kop) or '(geen)'})",
        )
    tabel.controleer(
        [c for c in (leerling, datum, code, moment, omschrijving) if c], (), onbekend_mag=True
    )
    shown = tabel.origineel
    kolommen = Kolommen(
        leerling=shown[leerling],
        datum=shown[datum],
        uren=shown[moment] if moment else shown[datum],
        moment=shown[moment] if moment else shown[datum],
    )
    hint = "; importeer eerst de leerlingen (formaat leerrecht, pupils.csv)"
    for regel, row in tabel.rijen(streng=False):
        nummer = row[leerling]
        if not nummer:
            raise tabel.fout(regel, leerling, f"'{shown[leerling]}' is leeg")
        day = _las_datum(tabel, regel, row, datum)
        value = row.get(moment, "") if moment else ""
        if indeling.moment_soort == "lesuur":
            wanneer = _lesuur(tabel, regel, value, moment or "")
        else:
            wanneer = _dagdeel(tabel, regel, value, moment or "")
        extra = row.get(omschrijving, "") if omschrijving else ""
        kind, reason = bouwer.code(tabel.bestand, regel, shown[code], row[code], extra)
        invoer = RegistratieInvoer(
            tabel.bestand, regel, nummer, day, wanneer, kind, reason, None, None
        )
        bouwer.registratie(invoer, kolommen, hint)
    return bouwer.maak()


MAGISTER = LasIndeling(
    leerling=LasKolom("Stamnummer", ("Stamnr", "Stamnr.")),
    datum=LasKolom("Datum"),
    moment=LasKolom("Lesuur", ("Uur",)),
    moment_soort="lesuur",
    code=LasKolom("Absentiecode", ("Code",)),
    omschrijving=LasKolom("Omschrijving"),
)
SOMTODAY = LasIndeling(
    leerling=LasKolom("Leerlingnummer", ("Lln.nr", "Llnr")),
    datum=LasKolom("Datum"),
    moment=LasKolom("Lesuur", ("Uur",)),
    moment_soort="lesuur",
    code=LasKolom("Waarnemingscode", ("Absentiereden", "Code")),
    omschrijving=LasKolom("Omschrijving"),
)
PARNASSYS = LasIndeling(
    leerling=LasKolom("Leerling", ("Leerlingnummer",)),
    datum=LasKolom("Datum"),
    moment=LasKolom("Dagdeel"),
    moment_soort="dagdeel",
    code=LasKolom("Reden", ("Code",)),
)


# -- the registry -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Formaat:
    """An import format. ``parse`` returns a plan or raises :class:`ImportFout`."""

    naam: str
    label: StrOrPromise
    uitleg: StrOrPromise
    lezer: Callable[[bytes, School, str], ImportPlan]

    def parse(self, data: bytes, school: School, *, bestandsnaam: str = "") -> ImportPlan:
        return self.lezer(data, school, bestandsnaam)


FORMATEN: dict[str, Formaat] = {}


def registreer(formaat: Formaat) -> Formaat:
    if formaat.naam in FORMATEN:
        raise ValueError(f"importformaat {formaat.naam!r} bestaat al")
    FORMATEN[formaat.naam] = formaat
    return formaat


def formaat(naam: str) -> Formaat:
    try:
        return FORMATEN[naam]
    except KeyError:
        raise ImportFout(naam, f"onbekend importformaat {naam!r}") from None


def keuzes() -> list[tuple[str, StrOrPromise]]:
    return [(f.naam, f.label) for f in FORMATEN.values()]


def _las(naam: str, indeling: LasIndeling) -> Callable[[bytes, School, str], ImportPlan]:
    def lezer(data: bytes, school: School, bestand: str) -> ImportPlan:
        return lees_las(naam, indeling, data, school, bestand)

    return lezer


registreer(
    Formaat(
        "leerrecht",
        _("leerrecht (pupils.csv, absences.csv of een ZIP met beide)"),
        _(
            "Het batchformaat van leerrecht: pupils.csv (pupil_id, birth_date, enrolled_from, "
            "group, …, optioneel first_name, last_name) of absences.csv (pupil_id, date, kind, "
            "reason, hours, optioneel note, code, moment). Een ZIP met beide bestanden "
            "importeert leerlingen en verzuim in één keer."
        ),
        lees_leerrecht,
    )
)
registreer(
    Formaat(
        "magister",
        _("Magister (absenties)"),
        _(
            "Kolommen Stamnummer;Datum;Lesuur;Absentiecode;Omschrijving. Dit is de indeling "
            "die leerrecht aanneemt; controleer haar met een echte export."
        ),
        _las("magister", MAGISTER),
    )
)
registreer(
    Formaat(
        "somtoday",
        _("SOMtoday (absenties)"),
        _(
            "Kolommen Leerlingnummer;Datum;Lesuur;Waarnemingscode;Omschrijving. Dit is de "
            "indeling die leerrecht aanneemt; controleer haar met een echte export."
        ),
        _las("somtoday", SOMTODAY),
    )
)
registreer(
    Formaat(
        "parnassys",
        _("ParnasSys (absenties)"),
        _(
            "Kolommen Leerling;Datum;Dagdeel;Reden. Dit is de indeling die leerrecht "
            "aanneemt; controleer haar met een echte export."
        ),
        _las("parnassys", PARNASSYS),
    )
)
