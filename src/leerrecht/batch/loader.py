"""Read a DATA_DIR (school.toml, pupils.csv, absences.csv, optional verlof.csv).

The format is documented in docs/batch-formaat.md. Every problem stops the load with an
:class:`InputError` naming file, line and column; nothing is evaluated on partial data.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leerrecht.batch.errors import InputError
from leerrecht.core.absence import (
    CodeMapping,
    Kind,
    Reason,
    Registration,
    VocabularyError,
    kind_and_reason,
)
from leerrecht.core.calendar import (
    DAGDEEL_HOURS,
    WEEKDAYS,
    CalendarError,
    ClosedDay,
    SchoolCalendar,
    Vacation,
    build_calendar,
    school_year_start,
)
from leerrecht.core.model import (
    ExitReason,
    ManualStep,
    Pupil,
    School,
    Sector,
    Verlof,
    VerlofSoort,
    VerlofStatus,
)
from leerrecht.core.vacations import Region, shipped_vacations

TRUE_WORDS = {"true", "ja", "j", "yes", "y", "1", "waar"}
FALSE_WORDS = {"false", "nee", "n", "no", "0", "onwaar", ""}


@dataclass(frozen=True, slots=True)
class SchoolData:
    school: School
    pupils: tuple[Pupil, ...]
    registrations: tuple[Registration, ...]
    verloven: tuple[Verlof, ...]
    codes: CodeMapping | None = None
    manual: tuple[ManualStep, ...] = ()
    manual_path: Path | None = None

    def pupil(self, pupil_id: str) -> Pupil | None:
        return next((p for p in self.pupils if p.pupil_id == pupil_id), None)


# -- school.toml ------------------------------------------------------------------------------


def _line_of(text: str, key: str, occurrence: int = 0, table: str | None = None) -> int | None:
    """The line where ``key`` is set (or a ``[key]``/``[[key]]`` table starts).

    With ``table``, only that table's section is searched; otherwise keys of the top-level table
    are only looked for before the first table header, so a ``name`` inside a ``[[closed]]``
    table is not mistaken for the school's name.
    """
    pattern = re.compile(rf"^\s*\[*\s*{re.escape(key)}\s*[\]=]", re.MULTILINE)
    headers = [m.start() for m in re.finditer(r"^\s*\[", text, re.MULTILINE)]
    lo, hi = 0, len(text)
    if table is not None:
        header = re.search(rf"^\s*\[\s*{re.escape(table)}\s*\]", text, re.MULTILINE)
        if header is None:
            return None
        lo = header.end()
        hi = next((h for h in headers if h > header.start()), len(text))
    elif re.search(rf"^\s*\[+\s*{re.escape(key)}\s*\]", text, re.MULTILINE) is None and headers:
        hi = headers[0]
    matches = [m for m in pattern.finditer(text) if lo <= m.start() < hi]
    if len(matches) <= occurrence:
        return None
    return text.count("\n", 0, matches[occurrence].start()) + 1


def _array_item_line(text: str, table: str, index: int, key: str) -> int | None:
    """The line of ``key`` inside the ``index``-th ``[[table]]`` (else the table's header)."""
    headers = list(re.finditer(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]", text, re.MULTILINE))
    if index >= len(headers):
        return None
    start = headers[index].end()
    following = re.search(r"^\s*\[", text[start:], re.MULTILINE)
    end = start + following.start() if following else len(text)
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text[start:end], re.MULTILINE)
    position = start + match.start() if match else headers[index].start()
    return text.count("\n", 0, position) + 1


def _toml_date(path: Path, text: str, value: Any, key: str, table: str, index: int) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(
        path,
        f"[[{table}]] nr. {index + 1}: {key} = {value!r} is geen datum; schrijf JJJJ-MM-DD",
        line=_array_item_line(text, table, index, key),
        column=key,
    )


def load_school(path: Path) -> tuple[School, CodeMapping | None]:
    if not path.exists():
        raise InputError(path, "bestand ontbreekt; elke DATA_DIR heeft een school.toml")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"geen UTF-8 (byte {exc.start}); sla het bestand op als UTF-8"
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+), column (\d+)", str(exc))
        raise InputError(
            path,
            f"ongeldige TOML: {exc}",
            line=int(match.group(1)) if match else None,
            column=int(match.group(2)) if match else None,
        ) from None

    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InputError(
            path,
            "'name' (de naam van de school) ontbreekt",
            line=_line_of(text, "name"),
            column="name",
        )
    try:
        sector = Sector(str(data.get("sector", "")).lower())
    except ValueError:
        raise InputError(
            path,
            f"sector {data.get('sector')!r} is onbekend; kies uit po, so, vo, mbo",
            line=_line_of(text, "sector"),
            column="sector",
        ) from None

    unit = str(data.get("hours_unit", "klokuren")).lower()
    if unit not in ("klokuren", "dagdelen"):
        raise InputError(
            path,
            f"hours_unit {unit!r} is onbekend; kies klokuren of dagdelen",
            line=_line_of(text, "hours_unit"),
            column="hours_unit",
        )
    factor = DAGDEEL_HOURS if unit == "dagdelen" else 1.0

    raw_hours = data.get("hours")
    if not isinstance(raw_hours, dict):
        raise InputError(
            path, "de tabel [hours] met lesuren per weekdag (mon..fri) ontbreekt", column="hours"
        )
    hours: dict[int, float] = {}
    for key, value in raw_hours.items():
        if key not in WEEKDAYS:
            raise InputError(
                path,
                f"[hours] {key!r} is geen weekdag; gebruik mon, tue, wed, thu, fri",
                line=_line_of(text, key, table="hours"),
                column=key,
            )
        if (
            not isinstance(value, int | float)
            or isinstance(value, bool)
            or value < 0
            or value * factor > 12
        ):
            raise InputError(
                path,
                f"[hours] {key} = {value!r} moet een getal tussen 0 en 12 klokuren zijn",
                line=_line_of(text, key, table="hours"),
                column=key,
            )
        hours[WEEKDAYS.index(key)] = float(value) * factor
    if not any(v > 0 for v in hours.values()):
        raise InputError(
            path,
            "[hours] geeft op geen enkele weekdag lestijd",
            line=_line_of(text, "hours"),
            column="hours",
        )

    vacations: list[Vacation] = []
    covered: set[int] = set()
    region_value = data.get("region")
    own = data.get("vacation", [])
    if not isinstance(own, list):
        raise InputError(
            path,
            "vacation moet een lijst [[vacation]]-tabellen zijn",
            line=_line_of(text, "vacation"),
        )
    own_vacations: list[Vacation] = []
    for i, item in enumerate(own):
        start = _toml_date(path, text, item.get("start"), "start", "vacation", i)
        end = _toml_date(path, text, item.get("end"), "end", "vacation", i)
        if end < start:
            raise InputError(
                path,
                f"[[vacation]] nr. {i + 1}: end {end} ligt voor start {start}",
                line=_line_of(text, "vacation", i),
                column="end",
            )
        own_vacations.append(Vacation(str(item.get("name", f"vakantie {i + 1}")), start, end))
    own_years = {school_year_start(v.start).year for v in own_vacations}
    if region_value is not None:
        try:
            region = Region(str(region_value).lower())
        except ValueError:
            raise InputError(
                path,
                f"region {region_value!r} is onbekend; kies noord, midden of zuid",
                line=_line_of(text, "region"),
                column="region",
            ) from None
        shipped, shipped_years = shipped_vacations(region)
        # Own vacations replace the shipped ones of the school years they fall in.
        vacations.extend(
            v
            for v in shipped
            if school_year_start(v.end).year not in own_years
            and school_year_start(v.start).year not in own_years
        )
        covered |= shipped_years
    vacations.extend(own_vacations)
    covered |= own_years
    if not covered:
        raise InputError(
            path,
            "geen vakanties: geef een region (noord, midden, zuid) of [[vacation]]-tabellen",
            column="region",
        )

    closed: list[ClosedDay] = []
    for i, item in enumerate(data.get("closed", [])):
        if "date" in item:
            day = _toml_date(path, text, item["date"], "date", "closed", i)
            closed.append(ClosedDay(day, str(item.get("name", "gesloten"))))
        else:
            start = _toml_date(path, text, item.get("start"), "start", "closed", i)
            end = _toml_date(path, text, item.get("end"), "end", "closed", i)
            day = start
            while day <= end:
                closed.append(ClosedDay(day, str(item.get("name", "gesloten"))))
                day += dt.timedelta(days=1)
    close_holidays = data.get("public_holidays_closed", True)
    calendar = build_calendar(
        hours, vacations, closed, covered, close_public_holidays=bool(close_holidays)
    )

    codes: CodeMapping | None = None
    if "codes" in data:
        try:
            codes = CodeMapping.from_config(data["codes"])
        except (ValueError, TypeError, AttributeError) as exc:
            raise InputError(
                path, f"[codes]: {exc}", line=_line_of(text, "codes"), column="codes"
            ) from None

    school = School(
        name=name.strip(),
        sector=sector,
        calendar=calendar,
        brin=str(data.get("brin", "")),
        region=str(region_value or ""),
        hours_unit=unit,
    )
    return school, codes


