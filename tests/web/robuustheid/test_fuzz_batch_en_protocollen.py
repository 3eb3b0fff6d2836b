"""Fuzzing the readers without a database: the batch DATA_DIR (school.toml, pupils.csv,
absences.csv, verlof.csv, handmatig.csv, as ``leerrecht evaluate`` reads them) and protocol
files (``leerrecht protocols check``).

The contract (README, docs/batch-formaat.md, docs/protocollen.md): bad input stops with
:class:`~leerrecht.batch.errors.InputError` (batch, exit code 2) or
:class:`~leerrecht.core.protocols.loader.ProtocolError` (protocols), naming file and line, and
never with any other exception. The number of inputs per test is its ``max_examples``; the sum
over the fuzz suite is in test_fuzz_formulieren.py.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from robuust_hulp import (
    BIJNA,
    LASTIG,
    beschrijving_ok,
    cel,
    codeer,
    csv_tekst,
    maak,
    tekst,
    tel,
    uit_zaad,
)

from leerrecht import cli
from leerrecht.batch.errors import InputError
from leerrecht.batch.loader import (
    ABSENCE_OPTIONAL,
    ABSENCE_REQUIRED,
    MANUAL_REQUIRED,
    PUPIL_OPTIONAL,
    PUPIL_REQUIRED,
    VERLOF_REQUIRED,
    load_absences,
    load_data_dir,
    load_pupils,
    load_school,
)
from leerrecht.core.protocols.loader import (
    ProtocolError,
    load_protocol_file,
    parse_protocol,
    shipped_protocol_files,
)

VOORBEELD = Path(__file__).resolve().parents[3] / "examples" / "basisschool-de-linde"
SCHOOL_TOML = (VOORBEELD / "school.toml").read_text(encoding="utf-8")
SCHOOL, CODES = load_school(VOORBEELD / "school.toml")
LEERLINGEN = load_pupils(VOORBEELD / "pupils.csv")

#: per batch column values that are usually right
GOED: dict[str, list[str]] = {
    "pupil_id": ["p001", "p002", "p003", "p004", "p999", ""],
    "birth_date": ["2015-03-01", "2008-01-01", "2030-01-01"],
    "enrolled_from": ["2019-08-01", "2025-08-18", ""],
    "enrolled_until": ["", "2026-07-31", "2026-03-03", "2010-01-01"],
    "municipality": ["Heerlen", "Kerkrade", ""],
    "group": ["5a", "6b", ""],
    "startkwalificatie": ["false", "true", "ja", "misschien"],
    "vo_start": ["", "2027-08-01"],
    "exit_reason": ["", "nieuwe_school", "emigratie", "weg"],
    "next_enrolment_from": ["", "2026-08-01"],
    "date": ["2026-03-02", "2026-03-04", "2026-02-16", "2026-03-07", "2025-11-14"],
    "kind": ["absent", "late", ""],
    "reason": ["ziek", "ongeoorloofd", "luxe", "verlof", "schorsing", ""],
    "hours": ["", "0.25", "1", "5.5", "6", "-1", "nan"],
    "note": ["", "bus"],
    "code": ["", "Z", "TL", "Q", "z"],
    "soort": ["vakantie", "gewichtig", "onbekend"],
    "start": ["2026-03-02", "2026-02-12"],
    "end": ["2026-03-03", "2026-02-13", "2026-01-01"],
    "status": ["toegekend", "afgewezen", "?"],
    "step": ["gesprek", "brief-1", ""],
}
TOML_WAARDEN = [
    '"x"', "-1", "1e9", "nan", "inf", "25", "0", "2026-02-30", "[]", "{}", '"noord"', '"vo"',
    '"dagdelen"', "true", "2026-03-02T08:00:00", "2026-03-02", '"9999-12-31"', "1_000",
]  # fmt: skip
TOML_REGELS = ["[hours]", "[[closed]]", "[codes]", "[[vacations]]", "x = 1", "= =", "[school"]


def school_toml(rnd: random.Random) -> str:
    """The example school.toml with a few lines changed, dropped or added."""
    regels = SCHOOL_TOML.splitlines()
    for _ in range(rnd.randrange(5)):
        i = rnd.randrange(len(regels))
        keuze = rnd.randrange(6)
        if keuze == 0:
            del regels[i]
        elif keuze == 1 and "=" in regels[i]:
            waarde = rnd.choice(TOML_WAARDEN) if rnd.randrange(2) else f'"{tekst(rnd)}"'
            regels[i] = f"{regels[i].split('=', 1)[0]}= {waarde}"
        elif keuze == 2:
            regels.insert(i, rnd.choice(TOML_REGELS))
        elif keuze == 3:
            regels[i] += tekst(rnd)
        elif keuze == 4:
            regels.insert(i, f'Q = {{ kind = "{tekst(rnd)}", reason = "{tekst(rnd)}" }}')
        else:
            regels[i] = "".join(rnd.choice(LASTIG) for _ in range(rnd.randrange(8)))
        if not regels:
            break
    return "\n".join(regels)


def data_dir(rnd: random.Random) -> dict[str, bytes]:
    bestanden = {
        "school.toml": codeer(rnd, school_toml(rnd)),
        "pupils.csv": codeer(rnd, csv_tekst(rnd, PUPIL_REQUIRED + PUPIL_OPTIONAL, GOED)),
        "absences.csv": codeer(rnd, csv_tekst(rnd, ABSENCE_REQUIRED + ABSENCE_OPTIONAL, GOED)),
    }
    if rnd.randrange(2):
        bestanden["verlof.csv"] = codeer(rnd, csv_tekst(rnd, VERLOF_REQUIRED, GOED))
    if rnd.randrange(4) == 0:
        bestanden["handmatig.csv"] = codeer(rnd, csv_tekst(rnd, (*MANUAL_REQUIRED, "note"), GOED))
    for naam in list(bestanden):
        if rnd.randrange(30) == 0:
            del bestanden[naam]  # a missing file
        elif rnd.randrange(30) == 0:
            bestanden[naam] = rnd.randbytes(rnd.randrange(300))  # junk
    return bestanden


def _als_bytes(bestanden: dict[str, bytes]) -> bytes:
    """A DATA_DIR as one input for :func:`uit_zaad` (file name, NUL, content, NUL, ...)."""
    return b"\x00\x00".join(n.encode() + b"\x00\x01" + c for n, c in bestanden.items())


def _uit_bytes(data: bytes) -> dict[str, bytes]:
    bestanden: dict[str, bytes] = {}
    for deel in data.split(b"\x00\x00"):
        naam, _, inhoud = deel.partition(b"\x00\x01")
        if naam in (b"school.toml", b"pupils.csv", b"absences.csv", b"verlof.csv"):
            bestanden[naam.decode()] = inhoud
    return bestanden


def _schrijf(map_: Path, bestanden: dict[str, bytes]) -> None:
    for naam, inhoud in bestanden.items():
        (map_ / naam).write_bytes(inhoud)


NIET_UTF8_TOML = _als_bytes({"school.toml": b'name = "De Linde"\n# caf\xe9\n'})


@settings(max_examples=1_500, deadline=None)
@given(data=uit_zaad(lambda rnd: _als_bytes(data_dir(rnd))))
@example(data=NIET_UTF8_TOML)  # fixed: school.toml that is not UTF-8 was a UnicodeDecodeError
def test_batch_data_dir_geeft_alleen_invoerfouten(data: bytes) -> None:
    tel("batch DATA_DIR (load_data_dir)")
    with tempfile.TemporaryDirectory() as tmp:
        _schrijf(Path(tmp), _uit_bytes(data))
        try:
            load_data_dir(Path(tmp))
        except InputError as exc:
            assert beschrijving_ok(exc.message) and beschrijving_ok(str(exc))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=uit_zaad(lambda rnd: _als_bytes(data_dir(rnd))))
@example(data=_als_bytes({"school.toml": SCHOOL_TOML.encode()}))
def test_leerrecht_evaluate_stopt_met_exitcode_2_nooit_met_een_traceback(data: bytes) -> None:
    tel("leerrecht evaluate (cli)")
    with tempfile.TemporaryDirectory() as tmp:
        _schrijf(Path(tmp), _uit_bytes(data))
        fout, uit = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(fout), contextlib.redirect_stdout(uit):
            code = cli.main(["evaluate", tmp, "--as-of", "2026-03-20", "--format", "json"])
        assert code in (0, 2)
        if code == 2:
            assert fout.getvalue().startswith("leerrecht: fout in invoer: ")


def _bestand(data: bytes, suffix: str = ".csv") -> Path:
    fd, naam = tempfile.mkstemp(suffix=suffix)
    os.close(fd)
    pad = Path(naam)
    pad.write_bytes(data)
    return pad


def _pupils(rnd: random.Random) -> bytes:
    return codeer(rnd, csv_tekst(rnd, PUPIL_REQUIRED + PUPIL_OPTIONAL, GOED))


def _absences(rnd: random.Random) -> bytes:
    return codeer(rnd, csv_tekst(rnd, ABSENCE_REQUIRED + ABSENCE_OPTIONAL, GOED))


@settings(max_examples=12_000, deadline=None)
@given(data=uit_zaad(_pupils))
def test_pupils_csv_geeft_alleen_invoerfouten(data: bytes) -> None:
    tel("batch pupils.csv")
    pad = _bestand(data)
    try:
        load_pupils(pad)
    except InputError as exc:
        assert beschrijving_ok(exc.message)
    finally:
        pad.unlink()


@settings(max_examples=12_000, deadline=None)
@given(data=uit_zaad(_absences))
def test_absences_csv_geeft_alleen_invoerfouten(data: bytes) -> None:
    tel("batch absences.csv")
    pad = _bestand(data)
    try:
        load_absences(pad, SCHOOL, LEERLINGEN, CODES, 1.0)
    except InputError as exc:
        assert beschrijving_ok(exc.message)
    finally:
        pad.unlink()


# -- protocols ------------------------------------------------------------------------------


def _eerste_stap(tekst_: str) -> str:
    """A shipped protocol cut after its first step: parsing a whole one takes 100 ms."""
    eerste = tekst_.index("\n  - id:")
    return tekst_[: tekst_.index("\n  - id:", eerste + 1)]


PROTOCOLLEN = [
    _eerste_stap(pad.read_text(encoding="utf-8")) for pad in shipped_protocol_files().values()
]
YAML_WAARDEN = ["-1", "[]", "{}", "null", "&a x", "*a", "!!python/object:os.system", "1e999"]


def protocol_tekst(rnd: random.Random) -> str:
    """A shipped protocol with lines changed, dropped, duplicated or cut off."""
    regels = rnd.choice(PROTOCOLLEN).splitlines()
    for _ in range(rnd.randrange(1, 5)):
        if not regels:
            break
        i = rnd.randrange(len(regels))
        keuze = rnd.randrange(7)
        if keuze == 0:
            del regels[i]
        elif keuze == 1:
            regels.insert(i, regels[i])  # a duplicate key or step
        elif keuze == 2 and ":" in regels[i]:
            waarde = rnd.choice(YAML_WAARDEN) if rnd.randrange(2) else cel(rnd)
            regels[i] = f"{regels[i].split(':', 1)[0]}: {waarde}"
        elif keuze == 3:
            regels[i] = "  " * rnd.randrange(7) + regels[i].lstrip()  # wrong indent
        elif keuze == 4:
            regels = regels[:i]  # cut off
        elif keuze == 5:
            regels.insert(i, "".join(rnd.choice(LASTIG + ":-[]{}&*!|>") for _ in range(8)))
        else:
            regels[i] = regels[i].replace(":", rnd.choice(["", "::", " :", ": :"]), 1)
    return "\n".join(regels)


@settings(max_examples=2_500, deadline=None)
@given(data=uit_zaad(lambda rnd: protocol_tekst(rnd).encode("utf-8", "surrogatepass")))
@example(data=b"id: x\n\x00")  # fixed: a control character was a yaml ReaderError
@example(data=b"- " * 5000)  # fixed: deep nesting was a RecursionError
@example(data=b"[" * 5000)
@example(data=b"id: " + b"9" * 5000)  # fixed: a 5,000-digit number was a ValueError
def test_protocolbestand_geeft_alleen_protocolfouten(data: bytes) -> None:
    tel("protocol (parse_protocol)")
    try:
        parse_protocol(data.decode("utf-8", "replace"), "fuzz.yaml")
    except ProtocolError as exc:
        assert exc.issues and all(beschrijving_ok(i.message) for i in exc.issues)


@settings(max_examples=500, deadline=None)
@given(data=uit_zaad(lambda rnd: codeer(rnd, protocol_tekst(rnd))))
@example(data=b"id: caf\xe9\n")  # fixed: a file that is not UTF-8 was a UnicodeDecodeError
def test_protocols_check_met_willekeurige_bytes(data: bytes) -> None:
    """``leerrecht protocols check FILE``: exit code 0 or 2 with a message, never a traceback."""
    tel("leerrecht protocols check (cli)")
    pad = _bestand(data, ".yaml")
    try:
        with contextlib.suppress(ProtocolError):
            load_protocol_file(pad)
        fout, uit = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(fout), contextlib.redirect_stdout(uit):
            code = cli.main(["protocols", "check", str(pad)])
    finally:
        pad.unlink()
    assert code in (0, 2)
    assert code == 0 or re.match(r"leerrecht: .* is ongeldig:", fout.getvalue())


def test_de_generatoren_maken_bijna_geldige_invoer() -> None:
    """The generators are not only noise: many files have the real header and rows."""
    pupils = [maak(_pupils, zaad) for zaad in range(200)]
    assert sum(b"pupil_id" in p and b"birth_date" in p for p in pupils) > 80
    assert sum(b"p001" in p and b"2015-03-01" in p for p in pupils) > 20
    assert "2026-02-30" in BIJNA