# -- CSV helpers ------------------------------------------------------------------------------


class _Csv:
    """A CSV file read with its dialect sniffed (comma, semicolon or tab; LAS exports vary)."""

    def __init__(self, path: Path, required: tuple[str, ...], optional: tuple[str, ...]) -> None:
        self.path = path
        if not path.exists():
            raise InputError(path, "bestand ontbreekt")
        try:
            self.text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                path, f"geen UTF-8 (byte {exc.start}); sla het bestand op als UTF-8"
            ) from None
        sample = self.text[:4096]
        try:
            self.dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
                sample, delimiters=",;\t"
            )
        except csv.Error:
            self.dialect = csv.excel
        reader = csv.reader(self.text.splitlines(), self.dialect)
        try:
            header = next(reader)
        except StopIteration:
            raise InputError(
                path, "het bestand is leeg; de eerste regel moet de kolomnamen bevatten", line=1
            ) from None
        self.columns = [h.strip().lower() for h in header]
        missing = [c for c in required if c not in self.columns]
        if missing:
            raise InputError(
                path,
                f"verplichte kolom(men) ontbreken: {', '.join(missing)} (gevonden: {', '.join(self.columns)})",
                line=1,
            )
        unknown = [c for c in self.columns if c and c not in required and c not in optional]
        if unknown:
            raise InputError(
                path,
                f"onbekende kolom(men): {', '.join(unknown)}; toegestaan: {', '.join(required + optional)}",
                line=1,
            )
        dupes = {c for c in self.columns if self.columns.count(c) > 1}
        if dupes:
            raise InputError(path, f"kolom(men) dubbel: {', '.join(sorted(dupes))}", line=1)

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        reader = csv.reader(self.text.splitlines(), self.dialect)
        next(reader)
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(self.columns):
                raise InputError(
                    self.path,
                    f"{len(values)} velden, maar de kop heeft {len(self.columns)} kolommen "
                    "(een scheidingsteken te veel, of een veld met een komma zonder aanhalingstekens?)",
                    line=line,
                    column=len(self.columns) + 1,
                )
            if len(values) < len(self.columns):
                raise InputError(
                    self.path,
                    f"{len(values)} velden, maar de kop heeft {len(self.columns)} kolommen; "
                    f"kolom '{self.columns[len(values)]}' en verder ontbreken",
                    line=line,
                    column=self.columns[len(values)],
                )
            yield line, {c: v.strip() for c, v in zip(self.columns, values, strict=True)}

    def error(self, line: int, column: str, message: str) -> InputError:
        return InputError(self.path, message, line=line, column=column)

    def date(
        self, line: int, row: Mapping[str, str], column: str, *, required: bool = True
    ) -> dt.date | None:
        value = row.get(column, "")
        if not value:
            if required:
                raise self.error(line, column, f"'{column}' is leeg; vul een datum in (JJJJ-MM-DD)")
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise self.error(
                line, column, f"{value!r} is geen geldige datum; schrijf JJJJ-MM-DD"
            ) from None

    def boolean(self, line: int, row: Mapping[str, str], column: str) -> bool:
        value = row.get(column, "").lower()
        if value in TRUE_WORDS:
            return True
        if value in FALSE_WORDS:
            return False
        raise self.error(line, column, f"{value!r} is geen ja/nee; gebruik true of false")


# -- pupils.csv -------------------------------------------------------------------------------

PUPIL_REQUIRED = ("pupil_id", "birth_date")
PUPIL_OPTIONAL = (
    "enrolled_from",
    "enrolled_until",
    "municipality",
    "group",
    "startkwalificatie",
    "vo_start",
    "exit_reason",
    "next_enrolment_from",
)


def load_pupils(path: Path, as_of: dt.date | None = None) -> tuple[Pupil, ...]:
    table = _Csv(path, PUPIL_REQUIRED, PUPIL_OPTIONAL)
    pupils: list[Pupil] = []
    seen: dict[str, int] = {}
    for line, row in table.rows():
        pupil_id = row["pupil_id"]
        if not pupil_id:
            raise table.error(line, "pupil_id", "pupil_id is leeg")
        if pupil_id in seen:
            raise table.error(
                line,
                "pupil_id",
                f"leerling {pupil_id!r} staat er dubbel in (ook op regel {seen[pupil_id]})",
            )
        seen[pupil_id] = line
        birth = table.date(line, row, "birth_date")
        assert birth is not None
        if birth > dt.date.today() or birth.year < 1900:
            raise table.error(line, "birth_date", f"geboortedatum {birth} is onmogelijk")
        enrolled_from = table.date(line, row, "enrolled_from", required=False)
        enrolled_until = table.date(line, row, "enrolled_until", required=False)
        if enrolled_from and enrolled_until and enrolled_until < enrolled_from:
            raise table.error(
                line,
                "enrolled_until",
                f"uitschrijfdatum {enrolled_until} ligt voor inschrijfdatum {enrolled_from}",
            )
        if enrolled_from and enrolled_from < birth:
            raise table.error(line, "enrolled_from", "inschrijfdatum ligt voor de geboortedatum")
        exit_value = row.get("exit_reason", "")
        exit_reason: ExitReason | None = None
        if exit_value:
            try:
                exit_reason = ExitReason(exit_value.lower())
            except ValueError:
                raise table.error(
                    line,
                    "exit_reason",
                    f"{exit_value!r} is onbekend; kies nieuwe_school, emigratie, vrijstelling of "
                    "verwijderd_so",
                ) from None
        pupils.append(
            Pupil(
                pupil_id=pupil_id,
                birth_date=birth,
                enrolled_from=enrolled_from,
                enrolled_until=enrolled_until,
                municipality=row.get("municipality", ""),
                group=row.get("group", ""),
                startkwalificatie=table.boolean(line, row, "startkwalificatie"),
                vo_start=table.date(line, row, "vo_start", required=False),
                exit_reason=exit_reason,
                next_enrolment_from=table.date(line, row, "next_enrolment_from", required=False),
            )
        )
    return tuple(pupils)


# -- absences.csv -----------------------------------------------------------------------------

ABSENCE_REQUIRED = ("pupil_id", "date", "kind", "reason", "hours")
ABSENCE_OPTIONAL = ("note", "code")


def load_absences(
    path: Path,
    school: School,
    pupils: tuple[Pupil, ...],
    codes: CodeMapping | None,
    hours_factor: float,
) -> tuple[Registration, ...]:
    table = _Csv(path, ABSENCE_REQUIRED, ABSENCE_OPTIONAL)
    known = {p.pupil_id: p for p in pupils}
    calendar = school.calendar
    regs: list[Registration] = []
    per_day: dict[tuple[str, dt.date], float] = defaultdict(float)
    for line, row in table.rows():
        pupil_id = row["pupil_id"]
        pupil = known.get(pupil_id)
        if pupil is None:
            raise table.error(line, "pupil_id", f"leerling {pupil_id!r} staat niet in pupils.csv")
        day = table.date(line, row, "date")
        assert day is not None
        try:
            reason_text = _school_day_problem(calendar, day)
        except CalendarError as exc:
            raise table.error(line, "date", str(exc)) from None
        if reason_text:
            raise table.error(
                line,
                "date",
                f"{day} is geen schooldag ({reason_text}); registreer alleen op schooldagen",
            )
        if not pupil.enrolled_on(day):
            raise table.error(
                line,
                "date",
                f"{day} valt buiten de inschrijving van leerling {pupil_id} ({pupil.enrolled_from} t/m {pupil.enrolled_until})",
            )
        kind, reason = _kind_reason(table, line, row, codes)
        hours: float | None = None
        scheduled = calendar.scheduled_hours(day)
        if row["hours"]:
            try:
                hours = float(row["hours"].replace(",", ".")) * hours_factor
            except ValueError:
                raise table.error(
                    line, "hours", f"{row['hours']!r} is geen getal (uren, bijvoorbeeld 1.5)"
                ) from None
            if hours < 0 or hours != hours:
                raise table.error(
                    line, "hours", f"{row['hours']!r}: uren kunnen niet negatief zijn"
                )
            if hours > scheduled + 1e-9:
                raise table.error(
                    line, "hours", f"{hours:g} uur is meer dan de {scheduled:g} lesuren op {day}"
                )
        counted = hours if hours is not None else (0.0 if kind is Kind.LATE else scheduled)
        if reason.counts_as_absence:
            per_day[(pupil_id, day)] += counted
            if per_day[(pupil_id, day)] > scheduled + 1e-9:
                raise table.error(
                    line,
                    "hours",
                    f"leerling {pupil_id} heeft op {day} samen {per_day[(pupil_id, day)]:g} uur afwezigheid "
                    f"geregistreerd, meer dan de {scheduled:g} lesuren van die dag (dubbele registratie?)",
                )
        regs.append(Registration(pupil_id, day, kind, reason, hours, row.get("note", ""), line))
    return tuple(regs)


def _school_day_problem(calendar: SchoolCalendar, day: dt.date) -> str:
    return calendar.why_not_school_day(day)


def _kind_reason(
    table: _Csv, line: int, row: Mapping[str, str], codes: CodeMapping | None
) -> tuple[Kind, Reason]:
    code = row.get("code", "")
    if code and codes is None:
        raise table.error(
            line, "code", "kolom 'code' gebruikt, maar school.toml heeft geen [codes]-tabel"
        )
    try:
        return kind_and_reason(row["kind"], row["reason"], code, codes.resolve if codes else None)
    except VocabularyError as exc:
        raise table.error(line, exc.column, exc.message) from None


# -- verlof.csv -------------------------------------------------------------------------------

VERLOF_REQUIRED = ("pupil_id", "soort", "start", "end", "status")


def load_verlof(path: Path, school: School, pupils: tuple[Pupil, ...]) -> tuple[Verlof, ...]:
    table = _Csv(path, VERLOF_REQUIRED, ())
    known = {p.pupil_id for p in pupils}
    result: list[Verlof] = []
    for line, row in table.rows():
        if row["pupil_id"] not in known:
            raise table.error(
                line, "pupil_id", f"leerling {row['pupil_id']!r} staat niet in pupils.csv"
            )
        try:
            soort = VerlofSoort(row["soort"].lower())
        except ValueError:
            raise table.error(
                line, "soort", f"{row['soort']!r} is onbekend; kies vakantie of gewichtig"
            ) from None
        start = table.date(line, row, "start")
        end = table.date(line, row, "end")
        assert start is not None and end is not None
        if end < start:
            raise table.error(line, "end", f"einddatum {end} ligt voor begindatum {start}")
        try:
            status = VerlofStatus(row["status"].lower())
        except ValueError:
            allowed = ", ".join(s.value for s in VerlofStatus)
            raise table.error(
                line, "status", f"{row['status']!r} is onbekend; kies uit {allowed}"
            ) from None
        result.append(Verlof(row["pupil_id"], soort, start, end, status, line))
    return tuple(result)


# -- DATA_DIR ---------------------------------------------------------------------------------


def load_data_dir(data_dir: Path) -> SchoolData:
    if not data_dir.is_dir():
        raise InputError(
            data_dir, "is geen map; geef de map met school.toml, pupils.csv en absences.csv"
        )
    school_path = data_dir / "school.toml"
    school, codes = load_school(school_path)
    factor = DAGDEEL_HOURS if school.hours_unit == "dagdelen" else 1.0
    pupils = load_pupils(data_dir / "pupils.csv")
    registrations = load_absences(data_dir / "absences.csv", school, pupils, codes, factor)
    verlof_path = data_dir / "verlof.csv"
    verloven = load_verlof(verlof_path, school, pupils) if verlof_path.exists() else ()
    manual_path = data_dir / "handmatig.csv"
    manual = load_manual(manual_path, pupils) if manual_path.exists() else ()
    return SchoolData(
        school, pupils, registrations, verloven, codes, manual, manual_path if manual else None
    )


# -- handmatig.csv ----------------------------------------------------------------------------

MANUAL_REQUIRED = ("pupil_id", "step", "date")


def load_manual(path: Path, pupils: tuple[Pupil, ...]) -> tuple[ManualStep, ...]:
    """Protocol steps that staff recorded by hand (steps with a 'handmatig' condition)."""
    table = _Csv(path, MANUAL_REQUIRED, ("note",))
    known = {p.pupil_id for p in pupils}
    result: list[ManualStep] = []
    for line, row in table.rows():
        if row["pupil_id"] not in known:
            raise table.error(
                line, "pupil_id", f"leerling {row['pupil_id']!r} staat niet in pupils.csv"
            )
        if not row["step"]:
            raise table.error(
                line, "step", "step is leeg; geef het id van een handmatige protocolstap"
            )
        day = table.date(line, row, "date")
        assert day is not None
        result.append(ManualStep(row["pupil_id"], row["step"], day, row.get("note", ""), line))
    return tuple(result)


def check_manual_steps(data: SchoolData, manual_step_ids: set[str]) -> None:
    """Every row of handmatig.csv must name a manual step of the chosen protocol."""
    for record in data.manual:
        if record.step not in manual_step_ids:
            known = ", ".join(sorted(manual_step_ids)) or "(geen)"
            raise InputError(
                data.manual_path or "handmatig.csv",
                f"{record.step!r} is geen handmatige stap van dit protocol; kies uit {known}",
                line=record.line,
                column="step",
            )
